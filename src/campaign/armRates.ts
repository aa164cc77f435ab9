/**
 * Conversion rate of each arm of a campaign, from one row per customer.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { checkOneOf, checkSameLength, resolveOptions } from '../core/validate.js';
import { readConfidence, readFlags, type BinaryFlag } from './input.js';
import { intervalBounds, PROPORTION_INTERVAL_DEFAULTS, PROPORTION_INTERVAL_METHODS, type ProportionIntervalOptions, type ProportionIntervalMethod } from './proportionInterval.js';

/** An arm label: a treatment flag, an arm number or a name such as 'Mens E-Mail'. */
export type ArmLabel = string | number | boolean;

/** One arm of {@link armRates}. */
export interface ArmRate {
  readonly arm: ArmLabel;
  readonly trials: number;
  readonly successes: number;
  readonly rate: number;
  readonly lower: number;
  readonly upper: number;
}

/** Result of {@link armRates}. */
export interface ArmRates {
  readonly kind: 'armRates';
  readonly method: ProportionIntervalMethod;
  readonly confidence: number;
  /** One entry per distinct arm label: numbers in ascending order (booleans count as 0 and 1), strings in code-unit order. */
  readonly arms: ArmRate[];
}

/**
 * Conversion rate per arm, with a confidence interval (the methods of `proportionInterval`,
 * Wilson by default), from one outcome and one arm label per customer. O(n log arms).
 * @param outcomes - 1 (or true) = converted, 0 = not; length n.
 * @param arms - The arm of each customer: 0/1 treatment flags, arm numbers or names; length n; one
 * type throughout (not a mix of strings and numbers).
 * @param options - See `ProportionIntervalOptions`.
 * @returns Counts, rate and interval per arm.
 * @throws CrmError `EMPTY_INPUT`, `LENGTH_MISMATCH`, `NOT_BINARY`, `MISSING_VALUE` (an outcome or
 * an arm missing), `INVALID_INPUT` (an arm label of another type, or mixed types), `INVALID_OPTION`.
 * @example
 * armRates([1, 0, 0, 1, 0, 0], ['mail', 'mail', 'mail', 'none', 'none', 'none']).arms.map((a) => a.rate.toFixed(3)); // => ['0.333', '0.333']
 */
export function armRates(outcomes: ArrayLike<BinaryFlag>, arms: ArrayLike<ArmLabel>, options?: ProportionIntervalOptions): ArmRates {
  const o = resolveOptions('armRates', PROPORTION_INTERVAL_DEFAULTS, options);
  const method = checkOneOf('method', o.method, PROPORTION_INTERVAL_METHODS);
  const alpha = readConfidence(o.confidence);
  const y = readFlags('armRates', 'outcomes', outcomes, 'outcomes');
  if (!Array.isArray(arms) && !ArrayBuffer.isView(arms)) {
    throw new CrmError('INVALID_INPUT', `armRates: arms must be an array of arm labels; got ${describeValue(arms)}.`, { argument: 'arms' });
  }
  checkSameLength('outcomes', y.length, 'arms', arms.length);
  const groups = new Map<ArmLabel, [number, number]>();
  let type: string | undefined;
  for (let i = 0; i < y.length; i++) {
    const a = arms[i];
    if (a === null || a === undefined || (typeof a === 'number' && Number.isNaN(a))) {
      throw new CrmError('MISSING_VALUE', `armRates: arms[${i}] is ${describeValue(a)}; every customer needs an arm.`, { argument: 'arms', row: i });
    }
    const t = typeof a === 'boolean' ? 'number' : typeof a;
    if ((t !== 'number' && t !== 'string') || (type !== undefined && t !== type) || (typeof a === 'number' && !Number.isFinite(a))) {
      throw new CrmError('INVALID_INPUT', `armRates: arms[${i}] is ${describeValue(a)}; arm labels must be all finite numbers (or booleans) or all strings.`, { argument: 'arms', row: i });
    }
    type = t;
    // Booleans are treatment flags: true is arm 1, false arm 0.
    const key = typeof a === 'boolean' ? Number(a) : a;
    const g = groups.get(key);
    if (g) {
      g[0]++;
      g[1] += y[i]!;
    } else groups.set(key, [1, y[i]!]);
  }
  const labels = [...groups.keys()].sort((a, b) => (typeof a === 'string' ? (a < (b as string) ? -1 : a > (b as string) ? 1 : 0) : Number(a) - Number(b)));
  const out: ArmRate[] = labels.map((arm) => {
    const [trials, successes] = groups.get(arm)!;
    const [lower, upper] = intervalBounds(successes, trials, alpha, method);
    return { arm, trials, successes, rate: successes / trials, lower, upper };
  });
  return { kind: 'armRates', method, confidence: o.confidence, arms: out };
}
