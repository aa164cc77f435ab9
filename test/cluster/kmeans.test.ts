import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { fitKMeans, predictKMeans, kmeansElbow, type KMeansModel } from '../../src/cluster/index.js';
import { createRandom } from '../../src/core/random.js';
import { CrmError } from '../../src/core/errors.js';

/** Seeded Gaussian-ish blobs: `k` centres, `per` points each, spread `spread`. */
function blobs(seed: number, k: number, per: number, d: number, spread = 0.5, gap = 10): number[][] {
  const r = createRandom(seed);
  const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => (r() - 0.5) * gap * k));
  const out: number[][] = [];
  for (let c = 0; c < k; c++) for (let i = 0; i < per; i++) out.push(centres[c]!.map((v) => v + (r() + r() + r() - 1.5) * spread));
  return out;
}

function uniform(seed: number, n: number, d: number): number[][] {
  const r = createRandom(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, () => r() * 10));
}

const sq = (a: readonly number[], b: readonly number[]) => a.reduce((s, v, j) => s + (v - b[j]!) ** 2, 0);

/** Plain Lloyd as scikit-learn's loop, written independently with arrays: the oracle. */
function referenceLloyd(X: number[][], init: number[][], maxIter: number, tol: number) {
  const n = X.length, d = X[0]!.length, k = init.length;
  const mean = Array.from({ length: d }, (_, j) => X.reduce((s, x) => s + x[j]!, 0) / n);
  const meanVar = mean.reduce((s, m, j) => s + X.reduce((t, x) => t + (x[j]! - m) ** 2, 0) / n, 0) / d;
  let C = init.map((c) => c.slice());
  let labels = new Array<number>(n).fill(-1);
  let it = 0, strict = false;
  const assign = () => X.map((x) => { let b = 0; for (let c = 1; c < k; c++) if (sq(x, C[c]!) < sq(x, C[b]!)) b = c; return b; });
  for (; it < maxIter; ) {
    const next = assign();
    const changed = next.some((l, i) => l !== labels[i]);
    labels = next;
    const newC = C.map((c, ci) => {
      const members = X.filter((_, i) => labels[i] === ci);
      if (members.length === 0) return null;
      return c.map((_, j) => members.reduce((s, x) => s + x[j]!, 0) / members.length);
    });
    if (newC.some((c) => c === null)) throw new Error('reference does not relocate');
    const shift = newC.reduce((s, c, ci) => s + sq(c!, C[ci]!), 0);
    C = newC as number[][];
    it++;
    if (!changed) { strict = true; break; }
    if (shift <= tol * meanVar) break;
  }
  if (!strict) labels = assign();
  const inertia = X.reduce((s, x, i) => s + sq(x, C[labels[i]!]!), 0);
  return { C, labels, inertia, it };
}

function samePartition(a: readonly number[], b: readonly number[]): boolean {
  const map = new Map<number, number>();
  const back = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    if ((map.get(a[i]!) ?? b[i]) !== b[i] || (back.get(b[i]!) ?? a[i]) !== a[i]) return false;
    map.set(a[i]!, b[i]!);
    back.set(b[i]!, a[i]!);
  }
  return true;
}

describe('fitKMeans', () => {
  test('fitKMeans(points, { init: centroids }) equals a plain Lloyd oracle: labels, inertia, iterations', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 }), (seed, k, d) => {
      const X = uniform(seed, 40, d);
      const init = X.slice(0, k);
      for (const tolerance of [0, 1e-4]) {
        const ref = referenceLloyd(X, init, 100, tolerance);
        for (const algorithm of ['lloyd', 'hamerly'] as const) {
          const m = fitKMeans(X, { k, init, maxIterations: 100, tolerance, algorithm });
          expect(m.labels).toEqual(ref.labels);
          expect(m.diagnostics.iterations).toBe(ref.it);
          expect(m.inertia).toBeCloseTo(ref.inertia, 9);
        }
      }
    }), { numRuns: 40 });
  });

  test('fitKMeans Lloyd and Hamerly equal the plain oracle for d = 1..13 (4-, 8-column and wide paths), integer data with ties', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 2, max: 12 }), fc.integer({ min: 1, max: 13 }), fc.boolean(), (seed, k, d, grid) => {
      // On a small integer grid many rows are exactly as far from two centroids (and centroids can
      // coincide): ties go to the lower index in both algorithms.
      const X = grid ? uniform(seed, 80, d).map((x) => x.map((v) => Math.floor(v / 4))) : uniform(seed, 80, d);
      const init = X.slice(0, k);
      let ref: ReturnType<typeof referenceLloyd>;
      try { ref = referenceLloyd(X, init, 100, 0); } catch { return; } // an empty cluster: the oracle does not relocate
      for (const algorithm of ['lloyd', 'hamerly'] as const) {
        const m = fitKMeans(X, { k, init, maxIterations: 100, tolerance: 0, algorithm });
        expect(m.labels).toEqual(ref.labels);
        expect(m.diagnostics.iterations).toBe(ref.it);
        expect(m.inertia).toBeCloseTo(ref.inertia, 9);
      }
    }), { numRuns: 80 });
  });

  test('fitKMeans Hamerly equals Lloyd on overlapping blobs with many clusters, weights and k-means++ restarts', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 2, max: 16 }), fc.integer({ min: 1, max: 10 }), fc.boolean(), (seed, k, d, weighted) => {
      // Spread close to the gap: many rows sit near a boundary, so bounds fail and rows are re-searched.
      const X = blobs(seed, k, 15, d, 3, 2);
      const r = createRandom(seed + 1);
      const weights = weighted ? X.map(() => Math.floor(r() * 4)) : undefined;
      if (weights) weights[0] = 1;
      const a = fitKMeans(X, { k, seed, nInit: 2, weights, algorithm: 'lloyd' });
      const b = fitKMeans(X, { k, seed, nInit: 2, weights, algorithm: 'hamerly' });
      expect(b.labels).toEqual(a.labels);
      expect(b.centroids).toEqual(a.centroids);
      expect(b.diagnostics.iterations).toBe(a.diagnostics.iterations);
      expect(b.diagnostics.restartInertias).toEqual(a.diagnostics.restartInertias);
    }), { numRuns: 60 });
  });

  test('fitKMeans(points, { algorithm: "hamerly" }) gives the labels of Lloyd with k-means++ restarts', () => {
    for (let seed = 0; seed < 6; seed++) {
      const X = blobs(seed, 5, 30, 3, 4);
      const a = fitKMeans(X, { k: 5, seed, nInit: 3 });
      const b = fitKMeans(X, { k: 5, seed, nInit: 3, algorithm: 'hamerly' });
      expect(b.labels).toEqual(a.labels);
      expect(b.diagnostics.iterations).toBe(a.diagnostics.iterations);
      expect(b.inertia).toBeCloseTo(a.inertia, 8);
    }
  });

  test('a row at equal distance from two centroids goes to the lower cluster index', () => {
    for (const algorithm of ['lloyd', 'hamerly'] as const) {
      // Row [0] ties between [1] (cluster 0) and [-1] (cluster 1) in the first assignment.
      const m = fitKMeans([[-1], [1], [0]], { k: 2, init: [[1], [-1]], maxIterations: 1, tolerance: 0, algorithm });
      expect(m.centroids).toEqual([[0.5], [-1]]);
      expect(m.labels).toEqual([1, 0, 0]);
    }
    expect(predictKMeans(fitKMeans([[2], [0]], { k: 2, init: [[2], [0]] }), [[1]])).toEqual([0]);
    expect(referenceLloyd([[-1], [1], [0]], [[1], [-1]], 1, 0).labels).toEqual([1, 0, 0]);
  });

  test('inertia never increases across Lloyd iterations (maxIterations = 1, 2, ...)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 2, max: 6 }), (seed, k) => {
      const X = uniform(seed, 60, 2);
      const init = X.slice(0, k);
      let prev = Infinity;
      for (let t = 1; t <= 12; t++) {
        const m = fitKMeans(X, { k, init, maxIterations: t, tolerance: 0 });
        expect(m.inertia).toBeLessThanOrEqual(prev * (1 + 1e-12));
        prev = m.inertia;
      }
    }), { numRuns: 25 });
  });

  test('at convergence labels are a nearest-centroid assignment and centroids are the cluster means', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 6 }), (seed, k) => {
      const X = uniform(seed, 50, 3);
      const m = fitKMeans(X, { k, seed, nInit: 2, tolerance: 0 });
      expect(m.diagnostics.converged).toBe(true);
      X.forEach((x, i) => {
        const own = sq(x, m.centroids[m.labels[i]!]!);
        for (const c of m.centroids) expect(own).toBeLessThanOrEqual(sq(x, c) + 1e-12);
      });
      m.centroids.forEach((c, ci) => {
        const members = X.filter((_, i) => m.labels[i] === ci);
        if (members.length) c.forEach((v, j) => expect(v).toBeCloseTo(members.reduce((s, x) => s + x[j]!, 0) / members.length, 9));
      });
    }), { numRuns: 30 });
  });

  test('row permutation and relabelled initial centroids give the same partition', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 2, max: 5 }), (seed, k) => {
      const X = blobs(seed, k, 15, 2, 3);
      const r = createRandom(seed + 1);
      const init = [0, 15, 30, 45, 60].slice(0, k).map((i) => X[i]!);
      const base = fitKMeans(X, { k, init, tolerance: 0 });
      const perm = X.map((_, i) => i).sort(() => r() - 0.5);
      const permuted = fitKMeans(perm.map((i) => X[i]!), { k, init, tolerance: 0 });
      expect(samePartition(perm.map((i) => base.labels[i]!), permuted.labels)).toBe(true);
      const relabelled = fitKMeans(X, { k, init: init.slice().reverse(), tolerance: 0 });
      expect(samePartition(base.labels, relabelled.labels)).toBe(true);
      expect(relabelled.inertia).toBeCloseTo(base.inertia, 9);
    }), { numRuns: 30 });
  });

  test('the same seed gives the same model; the seed is recorded; restarts differ', () => {
    const X = uniform(3, 80, 2);
    const a = fitKMeans(X, { k: 4, seed: 11, nInit: 5 });
    expect(fitKMeans(X, { k: 4, seed: 11, nInit: 5 })).toEqual(a);
    expect(a.options.seed).toBe(11);
    expect(new Set(a.diagnostics.restartInertias).size).toBeGreaterThan(1);
    expect(a.inertia).toBe(Math.min(...a.diagnostics.restartInertias));
    const custom = fitKMeans(X, { k: 4, random: createRandom(11), nInit: 5 });
    expect(custom.options).not.toHaveProperty('random');
  });

  test('a JSON round trip gives the same predictions', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e6 }), fc.constantFrom('lloyd', 'hamerly', 'minibatch'), (seed, algorithm) => {
      const X = uniform(seed, 60, 3);
      const m = fitKMeans(X, { k: 3, seed, algorithm: algorithm as 'lloyd', batchSize: 16 });
      const copy = JSON.parse(JSON.stringify(m)) as KMeansModel;
      expect(copy).toEqual(m);
      const Y = uniform(seed + 7, 20, 3);
      expect(predictKMeans(copy, Y)).toEqual(predictKMeans(m, Y));
      expect(predictKMeans(m, X)).toEqual(m.labels);
    }), { numRuns: 20 });
  });

  test('k-means++ with one start finds well-separated blobs', () => {
    for (let seed = 0; seed < 10; seed++) {
      const X = blobs(seed, 4, 20, 2, 0.5, 30);
      const m = fitKMeans(X, { k: 4, seed, nInit: 1 });
      const truth = X.map((_, i) => Math.floor(i / 20));
      expect(samePartition(truth, m.labels)).toBe(true);
    }
  });

  test('random initialisation starts from distinct rows and converges on blobs with restarts', () => {
    const X = blobs(5, 3, 20, 2, 0.5, 30);
    const m = fitKMeans(X, { k: 3, init: 'random', seed: 2, nInit: 10 });
    expect(samePartition(X.map((_, i) => Math.floor(i / 20)), m.labels)).toBe(true);
    expect(m.options.init).toBe('random');
  });

  test('tolerance is relative to the mean variance of the data: rescaling the data keeps the iterations', () => {
    const X = uniform(9, 200, 2);
    const big = X.map((r) => r.map((v) => v * 1000));
    const init = X.slice(0, 5);
    const a = fitKMeans(X, { k: 5, init, tolerance: 1e-2 });
    const b = fitKMeans(big, { k: 5, init: init.map((r) => r.map((v) => v * 1000)), tolerance: 1e-2 });
    expect(b.diagnostics.iterations).toBe(a.diagnostics.iterations);
    expect(b.labels).toEqual(a.labels);
    expect(a.diagnostics.iterations).toBeLessThan(fitKMeans(X, { k: 5, init, tolerance: 0 }).diagnostics.iterations);
  });

  test('an empty cluster is moved onto the row farthest from its centroid and counted in diagnostics', () => {
    const X = [[0], [1], [2], [10], [11], [30]];
    for (const algorithm of ['lloyd', 'hamerly'] as const) {
      const m = fitKMeans(X, { k: 3, init: [[0.5], [100], [1000]], algorithm, tolerance: 0 });
      // Every row is nearest to [0.5] at first, so [100] and [1000] are empty: they move onto the rows
      // farthest from 0.5, 30 (cluster 1) then 11 (cluster 2), and the next assignment settles.
      expect(m.diagnostics.emptyClustersRelocated).toBe(2);
      expect(m.labels).toEqual([0, 0, 0, 2, 2, 1]);
      expect(m.centroids).toEqual([[1], [30], [10.5]]);
    }
  });

  test('duplicate points, k = n and fewer distinct points than k', () => {
    const dup = [[1, 1], [1, 1], [1, 1], [5, 5], [5, 5]];
    const m = fitKMeans(dup, { k: 2, seed: 0 });
    expect(samePartition(m.labels, [0, 0, 0, 1, 1])).toBe(true);
    expect(m.inertia).toBe(0);
    const few = fitKMeans(dup, { k: 3, seed: 0 });
    expect(few.inertia).toBe(0);
    expect(few.diagnostics.nonEmptyClusters).toBe(2);
    expect(few.diagnostics.warnings.join(' ')).toMatch(/only 2 of the k = 3 clusters/);
    const X = uniform(4, 7, 2);
    const all = fitKMeans(X, { k: 7, seed: 1 });
    expect(all.inertia).toBe(0);
    expect(new Set(all.labels).size).toBe(7);
    const one = fitKMeans(X, { k: 1 });
    expect(one.labels).toEqual(new Array(7).fill(0));
  });

  test('integer sample weights equal repeated rows', () => {
    const X = uniform(21, 30, 2);
    const weights = X.map((_, i) => (i % 3) + (i % 2));
    const repeated: number[][] = [];
    X.forEach((x, i) => { for (let t = 0; t < weights[i]!; t++) repeated.push(x); });
    const init = [X[1]!, X[2]!, X[4]!];
    const a = fitKMeans(X, { k: 3, init, weights, tolerance: 0 });
    const b = fitKMeans(repeated, { k: 3, init, tolerance: 0 });
    a.centroids.forEach((c, ci) => c.forEach((v, j) => expect(v).toBeCloseTo(b.centroids[ci]![j]!, 9)));
    expect(a.inertia).toBeCloseTo(b.inertia, 8);
    const h = fitKMeans(X, { k: 3, init, weights, tolerance: 0, algorithm: 'hamerly' });
    expect(h.labels).toEqual(a.labels);
    expect(h.inertia).toBeCloseTo(a.inertia, 9);
    // Rows of weight 0 do not pull centroids.
    const zero = fitKMeans([...X, [1e6, 1e6]], { k: 3, init, weights: [...weights, 0], tolerance: 0 });
    zero.centroids.forEach((c, ci) => c.forEach((v, j) => expect(v).toBeCloseTo(a.centroids[ci]![j]!, 9)));
    expect(a.options.weighted).toBe(true);
    expect(a.clusterWeights.reduce((s, v) => s + v, 0)).toBe(weights.reduce((s, v) => s + v, 0));
  });

  test('fitKMeans(points, { algorithm: "minibatch" }) is seeded and close to Lloyd on blobs', () => {
    const X = blobs(8, 4, 500, 3, 1, 20);
    const a = fitKMeans(X, { k: 4, algorithm: 'minibatch', batchSize: 100, seed: 3 });
    expect(fitKMeans(X, { k: 4, algorithm: 'minibatch', batchSize: 100, seed: 3 })).toEqual(a);
    const lloyd = fitKMeans(X, { k: 4, seed: 3 });
    expect(a.inertia).toBeLessThan(lloyd.inertia * 1.02);
    expect(samePartition(a.labels, lloyd.labels)).toBe(true);
  });

  test('stopping at maxIterations is reported, not thrown', () => {
    const X = uniform(2, 300, 2);
    const m = fitKMeans(X, { k: 8, maxIterations: 1, tolerance: 0, nInit: 1 });
    expect(m.diagnostics.converged).toBe(false);
    expect(m.diagnostics.warnings.join(' ')).toMatch(/maxIterations/);
  });

  test('onProgress reports iterations and an aborted signal stops the fit', () => {
    const X = uniform(2, 300, 2);
    const seen: number[] = [];
    fitKMeans(X, { k: 5, nInit: 2, tolerance: 0, onProgress: (p) => { if (p.phase === 'restart') seen.push(p.completed); } });
    expect(seen).toEqual([0, 1]);
    const ctl = new AbortController();
    let calls = 0;
    const run = () => fitKMeans(X, { k: 5, nInit: 3, tolerance: 0, signal: ctl.signal, onProgress: () => { if (++calls === 3) ctl.abort(); } });
    expect(run).toThrowError(expect.objectContaining({ code: 'ABORTED' }));
  });

  test('kmeansElbow(points, { maxK }) gives the inertia of fitKMeans for each k', () => {
    const X = blobs(1, 3, 20, 2);
    const e = kmeansElbow(X, { maxK: 5, seed: 4 });
    expect(e.k).toEqual([1, 2, 3, 4, 5]);
    e.k.forEach((k, i) => expect(e.inertia[i]).toBe(fitKMeans(X, { k, seed: 4 }).inertia));
    expect(e.explained[0]).toBe(0);
    expect(e.explained[2]).toBeGreaterThan(0.95);
    expect(kmeansElbow([[1], [2]], { maxK: 9 }).k).toEqual([1, 2]);
  });
});

describe('fitKMeans bad input', () => {
  const X = [[0, 0], [1, 1], [2, 2]];
  const code = (f: () => unknown): string => { try { f(); } catch (e) { expect(e).toBeInstanceOf(CrmError); return (e as CrmError).code; } return 'no error'; };
  test('empty input', () => expect(code(() => fitKMeans([], { k: 1 }))).toBe('EMPTY_INPUT'));
  test('ragged rows', () => expect(code(() => fitKMeans([[0, 0], [1]], { k: 1 }))).toBe('RAGGED_ROWS'));
  test('NaN names the row and column', () => {
    try { fitKMeans([[0, 0], [1, NaN]], { k: 1 }); } catch (e) {
      expect((e as CrmError).code).toBe('NON_FINITE');
      expect((e as CrmError).details).toMatchObject({ row: 1, column: 1 });
      expect((e as CrmError).message).toMatch(/points\[1\]\[1\] is NaN/);
    }
    expect.assertions(3);
  });
  test('Infinity', () => expect(code(() => fitKMeans([[0, Infinity]], { k: 1 }))).toBe('NON_FINITE'));
  test('k < 1', () => expect(code(() => fitKMeans(X, { k: 0 }))).toBe('INVALID_OPTION'));
  test('k > n', () => expect(() => fitKMeans(X, { k: 4 })).toThrowError(/k must be an integer in \[1, 3\]; got 4/));
  test('non-integer k', () => expect(code(() => fitKMeans(X, { k: 1.5 }))).toBe('INVALID_OPTION'));
  test('missing k', () => expect(code(() => fitKMeans(X, {} as { k: number }))).toBe('INVALID_OPTION'));
  test('negative weights', () => expect(code(() => fitKMeans(X, { k: 1, weights: [1, -1, 1] }))).toBe('NEGATIVE_VALUE'));
  test('weights of the wrong length', () => expect(code(() => fitKMeans(X, { k: 1, weights: [1, 1] }))).toBe('LENGTH_MISMATCH'));
  test('unknown option (typo)', () => expect(code(() => fitKMeans(X, { k: 1, maxIter: 3 } as never))).toBe('INVALID_OPTION'));
  test('unknown algorithm or init', () => {
    expect(code(() => fitKMeans(X, { k: 1, algorithm: 'elkan' as never }))).toBe('INVALID_OPTION');
    expect(code(() => fitKMeans(X, { k: 1, init: 'kmeans++' as never }))).toBe('INVALID_OPTION');
  });
  test('init centroids of the wrong shape', () => expect(code(() => fitKMeans(X, { k: 2, init: [[0, 0]] }))).toBe('INVALID_OPTION'));
  test('the input is not mutated', () => {
    const copy = JSON.parse(JSON.stringify(X));
    fitKMeans(X, { k: 2 });
    expect(X).toEqual(copy);
  });
  test('predictKMeans refuses another model kind and another column count', () => {
    const m = fitKMeans(X, { k: 2 });
    expect(code(() => predictKMeans({ ...m, kind: 'tree' } as never, X))).toBe('INVALID_MODEL');
    expect(code(() => predictKMeans(m, [[1, 2, 3]]))).toBe('LENGTH_MISMATCH');
  });
});
