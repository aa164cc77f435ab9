/**
 * Normal tail probabilities for the logistic inference table, on core's complementary error
 * function (Cody 1969, about 1e-16 relative), so p-values far in the tail keep their digits.
 * @module
 */
import { erfcCody } from '../core/distributions.js';

/**
 * Two-sided p-value of a z statistic under the standard normal: P(|Z| >= |z|) = erfc(|z| / sqrt 2).
 * @example
 * twoSidedNormalPValue(1.959963984540054).toFixed(6); // => '0.050000'
 */
export function twoSidedNormalPValue(z: number): number {
  return erfcCody(Math.abs(z) / Math.SQRT2);
}

/** The 97.5% quantile of the standard normal (scipy.stats.norm.ppf(0.975)), for 95% intervals. */
export const NORMAL_975 = 1.959963984540054;
