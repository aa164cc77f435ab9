// The limb sum of src/sql/exactSum.ts on DuckDB against an exact oracle: each double as a BigInt
// count of 2^-80 units, summed exactly, rounded once by Number(bigint) (round to nearest, ties even).
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { joinLimbsSql, limbsSql } from '../../src/sql/exactSum.js';
import { connect, loadRows, query } from './duck.js';

const UNIT = 2n ** 80n;
function exactSum(xs: readonly number[]): number {
  let s = 0n;
  for (const x of xs) {
    // x * 2^80 is an integer for |x| >= 2^-28 (its last bit is at 2^-80 or above); exact as a double.
    s += BigInt(x * 2 ** 80);
  }
  // Number(s) rounds once; / 2^80 is exact.
  return Number(s) / Number(UNIT);
}

const amount = fc.oneof(
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((x) => x === 0 || Math.abs(x) >= 2 ** -28),
  fc.integer({ min: -10_000, max: 10_000 }).map((c) => c / 100),
  fc.constantFrom(0.1, 0.2, 0.3, 15.299999999999999, 5.3, 10, -15.3, 1e-8, 2 ** -28),
);

describe('exact SUM of doubles in SQL', () => {
  test('joinLimbsSql(sum of limbsSql) is the correctly rounded sum of every group', async () => {
    const con = await connect();
    const groups = fc.sample(fc.array(amount, { minLength: 1, maxLength: 30 }), { numRuns: 300, seed: 7 });
    groups.push([0.1, 0.2, 0.3], [1e6, 1e-8, -1e6], [10, 5.3], [15.3, -15.3, 0.1], [2 ** 30, 2 ** -28, -(2 ** 30)]);
    const rows = groups.flatMap((g, k) => g.map((a) => ({ g: k, a })));
    const table = await loadRows(con, [{ name: 'g', type: 'DOUBLE' }, { name: 'a', type: 'DOUBLE' }], rows);
    const limbs = limbsSql('"a"', 'duckdb').map((l, j) => `SUM(${l}) AS "s${j}"`).join(', ');
    const sql = `SELECT "g", ${joinLimbsSql(['"s0"', '"s1"', '"s2"', '"s3"'], 'duckdb')} AS "total", "plain" FROM (SELECT "g", ${limbs} FROM ${table} GROUP BY "g") JOIN (SELECT "g", SUM("a") AS "plain" FROM ${table} GROUP BY "g") USING ("g") ORDER BY "g"`;
    const out = await query(con, sql);
    let exact = 0;
    let plain = 0;
    out.forEach((r, k) => {
      const want = exactSum(groups[k]!);
      if (Object.is(r.total, want) || (r.total === 0 && want === 0)) exact++;
      if (r.plain === want) plain++;
    });
    expect(exact).toBe(groups.length);
    // The oracle can tell the two apart: plain SUM(DOUBLE) misses some.
    expect(plain).toBeLessThan(groups.length);
  });
});
