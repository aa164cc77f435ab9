// pick(rows, indices): the rows of a trainTestSplit / stratifiedKFold split (issue 13, glue).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { pick, stratifiedKFold, trainTestSplit } from '../../src/metrics/index.js';
import { isCrmError } from '../../src/core/errors.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isCrmError(e) ? e.code : `raw:${(e as Error).name}`;
  }
  return undefined;
}

describe('pick', () => {
  test('pick(features, trainTestSplit(labels).train/test) partitions the rows, each with its own label', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 4, maxLength: 40 }), fc.integer(), (labels, seed) => {
        fc.pre(new Set(labels).size > 1 || labels.length > 1);
        const features = labels.map((c, i) => [i, c * 10]);
        const { train, test } = trainTestSplit(labels, { testFraction: 0.25, seed: seed | 0, stratify: false });
        const xTrain = pick(features, train);
        const yTrain = pick(labels, train);
        const xTest = pick(features, test);
        expect(xTrain.length + xTest.length).toBe(labels.length);
        expect([...xTrain, ...xTest].map((r) => r[0]).sort((a, b) => a! - b!)).toEqual(labels.map((_, i) => i));
        xTrain.forEach((r, k) => expect(r[1]).toBe(yTrain[k]! * 10));
        // The rows are shared, not copied, as with a plain index.
        expect(xTrain[0]).toBe(features[train[0]!]);
      }),
    );
  });

  test('pick(typedArray, fold.test) equals the positions read one by one', () => {
    const labels = [0, 1, 0, 1, 0, 1, 1, 0, 1, 0];
    const scores = Float64Array.from(labels, (_, i) => i / 10);
    for (const fold of stratifiedKFold(labels, { folds: 3 })) {
      expect(pick(scores, fold.test)).toEqual(fold.test.map((i) => scores[i]));
      expect(pick(scores, Int32Array.from(fold.train))).toEqual(fold.train.map((i) => scores[i]));
    }
  });

  test('pick keeps the order of indices and allows repeats (a bootstrap sample); no indices give []', () => {
    expect(pick(['a', 'b', 'c'], [2, 2, 0])).toEqual(['c', 'c', 'a']);
    expect(pick(['a', 'b', 'c'], [])).toEqual([]);
  });

  test('pick leaves its inputs as they were', () => {
    const rows = [[1], [2], [3]];
    const idx = [2, 0];
    pick(rows, idx);
    expect(rows).toEqual([[1], [2], [3]]);
    expect(idx).toEqual([2, 0]);
  });

  test('pick refuses out-of-range, non-integer and missing indices and non-array inputs with INVALID_INPUT', () => {
    const rows = ['a', 'b', 'c'];
    for (const bad of [[3], [-1], [1.5], [NaN], [Infinity], [null], ['1'], [undefined]]) {
      expect(codeOf(() => pick(rows, bad as number[])), String(bad)).toBe('INVALID_INPUT');
    }
    const holey = [0, 1];
    delete holey[0];
    expect(codeOf(() => pick(rows, holey))).toBe('INVALID_INPUT');
    const holeyRows = ['a', 'b'];
    delete holeyRows[1];
    expect(codeOf(() => pick(holeyRows, [1]))).toBe('MISSING_VALUE');
    for (const bad of [null, undefined, 'abc', 3, {}, { length: 2 }]) {
      expect(codeOf(() => pick(bad as never, [0])), String(bad)).toBe('INVALID_INPUT');
      expect(codeOf(() => pick(rows, bad as never)), String(bad)).toBe('INVALID_INPUT');
    }
  });

  test('pick names the bad position and the valid range', () => {
    try {
      pick(['a', 'b'], [0, 5]);
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toMatch(/indices\[1\] is 5.*0\.\.1/);
    }
  });
});

describe('pick checks what it picks', () => {
  test('pick refuses a picked undefined row or cell (MISSING_VALUE) and NaN / Infinity (NON_FINITE), and passes unpicked rows and object rows unread', () => {
    expect(codeOf(() => pick([1, undefined, 3], [1]))).toBe('MISSING_VALUE');
    expect(codeOf(() => pick([[1, 2], [NaN, 2]], [1]))).toBe('NON_FINITE');
    expect(codeOf(() => pick([[1, 2], [[Infinity], 2]], [1]))).toBe('NON_FINITE');
    expect(codeOf(() => pick(Float64Array.of(1, NaN), [1]))).toBe('NON_FINITE');
    expect(codeOf(() => pick([[1, undefined]], [0]))).toBe('MISSING_VALUE');
    const holeyRow = [1, 2];
    delete holeyRow[0];
    expect(codeOf(() => pick([holeyRow], [0]))).toBe('MISSING_VALUE');
    expect(pick([[NaN], [2]], [1])).toEqual([[2]]);
    const objects = [{ age: NaN, plan: null }];
    expect(pick(objects, [0])[0]).toBe(objects[0]);
    expect(pick([null, 'a'], [0, 1])).toEqual([null, 'a']);
  });
  test('pick reads a cyclic or shared array once and returns', () => {
    const cyc: unknown[] = [1];
    cyc.push(cyc);
    expect(pick([cyc, cyc], [0, 1, 0]).length).toBe(3);
  });
});
