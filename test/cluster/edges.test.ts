// Issue 12 ("Trust at the edges"), clustering part: damaged models and linkages, huge values,
// option bounds, "__proto__" features, progress, and silhouette on a precomputed distance matrix.
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  calinskiHarabasz, cutTree, daviesBouldin, estimateHierarchicalMemory, fitKMeans, hierarchical, kmeansElbow,
  predictKMeans, profileSegments, silhouette, silhouetteSamples,
} from '../../src/cluster/index.js';
import { clusterProfileChart } from '../../src/charts/index.js';
import type { Progress } from '../../src/core/progress.js';
import { createRandom } from '../../src/core/random.js';
import { codeOf } from '../helpers/errors.js';
import { REPO_ROOT } from '../helpers/shared.js';

const pts = [[0], [1], [10], [11], [20], [21]];

describe('predictKMeans checks the model (D27)', () => {
  const km = JSON.parse(JSON.stringify(fitKMeans(pts, { k: 3, seed: 1 })));
  test('predictKMeans(model with 2 of its 3 centroids) is INVALID_MODEL', () => {
    const m = structuredClone(km);
    m.centroids.pop();
    expect(codeOf(() => predictKMeans(m, pts))).toBe('INVALID_MODEL');
    expect(() => predictKMeans(m, pts)).toThrow(/2 centroids but options.k = 3/);
  });
  test('predictKMeans refuses ragged or non-finite centroids, a bad k and clusterWeights of the wrong length', () => {
    const cases: ((m: typeof km) => void)[] = [
      (m) => { m.centroids[1] = [1, 2]; },
      (m) => { m.centroids[1][0] = null; },
      (m) => { m.centroids[2][0] = 'NaN'; },
      (m) => { m.options.k = 2.5; },
      (m) => { delete m.options; },
      (m) => { m.clusterWeights.pop(); },
      (m) => { m.clusterWeights[0] = -1; },
      (m) => { m.centroids = {}; },
      (m) => { m.centroids = [[], [], []]; },
    ];
    for (const damage of cases) {
      const m = structuredClone(km);
      damage(m);
      expect(codeOf(() => predictKMeans(m, pts))).toBe('INVALID_MODEL');
    }
    expect(predictKMeans(km, pts)).toEqual(km.labels);
  });
});

describe('cutTree checks the linkage (D27)', () => {
  const h = JSON.parse(JSON.stringify(hierarchical(pts, { linkage: 'average' })));
  test('cutTree(linkage with n = "6") is INVALID_MODEL, not six undefined labels', () => {
    expect(codeOf(() => cutTree({ ...h, n: String(h.n) }, { k: 2 }))).toBe('INVALID_MODEL');
  });
  test('cutTree(linkage whose merge is made of itself) is INVALID_MODEL, not plausible labels', () => {
    const cyc = structuredClone(h);
    cyc.merges[0] = [h.n, h.n, cyc.merges[0][2], 2];
    expect(codeOf(() => cutTree(cyc, { k: 2 }))).toBe('INVALID_MODEL');
  });
  test('cutTree refuses a cluster merged twice, a wrong size, decreasing average heights, a NaN height, a missing merge', () => {
    const damages: ((m: typeof h) => void)[] = [
      (m) => { m.merges[1] = [m.merges[0][0], m.merges[1][1], m.merges[1][2], 2]; },
      (m) => { m.merges[2][3] = 99; },
      (m) => { m.merges[4][2] = 0; },
      (m) => { m.merges[0][2] = Number.NaN; },
      (m) => { m.merges.pop(); },
      (m) => { m.merges[0] = [0, 1, -1, 2]; },
      (m) => { m.linkage = 'bogus'; },
      (m) => { m.n = 0; },
    ];
    for (const damage of damages) {
      const m = structuredClone(h);
      damage(m);
      expect(codeOf(() => cutTree(m, { k: 2 }))).toBe('INVALID_MODEL');
    }
    expect(codeOf(() => cutTree({ kind: 'kmeans' } as never, { k: 2 }))).toBe('WRONG_RESULT_KIND');
    expect(cutTree(h, { k: 3 })).toEqual([0, 0, 1, 1, 2, 2]);
  });
  test('cutTree accepts centroid inversions (heights may decrease there)', () => {
    const c = hierarchical([[0, 0], [1, 0], [0.5, 0.9]], { linkage: 'centroid' });
    expect(c.merges[1]![2]).toBeLessThan(c.merges[0]![2]);
    expect(cutTree(c, { k: 1 })).toEqual([0, 0, 0]);
  });
  test('cutTree of a 200,000-leaf caterpillar linkage is checked and cut in bounded time', () => {
    const n = 200_000;
    const merges: [number, number, number, number][] = [[0, 1, 1, 2]];
    for (let i = 1; i < n - 1; i++) merges.push([i + 1, n + i - 1, i + 1, i + 2]);
    const labels = cutTree({ kind: 'hierarchical', version: 1, linkage: 'single', n, merges, leafOrder: [], algorithm: 'mst', memoryBytes: 0 }, { k: 2 });
    expect(labels[0]).toBe(0);
    expect(labels[n - 1]).toBe(1);
  });
});

describe('finite but huge values (D11)', () => {
  const big = [[1e308, 0], [1, 2], [3, 4], [5, 6]];
  const lab = [0, 0, 1, 1];
  test('silhouette, silhouetteSamples, calinskiHarabasz and daviesBouldin of 1e308 values equal those of the data divided by 2^1000 (scale-free)', () => {
    const small = big.map((r) => r.map((v) => v * 2 ** -1000));
    expect(silhouette(big, lab)).toBe(silhouette(small, lab));
    expect(silhouetteSamples(big, lab)).toEqual(silhouetteSamples(small, lab));
    expect(calinskiHarabasz(big, lab)).toBe(calinskiHarabasz(small, lab));
    expect(daviesBouldin(big, lab)).toBe(daviesBouldin(small, lab));
    for (const v of [silhouette(big, lab), calinskiHarabasz(big, lab), daviesBouldin(big, lab), ...silhouetteSamples(big, lab)]) expect(Number.isFinite(v)).toBe(true);
    const opposite = [[1e308, -1e308], [-1e308, 1e308], [1e308, 1e308], [-1e308, -1e308], [0, 0]];
    expect(Number.isFinite(silhouette(opposite, [0, 0, 1, 1, 1]))).toBe(true);
    expect(Number.isFinite(calinskiHarabasz(opposite, [0, 0, 1, 1, 1]))).toBe(true);
  });
  test('daviesBouldin keeps scikit-learn\'s 0 for tight clusters in the data\'s own units after rescaling', () => {
    const tight = [[1e300, 0], [1e300, 0], [-1e300, 0], [-1e300, 0]];
    expect(daviesBouldin(tight, lab)).toBe(0);
  });
  test('hierarchical, fitKMeans and kmeansElbow on 1e308 or 1e154 values are NON_FINITE "values too large", never a NaN row or Infinity inertia', () => {
    for (const linkage of ['ward', 'average', 'single', 'complete', 'centroid'] as const) {
      expect(codeOf(() => hierarchical(big, { linkage }))).toBe('NON_FINITE');
    }
    expect(() => hierarchical(big)).toThrow(/values too large: squared distances overflow; rescale the features/);
    expect(codeOf(() => hierarchical([1e200, 1, 2]))).toBe('NON_FINITE');
    const b154 = [[1e154, 0], [-1e154, 0], [0, 1], [0, 2]];
    expect(codeOf(() => fitKMeans(b154, { k: 2 }))).toBe('NON_FINITE');
    expect(codeOf(() => fitKMeans(big, { k: 2 }))).toBe('NON_FINITE');
    expect(codeOf(() => kmeansElbow(big, { maxK: 2 }))).toBe('NON_FINITE');
    expect(() => fitKMeans(big, { k: 2 })).toThrow(/points\[0\]\[0\]/);
    expect(codeOf(() => fitKMeans([[0], [1], [2]], { k: 2, weights: [1e300, 1e300, 1] }))).toBe('NON_FINITE');
    // Large but safe values still fit.
    const safe = fitKMeans([[1e100], [2e100], [9e100], [1e101]], { k: 2, seed: 1 });
    expect(Number.isFinite(safe.inertia)).toBe(true);
    expect(hierarchical([[1e100], [2e100], [9e100]]).merges.every((m) => Number.isFinite(m[2]))).toBe(true);
  });
});

describe('kmeansElbow options (D06) and work-size bounds (D33)', () => {
  test('kmeansElbow({ onProgress: 5 }) is INVALID_OPTION, not a TypeError', () => {
    expect(codeOf(() => kmeansElbow(pts, { maxK: 2, onProgress: 5 as never }))).toBe('INVALID_OPTION');
  });
  test('kmeansElbow({ k }) is INVALID_OPTION pointing to maxK; unknown keys and given centroids are refused', () => {
    expect(codeOf(() => kmeansElbow(pts, { maxK: 2, k: Number.NaN } as never))).toBe('INVALID_OPTION');
    expect(() => kmeansElbow(pts, { maxK: 2, k: 2 } as never)).toThrow(/use maxK/);
    expect(codeOf(() => kmeansElbow(pts, { maxK: 2, nInt: 3 } as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => kmeansElbow(pts, { maxK: 2, init: [[0], [1]] } as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => kmeansElbow(pts, [] as never))).toBe('INVALID_OPTION');
  });
  test('kmeansElbow reports one restart per k through the shared Progress, and honours an abort', () => {
    const seen: Progress[] = [];
    kmeansElbow(pts, { maxK: 3, onProgress: (p) => seen.push(p) });
    expect(seen).toEqual([0, 1, 2, 3].map((c) => ({ fn: 'kmeansElbow', phase: 'restart', completed: c, total: 3 })));
    const ac = new AbortController();
    expect(codeOf(() => kmeansElbow(pts, { maxK: 3, signal: ac.signal, onProgress: (p) => { if (p.completed === 1) ac.abort(); } }))).toBe('ABORTED');
  });
  test('nInit, maxIterations, maxNoImprovement, batchSize and maxK have documented upper bounds', () => {
    expect(codeOf(() => fitKMeans(pts, { k: 2, nInit: 1e308 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => fitKMeans(pts, { k: 2, nInit: 1001 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => fitKMeans(pts, { k: 2, nInit: 1000, maxIterations: 2 }))).toBeUndefined();
    expect(codeOf(() => fitKMeans(pts, { k: 2, maxIterations: 2 ** 31 + 1 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => fitKMeans(pts, { k: 2, algorithm: 'minibatch', maxNoImprovement: 1e9 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => fitKMeans(pts, { k: 2, algorithm: 'minibatch', batchSize: 2 ** 31 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => kmeansElbow(pts, { maxK: 1001 }))).toBe('INVALID_OPTION');
  });
  test('fitKMeans and hierarchical events are the shared Progress (fn, phase, completed, total)', () => {
    const seen: Progress[] = [];
    fitKMeans(pts, { k: 2, nInit: 2, onProgress: (p) => seen.push(p) });
    expect(seen[0]).toEqual({ fn: 'fitKMeans', phase: 'restart', completed: 0, total: 2 });
    const hs: Progress[] = [];
    hierarchical(pts, { onProgress: (p) => hs.push(p) });
    expect(hs[0]).toEqual({ fn: 'hierarchical', phase: 'merge', completed: 0, total: 5 });
  });
});

describe('estimateHierarchicalMemory refuses bad arguments (D09)', () => {
  test.each([
    ['n = NaN', () => estimateHierarchicalMemory(Number.NaN, 2, 'ward', false)],
    ['n = -5', () => estimateHierarchicalMemory(-5, 2, 'average', false)],
    ['n = 0', () => estimateHierarchicalMemory(0, 2, 'average', false)],
    ['n = 2.5', () => estimateHierarchicalMemory(2.5, 2, 'average', false)],
    ['n = "100"', () => estimateHierarchicalMemory('100' as never, 2, 'average', false)],
    ['n = 10n', () => estimateHierarchicalMemory(10n as never, 2, 'ward', false)],
    ['d = -1', () => estimateHierarchicalMemory(100, -1, 'ward', false)],
    ['d = 1.5', () => estimateHierarchicalMemory(100, 1.5, 'ward', false)],
    ['linkage "bogus"', () => estimateHierarchicalMemory(100, 2, 'bogus' as never, false)],
    ['fromDistances "yes"', () => estimateHierarchicalMemory(100, 2, 'ward', 'yes' as never)],
  ])('estimateHierarchicalMemory(%s) is INVALID_OPTION', (_name, f) => {
    expect(codeOf(f)).toBe('INVALID_OPTION');
  });
  test('estimateHierarchicalMemory(100, 2, "average", false) still counts the condensed matrix', () => {
    expect(estimateHierarchicalMemory(100, 2, 'average', false)).toBe(8 * 4950 + 8 * 100 * 2 * 2 + 64 * 100 + 120 * 100);
  });
});

describe('profileSegments keys (D10) and options (D31)', () => {
  const data = [[1, 10], [3, 30], [100, 1000]];
  test('profileSegments keeps a feature named "__proto__" in every record, through JSON and into the chart', () => {
    const prof = profileSegments(data, [0, 0, 1], { features: ['__proto__', 'spend'] });
    expect(Object.keys(prof.means)).toEqual(['__proto__', 'spend']);
    expect(Object.keys(prof.segments[0]!.means)).toEqual(['__proto__', 'spend']);
    expect(Object.getOwnPropertyDescriptor(prof.means, '__proto__')!.value).toBeCloseTo(104 / 3, 12);
    expect(Object.getOwnPropertyDescriptor(prof.segments[0]!.relativeMeans, '__proto__')!.value).toBeCloseTo(2 / (104 / 3), 12);
    expect(Object.getPrototypeOf(prof.means)).toBe(Object.prototype);
    const copy = JSON.parse(JSON.stringify(prof));
    expect(Object.keys(copy.segments[1].medians)).toEqual(['__proto__', 'spend']);
    for (const p of [prof, copy]) {
      const cells = (clusterProfileChart(p).data as { values: { feature: string; mean: number }[] }).values.filter((v) => v.feature === '__proto__');
      expect(cells.map((c) => c.mean)).toEqual([2, 100]);
    }
  });
  test('profileSegments of object rows reads "__proto__" and "constructor" only as own keys', () => {
    const rows = JSON.parse('[{"__proto__": 1, "constructor": 5}, {"__proto__": 3, "constructor": 7}]');
    expect(profileSegments(rows, [0, 1], { features: ['__proto__', 'constructor'] }).segments.map((s) => Object.values(s.means))).toEqual([[1, 5], [3, 7]]);
    expect(codeOf(() => profileSegments([{ a: 1 }, { a: 2 }], [0, 1], { features: ['constructor'] }))).toBe('MISSING_VALUE');
  });
  test('profileSegments refuses non-string and duplicate feature names, and options given as an array', () => {
    expect(codeOf(() => profileSegments([[1], [2]], [0, 1], { features: [-Infinity] as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => profileSegments([[1, 2], [2, 3]], [0, 1], { features: ['a', 'a'] }))).toBe('INVALID_OPTION');
    expect(codeOf(() => profileSegments([{ a: 1 }], [0], { features: [1] as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => profileSegments([[1], [2]], [0, 1], [] as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => profileSegments([[1], [2]], [0, 1], { feature: ['a'] } as never))).toBe('INVALID_OPTION');
  });
});

describe('silhouette on a precomputed distance matrix (metric: "precomputed")', () => {
  interface Case { name: string; D: number[][]; labels: number[]; silhouette: number; silhouetteSamples: number[] }
  // Produced once by test/cluster/fixtures/make_silhouette_precomputed.py with scikit-learn 1.2.1.
  const fixture = JSON.parse(readFileSync(join(REPO_ROOT, 'test/cluster/fixtures/silhouette_precomputed.json'), 'utf8')) as { sklearn: string; cases: Case[] };
  test.each(fixture.cases.map((c) => [c.name, c] as const))('silhouette(D, labels, { metric: "precomputed" }) equals scikit-learn for %s, to 1e-12', (_name, c) => {
    expect(fixture.sklearn).toBe('1.2.1');
    const s = silhouetteSamples(c.D, c.labels, { metric: 'precomputed' });
    s.forEach((v, i) => expect(Math.abs(v - c.silhouetteSamples[i]!)).toBeLessThanOrEqual(1e-12));
    expect(Math.abs(silhouette(c.D, c.labels, { metric: 'precomputed' }) - c.silhouette)).toBeLessThanOrEqual(1e-12);
  });
  test('the precomputed Euclidean matrix gives the silhouette of the points, also on a seeded sample', () => {
    const r = createRandom(5);
    const X = Array.from({ length: 60 }, () => [r() * 5, r() * 5]);
    const y = X.map((p) => (p[0]! > 2.5 ? 1 : 0) + (p[1]! > 2.5 ? 2 : 0));
    const D = X.map((a) => X.map((b) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!)));
    expect(silhouette(D, y, { metric: 'precomputed' })).toBeCloseTo(silhouette(X, y), 12);
    expect(silhouette(D, y, { metric: 'precomputed', sampleSize: 30, seed: 3 })).toBeCloseTo(silhouette(X, y, { sampleSize: 30, seed: 3 }), 12);
  });
  test('a precomputed matrix must be square, symmetric, zero on the diagonal, non-negative and finite', () => {
    const D = [[0, 1, 2], [1, 0, 3], [2, 3, 0]];
    const y = [0, 0, 1];
    expect(codeOf(() => silhouette([[0, 1], [1, 0], [2, 3]], y, { metric: 'precomputed' }))).toBe('INVALID_INPUT');
    expect(codeOf(() => silhouette([[0, 1, 2], [1.5, 0, 3], [2, 3, 0]], y, { metric: 'precomputed' }))).toBe('INVALID_INPUT');
    expect(codeOf(() => silhouette([[0.1, 1, 2], [1, 0, 3], [2, 3, 0]], y, { metric: 'precomputed' }))).toBe('INVALID_INPUT');
    expect(codeOf(() => silhouette([[0, -1, 2], [-1, 0, 3], [2, 3, 0]], y, { metric: 'precomputed' }))).toBe('NEGATIVE_VALUE');
    expect(codeOf(() => silhouette([[0, Infinity, 2], [Infinity, 0, 3], [2, 3, 0]], y, { metric: 'precomputed' }))).toBe('NON_FINITE');
    expect(codeOf(() => silhouette(D, y, { metric: 'cosine' as never }))).toBe('INVALID_OPTION');
    // Symmetric to rounding is accepted.
    expect(codeOf(() => silhouetteSamples([[0, 1, 2], [1 + 1e-15, 0, 3], [2, 3, 0]], y, { metric: 'precomputed' }))).toBeUndefined();
  });
  test('silhouette takes onProgress and signal (phase "distances"), and refuses seed: null (D31)', () => {
    const r = createRandom(6);
    const X = Array.from({ length: 600 }, () => [r(), r()]);
    const y = X.map((p) => (p[0]! > 0.5 ? 1 : 0));
    const seen: Progress[] = [];
    silhouette(X, y, { onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => p.completed)).toEqual([0, 256, 512]);
    expect(seen[0]).toEqual({ fn: 'silhouette', phase: 'distances', completed: 0, total: 600 });
    const ac = new AbortController();
    expect(codeOf(() => silhouetteSamples(X, y, { signal: ac.signal, onProgress: () => ac.abort() }))).toBe('ABORTED');
    expect(codeOf(() => silhouette(X, y, { onProgress: 1 as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => silhouette([[0], [1], [5], [6]], [0, 0, 1, 1], { sampleSize: 3, seed: null as never }))).toBe('INVALID_OPTION');
  });
});
