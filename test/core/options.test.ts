// core/options.ts on its own (the resolver, messages, no mutation) and the vocabulary it unified:
// null and Infinity both mean "no limit", null means "no class weights", and the map form of class
// weights is shared by trees and logistic regression.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { CrmError } from '../../src/core/errors.js';
import { checkOption, custom, integer, NO_LIMIT, number, oneOf, opt, optionAccepts, resolveOptionTable } from '../../src/core/options.js';
import { fitDecisionTree, fitLogistic, fpGrowth, associationRules } from '../../src/index.js';

const T = {
  k: opt({ required: true, accepts: [integer({ min: 1, max: (c) => c.rows! })], description: 'Clusters.' }),
  maxIterations: opt({ default: 300, accepts: [integer({ min: 1 })], description: 'Iterations.' }),
  depth: opt({ default: null, nullable: true, accepts: [integer({ min: 1 }), NO_LIMIT], description: 'Depth.' }),
  mode: opt({ default: 'a', accepts: [oneOf(['a', 'b'])], description: 'Mode.' }),
  ratio: opt({ default: 0.5, accepts: [number({ min: 0, max: 1, exclusiveMax: true })], description: 'Ratio.' }),
};

function error(run: () => unknown): CrmError {
  try {
    run();
  } catch (e) {
    if (e instanceof CrmError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('resolveOptionTable', () => {
  test('fills defaults, keeps given values and never mutates the input', () => {
    const given = Object.freeze({ k: 2, mode: 'b' as const });
    expect(resolveOptionTable('fitX', T, given, { rows: 5 })).toEqual({ k: 2, maxIterations: 300, depth: null, mode: 'b', ratio: 0.5 });
    expect(given).toEqual({ k: 2, mode: 'b' });
  });
  test('an unknown key suggests the closest known one, or the one it abbreviates', () => {
    expect(error(() => resolveOptionTable('fitX', T, { k: 1, maxIteration: 3 }, { rows: 5 })).message).toMatch(/^fitX: unknown option 'maxIteration'\. Did you mean 'maxIterations'\? Known options: depth, k, /);
    expect(error(() => resolveOptionTable('fitX', T, { k: 1, maxIter: 3 }, { rows: 5 })).details).toEqual({ option: 'maxIter', suggestion: 'maxIterations' });
    expect(error(() => resolveOptionTable('fitX', T, { k: 1, zzz: 3 }, { rows: 5 })).message).not.toContain('Did you mean');
  });
  test('messages name the function, the option, what it accepts and the value', () => {
    expect(error(() => resolveOptionTable('fitX', T, { k: 6 }, { rows: 5 })).message).toBe('fitX: k must be an integer in [1, 5]; got 6.');
    expect(error(() => resolveOptionTable('fitX', T, { k: 1, depth: 0 }, { rows: 5 })).message).toBe('fitX: depth must be an integer in [1, Infinity), Infinity (no limit) or null; got 0.');
    expect(error(() => resolveOptionTable('fitX', T, { k: 1, mode: 'c' }, { rows: 5 })).message).toBe("fitX: mode must be one of 'a', 'b'; got \"c\".");
    expect(error(() => resolveOptionTable('fitX', T, {}, { rows: 5 })).message).toBe('fitX: k is required: Clusters.');
    expect(error(() => resolveOptionTable('fitX', T, [] as never)).details.option).toBe('options');
  });
  test('a split resolve checks only the keys asked for', () => {
    expect(resolveOptionTable('fitX', T, { k: 99 }, {}, ['maxIterations']).k).toBe(99);
  });
  test('checkOption agrees with a direct reading of the interval on random numbers', () => {
    const spec = T.ratio;
    fc.assert(fc.property(fc.double(), (v) => {
      const inside = Number.isFinite(v) && v >= 0 && v < 1;
      expect(optionAccepts(spec, v)).toBe(inside);
      if (inside) expect(checkOption('ratio', spec, v)).toBe(v);
      else expect(error(() => checkOption('ratio', spec, v)).details.option).toBe('ratio');
    }));
  });
  test('a custom form runs its deeper check', () => {
    const s = opt({ accepts: [custom<object>({ describe: 'a map', test: (v) => typeof v === 'object' && v !== null, check: (name) => { throw new CrmError('INVALID_OPTION', `${name}['x'] is bad`, { option: name }); }, bad: [] })], description: 'Map.' });
    expect(error(() => checkOption('m', s, {})).message).toBe("m['x'] is bad");
  });
});

describe('one set of words', () => {
  const rows = [[1], [2], [3], [4], [5], [6], [7], [8]];
  const labels = [0, 0, 1, 0, 1, 1, 1, 0];
  test('"no limit": null and Infinity give the same tree, stored as null', () => {
    const a = fitDecisionTree(rows, labels, { maxDepth: null, maxLeafNodes: null });
    const b = fitDecisionTree(rows, labels, { maxDepth: Infinity, maxLeafNodes: Infinity });
    expect(b).toEqual(a);
    expect(b.options.maxDepth).toBeNull();
  });
  test('"no limit": null and Infinity give the same itemsets and rules', () => {
    const baskets = [['tea', 'milk', 'cake'], ['tea', 'milk'], ['tea', 'cake'], ['milk', 'cake']];
    const a = fpGrowth(baskets, { minCount: 1, maxLength: null });
    expect(fpGrowth(baskets, { minCount: 1, maxLength: Infinity })).toEqual(a);
    expect(a.maxLength).toBeNull();
    expect(associationRules(a, { minConfidence: 0, maxConsequentLength: null })).toEqual(associationRules(a, { minConfidence: 0, maxConsequentLength: Infinity }));
  });
  test("unknownCategory: 'refuse' is the documented word for throwing; the tree's 'error' still works and is stored", () => {
    const cols = [{ name: 'plan', type: 'categorical' as const }];
    const tr = [{ plan: 'a' }, { plan: 'b' }, { plan: 'a' }, { plan: 'b' }];
    const a = fitDecisionTree(tr, [0, 1, 0, 1], { columns: cols, unknownCategory: 'refuse' });
    expect(fitDecisionTree(tr, [0, 1, 0, 1], { columns: cols, unknownCategory: 'error' })).toEqual(a);
    expect(a.options.unknownCategory).toBe('error');
  });
  test("classWeight: null is none; logistic's 'none' is a deprecated alias; the map form equals the pair", () => {
    const x = rows.map((r) => [r[0]! / 8]);
    const none = fitLogistic(x, labels);
    expect(none.options.classWeight).toBeNull();
    expect(fitLogistic(x, labels, { classWeight: 'none' })).toEqual(none);
    expect(fitLogistic(x, labels, { classWeight: null })).toEqual(none);
    expect(fitLogistic(x, labels, { classWeight: { 0: 1, 1: 3 } })).toEqual(fitLogistic(x, labels, { classWeight: [1, 3] }));
    expect(error(() => fitLogistic(x, labels, { classWeight: { yes: 3 } })).details.option).toBe('classWeight');
  });
});
