// The analytic interval classes on flat arrays with sparse products (src/forecast/etsIntervals.ts)
// against their first form, kept here as the oracle: R's formulas written with ml-matrix's dense
// products and Kronecker products. The sparse products add the same nonzero terms in the same
// order, so means and variances must agree to the bit on every form, period and parameter set.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { class1, class3, type MeanVariance } from '../../src/forecast/etsIntervals.js';
import type { EtsForm, EtsParams } from '../../src/forecast/etsRecursion.js';

function denseClass1(h: number, last: readonly number[], form: EtsForm, sigma2: number, par: EtsParams): MeanVariance & { cj: number[] } {
  const p = last.length;
  const m = form.m;
  const phi = form.damped ? par.phi : 1;
  const H = new Float64Array(p);
  H[0] = 1;
  if (form.season === 1) H[p - 1] = 1;
  if (form.trend === 1) H[1] = phi;
  const F = Matrix.zeros(p, p);
  F.set(0, 0, 1);
  if (form.trend === 1) { F.set(0, 1, phi); F.set(1, 1, phi); }
  if (form.season === 1) {
    F.set(p - m, p - 1, 1);
    for (let i = 0; i < m - 1; i++) F.set(p - m + 1 + i, p - m + i, 1);
  }
  const G = new Float64Array(p);
  G[0] = par.alpha;
  if (form.trend === 1) G[1] = par.beta;
  if (form.season === 1) G[form.trend === 1 ? 2 : 1] = par.gamma;
  const mu: number[] = [];
  const cj: number[] = [];
  let Fj = Matrix.eye(p, p);
  const hRow = (M: Matrix, v: ArrayLike<number>) => {
    let s = 0;
    for (let i = 0; i < p; i++) { let r = 0; for (let j = 0; j < p; j++) r += M.get(i, j) * v[j]!; s += H[i]! * r; }
    return s;
  };
  for (let i = 0; i < h - 1; i++) {
    mu.push(hRow(Fj, last));
    cj.push(hRow(Fj, G));
    Fj = Fj.mmul(F);
  }
  mu.push(hRow(Fj, last));
  const variance = [sigma2];
  let acc = 0;
  for (let i = 0; i < h - 1; i++) { acc += cj[i]! * cj[i]!; variance.push(sigma2 * (1 + acc)); }
  return { mu, variance, cj };
}

function denseClass3(h: number, last: readonly number[], form: EtsForm, sigma2: number, par: EtsParams): MeanVariance {
  const p = last.length;
  const m = form.m;
  const nt = p - m;
  const H1 = Matrix.ones(1, nt);
  const H2 = Matrix.zeros(1, m);
  H2.set(0, m - 1, 1);
  let F1: Matrix, G1: Matrix;
  if (form.trend === 0) {
    F1 = new Matrix([[1]]);
    G1 = new Matrix([[par.alpha]]);
  } else {
    F1 = new Matrix([[1, 1], [0, form.damped ? par.phi : 1]]);
    G1 = new Matrix([[par.alpha, par.alpha], [par.beta, par.beta]]);
  }
  const F2 = Matrix.zeros(m, m);
  F2.set(0, m - 1, 1);
  for (let i = 1; i < m; i++) F2.set(i, i - 1, 1);
  const G2 = Matrix.zeros(m, m);
  G2.set(0, m - 1, par.gamma);
  let Mh = new Matrix([last.slice(0, nt)]).transpose().mmul(new Matrix([last.slice(nt)]));
  const size = nt * m;
  let Vh = Matrix.zeros(size, size);
  const H21 = H2.kroneckerProduct(H1);
  const F21 = F2.kroneckerProduct(F1);
  const G21 = G2.kroneckerProduct(G1);
  const K = G2.kroneckerProduct(F1).add(F2.kroneckerProduct(G1));
  const F21t = F21.transpose(), G21t = G21.transpose(), Kt = K.transpose(), H21t = H21.transpose();
  const H2t = H2.transpose(), F2t = F2.transpose(), G2t = G2.transpose();
  const mu: number[] = [];
  const variance: number[] = [];
  for (let i = 0; i < h; i++) {
    const mi = H1.mmul(Mh).mmul(H2t).get(0, 0);
    mu.push(mi);
    variance.push((1 + sigma2) * H21.mmul(Vh).mmul(H21t).get(0, 0) + sigma2 * mi * mi);
    // vec(Mh), column-major as R's c().
    const vec = new Matrix(size, 1);
    for (let c = 0; c < m; c++) for (let r = 0; r < nt; r++) vec.set(c * nt + r, 0, Mh.get(r, c));
    const vv = vec.mmul(vec.transpose());
    const next = F21.mmul(Vh).mmul(F21t)
      .add(
        F21.mmul(Vh).mmul(G21t)
          .add(G21.mmul(Vh).mmul(F21t))
          .add(K.mmul(Vh.clone().add(vv)).mmul(Kt))
          .add(G21.mmul(Vh.clone().mul(3).add(vv.clone().mul(2))).mmul(G21t).mul(sigma2))
          .mul(sigma2),
      );
    Vh = next;
    Mh = F1.mmul(Mh).mmul(F2t).add(G1.mmul(Mh).mmul(G2t).mul(sigma2));
  }
  return { mu, variance };
}

const params = fc.record({
  alpha: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
  beta: fc.double({ min: 0.001, max: 0.3, noNaN: true }),
  gamma: fc.double({ min: 0, max: 0.5, noNaN: true }),
  phi: fc.double({ min: 0.8, max: 0.98, noNaN: true }),
});

describe('analytic ETS intervals: sparse products equal the dense formulas to the bit', () => {
  test('class 1 (A error; trend N/A/Ad; season N/A), periods 1 to 12', () => {
    fc.assert(fc.property(
      fc.constantFrom(0, 1), fc.boolean(), fc.constantFrom(0, 1), fc.integer({ min: 1, max: 12 }), params,
      fc.integer({ min: 1, max: 30 }), fc.double({ min: 1e-4, max: 50, noNaN: true }), fc.array(fc.double({ min: -100, max: 500, noNaN: true }), { minLength: 16, maxLength: 16 }),
      (trend, damped, season, period, par, h, sigma2, states) => {
        const m = season === 1 ? Math.max(period, 2) : 1;
        const form: EtsForm = { error: 1, trend, season, damped: trend === 1 && damped, m };
        const last = states.slice(0, 1 + trend + (season === 1 ? m : 0));
        const got = class1(h, last, form, sigma2, par as EtsParams);
        const want = denseClass1(h, last, form, sigma2, par as EtsParams);
        expect(got.mu).toEqual(want.mu);
        expect(got.variance).toEqual(want.variance);
        expect(got.cj).toEqual(want.cj);
      },
    ), { numRuns: 300, seed: 15 });
  });

  test('class 3 (M error, M season; trend N/A/Ad), periods 2 to 12', () => {
    fc.assert(fc.property(
      fc.constantFrom(0, 1), fc.boolean(), fc.integer({ min: 2, max: 12 }), params,
      fc.integer({ min: 1, max: 30 }), fc.double({ min: 1e-5, max: 0.05, noNaN: true }), fc.double({ min: 10, max: 1000, noNaN: true }),
      fc.double({ min: -2, max: 2, noNaN: true }), fc.array(fc.double({ min: 0.5, max: 1.5, noNaN: true }), { minLength: 12, maxLength: 12 }),
      (trend, damped, m, par, h, sigma2, level, slope, season) => {
        const form: EtsForm = { error: 2, trend, season: 2, damped: trend === 1 && damped, m };
        const last = [level, ...(trend === 1 ? [slope] : []), ...season.slice(0, m)];
        const got: MeanVariance = class3(h, last, form, sigma2, par as EtsParams);
        const want = denseClass3(h, last, form, sigma2, par as EtsParams);
        expect(got.mu).toEqual(want.mu);
        expect(got.variance).toEqual(want.variance);
      },
    ), { numRuns: 300, seed: 15 });
  });
});
