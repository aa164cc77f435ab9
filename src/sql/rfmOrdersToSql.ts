/**
 * RFM from order lines in one SQL query: the per-customer recency, frequency and monetary table
 * aggregated by the engine, then scores, cell and segment by rfmScore's rules.
 * @module
 */
import { CrmError } from '../core/errors.js';
import { checkOneOf, resolveOptions } from '../core/validate.js';
import { damagedModel } from './columns.js';
import { checkDialect, quoteSqlIdentifier, sqlDoubleLiteral, sqlStringLiteral, sqlDoubleType, type SqlDialect } from './dialect.js';
import { checkDates, columnNames, defaultInstantSql, epochMsSql, quotedNames, readSqlCut, tableRef, wholeDaysSql, type SqlDateColumn, type SqlTableName } from './orderLines.js';
import { joinLimbsSql, limbsSql } from './exactSum.js';
import { readRfmResult, type RfmResultShape } from './rfmToSql.js';

/** What {@link rfmOrdersToSql} reads of an rfmScore result: its settings (and, with `scoring: 'cutPoints'`, its thresholds). */
export interface RfmSettingsShape extends RfmResultShape {
  readonly options: RfmResultShape['options'] & {
    readonly frequency: 'orders' | 'lines';
    readonly monetary: 'total' | 'meanOrder';
    readonly returns: 'exclude' | 'net' | 'refuse';
  };
}

/** Column names of the order-lines table. */
export interface RfmOrderColumns {
  /** @defaultValue 'customer' */
  customer?: string;
  /** Line date (see `dates`). @defaultValue 'date' */
  date?: string;
  /** Order (invoice) id, counted by `frequency: 'orders'`. @defaultValue 'orderId' */
  orderId?: string;
  /** Line amount; leave it out and give `quantity` and `price` to use their product. @defaultValue 'amount' */
  amount?: string;
  /** Quantity, multiplied by `price` (in doubles, as `q * p` in JS). @defaultValue none */
  quantity?: string;
  /** Unit price. @defaultValue none */
  price?: string;
}

/** Options of {@link rfmOrdersToSql}. */
export interface RfmOrdersToSqlOptions {
  /** Target dialect. @defaultValue 'duckdb' */
  dialect?: SqlDialect;
  /** The order-lines table: a name, or its parts (`['sales', 'lines']`). */
  from: SqlTableName;
  /** Column names of the table. @defaultValue { customer: 'customer', date: 'date', orderId: 'orderId', amount: 'amount' } */
  columns?: RfmOrderColumns | null;
  /** `timestamp`: a TIMESTAMP column (read as UTC); `epochMs`: numbers, epoch milliseconds. @defaultValue 'timestamp' */
  dates?: SqlDateColumn;
  /**
   * As rfmScore's `asOf` (docs/dates.md): a day covers the whole day, an instant is that instant;
   * lines after it are left out (rfmScore's `laterLines: 'drop'`). @defaultValue the day of the latest line, from the data
   */
  asOf?: Date | number | string | null;
  /**
   * `ranks`: equal-count bins over ranks by value then customer id (rfmScore's `ties: 'first'`), from
   * ROW_NUMBER and COUNT, over the customers of this query; dimensions the result scored with fixed
   * `cutPoints` keep them. `cutPoints`: the result's `thresholds`. @defaultValue 'ranks'
   */
  scoring?: 'ranks' | 'cutPoints';
}

const DEFAULTS = Object.freeze({
  dialect: 'duckdb' as SqlDialect,
  from: undefined as unknown as SqlTableName,
  columns: null as RfmOrderColumns | null,
  dates: 'timestamp' as SqlDateColumn,
  asOf: undefined as Date | number | string | null | undefined,
  scoring: 'ranks' as 'ranks' | 'cutPoints',
});
const COLUMN_DEFAULTS = Object.freeze({ customer: 'customer', date: 'date', orderId: 'orderId', amount: 'amount', quantity: null, price: null });
const DIMENSIONS = ['recency', 'frequency', 'monetary'] as const;
const QUERY_NAMES = ['crm_lines', 'crm_per_customer', 'crm_metrics', 'crm_scored', 'c', 'o', 't', 'a', 'first_t', 'last_t', 'purchase_lines', 'n', 'revenue', 'tenure', 'recency', 'frequency', 'monetary', 'r', 'f', 'm', 'customer', 'cell', 'segment', 's0', 's1', 's2', 's3'] as const;

/**
 * One SQL query computing RFM from order lines, as rfmScore computes it from the same lines:
 * per customer, recency (whole days from the last purchase to asOf), frequency (distinct order ids
 * or purchase lines) and monetary (total or mean order value), from lines with amount >= 0
 * (negative lines are dropped, or netted from monetary with the result's `returns: 'net'`), then
 * R, F, M scores, cell and segment with the result's bins and segment table. Scores come from
 * ranks by value then customer id with equal-count bins from ROW_NUMBER and COUNT (pandas
 * `rank(method='first')` + `qcut`, rfmScore's default `ties: 'first'`; SQL NTILE is not that rule),
 * or from the result's cut points (`scoring: 'cutPoints'`). The query returns one row per customer,
 * columns `customer, recency, frequency, monetary, revenue, tenure, r, f, m, cell, segment`, in
 * ascending customer id.
 *
 * Lines without a customer id are left out (rfmScore's `missingCustomer: 'drop'`), and so are lines
 * after `asOf`; `returns: 'refuse'` reads as `exclude` (SQL cannot throw portably). Totals are not
 * SUM(DOUBLE), whose last bits depend on the engine's order (and then ties and near-zero netted
 * totals rank differently): each amount is split exactly into integer limbs summed as BIGINT and
 * joined with correct rounding but for rare near-halfway cases, as rfmScore's compensated sum
 * (exact for |amount| >= 2^-28, under 2^23 lines per customer and |total| < 2^33; docs/sql.md).
 *
 * Cost: O(bins + rules) text.
 * @param settings - An rfmScore result (crm-mining/rfm), or its JSON: its options say how to score
 *   (bins, frequency, monetary, returns, ties, segments); run rfmScore on a sample to get one.
 * @param options - See {@link RfmOrdersToSqlOptions}; `from` is required.
 * @returns A SQL query.
 * @throws CrmError `INVALID_MODEL` (damaged result), `INVALID_OPTION` (from, columns, dates, asOf,
 *   scoring, dialect; `scoring: 'ranks'` on a result scored with `ties: 'shared'`), `INVALID_DATE` (asOf).
 * @example
 * const settings = { kind: 'rfm', version: 1, thresholds: { recency: [], frequency: [], monetary: [] },
 *   options: { bins: 1, frequency: 'orders', monetary: 'total', returns: 'exclude', ties: 'first', segments: [] } };
 * rfmOrdersToSql(settings, { from: 'lines' }).startsWith('WITH "crm_lines" AS (SELECT'); // => true
 */
export function rfmOrdersToSql(settings: RfmSettingsShape, options: RfmOrdersToSqlOptions): string {
  const fn = 'rfmOrdersToSql';
  const o = resolveOptions(fn, DEFAULTS, options);
  const dialect = checkDialect(fn, o.dialect);
  const from = tableRef(fn, o.from, dialect);
  const dates = checkDates(fn, o.dates);
  const scoring = checkOneOf('scoring', o.scoring, ['ranks', 'cutPoints'] as const);
  const cut = readSqlCut(fn, o.asOf, dialect);
  const names = columnNames(fn, o.columns, COLUMN_DEFAULTS);
  const { opts, bins: B, cuts, segments } = readRfmResult(fn, settings);
  const frequencyMode = opts.frequency;
  if (frequencyMode !== 'orders' && frequencyMode !== 'lines') throw damagedModel(fn, 'rfm', 'options.frequency', frequencyMode, "'orders' or 'lines'");
  const monetaryMode = opts.monetary;
  if (monetaryMode !== 'total' && monetaryMode !== 'meanOrder') throw damagedModel(fn, 'rfm', 'options.monetary', monetaryMode, "'total' or 'meanOrder'");
  const returns = opts.returns;
  if (returns !== 'exclude' && returns !== 'net' && returns !== 'refuse') throw damagedModel(fn, 'rfm', 'options.returns', returns, "'exclude', 'net' or 'refuse'");
  if (opts.ties !== 'first' && opts.ties !== 'shared') throw damagedModel(fn, 'rfm', 'options.ties', opts.ties, "'first' or 'shared'");
  const fixed = (opts.cutPoints ?? {}) as Record<string, unknown>;
  const ranked = (dim: (typeof DIMENSIONS)[number]) => scoring === 'ranks' && (fixed[dim] === null || fixed[dim] === undefined);
  if (scoring === 'ranks' && opts.ties === 'shared' && DIMENSIONS.some(ranked)) {
    throw new CrmError('INVALID_OPTION', `${fn}: the result scored with ties: 'shared' (bins by value quantiles), which this query does not compute; pass scoring: 'cutPoints' to use the result's thresholds, or score the result with ties: 'first'.`, { option: 'scoring' });
  }
  const q = (name: string) => quoteSqlIdentifier(name, dialect);
  const dbl = sqlDoubleType(dialect);
  const lit = (x: number) => sqlDoubleLiteral(x, dialect);

  const I = quotedNames(QUERY_NAMES, dialect);
  // 1. The lines: customer, order id, epoch ms, amount in doubles.
  const hasProduct = names.quantity !== null || names.price !== null;
  if (hasProduct && (names.quantity === null || names.price === null)) {
    throw new CrmError('INVALID_OPTION', `${fn}: columns.quantity and columns.price go together (amount = quantity * price); got only ${names.quantity === null ? 'price' : 'quantity'}.`, { option: 'columns' });
  }
  if (hasProduct && o.columns && (o.columns as RfmOrderColumns).amount !== undefined) {
    throw new CrmError('INVALID_OPTION', `${fn}: give columns.amount or columns.quantity and columns.price, not both.`, { option: 'columns' });
  }
  const amount = hasProduct
    ? `CAST(${q(names.quantity!)} AS ${dbl}) * CAST(${q(names.price!)} AS ${dbl})`
    : `CAST(${q(names.amount!)} AS ${dbl})`;
  const t = epochMsSql(q(names.date!), dates, dialect);
  const linesWhere = [`${q(names.customer!)} IS NOT NULL`];
  if (cut.keep) linesWhere.push(cut.keep(t));
  const order = frequencyMode === 'orders' ? `, ${q(names.orderId!)} AS ${I.o}` : '';
  const lines = `SELECT ${q(names.customer!)} AS ${I.c}${order}, ${t} AS ${I.t}, ${amount} AS ${I.a} FROM ${from} WHERE ${linesWhere.join(' AND ')}`;

  // 2. Per customer: purchase lines (amount >= 0) give the dates and counts; the total nets returns when asked.
  const buy = (x: string) => `CASE WHEN ${I.a} >= ${lit(0)} THEN ${x} END`;
  const counted = frequencyMode === 'orders' ? `COUNT(DISTINCT ${buy(I.o)})` : `COUNT(${buy(I.a)})`;
  // The total is summed exactly (src/sql/exactSum.ts): rfmScore's compensated sum, not SUM(DOUBLE)'s engine order.
  const limbSums = [I.s0, I.s1, I.s2, I.s3];
  const limbs = limbsSql(I.a, dialect).map((l, j) => `SUM(${returns === 'net' ? l : buy(l)}) AS ${limbSums[j]}`).join(', ');
  const perCustomer = `SELECT ${I.c}, MIN(${buy(I.t)}) AS ${I.first_t}, MAX(${buy(I.t)}) AS ${I.last_t}, COUNT(${buy(I.a)}) AS ${I.purchase_lines}, ${counted} AS ${I.n}, ${limbs} FROM ${I.crm_lines} GROUP BY ${I.c}`;

  // 3. asOf: given, or the midnight after the latest line that counts (negative lines count only when netted, as in rfmScore).
  const asOf = cut.instant ?? `(SELECT ${defaultInstantSql(returns === 'net' ? `MAX(${I.t})` : `MAX(${buy(I.t)})`, dialect)} FROM ${I.crm_lines})`;
  const freqSql = `CAST(${I.n} AS ${dbl})`;
  const revenue = joinLimbsSql(limbSums, dialect);
  const metrics = `SELECT ${I.c}, ${wholeDaysSql(asOf, I.last_t, dialect)} AS ${I.recency}, ${freqSql} AS ${I.frequency}, ` +
    `${monetaryMode === 'total' ? revenue : `${revenue} / ${freqSql}`} AS ${I.monetary}, ${revenue} AS ${I.revenue}, ${wholeDaysSql(asOf, I.first_t, dialect)} AS ${I.tenure} ` +
    `FROM ${I.crm_per_customer} WHERE ${I.purchase_lines} > 0`;

  // 4. Scores: bin k (1-based) of ranks holds r - 1 <= (n - 1) * p_k, p_k = k * (1 / bins) in doubles (rfmScore's qcut of ranks).
  const label = (dim: (typeof DIMENSIONS)[number], k: number) => String(dim === 'recency' ? B + 1 - k : k);
  const score = (dim: (typeof DIMENSIONS)[number]): string => {
    const x = q(dim);
    const parts: string[] = [];
    if (ranked(dim)) {
      const rank0 = `(CAST(ROW_NUMBER() OVER (ORDER BY ${x} ASC, ${I.c} ASC) AS ${dbl}) - ${lit(1)})`;
      const nm1 = `(CAST(COUNT(*) OVER () AS ${dbl}) - ${lit(1)})`;
      for (let k = 1; k < B; k++) parts.push(`WHEN ${rank0} <= ${nm1} * ${lit(k * (1 / B))} THEN ${label(dim, k)}`);
    } else {
      const c = cuts[dim];
      for (let k = 1; k < B; k++) parts.push(`WHEN ${x} <= ${lit(c[k - 1]!)} THEN ${label(dim, k)}`);
    }
    return parts.length === 0 ? '1' : `CASE ${parts.join(' ')} ELSE ${label(dim, B)} END`;
  };
  const scored = `SELECT ${I.crm_metrics}.*, ${score('recency')} AS ${I.r}, ${score('frequency')} AS ${I.f}, ${score('monetary')} AS ${I.m} FROM ${I.crm_metrics}`;

  // 5. Cell and segment from the scores: first matching rule, else the catch-all or 'Other'.
  const text = dialect === 'bigquery' || dialect === 'spark' ? 'STRING' : 'VARCHAR';
  const sep = B > 9 ? ` || ${sqlStringLiteral('-', dialect)} || ` : ' || ';
  const cell = [I.r, I.f, I.m].map((s) => `CAST(${s} AS ${text})`).join(sep);
  const scoreCol = { recency: I.r, frequency: I.f, monetary: I.m };
  const whens: string[] = [];
  let catchAll: string | null = null;
  for (const rule of segments) {
    const tests = DIMENSIONS.flatMap((dim) => {
      const r = rule[dim];
      return r && (r[0] > 1 || r[1] < B) ? [`${scoreCol[dim]} BETWEEN ${r[0]} AND ${r[1]}`] : [];
    });
    if (tests.length === 0) { catchAll = rule.name; break; }
    whens.push(`WHEN ${tests.join(' AND ')} THEN ${sqlStringLiteral(rule.name, dialect)}`);
  }
  const otherwise = sqlStringLiteral(catchAll ?? 'Other', dialect);
  const segment = whens.length === 0 ? otherwise : `CASE ${whens.join(' ')} ELSE ${otherwise} END`;

  return `WITH ${I.crm_lines} AS (${lines}), ${I.crm_per_customer} AS (${perCustomer}), ${I.crm_metrics} AS (${metrics}), ${I.crm_scored} AS (${scored}) ` +
    `SELECT ${I.c} AS ${I.customer}, ${I.recency}, ${I.frequency}, ${I.monetary}, ${I.revenue}, ${I.tenure}, ${I.r}, ${I.f}, ${I.m}, ${cell} AS ${I.cell}, ${segment} AS ${I.segment} FROM ${I.crm_scored} ORDER BY ${I.c}`;
}
