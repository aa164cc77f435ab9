/**
 * Quoting for the SQL that the model exporters write: identifiers, string literals and doubles,
 * per dialect, so that nothing taken from data or a model is pasted into SQL unquoted.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';

/** SQL dialects the exporters write. Only `duckdb` is tested against a running engine. */
export type SqlDialect = 'duckdb' | 'postgres' | 'spark' | 'bigquery' | 'snowflake';

/** The dialects, in the order the docs list them. */
export const SQL_DIALECTS: readonly SqlDialect[] = Object.freeze(['duckdb', 'postgres', 'spark', 'bigquery', 'snowflake']);

/** Name of the double-precision type per dialect. */
const DOUBLE_TYPE: Record<SqlDialect, string> = {
  duckdb: 'DOUBLE',
  postgres: 'DOUBLE PRECISION',
  spark: 'DOUBLE',
  bigquery: 'FLOAT64',
  snowflake: 'DOUBLE',
};

/** Checks a dialect option. @internal */
export function checkDialect(fn: string, dialect: unknown): SqlDialect {
  if (typeof dialect !== 'string' || !(SQL_DIALECTS as readonly string[]).includes(dialect)) {
    throw new CrmError('INVALID_OPTION', `${fn}: dialect must be one of ${SQL_DIALECTS.map((d) => `'${d}'`).join(', ')}; got ${describeValue(dialect)}.`, { option: 'dialect' });
  }
  return dialect as SqlDialect;
}

function checkText(fn: string, what: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw new CrmError('INVALID_INPUT', `${fn}: ${what} must be a string; got ${describeValue(value)}.`, { argument: what });
  }
  if (value.includes('\u0000')) {
    throw new CrmError('INVALID_INPUT', `${fn}: ${what} ${JSON.stringify(value)} contains a NUL character, which no SQL engine accepts in a name or string; rename it.`, { argument: what });
  }
  return value;
}

/** Backslash escapes for the dialects whose quoted text reads them (BigQuery, Spark, Snowflake). */
function backslashEscape(s: string, quote: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

/**
 * A quoted SQL identifier (column or table name) for the dialect: any name works, including
 * reserved words (`select`) and quotes (`a"b`). Double quotes doubled (DuckDB, PostgreSQL,
 * Snowflake), backticks doubled (Spark) or backslash-escaped (BigQuery). O(length).
 *
 * Quoted names are case-sensitive in PostgreSQL and Snowflake: `"Tenure"` is not `tenure`.
 * @param name - The name as the table has it.
 * @param dialect - Target dialect. @defaultValue 'duckdb'
 * @throws CrmError `INVALID_INPUT` (not a string, empty, or holding a NUL), `INVALID_OPTION` (dialect).
 * @example
 * quoteSqlIdentifier('a"b'); // => '"a""b"'
 * quoteSqlIdentifier('select', 'spark'); // => '`select`'
 */
export function quoteSqlIdentifier(name: string, dialect: SqlDialect = 'duckdb'): string {
  const fn = 'quoteSqlIdentifier';
  const d = checkDialect(fn, dialect);
  const s = checkText(fn, 'name', name);
  if (s === '') throw new CrmError('INVALID_INPUT', `${fn}: name is empty; SQL has no empty identifier. Name the column.`, { argument: 'name' });
  if (d === 'spark') return '`' + s.replaceAll('`', '``') + '`';
  if (d === 'bigquery') return '`' + backslashEscape(s, '`') + '`';
  return '"' + s.replaceAll('"', '""') + '"';
}

/**
 * A SQL string literal for the dialect: quotes doubled (DuckDB, PostgreSQL with its default
 * `standard_conforming_strings = on`), or backslash escapes (Spark, BigQuery; Snowflake also reads
 * backslashes, so they are doubled there). O(length).
 * @throws CrmError `INVALID_INPUT` (not a string, or holding a NUL), `INVALID_OPTION` (dialect).
 * @example
 * sqlStringLiteral("it's"); // => "'it''s'"
 * sqlStringLiteral("it's", 'bigquery'); // => "'it\\'s'"
 */
export function sqlStringLiteral(value: string, dialect: SqlDialect = 'duckdb'): string {
  const fn = 'sqlStringLiteral';
  const d = checkDialect(fn, dialect);
  const s = checkText(fn, 'value', value);
  if (d === 'duckdb' || d === 'postgres') return `'${s.replaceAll("'", "''")}'`;
  if (d === 'snowflake') return `'${s.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
  return `'${backslashEscape(s, "'")}'`;
}

/**
 * A double-precision SQL literal: the shortest decimal that reads back as exactly `value`
 * (`Number.prototype.toExponential()`), in exponent form and cast to the dialect's double type, so
 * that no engine reads it as a DECIMAL/NUMERIC and rounds twice. O(1).
 * @throws CrmError `NON_FINITE` (NaN or an infinity has no portable literal), `INVALID_OPTION` (dialect).
 * @example
 * sqlDoubleLiteral(0.1); // => 'CAST(1e-1 AS DOUBLE)'
 * sqlDoubleLiteral(-2.5, 'postgres'); // => 'CAST(-2.5e+0 AS DOUBLE PRECISION)'
 * sqlDoubleLiteral(-0, 'postgres'); // => "CAST('-0' AS DOUBLE PRECISION)"
 */
export function sqlDoubleLiteral(value: number, dialect: SqlDialect = 'duckdb'): string {
  const fn = 'sqlDoubleLiteral';
  const d = checkDialect(fn, dialect);
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new CrmError('NON_FINITE', `${fn}: value must be a finite number; got ${describeValue(value)}. NaN and infinities have no portable SQL literal.`, { argument: 'value' });
  }
  // toExponential drops the sign of -0. A numeric -0e+0 loses it too where the engine reads the
  // literal as NUMERIC first (PostgreSQL), so -0 is cast from text, which every dialect parses as the double -0.
  if (Object.is(value, -0)) return `CAST('-0' AS ${DOUBLE_TYPE[d]})`;
  return `CAST(${value.toExponential()} AS ${DOUBLE_TYPE[d]})`;
}

/** A literal for a category value (string, finite number, boolean). @internal */
export function categoryLiteral(value: unknown, dialect: SqlDialect, fn: string): string {
  if (typeof value === 'string') return sqlStringLiteral(value, dialect);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number' && Number.isFinite(value)) return sqlDoubleLiteral(value, dialect);
  throw new CrmError('INVALID_MODEL', `${fn}: a category ${describeValue(value)} cannot be written as SQL; categories are strings, finite numbers or booleans.`, {});
}

/** The test "x is NaN" per dialect (NaN exists in floating columns only; NULL gives NULL). @internal */
export function isNanSql(x: string, dialect: SqlDialect): string {
  if (dialect === 'bigquery') return `IS_NAN(${x})`;
  if (dialect === 'duckdb' || dialect === 'spark') return `isnan(${x})`;
  return `(${x} = CAST('NaN' AS ${DOUBLE_TYPE[dialect]}))`;
}

/** The dialect's double-precision type name (`DOUBLE PRECISION`, `FLOAT64`, ...). @internal */
export function sqlDoubleType(dialect: SqlDialect): string {
  return DOUBLE_TYPE[dialect];
}
