// Issue 13 glue for assoc: recommendations and target lists for all customers in one call.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { associationRules, fpGrowth, recommendForCustomers, recommendItems, targetCustomers, targetCustomersForItemsets } from '../../src/assoc/index.js';
import { codeOf } from './helpers.js';

const lines = fc.array(fc.record({ customer: fc.constantFrom('a', 'b', 'c', 'd', 'e', 7, 3), item: fc.integer({ min: 0, max: 5 }) }), { minLength: 1, maxLength: 40 });

describe('recommendForCustomers', () => {
  test("recommendForCustomers(rows, rules) gives each customer exactly recommendItems on that customer's pooled basket", () => {
    fc.assert(
      fc.property(lines, fc.integer({ min: 1, max: 4 }), fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 2 }), (rows, topN, exclude) => {
        const baskets = new Map<string | number, number[]>();
        for (const r of rows) baskets.set(r.customer, [...(baskets.get(r.customer) ?? []), r.item]);
        const rules = associationRules(fpGrowth([...baskets.values()], { minCount: 1 }), { minConfidence: 0.1 });
        if (rules.rules.length === 0) {
          expect(codeOf(() => recommendForCustomers(rows, rules))).toBe('EMPTY_INPUT');
          return;
        }
        const got = recommendForCustomers(rows, rules, { topN, exclude });
        const customers = [...baskets.keys()].sort((x, y) => (typeof x === typeof y ? (x < y ? -1 : x > y ? 1 : 0) : typeof x === 'number' ? -1 : 1));
        const expected = customers.flatMap((c) =>
          recommendItems(baskets.get(c)!, rules, { topN, exclude }).map((r, k) => ({ customer: c, rank: k + 1, item: r.item, confidence: r.confidence, lift: r.lift, support: r.support, rule: { antecedent: r.rules[0]!.antecedent, consequent: r.rules[0]!.consequent, support: r.support, confidence: r.confidence, lift: r.lift } })),
        );
        expect(got).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  test('recommendForCustomers reads baskets given as item arrays, accessors, and a filtered rules array', () => {
    const rules = associationRules(fpGrowth([['tea', 'milk'], ['tea', 'milk'], ['tea', 'milk', 'cake'], ['tea']], { minCount: 1 }), { minConfidence: 0.2 });
    const orders = [{ id: 1, basket: ['tea'] }, { id: 2, basket: ['milk', 'tea'] }];
    const got = recommendForCustomers(orders, rules.rules.filter((r) => r.lift >= 1), { customer: 'id', item: (o) => o.basket });
    expect(got.map((r) => [r.customer, r.item])).toEqual([[1, 'milk'], [1, 'cake'], [2, 'cake']]);
    expect(got[0]!.rule.antecedent).toEqual(['tea']);
  });

  test('recommendForCustomers refuses bad rows, rules and options under its own name', () => {
    const rules = associationRules(fpGrowth([['tea', 'milk'], ['tea', 'milk']], { minCount: 1 }), { minConfidence: 0.2 });
    const rows = [{ customer: 'a', item: 'tea' }];
    expect(codeOf(() => recommendForCustomers([], rules))).toBe('EMPTY_INPUT');
    expect(codeOf(() => recommendForCustomers(rows, []))).toBe('EMPTY_INPUT');
    expect(codeOf(() => recommendForCustomers(rows, { ...rules, rules: [] }))).toBe('EMPTY_INPUT');
    expect(codeOf(() => recommendForCustomers('x' as never, rules))).toBe('INVALID_INPUT');
    expect(codeOf(() => recommendForCustomers([{ customer: 'a', item: null }], rules))).toBe('MISSING_VALUE');
    expect(codeOf(() => recommendForCustomers([{ customer: null, item: 'tea' }], rules))).toBe('MISSING_VALUE');
    expect(codeOf(() => recommendForCustomers([{ client: 'a', item: 'tea' }], rules))).toBe('INVALID_OPTION');
    expect(codeOf(() => recommendForCustomers(rows, { kind: 'rfm' } as never))).toBe('WRONG_RESULT_KIND');
    expect(codeOf(() => recommendForCustomers(rows, [{ antecedent: [], consequent: ['x'] }] as never))).toBe('INVALID_MODEL');
    expect(codeOf(() => recommendForCustomers(rows, rules, { topN: 0 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => recommendForCustomers(rows, rules, { bogus: 1 } as never))).toBe('INVALID_OPTION');
    try {
      recommendForCustomers(rows, rules, { topN: 0 });
    } catch (e) {
      expect((e as Error).message).toMatch(/^recommendForCustomers: /);
    }
    const copy = structuredClone(rules);
    recommendForCustomers(rows, rules);
    expect(rules).toEqual(copy);
  });
});

describe('targetCustomersForItemsets', () => {
  test('targetCustomersForItemsets(rows, itemsets) is targetCustomers on each itemset, tagged with its index', () => {
    fc.assert(
      fc.property(lines, fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 4 }), { maxLength: 4 }), (rows, sets) => {
        const got = targetCustomersForItemsets(rows, sets);
        expect(got).toEqual(sets.flatMap((s, k) => targetCustomers(rows, s).map((t) => ({ itemset: k, ...t }))));
      }),
      { numRuns: 100 },
    );
  });

  test('targetCustomersForItemsets takes fpGrowth itemsets and names the bad combination', () => {
    const rows = [{ customer: 'ann', item: 'tent' }, { customer: 'bob', item: 'tent' }, { customer: 'bob', item: 'stove' }];
    const sets = fpGrowth([['tent', 'stove'], ['tent']], { minCount: 1 }).itemsets.filter((s) => s.items.length === 2);
    expect(targetCustomersForItemsets(rows, sets)).toEqual([{ itemset: 0, customer: 'ann', held: ['tent'], missing: ['stove'] }]);
    expect(codeOf(() => targetCustomersForItemsets(rows, 'x' as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => targetCustomersForItemsets(rows, [['tent', 'stove'], ['tent']]))).toBe('INVALID_INPUT');
    try {
      targetCustomersForItemsets(rows, [['tent', 'stove'], ['tent']]);
    } catch (e) {
      expect((e as Error).message).toMatch(/^targetCustomersForItemsets: itemsets\[1\]/);
    }
    const holey = [['tent', 'stove'], ['a', 'b']];
    delete holey[1];
    expect(codeOf(() => targetCustomersForItemsets(rows, holey))).toBe('INVALID_INPUT');
    expect(targetCustomersForItemsets(rows, [])).toEqual([]);
  });
});
