import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { ASSOCIATION_RULES_DEFAULTS, associationRules, FREQUENT_ITEMSETS_DEFAULTS, fpGrowth, recommendItems, targetCustomers, type AssocItem, type AssociationRule } from '../../src/assoc/index.js';
import type { Progress } from '../../src/core/progress.js';
import { bruteForce, codeOf, errorOf, key } from './helpers.js';

const UNIVERSE = 6;
const baskets = fc.array(fc.array(fc.integer({ min: 0, max: UNIVERSE - 1 }), { maxLength: 5 }), { minLength: 1, maxLength: 25 });

/** Every split of every frequent itemset, as mlxtend enumerates them, with the metrics from their definitions. */
function bruteRules(tx: readonly (readonly number[])[], minCount: number, minConfidence: number, maxConsequent: number) {
  const freq = bruteForce(tx, minCount, UNIVERSE);
  const n = tx.length;
  const out = new Map<string, { confidence: number; lift: number; zhang: number; jaccard: number; certainty: number; kulczynski: number }>();
  for (const [k, c] of freq) {
    const items = k.split(',').map(Number);
    for (let mask = 1; mask < (1 << items.length) - 1; mask++) {
      const C = items.filter((_, i) => mask & (1 << i));
      const A = items.filter((_, i) => !(mask & (1 << i)));
      if (C.length > maxConsequent) continue;
      const cA = freq.get(A.join(','))!, cC = freq.get(C.join(','))!;
      const confidence = c / cA;
      if (confidence < minConfidence - 1e-12) continue;
      // Zhang (2000) as first defined: (conf(A->C) - conf(not A->C)) / max of the two.
      // When A is in every basket, conf(not A -> C) is 0/0; the leverage is then 0 and so is the metric.
      const notA = (cC - c) / (n - cA);
      const zhang = n === cA || Math.max(confidence, notA) === 0 ? 0 : (confidence - notA) / Math.max(confidence, notA);
      // mlxtend's definitions (association_rules.py, 0.23+), from the counts: the Jaccard index of the
      // basket sets of A and C, the certainty factor, and the mean of the two confidences.
      const jaccard = c / (cA + cC - c);
      const certainty = cC === n ? 0 : (c / cA - cC / n) / (1 - cC / n);
      const kulczynski = (c / cA + c / cC) / 2;
      out.set(`${A.join(',')}=>${C.join(',')}`, { confidence, lift: confidence / (cC / n), zhang, jaccard, certainty, kulczynski });
    }
  }
  return out;
}

describe('associationRules', () => {
  test('rules are exactly the splits with enough confidence, and confidence = support(A ∪ C) / support(A)', () => {
    fc.assert(fc.property(baskets, fc.integer({ min: 1, max: 3 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 3 }), (tx, minCountRaw, minConfidence, maxC) => {
      const minCount = Math.min(minCountRaw, tx.length);
      const found = fpGrowth(tx, { minCount });
      const got = associationRules(found, { minConfidence, maxConsequentLength: maxC });
      const expected = bruteRules(tx, minCount, minConfidence, maxC);
      const supports = new Map(found.itemsets.map((s) => [key(s.items), s.support]));
      expect(new Set(got.rules.map((r) => `${key(r.antecedent)}=>${key(r.consequent)}`))).toEqual(new Set(expected.keys()));
      for (const r of got.rules) {
        const e = expected.get(`${key(r.antecedent)}=>${key(r.consequent)}`)!;
        const both = supports.get(key([...r.antecedent, ...r.consequent].sort((a, b) => Number(a) - Number(b))))!;
        expect(r.support).toBe(both);
        expect(r.confidence).toBeCloseTo(both / supports.get(key(r.antecedent))!, 12);
        expect(r.confidence).toBeCloseTo(e.confidence, 12);
        expect(r.lift).toBeCloseTo(e.lift, 12);
        expect(r.leverage).toBeCloseTo(r.support - r.antecedentSupport * r.consequentSupport, 14);
        expect(r.zhangsMetric).toBeCloseTo(e.zhang, 12);
        expect(r.jaccard).toBeCloseTo(e.jaccard, 12);
        expect(r.certainty).toBeCloseTo(e.certainty, 12);
        expect(r.kulczynski).toBeCloseTo(e.kulczynski, 12);
        if (r.confidence === 1) expect(r.conviction).toBeNull();
        else expect(r.conviction).toBeCloseTo((1 - r.consequentSupport) / (1 - r.confidence), 10);
      }
    }), { numRuns: 80 });
  });

  test('rules are sorted by lift, then support, confidence, antecedent and consequent', () => {
    fc.assert(fc.property(baskets, (tx) => {
      const rules = associationRules(fpGrowth(tx, { minCount: 1 }), { minConfidence: 0, maxConsequentLength: 2 }).rules;
      for (let i = 1; i < rules.length; i++) {
        const a = rules[i - 1]!, b = rules[i]!;
        expect(a.lift > b.lift || (a.lift === b.lift && a.support >= b.support)).toBe(true);
      }
    }), { numRuns: 30 });
  });

  test('minLift and the item filters keep exactly the rules that pass them', () => {
    fc.assert(fc.property(baskets, fc.integer({ min: 0, max: UNIVERSE - 1 }), fc.integer({ min: 0, max: UNIVERSE - 1 }), (tx, a, c) => {
      const found = fpGrowth(tx, { minCount: 1 });
      const all = associationRules(found, { minConfidence: 0, maxConsequentLength: 3 }).rules;
      const run = (o: object, keep: (r: AssociationRule) => boolean) =>
        expect(associationRules(found, { minConfidence: 0, maxConsequentLength: 3, ...o }).rules).toEqual(all.filter(keep));
      run({ minLift: 1.2 }, (r) => r.lift >= 1.2);
      run({ antecedentIncludes: [a] }, (r) => r.antecedent.includes(a));
      run({ antecedentExcludes: [a] }, (r) => !r.antecedent.includes(a));
      run({ consequentIncludes: [c] }, (r) => r.consequent.includes(c));
      run({ consequentExcludes: [c] }, (r) => !r.consequent.includes(c));
      run({ antecedentIncludes: [a], consequentExcludes: [c] }, (r) => r.antecedent.includes(a) && !r.consequent.includes(c));
    }), { numRuns: 40 });
  });

  test('infinite conviction is null, so the result survives JSON', () => {
    const r = associationRules(fpGrowth([['a', 'b'], ['a', 'b'], ['b']], { minCount: 1 }), { minConfidence: 1 });
    expect(r.rules.map((x) => [x.antecedent, x.consequent, x.conviction])).toEqual([[['a'], ['b'], null]]);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  test('maxRules stops with LIMIT_EXCEEDED', () => {
    const found = fpGrowth([['a', 'b', 'c'], ['a', 'b', 'c']], { minCount: 1 });
    const e = errorOf(() => associationRules(found, { minConfidence: 0, maxRules: 3 }));
    expect(e.code).toBe('LIMIT_EXCEEDED');
    expect(e.message).toMatch(/stopped after finding 3\. Raise maxRules/);
    expect(associationRules(found, { minConfidence: 0, maxRules: 9 }).rules).toHaveLength(9);
  });
});

describe('recommendItems', () => {
  const tx = [['tea', 'milk'], ['tea', 'milk'], ['tea', 'milk', 'cake'], ['tea', 'cake'], ['milk', 'cake', 'jam'], ['jam']];
  const rules = associationRules(fpGrowth(tx, { minCount: 1 }), { minConfidence: 0.1, maxConsequentLength: 2 });

  test('recommends the items a customer lacks, scored by their best applicable rule', () => {
    fc.assert(fc.property(fc.subarray<AssocItem>(['tea', 'milk', 'cake', 'jam']), (held) => {
      const recs = recommendItems(held, rules, { topN: 10 });
      for (const rec of recs) {
        expect(held).not.toContain(rec.item);
        const applicable = rules.rules.filter((r) => r.antecedent.every((i) => held.includes(i)) && r.consequent.includes(rec.item));
        expect(rec.rules).toHaveLength(applicable.length);
        expect(rec.confidence).toBe(Math.max(...applicable.map((r) => r.confidence)));
      }
      for (let i = 1; i < recs.length; i++) expect(recs[i - 1]!.confidence).toBeGreaterThanOrEqual(recs[i]!.confidence);
      const reachable = new Set(rules.rules.filter((r) => r.antecedent.every((i) => held.includes(i))).flatMap((r) => r.consequent).filter((i) => !held.includes(i)));
      expect(new Set(recs.map((r) => r.item))).toEqual(reachable);
    }));
  });

  test('a history of baskets is pooled; exclude and topN are honoured', () => {
    expect(recommendItems([['tea'], ['milk']], rules).map((r) => r.item)).toEqual(recommendItems(['tea', 'milk'], rules).map((r) => r.item));
    expect(recommendItems(['tea'], rules, { exclude: ['milk'] }).map((r) => r.item)).not.toContain('milk');
    expect(recommendItems(['tea'], rules, { topN: 1 })).toHaveLength(1);
    expect(recommendItems(['tea'], rules.rules.filter((r) => r.consequent.includes('jam')))).toEqual([]);
  });
});

describe('targetCustomers', () => {
  test('finds the customers holding at least minHeld items of the combination but not all, with what they miss', () => {
    const rows = [
      { c: 1, items: ['tent', 'stove'] }, { c: 1, items: ['lamp'] }, { c: 2, items: ['tent'] }, { c: 2, items: ['stove', 'mug'] },
      { c: 3, items: ['lamp'] }, { c: '3', items: ['tent', 'stove'] },
    ];
    const opts = { customer: (r: (typeof rows)[number]) => r.c, item: 'items' as const };
    expect(targetCustomers(rows, ['tent', 'stove', 'lamp'], opts)).toEqual([
      { customer: 2, held: ['stove', 'tent'], missing: ['lamp'] },
      { customer: '3', held: ['stove', 'tent'], missing: ['lamp'] },
    ]);
    expect(targetCustomers(rows, { items: ['tent', 'stove', 'lamp'] }, { ...opts, minHeld: 1 }).map((t) => t.customer)).toEqual([2, '3', 3]);
    expect(codeOf(() => targetCustomers(rows, ['tent', 'lamp'], { ...opts, minHeld: 0 }))).toBe('INVALID_OPTION');
  });
});

describe('associationRules against mlxtend', () => {
  test("associationRules(mlxtend's test data at minSupport 0.6) gives the rules and metrics of mlxtend's test_default", () => {
    // mlxtend/frequent_patterns/tests/test_association_rules.py: one_ary (5 baskets, items 0..10),
    // apriori(min_support=0.6), association_rules() with its defaults (confidence >= 0.8, every split).
    const oneAry = [
      [0, 0, 0, 1, 0, 1, 1, 1, 1, 0, 1], [0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1], [1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 0],
      [0, 1, 0, 0, 0, 1, 1, 0, 0, 1, 1], [0, 1, 0, 1, 1, 1, 0, 0, 1, 0, 0],
    ];
    const tx = oneAry.map((row) => row.flatMap((v, i) => (v ? [i] : [])));
    // antecedent, consequent, antecedent support, consequent support, support, confidence, lift, leverage, conviction (null = inf), zhangs_metric
    const expected: [number[], number[], number, number, number, number, number, number, number | null, number][] = [
      [[8], [5], 0.6, 1.0, 0.6, 1.0, 1.0, 0.0, null, 0], [[6], [5], 0.6, 1.0, 0.6, 1.0, 1.0, 0.0, null, 0],
      [[3, 8], [5], 0.6, 1.0, 0.6, 1.0, 1.0, 0.0, null, 0], [[5, 8], [3], 0.6, 0.8, 0.6, 1.0, 1.25, 0.12, null, 0.5],
      [[8], [3, 5], 0.6, 0.8, 0.6, 1.0, 1.25, 0.12, null, 0.5], [[3], [5], 0.8, 1.0, 0.8, 1.0, 1.0, 0.0, null, 0],
      [[5], [3], 1.0, 0.8, 0.8, 0.8, 1.0, 0.0, 1.0, 0], [[10], [5], 0.6, 1.0, 0.6, 1.0, 1.0, 0.0, null, 0],
      [[8], [3], 0.6, 0.8, 0.6, 1.0, 1.25, 0.12, null, 0.5],
    ];
    const got = associationRules(fpGrowth(tx, { minSupport: 0.6 }), { maxConsequentLength: Infinity }).rules;
    expect(got).toHaveLength(expected.length);
    for (const [a, c, sA, sC, s, conf, lift, lev, conv, zhang] of expected) {
      const r = got.find((x) => key(x.antecedent) === key(a) && key(x.consequent) === key(c))!;
      expect(r).toBeDefined();
      const close = [[r.antecedentSupport, sA], [r.consequentSupport, sC], [r.support, s], [r.confidence, conf], [r.lift, lift], [r.leverage, lev], [r.zhangsMetric, zhang]];
      for (const [x, y] of close) expect(x).toBeCloseTo(y!, 12);
      if (conv === null) expect(r.conviction).toBeNull(); else expect(r.conviction).toBeCloseTo(conv, 12);
    }
  });
});

describe('associationRules edges (issue 12)', () => {
  const base = () => JSON.parse(JSON.stringify(fpGrowth([['a', 'b'], ['a', 'b'], ['a']], { minCount: 1 })));

  test('a damaged itemsets result (D27) is INVALID_MODEL naming the field, not odd confidences', () => {
    const cases: [string, (fi: any) => void, RegExp][] = [
      ['count above the basket count', (fi) => { fi.itemsets[0].count = 300; }, /itemsets\[0\]\.count is 300, not an integer in \[1, 3\]/],
      ['null count', (fi) => { fi.itemsets[0].count = null; }, /itemsets\[0\]\.count is null/],
      ['fractional count', (fi) => { fi.itemsets[1].count = 1.5; }, /itemsets\[1\]\.count is 1\.5/],
      ['support inconsistent with the count', (fi) => { fi.itemsets[0].support = 0.5; }, /itemsets\[0\]\.support is 0\.5, but count \/ transactionCount is 1/],
      ['transactionCount a string', (fi) => { fi.transactionCount = '3'; }, /transactionCount is "3", not a positive integer/],
      ['transactionCount 0', (fi) => { fi.transactionCount = 0; }, /transactionCount is 0/],
      ['another version', (fi) => { fi.version = 2; }, /version is 2/],
      ['itemsets not an array', (fi) => { fi.itemsets = {}; }, /itemsets is a Object, not an array/],
      ['an item twice', (fi) => { fi.itemsets[2].items = ['a', 'a']; }, /itemsets\[2\] lists item "a" twice/],
      ['an itemset twice', (fi) => { fi.itemsets[1] = { ...fi.itemsets[1], items: ['a'], count: 3, support: 1 }; }, /itemsets\[1\] \(\{a\}\) appears twice/],
      ['a null item', (fi) => { fi.itemsets[2].items = ['a', null]; }, /itemsets\[2\]\.items\[1\] is null/],
      ['Infinity (null after JSON) as an item', (fi) => { fi.itemsets[1].items = [Infinity]; }, /itemsets\[1\]\.items\[0\] is Infinity/],
      ['empty items', (fi) => { fi.itemsets[1].items = []; }, /itemsets\[1\]\.items is an array of length 0/],
      ['a hole in itemsets', (fi) => { delete fi.itemsets[1]; }, /itemsets\[1\] is an empty slot/],
      ['a subset less frequent than its superset', (fi) => { fi.itemsets[1].count = 1; fi.itemsets[1].support = 1 / 3; }, /the (antecedent|consequent) \{b\} has count 1, below the count 2 of its superset \{a, b\}/],
    ];
    for (const [what, damage, message] of cases) {
      const fi = base();
      damage(fi);
      const e = errorOf(() => associationRules(fi, { minConfidence: 0 }));
      expect([what, e.code]).toEqual([what, 'INVALID_MODEL']);
      expect(e.message).toMatch(message);
    }
    // The undamaged copy, and one with the items of an itemset in another order, still work.
    const fi = base();
    const rules = associationRules(fi, { minConfidence: 0 }).rules;
    expect(rules.map((r) => [r.antecedent, r.consequent, r.confidence])).toEqual([[['b'], ['a'], 1], [['a'], ['b'], 2 / 3]]);
    fi.itemsets[2].items.reverse();
    expect(associationRules(fi, { minConfidence: 0 }).rules).toEqual(rules);
  });

  test('maxMemoryBytes stops a run that would build too many rules with TOO_LARGE before the memory is used (D20)', () => {
    const found = fpGrowth(Array.from({ length: 3 }, () => Array.from({ length: 12 }, (_, j) => j)), { minCount: 1 });
    const limit = 2 ** 24;
    const e = errorOf(() => associationRules(found, { minConfidence: 0, maxConsequentLength: Infinity, maxRules: 1e9, maxMemoryBytes: limit }));
    expect(e.code).toBe('TOO_LARGE');
    expect(e.message).toMatch(/^associationRules: the estimated memory (of \d+ rules|when building candidate consequents of \d+ items) is 17 MiB, above maxMemoryBytes \(16 MiB\); \d+ rules were found so far\. .*raise maxMemoryBytes\.$/);
    expect(e.details).toMatchObject({ option: 'maxMemoryBytes' });
    // Stopped at about limit / 200 rules (the estimate is at least 200 bytes a rule), long before the 519,156 there are.
    expect(e.details.found as number).toBeLessThan(limit / 200);
    expect(ASSOCIATION_RULES_DEFAULTS.maxMemoryBytes).toBe(FREQUENT_ITEMSETS_DEFAULTS.maxMemoryBytes);
    expect(codeOf(() => associationRules(found, { maxMemoryBytes: 0 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => associationRules(found, { maxMemoryBytes: 100 }))).toBe('TOO_LARGE');
  });

  test('associationRules reports progress per itemset with the rules found, and stops on abort', () => {
    const found = fpGrowth(Array.from({ length: 3 }, () => Array.from({ length: 9 }, (_, j) => j)), { minCount: 1 });
    const seen: Progress[] = [];
    const r = associationRules(found, { minConfidence: 0, onProgress: (p) => seen.push(p) });
    expect(seen.at(-1)).toEqual({ fn: 'associationRules', phase: 'itemset', completed: found.itemsets.length, total: found.itemsets.length, found: r.rules.length });
    expect(seen.length).toBeGreaterThan(2);
    const ctrl = new AbortController();
    expect(codeOf(() => associationRules(found, { minConfidence: 0, signal: ctrl.signal, onProgress: () => ctrl.abort() }))).toBe('ABORTED');
    expect(codeOf(() => associationRules(found, { onProgress: 'x' as never }))).toBe('INVALID_OPTION');
  });
});

describe('recommendItems and targetCustomers edges (issue 12)', () => {
  const rules = associationRules(fpGrowth([['tea', 'milk'], ['tea', 'milk'], ['tea']], { minCount: 1 }), { minConfidence: 0.1 });

  test('a hole in the basket is MISSING_VALUE with its index (D14), not read as the items present', () => {
    const basket = ['tea']; basket.length = 3;
    const e = errorOf(() => recommendItems(basket, rules));
    expect(e.code).toBe('MISSING_VALUE');
    expect(e.message).toMatch(/basketOrHistory\[1\] is undefined/);
    const history = [['tea'], ['milk']]; history[1]!.length = 2;
    expect(errorOf(() => recommendItems(history, rules)).message).toMatch(/basketOrHistory\[1\]\[1\] is undefined/);
    expect(codeOf(() => recommendItems([Infinity], rules))).toBe('INVALID_INPUT');
  });

  test('damaged rules are INVALID_MODEL naming the rule and field (D27)', () => {
    const copy = () => JSON.parse(JSON.stringify(rules));
    const cases: [(r: any) => void, RegExp][] = [
      [(r) => { r.rules[0].confidence = null; }, /rules\[0\]\.confidence is null/],
      [(r) => { r.rules[0].confidence = 1.5; }, /rules\[0\]\.confidence is 1\.5, not a number in \[0, 1\]/],
      [(r) => { r.rules[0].lift = 'x'; }, /rules\[0\]\.lift is "x"/],
      [(r) => { r.rules[1].support = 0; }, /rules\[1\]\.support is 0/],
      [(r) => { r.rules[0].antecedent = []; }, /rules\[0\]\.antecedent is an array of length 0/],
      [(r) => { delete r.rules[0].consequent[0]; }, /rules\[0\]\.consequent\[0\] is undefined/],
      [(r) => { r.version = 7; }, /damaged \(version 7/],
    ];
    for (const [damage, message] of cases) {
      const r = copy();
      damage(r);
      const e = errorOf(() => recommendItems(['tea'], r));
      expect(e.code).toBe('INVALID_MODEL');
      expect(e.message).toMatch(message);
    }
    expect(recommendItems(['tea'], copy()).map((r) => r.item)).toEqual(['milk']);
  });

  test('targetCustomers refuses holes, Infinity ids and bad accessors, and names a key the rows lack (D07, D12, D14)', () => {
    // eslint-disable-next-line no-sparse-arrays
    const holey = [{ customer: 'ann', item: 'tent' }, , { customer: 'cy', item: 'lamp' }] as { customer: string; item: string }[];
    const e = errorOf(() => targetCustomers(holey, ['tent', 'lamp']));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toMatch(/histories\[1\] is an empty slot/);
    expect(errorOf(() => targetCustomers([{ customer: Infinity, item: 'a' }], ['a', 'b'])).message).toMatch(/histories\[0\] has customer Infinity; an id must be a string or a finite number/);
    expect(codeOf(() => targetCustomers([{ customer: -Infinity, item: 'a' }], ['a', 'b']))).toBe('INVALID_INPUT');
    expect(codeOf(() => targetCustomers([{ customer: 'a', item: 'x' }], ['x', 'y'], { customer: Object.create(null) }))).toBe('INVALID_OPTION');
    expect(codeOf(() => targetCustomers([{ customer: 'a', item: 'x' }], ['x', 'y'], { item: {} as never }))).toBe('INVALID_OPTION');
    // The default item key, absent from the rows: said as a missing option, with a guess.
    const lines = [{ customer: 'ann', sku: 'tent' }];
    expect(errorOf(() => targetCustomers(lines as never, ['tent', 'lamp'])).message).toBe(
      "targetCustomers: histories[0] has no property 'item' (the item option); it has customer, sku. Pass item: 'name' with the property that holds it, or a function.",
    );
    expect(errorOf(() => targetCustomers([{ Customer: 1, item: 'a' }] as never, ['a', 'b'])).message).toMatch(/no property 'customer' \(the customer option\).*Did you mean 'Customer'\?/);
    const combo = ['tent', 'lamp']; combo.length = 3;
    expect(errorOf(() => targetCustomers([{ customer: 'a', item: 'tent' }], combo)).message).toMatch(/itemset\[2\] is undefined/);
  });
});
