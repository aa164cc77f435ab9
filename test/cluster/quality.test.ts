import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  silhouette, silhouetteSamples, daviesBouldin, calinskiHarabasz, profileSegments,
  fitClusterScaling, applyClusterScaling, type ClusterScaling,
} from '../../src/cluster/index.js';
import { createRandom } from '../../src/core/random.js';
import { CrmError } from '../../src/core/errors.js';
import { REPO_ROOT } from '../helpers/shared.js';

interface QualityCase {
  name: string; X: number[][]; labels: number[];
  silhouette: number; silhouetteSamples: number[]; daviesBouldin: number; calinskiHarabasz: number;
}
// Produced once by test/cluster/fixtures/make_quality.py with scikit-learn 1.2.1.
const fixture = JSON.parse(readFileSync(join(REPO_ROOT, 'test/cluster/fixtures/quality.json'), 'utf8')) as { cases: QualityCase[] };

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));
const dist = (a: readonly number[], b: readonly number[]) => Math.sqrt(a.reduce((s, v, j) => s + (v - b[j]!) ** 2, 0));
const mean = (pts: number[][]) => pts[0]!.map((_, j) => pts.reduce((s, p) => s + p[j]!, 0) / pts.length);

/** The textbook formulas, written out with arrays. */
function bruteSilhouette(X: number[][], y: number[]): number[] {
  const ids = [...new Set(y)];
  return X.map((x, i) => {
    const own = X.filter((_, j) => y[j] === y[i] && j !== i);
    if (own.length === 0) return 0;
    const a = own.reduce((s, p) => s + dist(x, p), 0) / own.length;
    const b = Math.min(...ids.filter((c) => c !== y[i]).map((c) => { const o = X.filter((_, j) => y[j] === c); return o.reduce((s, p) => s + dist(x, p), 0) / o.length; }));
    return Math.max(a, b) === 0 ? 0 : (b - a) / Math.max(a, b);
  });
}
function bruteDaviesBouldin(X: number[][], y: number[]): number {
  const ids = [...new Set(y)];
  const groups = ids.map((c) => X.filter((_, i) => y[i] === c));
  const cent = groups.map(mean);
  const s = groups.map((g, c) => g.reduce((t, p) => t + dist(p, cent[c]!), 0) / g.length);
  return ids.reduce((t, _, a) => t + Math.max(...ids.map((__, b) => (a === b ? 0 : (s[a]! + s[b]!) / dist(cent[a]!, cent[b]!)))), 0) / ids.length;
}
function bruteCalinski(X: number[][], y: number[]): number {
  const ids = [...new Set(y)];
  const m = mean(X);
  const groups = ids.map((c) => X.filter((_, i) => y[i] === c));
  const between = groups.reduce((t, g) => t + g.length * dist(mean(g), m) ** 2, 0);
  const within = groups.reduce((t, g) => { const c = mean(g); return t + g.reduce((u, p) => u + dist(p, c) ** 2, 0); }, 0);
  return (between / (ids.length - 1)) / (within / (X.length - ids.length));
}

describe('quality indices equal scikit-learn', () => {
  test.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(rel(silhouette(c.X, c.labels), c.silhouette)).toBeLessThanOrEqual(1e-9);
    silhouetteSamples(c.X, c.labels).forEach((v, i) => expect(rel(v, c.silhouetteSamples[i]!)).toBeLessThanOrEqual(1e-9));
    expect(rel(daviesBouldin(c.X, c.labels), c.daviesBouldin)).toBeLessThanOrEqual(1e-9);
    expect(rel(calinskiHarabasz(c.X, c.labels), c.calinskiHarabasz)).toBeLessThanOrEqual(1e-9);
  });
  test('the fixture holds enough cases', () => expect(fixture.cases.length).toBeGreaterThanOrEqual(10));
});

describe('quality indices equal their formulas', () => {
  const arb = fc.tuple(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 4, max: 30 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 2, max: 4 }));
  test('silhouette, Davies-Bouldin and Calinski-Harabasz on random labelled points', () => {
    fc.assert(fc.property(arb, ([seed, n, d, k]) => {
      const r = createRandom(seed);
      const X = Array.from({ length: n }, () => Array.from({ length: d }, () => r() * 5));
      const y = X.map((_, i) => (i < k ? i : Math.floor(r() * k)));
      if (new Set(y).size >= n) return;
      const s = bruteSilhouette(X, y);
      silhouetteSamples(X, y).forEach((v, i) => expect(v).toBeCloseTo(s[i]!, 10));
      expect(silhouette(X, y)).toBeCloseTo(s.reduce((a, b) => a + b, 0) / n, 10);
      expect(rel(daviesBouldin(X, y), bruteDaviesBouldin(X, y))).toBeLessThan(1e-10);
      expect(rel(calinskiHarabasz(X, y), bruteCalinski(X, y))).toBeLessThan(1e-10);
      // String labels and relabelling do not change anything.
      const named = y.map((v) => `seg-${(v * 7) % 11}`);
      expect(silhouette(X, named)).toBeCloseTo(silhouette(X, y), 12);
      expect(daviesBouldin(X, named)).toBeCloseTo(daviesBouldin(X, y), 12);
    }), { numRuns: 60 });
  });

  test('silhouette(points, labels, { sampleSize, seed }) is the exact silhouette of a seeded subset', () => {
    const r = createRandom(4);
    const X = Array.from({ length: 400 }, (_, i) => [r() + (i % 3) * 3, r()]);
    const y = X.map((_, i) => i % 3);
    const a = silhouette(X, y, { sampleSize: 100, seed: 1 });
    expect(silhouette(X, y, { sampleSize: 100, seed: 1 })).toBe(a);
    expect(silhouette(X, y, { sampleSize: 100, seed: 2 })).not.toBe(a);
    expect(Math.abs(a - silhouette(X, y))).toBeLessThan(0.05);
    expect(silhouette(X, y, { sampleSize: 1000 })).toBe(silhouette(X, y));
  });

  test('bad labels: one cluster, one row per cluster, wrong length, missing', () => {
    const X = [[0], [1], [2]];
    const code = (f: () => unknown) => { try { f(); } catch (e) { return (e as CrmError).code; } return 'none'; };
    expect(code(() => silhouette(X, [0, 0, 0]))).toBe('INVALID_INPUT');
    expect(code(() => daviesBouldin(X, [0, 1, 2]))).toBe('INVALID_INPUT');
    expect(code(() => calinskiHarabasz(X, [0, 1]))).toBe('LENGTH_MISMATCH');
    expect(code(() => silhouette(X, [0, null, 1] as never))).toBe('MISSING_VALUE');
    expect(code(() => silhouette([[0], [NaN], [1]], [0, 1, 1]))).toBe('NON_FINITE');
    expect(code(() => silhouette(X, [0, 1, 1], { sampleSize: 1 }))).toBe('INVALID_OPTION');
  });

  test('degenerate cases follow scikit-learn: identical clusters give Davies-Bouldin 0, no spread gives Calinski-Harabasz 1', () => {
    expect(daviesBouldin([[1], [1], [1], [1]], [0, 0, 1, 1])).toBe(0);
    expect(calinskiHarabasz([[0], [0], [5], [5]], [0, 0, 1, 1])).toBe(1);
  });
});

describe('profileSegments', () => {
  const customers = [
    { id: 'a', recency: 5, frequency: 20, monetary: 5000 },
    { id: 'b', recency: 10, frequency: 12, monetary: 3000 },
    { id: 'c', recency: 200, frequency: 1, monetary: 40 },
    { id: 'd', recency: 300, frequency: 2, monetary: 60 },
    { id: 'e', recency: 250, frequency: 1, monetary: 20 },
  ];
  const labels = [1, 1, 0, 0, 0];

  test('profileSegments(rows, labels, { features, value }) gives size, share, mean, median and value share per segment', () => {
    const p = profileSegments(customers, labels, { features: ['recency', 'frequency', 'monetary'], value: 'monetary' });
    expect(p.size).toBe(5);
    expect(p.valueTotal).toBe(8120);
    expect(p.segments.map((s) => s.label)).toEqual([0, 1]);
    const [lost, best] = p.segments;
    expect(best).toMatchObject({ size: 2, share: 0.4, valueTotal: 8000, means: { recency: 7.5, frequency: 16, monetary: 4000 }, medians: { recency: 7.5 } });
    expect(best!.valueShare).toBeCloseTo(8000 / 8120, 15);
    expect(lost).toMatchObject({ size: 3, share: 0.6, medians: { recency: 250, frequency: 1, monetary: 40 } });
    expect(best!.relativeMeans.monetary).toBeCloseTo(4000 / (8120 / 5), 12);
    expect(p.medians).toEqual({ recency: 200, frequency: 2, monetary: 60 });
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });

  test('number rows with a value function or array, string labels, and default feature names', () => {
    const rows = customers.map((c) => [c.recency, c.frequency]);
    const p = profileSegments(rows, ['vip', 'vip', 'lost', 'lost', 'lost'], { value: customers.map((c) => c.monetary) });
    expect(p.features).toEqual(['x0', 'x1']);
    expect(p.segments.map((s) => [s.label, s.valueShare])).toEqual([['lost', 120 / 8120], ['vip', 8000 / 8120]]);
    const q = profileSegments(customers, labels, { features: ['recency'], value: (c) => c.monetary * 2 });
    expect(q.valueTotal).toBe(16240);
    expect(profileSegments(rows, labels).segments[0]!.valueShare).toBeNull();
  });

  test('profileSegments checks its input', () => {
    const code = (f: () => unknown) => { try { f(); } catch (e) { return (e as CrmError).code; } return 'none'; };
    expect(code(() => profileSegments(customers, labels))).toBe('INVALID_OPTION');
    expect(code(() => profileSegments(customers, labels, { features: ['recency', 'spend'] }))).toBe('MISSING_VALUE');
    expect(code(() => profileSegments([{ a: NaN }], [0], { features: ['a'] }))).toBe('NON_FINITE');
    expect(code(() => profileSegments([[1], [2]], [0]))).toBe('LENGTH_MISMATCH');
    expect(code(() => profileSegments([], []))).toBe('EMPTY_INPUT');
    expect(code(() => profileSegments([[1], [2]], [0, 1], { value: 3 }))).toBe('INVALID_OPTION');
    expect(code(() => profileSegments([[1], [2]], [0, 1], { colour: 1 } as never))).toBe('INVALID_OPTION');
  });
});

describe('fitClusterScaling / applyClusterScaling', () => {
  test('["log1p", "zscore"] equals log1p then z-score with ddof = 0, fitted on one set and applied to another', () => {
    const train = [[1, 100], [3, 1000], [7, 10]];
    const s = fitClusterScaling(train, ['log1p', 'zscore']);
    const logs = train.map((r) => r.map(Math.log1p));
    const mu = [0, 1].map((j) => logs.reduce((t, r) => t + r[j]!, 0) / 3);
    const sd = [0, 1].map((j) => Math.sqrt(logs.reduce((t, r) => t + (r[j]! - mu[j]!) ** 2, 0) / 3));
    const out = applyClusterScaling(s, [[2, 50]]);
    expect(out[0]![0]).toBeCloseTo((Math.log1p(2) - mu[0]!) / sd[0]!, 12);
    expect(out[0]![1]).toBeCloseTo((Math.log1p(50) - mu[1]!) / sd[1]!, 12);
    const copy = JSON.parse(JSON.stringify(s)) as ClusterScaling;
    expect(applyClusterScaling(copy, train)).toEqual(applyClusterScaling(s, train));
    expect(applyClusterScaling(fitClusterScaling(train, 'minmax'), [[1, 10], [7, 1000]])).toEqual([[0, 0], [1, 1]]);
  });

  test('bad input', () => {
    const code = (f: () => unknown) => { try { f(); } catch (e) { return (e as CrmError).code; } return 'none'; };
    expect(code(() => fitClusterScaling([[1]], 'robust' as never))).toBe('INVALID_OPTION');
    expect(code(() => fitClusterScaling([[1]], []))).toBe('INVALID_OPTION');
    expect(code(() => fitClusterScaling([[-2]], 'log1p'))).toBe('NEGATIVE_VALUE');
    expect(code(() => applyClusterScaling(fitClusterScaling([[1, 2]], 'zscore'), [[1]]))).toBe('LENGTH_MISMATCH');
    expect(code(() => applyClusterScaling({ kind: 'scaler' } as never, [[1]]))).toBe('INVALID_MODEL');
  });
});
