// T-FIM and T-RULES (../shared/anchors/TASKS.md) against mlxtend's results (fim.py.json, rules.py.json)
// and Borgelt's C programs (fim.native.json).
import { describe, expect, test } from 'vitest';
import { apriori, associationRules, fpGrowth, type AssociationRule, type FrequentItemsetsResult } from '../../src/assoc/index.js';
import { runFpGrowth } from '../../src/assoc/fpGrowth.js';
import { readDataText, readResult } from '../helpers/shared.js';

/** groceries.csv: one basket per line, items separated by commas, no quoting. */
export function readGroceries(): string[][] {
  return readDataText('groceries.csv.gz').split('\n').filter((l) => l.length > 0).map((l) => l.split(','));
}

/** FIMI .dat: one basket per line, space-separated integers, a trailing space on every line. */
export function readFimi(name: string): number[][] {
  return readDataText(name).split('\n').filter((l) => l.trim().length > 0).map((l) => l.trim().split(' ').map(Number));
}

interface FimReference { itemsets: number; by_size: Record<string, number>; sum_counts: number }

function reference(part: string): FimReference {
  const run = readResult('fim.py.json').runs.find((r: { part: string }) => r.part === part);
  return run.result;
}

function summary(r: FrequentItemsetsResult): FimReference {
  const bySize: Record<string, number> = {};
  let sum = 0;
  for (const s of r.itemsets) { bySize[s.items.length] = (bySize[s.items.length] ?? 0) + 1; sum += s.count; }
  return { itemsets: r.itemsets.length, by_size: bySize, sum_counts: sum };
}

const DATA = { groceries: readGroceries, retail: () => readFimi('retail.dat.gz'), T10I4D100K: () => readFimi('T10I4D100K.dat.gz') };
const cache = new Map<string, (string | number)[][]>();
const load = (name: keyof typeof DATA) => { if (!cache.has(name)) cache.set(name, DATA[name]()); return cache.get(name)!; };

describe('T-FIM: itemset counts, counts by size and summed counts equal mlxtend and Borgelt', () => {
  const cases = [['groceries', 10, 13492], ['groceries', 50, 1001], ['retail', 88, 7712], ['retail', 44, 19836], ['T10I4D100K', 100, 27532], ['T10I4D100K', 50, 53385]] as const;
  const native = readResult('fim.native.json').runs as { system: string; data: string; min_count: number; itemsets: number; by_size: Record<string, number> }[];

  test.each(cases)('fpGrowth(%s, { minCount: %i }) finds %i itemsets', (name, minCount, expected) => {
    const got = summary(fpGrowth(load(name), { minCount }));
    const ref = reference(`${name}:${minCount}:fpgrowth:sparse`);
    expect(got.itemsets).toBe(expected);
    expect(got).toEqual({ itemsets: ref.itemsets, by_size: ref.by_size, sum_counts: ref.sum_counts });
    const c = native.find((r) => r.system === 'fpgrowth' && r.data.startsWith(name === 'retail' ? 'retail.' : name) && r.min_count === minCount)!;
    expect(got.by_size).toEqual(c.by_size);
  });

  test.each(cases.filter((c) => !(c[0] === 'T10I4D100K' && c[1] === 50)))('apriori(%s, { minCount: %i }) finds the same itemsets as fpGrowth', (name, minCount) => {
    const a = apriori(load(name), { minCount });
    const f = fpGrowth(load(name), { minCount });
    expect(a.itemsets).toEqual(f.itemsets);
  });

  test.each(cases)('fpGrowth(%s, { minCount: %i }): the top level from the baskets and from an FP-tree give the same itemsets', (name, minCount) => {
    const baskets = runFpGrowth(load(name), { minCount }, 'baskets');
    expect(runFpGrowth(load(name), { minCount }, 'tree').itemsets).toEqual(baskets.itemsets);
    expect(fpGrowth(load(name), { minCount }).itemsets).toEqual(baskets.itemsets);
  });

  test('minSupport gives the same result as the equivalent minCount (groceries, 50 / 9835)', () => {
    expect(fpGrowth(load('groceries'), { minSupport: 50 / 9835 }).itemsets).toEqual(fpGrowth(load('groceries'), { minCount: 50 }).itemsets);
  });
});

describe('T-RULES: groceries at minimum count 50, minimum confidence 0.3', () => {
  const ref = readResult('rules.py.json').runs.find((r: { part: string }) => r.part === 'rules_only').result;
  const found = fpGrowth(readGroceries(), { minCount: 50 });
  const all = associationRules(found, { minConfidence: 0.3, maxConsequentLength: Infinity });
  const single = associationRules(found, { minConfidence: 0.3 });

  test('487 rules in all, 482 with one consequent item, by antecedent and consequent size as mlxtend', () => {
    expect(all.rules).toHaveLength(487);
    expect(single.rules).toHaveLength(482);
    expect(ref.rules_all).toBe(487);
    const sizes = (rules: AssociationRule[], side: 'antecedent' | 'consequent') => {
      const m: Record<string, number> = {};
      for (const r of rules) m[r[side].length] = (m[r[side].length] ?? 0) + 1;
      return m;
    };
    expect(sizes(all.rules, 'antecedent')).toEqual(ref.rules_by_antecedent_size);
    expect(sizes(all.rules, 'consequent')).toEqual(ref.rules_by_consequent_size);
  });

  test.each([['top10_by_lift_all', 'all'], ['top10_by_lift_single_consequent', 'single']] as const)('the %s rules and all their metrics equal mlxtend to 1e-12', (field, which) => {
    const rules = (which === 'all' ? all : single).rules.slice(0, 10);
    const expected = ref[field] as Record<string, unknown>[];
    expect(rules.map((r) => [r.antecedent, r.consequent])).toEqual(expected.map((e) => [e.antecedent, e.consequent]));
    for (let i = 0; i < 10; i++) {
      for (const m of ['support', 'confidence', 'lift', 'leverage', 'conviction'] as const) {
        expect(Math.abs((rules[i]![m] as number) - (expected[i]![m] as number))).toBeLessThanOrEqual(1e-12);
      }
    }
  });

  test.each([['top10_by_lift_all', 'all'], ['top10_by_lift_single_consequent', 'single']] as const)('jaccard, certainty and kulczynski of the %s rules follow mlxtend 0.23+ definitions from its supports', (field, which) => {
    const rules = (which === 'all' ? all : single).rules.slice(0, 10);
    const expected = ref[field] as { support: number; confidence: number; lift: number }[];
    for (let i = 0; i < 10; i++) {
      // mlxtend's antecedent and consequent supports, recovered from its support, confidence and lift.
      const { support: sAC, confidence, lift } = expected[i]!;
      const sA = sAC / confidence, sC = confidence / lift;
      expect(rules[i]!.jaccard).toBeCloseTo(sAC / (sA + sC - sAC), 12);
      expect(rules[i]!.certainty).toBeCloseTo((confidence - sC) / (1 - sC), 12);
      expect(rules[i]!.kulczynski).toBeCloseTo((sAC / sA + sAC / sC) / 2, 12);
    }
  });
});
