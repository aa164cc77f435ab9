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
