import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import * as A from 'apache-arrow';
import {
  arrowToColumns,
  getArrowColumn,
  isArrowTable,
  isArrowVector,
  readArrowVector,
  type ArrowVectorLike,
} from '../../src/core/arrow.js';
import { isCrmError } from '../../src/core/errors.js';

const o = { fn: 'test', column: 'c' };
const read = (v: unknown, extra: object = {}) => readArrowVector(v as ArrowVectorLike, { ...o, ...extra });

function codeOf(f: () => unknown): string | undefined {
  try { f(); } catch (e) { return isCrmError(e) ? e.code : `raw ${String(e)}`; }
  return undefined;
}

/** A vector of `type` over raw `values`, with an optional validity list. */
function raw<T extends A.DataType>(type: T, values: ArrayLike<unknown>, valid?: boolean[], length = values.length): A.Vector<T> {
  let nullBitmap: Uint8Array | undefined;
  let nullCount = 0;
  if (valid) {
    nullBitmap = new Uint8Array(Math.ceil(length / 8));
    valid.forEach((ok, i) => { if (ok) nullBitmap![i >> 3]! |= 1 << (i & 7); else nullCount++; });
  }
  return A.makeVector(A.makeData({ type, length, nullCount, nullBitmap, data: values } as never)) as A.Vector<T>;
}

describe('isArrowTable / isArrowVector', () => {
  test('recognise apache-arrow tables, record batches and vectors, and nothing else', () => {
    const t = A.tableFromArrays({ a: new Float64Array([1, 2]) });
    expect(isArrowTable(t)).toBe(true);
    expect(isArrowTable(t.batches[0])).toBe(true);
    expect(isArrowVector(t.getChild('a'))).toBe(true);
    for (const x of [null, undefined, 1, 'a', [], [1], new Float64Array(2), { a: [1] }, { rows: 1, cols: 1, data: new Float64Array(1) }]) {
      expect(isArrowTable(x)).toBe(false);
      expect(isArrowVector(x)).toBe(false);
    }
    expect(isArrowVector(t)).toBe(false);
    expect(isArrowTable(t.getChild('a'))).toBe(false);
  });
});

describe('readArrowVector(vector) on apache-arrow vectors', () => {
  test('floats and narrow ints become a Float64Array, nulls NaN', () => {
    expect(read(A.vectorFromArray([1.5, null, -3], new A.Float64()))).toEqual({ kind: 'number', values: new Float64Array([1.5, NaN, -3]), nullCount: 1 });
    expect(read(A.vectorFromArray([1.5, 2.25], new A.Float32())).values).toEqual(new Float64Array([1.5, 2.25]));
    expect(read(A.vectorFromArray([0.5, null], new A.Float16())).values).toEqual(new Float64Array([0.5, NaN]));
    for (const type of [new A.Int8(), new A.Int16(), new A.Int32(), new A.Uint8(), new A.Uint16(), new A.Uint32()]) {
      expect(read(A.vectorFromArray([1, 2, null, 100], type as A.Int)).values).toEqual(new Float64Array([1, 2, NaN, 100]));
    }
    expect(read(A.vectorFromArray([4294967295], new A.Uint32())).values).toEqual(new Float64Array([4294967295]));
  });

  test('the fast path copies: writing the result leaves the vector alone', () => {
    const v = A.vectorFromArray([1, 2], new A.Float64());
    const r = read(v);
    (r.values as Float64Array)[0] = 99;
    expect(v.get(0)).toBe(1);
  });

  test('Int64 and Uint64 (BigInt) become numbers up to 2^53 - 1, and are refused beyond', () => {
    const max = BigInt(Number.MAX_SAFE_INTEGER);
    expect(read(raw(new A.Int64(), new BigInt64Array([1n, -max, max]))).values).toEqual(new Float64Array([1, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]));
    expect(read(raw(new A.Uint64(), new BigUint64Array([7n, 0n]), [true, false])).values).toEqual(new Float64Array([7, NaN]));
    const big = raw(new A.Int64(), new BigInt64Array([1n, max + 1n]));
    expect(codeOf(() => read(big))).toBe('INVALID_INPUT');
    expect(() => read(big)).toThrow(/row 1 is 9007199254740992.*CAST\(id AS VARCHAR\)/);
    expect(read(big, { int64: 'string' })).toEqual({ kind: 'string', values: ['1', '9007199254740992'], nullCount: 0 });
    expect(read(raw(new A.Int64(), new BigInt64Array([-5n, 0n]), [true, false]), { int64: 'string' }).values).toEqual(['-5', null]);
  });

  test('Decimal128 becomes numbers with its scale', () => {
    const v = raw(new A.Decimal(2, 10, 128), new Uint32Array([12345, 0, 0, 0, 4294967295, 4294967295, 4294967295, 4294967295]), undefined, 2);
    expect(read(v).values).toEqual(new Float64Array([123.45, -0.01]));
  });

  test('timestamps in s, ms, us and ns and dates in days and ms become epoch milliseconds', () => {
    const ms = Date.UTC(2024, 1, 29, 13, 45, 10);
    expect(read(raw(new A.TimestampSecond(), new BigInt64Array([BigInt(ms / 1000)])))).toEqual({ kind: 'date', values: new Float64Array([ms]), nullCount: 0 });
    expect(read(raw(new A.TimestampMillisecond(), new BigInt64Array([BigInt(ms), 0n]), [true, false])).values).toEqual(new Float64Array([ms, NaN]));
    expect(read(raw(new A.TimestampMicrosecond(), new BigInt64Array([BigInt(ms) * 1000n + 500n]))).values).toEqual(new Float64Array([ms + 0.5]));
    expect(read(raw(new A.TimestampNanosecond(), new BigInt64Array([BigInt(ms) * 1000000n, -1000000n]))).values).toEqual(new Float64Array([ms, -1]));
    expect(read(raw(new A.Timestamp(A.TimeUnit.MICROSECOND, 'UTC'), new BigInt64Array([BigInt(ms) * 1000n]))).values).toEqual(new Float64Array([ms]));
    const day = Date.UTC(2024, 1, 29);
    expect(read(raw(new A.DateDay(), new Int32Array([day / 86_400_000, 0]), [true, false])).values).toEqual(new Float64Array([day, NaN]));
    expect(read(raw(new A.DateMillisecond(), new BigInt64Array([BigInt(day)]))).values).toEqual(new Float64Array([day]));
    expect(read(A.vectorFromArray([new Date(day)], new A.DateDay())).kind).toBe('date');
  });

  test('strings, dictionary-encoded strings and booleans keep their values and nulls', () => {
    expect(read(A.vectorFromArray(['a', null, 'é'], new A.Utf8()))).toEqual({ kind: 'string', values: ['a', null, 'é'], nullCount: 1 });
    expect(read(A.vectorFromArray(['a', 'b'], new A.LargeUtf8())).values).toEqual(['a', 'b']);
    const dict = A.vectorFromArray(['x', 'y', null, 'x'], new A.Dictionary(new A.Utf8(), new A.Int32()));
    expect(read(dict)).toEqual({ kind: 'string', values: ['x', 'y', null, 'x'], nullCount: 1 });
    const dict8 = A.vectorFromArray(['p', 'q', 'p'], new A.Dictionary(new A.Utf8(), new A.Int8()));
    expect(read(dict8).values).toEqual(['p', 'q', 'p']);
    expect(read(A.vectorFromArray([true, null, false], new A.Bool()))).toEqual({ kind: 'boolean', values: [true, null, false], nullCount: 1 });
  });

  test('a dictionary of numbers is read as numbers', () => {
    const v = A.vectorFromArray([1.5, 2, 1.5, null], new A.Dictionary(new A.Float64(), new A.Int32()));
    expect(read(v)).toEqual({ kind: 'number', values: new Float64Array([1.5, 2, 1.5, NaN]), nullCount: 1 });
  });

  test('a table of several record batches reads across batch boundaries', () => {
    const t1 = A.tableFromArrays({ a: new Float64Array([1, 2]), s: ['x', 'y'] });
    const t2 = A.tableFromArrays({ a: new Float64Array([3]), s: ['z'] });
    const t = t1.concat(t2);
    expect(t.batches.length).toBe(2);
    expect(arrowToColumns(t, { fn: 'test' })).toEqual({ a: new Float64Array([1, 2, 3]), s: ['x', 'y', 'z'] });
  });

  test('types it does not read are refused with INVALID_INPUT naming the column and a cast', () => {
    const list = A.vectorFromArray([[1], [2, 3]], new A.List(new A.Field('x', new A.Float64())));
    expect(codeOf(() => read(list))).toBe('INVALID_INPUT');
    expect(() => read(list)).toThrow(/Arrow column 'c' has type List.*Cast it/);
    const bin = A.vectorFromArray([new Uint8Array([1])], new A.Binary());
    expect(codeOf(() => read(bin))).toBe('INVALID_INPUT');
  });

  test('property: float columns with nulls round-trip, nulls as NaN', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.double({ noNaN: true }), { nil: null }), { maxLength: 40 }), (xs) => {
        const r = read(A.vectorFromArray(xs, new A.Float64()));
        expect(r.kind).toBe('number');
        expect(Array.from(r.values as Float64Array)).toEqual(xs.map((x) => (x === null ? NaN : x)));
        expect(r.nullCount).toBe(xs.filter((x) => x === null).length);
      }),
    );
  });

  test('property: Int64 columns read exactly when safe, refused otherwise', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), { minLength: 1, maxLength: 20 }), (xs) => {
        const v = raw(new A.Int64(), BigInt64Array.from(xs));
        const safe = xs.every((x) => x <= BigInt(Number.MAX_SAFE_INTEGER) && x >= -BigInt(Number.MAX_SAFE_INTEGER));
        if (safe) expect(Array.from(read(v).values as Float64Array)).toEqual(xs.map(Number));
        else expect(codeOf(() => read(v))).toBe('INVALID_INPUT');
        expect(read(v, { int64: 'string' }).values).toEqual(xs.map(String));
      }),
    );
  });
});

describe('duck typing without apache-arrow', () => {
  test('a vector with get only (no iterator) and numbers for timestamps reads the same', () => {
    const vals = [1000, null, 3000];
    const v = { length: 3, nullCount: 1, type: { typeId: 10, unit: 1 }, get: (i: number) => vals[i], toArray: () => vals };
    expect(readArrowVector(v, o)).toEqual({ kind: 'date', values: new Float64Array([1000, NaN, 3000]), nullCount: 1 });
    const d = { length: 1, type: { typeId: 8, unit: 0 }, get: () => new Date(86_400_000), toArray: () => [] };
    expect(readArrowVector(d, o).values).toEqual(new Float64Array([86_400_000]));
  });
});

describe('getArrowColumn / arrowToColumns', () => {
  const t = A.tableFromArrays({ recency: new Float64Array([1, 2]), frequency: new Int32Array([3, 4]) });
  test('a missing column is INVALID_OPTION listing the columns the table has', () => {
    expect(codeOf(() => getArrowColumn(t, 'recenct', 'fitKMeans', 'columns'))).toBe('INVALID_OPTION');
    expect(() => getArrowColumn(t, 'recenct', 'fitKMeans', 'columns')).toThrow("fitKMeans: the Arrow table has no column 'recenct' (the columns option); it has recency, frequency.");
    // inherited names are not columns
    expect(codeOf(() => getArrowColumn(t, 'toString', 'f', 'columns'))).toBe('INVALID_OPTION');
  });
  test('only the named columns are converted, in the order asked', () => {
    expect(arrowToColumns(t, { fn: 'f', names: ['frequency'] })).toEqual({ frequency: new Float64Array([3, 4]) });
  });
  test('int64 per column', () => {
    const ids = raw(new A.Int64(), new BigInt64Array([2n ** 60n, 1n]));
    const tt = new A.Table({ id: ids, x: A.vectorFromArray([1, 2], new A.Float64()) });
    expect(arrowToColumns(tt, { fn: 'f', int64: { id: 'string' } })).toEqual({ id: ['1152921504606846976', '1'], x: new Float64Array([1, 2]) });
    expect(codeOf(() => arrowToColumns(tt, { fn: 'f' }))).toBe('INVALID_INPUT');
  });
});
