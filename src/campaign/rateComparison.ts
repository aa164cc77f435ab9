/**
 * How large was the effect? Intervals for the difference and the ratio of two conversion rates.
 * @module
 */
import { CrmError } from '../core/errors.js';
import { normalQuantile } from '../core/distributions.js';
import { checkOneOf, resolveOptions } from '../core/validate.js';
import { readConfidence, readCounts, type ArmCounts } from './input.js';
import { intervalBounds } from './proportionInterval.js';

/** Interval methods for a difference of rates (statsmodels `confint_proportions_2indep` names in brackets). */
export type RateDifferenceMethod = 'newcombe' | 'wald' | 'agrestiCaffo';

/** Options of {@link rateDifference}. */
export interface RateDifferenceOptions {
  /** `'newcombe'` (hybrid score from two Wilson intervals, `'newcomb'`), `'wald'`, `'agrestiCaffo'` (Wald after adding one success and one failure per arm). @defaultValue 'newcombe' */
  method?: RateDifferenceMethod;
  /** Confidence level in (0, 1). @defaultValue 0.95 */
  confidence?: number;
}

/** Result of {@link rateDifference}: treated rate minus control rate (absolute uplift). */
export interface RateDifference {
  readonly kind: 'rateDifference';
  readonly method: RateDifferenceMethod;
  readonly confidence: number;
  readonly treatedRate: number;
  readonly controlRate: number;
  readonly difference: number;
  readonly lower: number;
  readonly upper: number;
}

const DIFF_DEFAULTS = Object.freeze({ method: 'newcombe' as RateDifferenceMethod, confidence: 0.95 });

/**
 * Difference of two conversion rates (treated - control: the absolute uplift of the campaign) with
 * a confidence interval. Newcombe's hybrid score interval (the default) combines the two Wilson
 * intervals and behaves well for small and extreme rates; Wald is the textbook
 * difference +- z sqrt(p_t(1-p_t)/n_t + p_c(1-p_c)/n_c). Equals statsmodels
 * `confint_proportions_2indep(..., compare='diff', method='newcomb' | 'wald' | 'agresti-caffo')`. O(1).
 * Source: Newcombe (1998), "Interval estimation for the difference between independent
 * proportions: comparison of eleven methods", Statistics in Medicine 17(8) (method 10);
 * Agresti and Caffo (2000), Am. Stat. 54(4).
 * @param treated - `{ successes, trials }` of the treated arm.
 * @param control - `{ successes, trials }` of the control arm.
 * @param options - See {@link RateDifferenceOptions}.
 * @returns Both rates, their difference and its interval.
 * @throws CrmError `INVALID_INPUT`, `NON_FINITE`, `NEGATIVE_VALUE`, `EMPTY_INPUT`, `INVALID_OPTION`.
 * @example
 * const d = rateDifference({ successes: 60, trials: 500 }, { successes: 40, trials: 500 });
 * [d.difference.toFixed(2), d.lower.toFixed(4), d.upper.toFixed(4)]; // => ['0.04', '0.0027', '0.0776']
 */
export function rateDifference(treated: ArmCounts, control: ArmCounts, options?: RateDifferenceOptions): RateDifference {
  const o = resolveOptions('rateDifference', DIFF_DEFAULTS, options);
  const method = checkOneOf('method', o.method, ['newcombe', 'wald', 'agrestiCaffo'] as const);
  const alpha = readConfidence(o.confidence);
  const t = readCounts('rateDifference', 'treated', treated);
  const c = readCounts('rateDifference', 'control', control);
  const p1 = t.successes / t.trials;
  const p2 = c.successes / c.trials;
  const difference = p1 - p2;
  let lower: number;
  let upper: number;
  if (method === 'newcombe') {
    const [l1, u1] = intervalBounds(t.successes, t.trials, alpha, 'wilson');
    const [l2, u2] = intervalBounds(c.successes, c.trials, alpha, 'wilson');
    lower = difference - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2);
    upper = difference + Math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2);
  } else {
    const add = method === 'agrestiCaffo' ? 1 : 0;
    const n1 = t.trials + 2 * add;
    const n2 = c.trials + 2 * add;
    const q1 = (t.successes + add) / n1;
    const q2 = (c.successes + add) / n2;
    const half = -normalQuantile(alpha / 2) * Math.sqrt((q1 * (1 - q1)) / n1 + (q2 * (1 - q2)) / n2);
    // Agresti-Caffo centres the interval on the adjusted difference, as statsmodels does.
    lower = q1 - q2 - half;
    upper = q1 - q2 + half;
  }
  return { kind: 'rateDifference', method, confidence: o.confidence, treatedRate: p1, controlRate: p2, difference, lower, upper };
}

/** Interval methods for a ratio of rates. */
export type RateRatioMethod = 'log' | 'logAdjusted';

/** Options of {@link rateRatio}. */
export interface RateRatioOptions {
  /** `'log'` (Katz log interval) or `'logAdjusted'` (the same after adding 1/2 to each count and each arm size, defined at 0 successes). @defaultValue 'log' */
  method?: RateRatioMethod;
  /** Confidence level in (0, 1). @defaultValue 0.95 */
  confidence?: number;
}

/** Result of {@link rateRatio}: treated rate over control rate (relative lift). */
export interface RateRatio {
  readonly kind: 'rateRatio';
  readonly method: RateRatioMethod;
  readonly confidence: number;
  readonly treatedRate: number;
  readonly controlRate: number;
  /** treatedRate / controlRate (with 'logAdjusted', of the adjusted rates). */
  readonly ratio: number;
  readonly lower: number;
  readonly upper: number;
}

const RATIO_DEFAULTS = Object.freeze({ method: 'log' as RateRatioMethod, confidence: 0.95 });

/**
 * Ratio of two conversion rates (treated / control: the relative lift is ratio - 1) with the Katz
 * log interval exp(log r +- z sqrt(1/x_t - 1/n_t + 1/x_c - 1/n_c)). Equals statsmodels
 * `confint_proportions_2indep(..., compare='ratio', method='log' | 'log-adjusted')`. O(1).
 * Source: Katz, Baptista, Azen and Pike (1978), "Obtaining confidence intervals for the risk ratio
 * in cohort studies", Biometrics 34(3).
 * @param treated - `{ successes, trials }` of the treated arm.
 * @param control - `{ successes, trials }` of the control arm.
 * @param options - See {@link RateRatioOptions}.
 * @returns Both rates, their ratio and its interval.
 * @throws CrmError `INVALID_INPUT` (with 'log', an arm with 0 successes: use 'logAdjusted'),
 * `NON_FINITE`, `NEGATIVE_VALUE`, `EMPTY_INPUT`, `INVALID_OPTION`.
 * @example
 * const r = rateRatio({ successes: 60, trials: 500 }, { successes: 40, trials: 500 });
 * [r.ratio, r.lower.toFixed(4), r.upper.toFixed(4)]; // => [1.5, '1.0254', '2.1943']
 */
export function rateRatio(treated: ArmCounts, control: ArmCounts, options?: RateRatioOptions): RateRatio {
  const o = resolveOptions('rateRatio', RATIO_DEFAULTS, options);
  const method = checkOneOf('method', o.method, ['log', 'logAdjusted'] as const);
  const alpha = readConfidence(o.confidence);
  const t = readCounts('rateRatio', 'treated', treated);
  const c = readCounts('rateRatio', 'control', control);
  const add = method === 'logAdjusted' ? 0.5 : 0;
  if (add === 0 && (t.successes === 0 || c.successes === 0)) {
    throw new CrmError(
      'INVALID_INPUT',
      `rateRatio: the ${t.successes === 0 ? 'treated' : 'control'} arm has 0 successes, so the log interval is undefined. Use { method: 'logAdjusted' } or report the difference instead.`,
      { argument: t.successes === 0 ? 'treated' : 'control' },
    );
  }
  const x1 = t.successes + add;
  const n1 = t.trials + add;
  const x2 = c.successes + add;
  const n2 = c.trials + add;
  const ratio = x1 / n1 / (x2 / n2);
  const half = -normalQuantile(alpha / 2) * Math.sqrt(1 / x1 - 1 / n1 + 1 / x2 - 1 / n2);
  return {
    kind: 'rateRatio',
    method,
    confidence: o.confidence,
    treatedRate: t.successes / t.trials,
    controlRate: c.successes / c.trials,
    ratio,
    lower: Math.exp(Math.log(ratio) - half),
    upper: Math.exp(Math.log(ratio) + half),
  };
}
