import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { associationRules, fpGrowth, recommendItems, targetCustomers, type AssocItem, type AssociationRule } from '../../src/assoc/index.js';
import { bruteForce, codeOf, errorOf, key } from './helpers.js';

const UNIVERSE = 6;
const baskets = fc.array(fc.array(fc.integer({ min: 0, max: UNIVERSE - 1 }), { maxLength: 5 }), { minLength: 1, maxLength: 25 });

/** Every split of every frequent itemset, as mlxtend enumerates them, with the metrics from their definitions. */
function bruteRules(tx: readonly (readonly number[])[], minCount: number, minConfidence: number, maxConsequent: number) {
  const freq = bruteForce(tx, minCount, UNIVERSE);
  const n = tx.length;
  const out = new Map<string, { confidence: number; lift: number; zhang: number }>();
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
      out.set(`${A.join(',')}=>${C.join(',')}`, { confidence, lift: confidence / (cC / n), zhang });
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
