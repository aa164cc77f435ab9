import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createRandom } from '../../src/core/random.js';
import {
  armRates,
  curveArea,
  fitClassTransformationUplift,
  fitTwoModelUplift,
  minimumDetectableEffect,
  perfectQiniCurve,
  predictClassTransformationUplift,
  predictTwoModelUplift,
  proportionInterval,
  proportionsChiSquareTest,
  qiniAucScore,
  qiniCurve,
  rateDifference,
  rateRatio,
  twoProportionPower,
  twoProportionSampleSize,
  twoProportionZTest,
  upliftAtK,
  upliftAucScore,
  upliftByPercentile,
  upliftCurve,
  weightedAverageUplift,
  type ProportionIntervalMethod,
} from '../../src/campaign/index.js';
import { fitLogistic, predictLogisticProba } from '../../src/linear/index.js';
import { fitDecisionTree, predictDecisionTreeProba } from '../../src/tree/index.js';
import { codeOf } from '../helpers/errors.js';

const Y = [1, 0, 0, 1, 1, 0];
const U = [0.9, 0.5, 0.4, 0.1, 0.3, 0.2];
const W = [1, 0, 1, 0, 1, 0];

/** A seeded campaign with a known uplift: treated customers with x > 0 convert 0.2 more often. */
function simulate(n: number, seed: number, treatedShare = 0.5) {
  const r = createRandom(seed);
  const features: number[][] = [];
  const outcomes: number[] = [];
  const treatment: number[] = [];
  const trueUplift: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = r() * 2 - 1;
    const z = r() * 2 - 1;
    const t = r() < treatedShare ? 1 : 0;
    const lift = x > 0 ? 0.2 : -0.05;
    const p = 0.2 + 0.1 * z + t * lift;
    features.push([x, z]);
    treatment.push(t);
    outcomes.push(r() < p ? 1 : 0);
    trueUplift.push(lift);
  }
  return { features, outcomes, treatment, trueUplift };
}

describe('bad input gives a CrmError with a code', () => {
  test('proportionInterval refuses empty arms, counts above trials, non-integers, NaN and negatives', () => {
    expect(codeOf(() => proportionInterval({ successes: 0, trials: 0 }))).toBe('EMPTY_INPUT');
    expect(codeOf(() => proportionInterval({ successes: 11, trials: 10 }))).toBe('INVALID_INPUT');
    expect(codeOf(() => proportionInterval({ successes: 2.5, trials: 10 }))).toBe('INVALID_INPUT');
    expect(codeOf(() => proportionInterval({ successes: NaN, trials: 10 }))).toBe('NON_FINITE');
    expect(codeOf(() => proportionInterval({ successes: 1, trials: Infinity }))).toBe('NON_FINITE');
    expect(codeOf(() => proportionInterval({ successes: -1, trials: 10 }))).toBe('NEGATIVE_VALUE');
    expect(codeOf(() => proportionInterval({ successes: '3', trials: 10 } as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => proportionInterval(null as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => proportionInterval({ successes: 1, trials: 10 }, { confidence: 95 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => proportionInterval({ successes: 1, trials: 10 }, { method: 'exact' as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => proportionInterval({ successes: 1, trials: 10 }, { alpha: 0.05 } as never))).toBe('INVALID_OPTION');
  });

  test('proportionInterval at 0 successes and at all successes gives a documented interval, not NaN', () => {
    for (const method of ['wilson', 'normal', 'agrestiCoull', 'clopperPearson', 'jeffreys'] as const) {
      const zero = proportionInterval({ successes: 0, trials: 20 }, { method });
      const all = proportionInterval({ successes: 20, trials: 20 }, { method });
      for (const v of [zero.lower, zero.upper, all.lower, all.upper]) expect(Number.isFinite(v), method).toBe(true);
      expect(zero.lower).toBeLessThanOrEqual(1e-15);
      expect(all.upper).toBeGreaterThanOrEqual(1 - 1e-15);
    }
    expect(proportionInterval({ successes: 0, trials: 20 }, { method: 'normal' }).upper).toBe(0); // Wald collapses: why Wilson is the default
  });

  test('the tests refuse a single arm, and no or only conversions, instead of returning NaN', () => {
    expect(codeOf(() => proportionsChiSquareTest([{ successes: 1, trials: 5 }]))).toBe('INVALID_INPUT');
    expect(codeOf(() => proportionsChiSquareTest([]))).toBe('INVALID_INPUT');
    expect(codeOf(() => proportionsChiSquareTest('x' as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => twoProportionZTest({ successes: 0, trials: 5 }, { successes: 0, trials: 6 }))).toBe('INVALID_INPUT');
    expect(codeOf(() => twoProportionZTest({ successes: 5, trials: 5 }, { successes: 6, trials: 6 }))).toBe('INVALID_INPUT');
    expect(codeOf(() => proportionsChiSquareTest([{ successes: 0, trials: 5 }, { successes: 0, trials: 6 }]))).toBe('INVALID_INPUT');
    expect(codeOf(() => twoProportionZTest({ successes: 1, trials: 5 }, { successes: 2, trials: 6 }, { alternative: 'two-sided' as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => rateRatio({ successes: 0, trials: 5 }, { successes: 2, trials: 6 }))).toBe('INVALID_INPUT');
    expect(Number.isFinite(rateRatio({ successes: 0, trials: 5 }, { successes: 2, trials: 6 }, { method: 'logAdjusted' }).upper)).toBe(true);
    expect(codeOf(() => rateDifference({ successes: 1, trials: 5 }, { successes: 7, trials: 6 }))).toBe('INVALID_INPUT');
  });

  test('proportionsChiSquareTest with a hole in arms is INVALID_INPUT naming arms[1]; trials beyond the number range are NON_FINITE', () => {
    const arms = [{ successes: 60, trials: 500 }, { successes: 40, trials: 500 }, { successes: 50, trials: 500 }];
    delete (arms as unknown[])[1];
    expect(codeOf(() => proportionsChiSquareTest(arms))).toBe('INVALID_INPUT');
    expect(() => proportionsChiSquareTest(arms)).toThrow(/arms\[1\] must be \{ successes, trials \}/);
    expect(codeOf(() => proportionsChiSquareTest([{ successes: 1e308, trials: 1e308 }, { successes: 1, trials: 1.7e308 }]))).toBe('NON_FINITE');
  });

  test('proportionsChiSquareTest on huge counts stays finite and equals the two-sided z test squared', () => {
    const a = { successes: 3e200, trials: 1e201 };
    const b = { successes: 2e200, trials: 1e201 };
    const chi = proportionsChiSquareTest([a, b]);
    const z = twoProportionZTest(a, b);
    expect(Number.isFinite(chi.statistic)).toBe(true);
    expect(chi.statistic).toBeCloseTo(z.z * z.z, -190);
    expect(chi.statistic / (z.z * z.z)).toBeCloseTo(1, 12);
  });

  test.each([undefined, null, NaN, 0, 'abc', [], {}, Object.create(null), Symbol('s'), 10n, () => 1])(
    'curveArea(%s) is a CrmError with a code, not a raw TypeError',
    (bad) => {
      expect(codeOf(() => curveArea(bad as never))).toBe('INVALID_INPUT');
    },
  );

  test('curveArea refuses malformed points: lengths, holes, NaN, decreasing or negative counts, an overflowing area', () => {
    const ok = { targeted: [0, 1, 2], incremental: [0, 1, 1] };
    expect(curveArea(ok)).toBe(1.5);
    const holed = [0, 1, 1];
    delete holed[1];
    expect(codeOf(() => curveArea({ targeted: [], incremental: [] }))).toBe('EMPTY_INPUT');
    expect(codeOf(() => curveArea({ targeted: [0, 1], incremental: [0, 1, 1] }))).toBe('LENGTH_MISMATCH');
    expect(codeOf(() => curveArea({ targeted: [0, 1, 2], incremental: holed }))).toBe('INVALID_INPUT');
    expect(codeOf(() => curveArea({ targeted: [0, NaN, 2], incremental: [0, 1, 1] }))).toBe('NON_FINITE');
    expect(codeOf(() => curveArea({ targeted: [0, 2, 1], incremental: [0, 1, 1] }))).toBe('INVALID_INPUT');
    expect(codeOf(() => curveArea({ targeted: [-1, 1, 2], incremental: [0, 1, 1] }))).toBe('INVALID_INPUT');
    expect(codeOf(() => curveArea({ targeted: [0, 1e308], incremental: [0, 1e308] }))).toBe('NON_FINITE');
    // Points near the number range: halves first, so the trapezoid of 1e308 and 1e308 is 1e308, not Infinity.
    expect(curveArea({ targeted: [0, 1], incremental: [1e308, 1e308] })).toBe(1e308);
  });

  test('the planning functions refuse impossible plans with INVALID_OPTION', () => {
    expect(codeOf(() => twoProportionSampleSize({ controlRate: 0.1, treatedRate: 0.1 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => twoProportionSampleSize({ controlRate: 0.1, treatedRate: 0.08, alternative: 'larger' }))).toBe('INVALID_OPTION');
    expect(codeOf(() => twoProportionSampleSize({ controlRate: 0.1, treatedRate: 0.12, power: 0.04 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => twoProportionSampleSize({ controlRate: 1.2, treatedRate: 0.12 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => twoProportionSampleSize({ treatedRate: 0.12 } as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => twoProportionSampleSize({ controlRate: 0, treatedRate: 5e-324 }))).toBe('INVALID_OPTION'); // h = 4e-162: no finite size
    expect(codeOf(() => twoProportionPower({ controlRate: 0.1, treatedRate: 0.12, treatedSize: 0 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => twoProportionPower({ controlRate: 0.1, treatedRate: 0.12, treatedSize: 10, ratio: 0 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => minimumDetectableEffect({ controlRate: 0.1, treatedSize: 3, power: 0.99, alpha: 0.001 }))).toBe('INVALID_OPTION');
  });

  test('the uplift metrics refuse a single arm, flags that are not 0/1, NaN scores and mismatched lengths', () => {
    const fns = [
      (y: unknown, u: unknown, w: unknown) => upliftCurve(y as never, u as never, w as never),
      (y: unknown, u: unknown, w: unknown) => qiniCurve(y as never, u as never, w as never),
      (y: unknown, u: unknown, w: unknown) => qiniAucScore(y as never, u as never, w as never),
      (y: unknown, u: unknown, w: unknown) => upliftAucScore(y as never, u as never, w as never),
      (y: unknown, u: unknown, w: unknown) => upliftAtK(y as never, u as never, w as never),
      (y: unknown, u: unknown, w: unknown) => upliftByPercentile(y as never, u as never, w as never, { bins: 2 }),
    ];
    for (const f of fns) {
      expect(codeOf(() => f(Y, U, [1, 1, 1, 1, 1, 1]))).toBe('SINGLE_CLASS'); // all treated
      expect(codeOf(() => f(Y, U, [0, 0, 0, 0, 0, 0]))).toBe('SINGLE_CLASS');
      expect(codeOf(() => f(Y, U, [1, 0, 2, 0, 1, 0]))).toBe('NOT_BINARY');
      expect(codeOf(() => f(Y, U, [1, 0, 'yes', 0, 1, 0]))).toBe('NOT_BINARY');
      expect(codeOf(() => f(Y, U, [1, 0, null, 0, 1, 0]))).toBe('MISSING_VALUE');
      expect(codeOf(() => f([1, 0, 0.5, 1, 1, 0], U, W))).toBe('NOT_BINARY');
      expect(codeOf(() => f(Y, [0.9, NaN, 0.4, 0.1, 0.3, 0.2], W))).toBe('NON_FINITE');
      expect(codeOf(() => f(Y, [0.9, '1', 0.4, 0.1, 0.3, 0.2], W))).toBe('INVALID_INPUT');
      expect(codeOf(() => f(Y, U.slice(1), W))).toBe('LENGTH_MISMATCH');
      expect(codeOf(() => f(Y, U, W.slice(1)))).toBe('LENGTH_MISMATCH');
      expect(codeOf(() => f([], [], []))).toBe('EMPTY_INPUT');
      expect(codeOf(() => f('abc', U, W))).toBe('INVALID_INPUT');
    }
  });

  test('upliftAtK refuses k out of range, both k forms, and a top k without one arm', () => {
    for (const fraction of [0, 1, 1.5, -0.1, NaN]) expect(codeOf(() => upliftAtK(Y, U, W, { fraction })), `fraction ${fraction}`).toBe('INVALID_OPTION');
    for (const count of [0, 6, 2.5]) expect(codeOf(() => upliftAtK(Y, U, W, { count })), `count ${count}`).toBe('INVALID_OPTION');
    expect(codeOf(() => upliftAtK(Y, U, W, { count: 4, strategy: 'byGroup' }))).toBe('INVALID_OPTION');
    expect(codeOf(() => upliftAtK(Y, U, W, { fraction: 0.3, count: 2 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => upliftAtK(Y, U, W, { count: 1 }))).toBe('INVALID_INPUT'); // the top row is treated only
    expect(codeOf(() => upliftAtK(Y, U, W, { fraction: 0.1 }))).toBe('INVALID_INPUT'); // floor(0.6) = 0 rows
    expect(codeOf(() => upliftByPercentile(Y, U, W, { bins: 6 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => weightedAverageUplift(Y, U, W, { bins: 5 }))).toBe('INVALID_INPUT'); // a group of one row
  });

  test('qiniAucScore without negative effects refuses a campaign with no positive overall effect', () => {
    expect(codeOf(() => qiniAucScore([0, 1, 0, 1], [1, 2, 3, 4], [1, 0, 1, 0], { negativeEffect: false }))).toBe('INVALID_INPUT');
    expect(codeOf(() => qiniAucScore([0, 0, 0, 0], [1, 2, 3, 4], [1, 0, 1, 0]))).toBe('INVALID_INPUT'); // no converter: 0/0
    expect(codeOf(() => qiniAucScore(Y, U, W, { negativeEffect: 1 as never }))).toBe('INVALID_OPTION');
  });

  test('armRates refuses missing or mixed arm labels', () => {
    expect(codeOf(() => armRates([1, 0], ['a', null as never]))).toBe('MISSING_VALUE');
    expect(codeOf(() => armRates([1, 0], ['a', 1]))).toBe('INVALID_INPUT');
    expect(codeOf(() => armRates([1, 0], ['a']))).toBe('LENGTH_MISMATCH');
    expect(codeOf(() => armRates([], []))).toBe('EMPTY_INPUT');
  });

  test('the uplift models refuse a non-function, bad data, a wrong model and predictions that are not probabilities', () => {
    const mean = (_x: number[][], y: number[]) => y.reduce((a, b) => a + b, 0) / y.length;
    const data = { features: [[0], [1], [2], [3]], outcomes: [1, 0, 0, 1], treatment: [1, 1, 0, 0] };
    expect(codeOf(() => fitTwoModelUplift('fit' as never, data))).toBe('INVALID_OPTION');
    expect(codeOf(() => fitTwoModelUplift(mean, { ...data, treatment: [1, 1, 1, 1] }))).toBe('SINGLE_CLASS');
    expect(codeOf(() => fitTwoModelUplift(mean, { ...data, features: [[0]] }))).toBe('LENGTH_MISMATCH');
    expect(codeOf(() => fitTwoModelUplift(mean, null as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => fitClassTransformationUplift(mean, data, { balance: 'resample' as never }))).toBe('INVALID_OPTION');
    const m = fitTwoModelUplift(mean, data);
    expect(codeOf(() => predictTwoModelUplift((p: number, x: number[][]) => x.map(() => p), { ...m, kind: 'x' } as never, [[0]]))).toBe('INVALID_MODEL');
    expect(codeOf(() => predictTwoModelUplift((p: number, x: number[][]) => x.map(() => p + 1), m, [[0]]))).toBe('INVALID_INPUT');
    expect(codeOf(() => predictTwoModelUplift((_p: number, _x: number[][]) => [0.5, 0.5], m, [[0]]))).toBe('INVALID_INPUT');
    expect(codeOf(() => predictTwoModelUplift((p: number, x: number[][]) => x.map(() => p), m, 'rows' as never))).toBe('INVALID_INPUT');
  });

  test('no function mutates its inputs', () => {
    const y = Y.slice();
    const u = U.slice();
    const w = W.slice();
    upliftCurve(y, u, w);
    qiniAucScore(y, u, w);
    upliftByPercentile(y, u, w, { bins: 2 });
    upliftAtK(y, u, w, { fraction: 0.5 });
    expect([y, u, w]).toEqual([Y, U, W]);
  });
});

describe('properties', () => {
  test('every interval method contains the observed rate and lies in [0, 1]', () => {
    const methods: ProportionIntervalMethod[] = ['wilson', 'normal', 'agrestiCoull', 'clopperPearson', 'jeffreys'];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...methods), fc.double({ min: 0.5, max: 0.999, noNaN: true }), (n, share, method, confidence) => {
        const x = Math.round(share * n);
        const ci = proportionInterval({ successes: x, trials: n }, { method, confidence });
        expect(ci.lower).toBeGreaterThanOrEqual(0);
        expect(ci.upper).toBeLessThanOrEqual(1);
        expect(ci.lower).toBeLessThanOrEqual(ci.rate + 1e-15);
        expect(ci.upper).toBeGreaterThanOrEqual(ci.rate - 1e-15);
      }),
    );
  });

  const campaign = fc.integer({ min: 4, max: 60 }).chain((n) =>
    fc.tuple(
      fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }),
      fc.array(fc.integer({ min: -3, max: 3 }), { minLength: n, maxLength: n }),
      fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }),
    ),
  );
  const usable = ([y, , w]: number[][]) => w!.includes(0) && w!.includes(1) && y!.includes(1);

  test('the Qini coefficient of the perfect ranking is 1: its curve is the perfect curve', () => {
    fc.assert(
      fc.property(campaign.filter(usable), ([y, , w]) => {
        const perfect = y!.map((v, i) => v * w![i]! - v * (1 - w![i]!));
        const pq = perfectQiniCurve(y!, w!);
        expect(qiniCurve(y!, perfect, w!).incremental).toEqual(pq.incremental);
        const flat = pq.incremental.every((v, i) => Math.abs(v - (pq.incremental.at(-1)! * pq.targeted[i]!) / pq.targeted.at(-1)!) < 1e-12);
        if (!flat) expect(qiniAucScore(y!, perfect, w!)).toBeCloseTo(1, 12);
      }),
    );
  });

  test('the curves ignore row order (ties form one point) and end at the overall effect', () => {
    fc.assert(
      fc.property(campaign.filter(usable), fc.integer(), ([y, u, w], seed) => {
        const r = createRandom(seed);
        const perm = y!.map((_, i) => i).sort(() => r() - 0.5);
        const p = <T>(a: T[]) => perm.map((i) => a[i]!);
        for (const curve of [upliftCurve, qiniCurve]) {
          const a = curve(y!, u!, w!);
          const b = curve(p(y!), p(u!), p(w!));
          expect(b.targeted).toEqual(a.targeted);
          b.incremental.forEach((v, i) => expect(v).toBeCloseTo(a.incremental[i]!, 12));
        }
        const nt = w!.filter((v) => v === 1).length;
        const yt = y!.filter((v, i) => v === 1 && w![i] === 1).length;
        const yc = y!.filter((v, i) => v === 1 && w![i] === 0).length;
        const n = y!.length;
        expect(upliftCurve(y!, u!, w!).incremental.at(-1)).toBeCloseTo((yt / nt - yc / (n - nt)) * n, 10);
        expect(qiniCurve(y!, u!, w!).incremental.at(-1)).toBeCloseTo(yt - (yc * nt) / (n - nt), 10);
      }),
    );
  });

  test('the two-sided p-value is twice the smaller one-sided p-value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 400 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (n1, n2, a, b) => {
        const t = { successes: Math.round(a * n1), trials: n1 };
        const c = { successes: Math.round(b * n2), trials: n2 };
        const pooled = (t.successes + c.successes) / (n1 + n2);
        fc.pre(pooled > 0 && pooled < 1);
        const two = twoProportionZTest(t, c).pValue;
        const larger = twoProportionZTest(t, c, { alternative: 'larger' }).pValue;
        const smaller = twoProportionZTest(t, c, { alternative: 'smaller' }).pValue;
        expect(two).toBeCloseTo(2 * Math.min(larger, smaller), 14);
        expect(larger + smaller).toBeCloseTo(1, 14);
      }),
    );
  });
});

describe('uplift models on any scorer', () => {
  // A weighted mean is the simplest probability model: it makes both approaches exactly checkable.
  const weightedMean = (_x: unknown[], y: number[], w: number[] | undefined) => {
    let s = 0;
    let t = 0;
    y.forEach((v, i) => {
      s += (w?.[i] ?? 1) * v;
      t += w?.[i] ?? 1;
    });
    return s / t;
  };
  const constant = (m: number, x: unknown[]) => x.map(() => m);

  test('with a constant model both approaches predict the rate difference; class transformation needs the weights when arms differ', () => {
    const d = simulate(3000, 5, 0.7);
    const nt = d.treatment.filter((t) => t === 1).length;
    const rt = d.outcomes.filter((y, i) => y === 1 && d.treatment[i] === 1).length / nt;
    const rc = d.outcomes.filter((y, i) => y === 1 && d.treatment[i] === 0).length / (d.outcomes.length - nt);
    const two = predictTwoModelUplift(constant, fitTwoModelUplift(weightedMean, d), [[0, 0]]);
    expect(two[0]).toBeCloseTo(rt - rc, 12);
    const ct = fitClassTransformationUplift(weightedMean, d);
    expect(ct.treatedShare).toBeCloseTo(nt / 3000, 15);
    expect(predictClassTransformationUplift(constant, ct, [[0, 0]])[0]).toBeCloseTo(rt - rc, 12);
    const unweighted = predictClassTransformationUplift(constant, fitClassTransformationUplift(weightedMean, d, { balance: 'none' }), [[0, 0]])[0]!;
    expect(Math.abs(unweighted - (rt - rc))).toBeGreaterThan(0.05); // the 70/30 split biases it
  });

  test('fitTwoModelUplift with fitLogistic, and fitClassTransformationUplift with fitDecisionTree, find the customers the campaign moves', () => {
    const train = simulate(6000, 1);
    const test = simulate(6000, 2);
    const logistic = fitTwoModelUplift((x: number[][], y: number[]) => fitLogistic(x, y, { lambda: 1e-4 }), train);
    const u1 = predictTwoModelUplift(predictLogisticProba, logistic, test.features);
    const tree = fitClassTransformationUplift(
      (x: number[][], y: number[], w: number[] | undefined) => fitDecisionTree(x, y, { maxDepth: 3, minSamplesLeaf: 200, weights: w }),
      train,
    );
    const u2 = predictClassTransformationUplift((m, x: number[][]) => predictDecisionTreeProba(m, x).map((p) => p[m.classes.indexOf(1)]!), tree, test.features);
    for (const u of [u1, u2]) {
      const q = qiniAucScore(test.outcomes, u, test.treatment);
      const random = qiniAucScore(test.outcomes, test.features.map(() => 0), test.treatment);
      // Close to the Qini of ranking by the true uplift (0.167 on this draw).
      expect(q).toBeGreaterThan(0.75 * qiniAucScore(test.outcomes, test.trueUplift, test.treatment));
      expect(random).toBe(0);
      // The top half (x > 0 in truth) holds most of the uplift.
      expect(upliftAtK(test.outcomes, u, test.treatment, { fraction: 0.5 }).uplift).toBeGreaterThan(0.12);
    }
    // The models survive a JSON round trip.
    const copy = JSON.parse(JSON.stringify(logistic));
    expect(predictTwoModelUplift(predictLogisticProba, copy, test.features.slice(0, 5))).toEqual(u1.slice(0, 5));
  });
});

test('armRates counts each arm and gives its interval, Hillstrom-style string arms sorted', () => {
  const r = armRates([1, 0, 0, 1, 0, 1, 1], ['No E-Mail', 'Mens E-Mail', 'Mens E-Mail', 'Womens E-Mail', 'No E-Mail', 'Mens E-Mail', 'Womens E-Mail']);
  expect(r.arms.map((a) => [a.arm, a.successes, a.trials])).toEqual([['Mens E-Mail', 1, 3], ['No E-Mail', 1, 2], ['Womens E-Mail', 2, 2]]);
  const ci = proportionInterval({ successes: 1, trials: 3 });
  expect([r.arms[0]!.lower, r.arms[0]!.upper]).toEqual([ci.lower, ci.upper]);
  expect(armRates([1, 0, 1], [true, false, 1]).arms.map((a) => [a.arm, a.trials])).toEqual([[0, 1], [1, 2]]);
});
