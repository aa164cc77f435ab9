/**
 * Order lines read by a query (internal): the table, its column names, dates as epoch
 * milliseconds per dialect, and the cut (`asOf`) that decides which lines are in and when "now" is,
 * by the one rule of docs/dates.md.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { DAY_MS, parseCut } from '../core/dates.js';
import { quoteSqlIdentifier, sqlDoubleLiteral, sqlDoubleType, type SqlDialect } from './dialect.js';

/** How the date column is stored. */
export type SqlDateColumn = 'timestamp' | 'epochMs';

/** The table an order-lines query reads: one name, or its parts (`['sales', 'lines']` for `sales.lines`). */
export type SqlTableName = string | readonly string[];

/** A quoted table reference. */
export function tableRef(fn: string, from: unknown, dialect: SqlDialect): string {
  const parts = typeof from === 'string' ? [from] : Array.isArray(from) && from.length > 0 ? from : null;
  if (parts === null || parts.some((p) => typeof p !== 'string' || p === '' || p.includes('\u0000'))) {
    throw new CrmError('INVALID_OPTION', `${fn}: from must name the order-lines table, as a string ('order_lines') or its parts (['sales', 'order_lines']); got ${describeValue(from)}.`, { option: 'from' });
  }
  return (parts as string[]).map((p) => quoteSqlIdentifier(p, dialect)).join('.');
}

/** Reads a `{ key: column name }` option with defaults; unknown keys and empty names are refused. */
export function columnNames<K extends string>(fn: string, given: unknown, defaults: Readonly<Record<K, string | null>>): Record<K, string | null> {
  const out = { ...defaults } as Record<K, string | null>;
  if (given === null || given === undefined) return out;
  if (typeof given !== 'object' || Array.isArray(given)) {
    throw new CrmError('INVALID_OPTION', `${fn}: columns must map ${Object.keys(defaults).join(', ')} to the table's column names; got ${describeValue(given)}.`, { option: 'columns' });
  }
  for (const [key, value] of Object.entries(given as Record<string, unknown>)) {
    if (!Object.hasOwn(defaults, key)) {
      throw new CrmError('INVALID_OPTION', `${fn}: columns has an unknown key '${key}'; known: ${Object.keys(defaults).join(', ')}.`, { option: 'columns' });
    }
    if (value === undefined) continue;
    if (typeof value !== 'string' || value === '' || value.includes('\u0000')) {
      throw new CrmError('INVALID_OPTION', `${fn}: columns.${key} must be a non-empty column name; got ${describeValue(value)}.`, { option: 'columns' });
    }
    out[key as K] = value;
  }
  return out;
}

/** Epoch milliseconds of a date column, as a double. */
export function epochMsSql(column: string, kind: SqlDateColumn, dialect: SqlDialect): string {
  const double = sqlDoubleType(dialect);
  if (kind === 'epochMs') return `CAST(${column} AS ${double})`;
  switch (dialect) {
    case 'duckdb': return `CAST(epoch_ms(${column}) AS ${double})`;
    // EXTRACT(EPOCH ...) is NUMERIC seconds (PostgreSQL 14+), exact to the microsecond.
    case 'postgres': return `CAST(FLOOR(EXTRACT(EPOCH FROM ${column}) * 1000) AS ${double})`;
    case 'spark': return `CAST(unix_millis(${column}) AS ${double})`;
    case 'bigquery': return `CAST(UNIX_MILLIS(${column}) AS ${double})`;
    case 'snowflake': return `CAST(DATE_PART(EPOCH_MILLISECOND, ${column}) AS ${double})`;
  }
}

/** A cut read for SQL: which lines are in (a condition on the epoch-ms column `t`) and the instant days count from. */
export interface SqlCut {
  /** Condition on `t` keeping the lines up to the cut, or null (no cut given: every line is in). */
  readonly keep: ((t: string) => string) | null;
  /** The instant (epoch ms) as a double literal, or null when it comes from the data. */
  readonly instant: string | null;
}

/** Reads `asOf` (undefined = from the data, as rfmScore's default). */
export function readSqlCut(fn: string, asOf: unknown, dialect: SqlDialect): SqlCut {
  if (asOf === undefined || asOf === null) return { keep: null, instant: null };
  const cut = parseCut(asOf, `${fn}: asOf`);
  const instant = sqlDoubleLiteral(cut.instant, dialect);
  // A day cut keeps the lines before the next midnight (lastIn is the double just below it).
  return { keep: cut.day ? (t) => `${t} < ${instant}` : (t) => `${t} <= ${instant}`, instant };
}

/** The day-cut default: the midnight UTC after the latest date, from an aggregate of `t`. */
export function defaultInstantSql(maxT: string, dialect: SqlDialect): string {
  const day = sqlDoubleLiteral(DAY_MS, dialect);
  return `FLOOR(${maxT} / ${day}) * ${day} + ${day}`;
}

/** Whole days floor((later - earlier) / 1 day), in doubles as the JS code computes them. */
export function wholeDaysSql(later: string, earlier: string, dialect: SqlDialect): string {
  return `FLOOR((${later} - ${earlier}) / ${sqlDoubleLiteral(DAY_MS, dialect)})`;
}

/** The names a query introduces (CTEs, columns), quoted for the dialect: Spark and BigQuery read "x" as a string. */
export function quotedNames<N extends string>(names: readonly N[], dialect: SqlDialect): Record<N, string> {
  return Object.fromEntries(names.map((n) => [n, quoteSqlIdentifier(n, dialect)])) as Record<N, string>;
}

/** Checks the `dates` option. */
export function checkDates(fn: string, value: unknown): SqlDateColumn {
  if (value !== 'timestamp' && value !== 'epochMs') {
    throw new CrmError('INVALID_OPTION', `${fn}: dates must be 'timestamp' (a TIMESTAMP column, read as UTC) or 'epochMs' (numbers, epoch milliseconds); got ${describeValue(value)}.`, { option: 'dates' });
  }
  return value;
}
