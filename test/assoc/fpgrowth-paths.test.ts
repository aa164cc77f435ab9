// fpGrowth's top level builds conditional trees either from the baskets (sparse data: partners from
// the pair-count table for the first items, from a counting pass beyond) or from a top-level
// FP-tree (dense data: too many pairs to count up front). These cases send items down every path,
// in both modes, checked against direct counting.
import { describe, expect, test } from 'vitest';
import { apriori, fpGrowth } from '../../src/assoc/index.js';
import { runFpGrowth } from '../../src/assoc/fpGrowth.js';
import { asMap } from './helpers.js';

/** Every subset (up to maxLength items) of every basket, counted; kept when count >= minCount. */
function subsetCounts(baskets: readonly number[][], minCount: number, maxLength = Infinity): Map<string, number> {
  const all = new Map<string, number>();
  for (const b of baskets) {
    const items = [...new Set(b)].sort((x, y) => x - y);
    const walk = (from: number, chosen: number[]) => {
      for (let i = from; i < items.length; i++) {
        chosen.push(items[i]!);
        const k = chosen.join(',');
        all.set(k, (all.get(k) ?? 0) + 1);
        if (chosen.length < maxLength) walk(i + 1, chosen);
        chosen.pop();
      }
    };
    walk(0, []);
  }
  return new Map([...all].filter(([, c]) => c >= minCount));
}

describe('fpGrowth top-level conditional trees', () => {
  test('more frequent items than the pair table holds: both paths, same itemsets as direct counting', () => {
    const items = 6000; // more than the 5,793 items a full table of one-byte counters holds
    const baskets: number[][] = [];
    for (let i = 0; i < items; i++) {
      const b = [i, (i * 7 + 1) % items, (i * 13 + 5) % items];
      if (i % 3 === 0) b.push(0, 1);
      if (i % 5 === 0) b.push(1, 2, 3000);
      baskets.push(b);
    }
    for (const minCount of [1, 2]) {
      const expected = subsetCounts(baskets, minCount);
      expect(asMap(fpGrowth(baskets, { minCount }))).toEqual(expected);
      expect(asMap(runFpGrowth(baskets, { minCount }, 'tree'))).toEqual(expected);
    }
  });

  test('minCount above 255 with a large pair table (two-byte counters, capped at minCount): same as apriori and the tree', () => {
    const items = 1500; // more than the 1,448 items whose pairs fit in the 4-byte table
    const baskets: number[][] = [];
    for (let b = 0; b < 90_000; b++) {
      const basket = [0, 1];
      for (let j = 0; j < 5; j++) basket.push(2 + ((b * 5 + j) % (items - 2)));
      if (b % 3 === 0) basket.push(2, 3);
      baskets.push(basket);
    }
    const minCount = 300;
    const f = fpGrowth(baskets, { minCount, maxLength: 3 });
    expect(f.itemsets.length).toBeGreaterThan(items);
    expect(runFpGrowth(baskets, { minCount, maxLength: 3 }, 'tree').itemsets).toEqual(f.itemsets);
    expect(apriori(baskets, { minCount, maxLength: 3 }).itemsets).toEqual(f.itemsets);
  });

  test('long baskets (too many pairs to count up front) give the same pairs as direct counting', () => {
    const baskets: number[][] = [];
    for (let b = 0; b < 40; b++) {
      const basket: number[] = [];
      for (let i = 0; i < 600; i++) if ((i * 31 + b * 17) % 7 < 4) basket.push(i);
      baskets.push(basket);
    }
    const expected = subsetCounts(baskets, 20, 2);
    expect(asMap(fpGrowth(baskets, { minCount: 20, maxLength: 2 }))).toEqual(expected);
    expect(asMap(runFpGrowth(baskets, { minCount: 20, maxLength: 2 }, 'baskets'))).toEqual(expected);
  });
});
