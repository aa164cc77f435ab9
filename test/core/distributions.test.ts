// scipy values made once by test/core/fixtures/make_distributions.py.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { betaCdf, betaQuantile, chiSquareSf, normalCdf, normalQuantile, normalSf } from '../../src/core/distributions.js';
import { REPO_ROOT } from '../helpers/shared.js';

const fx = JSON.parse(readFileSync(join(REPO_ROOT, 'test/core/fixtures/distributions.json'), 'utf8')) as {
  ppf: [number, number][];
  cdf: [number, number, number][];
  chi2: [number, number, number][];
  beta: [number, number, number, number, number][];
};
const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

test('normalQuantile equals scipy norm.ppf to 1e-15 relative, tails included', () => {
  for (const [p, v] of fx.ppf) expect(rel(normalQuantile(p), v), `p=${p}`).toBeLessThan(1e-15);
});

test('normalCdf and normalSf equal scipy to 1e-12 relative out to 30 standard deviations', () => {
  for (const [x, c, s] of fx.cdf) {
    expect(rel(normalCdf(x), c), `cdf ${x}`).toBeLessThan(1e-12);
    expect(rel(normalSf(x), s), `sf ${x}`).toBeLessThan(1e-12);
  }
});

test('chiSquareSf equals scipy chi2.sf to 1e-13 relative', () => {
  for (const [x, df, s] of fx.chi2) expect(rel(chiSquareSf(x, df), s), `x=${x} df=${df}`).toBeLessThan(1e-13);
});

test('betaQuantile and betaCdf equal scipy beta.ppf and beta.cdf to 1e-11 relative', () => {
  for (const [p, a, b, q, c] of fx.beta) {
    expect(rel(betaQuantile(p, a, b), q), `ppf ${p} ${a} ${b}`).toBeLessThan(1e-11);
    expect(rel(betaCdf(0.3 * q + 0.01, a, b), c), `cdf ${a} ${b}`).toBeLessThan(1e-11);
  }
});

test('normalQuantile inverts normalCdf, and betaQuantile inverts betaCdf', () => {
  fc.assert(
    fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (p) => {
      expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThanOrEqual(1e-15 + 1e-13 * p);
    }),
  );
  fc.assert(
    fc.property(fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }), fc.double({ min: 1, max: 300, noNaN: true }), fc.double({ min: 1, max: 300, noNaN: true }), (p, a, b) => {
      expect(Math.abs(betaCdf(betaQuantile(p, a, b), a, b) - p)).toBeLessThan(1e-11);
    }),
  );
});

test('the distribution functions return NaN (not a throw) outside their domain, as scipy does', () => {
  expect(normalQuantile(1.5)).toBeNaN();
  expect(normalQuantile(0)).toBe(-Infinity);
  expect(chiSquareSf(1, 0)).toBeNaN();
  expect(betaQuantile(0.5, 0, 1)).toBeNaN();
});
