import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fitIsolationForest, predictIsolationForestScore } from '../../src/anomaly/index.js';
import { averagePathLength } from '../../src/anomaly/isolationForest.js';
import { createRandom } from '../../src/core/random.js';
import { codeOf } from '../helpers/errors.js';

const r = createRandom(5);
const normal = Array.from({ length: 400 }, () => [r() + r() + r(), r() + r() + r()]);
const points = [...normal, [8, 8], [-5, 3]];

describe('fitIsolationForest / predictIsolationForestScore', () => {
  test('averagePathLength is scikit-learn\'s c(n)', () => {
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(2)).toBe(1);
    expect(averagePathLength(256)).toBeCloseTo(2 * (Math.log(255) + 0.5772156649015329) - (2 * 255) / 256, 14);
  });
  test('uses scikit-learn\'s defaults: 100 trees, min(256, n) samples, depth ceil(log2 256) = 8', () => {
    const m = fitIsolationForest(points);
    expect(m.trees.length).toBe(100);
    expect(m.options.maxSamples).toBe(256);
    expect(m.maxDepth).toBe(8);
    expect(fitIsolationForest(points.slice(0, 50)).options.maxSamples).toBe(50);
    for (const t of m.trees) expect(t.size[0]).toBe(256);
  });
  test('the planted outliers score highest; same seed same model, other seed other trees', () => {
    const m = fitIsolationForest(points, { seed: 2 });
    const s = predictIsolationForestScore(m, points);
    const top = s.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]).slice(0, 2).map((x) => x[1]).sort();
    expect(top).toEqual([400, 401]);
    expect(fitIsolationForest(points, { seed: 2 })).toEqual(m);
    expect(fitIsolationForest(points, { seed: 3 }).trees[0]).not.toEqual(m.trees[0]);
    // Trees are independent streams: no two trees identical.
    expect(new Set(m.trees.map((t) => JSON.stringify(t))).size).toBe(100);
  });
  test('scores lie in (0, 1] for any data, including duplicates and constant columns', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: -3, max: 3 }), fc.constant(1), fc.double({ min: -1e6, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 60 }), fc.integer({ min: 0, max: 1000 }), (rows, seed) => {
      const m = fitIsolationForest(rows, { seed, trees: 10 });
      for (const s of predictIsolationForestScore(m, rows)) { expect(s).toBeGreaterThan(0); expect(s).toBeLessThanOrEqual(1); }
    }), { numRuns: 50 });
  });
  test('one row scores 1 (scikit-learn sets it so); all rows identical score 2^-1 ... constant', () => {
    expect(predictIsolationForestScore(fitIsolationForest([[1, 2]]), [[1, 2], [5, 5]])).toEqual([1, 1]);
    const s = predictIsolationForestScore(fitIsolationForest([[1], [1], [1], [1]]), [[1], [9]]);
    expect(s[0]).toBe(s[1]);
    expect(s[0]).toBeCloseTo(2 ** (-averagePathLength(4) / averagePathLength(4)), 12);
  });
  test('survives JSON; tampered JSON throws INVALID_MODEL', () => {
    const m = fitIsolationForest(points, { trees: 5 });
    expect(predictIsolationForestScore(JSON.parse(JSON.stringify(m)), points)).toEqual(predictIsolationForestScore(m, points));
    const t = (f: (j: any) => void) => { const j = JSON.parse(JSON.stringify(m)); f(j); return codeOf(() => predictIsolationForestScore(j, points)); };
    expect(t((j) => { j.trees[0].left[0] = 0; })).toBe('INVALID_MODEL'); // a cycle
    expect(t((j) => { j.trees[0].feature[0] = 7; })).toBe('INVALID_MODEL');
    expect(t((j) => { j.trees[0].threshold[0] = null; })).toBe('INVALID_MODEL');
    expect(t((j) => { j.trees[0].size.pop(); })).toBe('INVALID_MODEL');
    expect(t((j) => { j.trees = []; })).toBe('INVALID_MODEL');
    expect(t((j) => { j.version = 9; })).toBe('INVALID_MODEL');
  });
  test('bad input: empty, NaN, wrong width, bad options, abort', () => {
    expect(codeOf(() => fitIsolationForest([]))).toBe('EMPTY_INPUT');
    expect(codeOf(() => fitIsolationForest([[NaN]]))).toBe('NON_FINITE');
    expect(codeOf(() => fitIsolationForest([[1]], { trees: 0 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => fitIsolationForest([[1]], { nTrees: 3 } as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => predictIsolationForestScore(fitIsolationForest([[1, 2]]), [[1]]))).toBe('INVALID_INPUT');
    const ac = new AbortController();
    expect(codeOf(() => fitIsolationForest(points, { onProgress: (p) => { if (p.completed === 3) ac.abort(); }, signal: ac.signal }))).toBe('ABORTED');
  });
});
