/**
 * Input checks of the campaign functions: arm counts, 0/1 outcomes and treatment flags, finite
 * scores, and the confidence level.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { checkNumber, checkSameLength } from '../core/validate.js';

/** The result of one arm: how many of its `trials` customers converted (`successes`). */
export interface ArmCounts {
  /** Customers who converted (responded, bought); an integer in [0, trials]. */
  readonly successes: number;
  /** Customers in the arm; a positive integer. */
  readonly trials: number;
}

/** A 0/1 value: 1 (or `true`) = converted / treated, 0 (or `false`) = not. */
export type BinaryFlag = number | boolean;

/**
 * Checks one arm's counts: integers, 0 <= successes <= trials, trials >= 1. O(1).
 * @throws CrmError `INVALID_INPUT`, `NON_FINITE`, `NEGATIVE_VALUE`, `EMPTY_INPUT`
 * @example
 * readCounts('proportionInterval', 'arm', { successes: 3, trials: 10 }); // => { successes: 3, trials: 10 }
 */
export function readCounts(fn: string, name: string, counts: unknown): ArmCounts {
  if (counts === null || typeof counts !== 'object' || Array.isArray(counts)) {
    throw new CrmError('INVALID_INPUT', `${fn}: ${name} must be { successes, trials }; got ${describeValue(counts)}.`, { argument: name });
  }
  const c = counts as Record<string, unknown>;
  const out: Record<string, number> = {};
  for (const key of ['successes', 'trials'] as const) {
    const v = c[key];
    if (typeof v !== 'number') {
      throw new CrmError('INVALID_INPUT', `${fn}: ${name}.${key} must be a number; got ${describeValue(v)}.`, { argument: name, field: key });
    }
    if (!Number.isFinite(v)) {
      throw new CrmError('NON_FINITE', `${fn}: ${name}.${key} is ${v}; counts must be finite integers.`, { argument: name, field: key });
    }
    if (v < 0) {
      throw new CrmError('NEGATIVE_VALUE', `${fn}: ${name}.${key} is ${v}; counts cannot be negative.`, { argument: name, field: key });
    }
    if (!Number.isInteger(v)) {
      throw new CrmError('INVALID_INPUT', `${fn}: ${name}.${key} is ${v}; counts must be whole numbers of customers. Round weighted counts yourself if that is what you mean.`, {
        argument: name,
        field: key,
      });
    }
    out[key] = v;
  }
  if (out.trials === 0) {
    throw new CrmError('EMPTY_INPUT', `${fn}: ${name} has 0 trials; an arm needs at least one customer.`, { argument: name });
  }
  if (out.successes! > out.trials!) {
    throw new CrmError('INVALID_INPUT', `${fn}: ${name} has ${out.successes} successes out of ${out.trials} trials; successes cannot exceed trials.`, {
      argument: name,
    });
  }
  return { successes: out.successes!, trials: out.trials! };
}

/**
 * A confidence level strictly between 0 and 1; returns alpha = 1 - confidence. O(1).
 * @throws CrmError `INVALID_OPTION`
 * @example
 * readConfidence(0.9).toFixed(2); // => '0.10'
 */
export function readConfidence(confidence: unknown): number {
  checkNumber('confidence', confidence, { min: 0, max: 1, exclusiveMin: true, exclusiveMax: true, hint: 'Give a level such as 0.95, not a percentage.' });
  return 1 - (confidence as number);
}

/**
 * 0/1 flags (outcomes or treatment) as bytes; anything but 0, 1, true, false is refused with its row. O(n).
 * @throws CrmError `INVALID_INPUT`, `EMPTY_INPUT`, `NOT_BINARY`, `MISSING_VALUE`
 * @example
 * Array.from(readFlags('qiniCurve', 'treatment', [1, false, true])); // => [1, 0, 1]
 */
export function readFlags(fn: string, name: string, values: unknown, what = 'flags'): Uint8Array {
  if (!Array.isArray(values) && !ArrayBuffer.isView(values)) {
    throw new CrmError('INVALID_INPUT', `${fn}: ${name} must be an array of 0/1 (or booleans); got ${describeValue(values)}.`, { argument: name });
  }
  const arr = values as ArrayLike<unknown>;
  const n = arr.length;
  if (n === 0) throw new CrmError('EMPTY_INPUT', `${fn}: ${name} is empty; pass at least one row.`, { argument: name });
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = arr[i];
    if (v === 1 || v === true) out[i] = 1;
    else if (v === 0 || v === false) out[i] = 0;
    else if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) {
      throw new CrmError('MISSING_VALUE', `${fn}: ${name}[${i}] is ${describeValue(v)}; every row needs a 0/1 ${what}. Drop such rows first.`, {
        argument: name,
        row: i,
      });
    } else {
      throw new CrmError('NOT_BINARY', `${fn}: ${name}[${i}] is ${describeValue(v)}; ${what} must be 0 or 1 (or booleans). Recode them to 0/1 first.`, {
        argument: name,
        row: i,
      });
    }
  }
  return out;
}

/**
 * Finite scores of a given length. O(n).
 * @throws CrmError `INVALID_INPUT`, `LENGTH_MISMATCH`, `NON_FINITE`
 * @example
 * Array.from(readScores('qiniCurve', [0.2, -0.1], 2)); // => [0.2, -0.1]
 */
export function readScores(fn: string, scores: unknown, n: number, name = 'uplift'): Float64Array {
  if (!Array.isArray(scores) && !ArrayBuffer.isView(scores)) {
    throw new CrmError('INVALID_INPUT', `${fn}: ${name} must be an array of numbers; got ${describeValue(scores)}.`, { argument: name });
  }
  const arr = scores as ArrayLike<unknown>;
  checkSameLength('outcomes', n, name, arr.length);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = arr[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new CrmError(typeof v === 'number' ? 'NON_FINITE' : 'INVALID_INPUT', `${fn}: ${name}[${i}] is ${describeValue(v)}; scores must be finite numbers. Clean or drop that row.`, {
        argument: name,
        row: i,
      });
    }
    out[i] = v;
  }
  return out;
}

/**
 * Outcomes and treatment flags of the same length, with both arms present. O(n).
 * @throws CrmError `INVALID_INPUT`, `EMPTY_INPUT`, `NOT_BINARY`, `MISSING_VALUE`, `LENGTH_MISMATCH`, `SINGLE_CLASS`
 * @example
 * readCampaign('qiniCurve', [1, 0], [1, 0]).treated; // => 1
 */
export function readCampaign(fn: string, outcomes: unknown, treatment: unknown): { y: Uint8Array; w: Uint8Array; treated: number; control: number } {
  const y = readFlags(fn, 'outcomes', outcomes, 'outcomes');
  const w = readFlags(fn, 'treatment', treatment, 'treatment flags');
  checkSameLength('outcomes', y.length, 'treatment', w.length);
  let treated = 0;
  for (let i = 0; i < w.length; i++) treated += w[i]!;
  const control = w.length - treated;
  if (treated === 0 || control === 0) {
    throw new CrmError(
      'SINGLE_CLASS',
      `${fn}: treatment holds only ${treated === 0 ? 'control rows (0)' : 'treated rows (1)'} (${w.length} rows); uplift compares the two arms, so both are needed.`,
      { treated, control },
    );
  }
  return { y, w, treated, control };
}
