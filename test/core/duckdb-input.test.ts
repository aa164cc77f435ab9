// DuckDB's node API hands query results over as row objects (getRowObjectsJS) or as columns
// (getColumnsObjectJS), with BIGINT as JS bigint and TIMESTAMP as Date: both forms, read by the
// feature-table reader, give the results of the same numbers typed by hand.
import { describe, expect, test } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { fitKMeans } from '../../src/cluster/index.js';
import { fitLogistic } from '../../src/linear/index.js';
import { fpGrowth } from '../../src/assoc/index.js';
import { codeOf } from '../helpers/errors.js';

const SQL = `
  SELECT i::BIGINT AS id, (i % 3)::BIGINT AS segment, (10 * (i % 3) + i % 5)::INTEGER AS recency,
         COUNT(*) OVER (PARTITION BY i % 4) AS frequency, (i * 1.5)::DOUBLE AS monetary,
         (i % 2 = 0) AS churned, TIMESTAMP '2024-01-01' + INTERVAL (i) DAY AS at,
         CASE WHEN i % 3 = 0 THEN 'tea' ELSE 'milk' END AS item
  FROM range(24) t(i) ORDER BY i`;

describe('DuckDB results as row objects and as columns', async () => {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const reader = await con.runAndReadAll(SQL);
  const rows = reader.getRowObjectsJS() as Record<string, unknown>[];
  const cols = reader.getColumnsObjectJS() as Record<string, unknown[]>;
  const plain = rows.map((r) => ({ recency: Number(r.recency), frequency: Number(r.frequency), monetary: r.monetary as number }));

  test('BIGINT comes as bigint and is read exactly', () => {
    expect(typeof rows[0]!.frequency).toBe('bigint');
    const columns = ['recency', 'frequency', 'monetary'] as const;
    const expected = fitKMeans(plain, { k: 3, seed: 1, columns });
    expect(fitKMeans(rows, { k: 3, seed: 1, columns })).toEqual(expected);
    expect(fitKMeans(cols, { k: 3, seed: 1, columns })).toEqual(expected);
  });

  test('fitLogistic reads a BOOLEAN target column', () => {
    const expected = fitLogistic(plain, rows.map((r) => r.churned as boolean), { columns: ['recency', 'monetary'] });
    expect(fitLogistic(cols, { columns: ['recency', 'monetary'], target: 'churned' })).toEqual(expected);
  });

  test('fpGrowth reads BIGINT transaction ids as numbers', () => {
    const expected = fpGrowth(rows.map((r) => ({ t: Number(r.segment), item: r.item as string })), { minCount: 1, item: 'item', orderId: 't' });
    expect(fpGrowth(cols, { minCount: 1, item: 'item', orderId: 'segment' })).toEqual(expected);
  });

  test('a TIMESTAMP column is refused as a feature, naming it', () => {
    expect(codeOf(() => fitKMeans(rows, { k: 2, columns: ['at'] }))).toBe('INVALID_INPUT');
    expect(() => fitKMeans(cols, { k: 2, columns: ['at'] })).toThrow(/column 'at' row 0 is .*expected a number/);
  });

  test('a BIGINT beyond 2^53 is refused, not rounded', () => {
    const big = { x: [1n, 2n ** 60n, 3n] };
    expect(codeOf(() => fitKMeans(big, { k: 1 }))).toBe('INVALID_INPUT');
    expect(() => fitKMeans(big, { k: 1 })).toThrow(/row 1 is .*beyond 2\^53/);
  });
});
