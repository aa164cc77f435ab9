// D19: fpGrowth's cost must follow the conditional bases, not the number of frequent items. The
// guard counts work instead of timing it, so it cannot flake on a loaded machine: every element a
// typed-array fill or set touches (the old code cleared condCount over 0..c for every item c) plus
// the size of every FP-tree reset, grown and indexed. Linear work grows 4x from 20k to 80k items;
// the per-item clear of every more frequent item grew 16x. Measured with this counter: 17.3x
// (baskets) and 15.9x (tree) on the code before the D19 fix (3b7fc6b^), 4.42x and 4.27x now. The
// bound of 6 leaves room for an n log n step, not for a quadratic one.
import { describe, expect, test } from 'vitest';
import { fpGrowth } from '../../src/assoc/index.js';
import { runFpGrowth } from '../../src/assoc/fpGrowth.js';
import { FpTree } from '../../src/assoc/fpTree.js';

/** Items 2..n-1 each in two baskets, with item 0 and with item 1: every item has a tiny conditional base. */
function rareItems(n: number): number[][] {
  const tx: number[][] = [];
  for (let i = 2; i < n; i++) tx.push([0, i], [1, i]);
  return tx;
}

// Patched methods take their own receivers.
type Method = (this: any, ...args: never[]) => unknown;

/** Runs `f` with typed-array fill/set and FpTree's sizing methods counting the elements they touch. */
function countWork(f: () => void): number {
  let work = 0;
  const typed = Object.getPrototypeOf(Int32Array.prototype) as Record<'fill' | 'set', Method>;
  const tree = FpTree.prototype as unknown as Record<'reset' | 'ensure' | 'index', Method>;
  const saved = { fill: typed.fill, set: typed.set, reset: tree.reset, ensure: tree.ensure, index: tree.index };
  const span = (length: number, start: unknown, end: unknown) => {
    const at = (v: unknown, d: number) => { const x = v === undefined ? d : Math.trunc(Number(v)); return x < 0 ? Math.max(0, length + x) : Math.min(x, length); };
    return Math.max(0, at(end, length) - at(start, 0));
  };
  typed.fill = function (this: ArrayLike<number>, ...a: never[]) { work += span(this.length, a[1], a[2]); return saved.fill.apply(this, a); };
  typed.set = function (this: unknown, ...a: never[]) { work += (a[0] as ArrayLike<number>).length; return saved.set.apply(this, a); };
  tree.reset = function (this: unknown, ...a: never[]) { work += (a[0] as number) + (a[1] as number); return saved.reset.apply(this, a); };
  tree.ensure = function (this: FpTree, ...a: never[]) { if (this.parent.length < (a[0] as number)) work += a[0] as number; return saved.ensure.apply(this, a); };
  tree.index = function (this: FpTree, ...a: never[]) { work += this.size + this.k; return saved.index.apply(this, a); };
  try {
    f();
  } finally {
    Object.assign(typed, { fill: saved.fill, set: saved.set });
    Object.assign(tree, { reset: saved.reset, ensure: saved.ensure, index: saved.index });
  }
  return work;
}

describe('fpGrowth scaling in the number of frequent items', () => {
  test.each(['baskets', 'tree'] as const)('fpGrowth(many rare items, { minCount: 1 }) from the %s does linear work (80k items: under 6x the work of 20k)', (mode) => {
    const small = rareItems(20_000), large = rareItems(80_000);
    let r: ReturnType<typeof runFpGrowth> | undefined;
    const largeWork = countWork(() => { r = runFpGrowth(large, { minCount: 1 }, mode); });
    // Items 0 and 1, every other item, and each of those with 0 and with 1.
    expect(r!.itemsets).toHaveLength(2 + 3 * (80_000 - 2));
    expect(r!.itemsets.slice(0, 2).map((s) => [s.items, s.count])).toEqual([[[0], 79_998], [[1], 79_998]]);
    const smallWork = countWork(() => runFpGrowth(small, { minCount: 1 }, mode));
    // The counter sees the work: at least one element per frequent item.
    expect(smallWork).toBeGreaterThan(20_000);
    expect(largeWork / smallWork).toBeLessThan(6);
  }, 120_000);

  test('the work counter sees a per-item clear of every more frequent item (the D19 pattern) as quadratic', () => {
    const clearAll = (n: number) => { const counts = new Int32Array(n); for (let c = 0; c < n; c++) counts.fill(0, 0, c); };
    expect(countWork(() => clearAll(8000)) / countWork(() => clearAll(2000))).toBeGreaterThan(15);
  });

  test('fpGrowth(1,000,000 single-item baskets, { minCount: 1 }) finishes, one itemset per item', () => {
    const tx = Array.from({ length: 1_000_000 }, (_, i) => [i]);
    const r = fpGrowth(tx, { minCount: 1 });
    expect(r.itemsets).toHaveLength(1_000_000);
    expect(r.itemsets[0]).toEqual({ items: [0], count: 1, support: 1e-6 });
    expect(r.itemsets.at(-1)).toEqual({ items: [999_999], count: 1, support: 1e-6 });
  }, 60_000);
});
