/**
 * Planning a campaign test: power, sample size and minimum detectable effect of the two-proportion
 * z-test, with Cohen's h as the effect size (statsmodels `NormalIndPower` with
 * `proportion_effectsize`).
 * @module
 */
import { CrmError } from '../core/errors.js';
import { normalCdf, normalQuantile, normalSf } from '../core/distributions.js';
import { checkNumber, checkOneOf, resolveOptions } from '../core/validate.js';
import type { Alternative } from './proportionTests.js';

/**
 * Cohen's h, the effect size of two proportions: 2 asin(sqrt(p1)) - 2 asin(sqrt(p2))
 * (statsmodels `proportion_effectsize(p1, p2)`). O(1).
 * Source: Cohen (1988), Statistical Power Analysis for the Behavioral Sciences, 2nd ed., ch. 6.
 * @param treatedRate - Rate of the treated arm, in [0, 1].
 * @param controlRate - Rate of the control arm, in [0, 1].
 * @throws CrmError `INVALID_OPTION` (a rate outside [0, 1] or not a number).
 * @example
 * cohensH(0.5, 0.5); // => 0
 */
export function cohensH(treatedRate: number, controlRate: number): number {
  checkNumber('treatedRate', treatedRate, { min: 0, max: 1 });
  checkNumber('controlRate', controlRate, { min: 0, max: 1 });
  return 2 * Math.asin(Math.sqrt(treatedRate)) - 2 * Math.asin(Math.sqrt(controlRate));
}

/** statsmodels `normal_power` on the effective size 1 / (1/n1 + 1/(ratio n1)). */
function powerOf(h: number, n1: number, ratio: number, alpha: number, alternative: Alternative): number {
  const shift = h * Math.sqrt(1 / (1 / n1 + 1 / (n1 * ratio)));
  const a = alternative === 'twoSided' ? alpha / 2 : alpha;
  let power = 0;
  if (alternative !== 'smaller') power += normalSf(-normalQuantile(a) - shift);
  if (alternative !== 'larger') power += normalCdf(normalQuantile(a) - shift);
  return power;
}

/** Shared options of the planning functions. */
export interface PlanningOptions {
  /** Significance level of the test, in (0, 1). @defaultValue 0.05 */
  alpha?: number;
  /** Control arm size over treated arm size (statsmodels `ratio = nobs2 / nobs1`). @defaultValue 1 */
  ratio?: number;
  /** Alternative of the planned test (see {@link twoProportionZTest}). @defaultValue 'twoSided' */
  alternative?: Alternative;
}

const PLAN_DEFAULTS = Object.freeze({ alpha: 0.05, ratio: 1, alternative: 'twoSided' as Alternative });

function readPlan(o: Required<PlanningOptions>): Required<PlanningOptions> {
  return {
    alpha: checkNumber('alpha', o.alpha, { min: 0, max: 1, exclusiveMin: true, exclusiveMax: true, hint: 'Give the significance level, e.g. 0.05.' }),
    ratio: checkNumber('ratio', o.ratio, { min: 0, exclusiveMin: true, hint: 'It is the control size over the treated size, e.g. 1 for equal arms.' }),
    alternative: checkOneOf('alternative', o.alternative, ['twoSided', 'larger', 'smaller'] as const),
  };
}

/** Options of {@link twoProportionPower}. */
export interface TwoProportionPowerOptions extends PlanningOptions {
  /** Conversion rate expected without the campaign. */
  controlRate: number;
  /** Conversion rate expected with it. */
  treatedRate: number;
  /** Customers in the treated arm (the control arm has ratio x as many). */
  treatedSize: number;
}

/** Result of {@link twoProportionPower}, {@link twoProportionSampleSize} and {@link minimumDetectableEffect}. */
export interface TwoProportionPlan {
  readonly kind: 'twoProportionPlan';
  readonly controlRate: number;
  readonly treatedRate: number;
  /** Cohen's h of treatedRate against controlRate. */
  readonly effectSize: number;
  /** treatedRate - controlRate. */
  readonly difference: number;
  /** Treated arm size; fractional when solved (statsmodels' solve_power value). */
  readonly treatedSize: number;
  /** ratio x treatedSize. */
  readonly controlSize: number;
  /** The sizes rounded up to whole customers, [treated, control]. */
  readonly sizesRoundedUp: [number, number];
  readonly power: number;
  readonly alpha: number;
  readonly ratio: number;
  readonly alternative: Alternative;
}

function plan(controlRate: number, treatedRate: number, h: number, n1: number, power: number, p: Required<PlanningOptions>): TwoProportionPlan {
  return {
    kind: 'twoProportionPlan',
    controlRate,
    treatedRate,
    effectSize: h,
    difference: treatedRate - controlRate,
    treatedSize: n1,
    controlSize: n1 * p.ratio,
    sizesRoundedUp: [Math.ceil(n1), Math.ceil(n1 * p.ratio)],
    power,
    alpha: p.alpha,
    ratio: p.ratio,
    alternative: p.alternative,
  };
}

/**
 * Power of the two-proportion z-test: the chance it rejects at level alpha when the rates truly
 * are controlRate and treatedRate, with treatedSize and ratio x treatedSize customers. Normal
 * approximation on Cohen's h, as statsmodels `NormalIndPower().power(h, nobs1, alpha, ratio,
 * alternative)`; the two-sided power includes the (tiny) chance of rejecting in the wrong
 * direction, as there. O(1).
 * Source: Cohen (1988), ch. 6; statsmodels `stats.power.normal_power`.
 * @param options - See {@link TwoProportionPowerOptions}.
 * @returns The plan with its power.
 * @throws CrmError `INVALID_OPTION`
 * @example
 * twoProportionPower({ controlRate: 0.1, treatedRate: 0.12, treatedSize: 3000 }).power.toFixed(4); // => '0.6978'
 */
export function twoProportionPower(options: TwoProportionPowerOptions): TwoProportionPlan {
  const o = resolveOptions('twoProportionPower', PLAN_DEFAULTS, options, ['controlRate', 'treatedRate', 'treatedSize']);
  const p = readPlan(o);
  const h = cohensH(o.treatedRate, o.controlRate);
  const n1 = checkNumber('treatedSize', o.treatedSize, { min: 0, exclusiveMin: true });
  return plan(o.controlRate, o.treatedRate, h, n1, powerOf(h, n1, p.ratio, p.alpha, p.alternative), p);
}

/** Options of {@link twoProportionSampleSize}. */
export interface TwoProportionSampleSizeOptions extends PlanningOptions {
  controlRate: number;
  treatedRate: number;
  /** Wanted power, in (alpha, 1). @defaultValue 0.8 */
  power?: number;
}

/** Bisection on an increasing function to the last bit; `lo` and `hi` must bracket the root. */
function solveIncreasing(f: (x: number) => number, lo: number, hi: number): number {
  for (let i = 0; i < 400; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

function checkReachable(fn: string, h: number, p: Required<PlanningOptions>): void {
  if (h === 0 || (p.alternative === 'larger' && h < 0) || (p.alternative === 'smaller' && h > 0)) {
    throw new CrmError(
      'INVALID_OPTION',
      `${fn}: treatedRate and controlRate give an effect of ${h === 0 ? 'zero' : 'the wrong sign'} for alternative '${p.alternative}', so no sample size reaches the power. Check the rates or the alternative.`,
      { option: 'treatedRate' },
    );
  }
}

function readPower(fn: string, power: unknown, alpha: number, alternative: Alternative): number {
  // With no data the test rejects with probability alpha (two-sided or one-sided), so the power
  // must exceed it.
  return checkNumber('power', power, {
    min: alpha,
    max: 1,
    exclusiveMin: true,
    exclusiveMax: true,
    hint: `${fn} solves for a power above the level alpha = ${alpha} (${alternative}) and below 1, e.g. 0.8.`,
  });
}

/**
 * Treated-arm size (control = ratio x treated) at which the two-proportion z-test reaches the
 * wanted power: the root of the power equation solved to machine precision, i.e. statsmodels
 * `NormalIndPower().solve_power(effect_size=h, nobs1=None, alpha, power, ratio, alternative)`
 * (which stops its root search near 1e-8 relative). `sizesRoundedUp` gives whole customers. O(1)
 * (at most 400 bisection steps).
 * Source: Cohen (1988), ch. 6; statsmodels `NormalIndPower`.
 * @param options - See {@link TwoProportionSampleSizeOptions}.
 * @returns The plan with the solved sizes.
 * @throws CrmError `INVALID_OPTION` (also equal rates, or an effect in the wrong direction for a
 * one-sided alternative).
 * @example
 * twoProportionSampleSize({ controlRate: 0.1, treatedRate: 0.12 }).sizesRoundedUp; // => [3835, 3835]
 */
export function twoProportionSampleSize(options: TwoProportionSampleSizeOptions): TwoProportionPlan {
  const o = resolveOptions('twoProportionSampleSize', { ...PLAN_DEFAULTS, power: 0.8 }, options, ['controlRate', 'treatedRate']);
  const p = readPlan(o);
  const h = cohensH(o.treatedRate, o.controlRate);
  const power = readPower('twoProportionSampleSize', o.power, p.alpha, p.alternative);
  checkReachable('twoProportionSampleSize', h, p);
  const f = (n: number) => powerOf(h, n, p.ratio, p.alpha, p.alternative) - power;
  let hi = 1;
  while (f(hi) < 0 && hi < 1e300) hi *= 2;
  if (f(hi) < 0) {
    throw new CrmError('INVALID_OPTION', `twoProportionSampleSize: the effect (Cohen's h ${h}) is too small for any finite sample to reach power ${power}.`, { option: 'treatedRate' });
  }
  const n1 = solveIncreasing(f, 0, hi);
  return plan(o.controlRate, o.treatedRate, h, n1, powerOf(h, n1, p.ratio, p.alpha, p.alternative), p);
}

/** Options of {@link minimumDetectableEffect}. */
export interface MinimumDetectableEffectOptions extends PlanningOptions {
  controlRate: number;
  /** Customers in the treated arm (the control arm has ratio x as many). */
  treatedSize: number;
  /** Wanted power, in (alpha, 1). @defaultValue 0.8 */
  power?: number;
}

/**
 * Minimum detectable effect: the smallest Cohen's h the planned test detects with the wanted
 * power (statsmodels `NormalIndPower().solve_power(effect_size=None, nobs1, alpha, power, ratio,
 * alternative)`, solved to machine precision), turned back into the treated rate it means:
 * sin(asin(sqrt(controlRate)) + h/2)^2. Positive for 'twoSided' and 'larger', negative for
 * 'smaller'. O(1).
 * Source: Cohen (1988), ch. 6.
 * @param options - See {@link MinimumDetectableEffectOptions}.
 * @returns The plan, whose treatedRate and difference are the detectable ones.
 * @throws CrmError `INVALID_OPTION` (also when even a rate of 1 (or 0 for 'smaller') would not be detectable with that many customers).
 * @example
 * minimumDetectableEffect({ controlRate: 0.1, treatedSize: 3835 }).treatedRate.toFixed(4); // => '0.1200'
 */
export function minimumDetectableEffect(options: MinimumDetectableEffectOptions): TwoProportionPlan {
  const o = resolveOptions('minimumDetectableEffect', { ...PLAN_DEFAULTS, power: 0.8 }, options, ['controlRate', 'treatedSize']);
  const p = readPlan(o);
  checkNumber('controlRate', o.controlRate, { min: 0, max: 1 });
  const n1 = checkNumber('treatedSize', o.treatedSize, { min: 0, exclusiveMin: true });
  const power = readPower('minimumDetectableEffect', o.power, p.alpha, p.alternative);
  const sign = p.alternative === 'smaller' ? -1 : 1;
  const base = Math.asin(Math.sqrt(o.controlRate));
  // The largest |h| a rate can reach from the control rate (treated rate 1, or 0 for 'smaller').
  const limit = sign > 0 ? Math.PI - 2 * base : 2 * base;
  const f = (m: number) => powerOf(sign * m, n1, p.ratio, p.alpha, p.alternative) - power;
  if (!(limit > 0) || f(limit) < 0) {
    throw new CrmError(
      'INVALID_OPTION',
      `minimumDetectableEffect: with treatedSize ${n1} (ratio ${p.ratio}) even a treated rate of ${sign > 0 ? 1 : 0} is not detected with power ${power}. Plan more customers.`,
      { option: 'treatedSize' },
    );
  }
  const m = solveIncreasing(f, 0, limit);
  const h = sign * m;
  const treatedRate = Math.sin(base + h / 2) ** 2;
  return plan(o.controlRate, treatedRate, h, n1, powerOf(h, n1, p.ratio, p.alpha, p.alternative), p);
}

