// The harness itself: what loadRows and loadColumns put in comes back out unchanged, in row order,
// on each engine (so a difference in the SQL tests is the SQL's, not the loading's).
import { expect, test } from 'vitest';
import { describeEngines, maxAbsDiff, type Column } from './engines.js';

const COLUMNS: Column[] = [
  { name: 'x', type: 'DOUBLE' },
  { name: 'a"b c', type: 'VARCHAR' },
  { name: 'flag', type: 'BOOLEAN' },
  { name: 'id', type: 'BIGINT' },
  { name: 'at', type: 'TIMESTAMP' },
];
const ROWS = [
  { x: 0.1, 'a"b c': "it's", flag: true, id: 2 ** 53 - 1, at: Date.UTC(2011, 11, 9, 12, 50) },
  { x: -0, 'a"b c': 'back\\slash\nnew line', flag: false, id: -7, at: Date.UTC(1997, 0, 1) },
  { x: NaN, 'a"b c': 'émoji 🎉', flag: null, id: null, at: null },
  { x: Infinity, 'a"b c': null, flag: true, id: 0, at: Date.UTC(2024, 1, 29, 23, 59, 59, 999) },
  { x: 5e-324, 'a"b c': '', flag: false, id: 1, at: 0 },
  { x: null, 'a"b c': 'NULL', flag: true, id: 3, at: Date.UTC(2000, 5, 15, 6) },
];

describeEngines('engine harness', (engine) => {
  test('loadRows then select gives every value back, in row order', async () => {
    const e = engine();
    const table = await e.loadRows(COLUMNS, ROWS);
    // Timestamps come back as epoch milliseconds, computed in the engine.
    const ms = e.name === 'duckdb' ? 'epoch_ms("at")' : 'CAST(ROUND(EXTRACT(EPOCH FROM "at") * 1000) AS BIGINT)';
    const out = await e.select(table, ['"x"', '"a""b c"', '"flag"', '"id"', ms]);
    ROWS.forEach((r, i) => expect(Object.is(out[0]![i], r.x)).toBe(true));
    expect(out[1]).toEqual(ROWS.map((r) => r['a"b c']));
    expect(out[2]).toEqual(ROWS.map((r) => r.flag));
    expect(out[3]).toEqual(ROWS.map((r) => r.id));
    expect(out[4]).toEqual(ROWS.map((r) => r.at));
  });

  test('loadColumns takes typed arrays, in batches beyond one INSERT', async () => {
    const e = engine();
    const n = 45_001;
    const x = Float64Array.from({ length: n }, (_, i) => i / 7);
    const table = await e.loadColumns([{ name: 'x', type: 'DOUBLE' }], { x });
    const [back] = await e.select(table, ['"x"']);
    expect(maxAbsDiff(back!, Array.from(x))).toBe(0);
    expect(await e.query(`SELECT COUNT(*), MIN(__row), MAX(__row) FROM ${table}`)).toEqual([[n, 0, n - 1]]);
  });
});

test('maxAbsDiff sees a difference, a length mismatch and a non-number', () => {
  expect(maxAbsDiff([1, 2], [1, 2.5])).toBe(0.5);
  expect(maxAbsDiff([1], [1, 2])).toBe(Infinity);
  expect(maxAbsDiff(['1'], [1])).toBe(Infinity);
  expect(maxAbsDiff([null], [0])).toBe(Infinity);
});
