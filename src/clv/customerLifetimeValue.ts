/**
 * Discounted customer lifetime value from a BG/NBD model (how many purchases) and a Gamma-Gamma
 * model (what each is worth).
 * @module
 */
import { CrmError } from '../core/errors.js';
import { checkModel } from '../core/model.js';
import type { Id } from '../core/orders.js';
import { checkNumber, resolveOptions } from '../core/validate.js';
import { expectedIfAlive, probabilityAlive, type BgNbdModel } from './bgNbd.js';
import { averageValue, checkGammaGamma, type GammaGammaModel } from './gammaGamma.js';
import { checkSummary, type ClvSummaryColumns } from './summaryData.js';

/** Options of {@link customerLifetimeValue}. */
export interface CustomerLifetimeValueOptions {
  /** How far ahead to value customers, in the BG/NBD model's timeUnit (e.g. 52 weeks). */
  horizon: number;
  /** Discount rate per discountPeriod (0.01 = 1% per period); 0 for no discounting. */
  discountRate: number;
  /** Length of one discounting period, in the model's timeUnit (lifetimes' monthly steps in weeks: 4.345). @defaultValue 1 */
  discountPeriod?: number;
}

/** CLV per customer, columns in summary row order. */
export interface CustomerLifetimeValueResult {
  readonly kind: 'clv';
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
const DEFAULTS = Object.freeze({ horizon: undefined as unknown as number, discountRate: undefined as unknown as number, discountPeriod: 1 });

/**
 * Discounted CLV per customer. The horizon is cut into periods of `discountPeriod` time units;
 * the purchases expected in period k (the increase of the BG/NBD conditional expectation over it)
 * times the Gamma-Gamma expected value are discounted by (1 + discountRate)^k, i.e. at the end of
 * the period (a last, partial period by its fractional exponent). With timeUnit 'days',
 * discountPeriod 30 and horizon 360 this is lifetimes' `customer_lifetime_value(time=12,
 * discount_rate, freq='D')`. O(n * periods * series terms).
 * @param bgNbd - A {@link BgNbdModel}; `horizon` and `discountPeriod` are in its timeUnit.
 * @param gammaGamma - A {@link GammaGammaModel} with q > 1.
 * @param summary - Columns frequency, recency, T (model's time unit) and monetary.
 * @param options - See {@link CustomerLifetimeValueOptions}.
 * @returns A {@link CustomerLifetimeValueResult}.
 * @throws CrmError `INVALID_MODEL`, `INVALID_OPTION`, `INVALID_INPUT`, `NON_FINITE`, `NEGATIVE_VALUE`, `LENGTH_MISMATCH`, `EMPTY_INPUT`
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
  const bg = checkModel<BgNbdModel>(bgNbd, 'bgNbd', 1, FN);
  const gg = checkGammaGamma(gammaGamma, FN);
  if (options === null || typeof options !== 'object') {
    throw new CrmError('INVALID_OPTION', `${FN}: options { horizon, discountRate } are required.`, { option: 'options' });
  }
  const o = resolveOptions(FN, DEFAULTS, options);
  const horizon = checkNumber('horizon', o.horizon, { min: 0, exclusiveMin: true, hint: `horizon is a duration in the BG/NBD model's timeUnit (${bg.timeUnit}).` });
  const discountRate = checkNumber('discountRate', o.discountRate, { min: 0, hint: 'It is the rate per discountPeriod, e.g. 0.01.' });
  const period = checkNumber('discountPeriod', o.discountPeriod, { min: 0, exclusiveMin: true });
  const s = checkSummary(summary, FN, { times: true, monetary: true });
  const steps = Math.max(1, Math.ceil(horizon / period - 1e-9));
  const alive = probabilityAlive(bg.params, s);
  const clv = new Array<number>(s.n), clvIfAlive = new Array<number>(s.n), purchases = new Array<number>(s.n), value = new Array<number>(s.n);
  const logDiscount = Math.log1p(discountRate);
  for (let i = 0; i < s.n; i++) {
    const x = s.frequency[i]!, T = s.T[i]!;
    value[i] = averageValue(gg, x, x === 0 ? 0 : s.monetary![i]!);
    let prev = 0, discounted = 0;
    for (let k = 1; k <= steps; k++) {
      const t = Math.min(k * period, horizon);
      const cum = expectedIfAlive(bg.params, x, T, t, FN);
      discounted += (cum - prev) * Math.exp(-(t / period) * logDiscount);
      prev = cum;
    }
    clvIfAlive[i] = value[i]! * discounted;
    clv[i] = alive[i]! * clvIfAlive[i]!;
    purchases[i] = alive[i]! * prev;
  }
  return {
    kind: 'clv', timeUnit: bg.timeUnit, horizon, discountRate, discountPeriod: period,
    customers: s.customers, clv, clvIfAlive, expectedPurchases: purchases, probabilityAlive: alive, expectedAverageValue: value,
  };
}
