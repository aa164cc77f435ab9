// DuckDB-only helpers over one connection, for the unit tests written against DuckDB alone; the
// harness (and PostgreSQL) is in engines.ts, which these wrap.
import type { DuckDBConnection } from '@duckdb/node-api';
import { duckConnection, duckOn, openDuckDB, type Column, type ColumnType, type Engine } from './engines.js';

export { maxAbsDiff } from './engines.js';
export type DuckType = ColumnType;
export type DuckColumn = Column;

/** What the engine-neutral checks (test/sql/engineChecks.ts) need of an engine: an {@link Engine} has it. */
export type SqlEngine = Pick<Engine, 'dialect' | 'load' | 'run'>;

export const connect = duckConnection;

/** Loads rows into a fresh table (see Engine.loadRows); returns its name. */
export function loadRows(con: DuckDBConnection, columns: readonly Column[], rows: readonly object[]): Promise<string> {
  return duckOn(con).loadRows(columns, rows);
}

/** `SELECT <expressions> FROM table ORDER BY __row`: one array per expression. */
export function select(con: DuckDBConnection, table: string, expressions: readonly string[]): Promise<unknown[][]> {
  return duckOn(con).select(table, expressions);
}

/** Runs a query and returns its rows as objects (BIGINT as number). */
export function query(con: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return duckOn(con).run(sql);
}

/** DuckDB in memory as an engine. */
export const duckEngine = openDuckDB;
