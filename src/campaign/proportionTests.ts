/**
 * Did the campaign change the conversion rate? The two-proportion z-test and the chi-square test
 * of equal rates across arms.
 * @module
 */
import { CrmError } from '../core/errors.js';
import { chiSquareSf, normalCdf, normalSf } from '../core/distributions.js';
import { checkArray, checkOneOf, resolveOptions } from '../core/validate.js';
import { readCounts, type ArmCounts } from './input.js';

/** Direction of the alternative hypothesis, for treated minus control. */
export type Alternative = 'twoSided' | 'larger' | 'smaller';

/** Options of {@link twoProportionZTest}. */
export interface TwoProportionZTestOptions {
  /** `'twoSided'`: the rates differ; `'larger'`: treated converts more; `'smaller'`: less. @defaultValue 'twoSided' */
  alternative?: Alternative;
}

/** Result of {@link twoProportionZTest}. */
export interface TwoProportionZTest {
  readonly kind: 'twoProportionZTest';
  readonly alternative: Alternative;
  /** Treated rate minus control rate. */
  readonly difference: number;
  /** All successes over all trials: the common rate under the null hypothesis. */
  readonly pooledRate: number;
  /** sqrt(pooled (1 - pooled) (1/n_treated + 1/n_control)). */
  readonly standardError: number;
  readonly z: number;
  readonly pValue: number;
}

const Z_DEFAULTS = Object.freeze({ alternative: 'twoSided' as Alternative });
const ALTERNATIVES: readonly Alternative[] = ['twoSided', 'larger', 'smaller'];

/**
 * Two-proportion z-test with the pooled variance: z = (p_t - p_c) / sqrt(p (1 - p) (1/n_t + 1/n_c)),
 * p the pooled rate; no continuity correction. Two-sided, its square equals the chi-square
 * statistic of {@link proportionsChiSquareTest} on the same two arms. Equals statsmodels
 * `proportions_ztest([x_t, x_c], [n_t, n_c], alternative=...)`. O(1).
 * Source: Fleiss, Levin and Paik (2003), Statistical Methods for Rates and Proportions, 3rd ed., 3.2.
 * @param treated - `{ successes, trials }` of the treated (mailed) arm.
 * @param control - `{ successes, trials }` of the control (hold-out) arm.
 * @param options - See {@link TwoProportionZTestOptions}.
 * @returns The difference, the statistic and its p-value.
 * @throws CrmError `INVALID_INPUT` (also when no arm has a success, or every customer converted:
 * the statistic is then 0/0), `NON_FINITE`, `NEGATIVE_VALUE`, `EMPTY_INPUT`, `INVALID_OPTION`.
 * @example
 * twoProportionZTest({ successes: 60, trials: 500 }, { successes: 40, trials: 500 }).pValue.toFixed(4); // => '0.0350'
 */
export function twoProportionZTest(treated: ArmCounts, control: ArmCounts, options?: TwoProportionZTestOptions): TwoProportionZTest {
  const o = resolveOptions('twoProportionZTest', Z_DEFAULTS, options);
  const alternative = checkOneOf('alternative', o.alternative, ALTERNATIVES);
  const t = readCounts('twoProportionZTest', 'treated', treated);
  const c = readCounts('twoProportionZTest', 'control', control);
  const pooledRate = (t.successes + c.successes) / (t.trials + c.trials);
  if (pooledRate === 0 || pooledRate === 1) {
    throw new CrmError(
      'INVALID_INPUT',
      `twoProportionZTest: ${pooledRate === 0 ? 'no customer converted' : 'every customer converted'} in either arm, so the rates cannot be told apart (the z statistic is 0/0). Report the rates and their intervals instead.`,
      { pooledRate },
    );
  }
  const difference = t.successes / t.trials - c.successes / c.trials;
  const standardError = Math.sqrt(pooledRate * (1 - pooledRate) * (1 / t.trials + 1 / c.trials));
  const z = difference / standardError;
  const pValue = alternative === 'twoSided' ? 2 * normalSf(Math.abs(z)) : alternative === 'larger' ? normalSf(z) : normalCdf(z);
  return { kind: 'twoProportionZTest', alternative, difference, pooledRate, standardError, z, pValue };
}

/** Result of {@link proportionsChiSquareTest}. */
export interface ProportionsChiSquareTest {
  readonly kind: 'proportionsChiSquareTest';
  /** Pearson's X^2 over the arms x (converted, not converted) table, without continuity correction. */
  readonly statistic: number;
  /** Number of arms minus one. */
  readonly degreesOfFreedom: number;
  readonly pValue: number;
  /** Expected successes per arm under equal rates: trials x pooled rate. */
  readonly expectedSuccesses: number[];
  readonly pooledRate: number;
}

/**
 * Pearson chi-square test that all arms share one conversion rate (k arms, k - 1 degrees of
 * freedom), on the k x 2 table of successes and failures. No Yates continuity correction: it equals
 * statsmodels `proportions_chisquare(count, nobs)` and scipy `chi2_contingency(table,
 * correction=False)`; with two arms the statistic is the square of the two-sided
 * {@link twoProportionZTest} z and the p-values agree. (R's `prop.test` corrects by default, so
 * its p-value is larger.) O(k).
 * Source: Pearson (1900); Agresti (2013), Categorical Data Analysis, 3rd ed., 3.2.
 * @param arms - Two or more `{ successes, trials }`.
 * @returns The statistic, its degrees of freedom and p-value, and the expected successes.
 * @throws CrmError `INVALID_INPUT` (fewer than two arms; no success or no failure at all),
 * `NON_FINITE`, `NEGATIVE_VALUE`, `EMPTY_INPUT`.
 * @example
 * proportionsChiSquareTest([{ successes: 60, trials: 500 }, { successes: 40, trials: 500 }]).statistic.toFixed(4); // => '4.4444'
 */
export function proportionsChiSquareTest(arms: readonly ArmCounts[]): ProportionsChiSquareTest {
  const list = checkArray<ArmCounts>('arms', arms);
  if (list.length < 2) {
    throw new CrmError('INVALID_INPUT', `proportionsChiSquareTest: got ${list.length} arm${list.length === 1 ? '' : 's'}; the test compares at least two arms.`, {
      argument: 'arms',
    });
  }
  // An index loop, not map: map skips holes, which then reached the sums as undefined.
  const counts: ArmCounts[] = [];
  for (let i = 0; i < list.length; i++) counts.push(readCounts('proportionsChiSquareTest', `arms[${i}]`, list[i]));
  let x = 0;
  let n = 0;
  for (const c of counts) {
    x += c.successes;
    n += c.trials;
  }
  if (!Number.isFinite(n)) {
    throw new CrmError('NON_FINITE', `proportionsChiSquareTest: the arms' trials add up to ${n}, beyond the number range; these cannot be counts of customers.`, { argument: 'arms' });
  }
  const pooledRate = x / n;
  if (pooledRate === 0 || pooledRate === 1) {
    throw new CrmError(
      'INVALID_INPUT',
      `proportionsChiSquareTest: ${pooledRate === 0 ? 'no customer converted' : 'every customer converted'} in any arm, so an expected count is 0 and the statistic is undefined.`,
      { pooledRate },
    );
  }
  let statistic = 0;
  const expectedSuccesses: number[] = [];
  for (const c of counts) {
    const e1 = c.trials * pooledRate;
    const e0 = c.trials * (1 - pooledRate);
    const d1 = c.successes - e1;
    const d0 = c.trials - c.successes - e0;
    // d (d / e), not d^2 / e: the square of a difference of 1e160 customers would overflow.
    statistic += d1 * (d1 / e1) + d0 * (d0 / e0);
    expectedSuccesses.push(e1);
  }
  const degreesOfFreedom = counts.length - 1;
  return { kind: 'proportionsChiSquareTest', statistic, degreesOfFreedom, pValue: chiSquareSf(statistic, degreesOfFreedom), expectedSuccesses, pooledRate };
}
