// fitStandardizer stores the input feature names (scaler schema version 2) and reads row objects,
// columns and Arrow tables as every other model fitted from numeric features does; version 1 JSON
// saved before still applies exactly as the code that wrote it (fixtures/standardizer-v1.json,
// written by fixtures/make-standardizer-v1.mts from commit b98ee62).
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import * as A from 'apache-arrow';
import { describe, expect, test } from 'vitest';
import { applyDesign, applyStandardizer, fitDesign, fitStandardizer } from '../../src/linear/index.js';
import { applyScaler, checkScaler } from '../../src/core/scaling.js';
import { toDense } from '../../src/core/dense.js';
import { CrmError } from '../../src/core/errors.js';
import { codeOf } from '../helpers/errors.js';

const v1 = JSON.parse(readFileSync(new URL('./fixtures/standardizer-v1.json', import.meta.url), 'utf8'));
const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const names = ['age', 'visits', 'balance'];
type Row = Record<string, number | string>;
const rowsOf = (m: number[][]): Row[] => m.map(([age, visits, balance], i) => ({ id: `c${i}`, balance: balance!, age: age!, visits: visits! }));
const columnsOf = (rows: readonly Row[]): Record<string, unknown[]> => Object.fromEntries(Object.keys(rows[0]!).map((k) => [k, rows.map((r) => r[k])]));
const typedOf = (rows: readonly Row[]) => Object.fromEntries(names.map((k) => [k, Float64Array.from(rows, (r) => r[k] as number)]));
const arrowOf = (rows: readonly Row[]) => A.tableFromJSON(rows as Record<string, unknown>[]);
const arrowIpcOf = (rows: readonly Row[]) => A.tableFromIPC(A.tableToIPC(A.tableFromJSON(rows.slice(0, 2) as Record<string, unknown>[]).concat(A.tableFromJSON(rows.slice(2) as Record<string, unknown>[])), 'stream'));

function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof CrmError) return `${e.code}: ${e.message}`;
    return `raw: ${String(e)}`;
  }
  return 'no error';
}

describe('fitStandardizer featureNames (scaler schema version 2)', () => {
  test('fitStandardizer(rows, { columns }) stores the columns; number[][] gets x0, x1, ... as fitLogistic', () => {
    const rows = rowsOf(v1.train);
    const s = fitStandardizer(rows, { columns: names });
    expect([s.kind, s.version, s.method, s.featureNames]).toEqual(['scaler', 2, 'zscore', names]);
    expect(fitStandardizer(v1.train).featureNames).toEqual(['x0', 'x1', 'x2']);
    expect(fitStandardizer(v1.train, { columns: [0, 2] }).featureNames).toEqual(['x0', 'x1', 'x2']);
    expect(fitStandardizer(typedOf(rows)).featureNames).toEqual(names);
    expect(fitStandardizer(rows, { columns: ['visits', (r) => r.age as number] }).featureNames).toEqual(['visits', 'columns[1]']);
  });

  test('the scaling is that of version 1: only the version and featureNames differ', () => {
    const { version, featureNames, ...rest } = fitStandardizer(rowsOf(v1.train), { columns: names });
    const { version: oldVersion, ...old } = v1.all.model;
    expect([version, oldVersion, featureNames]).toEqual([2, 1, names]);
    expect(json(rest)).toEqual(old);
    const some = fitStandardizer(v1.train, { columns: [0, 2] });
    expect(json({ ...some, version: 1, featureNames: undefined })).toEqual(v1.some.model);
  });

  test.each([
    ['row objects', (rows: Row[]) => rows],
    ['columns', columnsOf],
    ['typed columns', typedOf],
    ['Arrow', arrowOf],
    ['Arrow via IPC, two batches', arrowIpcOf],
  ] as const)('%s give the scaler and the applied output of number[][]', (_form, make) => {
    const matrix = fitStandardizer(v1.train);
    const train = make(rowsOf(v1.train));
    const s = fitStandardizer(train as never, { columns: names });
    expect(s).toEqual({ ...matrix, featureNames: names });
    // Read by the stored names: the id column and the key order do not matter.
    expect(applyStandardizer(s, make(rowsOf(v1.query)) as never)).toEqual(applyStandardizer(matrix, v1.query));
    expect(applyStandardizer(json(s), make(rowsOf(v1.query)) as never)).toEqual(v1.all.applied);
  });

  test('applyStandardizer reads row objects and columns by the stored names, in the stored order, whatever their key order', () => {
    const point = fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 }));
    fc.assert(fc.property(fc.array(point, { minLength: 1, maxLength: 30 }), fc.array(point, { minLength: 1, maxLength: 10 }), (train, query) => {
      const s = fitStandardizer(train.map(([a, b, c]) => ({ a, b, c })), { columns: ['c', 'a'] });
      const want = applyStandardizer(s, query.map(([a, , c]) => [c, a]));
      expect(applyStandardizer(s, query.map(([a, b, c]) => ({ b, a, c, id: 'x' })))).toEqual(want);
      expect(applyStandardizer(json(s), { b: query.map((q) => q[1]), a: query.map((q) => q[0]), c: query.map((q) => q[2]) })).toEqual(want);
      expect(applyStandardizer(s, query.map(([a, b, c]) => ({ z: c, y: a, b })), { columns: ['z', 'y'] })).toEqual(want);
    }), { numRuns: 60 });
  });

  test('the input is never mutated, and the output is a fresh number[][]', () => {
    const rows = rowsOf(v1.train);
    const before = json(rows);
    const cols = columnsOf(rows);
    const colsBefore = json(cols);
    const s = fitStandardizer(rows, { columns: names });
    const out = applyStandardizer(s, rows);
    applyStandardizer(s, cols);
    expect([rows, cols]).toEqual([before, colsBefore]);
    expect(Array.isArray(out) && out.every(Array.isArray)).toBe(true);
  });

  test('a JSON round trip applies identically; structuredClone too', () => {
    const s = fitStandardizer(rowsOf(v1.train), { columns: names });
    expect(json(s)).toEqual(s);
    expect(applyStandardizer(json(s), rowsOf(v1.query))).toEqual(applyStandardizer(s, rowsOf(v1.query)));
    expect(applyStandardizer(structuredClone(s), v1.query)).toEqual(applyStandardizer(s, v1.query));
  });

  test('"__proto__" is read as an own key of JSON rows and columns, and refused as a missing one', () => {
    const rows = JSON.parse('[{"__proto__": 1, "b": 2}, {"__proto__": 3, "b": 2}]');
    const s = fitStandardizer(rows, { columns: ['__proto__'] });
    expect(s.featureNames).toEqual(['__proto__']);
    expect(applyStandardizer(json(s), JSON.parse('[{"__proto__": 5}]'))).toEqual([[3]]);
    expect(applyStandardizer(s, JSON.parse('{"__proto__": [5]}'))).toEqual([[3]]);
    expect(codeOf(() => fitStandardizer([{ a: 1 }], { columns: ['__proto__'] as never }))).toBe('INVALID_INPUT');
    expect(codeOf(() => fitStandardizer({ a: [1] }, { columns: ['__proto__'] }))).toBe('INVALID_OPTION');
    expect(codeOf(() => applyStandardizer(s, [{ a: 1 }]))).toBe('INVALID_INPUT');
  });
});

describe('fitStandardizer and applyStandardizer refuse bad input with typed errors', () => {
  const rows = rowsOf(v1.train);
  test.each<[string, () => unknown, string, RegExp?]>([
    ['a misspelt column, with the closest name', () => fitStandardizer(rows, { columns: ['agee'] }), 'INVALID_OPTION', /Did you mean 'age'/],
    ['a column the table lacks', () => fitStandardizer(columnsOf(rows), { columns: ['tenure'] }), 'INVALID_OPTION', /tenure/],
    ['row objects without columns', () => fitStandardizer(rows), 'INVALID_OPTION', /columns/],
    ['a string value', () => fitStandardizer([{ a: 1 }, { a: '2' }], { columns: ['a'] }), 'INVALID_INPUT', /rows|features/],
    ['a string column', () => fitStandardizer({ a: ['x', 'y'] }), 'INVALID_INPUT'],
    ['NaN', () => fitStandardizer([{ a: 1 }, { a: NaN }], { columns: ['a'] }), 'NON_FINITE', /features\[1\] column 'a'/],
    ['NaN in a typed column', () => fitStandardizer({ a: Float64Array.of(1, NaN) }), 'NON_FINITE'],
    ['null', () => fitStandardizer([{ a: 1 }, { a: null }], { columns: ['a'] }), 'MISSING_VALUE'],
    ['no rows', () => fitStandardizer({ a: [] }), 'EMPTY_INPUT'],
    ['no rows in number[][]', () => fitStandardizer([]), 'EMPTY_INPUT'],
    ['an empty columns list for a table', () => fitStandardizer(rows, { columns: [] }), 'INVALID_OPTION'],
    ['a column named twice', () => fitStandardizer(rows, { columns: ['age', 'age'] }), 'INVALID_OPTION', /twice/],
    ['a hole in columns for a table', () => fitStandardizer(rows, { columns: [, 'age'] as string[] }), 'INVALID_OPTION', /columns\[0\] is a hole/],
    ['an index for a table', () => fitStandardizer(rows, { columns: [0] }), 'INVALID_OPTION', /columns\[0\] is the index 0.*pass number\[\]\[\]/],
    ['indices and names mixed, for a table', () => fitStandardizer(rows, { columns: ['age', 1] as never }), 'INVALID_OPTION', /columns\[1\] is the index 1/],
    ['a name for number[][]', () => fitStandardizer(v1.train, { columns: ['age'] }), 'INVALID_OPTION', /indices of the columns to standardise.*pass row objects/],
    ['indices and names mixed, for number[][]', () => fitStandardizer(v1.train, { columns: [0, 'age'] as never }), 'INVALID_OPTION', /columns\[1\] is "age"|columns\[1\] is 'age'/],
    ['an index out of range', () => fitStandardizer(v1.train, { columns: [3] }), 'INVALID_OPTION'],
    ['not a table', () => fitStandardizer('age' as never), 'INVALID_INPUT'],
    ['a Map', () => fitStandardizer(new Map() as never), 'INVALID_INPUT'],
    ['columns that are not an array', () => fitStandardizer(rows, { columns: 'age' as never }), 'INVALID_OPTION'],
    ['apply: a column the rows lack', () => applyStandardizer(fitStandardizer(rows, { columns: names }), [{ age: 1, visits: 2 }]), 'INVALID_OPTION', /balance/],
    ['apply: a NaN', () => applyStandardizer(fitStandardizer(rows, { columns: names }), [{ age: NaN, visits: 2, balance: 1 }]), 'NON_FINITE'],
    ['apply: columns for number[][]', () => applyStandardizer(fitStandardizer(v1.train), v1.query, { columns: ['x0'] }), 'INVALID_OPTION'],
    ['apply: too few columns', () => applyStandardizer(fitStandardizer(rows, { columns: names }), rows, { columns: ['age'] }), 'LENGTH_MISMATCH'],
    ['apply: an unknown option', () => applyStandardizer(fitStandardizer(v1.train), v1.query, { column: ['x0'] } as never), 'INVALID_OPTION', /columns/],
    ['apply: number[][] by x0, x1, ... names to a table without them', () => applyStandardizer(fitStandardizer(v1.train), rows), 'INVALID_OPTION', /x0/],
  ])('%s', (_what, f, code, mentions) => {
    const m = messageOf(f);
    expect(m.split(':')[0]).toBe(code);
    if (mentions) expect(m).toMatch(mentions);
  });

  test('a number[][] fit applies to a table given columns, or columns named x0, x1, ...', () => {
    const s = fitStandardizer(v1.train);
    expect(applyStandardizer(s, rowsOf(v1.query), { columns: names })).toEqual(v1.all.applied);
    expect(applyStandardizer(s, { x0: v1.query.map((r: number[]) => r[0]), x1: v1.query.map((r: number[]) => r[1]), x2: v1.query.map((r: number[]) => r[2]) })).toEqual(v1.all.applied);
  });

  test('damaged featureNames are refused with INVALID_MODEL, never a raw TypeError', () => {
    const s = fitStandardizer(rows, { columns: names });
    const t = (f: (j: any) => void) => {
      const j = json(s) as any;
      f(j);
      return [codeOf(() => applyStandardizer(j, rows)), codeOf(() => applyStandardizer(j, v1.query)), codeOf(() => applyScaler(j, toDense(v1.query)))];
    };
    for (const damage of [
      (j: any) => j.featureNames.pop(),
      (j: any) => j.featureNames.push('tenure'),
      (j: any) => { j.featureNames[0] = 3; },
      (j: any) => { j.featureNames[1] = null; },
      (j: any) => { j.featureNames[2] = 'age'; },
      (j: any) => { delete j.featureNames[1]; },
      (j: any) => { delete j.featureNames; },
      (j: any) => { j.featureNames = 'age,visits,balance'; },
      (j: any) => { j.featureNames = { 0: 'age', length: 3 }; },
      (j: any) => { j.featureNames = null; },
      (j: any) => { j.version = 3; },
      (j: any) => { j.version = '2'; },
    ]) {
      expect(t(damage)).toEqual(['INVALID_MODEL', 'INVALID_MODEL', 'INVALID_MODEL']);
    }
    expect(messageOf(() => applyStandardizer({ ...s, featureNames: ['age', 'age', 'x'] }, rows))).toMatch(/featureNames\[1\] repeats the name "age"/);
  });
});

describe('version 1 standardizer JSON (saved before featureNames)', () => {
  test('applies exactly as the code that wrote it', () => {
    expect(applyStandardizer(v1.all.model, v1.query)).toEqual(v1.all.applied);
    expect(applyStandardizer(v1.some.model, v1.query)).toEqual(v1.some.applied);
    expect(checkScaler(v1.all.model, 'applyStandardizer')).toBe(v1.all.model);
  });

  test('row objects need columns, as there are no names; column tables default to every column, in order', () => {
    expect(codeOf(() => applyStandardizer(v1.all.model, v1.queryRows))).toBe('INVALID_OPTION');
    expect(applyStandardizer(v1.all.model, v1.queryRows, { columns: names })).toEqual(v1.all.applied);
    expect(applyStandardizer(v1.some.model, typedOf(v1.queryRows))).toEqual(v1.some.applied);
  });

  test('a design saved with a version 1 scaler applies as before; a new design names its scaler after the numeric columns', () => {
    expect(applyDesign(v1.design.model, v1.queryRows)).toEqual(v1.design.applied);
    const rows = v1.train.map(([age, visits, balance]: number[]) => ({ age, visits, balance, plan: age! > 2 ? 'gold' : 'basic' }));
    const design = fitDesign(rows, { columns: v1.design.model.columns.map(({ name, type, standardize, dropFirst }: any) => (type === 'numeric' ? { name, type, standardize } : { name, type, dropFirst })) });
    const { version, featureNames, ...scaler } = design.scaler as any;
    const { version: oldVersion, ...oldScaler } = v1.design.model.scaler;
    expect([version, oldVersion, featureNames]).toEqual([2, 1, ['age', 'visits']]);
    expect(json(scaler)).toEqual(oldScaler);
    expect(applyDesign(json(design), v1.queryRows)).toEqual(v1.design.applied);
  });
});
