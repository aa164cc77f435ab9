/**
 * Discounted customer lifetime value from a BG/NBD model (how many purchases) and a Gamma-Gamma
 * model (what each is worth).
 * @module
 */
import { CrmError } from '../core/errors.js';
import type { Id } from '../core/orders.js';
import { runControl, type RunControl } from '../core/progress.js';
import { defineOptions, number, opt, resolveOptionTable, RUN_CONTROL_OPTIONS } from '../core/options.js';
import { checkBgNbdModel, expectedIfAlive, probabilityAlive, type BgNbdModel } from './bgNbd.js';
import { averageValue, checkGammaGamma, checkRepeatValues, type GammaGammaModel } from './gammaGamma.js';
import { checkSummary, type ClvSummaryColumns } from './summaryData.js';

/** Most discount periods (horizon / discountPeriod) one call accepts. */
export const MAX_DISCOUNT_PERIODS = 100_000;

/** Options of {@link customerLifetimeValue}. */
export interface CustomerLifetimeValueOptions extends RunControl {
  /** How far ahead to value customers, in the BG/NBD model's timeUnit (e.g. 52 weeks). */
  horizon: number;
  /** Discount rate per discountPeriod (0.01 = 1% per period); 0 for no discounting. */
  discountRate: number;
  /** Length of one discounting period, in the model's timeUnit (lifetimes' monthly steps in weeks: 4.345); horizon / discountPeriod may be at most 100,000 periods. @defaultValue 1 */
  discountPeriod?: number;
}

/** CLV per customer, columns in summary row order. */
export interface CustomerLifetimeValueResult {
  readonly kind: 'clv';
  /** Schema version of the result (clvSegments reads results without it as version 1). */
  readonly version: 1;
  readonly timeUnit: string;
  readonly horizon: number;
  readonly discountRate: number;
  readonly discountPeriod: number;
  readonly customers: Id[];
  /** Discounted expected value over the horizon. */
  readonly clv: number[];
  /** The same value if the customer is known to be alive (clv = probabilityAlive * clvIfAlive). */
  readonly clvIfAlive: number[];
  /** Undiscounted expected purchases over the horizon. */
  readonly expectedPurchases: number[];
  readonly probabilityAlive: number[];
  /** Gamma-Gamma expected value per purchase. */
  readonly expectedAverageValue: number[];
}

const FN = 'customerLifetimeValue';
/** The option table of {@link customerLifetimeValue}; the result keeps horizon, discountRate and discountPeriod (top level). */
export const CLV_OPTIONS = defineOptions<CustomerLifetimeValueOptions>()({
  horizon: opt({ required: true, accepts: [number({ min: 0, exclusiveMin: true, hint: "horizon is a duration in the BG/NBD model's timeUnit." })], description: "How far ahead to value customers, in the BG/NBD model's timeUnit.", stored: 'as-given' }),
  discountRate: opt({ required: true, accepts: [number({ min: 0, hint: 'It is the rate per discountPeriod, e.g. 0.01.' })], description: 'Discount rate per discountPeriod; 0 for none.', stored: 'as-given' }),
  discountPeriod: opt({ default: 1, accepts: [number({ min: 0, exclusiveMin: true })], description: "Length of one discounting period, in the model's timeUnit.", stored: 'as-given' }),
  ...RUN_CONTROL_OPTIONS,
});

/**
 * Discounted CLV per customer. The horizon is cut into periods of `discountPeriod` time units;
 * the purchases expected in period k (the increase E(t_k) - E(t_(k-1)) of the BG/NBD conditional
 * expectation, accumulated period by period) times the Gamma-Gamma expected value are discounted by
 * (1 + discountRate)^k, i.e. at the end of the period (a last, partial period by its fractional
 * exponent). With timeUnit 'days', discountPeriod 30 and horizon 360 this is lifetimes'
 * `customer_lifetime_value(time=12, discount_rate, freq='D')`. Customers with the same frequency and
 * T share the computation (CDNOW: 23,570 customers, fewer than 9,000 distinct pairs). Cost
 * O(distinct (frequency, T) * periods): far period ends use series in 1 - z of bounded length;
 * where those do not apply (a model at the no-dropout boundary, or r + x - a within 0.05 of an
 * integer) a period end t needs up to about 40 (alpha + T + t) / (alpha + T) terms. At most
 * 100,000 periods.
 * @param bgNbd - A {@link BgNbdModel}; `horizon` and `discountPeriod` are in its timeUnit.
 * @param gammaGamma - A {@link GammaGammaModel} with q > 1.
 * @param summary - Columns frequency, recency, T (model's time unit) and monetary.
 * @param options - See {@link CustomerLifetimeValueOptions}; `onProgress` is called every 1,000 customers (phase 'customer').
 * @returns A {@link CustomerLifetimeValueResult}.
 * @throws CrmError `INVALID_MODEL` (impossible BG/NBD or Gamma-Gamma parameters), `INVALID_OPTION` (horizon / discountPeriod above 100,000 periods, or a horizon beyond about 100,000 (alpha + T)), `INVALID_INPUT`, `NON_FINITE`, `NEGATIVE_VALUE`, `LENGTH_MISMATCH`, `EMPTY_INPUT`, `ABORTED`
 * @example
 * const bg = { kind: 'bgNbd', version: 1, timeUnit: 'weeks', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as BgNbdModel;
 * const gg = { kind: 'gammaGamma', version: 1, params: { p: 6.25, q: 3.74, v: 15.44 } } as GammaGammaModel;
 * const v = customerLifetimeValue(bg, gg, { frequency: [2], recency: [30.43], T: [38.86], monetary: [22.35] }, { horizon: 52, discountRate: 0.01, discountPeriod: 4.345 });
 * v.clv[0]; // => 36.21
 */
export function customerLifetimeValue(
  bgNbd: BgNbdModel,
  gammaGamma: GammaGammaModel,
  summary: ClvSummaryColumns,
  options: CustomerLifetimeValueOptions,
): CustomerLifetimeValueResult {
  const bg = checkBgNbdModel(bgNbd, FN);
  const gg = checkGammaGamma(gammaGamma, FN);
  if (options === null || typeof options !== 'object') {
    throw new CrmError('INVALID_OPTION', `${FN}: options { horizon, discountRate } are required.`, { option: 'options' });
  }
  const o = resolveOptionTable(FN, CLV_OPTIONS, options);
  const { horizon, discountRate, discountPeriod: period } = o as { horizon: number; discountRate: number; discountPeriod: number };
  const periods = horizon / period;
  if (!(periods <= MAX_DISCOUNT_PERIODS)) {
    throw new CrmError('INVALID_OPTION', `${FN}: horizon / discountPeriod = ${horizon} / ${period} = ${periods.toPrecision(4)} discount periods; at most ${MAX_DISCOUNT_PERIODS.toLocaleString('en-US')} are accepted. Use a longer discountPeriod (e.g. months rather than days) or a shorter horizon.`, { option: 'horizon' });
  }
  const tick = runControl(FN, o);
  const s = checkSummary(summary, FN, { times: true, monetary: true });
  checkRepeatValues(s, FN);
  const steps = Math.max(1, Math.ceil(periods - 1e-9));
  const ends = new Float64Array(steps), weights = new Float64Array(steps);
  const logDiscount = Math.log1p(discountRate);
  for (let k = 1; k <= steps; k++) {
    const t = Math.min(k * period, horizon);
    ends[k - 1] = t;
    weights[k - 1] = Math.exp(-(t / period) * logDiscount);
  }
  const alive = probabilityAlive(bg.params, s);
  const clv = new Array<number>(s.n), clvIfAlive = new Array<number>(s.n), purchases = new Array<number>(s.n), value = new Array<number>(s.n);
  // Discounted and undiscounted purchases if alive depend on (x, T) only.
  const shared = new Map<string, [number, number]>();
  for (let i = 0; i < s.n; i++) {
    if (i % 1000 === 0 && i > 0) tick('customer', i, s.n);
    const x = s.frequency[i]!, T = s.T[i]!;
    value[i] = averageValue(gg, x, x === 0 ? 0 : s.monetary![i]!);
    const key = `${x}|${T}`;
    let got = shared.get(key);
    if (got === undefined) {
      let prev = 0, discounted = 0;
      for (let k = 0; k < steps; k++) {
        const cum = expectedIfAlive(bg.params, x, T, ends[k]!, FN, 'horizon');
        discounted += (cum - prev) * weights[k]!;
        prev = cum;
      }
      got = [discounted, prev];
      shared.set(key, got);
    }
    clvIfAlive[i] = value[i]! * got[0];
    clv[i] = alive[i]! * clvIfAlive[i]!;
    purchases[i] = alive[i]! * got[1];
  }
  tick('customer', s.n, s.n);
  return {
    kind: 'clv', version: 1, timeUnit: bg.timeUnit, horizon, discountRate, discountPeriod: period,
    customers: s.customers, clv, clvIfAlive, expectedPurchases: purchases, probabilityAlive: alive, expectedAverageValue: value,
  };
}
