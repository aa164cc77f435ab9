import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { hierarchical, cutTree, estimateHierarchicalMemory, LINKAGE_METHODS, type LinkageMethod, type LinkageRow } from '../../src/cluster/index.js';
import { createRandom } from '../../src/core/random.js';
import { CrmError } from '../../src/core/errors.js';

function uniform(seed: number, n: number, d: number): number[][] {
  const r = createRandom(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, () => r() * 10));
}
const euclid = (a: readonly number[], b: readonly number[]) => Math.sqrt(a.reduce((s, v, j) => s + (v - b[j]!) ** 2, 0));
const meanOf = (pts: number[][]) => pts[0]!.map((_, j) => pts.reduce((s, p) => s + p[j]!, 0) / pts.length);
const sse = (pts: number[][]) => { const m = meanOf(pts); return pts.reduce((s, p) => s + euclid(p, m) ** 2, 0); };

/**
 * O(n^3) agglomeration from the definitions: at each step the pair of live clusters at the smallest
 * linkage distance merges (ties to the lowest pair of ids). single/complete/average from member
 * distances, Ward from the rise in within-cluster sum of squares, centroid from centroids, median
 * from WPGMC midpoints, weighted (WPGMA) recursively.
 */
function bruteForce(X: number[][], method: LinkageMethod): LinkageRow[] {
  const n = X.length;
  type C = { id: number; members: number[]; point: number[] };
  let live: C[] = X.map((x, i) => ({ id: i, members: [i], point: x.slice() }));
  const wpgma = new Map<string, number>();
  const key = (a: number, b: number) => (a < b ? `${a},${b}` : `${b},${a}`);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) wpgma.set(key(i, j), euclid(X[i]!, X[j]!));
  const dist = (a: C, b: C): number => {
    const pairs = a.members.flatMap((i) => b.members.map((j) => euclid(X[i]!, X[j]!)));
    switch (method) {
      case 'single': return Math.min(...pairs);
      case 'complete': return Math.max(...pairs);
      case 'average': return pairs.reduce((s, v) => s + v, 0) / pairs.length;
      case 'weighted': return wpgma.get(key(a.id, b.id))!;
      case 'ward': {
        const pa = a.members.map((i) => X[i]!), pb = b.members.map((i) => X[i]!);
        return Math.sqrt(Math.max(0, 2 * (sse([...pa, ...pb]) - sse(pa) - sse(pb))));
      }
      case 'centroid': return euclid(meanOf(a.members.map((i) => X[i]!)), meanOf(b.members.map((i) => X[i]!)));
      case 'median': return euclid(a.point, b.point);
    }
  };
  const out: LinkageRow[] = [];
  for (let step = 0; step < n - 1; step++) {
    let best: [number, number, number] = [Infinity, -1, -1];
    for (let i = 0; i < live.length; i++) for (let j = i + 1; j < live.length; j++) {
      const v = dist(live[i]!, live[j]!);
      if (v < best[0]) best = [v, i, j];
    }
    const [h, i, j] = best;
    const a = live[i]!, b = live[j]!;
    const merged: C = { id: n + step, members: [...a.members, ...b.members], point: a.point.map((v, q) => (v + b.point[q]!) / 2) };
    for (const c of live) if (c !== a && c !== b) wpgma.set(key(merged.id, c.id), (wpgma.get(key(a.id, c.id))! + wpgma.get(key(b.id, c.id))!) / 2);
    out.push([Math.min(a.id, b.id), Math.max(a.id, b.id), h, merged.members.length]);
    live = live.filter((c) => c !== a && c !== b).concat(merged);
  }
  return out;
}

function condensed(X: number[][]): number[] {
  const out: number[] = [];
  for (let i = 0; i < X.length; i++) for (let j = i + 1; j < X.length; j++) out.push(euclid(X[i]!, X[j]!));
  return out;
}

function expectSameMerges(got: readonly LinkageRow[], want: readonly LinkageRow[]): void {
  expect(got.length).toBe(want.length);
  got.forEach((row, i) => {
    const w = want[i]!;
    expect([row[0], row[1], row[3]]).toEqual([w[0], w[1], w[3]]);
    expect(Math.abs(row[2] - w[2])).toBeLessThanOrEqual(1e-9 * Math.max(1, w[2]));
  });
}

describe('hierarchical', () => {
  test.each(LINKAGE_METHODS.map((m) => [m]))('hierarchical(points, { linkage: %s }) equals an O(n^3) brute force, scipy numbering and sizes included', (linkage) => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 2, max: 11 }), fc.integer({ min: 1, max: 3 }), (seed, n, d) => {
      const X = uniform(seed, n, d);
      const want = bruteForce(X, linkage);
      expectSameMerges(hierarchical(X, { linkage }).merges, want);
      expectSameMerges(hierarchical(condensed(X), { linkage }).merges, want);
    }), { numRuns: 60 });
  });

  test('heights never decrease for the reducible linkages', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e6 }), fc.constantFrom('single', 'complete', 'average', 'weighted', 'ward'), (seed, linkage) => {
      const r = hierarchical(uniform(seed, 60, 2), { linkage: linkage as LinkageMethod });
      for (let i = 1; i < r.merges.length; i++) expect(r.merges[i]![2]).toBeGreaterThanOrEqual(r.merges[i - 1]![2]);
    }), { numRuns: 30 });
  });

  test('a square distance matrix, a condensed one and the points give the same tree', () => {
    const X = uniform(7, 25, 3);
    const D = condensed(X);
    const square = X.map((a) => X.map((b) => euclid(a, b)));
    for (const linkage of LINKAGE_METHODS) {
      const a = hierarchical(X, { linkage });
      const b = hierarchical(Float64Array.from(D), { linkage });
      const c = hierarchical(square, { linkage, precomputed: true });
      expectSameMerges(b.merges, a.merges);
      expectSameMerges(c.merges, a.merges);
      expect(b.leafOrder).toEqual(a.leafOrder);
    }
  });

  test('leafOrder is the pre-order of the tree, left branch first, and a permutation of the rows', () => {
    const r = hierarchical([[0], [10], [1], [11], [30]], { linkage: 'average' });
    expect(r.merges).toEqual([[0, 2, 1, 2], [1, 3, 1, 2], [5, 6, 10, 4], [4, 7, 24.5, 5]]);
    expect(r.leafOrder).toEqual([4, 0, 2, 1, 3]);
    const big = hierarchical(uniform(3, 40, 2));
    expect(big.leafOrder.slice().sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  test('ties and zero-height merges of duplicates resolve deterministically (lowest index first)', () => {
    const X = [[0], [0], [1], [1]];
    expect(hierarchical(X, { linkage: 'single' }).merges).toEqual([[0, 1, 0, 2], [2, 3, 0, 2], [4, 5, 1, 4]]);
    expect(hierarchical(X, { linkage: 'complete' }).merges).toEqual([[0, 1, 0, 2], [2, 3, 0, 2], [4, 5, 1, 4]]);
    expect(hierarchical(X, { linkage: 'ward' }).merges).toEqual([[0, 1, 0, 2], [2, 3, 0, 2], [4, 5, Math.SQRT2, 4]]);
    const eq = [[0], [1], [2], [3]];
    expect(hierarchical(eq, { linkage: 'single' }).merges).toEqual([[0, 1, 1, 2], [2, 4, 1, 3], [3, 5, 1, 4]]);
    expect(hierarchical([[5, 5]], { linkage: 'ward' })).toMatchObject({ merges: [], leafOrder: [0] });
  });

  test('centroid and median merges come in merge order with inversions kept', () => {
    // An equilateral triangle: the centroid of the first pair is closer to the third point than the pair's distance.
    const X = [[0, 0], [2, 0], [1, 1.8]];
    const r = hierarchical(X, { linkage: 'centroid' });
    expect(r.merges[0]!.slice(0, 2)).toEqual([0, 1]);
    expect(r.merges[1]![2]).toBeLessThan(r.merges[0]![2]);
    expect(r.algorithm).toBe('generic');
  });

  test('memory is estimated before allocating and refused above maxMemoryBytes with TOO_LARGE', () => {
    const X = uniform(1, 300, 2);
    const need = estimateHierarchicalMemory(300, 2, 'average', false);
    expect(need).toBeGreaterThan(8 * 300 * 299 / 2);
    expect(estimateHierarchicalMemory(300, 2, 'ward', false)).toBeLessThan(need / 5);
    try {
      hierarchical(X, { linkage: 'average', maxMemoryBytes: need - 1 });
      expect.unreachable();
    } catch (e) {
      expect((e as CrmError).code).toBe('TOO_LARGE');
      expect((e as CrmError).message).toMatch(/would need about [0-9.]+ (MiB|KiB|GiB|bytes).*fitKMeans/);
      expect((e as CrmError).details).toMatchObject({ estimateBytes: need });
    }
    expect(hierarchical(X, { linkage: 'ward', maxMemoryBytes: need - 1 }).memoryBytes).toBeLessThan(need);
    expect(estimateHierarchicalMemory(20000, 8, 'ward', false)).toBeLessThan(2 ** 30);
    // A square matrix is refused before it is copied; a condensed one before the working copy.
    const square = X.slice(0, 50).map((a) => X.slice(0, 50).map((b) => euclid(a, b)));
    expect(() => hierarchical(square, { precomputed: true, maxMemoryBytes: 8 * 50 * 50 })).toThrowError(expect.objectContaining({ code: 'TOO_LARGE' }));
    expect(() => hierarchical(condensed(X), { maxMemoryBytes: 8 * 300 * 299 / 2 })).toThrowError(expect.objectContaining({ code: 'TOO_LARGE' }));
  });

  test('onProgress reports merges and an aborted signal stops the run', () => {
    const X = uniform(2, 600, 2);
    const seen: number[] = [];
    hierarchical(X, { onProgress: (p) => seen.push(p.completed) });
    expect(seen).toEqual([0, 256, 512]);
    const ctl = new AbortController();
    ctl.abort();
    expect(() => hierarchical(X, { signal: ctl.signal })).toThrowError(expect.objectContaining({ code: 'ABORTED' }));
    // The distance matrix of average linkage is interruptible too.
    const late = new AbortController();
    const phases = new Set<string>();
    const run = () => hierarchical(X, { linkage: 'average', signal: late.signal, onProgress: (p) => { phases.add(p.phase); if (p.phase === 'distances' && p.completed > 0) late.abort(); } });
    expect(run).toThrowError(expect.objectContaining({ code: 'ABORTED' }));
    expect([...phases]).toEqual(['distances']);
  });
});

describe('cutTree', () => {
  const X = [[0], [1], [10], [11], [30], [0]];
  const tree = hierarchical(X, { linkage: 'single' });

  test('cutTree(result, { k }) gives k clusters numbered by first row, in input order', () => {
    expect(cutTree(tree, { k: 1 })).toEqual([0, 0, 0, 0, 0, 0]);
    expect(cutTree(tree, { k: 3 })).toEqual([0, 0, 1, 1, 2, 0]);
    expect(cutTree(tree, { k: 6 })).toEqual([0, 1, 2, 3, 4, 5]);
  });

  test('cutTree(result, { height }) joins merges at or below the height; zero-height duplicates join at 0', () => {
    expect(cutTree(tree, { height: 0 })).toEqual([0, 1, 2, 3, 4, 0]);
    expect(cutTree(tree, { height: 1 })).toEqual([0, 0, 1, 1, 2, 0]);
    expect(cutTree(tree, { height: 0.999 })).toEqual([0, 1, 2, 3, 4, 0]);
    expect(cutTree(tree, { height: 100 })).toEqual([0, 0, 0, 0, 0, 0]);
  });

  test('ties at the cut: { k } takes merges in row order', () => {
    const eq = hierarchical([[0], [1], [2], [3]], { linkage: 'single' });
    expect(cutTree(eq, { k: 3 })).toEqual([0, 0, 1, 2]);
    expect(cutTree(eq, { k: 2 })).toEqual([0, 0, 0, 1]);
    expect(cutTree(eq, { height: 1 })).toEqual([0, 0, 0, 0]);
  });

  test('cutTree by k agrees with the brute-force partition after n - k merges', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 12 }), (seed, k) => {
      const P = uniform(seed, 12, 2);
      const r = hierarchical(P, { linkage: 'average' });
      const labels = cutTree(r, { k });
      expect(new Set(labels).size).toBe(k);
      const byHeight = cutTree(r, { height: k === 12 ? 0 : r.merges[12 - k - 1]![2] });
      expect(byHeight).toEqual(labels);
    }), { numRuns: 40 });
  });

  test('cutTree refuses other results and bad options', () => {
    const code = (f: () => unknown) => { try { f(); } catch (e) { return (e as CrmError).code; } return 'none'; };
    expect(code(() => cutTree({ kind: 'kmeans' } as never, { k: 2 }))).toBe('WRONG_RESULT_KIND');
    expect(code(() => cutTree(tree, { k: 0 }))).toBe('INVALID_OPTION');
    expect(code(() => cutTree(tree, { k: 7 }))).toBe('INVALID_OPTION');
    expect(code(() => cutTree(tree, { k: 2, height: 1 } as never))).toBe('INVALID_OPTION');
    expect(code(() => cutTree(tree, {} as never))).toBe('INVALID_OPTION');
    expect(code(() => cutTree(tree, { height: -1 }))).toBe('INVALID_OPTION');
  });
});

describe('hierarchical bad input', () => {
  const code = (f: () => unknown): string => { try { f(); } catch (e) { expect(e).toBeInstanceOf(CrmError); return (e as CrmError).code; } return 'no error'; };
  test('empty input', () => {
    expect(code(() => hierarchical([]))).toBe('EMPTY_INPUT');
    expect(code(() => hierarchical(new Float64Array(0)))).toBe('EMPTY_INPUT');
  });
  test('ragged rows', () => expect(code(() => hierarchical([[0, 1], [2]]))).toBe('RAGGED_ROWS'));
  test('NaN or Infinity names the row and column', () => {
    expect(() => hierarchical([[0, 1], [2, NaN]])).toThrowError(/points\[1\]\[1\] is NaN/);
    expect(code(() => hierarchical([[Infinity, 1], [2, 3]]))).toBe('NON_FINITE');
    expect(code(() => hierarchical([1, Infinity, 2]))).toBe('NON_FINITE');
  });
  test('a condensed distance matrix of the wrong length', () => {
    expect(() => hierarchical([1, 2]))
      .toThrowError(expect.objectContaining({ code: 'LENGTH_MISMATCH', message: expect.stringMatching(/n\(n-1\)\/2 entries; got 2/) }));
  });
  test('a square distance matrix that is not square, not symmetric, with a non-zero diagonal or negative', () => {
    expect(code(() => hierarchical([[0, 1, 2], [1, 0, 3]], { precomputed: true }))).toBe('INVALID_INPUT');
    expect(() => hierarchical([[0, 1], [2, 0]], { precomputed: true })).toThrowError(/not symmetric: distances\[0\]\[1\] = 1 but distances\[1\]\[0\] = 2/);
    expect(code(() => hierarchical([[1, 1], [1, 0]], { precomputed: true }))).toBe('INVALID_INPUT');
    expect(code(() => hierarchical([[0, -1], [-1, 0]], { precomputed: true }))).toBe('NEGATIVE_VALUE');
    expect(code(() => hierarchical([-1, 2, 3]))).toBe('NEGATIVE_VALUE');
  });
  test('a linkage name that does not exist', () => {
    expect(() => hierarchical([[0], [1]], { linkage: 'ward.D2' as never })).toThrowError(/linkage must be one of 'single', 'complete'/);
  });
  test('the input is not mutated', () => {
    const D = [3, 4, 5];
    hierarchical(D, { linkage: 'average' });
    expect(D).toEqual([3, 4, 5]);
    const X = [[0, 0], [3, 4], [1, 1]];
    hierarchical(X, { linkage: 'ward' });
    expect(X).toEqual([[0, 0], [3, 4], [1, 1]]);
  });
});
