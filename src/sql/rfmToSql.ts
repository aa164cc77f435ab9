/**
 * RFM scores, cells and segments of an rfmScore result as SQL expressions over a table of
 * per-customer recency, frequency and monetary values.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { checkModel, checkModelNumbers } from '../core/model.js';
import { checkOneOf, resolveOptions } from '../core/validate.js';
import { columnRef, damagedModel, type SqlTarget } from './columns.js';
import { checkDialect, quoteSqlIdentifier, sqlDoubleLiteral, sqlStringLiteral, type SqlDialect } from './dialect.js';


/** What {@link rfmToSql} reads of a crm-mining/rfm `RfmResult`. */
export interface RfmResultShape {
  readonly kind: 'rfm';
  readonly version: 1;
  readonly thresholds: { readonly recency: readonly number[]; readonly frequency: readonly number[]; readonly monetary: readonly number[] };
  readonly options: {
    readonly bins: number;
    /** How the result scored (read by `scoring: 'ranks'`). */
    readonly ties?: 'first' | 'shared';
    readonly cutPoints?: { readonly recency: readonly number[] | null; readonly frequency: readonly number[] | null; readonly monetary: readonly number[] | null };
    readonly segments: readonly { readonly name: string; readonly recency?: readonly [number, number]; readonly frequency?: readonly [number, number]; readonly monetary?: readonly [number, number] }[];
  };
}

/** Options of {@link rfmToSql}. */
export interface RfmToSqlOptions extends SqlTarget {
  /** SQL columns holding each customer's metrics, in rfmScore's units (recency in whole days). @defaultValue { recency: 'recency', frequency: 'frequency', monetary: 'monetary' } */
  columns?: Readonly<{ recency?: string; frequency?: string; monetary?: string }> | null;
  /**
   * `cutPoints`: score by the result's thresholds (new customers placed by the same cuts).
   * `ranks`: re-rank the table in SQL with window functions, as rfmScore's default `ties: 'first'`
   * does (ROW_NUMBER by value, then by `customer`): on the customers rfmScore scored, the scores
   * are exactly rfmScore's. Dimensions the result scored by fixed `cutPoints` or with
   * `ties: 'shared'` keep their thresholds (which reproduce them exactly).
   * @defaultValue 'cutPoints'
   */
  scoring?: 'cutPoints' | 'ranks';
  /** The customer id column, to break ties of `scoring: 'ranks'` (ascending, as rfmScore orders ids). @defaultValue 'customer' */
  customer?: string;
}

/** SQL expressions of {@link rfmToSql}: one per output column. */
export interface RfmSql {
  /** R score, 1..bins (most recent = bins). */
  readonly r: string;
  readonly f: string;
  readonly m: string;
  /** The cell label, e.g. `'545'` (`'10-3-7'` with more than 9 bins). */
  readonly cell: string;
  /** The segment name from the result's segment table (first rule that matches), `'Other'` when none does. */
  readonly segment: string;
}

const DEFAULTS = Object.freeze({
  dialect: 'duckdb' as SqlDialect,
  table: null as string | null,
  columns: null as RfmToSqlOptions['columns'],
  scoring: 'cutPoints' as RfmToSqlOptions['scoring'],
  customer: 'customer' as string,
});
const DIMENSIONS = ['recency', 'frequency', 'monetary'] as const;

/** An rfmScore result read and checked: resolved options, bins, cut points and segment rules. @internal */
export interface ReadRfmResult {
  readonly opts: Record<string, unknown>;
  readonly bins: number;
  readonly cuts: Record<(typeof DIMENSIONS)[number], number[]>;
  readonly segments: RfmResultShape['options']['segments'];
}

/** Checks what the SQL exporters read of an rfmScore result. @internal */
export function readRfmResult(fn: string, result: unknown): ReadRfmResult {
  const res = checkModel<RfmResultShape>(result, 'rfm', 1, fn);
  const opts = res.options as unknown as Record<string, unknown> | null;
  if (opts === null || typeof opts !== 'object') throw damagedModel(fn, 'rfm', 'options', opts, 'the resolved options object');
  const bins = opts.bins;
  if (!Number.isInteger(bins) || (bins as number) < 1 || (bins as number) > 20) throw damagedModel(fn, 'rfm', 'options.bins', bins, 'an integer in [1, 20]');
  const B = bins as number;
  const th = res.thresholds as unknown as Record<string, unknown> | null;
  if (th === null || typeof th !== 'object') throw damagedModel(fn, 'rfm', 'thresholds', th, '{ recency, frequency, monetary }');
  const cuts = {} as Record<(typeof DIMENSIONS)[number], number[]>;
  for (const dim of DIMENSIONS) {
    const c = checkModelNumbers(fn, 'rfm', `thresholds.${dim}`, th[dim], { length: B - 1 });
    for (let i = 1; i < c.length; i++) if (c[i]! < c[i - 1]!) throw damagedModel(fn, 'rfm', `thresholds.${dim}[${i}]`, c[i], `a value >= the cut point before it (${c[i - 1]})`);
    cuts[dim] = c;
  }
  const segments = opts.segments;
  if (!Array.isArray(segments)) throw damagedModel(fn, 'rfm', 'options.segments', segments, 'an array of segment rules');
  for (let i = 0; i < segments.length; i++) {
    const rule = segments[i] as Record<string, unknown> | null;
    if (rule === null || typeof rule !== 'object' || typeof rule.name !== 'string' || rule.name === '') throw damagedModel(fn, 'rfm', `options.segments[${i}]`, rule, 'a rule with a non-empty name');
    for (const dim of DIMENSIONS) {
      const r = rule[dim];
      if (r === undefined) continue;
      if (!Array.isArray(r) || r.length !== 2 || !Number.isInteger(r[0]) || !Number.isInteger(r[1]) || r[0] < 1 || r[0] > r[1] || r[1] > B) {
        throw damagedModel(fn, 'rfm', `options.segments[${i}].${dim}`, r, `a score range [low, high] with 1 <= low <= high <= ${B}`);
      }
    }
  }
  return { opts, bins: B, cuts, segments: segments as RfmResultShape['options']['segments'] };
}

/**
 * RFM scores, cell and segment as SQL expressions, from the cut points an rfmScore result carries
 * (`thresholds`, bins closed on the right) and its segment table, over a table with one row per
 * customer and the metrics in rfmScore's units. This scores with fixed cut points: the customers
 * scored by rfmScore get the same scores (exactly with `cutPoints` or `ties: 'shared'`; with the
 * default `ties: 'first'` a customer tied with a cut point may score one higher in JS, where equal
 * values can split across bins: on UCI Online Retail 1,635 of 4,338 cells differ), and new
 * customers are placed by the same cut points. `scoring: 'ranks'` instead re-ranks the table with
 * window functions as `ties: 'first'` does, reproducing those scores exactly on the same
 * customers. NULL in a metric gives NULL. To compute the metrics from order lines in the engine,
 * use rfmOrdersToSql.
 *
 * Cost: O(bins + rules).
 * @param result - From rfmScore (crm-mining/rfm), or its JSON.
 * @param options - See {@link RfmToSqlOptions}.
 * @returns Expressions `{ r, f, m, cell, segment }`.
 * @throws CrmError `INVALID_MODEL` (damaged thresholds, bins or segment table), `INVALID_OPTION` (columns, scoring, customer, dialect).
 * @example
 * const result = { kind: 'rfm', version: 1, thresholds: { recency: [30], frequency: [1], monetary: [100] },
 *   options: { bins: 2, segments: [{ name: 'Best', recency: [2, 2], frequency: [2, 2] }] } };
 * rfmToSql(result).r; // => 'CASE WHEN "recency" IS NULL THEN NULL WHEN "recency" <= CAST(3e+1 AS DOUBLE) THEN 2 ELSE 1 END'
 */
export function rfmToSql(result: RfmResultShape, options?: RfmToSqlOptions): RfmSql {
  const fn = 'rfmToSql';
  const o = resolveOptions(fn, DEFAULTS, options);
  const dialect = checkDialect(fn, o.dialect);
  const scoring = checkOneOf('scoring', o.scoring, ['cutPoints', 'ranks'] as const);
  if (typeof o.customer !== 'string' || o.customer === '') {
    throw new CrmError('INVALID_OPTION', `${fn}: customer must name the customer id column; got ${describeValue(o.customer)}.`, { option: 'customer' });
  }
  const { opts, bins: B, cuts, segments } = readRfmResult(fn, result);
  const given = o.columns as Record<string, unknown> | null;
  if (given !== null && (typeof given !== 'object' || Array.isArray(given))) {
    throw new CrmError('INVALID_OPTION', `${fn}: columns must be { recency?, frequency?, monetary? } naming the SQL columns; got ${describeValue(given)}.`, { option: 'columns' });
  }
  const ref = columnRef(fn, dialect, o.table, given, DIMENSIONS);
  const x = { recency: ref('recency'), frequency: ref('frequency'), monetary: ref('monetary') };
  // Bin k (1-based) holds cut[k-2] < x <= cut[k-1]; the score of recency is reversed.
  const ranked = (dim: (typeof DIMENSIONS)[number]): boolean => {
    if (scoring !== 'ranks' || opts.ties !== 'first') return false;
    const fixed = (opts.cutPoints as Record<string, unknown> | null | undefined)?.[dim];
    return fixed === null || fixed === undefined;
  };
  if (scoring === 'ranks' && opts.ties !== 'first' && opts.ties !== 'shared') throw damagedModel(fn, 'rfm', 'options.ties', opts.ties, "'first' or 'shared'");
  const customer = scoring === 'ranks' ? (typeof o.table === 'string' ? `${quoteSqlIdentifier(o.table, dialect)}.` : '') + quoteSqlIdentifier(o.customer, dialect) : '';
  const score = (dim: (typeof DIMENSIONS)[number]): string => {
    const c = cuts[dim];
    const label = (k: number) => String(dim === 'recency' ? B + 1 - k : k);
    const parts = [`WHEN ${x[dim]} IS NULL THEN NULL`];
    if (ranked(dim)) {
      // rfmScore: rank r (1-based, ties by customer id) is in bin k when r <= 1 + (n - 1) * p_k,
      // p_k = k * (1 / bins) in doubles; for whole ranks that is r - 1 <= (n - 1) * p_k.
      const rank0 = `(ROW_NUMBER() OVER (ORDER BY ${x[dim]} ASC NULLS LAST, ${customer} ASC) - 1)`;
      const nm1 = `(COUNT(${x[dim]}) OVER () - 1)`;
      for (let k = 1; k < B; k++) parts.push(`WHEN ${rank0} <= ${nm1} * ${sqlDoubleLiteral(k * (1 / B), dialect)} THEN ${label(k)}`);
    } else {
      for (let k = 1; k < B; k++) parts.push(`WHEN ${x[dim]} <= ${sqlDoubleLiteral(c[k - 1]!, dialect)} THEN ${label(k)}`);
    }
    return `CASE ${parts.join(' ')} ELSE ${label(B)} END`;
  };
  const r = score('recency');
  const f = score('frequency');
  const m = score('monetary');
  const text = dialect === 'bigquery' || dialect === 'spark' ? 'STRING' : 'VARCHAR';
  // || (not CONCAT, which skips NULLs in DuckDB and PostgreSQL), so a NULL metric gives a NULL cell.
  const sep = B > 9 ? ` || ${sqlStringLiteral('-', dialect)} || ` : ' || ';
  const cell = `CAST(${r} AS ${text})${sep}CAST(${f} AS ${text})${sep}CAST(${m} AS ${text})`;
  // A score range [lo, hi] as a condition on the raw metric (recency ranges flip: R = bins + 1 - bin).
  const scoreOf = { recency: r, frequency: f, monetary: m };
  const inScores = (dim: (typeof DIMENSIONS)[number], range: readonly [number, number]): string | null => {
    if (ranked(dim)) return range[0] === 1 && range[1] === B ? null : `(${scoreOf[dim]} BETWEEN ${range[0]} AND ${range[1]})`;
    const [lo, hi] = dim === 'recency' ? [B + 1 - range[1], B + 1 - range[0]] : range;
    const c = cuts[dim];
    const tests: string[] = [];
    if (lo > 1) tests.push(`${x[dim]} > ${sqlDoubleLiteral(c[lo - 2]!, dialect)}`);
    if (hi < B) tests.push(`${x[dim]} <= ${sqlDoubleLiteral(c[hi - 1]!, dialect)}`);
    return tests.length === 0 ? null : tests.join(' AND ');
  };
  const parts = [`WHEN ${DIMENSIONS.map((dim) => `${x[dim]} IS NULL`).join(' OR ')} THEN NULL`];
  let catchAll: string | null = null;
  for (const rule of segments) {
    const tests = DIMENSIONS.map((dim) => (rule[dim] ? inScores(dim, rule[dim]!) : null)).filter((t): t is string => t !== null);
    if (tests.length === 0) { catchAll = rule.name; break; }
    parts.push(`WHEN ${tests.join(' AND ')} THEN ${sqlStringLiteral(rule.name, dialect)}`);
  }
  const segment = `CASE ${parts.join(' ')} ELSE ${sqlStringLiteral(catchAll ?? 'Other', dialect)} END`;
  return { r, f, m, cell, segment };
}
