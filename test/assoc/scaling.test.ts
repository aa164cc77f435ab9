// D19: fpGrowth's cost must follow the conditional bases, not the number of frequent items. The
// guard compares two sizes (the best of three runs each): linear work grows 4x from 20k to 80k
// items, the old per-item scan of every more frequent item grew 16x. The bound of 8 leaves room
// for a loaded machine without letting a quadratic run through.
import { describe, expect, test } from 'vitest';
import { fpGrowth } from '../../src/assoc/index.js';
import { runFpGrowth } from '../../src/assoc/fpGrowth.js';

/** Items 2..n-1 each in two baskets, with item 0 and with item 1: every item has a tiny conditional base. */
function rareItems(n: number): number[][] {
  const tx: number[][] = [];
  for (let i = 2; i < n; i++) tx.push([0, i], [1, i]);
  return tx;
}

function bestOf3(f: () => void): number {
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    f();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

describe('fpGrowth scaling in the number of frequent items', () => {
  test.each(['baskets', 'tree'] as const)('fpGrowth(many rare items, { minCount: 1 }) from the %s grows linearly (80k items under 8x the time of 20k)', (mode) => {
    const small = rareItems(20_000), large = rareItems(80_000);
    const r = runFpGrowth(large, { minCount: 1 }, mode);
    // Items 0 and 1, every other item, and each of those with 0 and with 1.
    expect(r.itemsets).toHaveLength(2 + 3 * (80_000 - 2));
    expect(r.itemsets.slice(0, 2).map((s) => [s.items, s.count])).toEqual([[[0], 79_998], [[1], 79_998]]);
    const ratio = bestOf3(() => runFpGrowth(large, { minCount: 1 }, mode)) / bestOf3(() => runFpGrowth(small, { minCount: 1 }, mode));
    expect(ratio).toBeLessThan(8);
  }, 120_000);

  test('fpGrowth(1,000,000 single-item baskets, { minCount: 1 }) finishes, one itemset per item', () => {
    const tx = Array.from({ length: 1_000_000 }, (_, i) => [i]);
    const r = fpGrowth(tx, { minCount: 1 });
    expect(r.itemsets).toHaveLength(1_000_000);
    expect(r.itemsets[0]).toEqual({ items: [0], count: 1, support: 1e-6 });
    expect(r.itemsets.at(-1)).toEqual({ items: [999_999], count: 1, support: 1e-6 });
  }, 60_000);
});
