import { describe, expect, test } from 'vitest';
import { apriori, associationRules, fpGrowth, recommendItems, targetCustomers } from '../../src/assoc/index.js';
import { codeOf, errorOf } from './helpers.js';

const tx = [['a', 'b'], ['a'], ['b', 'c']];

describe.each([['fpGrowth', fpGrowth], ['apriori', apriori]] as const)('%s bad input', (_name, mine) => {
  test('an empty transaction list is EMPTY_INPUT', () => {
    const e = errorOf(() => mine([], { minCount: 1 }));
    expect(e.code).toBe('EMPTY_INPUT');
    expect(e.message).toMatch(/no transactions/);
  });

  test('empty baskets are allowed and counted', () => {
    const r = mine([[], ['a'], []], { minSupport: 0.3 });
    expect(r.transactionCount).toBe(3);
    expect(r.itemsets).toEqual([{ items: ['a'], count: 1, support: 1 / 3 }]);
    expect(mine([[], []], { minCount: 1 }).itemsets).toEqual([]);
  });

  test.each([0, -0.1, 1.5, Number.NaN])('minSupport %s is INVALID_OPTION with the accepted range', (minSupport) => {
    const e = errorOf(() => mine(tx, { minSupport }));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toMatch(/minSupport must be a finite number in \(0, 1\]; got /);
  });

  test('a count given as minSupport is refused, pointing to minCount', () => {
    expect(errorOf(() => mine(tx, { minSupport: 50 })).message).toMatch(/pass minCount: 50 instead/);
  });

  test('a fraction given as minCount is refused, pointing to minSupport', () => {
    const e = errorOf(() => mine(tx, { minCount: 0.05 }));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toMatch(/pass minSupport: 0.05 instead/);
  });

  test('both or neither of minSupport and minCount is INVALID_OPTION', () => {
    expect(errorOf(() => mine(tx, { minSupport: 0.5, minCount: 2 })).message).toMatch(/either minSupport .* or minCount/);
    expect(codeOf(() => mine(tx, {}))).toBe('INVALID_OPTION');
  });

  test('minCount above the basket count is INVALID_OPTION naming the basket count', () => {
    const e = errorOf(() => mine(tx, { minCount: 4 }));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toMatch(/minCount is 4 but there are only 3 baskets/);
  });

  test('a null item is MISSING_VALUE naming the basket and position', () => {
    const e = errorOf(() => mine([['a'], ['b', null]] as never, { minCount: 1 }));
    expect(e.code).toBe('MISSING_VALUE');
    expect(e.message).toMatch(/transactions\[1\]\[1\] is null/);
  });

  test('an object item is INVALID_INPUT', () => {
    const e = errorOf(() => mine([['a', { id: 1 }]] as never, { minCount: 1 }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toMatch(/transactions\[0\]\[1\] is a Object; an item must be a string or a finite number/);
  });

  test('a NaN item is NON_FINITE', () => {
    expect(codeOf(() => mine([[Number.NaN]], { minCount: 1 }))).toBe('NON_FINITE');
  });

  test('a basket that is not an array is INVALID_INPUT', () => {
    const e = errorOf(() => mine([['a'], 'b,c'] as never, { minCount: 1 }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toMatch(/transactions\[1\] is "b,c"; each basket must be an array/);
    expect(codeOf(() => mine('abc' as never, { minCount: 1 }))).toBe('INVALID_INPUT');
  });

  test('unknown options and bad option values are INVALID_OPTION', () => {
    expect(codeOf(() => mine(tx, { minCount: 1, maxLen: 2 } as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => mine(tx, { minCount: 1, maxLength: 0 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => mine(tx, { minCount: 1, closed: true, maximal: true }))).toBe('INVALID_OPTION');
    expect(codeOf(() => mine(tx, { minCount: 1, excludeItems: [null] } as never))).toBe('INVALID_OPTION');
  });

  test('order lines without orderId or customer, or with a missing key, are refused', () => {
    const lines = [{ o: 1, i: 'a' }, { o: null, i: 'b' }];
    expect(codeOf(() => mine(lines, { minCount: 1, item: 'i' }))).toBe('INVALID_OPTION');
    expect(codeOf(() => mine(lines, { minCount: 1, item: 'i', orderId: 'o' }))).toBe('MISSING_VALUE');
  });
});

describe('associationRules, recommendItems, targetCustomers bad input', () => {
  test('associationRules refuses other results, closed/maximal itemsets and bad thresholds', () => {
    expect(codeOf(() => associationRules([] as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => associationRules({ kind: 'associationRules' } as never))).toBe('WRONG_RESULT_KIND');
    expect(errorOf(() => associationRules(fpGrowth(tx, { minCount: 1, closed: true }))).message).toMatch(/without closed\/maximal/);
    expect(codeOf(() => associationRules(fpGrowth(tx, { minCount: 1 }), { minConfidence: 1.2 }))).toBe('INVALID_OPTION');
    const partial = fpGrowth(tx, { minCount: 1 });
    const damaged = { ...partial, itemsets: partial.itemsets.filter((s) => s.items.length !== 1) };
    expect(errorOf(() => associationRules(damaged, { minConfidence: 0 })).message).toMatch(/missing from the itemsets/);
  });

  test('recommendItems refuses a non-array basket, bad items and non-rules', () => {
    const rules = associationRules(fpGrowth(tx, { minCount: 1 }), { minConfidence: 0 });
    expect(codeOf(() => recommendItems('a' as never, rules))).toBe('INVALID_INPUT');
    expect(codeOf(() => recommendItems([null] as never, rules))).toBe('MISSING_VALUE');
    expect(codeOf(() => recommendItems(['a'], fpGrowth(tx, { minCount: 1 }) as never))).toBe('WRONG_RESULT_KIND');
    expect(codeOf(() => recommendItems(['a'], rules, { topN: 0 }))).toBe('INVALID_OPTION');
  });

  test('targetCustomers refuses empty histories, short combinations and out-of-range minHeld', () => {
    const rows = [{ customer: 'a', item: 'x' }];
    expect(codeOf(() => targetCustomers([], ['x', 'y']))).toBe('EMPTY_INPUT');
    expect(codeOf(() => targetCustomers(rows, ['x']))).toBe('INVALID_INPUT');
    expect(codeOf(() => targetCustomers(rows, ['x', 'y'], { minHeld: 2 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => targetCustomers([{ customer: null, item: 'x' }], ['x', 'y']))).toBe('MISSING_VALUE');
  });
});

describe.each([['fpGrowth', fpGrowth], ['apriori', apriori]] as const)('%s edges (issue 12)', (name, mine) => {
  test('a hole in a basket is MISSING_VALUE with its position; a hole in the basket list is INVALID_INPUT', () => {
    const basket = ['a']; basket.length = 3;
    const e = errorOf(() => mine([['a', 'b'], basket], { minCount: 1 }));
    expect(e.code).toBe('MISSING_VALUE');
    expect(e.message).toMatch(/transactions\[1\]\[1\] is undefined/);
    // eslint-disable-next-line no-sparse-arrays
    expect(codeOf(() => mine([['a'], , ['b']] as never, { minCount: 1 }))).toBe('INVALID_INPUT');
  });

  test('a hole in the order lines is INVALID_INPUT with its index, with property and function accessors', () => {
    // eslint-disable-next-line no-sparse-arrays
    const lines = [{ o: 1, i: 'a' }, , { o: 2, i: 'b' }] as { o: number; i: string }[];
    const e = errorOf(() => mine(lines, { minCount: 1, item: 'i', orderId: 'o' }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toMatch(/transactions\[1\] is an empty slot/);
    expect(errorOf(() => mine(lines, { minCount: 1, item: (l) => l.i, orderId: (l) => l.o })).message).toMatch(/transactions\[1\] is an empty slot/);
  });

  test('accessor options that are neither a function nor a property name are INVALID_OPTION (not a raw TypeError)', () => {
    const lines = [{ o: 1, i: 'a' }];
    for (const bad of [Object.create(null), {}, null, '', -1]) {
      const e = errorOf(() => mine(lines, { minCount: 1, item: bad, orderId: 'o' }));
      expect(e.code).toBe('INVALID_OPTION');
      expect(e.message).toMatch(new RegExp(`${name}: item must be a function \\(row, index\\) => value or a property name`));
    }
    expect(codeOf(() => mine(lines, { minCount: 1, item: 'i', orderId: {} as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => mine(lines, { minCount: 1, item: 'i', customer: Object.create(null) }))).toBe('INVALID_OPTION');
  });

  test('a misspelt accessor key is reported as such on the first line, with a guess', () => {
    const lines = [{ order: 1, sku: 'a' }, { order: 1, sku: 'b' }];
    const e = errorOf(() => mine(lines, { minCount: 1, item: 'Sku' as never, orderId: 'order' }));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toBe(`${name}: transactions[0] has no property 'Sku' (the item option); it has order, sku. Did you mean 'sku'?`);
    expect(errorOf(() => mine(lines, { minCount: 1, item: 'sku', orderId: 'orders' as never })).message).toMatch(/no property 'orders' \(the orderId option\).*Did you mean 'order'\?/);
  });

  test('Infinity and -Infinity items or order ids are INVALID_INPUT (JSON would write them as null)', () => {
    expect(errorOf(() => mine([[Infinity, 'a']], { minCount: 1 })).message).toMatch(/transactions\[0\]\[0\] is Infinity; an item must be a string or a finite number/);
    expect(codeOf(() => mine([[-Infinity]], { minCount: 1 }))).toBe('INVALID_INPUT');
    const lines = [{ o: Infinity, i: 'a' }, { o: -Infinity, i: 'b' }];
    const e = errorOf(() => mine(lines, { minCount: 1, item: 'i', orderId: 'o' }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toMatch(/line 0 has orderId Infinity/);
    expect(codeOf(() => mine([{ o: 1, i: -Infinity }], { minCount: 1, item: 'i', orderId: 'o' }))).toBe('INVALID_INPUT');
  });

  test('minSupport: 1 (meant as 1%) stays valid, and the empty result says minSupport is a fraction', () => {
    const tx = Array.from({ length: 200 }, (_, b) => (b % 50 === 0 ? ['a', 'b'] : ['a', `x${b % 7}`]));
    const r = mine(tx, { minSupport: 1 });
    expect(r.itemsets).toEqual([{ items: ['a'], count: 200, support: 1 }]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(new RegExp(`^${name}: minSupport is a fraction of baskets: minSupport: 1 keeps only itemsets in at least 200 of the 200 baskets, and 1 is that frequent\\. minSupport: 0\\.01 means 1%; if you meant 1%, pass minSupport: 0\\.01\\.$`));
    // The hinted threshold finds what was meant; no warning then.
    const meant = mine(tx, { minSupport: 0.01 });
    expect(meant.itemsets.length).toBeGreaterThan(5);
    expect(meant.warnings).toEqual([]);
    expect(mine(tx, { minSupport: 0.5 }).warnings[0]).toMatch(/if you meant 0\.5%, pass minSupport: 0\.005\./);
  });

  test('an empty result from minCount says how frequent the most frequent item is', () => {
    const r = mine([['a'], ['a', 'b'], ['c']], { minCount: 3 });
    expect(r.itemsets).toEqual([]);
    expect(r.warnings).toEqual([`${name}: no itemset is frequent at minCount 3 (of 3 baskets); the most frequent item is in 2 baskets. Lower minCount.`]);
  });
});
