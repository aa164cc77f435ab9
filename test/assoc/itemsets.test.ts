import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { apriori, fpGrowth, type FrequentItemsetsOptions } from '../../src/assoc/index.js';
import type { Progress } from '../../src/core/progress.js';
import { runFpGrowth } from '../../src/assoc/fpGrowth.js';
import { asMap, bruteForce, codeOf, errorOf, filterBrute } from './helpers.js';

const UNIVERSE = 7;
const baskets = fc.array(fc.array(fc.integer({ min: 0, max: UNIVERSE - 1 }), { maxLength: 6 }), { minLength: 1, maxLength: 25 });

describe('fpGrowth and apriori against brute force', () => {
  test('fpGrowth(tx, { minCount }) = apriori = brute force for every minimum count', () => {
    fc.assert(fc.property(baskets, (tx) => {
      for (let minCount = 1; minCount <= tx.length; minCount++) {
        const expected = bruteForce(tx, minCount, UNIVERSE);
        expect(asMap(fpGrowth(tx, { minCount }))).toEqual(expected);
        // Both ways of building the top-level conditional trees, whatever the data would pick.
        expect(asMap(runFpGrowth(tx, { minCount }, 'baskets'))).toEqual(expected);
        expect(asMap(runFpGrowth(tx, { minCount }, 'tree'))).toEqual(expected);
        expect(asMap(apriori(tx, { minCount }))).toEqual(expected);
      }
    }), { numRuns: 60 });
  });

  test('fpGrowth = apriori on larger baskets (deep conditional trees, radix-sorted build)', () => {
    // Correlated items (a basket draws from a random window) make long itemsets and deep recursion.
    const big = fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.array(fc.integer({ min: 0, max: 11 }), { minLength: 1, maxLength: 12 })), { minLength: 200, maxLength: 600 })
      .map((rows) => rows.map(([from, offs]) => offs.map((o) => from + o)));
    fc.assert(fc.property(big, fc.integer({ min: 2, max: 12 }), (tx, minCount) => {
      const f = fpGrowth(tx, { minCount });
      expect(f.itemsets.length).toBeGreaterThan(0);
      expect(apriori(tx, { minCount }).itemsets).toEqual(f.itemsets);
      expect(runFpGrowth(tx, { minCount }, 'baskets')).toEqual(f);
      expect(runFpGrowth(tx, { minCount }, 'tree')).toEqual(f);
    }), { numRuns: 12 });
  });

  test('fpGrowth(tx, { minSupport }) keeps exactly the itemsets with count / n >= minSupport', () => {
    fc.assert(fc.property(baskets, fc.double({ min: 0.01, max: 1, noNaN: true }), (tx, minSupport) => {
      const got = fpGrowth(tx, { minSupport });
      const minCount = [...Array(tx.length + 1).keys()].find((c) => c >= 1 && c / tx.length >= minSupport)!;
      expect(got.minCount).toBe(minCount);
      expect(asMap(got)).toEqual(bruteForce(tx, minCount, UNIVERSE));
      for (const s of got.itemsets) expect(s.support).toBe(s.count / tx.length);
    }), { numRuns: 100 });
  });

  test('maxLength, closed and maximal match their brute-force definitions', () => {
    fc.assert(fc.property(baskets, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), (tx, minCountRaw, maxLength) => {
      const minCount = Math.min(minCountRaw, tx.length);
      const all = bruteForce(tx, minCount, UNIVERSE);
      for (const mine of [fpGrowth, apriori]) {
        expect(asMap(mine(tx, { minCount, maxLength }))).toEqual(bruteForce(tx, minCount, UNIVERSE, maxLength));
        expect(asMap(mine(tx, { minCount, closed: true }))).toEqual(filterBrute(all, 'closed'));
        expect(asMap(mine(tx, { minCount, maximal: true }))).toEqual(filterBrute(all, 'maximal'));
      }
    }), { numRuns: 60 });
  });

  test('support never rises when an item is added', () => {
    fc.assert(fc.property(baskets, (tx) => {
      const m = asMap(fpGrowth(tx, { minCount: 1 }));
      for (const [k, c] of m) {
        const items = k.split(',');
        if (items.length < 2) continue;
        for (let drop = 0; drop < items.length; drop++) {
          const sub = items.filter((_, i) => i !== drop).join(',');
          expect(m.get(sub)).toBeGreaterThanOrEqual(c);
        }
      }
    }), { numRuns: 60 });
  });

  test('results do not depend on the order of baskets or of items inside them', () => {
    fc.assert(fc.property(baskets, fc.integer({ min: 1, max: 3 }), fc.nat(), (tx, minCountRaw, seed) => {
      const minCount = Math.min(minCountRaw, tx.length);
      let s = seed;
      const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
      const shuffle = <T>(a: readonly T[]) => { const b = [...a]; for (let i = b.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [b[i], b[j]] = [b[j]!, b[i]!]; } return b; };
      const shuffled = shuffle(tx).map((b) => shuffle(b));
      expect(fpGrowth(shuffled, { minCount })).toEqual(fpGrowth(tx, { minCount }));
      expect(apriori(shuffled, { minCount })).toEqual(apriori(tx, { minCount }));
    }), { numRuns: 60 });
  });

  test('the input is never mutated', () => {
    fc.assert(fc.property(baskets, (tx) => {
      const copy = structuredClone(tx);
      fpGrowth(tx, { minCount: 1 });
      apriori(tx, { minCount: 1 });
      expect(tx).toEqual(copy);
    }), { numRuns: 30 });
  });
});

describe('apriori candidate generation', () => {
  test('apriori(Han, Kamber & Pei Table 6.1, { minCount: 2 }) joins and prunes as in their Figure 6.2', () => {
    const tx = [['I1', 'I2', 'I5'], ['I2', 'I4'], ['I2', 'I3'], ['I1', 'I2', 'I4'], ['I1', 'I3'], ['I2', 'I3'], ['I1', 'I3'], ['I1', 'I2', 'I3', 'I5'], ['I1', 'I2', 'I3']];
    const r = apriori(tx, { minCount: 2 });
    // C2: all 10 pairs; L2: 6. Join of L2 gives {123, 125, 135, 234, 235, 245}; the last four have an
    // infrequent 2-subset (35, 34, 35, 45), so C3 = {123, 125}, both frequent. C4: {1235} is joined and
    // pruned ({235} is not frequent).
    expect(r.levels).toEqual([
      { size: 1, joined: 5, candidates: 5, frequent: 5 },
      { size: 2, joined: 10, candidates: 10, frequent: 6 },
      { size: 3, joined: 6, candidates: 2, frequent: 2 },
      { size: 4, joined: 1, candidates: 0, frequent: 0 },
    ]);
    expect(r.itemsets.filter((s) => s.items.length === 3).map((s) => [s.items.join(''), s.count])).toEqual([['I1I2I3', 2], ['I1I2I5', 2]]);
  });
});

describe('transactions', () => {
  test('"1" and 1 are distinct items unless itemIdentity is "string"', () => {
    const tx = [['1', 1], ['1'], [1]];
    expect(fpGrowth(tx, { minCount: 1 }).itemsets.map((s) => [s.items, s.count])).toEqual([[[1], 2], [['1'], 2], [[1, '1'], 1]]);
    expect(fpGrowth(tx, { minCount: 1, itemIdentity: 'string' }).itemsets.map((s) => [s.items, s.count])).toEqual([[['1'], 3]]);
  });

  test('__proto__, constructor and toString are ordinary items', () => {
    const tx = [['__proto__', 'constructor'], ['__proto__', 'toString'], ['constructor', '__proto__']];
    const r = fpGrowth(tx, { minCount: 2 });
    expect(r.itemsets.map((s) => [s.items, s.count])).toEqual([[['__proto__'], 3], [['constructor'], 2], [['__proto__', 'constructor'], 2]]);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  test('duplicates inside a basket count once; empty baskets count as baskets', () => {
    const r = fpGrowth([['a', 'a', 'b'], [], ['a'], []], { minSupport: 0.5 });
    expect(r.transactionCount).toBe(4);
    expect(r.itemsets).toEqual([{ items: ['a'], count: 2, support: 0.5 }]);
  });

  test('order lines are grouped into baskets by orderId, or by customer when no orderId is given', () => {
    const lines = [
      { order: 'o1', who: 'c1', sku: 'tea' }, { order: 'o1', who: 'c1', sku: 'milk' },
      { order: 'o2', who: 'c1', sku: 'cake' }, { order: 'o3', who: 'c2', sku: 'tea' }, { order: 'o3', who: 'c2', sku: 'milk' },
    ];
    const byOrder = fpGrowth(lines, { minCount: 2, item: 'sku', orderId: 'order' });
    expect(byOrder.transactionCount).toBe(3);
    expect(byOrder.itemsets.map((s) => s.items)).toEqual([['milk'], ['tea'], ['milk', 'tea']]);
    const byCustomer = apriori(lines, { minCount: 1, item: (l) => l.sku, customer: (l) => l.who, maxLength: 3 });
    expect(byCustomer.transactionCount).toBe(2);
    expect(byCustomer.itemsets.find((s) => s.items.length === 3)).toEqual({ items: ['cake', 'milk', 'tea'], count: 1, support: 0.5 });
  });

  test('includeItems restricts mining to those items; excludeItems drops items', () => {
    const tx = [['a', 'b', 'c'], ['a', 'b'], ['a', 'c']];
    expect(fpGrowth(tx, { minCount: 1, includeItems: ['a', 'b'] }).itemsets.map((s) => s.items.join(''))).toEqual(['a', 'b', 'ab']);
    expect(apriori(tx, { minCount: 1, excludeItems: ['a'] }).itemsets.map((s) => s.items.join(''))).toEqual(['b', 'c', 'bc']);
  });

  test('itemsets are sorted by count descending, then size, then items', () => {
    const r = fpGrowth([[3, 1, 2], [1, 2], [2, 'x'], ['x', 1]], { minCount: 1 });
    const keys = r.itemsets.map((s) => `${s.count}:${s.items.join(',')}`);
    expect(keys.slice(0, 4)).toEqual(['3:1', '3:2', '2:x', '2:1,2']);
  });
});

describe('guards', () => {
  // 12 items in every basket: 4095 frequent itemsets at minCount 1.
  const dense = Array.from({ length: 3 }, () => Array.from({ length: 12 }, (_, i) => i));
  const opts = { minCount: 1 } as FrequentItemsetsOptions;

  test('maxItemsets stops the run with LIMIT_EXCEEDED, saying how many were found and what to raise', () => {
    for (const mine of [fpGrowth, apriori]) {
      const e = errorOf(() => mine(dense, { ...opts, maxItemsets: 100 }));
      expect(e.code).toBe('LIMIT_EXCEEDED');
      expect(e.message).toMatch(/stopped after finding 100\. Raise maxItemsets/);
      expect(e.details).toMatchObject({ found: 100, option: 'maxItemsets' });
    }
  });

  test('the memory estimate stops the run with TOO_LARGE', () => {
    for (const mine of [fpGrowth, apriori]) {
      const e = errorOf(() => mine(dense, { ...opts, maxMemoryBytes: 1000 }));
      expect(e.code).toBe('TOO_LARGE');
      expect(e.message).toMatch(/maxMemoryBytes/);
    }
    // Apriori's level-2 candidates alone: 3000 items, all frequent, make 4.5M pairs.
    const wide = [Array.from({ length: 3000 }, (_, i) => i)];
    expect(codeOf(() => apriori(wide, { minCount: 1, maxMemoryBytes: 2 ** 26 }))).toBe('TOO_LARGE');
  });

  test('an aborted signal stops the run with ABORTED; onProgress reports', () => {
    const ctrl = new AbortController();
    ctrl.abort();
    expect(codeOf(() => fpGrowth(dense, { ...opts, signal: ctrl.signal }))).toBe('ABORTED');
    expect(codeOf(() => apriori(dense, { ...opts, signal: ctrl.signal }))).toBe('ABORTED');
    const seen: Progress[] = [];
    const r = fpGrowth(dense, { ...opts, onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toEqual({ fn: 'fpGrowth', phase: 'item', completed: 12, total: 12, found: r.itemsets.length });
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.found).toBeGreaterThanOrEqual(seen[i - 1]!.found!);
    const levels: Progress[] = [];
    const a = apriori(dense, { ...opts, maxLength: 3, onProgress: (p) => levels.push(p) });
    expect(levels.map((p) => [p.phase, p.completed, p.total])).toEqual([['level', 1, 3], ['level', 2, 3], ['level', 3, 3]]);
    expect(levels.at(-1)!.found).toBe(a.itemsets.length);
    // Aborting from inside the run stops it too.
    const later = new AbortController();
    expect(codeOf(() => apriori(dense, { ...opts, signal: later.signal, onProgress: () => later.abort() }))).toBe('ABORTED');
  });
});
