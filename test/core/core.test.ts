import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { codeOf } from '../helpers/errors.js';
import { checkInteger, checkNumber, resolveOptions, checkWeights } from '../../src/core/validate.js';
import { createRandom, fork, permutation, resolveRandom, shuffled } from '../../src/core/random.js';
import { toDense, fromColumns, toRows } from '../../src/core/dense.js';
import { argsort, binOf, equalCountEdges, quantiles, rank } from '../../src/core/rank.js';
import { parseDate } from '../../src/core/dates.js';
import { readOrders } from '../../src/core/orders.js';
import { applyScaler, fitScaler } from '../../src/core/scaling.js';


describe('validate', () => {
  test('checkInteger and checkNumber refuse out-of-range, NaN and non-numbers with INVALID_OPTION', () => {
    expect(checkInteger('k', 3, { min: 1 })).toBe(3);
    expect(codeOf(() => checkInteger('k', 0, { min: 1 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => checkInteger('k', 2.5))).toBe('INVALID_OPTION');
    expect(codeOf(() => checkNumber('x', Number.NaN))).toBe('INVALID_OPTION');
    expect(codeOf(() => checkNumber('x', 1, { min: 1, exclusiveMin: true }))).toBe('INVALID_OPTION');
    expect(() => checkInteger('k', 0, { min: 1 })).toThrow(/k must be an integer in \[1, Infinity\); got 0/);
  });
  test('resolveOptions fills defaults and refuses unknown keys', () => {
    expect(resolveOptions('f', { a: 1, b: 2 }, { b: 3, a: undefined })).toEqual({ a: 1, b: 3 });
    expect(codeOf(() => resolveOptions('f', { a: 1 }, { maxIter: 3 } as object))).toBe('INVALID_OPTION');
    expect(codeOf(() => resolveOptions('f', { a: 1 }, 5 as unknown as object))).toBe('INVALID_OPTION');
  });
  test('checkWeights refuses negative, NaN, all-zero and wrong-length weights', () => {
    expect(Array.from(checkWeights([1, 2], 2))).toEqual([1, 2]);
    expect(codeOf(() => checkWeights([1, -1], 2))).toBe('NEGATIVE_VALUE');
    expect(codeOf(() => checkWeights([1, Number.NaN], 2))).toBe('NON_FINITE');
    expect(codeOf(() => checkWeights([0, 0], 2))).toBe('INVALID_INPUT');
    expect(codeOf(() => checkWeights([1], 2))).toBe('LENGTH_MISMATCH');
  });
});

describe('random', () => {
  test('createRandom(seed) gives the same stream for the same seed and a different one otherwise', () => {
    const a = createRandom(42), b = createRandom(42), c = createRandom(43);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(c()).not.toBe(xs[0]);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
  test('fork gives distinct child streams, reproducible from the parent', () => {
    const p1 = createRandom(7), p2 = createRandom(7);
    const a1 = fork(p1), b1 = fork(p1);
    expect(a1()).toBe(fork(p2)());
    expect(a1()).not.toBe(b1());
  });
  test('permutation and shuffled are permutations and do not mutate', () => {
    const input = [1, 2, 3, 4, 5];
    expect(shuffled(createRandom(1), input).sort()).toEqual(input);
    expect(input).toEqual([1, 2, 3, 4, 5]);
    expect(Array.from(permutation(createRandom(1), 6)).sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });
  test('createRandom refuses a non-integer seed', () => {
    expect(codeOf(() => createRandom(0.5))).toBe('INVALID_OPTION');
  });
});

describe('dense', () => {
  test('toDense names ragged rows, NaN and wrong types', () => {
    expect(codeOf(() => toDense([]))).toBe('EMPTY_INPUT');
    expect(codeOf(() => toDense([[1, 2], [3]]))).toBe('RAGGED_ROWS');
    expect(() => toDense([[1, 2], [3, Number.NaN]])).toThrow(/points\[1\]\[1\] is NaN/);
    expect(codeOf(() => toDense([[1, Infinity]]))).toBe('NON_FINITE');
    expect(codeOf(() => toDense([[1, '2' as unknown as number]]))).toBe('INVALID_INPUT');
    expect(codeOf(() => toDense('x' as unknown as number[][]))).toBe('INVALID_INPUT');
    expect(toDense([[1, Number.NaN]], { allowNaN: true }).data[1]).toBeNaN();
  });
  test('toDense copies: the input is not aliased', () => {
    const m = toDense([[1, 2]]);
    const again = toDense(m);
    again.data[0] = 9;
    expect(m.data[0]).toBe(1);
    expect(toDense(m, { copy: false }).data).toBe(m.data);
  });
  test('toDense(dense matrix) finds a non-finite cell at any position, and names it', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 23 }), fc.integer({ min: 1, max: 5 }), fc.nat(), fc.constantFrom(NaN, Infinity, -Infinity), (rows, cols, at, bad) => {
      const data = new Float64Array(rows * cols).map((_, i) => i - 7.5);
      expect(toDense({ rows, cols, data }).data).toEqual(data);
      const k = at % data.length;
      data[k] = bad;
      expect(() => toDense({ rows, cols, data })).toThrow(`points[${Math.floor(k / cols)}][${k % cols}] is ${bad}`);
      if (Number.isNaN(bad)) expect(toDense({ rows, cols, data }, { allowNaN: true }).data[k]).toBeNaN();
      else expect(codeOf(() => toDense({ rows, cols, data }, { allowNaN: true }))).toBe('NON_FINITE');
    }), { numRuns: 100 });
  });
  test('fromColumns checks lengths', () => {
    expect(codeOf(() => fromColumns([[1, 2], [3]]))).toBe('LENGTH_MISMATCH');
  });
});

describe('rank', () => {
  test('rank matches pandas for every tie method', () => {
    const v = [3, 1, 3, 2, 1];
    expect(Array.from(rank(v, 'first'))).toEqual([4, 1, 5, 3, 2]);
    expect(Array.from(rank(v, 'average'))).toEqual([4.5, 1.5, 4.5, 3, 1.5]);
    expect(Array.from(rank(v, 'min'))).toEqual([4, 1, 4, 3, 1]);
    expect(Array.from(rank(v, 'max'))).toEqual([5, 2, 5, 3, 2]);
    expect(Array.from(rank(v, 'dense'))).toEqual([3, 1, 3, 2, 1]);
  });
  test('rank(first) is a permutation of 1..n and agrees with a brute-force count', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 40 }), (v) => {
      const r = rank(v, 'first');
      for (let i = 0; i < v.length; i++) {
        let expected = 1;
        for (let j = 0; j < v.length; j++) if (v[j]! < v[i]! || (v[j] === v[i] && j < i)) expected++;
        expect(r[i]).toBe(expected);
      }
      const avg = rank(v, 'average');
      expect(Array.from(avg).reduce((a, b) => a + b, 0)).toBeCloseTo((v.length * (v.length + 1)) / 2, 9);
    }));
  });
  test('quantiles interpolate linearly as numpy does', () => {
    expect(quantiles([1, 2, 3, 4], [0, 0.25, 0.5, 1])).toEqual([1, 1.75, 2.5, 4]);
    expect(codeOf(() => quantiles([], [0.5]))).toBe('EMPTY_INPUT');
    expect(codeOf(() => argsort([1, Number.NaN]))).toBe('NON_FINITE');
  });
  test('equalCountEdges + binOf give pandas qcut bins on ranks', () => {
    // pandas: pd.qcut(pd.Series(range(1, 11)), 5, labels=False) + 1 -> 1 1 2 2 3 3 4 4 5 5
    const edges = equalCountEdges([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((x) => binOf(x, edges))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    // pandas 1.5.3: pd.qcut(range(1, 8), 5, labels=False) + 1 -> 1 1 2 3 4 5 5 (edges 1, 2.2, 3.4, 4.6, 5.8, 7)
    const e7 = equalCountEdges([1, 2, 3, 4, 5, 6, 7], 5);
    expect([1, 2, 3, 4, 5, 6, 7].map((x) => binOf(x, e7))).toEqual([1, 1, 2, 3, 4, 5, 5]);
  });
});

describe('dates', () => {
  test('parseDate reads Date, epoch ms and ISO strings as UTC, and refuses locale strings', () => {
    expect(parseDate('2011-12-10', 'd')).toBe(Date.UTC(2011, 11, 10));
    expect(parseDate('2011-12-09T12:50', 'd')).toBe(Date.UTC(2011, 11, 9, 12, 50));
    expect(parseDate('2011-12-09T12:50:00+01:00', 'd')).toBe(Date.UTC(2011, 11, 9, 11, 50));
    expect(parseDate(5, 'd')).toBe(5);
    expect(codeOf(() => parseDate('03/04/2024', 'd'))).toBe('INVALID_DATE');
    expect(codeOf(() => parseDate('2011-02-30', 'd'))).toBe('INVALID_DATE');
    expect(codeOf(() => parseDate(new Date(Number.NaN), 'd'))).toBe('INVALID_DATE');
    expect(codeOf(() => parseDate({}, 'd'))).toBe('INVALID_DATE');
  });
});

describe('orders', () => {
  test('readOrders numbers customers in ascending id order and treats __proto__ as an ordinary id', () => {
    const t = readOrders(
      [
        { c: '__proto__', d: '2024-01-01', a: 1 },
        { c: 'constructor', d: '2024-01-02', a: 2 },
        { c: 7, d: 0, a: 3 },
        { c: '7', d: 0, a: 3 },
      ],
      { customer: 'c', date: 'd', amount: 'a', needAmount: true, fn: 't' },
    );
    expect(t.customers).toEqual([7, '7', '__proto__', 'constructor']);
    expect(Array.from(t.customer)).toEqual([2, 3, 0, 1]);
  });
  test('readOrders refuses or drops missing customers, and names the row of a bad date', () => {
    const rows = [{ customer: null, date: 0, amount: 1 }, { customer: 'a', date: 0, amount: 1 }];
    expect(codeOf(() => readOrders(rows, { needAmount: true, fn: 't' }))).toBe('MISSING_VALUE');
    expect(readOrders(rows, { needAmount: true, fn: 't', missingCustomer: 'drop' }).droppedMissingCustomer).toBe(1);
    expect(() => readOrders([{ customer: 'a', date: '1/2/2020', amount: 1 }], { needAmount: true, fn: 't' })).toThrow(/orders\[0\]\.date/);
    expect(codeOf(() => readOrders([{ customer: 'a', date: 0, amount: Number.NaN }], { needAmount: true, fn: 't' }))).toBe('NON_FINITE');
    expect(codeOf(() => readOrders([], { needAmount: true, fn: 't' }))).toBe('EMPTY_INPUT');
    expect(codeOf(() => readOrders({ customer: ['a'], date: [0, 1] }, { needAmount: false, fn: 't' }))).toBe('LENGTH_MISMATCH');
  });
});

describe('scaling', () => {
  test('fitScaler(zscore) uses ddof=0 and gives a constant column scale 1', () => {
    const m = toDense([[1, 5], [3, 5]]);
    const s = fitScaler(m, 'zscore');
    expect(s.offset).toEqual([2, 5]);
    expect(s.scale).toEqual([1, 1]);
    expect(Array.from(applyScaler(s, m).data)).toEqual([-1, 0, 1, 0]);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
  test('log1p refuses values <= -1 when fitted and when applied, instead of a silent NaN', () => {
    expect(codeOf(() => fitScaler(toDense([[-1]]), 'log1p'))).toBe('NEGATIVE_VALUE');
    const s = fitScaler(toDense([[0], [3]]), 'log1p');
    expect(codeOf(() => applyScaler(s, toDense([[-2]])))).toBe('NEGATIVE_VALUE');
    expect(Array.from(applyScaler(s, toDense([[Math.E - 1]])).data)[0]).toBeCloseTo(1, 15);
  });
});

import { checkModel } from '../../src/core/model.js';
describe('model', () => {
  test('checkModel refuses the wrong kind, version or a non-object with INVALID_MODEL', () => {
    expect(checkModel({ kind: 'a', version: 1 }, 'a', 1, 'f').kind).toBe('a');
    expect(codeOf(() => checkModel({ kind: 'b', version: 1 }, 'a', 1, 'f'))).toBe('INVALID_MODEL');
    expect(codeOf(() => checkModel({ kind: 'a', version: 2 }, 'a', 1, 'f'))).toBe('INVALID_MODEL');
    expect(codeOf(() => checkModel(null, 'a', 1, 'f'))).toBe('INVALID_MODEL');
  });
});

describe('readOrders id tables', () => {
  test('small integer ids (table path) and other ids (Map path) map to the same customers as a brute-force grouping', () => {
    const id = fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: -5, max: 5 }), fc.constantFrom(2 ** 40, 1.5, '1', 'a', '__proto__'));
    fc.assert(fc.property(fc.array(fc.tuple(id, id), { minLength: 1, maxLength: 60 }), (pairs) => {
      const t = readOrders({ customer: pairs.map((p) => p[0]), date: pairs.map(() => 0), orderId: pairs.map((p) => p[1]) }, { needAmount: false, fn: 't' });
      const distinct = [...new Set(pairs.map((p) => p[0]))].sort((a, b) => (typeof a === 'number' ? (typeof b === 'number' ? a - b : -1) : typeof b === 'number' ? 1 : a < b ? -1 : a > b ? 1 : 0));
      expect(t.customers).toEqual(distinct);
      pairs.forEach((p, i) => expect(t.customers[t.customer[i]!]).toBe(p[0]));
      expect(t.orderCount).toBe(new Set(pairs.map((p) => p[1])).size);
      pairs.forEach((p, i) => pairs.forEach((q, j) => expect(t.order![i] === t.order![j]).toBe(p[1] === q[1])));
    }));
  });
});

describe('readOrders integer typed-array columns', () => {
  test('give the same customers, lines and orders as plain arrays (fast path = general path)', () => {
    const line = fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: -5, max: 100 }));
    fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 60 }), (lines) => {
      const plain = { customer: lines.map((l) => l[0]), orderId: lines.map((l) => l[1]), date: lines.map((l) => l[2]), amount: lines.map((l) => l[3]) };
      const typed = { customer: Int32Array.from(plain.customer), orderId: Uint16Array.from(plain.orderId), date: Float64Array.from(plain.date), amount: Float64Array.from(plain.amount) };
      const a = readOrders(plain, { needAmount: true, fn: 't' });
      const b = readOrders(typed, { needAmount: true, fn: 't' });
      expect(b.customers).toEqual(a.customers);
      expect(Array.from(b.customer)).toEqual(Array.from(a.customer));
      expect(Array.from(b.date)).toEqual(Array.from(a.date));
      expect(Array.from(b.amount!)).toEqual(Array.from(a.amount!));
      expect(b.orderCount).toBe(a.orderCount);
      lines.forEach((_, i) => lines.forEach((__, j) => expect(b.order![i] === b.order![j]).toBe(a.order![i] === a.order![j])));
    }));
  });
  test('refuse NaN dates and amounts with the row named', () => {
    expect(() => readOrders({ customer: Int32Array.of(1, 2), date: Float64Array.of(0, Number.NaN), amount: Float64Array.of(1, 1) }, { needAmount: true, fn: 't' })).toThrow(/row 1/);
    expect(codeOf(() => readOrders({ customer: Int32Array.of(1, 2), date: Float64Array.of(0, 0), amount: Float64Array.of(1, Infinity) }, { needAmount: true, fn: 't' }))).toBe('NON_FINITE');
  });
});

// Issue 12 (D08, D11, D25, D31): the core helpers exported from the root check their input like
// the capability functions do.
describe('core helpers at the edges', () => {
  const raw = (f: () => unknown) => codeOf(f);
  test('toRows(null), fromColumns([null]) and fromColumns(null) are INVALID_INPUT, not TypeErrors', () => {
    expect(raw(() => toRows(null as never))).toBe('INVALID_INPUT');
    expect(raw(() => toRows({ rows: 1, cols: 1, data: [1] } as never))).toBe('INVALID_INPUT');
    expect(raw(() => fromColumns([null] as never))).toBe('INVALID_INPUT');
    expect(raw(() => fromColumns(null as never))).toBe('INVALID_INPUT');
    expect(raw(() => fromColumns([[]]))).toBe('EMPTY_INPUT');
    const sparse = [1, 2];
    sparse.length = 3;
    expect(raw(() => fromColumns([[1, 2, 3], sparse]))).toBe('INVALID_INPUT');
  });
  test("rank('abc'), rank(NaN), rank([1, Infinity]) and rank(x, 'bogus') are refused", () => {
    expect(raw(() => rank('abc' as never))).toBe('INVALID_INPUT');
    expect(raw(() => rank(Number.NaN as never))).toBe('INVALID_INPUT');
    expect(raw(() => rank(['1', 2] as never))).toBe('INVALID_INPUT');
    expect(raw(() => rank([1, Infinity]))).toBe('NON_FINITE');
    expect(raw(() => rank([1, 2], 'bogus' as never))).toBe('INVALID_OPTION');
    expect(Array.from(rank(Float64Array.of(2, 1)))).toEqual([2, 1]);
  });
  test('quantiles(x, [2]) is INVALID_OPTION and quantiles([1, Infinity], [0.5]) is NON_FINITE', () => {
    expect(raw(() => quantiles([1, 2], [2]))).toBe('INVALID_OPTION');
    expect(raw(() => quantiles([1, 2], [Number.NaN]))).toBe('INVALID_OPTION');
    expect(raw(() => quantiles([1, 2], 0.5 as never))).toBe('INVALID_OPTION');
    expect(raw(() => quantiles([1, Infinity], [0.5]))).toBe('NON_FINITE');
    expect(raw(() => quantiles([], [0.5]))).toBe('EMPTY_INPUT');
    expect(raw(() => quantiles(null as never, [0.5]))).toBe('INVALID_INPUT');
  });
  test("fitScaler(m, 'bogus'), fitScaler on 0 rows and on a non-matrix are refused", () => {
    expect(raw(() => fitScaler(toDense([[1], [3]]), 'bogus' as never))).toBe('INVALID_OPTION');
    expect(raw(() => fitScaler({ rows: 0, cols: 2, data: new Float64Array(0) }, 'zscore'))).toBe('EMPTY_INPUT');
    expect(raw(() => fitScaler([[1]] as never, 'zscore'))).toBe('INVALID_INPUT');
    expect(raw(() => fitScaler({ rows: 1, cols: 1, data: Float64Array.of(Number.NaN) }, 'zscore'))).toBe('NON_FINITE');
  });
  test('applyScaler refuses scale 0, a wrong-kind model, a non-matrix and damaged numbers with INVALID_MODEL / INVALID_INPUT', () => {
    const ok = { kind: 'scaler', version: 1, method: 'zscore', offset: [0], scale: [2] } as const;
    const one = toDense([[1]]);
    expect(Array.from(applyScaler(ok as never, one).data)).toEqual([0.5]);
    expect(raw(() => applyScaler({ ...ok, scale: [0] } as never, one))).toBe('INVALID_MODEL');
    expect(raw(() => applyScaler({ ...ok, scale: [-1] } as never, one))).toBe('INVALID_MODEL');
    expect(raw(() => applyScaler({ ...ok, offset: ['NaN'] } as never, one))).toBe('INVALID_MODEL');
    expect(raw(() => applyScaler({ ...ok, offset: [null] } as never, one))).toBe('INVALID_MODEL');
    expect(raw(() => applyScaler({ ...ok, scale: [1, 2] } as never, one))).toBe('INVALID_MODEL');
    expect(raw(() => applyScaler({ ...ok, method: 'bogus' } as never, one))).toBe('INVALID_MODEL');
    expect(raw(() => applyScaler({ ...ok, kind: 'kmeans' } as never, one))).toBe('INVALID_MODEL');
    expect(raw(() => applyScaler({ ...ok, version: 2 } as never, one))).toBe('INVALID_MODEL');
    expect(raw(() => applyScaler([] as never, one))).toBe('INVALID_MODEL');
    expect(raw(() => applyScaler(ok as never, [[1]] as never))).toBe('INVALID_INPUT');
    expect(raw(() => applyScaler(ok as never, { rows: 1, cols: 1, data: Float64Array.of(Number.NaN) }))).toBe('NON_FINITE');
  });
  test('fork(null) and fork(() => NaN) are INVALID_OPTION; resolveRandom refuses seed: null instead of taking the default', () => {
    expect(raw(() => fork(null as never))).toBe('INVALID_OPTION');
    expect(raw(() => fork(() => Number.NaN))).toBe('INVALID_OPTION');
    expect(raw(() => fork(() => 1))).toBe('INVALID_OPTION');
    expect(raw(() => resolveRandom({ seed: null as never }))).toBe('INVALID_OPTION');
    expect(resolveRandom({ seed: undefined })()).toBe(createRandom(0)());
  });
  test('toDense(m, { nmae }) refuses the unknown option, and ill-typed options', () => {
    expect(raw(() => toDense([[1]], { nmae: 'x' } as never))).toBe('INVALID_OPTION');
    expect(raw(() => toDense([[1]], { allowNaN: 'yes' } as never))).toBe('INVALID_OPTION');
    expect(raw(() => toDense([[1]], { name: 3 } as never))).toBe('INVALID_OPTION');
    expect(raw(() => toDense({ rows: -1, cols: -1, data: Float64Array.of(1) } as never))).toBe('INVALID_INPUT');
  });
  test('fitScaler(zscore) on values whose squares overflow gives the finite mean and sd of the rescaled values (D11)', () => {
    const big = [1e200, 3e200, -2e200, 5e200];
    const s = fitScaler(toDense(big.map((v) => [v])), 'zscore');
    const small = big.map((v) => v / 1e200);
    const mean = small.reduce((a, b) => a + b, 0) / small.length;
    const sd = Math.sqrt(small.reduce((a, b) => a + (b - mean) ** 2, 0) / small.length);
    expect(Math.abs(s.offset[0]! / 1e200 - mean)).toBeLessThan(1e-15);
    expect(Math.abs(s.scale[0]! / 1e200 - sd)).toBeLessThan(1e-15);
    // The sd itself stays finite (it is at most max|x|), but x - mean can overflow when applied.
    const edge = toDense([[1.7e308], [-1.7e308], [-1.7e308]]);
    expect(Number.isFinite(fitScaler(edge, 'zscore').scale[0])).toBe(true);
    expect(raw(() => applyScaler(fitScaler(edge, 'zscore'), edge))).toBe('NON_FINITE');
    expect(raw(() => fitScaler(toDense([[1.7e308], [-1.7e308]]), 'minmax'))).toBe('NON_FINITE');
    const s2 = fitScaler(toDense([[1], [3]]), 'zscore');
    expect(raw(() => applyScaler(s2, toDense([[1.7e308]])))).toBeUndefined();
    expect(raw(() => applyScaler({ ...s2, scale: [1e-300] }, toDense([[1e10]])))).toBe('NON_FINITE');
  });
});
