/**
 * Lifecycle stages from order lines in one SQL query, by lifecycleStage's rule and thresholds.
 * @module
 */
import { DAY_MS } from '../core/dates.js';
import { CrmError, describeValue } from '../core/errors.js';
import { resolveOptions } from '../core/validate.js';
import { checkDialect, quoteSqlIdentifier, sqlDoubleLiteral, sqlStringLiteral, type SqlDialect } from './dialect.js';
import { checkDates, columnNames, defaultInstantSql, epochMsSql, quotedNames, readSqlCut, tableRef, wholeDaysSql, type SqlDateColumn, type SqlTableName } from './orderLines.js';

/** The thresholds of a crm-mining/lifecycle `lifecycleStage` result (`result.thresholds`), in whole days. */
export interface LifecycleThresholdsShape {
  readonly atRiskDays: number;
  readonly lapsedDays: number;
  readonly formerDays: number;
  readonly newDays: number;
}

/** Options of {@link lifecycleOrdersToSql}. */
export interface LifecycleOrdersToSqlOptions {
  /** Target dialect. @defaultValue 'duckdb' */
  dialect?: SqlDialect;
  /** The order-lines table: a name, or its parts (`['sales', 'lines']`). */
  from: SqlTableName;
  /** Column names of the table. @defaultValue { customer: 'customer', date: 'date' } */
  columns?: Readonly<{ customer?: string; date?: string }> | null;
  /** `timestamp`: a TIMESTAMP column (read as UTC); `epochMs`: numbers, epoch milliseconds. @defaultValue 'timestamp' */
  dates?: SqlDateColumn;
  /**
   * As lifecycleStage's `asOf` (docs/dates.md); lines after it are left out (`laterLines: 'drop'`).
   * @defaultValue the day of the latest line, from the data
   */
  asOf?: Date | number | string | null;
}

const DEFAULTS = Object.freeze({
  dialect: 'duckdb' as SqlDialect,
  from: undefined as unknown as SqlTableName,
  columns: null as LifecycleOrdersToSqlOptions['columns'],
  dates: 'timestamp' as SqlDateColumn,
  asOf: undefined as Date | number | string | null | undefined,
});
const QUERY_NAMES = ['crm_lines', 'crm_gaps', 'crm_per_customer', 'crm_facts', 'c', 't', 'gap', 'since_comeback', 'first_t', 'last_t', 'comeback',
  'customer', 'stage', 'purchases', 'purchaseDays', 'firstPurchase', 'lastPurchase', 'daysSinceFirst', 'daysSinceLast', 'longestGapDays', 'lastComeback'] as const;

/**
 * One SQL query giving every customer's lifecycle stage from order lines, as lifecycleStage gives it
 * with the same thresholds (first match wins; days are floor((later - earlier) / 24 h)): days since
 * the last line >= formerDays `former`, >= lapsedDays `lapsed`, >= atRiskDays `atRisk`; first line
 * less than newDays ago `new`; the latest line that ended a gap of lapsedDays or more less than
 * newDays ago `reactivated`; otherwise `active`. Columns `customer, stage, purchases, purchaseDays,
 * firstPurchase, lastPurchase` (epoch ms), `daysSinceFirst, daysSinceLast, longestGapDays,
 * lastComeback` (epoch ms or NULL), one row per customer in ascending id.
 *
 * Customers with no line up to asOf are not in the table, so there are no prospects (lifecycleStage's
 * `knownCustomers`); lines without a customer, or after asOf, are left out. The thresholds are the
 * ones a lifecycleStage run returned (derived from the data there, or given).
 *
 * Cost: O(1) text.
 * @param thresholds - `lifecycleStage(...).thresholds` (crm-mining/lifecycle): whole days, atRiskDays < lapsedDays < formerDays.
 * @param options - See {@link LifecycleOrdersToSqlOptions}; `from` is required.
 * @returns A SQL query.
 * @throws CrmError `INVALID_MODEL` (thresholds not whole days >= 1 in that order), `INVALID_OPTION` (from, columns, dates, dialect), `INVALID_DATE` (asOf).
 * @example
 * const sql = lifecycleOrdersToSql({ atRiskDays: 20, lapsedDays: 40, formerDays: 80, newDays: 20 }, { from: 'orders' });
 * sql.includes(`WHEN "daysSinceLast" >= 80 THEN 'former'`); // => true
 */
export function lifecycleOrdersToSql(thresholds: LifecycleThresholdsShape, options: LifecycleOrdersToSqlOptions): string {
  const fn = 'lifecycleOrdersToSql';
  const o = resolveOptions(fn, DEFAULTS, options);
  const dialect = checkDialect(fn, o.dialect);
  const from = tableRef(fn, o.from, dialect);
  const dates = checkDates(fn, o.dates);
  const cut = readSqlCut(fn, o.asOf, dialect);
  const names = columnNames(fn, o.columns, { customer: 'customer', date: 'date' });
  const th = readThresholds(fn, thresholds);
  const q = (name: string) => quoteSqlIdentifier(name, dialect);
  const I = quotedNames(QUERY_NAMES, dialect);
  const t = epochMsSql(q(names.date!), dates, dialect);
  const where = [`${q(names.customer!)} IS NOT NULL`];
  if (cut.keep) where.push(cut.keep(t));
  const day = sqlDoubleLiteral(DAY_MS, dialect);

  const lines = `SELECT ${q(names.customer!)} AS ${I.c}, ${t} AS ${I.t} FROM ${from} WHERE ${where.join(' AND ')}`;
  const asOf = cut.instant ?? `(SELECT ${defaultInstantSql(`MAX(${I.t})`, dialect)} FROM ${I.crm_lines})`;
  // Gaps between a customer's consecutive lines in date order (equal dates give gap 0, in any order).
  const gaps = `SELECT ${I.c}, ${I.t}, ${wholeDaysSql(I.t, `LAG(${I.t}) OVER (PARTITION BY ${I.c} ORDER BY ${I.t})`, dialect)} AS ${I.gap} FROM ${I.crm_lines}`;
  const perCustomer = `SELECT ${I.c}, COUNT(*) AS ${I.purchases}, COUNT(DISTINCT FLOOR(${I.t} / ${day})) AS ${I.purchaseDays}, MIN(${I.t}) AS ${I.first_t}, MAX(${I.t}) AS ${I.last_t}, ` +
    `COALESCE(MAX(${I.gap}), 0) AS ${I.longestGapDays}, MAX(CASE WHEN ${I.gap} >= ${th.lapsedDays} THEN ${I.t} END) AS ${I.comeback} FROM ${I.crm_gaps} GROUP BY ${I.c}`;
  const facts = `SELECT ${I.crm_per_customer}.*, ${wholeDaysSql(asOf, I.first_t, dialect)} AS ${I.daysSinceFirst}, ${wholeDaysSql(asOf, I.last_t, dialect)} AS ${I.daysSinceLast}, ` +
    `${wholeDaysSql(asOf, I.comeback, dialect)} AS ${I.since_comeback} FROM ${I.crm_per_customer}`;
  const name = (s: string) => sqlStringLiteral(s, dialect);
  const stage = `CASE WHEN ${I.daysSinceLast} >= ${th.formerDays} THEN ${name('former')} WHEN ${I.daysSinceLast} >= ${th.lapsedDays} THEN ${name('lapsed')} ` +
    `WHEN ${I.daysSinceLast} >= ${th.atRiskDays} THEN ${name('atRisk')} WHEN ${I.daysSinceFirst} < ${th.newDays} THEN ${name('new')} ` +
    `WHEN ${I.since_comeback} < ${th.newDays} THEN ${name('reactivated')} ELSE ${name('active')} END`;
  return `WITH ${I.crm_lines} AS (${lines}), ${I.crm_gaps} AS (${gaps}), ${I.crm_per_customer} AS (${perCustomer}), ${I.crm_facts} AS (${facts}) ` +
    `SELECT ${I.c} AS ${I.customer}, ${stage} AS ${I.stage}, ${I.purchases}, ${I.purchaseDays}, ${I.first_t} AS ${I.firstPurchase}, ${I.last_t} AS ${I.lastPurchase}, ` +
    `${I.daysSinceFirst}, ${I.daysSinceLast}, ${I.longestGapDays}, ${I.comeback} AS ${I.lastComeback} FROM ${I.crm_facts} ORDER BY ${I.c}`;
}

function readThresholds(fn: string, thresholds: unknown): LifecycleThresholdsShape {
  if (thresholds === null || typeof thresholds !== 'object' || Array.isArray(thresholds)) {
    throw new CrmError('INVALID_MODEL', `${fn}: thresholds must be the thresholds of a lifecycleStage result ({ atRiskDays, lapsedDays, formerDays, newDays }); got ${describeValue(thresholds)}.`, { field: 'thresholds' });
  }
  const th = thresholds as Record<string, unknown>;
  for (const key of ['atRiskDays', 'lapsedDays', 'formerDays', 'newDays']) {
    const v = th[key];
    if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > 1e9) {
      throw new CrmError('INVALID_MODEL', `${fn}: thresholds.${key} must be a whole number of days >= 1, as lifecycleStage returns it; got ${describeValue(v)}.`, { field: `thresholds.${key}` });
    }
  }
  const t = th as unknown as LifecycleThresholdsShape;
  if (!(t.atRiskDays < t.lapsedDays && t.lapsedDays < t.formerDays)) {
    throw new CrmError('INVALID_MODEL', `${fn}: thresholds must rise strictly, atRiskDays < lapsedDays < formerDays; got ${t.atRiskDays}, ${t.lapsedDays}, ${t.formerDays}.`, { field: 'thresholds' });
  }
  return t;
}
