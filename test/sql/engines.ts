// The SQL engines the tests run the exported SQL on: DuckDB in memory (@duckdb/node-api) and
// PostgreSQL (node-postgres, at CRM_PG_URL; .ci/postgres.sh starts one). Both load rows through
// the driver (DuckDB's appender; PostgreSQL parameters, one array per column unnested), so no SQL
// of ours is involved in getting the data in, and run one SELECT over them, in row order.
//
// Without CRM_PG_URL the PostgreSQL half is skipped with a message; under CI=true it fails.
import { DuckDBInstance, DuckDBTimestampValue, type DuckDBConnection } from '@duckdb/node-api';
import pg from 'pg';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { SqlDialect } from '../../src/sql/index.js';

/** TIMESTAMP values are given as epoch milliseconds (whole numbers), read as UTC wall-clock time. */
export type ColumnType = 'DOUBLE' | 'VARCHAR' | 'BOOLEAN' | 'TIMESTAMP' | 'BIGINT';
export interface Column { name: string; type: ColumnType }
export type EngineName = 'duckdb' | 'postgres';

export interface Engine {
  readonly name: EngineName;
  /** The crm-mining/sql dialect that targets this engine. */
  readonly dialect: SqlDialect;
  /** Loads rows (values by column name; null/undefined = NULL) into a fresh table with a `__row` column; returns its name. */
  loadRows(columns: readonly Column[], rows: readonly object[]): Promise<string>;
  /** The same as loadRows (the name test/sql/engineChecks.ts uses). */
  load(columns: readonly Column[], rows: readonly object[]): Promise<string>;
  /** Loads columns of equal length (typed arrays or arrays) into a fresh table with a `__row` column; returns its name. */
  loadColumns(columns: readonly Column[], data: Readonly<Record<string, ArrayLike<unknown>>>): Promise<string>;
  /** `SELECT <expressions> FROM table ORDER BY __row`: one array per expression. */
  select(table: string, expressions: readonly string[]): Promise<unknown[][]>;
  /** Any query: its rows as arrays, in the query's order; bigints as numbers. */
  query(sql: string): Promise<unknown[][]>;
  /** Any query: its rows as objects by column name; bigints as numbers. */
  run(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** A quote written independently of src/sql, for the harness's own CREATE TABLE. */
const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
let tableCount = 0;
const toNumber = (v: unknown) => (typeof v === 'bigint' ? Number(v) : v);

// ---------------------------------------------------------------------------------------------- DuckDB

let duckInstance: Promise<DuckDBInstance> | null = null;

/** A connection to the process's in-memory DuckDB. */
export async function duckConnection(): Promise<DuckDBConnection> {
  duckInstance ??= DuckDBInstance.create(':memory:');
  return (await duckInstance).connect();
}

export async function openDuckDB(): Promise<Engine> {
  return duckOn(await duckConnection());
}

/** An engine over a given DuckDB connection (closing it closes the connection). */
export function duckOn(con: DuckDBConnection): Engine {
  const load = async (columns: readonly Column[], n: number, get: (c: Column, i: number) => unknown): Promise<string> => {
    const table = `t${++tableCount}`;
    await con.run(`CREATE TABLE ${table} (__row INTEGER, ${columns.map((c) => `${q(c.name)} ${c.type}`).join(', ')})`);
    const app = await con.createAppender(table);
    for (let i = 0; i < n; i++) {
      app.appendInteger(i);
      for (const c of columns) {
        const v = get(c, i);
        if (v === null || v === undefined) app.appendNull();
        else if (c.type === 'DOUBLE') app.appendDouble(v as number);
        else if (c.type === 'BOOLEAN') app.appendBoolean(v as boolean);
        else if (c.type === 'TIMESTAMP') app.appendTimestamp(new DuckDBTimestampValue(BigInt(v as number) * 1000n));
        else if (c.type === 'BIGINT') app.appendBigInt(BigInt(v as number));
        else app.appendVarchar(String(v));
      }
      app.endRow();
    }
    app.flushSync();
    app.closeSync();
    return table;
  };
  const query = async (sql: string) => (await con.runAndReadAll(sql)).getRows().map((r) => r.map(toNumber));
  const run = async (sql: string) => {
    const reader = await con.runAndReadAll(sql);
    const names = reader.columnNames();
    return reader.getRows().map((r) => Object.fromEntries(names.map((n, i) => [n, toNumber(r[i])])));
  };
  return engineOf('duckdb', load, query, run, async () => con.closeSync());
}

// ------------------------------------------------------------------------------------------ PostgreSQL

const PG_TYPE: Record<ColumnType, string> = { DOUBLE: 'double precision', VARCHAR: 'text', BOOLEAN: 'boolean', TIMESTAMP: 'timestamp', BIGINT: 'bigint' };
/** Rows per INSERT: each column goes as one array parameter, so the statement size is rows x columns. */
const PG_BATCH = 20_000;

/** Text of a double that PostgreSQL's float8 input reads back as the same value (NaN, infinities and -0 included). */
const pgDouble = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'number') throw new Error(`engines: a DOUBLE column got ${typeof v} ${String(v)}`);
  return Object.is(v, -0) ? '-0' : String(v);
};

export async function openPostgres(url: string): Promise<Engine> {
  // Counts (COUNT, ROW_NUMBER) are bigint, which node-postgres gives as strings: read them as
  // numbers, as DuckDB's side does. NUMERIC stays a string, so an uncast decimal shows up as a mismatch.
  const client = new pg.Client({
    connectionString: url,
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 20 ? (s: string) => Number(s) : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser },
  });
  await client.connect();
  const load = async (columns: readonly Column[], n: number, get: (c: Column, i: number) => unknown): Promise<string> => {
    // Temporary tables belong to this session, so test files running side by side never collide.
    const table = `t${++tableCount}`;
    await client.query(`CREATE TEMP TABLE ${table} (__row integer, ${columns.map((c) => `${q(c.name)} ${PG_TYPE[c.type]}`).join(', ')})`);
    const types = ['integer', ...columns.map((c) => PG_TYPE[c.type])];
    const sql = `INSERT INTO ${table} SELECT * FROM unnest(${types.map((t, j) => `$${j + 1}::${t}[]`).join(', ')})`;
    for (let start = 0; start < n; start += PG_BATCH) {
      const end = Math.min(n, start + PG_BATCH);
      const params: unknown[][] = [Array.from({ length: end - start }, (_, k) => start + k)];
      for (const c of columns) {
        const col: unknown[] = new Array(end - start);
        for (let i = start; i < end; i++) {
          const v = get(c, i);
          col[i - start] = c.type === 'DOUBLE' ? pgDouble(v) : v === null || v === undefined ? null : c.type === 'BOOLEAN' ? Boolean(v)
            : c.type === 'TIMESTAMP' ? new Date(v as number).toISOString().slice(0, -1) : String(v);
        }
        params.push(col);
      }
      await client.query(sql, params);
    }
    await client.query(`ANALYZE ${table}`);
    return table;
  };
  const query = async (sql: string) => (await client.query({ text: sql, rowMode: 'array' })).rows.map((r: unknown[]) => r.map(toNumber));
  const run = async (sql: string) => (await client.query(sql)).rows as Record<string, unknown>[];
  return engineOf('postgres', load, query, run, () => client.end());
}

// -------------------------------------------------------------------------------------------- shared

/** The Engine both drivers give, from their own load (columns, row count, cell reader), query, run and close. */
function engineOf(
  name: 'duckdb' | 'postgres',
  load: (columns: readonly Column[], n: number, get: (c: Column, i: number) => unknown) => Promise<string>,
  query: Engine['query'],
  run: Engine['run'],
  close: () => Promise<void>,
): Engine {
  const loadRows: Engine['loadRows'] = (columns, rows) => load(columns, rows.length, (c, i) => (rows[i] as Record<string, unknown>)[c.name]);
  return {
    name,
    dialect: name,
    loadRows,
    load: loadRows,
    loadColumns: (columns, data) => load(columns, lengthOf(columns, data), (c, i) => data[c.name]![i]),
    select: async (table, expressions) => columnsOf(await query(selectSql(table, expressions)), expressions.length),
    query,
    run,
    close,
  };
}

function selectSql(table: string, expressions: readonly string[]): string {
  return `SELECT ${expressions.map((e, i) => `(${e}) AS e${i}`).join(', ')} FROM ${table} ORDER BY __row`;
}

function columnsOf(rows: unknown[][], k: number): unknown[][] {
  return Array.from({ length: k }, (_, j) => rows.map((r) => r[j]));
}

function lengthOf(columns: readonly Column[], data: Readonly<Record<string, ArrayLike<unknown>>>): number {
  const n = data[columns[0]!.name]!.length;
  for (const c of columns) if (data[c.name]?.length !== n) throw new Error(`engines: column ${c.name} has ${data[c.name]?.length} values, not ${n}`);
  return n;
}

/** Largest |a - b| over two arrays of numbers (Infinity if a value is not a number). */
export function maxAbsDiff(a: readonly unknown[], b: readonly number[]): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < b.length; i++) {
    const x = a[i];
    if (typeof x !== 'number') return Infinity;
    worst = Math.max(worst, Math.abs(x - b[i]!));
  }
  return worst;
}

// -------------------------------------------------------------------------------- test registration

export const PG_URL = process.env.CRM_PG_URL ?? '';
const UNDER_CI = process.env.CI === 'true';
let warned = false;

/** The engines available to this run: DuckDB always; PostgreSQL when CRM_PG_URL is set. */
export const ENGINES: readonly EngineName[] = PG_URL ? ['duckdb', 'postgres'] : ['duckdb'];

/**
 * Declares `body` once per engine, in a describe named `${title} on <engine>`; `engine()` inside a
 * test gives that describe's open engine (opened before its tests, closed after). Without
 * CRM_PG_URL the PostgreSQL copy is declared skipped (and a message printed once); under CI=true
 * it is one failing test instead.
 */
export function describeEngines(title: string, body: (engine: () => Engine) => void): void {
  for (const name of ['duckdb', 'postgres'] as const) {
    const label = `${title} on ${name === 'duckdb' ? 'DuckDB' : 'PostgreSQL'}`;
    if (name === 'postgres' && !PG_URL) {
      if (UNDER_CI) {
        describe(label, () => {
          test('PostgreSQL is running (CRM_PG_URL is set)', () => {
            throw new Error('CRM_PG_URL is not set, and under CI=true the PostgreSQL half of the SQL tests must run: eval "$(.ci/postgres.sh start)" first (.ci/run does).');
          });
        });
      } else {
        if (!warned) {
          warned = true;
          console.warn('test/sql: CRM_PG_URL is not set, so the PostgreSQL half of the SQL tests is skipped. To run it: eval "$(.ci/postgres.sh start)" (and .ci/postgres.sh stop afterwards).');
        }
        describe.skip(label, () => body(() => { throw new Error('skipped'); }));
      }
      continue;
    }
    describe(label, () => {
      let engine: Engine | null = null;
      beforeAll(async () => { engine = name === 'duckdb' ? await openDuckDB() : await openPostgres(PG_URL); });
      afterAll(async () => { await engine?.close(); });
      body(() => {
        if (engine === null) throw new Error(`engines: ${name} is not open (use engine() inside a test)`);
        return engine;
      });
    });
  }
}
