/**
 * A fitted BG/NBD model's probability alive as a SQL expression over the summary columns.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { checkModel } from '../core/model.js';
import { resolveOptions } from '../core/validate.js';
import { columnRef, damagedModel, type SqlTarget } from './columns.js';
import { checkDialect, sqlDoubleLiteral, sqlDoubleType, type SqlDialect } from './dialect.js';

/** What {@link bgNbdToSql} reads of a crm-mining/clv `BgNbdModel`. */
export interface BgNbdModelShape {
  readonly kind: 'bgNbd';
  readonly version: 1;
  readonly params: { readonly r: number; readonly alpha: number; readonly a: number; readonly b: number };
}

/** Options of {@link bgNbdToSql}. */
export interface BgNbdToSqlOptions extends SqlTarget {
  /**
   * Only `probabilityAlive`. Expected purchases need the Gauss hypergeometric function 2F1, a
   * series with no closed form in SQL; `expectedPurchases` is refused with that explanation.
   * @defaultValue 'probabilityAlive'
   */
  output?: 'probabilityAlive';
  /** SQL columns of the summary, in the model's time unit. @defaultValue { frequency: 'frequency', recency: 'recency', T: 'T' } */
  columns?: Readonly<{ frequency?: string; recency?: string; T?: string }> | null;
}

const DEFAULTS = Object.freeze({
  dialect: 'duckdb' as SqlDialect,
  table: null as string | null,
  output: 'probabilityAlive' as const,
  columns: null as BgNbdToSqlOptions['columns'],
});
const SUMMARY = ['frequency', 'recency', 'T'] as const;
/** The bound of fitBgNbd's parameters (crm-mining/clv's MAX_PARAMETER). */
const MAX_PARAMETER = 1e15;

/**
 * The probability that a customer is still alive under a fitted BG/NBD model, as a SQL expression
 * over the summary columns frequency (repeat purchases), recency and T in the model's time unit:
 * 1 for frequency 0, else 1 / (1 + exp(ln a - ln(b + x - 1) + (r + x) (ln(alpha + T) - ln(alpha + recency))))
 * (Fader, Hardie & Lee 2008), the terms in predictBgNbdProbabilityAlive's order, with ln a written
 * as the double JS computes. The exponent is capped at 700 so that EXP cannot overflow (PostgreSQL
 * raises an error); the probability there is below 1e-304. NULL in a column gives NULL. Where the
 * JS function refuses a summary (a negative or fractional frequency, recency > T) the SQL does not:
 * check summaries with summarizeTransactions' rules first.
 *
 * Expected purchases (eq. 10 of Fader, Hardie & Lee 2005) need 2F1(r + x, b + x; a + b + x - 1; z),
 * a series summed to convergence per customer; no SQL closed form gives it, so it is not exported.
 *
 * Cost: O(1).
 * @param model - From fitBgNbd (crm-mining/clv), or its JSON.
 * @param options - See {@link BgNbdToSqlOptions}.
 * @returns A SQL expression.
 * @throws CrmError `INVALID_MODEL` (parameters not in (0, 1e15]), `INVALID_OPTION` (output, columns, table, dialect).
 * @example
 * const model = { kind: 'bgNbd', version: 1, params: { r: 0.25, alpha: 4, a: 0.75, b: 2.5 } };
 * bgNbdToSql(model).startsWith('CASE WHEN "frequency" IS NULL OR "recency" IS NULL OR "T" IS NULL THEN NULL WHEN "frequency" = 0 THEN CAST(1e+0 AS DOUBLE)'); // => true
 */
export function bgNbdToSql(model: BgNbdModelShape, options?: BgNbdToSqlOptions): string {
  const fn = 'bgNbdToSql';
  const o = resolveOptions(fn, DEFAULTS, options);
  const dialect = checkDialect(fn, o.dialect);
  if (o.output !== 'probabilityAlive') {
    const why = (o.output as unknown) === 'expectedPurchases'
      ? ' Expected purchases need the hypergeometric function 2F1 (a series summed per customer), which SQL has no closed form for; compute them in JS with predictBgNbdExpectedPurchases.'
      : '';
    throw new CrmError('INVALID_OPTION', `${fn}: output must be 'probabilityAlive'; got ${describeValue(o.output)}.${why}`, { option: 'output' });
  }
  const m = checkModel<BgNbdModelShape>(model, 'bgNbd', 1, fn);
  const params = m.params as unknown as Record<string, unknown> | null;
  if (params === null || typeof params !== 'object') throw damagedModel(fn, 'bgNbd', 'params', params, '{ r, alpha, a, b }');
  const p: Record<string, number> = {};
  for (const k of ['r', 'alpha', 'a', 'b']) {
    const v = params[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || !(v > 0) || v > MAX_PARAMETER) throw damagedModel(fn, 'bgNbd', `params.${k}`, v, 'a number in (0, 1e15]');
    p[k] = v;
  }
  const given = o.columns as Record<string, unknown> | null;
  if (given !== null && (typeof given !== 'object' || Array.isArray(given))) {
    throw new CrmError('INVALID_OPTION', `${fn}: columns must be { frequency?, recency?, T? } naming the summary's SQL columns; got ${describeValue(given)}.`, { option: 'columns' });
  }
  const ref = columnRef(fn, dialect, o.table, given, SUMMARY);
  const dbl = sqlDoubleType(dialect);
  const lit = (v: number) => sqlDoubleLiteral(v, dialect);
  const x = `CAST(${ref('frequency')} AS ${dbl})`;
  const tx = `CAST(${ref('recency')} AS ${dbl})`;
  const T = `CAST(${ref('T')} AS ${dbl})`;
  const alpha = lit(p.alpha!);
  // logDeadOdds of src/clv/bgNbd.ts, same operations in the same order.
  const logDeadOdds = `${lit(Math.log(p.a!))} - LN(${lit(p.b!)} + ${x} - ${lit(1)}) + (${lit(p.r!)} + ${x}) * (LN(${alpha} + ${T}) - LN(${alpha} + ${tx}))`;
  const nulls = SUMMARY.map((c) => `${ref(c)} IS NULL`).join(' OR ');
  return `CASE WHEN ${nulls} THEN NULL WHEN ${ref('frequency')} = 0 THEN ${lit(1)} ELSE ${lit(1)} / (${lit(1)} + EXP(LEAST(${logDeadOdds}, ${lit(700)}))) END`;
}
