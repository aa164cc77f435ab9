/**
 * Confidence intervals for one conversion rate.
 * @module
 */
import { betaQuantile, normalQuantile } from '../core/distributions.js';
import { checkOneOf, resolveOptions } from '../core/validate.js';
import { readConfidence, readCounts, type ArmCounts } from './input.js';

/** The interval methods of {@link proportionInterval}, named after statsmodels' `proportion_confint` methods. */
export type ProportionIntervalMethod = 'wilson' | 'normal' | 'agrestiCoull' | 'clopperPearson' | 'jeffreys';

/** Options of {@link proportionInterval}. */
export interface ProportionIntervalOptions {
  /**
   * `'wilson'` (score interval), `'normal'` (Wald), `'agrestiCoull'`, `'clopperPearson'` (exact,
   * statsmodels' `'beta'`), `'jeffreys'`. @defaultValue 'wilson'
   */
  method?: ProportionIntervalMethod;
  /** Confidence level in (0, 1). @defaultValue 0.95 */
  confidence?: number;
}

/** Result of {@link proportionInterval}. */
export interface ProportionInterval {
  readonly kind: 'proportionInterval';
  readonly method: ProportionIntervalMethod;
  readonly confidence: number;
  readonly successes: number;
  readonly trials: number;
  /** successes / trials. */
  readonly rate: number;
  readonly lower: number;
  readonly upper: number;
}

export const PROPORTION_INTERVAL_DEFAULTS = Object.freeze({ method: 'wilson' as ProportionIntervalMethod, confidence: 0.95 });

export const PROPORTION_INTERVAL_METHODS: readonly ProportionIntervalMethod[] = ['wilson', 'normal', 'agrestiCoull', 'clopperPearson', 'jeffreys'];

/** The interval itself, on checked counts (shared with armRates and the Newcombe difference). */
export function intervalBounds(x: number, n: number, alpha: number, method: ProportionIntervalMethod): [number, number] {
  const q = x / n;
  const crit = -normalQuantile(alpha / 2);
  const clip = (v: number) => Math.min(1, Math.max(0, v));
  switch (method) {
    case 'normal': {
      const d = crit * Math.sqrt((q * (1 - q)) / n);
      return [clip(q - d), clip(q + d)];
    }
    case 'agrestiCoull': {
      const nc = n + crit * crit;
      const qc = (x + (crit * crit) / 2) / nc;
      const d = crit * Math.sqrt((qc * (1 - qc)) / nc);
      return [clip(qc - d), clip(qc + d)];
    }
    case 'clopperPearson':
      return [x === 0 ? 0 : betaQuantile(alpha / 2, x, n - x + 1), x === n ? 1 : 1 - betaQuantile(alpha / 2, n - x, x + 1)];
    case 'jeffreys':
      // Pinned to 0 at no successes and to 1 at all successes (Brown, Cai and DasGupta 2001, 4.1.2),
      // so the interval always contains the observed rate; statsmodels 0.13.5 does not pin.
      return [x === 0 ? 0 : betaQuantile(alpha / 2, x + 0.5, n - x + 0.5), x === n ? 1 : 1 - betaQuantile(alpha / 2, n - x + 0.5, x + 0.5)];
    default: {
      const c2 = crit * crit;
      const denom = 1 + c2 / n;
      const center = (q + c2 / (2 * n)) / denom;
      const d = (crit * Math.sqrt((q * (1 - q)) / n + c2 / (4 * n * n))) / denom;
      // In exact arithmetic the bounds lie in [0, 1]; the clip only removes rounding (-1e-17 at 0 successes).
      return [clip(center - d), clip(center + d)];
    }
  }
}

/**
 * Confidence interval for a conversion rate successes / trials. Wilson (the default) keeps good
 * coverage for small and extreme rates and never leaves [0, 1]; `'normal'` is the textbook Wald
 * interval (clipped to [0, 1], and of zero width at 0 or all successes); `'clopperPearson'` is
 * exact (conservative); `'jeffreys'` is the equal-tailed Bayesian interval under a Beta(1/2, 1/2)
 * prior. Every method equals statsmodels 0.13.5 `proportion_confint` (Wald and Agresti-Coull
 * clipped as there), except that Jeffreys is pinned to 0 at 0 successes and to 1 at all successes,
 * as Brown, Cai and DasGupta advise (statsmodels 0.13.5 is not, so its interval there misses the
 * observed rate). O(1); the beta methods
 * O(sqrt(trials)).
 * Source: Brown, Cai and DasGupta (2001), "Interval estimation for a binomial proportion",
 * Statistical Science 16(2); Wilson (1927), JASA 22; Agresti and Coull (1998), Am. Stat. 52(2).
 * @param counts - `{ successes, trials }` of one arm.
 * @param options - See {@link ProportionIntervalOptions}.
 * @returns The rate and its interval, with the method and level used.
 * @throws CrmError `INVALID_INPUT` (non-integer counts, successes > trials), `NON_FINITE`,
 * `NEGATIVE_VALUE`, `EMPTY_INPUT` (0 trials), `INVALID_OPTION`.
 * @example
 * const ci = proportionInterval({ successes: 12, trials: 100 });
 * [ci.lower.toFixed(4), ci.upper.toFixed(4)]; // => ['0.0700', '0.1981']
 */
export function proportionInterval(counts: ArmCounts, options?: ProportionIntervalOptions): ProportionInterval {
  const o = resolveOptions('proportionInterval', PROPORTION_INTERVAL_DEFAULTS, options);
  const method = checkOneOf('method', o.method, PROPORTION_INTERVAL_METHODS);
  const alpha = readConfidence(o.confidence);
  const { successes, trials } = readCounts('proportionInterval', 'counts', counts);
  const [lower, upper] = intervalBounds(successes, trials, alpha, method);
  return { kind: 'proportionInterval', method, confidence: o.confidence, successes, trials, rate: successes / trials, lower, upper };
}
