import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import * as A from 'apache-arrow';
import { columnsToRows, isColumnTable, readFeatureMatrix, readTableColumns, tableForm } from '../../src/core/table.js';
import { codeOf } from '../helpers/errors.js';

const fn = 'f';

/** The three forms of the same rows of numbers (keys a, b, ...). */
function forms(rows: number[][]) {
  const names = rows[0]!.map((_, j) => String.fromCharCode(97 + j));
  const objects = rows.map((r) => Object.fromEntries(names.map((k, j) => [k, r[j]!])));
  const columns = Object.fromEntries(names.map((k, j) => [k, rows.map((r) => r[j]!)]));
  const typed = Object.fromEntries(names.map((k, j) => [k, Float64Array.from(rows, (r) => r[j]!)]));
  const arrow = A.tableFromArrays(typed);
  return { names, objects, columns, typed, arrow };
}

describe('readFeatureMatrix', () => {
  test('property: row objects, columns, typed columns and Arrow give the row-major matrix built by hand', () => {
    const table = fc.integer({ min: 1, max: 5 }).chain((d) => fc.array(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: d, maxLength: d }), { minLength: 1, maxLength: 30 }));
    fc.assert(
      fc.property(table, (rows) => {
        const f = forms(rows);
        const expected = Float64Array.from(rows.flat());
        for (const data of [f.columns, f.typed, f.arrow]) {
          const m = readFeatureMatrix(data, { fn });
          expect([m.rows, m.cols]).toEqual([rows.length, f.names.length]);
          expect(m.data).toEqual(expected);
          expect(m.names).toEqual(f.names);
        }
        expect(readFeatureMatrix(f.objects, { fn, columns: f.names }).data).toEqual(expected);
        // a subset, in another order, by name
        const pick = [...f.names].reverse();
        const picked = Float64Array.from(rows.flatMap((r) => [...r].reverse()));
        expect(readFeatureMatrix(f.arrow, { fn, columns: pick }).data).toEqual(picked);
        expect(readFeatureMatrix(f.objects, { fn, columns: pick }).data).toEqual(picked);
      }),
    );
  });

  test('function accessors get the row and its index', () => {
    const m = readFeatureMatrix([{ a: 1 }, { a: 2 }], { fn, columns: ['a', (r: { a: number }, i: number) => r.a * 10 + i] });
    expect(Array.from(m.data)).toEqual([1, 10, 2, 21]);
    expect(m.names).toEqual(['a', 'columns[1]']);
  });

  test('the input is never mutated nor aliased', () => {
    const typed = { a: new Float64Array([1, 2]) };
    const m = readFeatureMatrix(typed, { fn });
    m.data[0] = 99;
    expect(typed.a[0]).toBe(1);
  });

  test('a bad value gets the same code in every form, naming row and column', () => {
    for (const [bad, code] of [[null, 'MISSING_VALUE'], [NaN, 'NON_FINITE'], [Infinity, 'NON_FINITE'], ['3', 'INVALID_INPUT'], [true, 'INVALID_INPUT']] as const) {
      const objects = [{ a: 1, b: 2 }, { a: 3, b: bad }];
      const columns = { a: [1, 3], b: [2, bad] };
      expect(codeOf(() => readFeatureMatrix(objects, { fn, columns: ['a', 'b'] }))).toBe(code);
      expect(codeOf(() => readFeatureMatrix(columns, { fn }))).toBe(code);
      expect(() => readFeatureMatrix(columns, { fn })).toThrow(/column 'b' row 1/);
      expect(() => readFeatureMatrix(objects, { fn, columns: ['a', 'b'] })).toThrow(/points\[1\] column 'b'/);
    }
    const arrowNull = new A.Table({ a: A.vectorFromArray([1, null], new A.Float64()) });
    expect(codeOf(() => readFeatureMatrix(arrowNull, { fn }))).toBe('MISSING_VALUE');
    const arrowNaN = new A.Table({ a: A.vectorFromArray([1, NaN], new A.Float64()) });
    expect(codeOf(() => readFeatureMatrix(arrowNaN, { fn }))).toBe('NON_FINITE');
    const arrowStr = A.tableFromArrays({ a: ['x', 'y'] });
    expect(codeOf(() => readFeatureMatrix(arrowStr, { fn }))).toBe('INVALID_INPUT');
    const arrowDate = new A.Table({ a: A.vectorFromArray([new Date(0)], new A.DateMillisecond()) });
    expect(codeOf(() => readFeatureMatrix(arrowDate, { fn }))).toBe('INVALID_INPUT');
    expect(readFeatureMatrix(arrowNull, { fn, allowNaN: true }).data).toEqual(new Float64Array([1, NaN]));
  });

  test('shape and option mistakes', () => {
    expect(codeOf(() => readFeatureMatrix({ a: [1, 2], b: [1] }, { fn }))).toBe('LENGTH_MISMATCH');
    expect(codeOf(() => readFeatureMatrix({ a: [] }, { fn }))).toBe('EMPTY_INPUT');
    expect(codeOf(() => readFeatureMatrix([], { fn }))).toBe('EMPTY_INPUT');
    expect(codeOf(() => readFeatureMatrix([{ a: 1 }], { fn }))).toBe('INVALID_OPTION');
    expect(() => readFeatureMatrix([{ recency: 1 }], { fn })).toThrow("e.g. { columns: ['recency'] }");
    expect(codeOf(() => readFeatureMatrix([[1]], { fn, columns: ['a'] }))).toBe('INVALID_OPTION');
    expect(codeOf(() => readFeatureMatrix({ a: [1] }, { fn, columns: ['a', 'a'] }))).toBe('INVALID_OPTION');
    expect(codeOf(() => readFeatureMatrix({ a: [1] }, { fn, columns: [] }))).toBe('INVALID_OPTION');
    expect(codeOf(() => readFeatureMatrix({ a: [1] }, { fn, columns: [(r: unknown) => 1] }))).toBe('INVALID_OPTION');
    expect(() => readFeatureMatrix({ recency: [1] }, { fn, columns: ['recenct'] })).toThrow("points has no column 'recenct' (the columns option); it has recency. Did you mean 'recency'?");
    expect(() => readFeatureMatrix([{ recency: 1 }], { fn, columns: ['Recency'] })).toThrow("Did you mean 'recency'?");
    expect(codeOf(() => readFeatureMatrix([{ a: 1 }, null], { fn, columns: ['a'] }))).toBe('INVALID_INPUT');
    expect(codeOf(() => readFeatureMatrix('x', { fn }))).toBe('INVALID_INPUT');
    expect(codeOf(() => readFeatureMatrix({ a: 1 }, { fn }))).toBe('INVALID_INPUT');
    // inherited names are not columns
    expect(codeOf(() => readFeatureMatrix({ a: [1] }, { fn, columns: ['toString'] }))).toBe('INVALID_OPTION');
  });

  test('BigInt values are exact up to 2^53 - 1 and refused beyond', () => {
    expect(readFeatureMatrix({ a: new BigInt64Array([1n, -(2n ** 53n - 1n)]) }, { fn }).data).toEqual(new Float64Array([1, -(2 ** 53 - 1)]));
    expect(codeOf(() => readFeatureMatrix({ a: [2n ** 53n] }, { fn }))).toBe('INVALID_INPUT');
    expect(readFeatureMatrix([{ a: 5n }], { fn, columns: ['a'] }).data).toEqual(new Float64Array([5]));
  });
});

describe('tableForm / isColumnTable / readTableColumns / columnsToRows', () => {
  test('forms are told apart', () => {
    expect(tableForm(fn, 'x', [[1]])).toBe('matrix');
    expect(tableForm(fn, 'x', { rows: 1, cols: 1, data: new Float64Array(1) })).toBe('matrix');
    expect(tableForm(fn, 'x', [{ a: 1 }])).toBe('rows');
    expect(tableForm(fn, 'x', { a: [1] })).toBe('columns');
    expect(tableForm(fn, 'x', A.tableFromArrays({ a: new Float64Array(1) }))).toBe('arrow');
    expect(isColumnTable({ a: A.vectorFromArray([1]) })).toBe(true);
    expect(isColumnTable({ a: 1 })).toBe(false);
    expect(isColumnTable(new Map([['a', [1]]]))).toBe(false);
  });
  test('Arrow nulls are null, as in row objects; an Arrow vector may be a column', () => {
    const t = new A.Table({ n: A.vectorFromArray([1, null], new A.Float64()), s: A.vectorFromArray(['x', null], new A.Utf8()) });
    expect(readTableColumns(t, ['n', 's'], { fn }).columns).toEqual([[1, null], ['x', null]]);
    expect(readTableColumns({ v: t.getChild('s')! }, ['v'], { fn }).columns).toEqual([['x', null]]);
    expect(columnsToRows(t, ['s', 'n'], { fn })).toEqual([{ s: 'x', n: 1 }, { s: null, n: null }]);
  });
  test('columnsToRows keeps "__proto__" as an own key', () => {
    const rows = columnsToRows({ ['__proto__']: [1] } as never, ['__proto__'], { fn });
    expect(Object.keys(rows[0]!)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
  });
});
