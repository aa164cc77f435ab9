// A DuckDB in memory for the SQL tests: loads rows through the appender (so no SQL of ours is
// involved in getting the data in) and runs one SELECT of expressions over them, in row order.
import { DuckDBInstance, DuckDBTimestampValue, type DuckDBConnection } from '@duckdb/node-api';

/** TIMESTAMP values are given as epoch milliseconds (whole numbers). */
export type DuckType = 'DOUBLE' | 'VARCHAR' | 'BOOLEAN' | 'TIMESTAMP' | 'BIGINT';
export interface DuckColumn { name: string; type: DuckType }

let instance: DuckDBInstance | null = null;
let tableCount = 0;

export async function connect(): Promise<DuckDBConnection> {
  instance ??= await DuckDBInstance.create(':memory:');
  return instance.connect();
}

/** A quote written independently of src/sql, for the test's own CREATE TABLE. */
const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Loads rows (values by column name; null/undefined = NULL) into a fresh table; returns its name. */
export async function loadRows(con: DuckDBConnection, columns: readonly DuckColumn[], rows: readonly object[]): Promise<string> {
  const table = `t${++tableCount}`;
  await con.run(`CREATE TABLE ${table} (__row INTEGER, ${columns.map((c) => `${q(c.name)} ${c.type}`).join(', ')})`);
  const app = await con.createAppender(table);
  rows.forEach((row, i) => {
    app.appendInteger(i);
    for (const c of columns) {
      const v = (row as Record<string, unknown>)[c.name];
      if (v === null || v === undefined) app.appendNull();
      else if (c.type === 'DOUBLE') app.appendDouble(v as number);
      else if (c.type === 'BOOLEAN') app.appendBoolean(v as boolean);
      else if (c.type === 'TIMESTAMP') app.appendTimestamp(new DuckDBTimestampValue(BigInt(v as number) * 1000n));
      else if (c.type === 'BIGINT') app.appendBigInt(BigInt(v as number));
      else app.appendVarchar(String(v));
    }
    app.endRow();
  });
  app.flushSync();
  app.closeSync();
  return table;
}

/** Runs `SELECT <expressions> FROM table ORDER BY __row` and returns one array per expression. */
export async function select(con: DuckDBConnection, table: string, expressions: readonly string[]): Promise<unknown[][]> {
  const sql = `SELECT ${expressions.map((e, i) => `(${e}) AS e${i}`).join(', ')} FROM ${table} ORDER BY __row`;
  const reader = await con.runAndReadAll(sql);
  const rows = reader.getRows();
  return expressions.map((_, i) => rows.map((r) => {
    const v = r[i];
    return typeof v === 'bigint' ? Number(v) : v;
  }));
}

/** Largest |a - b| over two arrays of numbers (Infinity if a value is not a number). */
export function maxAbsDiff(a: readonly unknown[], b: readonly number[]): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++) {
    const x = a[i];
    if (typeof x !== 'number') return Infinity;
    worst = Math.max(worst, Math.abs(x - b[i]!));
  }
  return worst;
}

/** Runs a query and returns its rows as objects (BIGINT as number). */
export async function query(con: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await con.runAndReadAll(sql);
  const names = reader.columnNames();
  return reader.getRows().map((r) => Object.fromEntries(names.map((n, i) => [n, typeof r[i] === 'bigint' ? Number(r[i]) : r[i]])));
}

/**
 * What the engine-neutral checks (test/sql/engineChecks.ts) need of an engine: its dialect, a way
 * to load rows into a fresh table, and "run this SQL, give me rows".
 */
export interface SqlEngine {
  readonly dialect: 'duckdb' | 'postgres';
  load(columns: readonly DuckColumn[], rows: readonly object[]): Promise<string>;
  run(sql: string): Promise<Record<string, unknown>[]>;
}

/** DuckDB in memory as a {@link SqlEngine}. */
export async function duckEngine(): Promise<SqlEngine> {
  const con = await connect();
  return { dialect: 'duckdb', load: (columns, rows) => loadRows(con, columns, rows), run: (sql) => query(con, sql) };
}
