/**
 * Option and input checks shared by every capability. Each throws a {@link CrmError} whose message
 * names the option, the accepted range, the value received and what to do.
 * @module
 */
import { CrmError, describeValue } from './errors.js';
import { closestKey } from './accessor.js';

/** Bounds for a numeric option; `exclusive*` turn the bound into a strict inequality. */
export interface NumberBounds {
  min?: number;
  max?: number;
  exclusiveMin?: boolean;
  exclusiveMax?: boolean;
  /** Appended to the message, e.g. "To give a count of baskets, use minCount instead." */
  hint?: string;
}

function rangeText(b: NumberBounds): string {
  const lo = b.min === undefined ? '(-Infinity' : `${b.exclusiveMin ? '(' : '['}${b.min}`;
  const hi = b.max === undefined ? 'Infinity)' : `${b.max}${b.exclusiveMax ? ')' : ']'}`;
  return `${lo}, ${hi}`;
}

function invalid(name: string, expected: string, value: unknown, hint?: string): CrmError {
  return new CrmError(
    'INVALID_OPTION',
    `${name} must be ${expected}; got ${describeValue(value)}.${hint ? ` ${hint}` : ''}`,
    { option: name, value },
  );
}

/**
 * A finite number within bounds.
 * @throws CrmError `INVALID_OPTION`
 * @example
 * checkNumber('minConfidence', 0.3, { min: 0, max: 1 }); // => 0.3
 */
export function checkNumber(name: string, value: unknown, bounds: NumberBounds = {}): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (bounds.min === undefined || (bounds.exclusiveMin ? value > bounds.min : value >= bounds.min)) &&
    (bounds.max === undefined || (bounds.exclusiveMax ? value < bounds.max : value <= bounds.max));
  if (!ok) throw invalid(name, `a finite number in ${rangeText(bounds)}`, value, bounds.hint);
  return value as number;
}

/**
 * An integer within bounds.
 * @throws CrmError `INVALID_OPTION`
 * @example
 * checkInteger('k', 3, { min: 1, max: 10 }); // => 3
 */
export function checkInteger(name: string, value: unknown, bounds: NumberBounds = {}): number {
  try {
    if (typeof value !== 'number' || !Number.isInteger(value)) throw new Error();
    return checkNumber(name, value, bounds);
  } catch {
    throw invalid(name, `an integer in ${rangeText(bounds)}`, value, bounds.hint);
  }
}

/**
 * One of a fixed set of strings.
 * @throws CrmError `INVALID_OPTION`
 * @example
 * checkOneOf('linkage', 'ward', ['single', 'ward']); // => 'ward'
 */
export function checkOneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalid(name, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`, value);
  }
  return value as T;
}

/**
 * A boolean.
 * @throws CrmError `INVALID_OPTION`
 * @example
 * checkBoolean('closed', false); // => false
 */
export function checkBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw invalid(name, 'true or false', value);
  return value;
}

/**
 * A function (an accessor or a callback).
 * @throws CrmError `INVALID_OPTION`
 * @example
 * typeof checkFunction('customer', (o: { id: string }) => o.id); // => 'function'
 */
export function checkFunction<F extends (...args: never[]) => unknown>(name: string, value: unknown): F {
  if (typeof value !== 'function') throw invalid(name, 'a function', value);
  return value as F;
}

/**
 * Merges caller options over frozen defaults, refusing anything that is not a plain object and any
 * key the function does not know (a typo such as `maxIter` fails loudly instead of being ignored, with
 * the closest known key suggested).
 * `undefined` values fall back to the default.
 * @throws CrmError `INVALID_OPTION`
 * @example
 * resolveOptions('fitKMeans', { nInit: 4, seed: 0 }, { seed: 7 }); // => { nInit: 4, seed: 7 }
 */
export function resolveOptions<D extends object, O extends object>(
  fn: string,
  defaults: D,
  options: O | undefined,
  extraKeys: readonly string[] = [],
): D & O {
  if (options === undefined || options === null) return { ...defaults } as D & O;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new CrmError('INVALID_OPTION', `${fn}: options must be an object; got ${describeValue(options)}.`, {
      option: 'options',
    });
  }
  const known = new Set([...Object.keys(defaults), ...extraKeys]);
  const out = { ...defaults } as Record<string, unknown>;
  for (const key of Object.keys(options)) {
    if (!known.has(key)) {
      // A near miss (two edits) first, then an abbreviation such as maxIter for maxIterations.
      const guess = closestKey(key, [...known]) ?? (key.length >= 3 ? [...known].find((k) => k.toLowerCase().startsWith(key.toLowerCase())) : undefined);
      throw new CrmError(
        'INVALID_OPTION',
        `${fn}: unknown option '${key}'.${guess ? ` Did you mean '${guess}'?` : ''} Known options: ${[...known].sort().join(', ')}.`,
        guess ? { option: key, suggestion: guess } : { option: key },
      );
    }
    const v = (options as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = v;
  }
  return out as D & O;
}

/**
 * An array (optionally non-empty); the message names the argument.
 * @throws CrmError `INVALID_INPUT`, `EMPTY_INPUT`
 * @example
 * checkArray('baskets', [['milk']], { nonEmpty: true }).length; // => 1
 */
export function checkArray<T = unknown>(name: string, value: unknown, opts: { nonEmpty?: boolean } = {}): readonly T[] {
  if (!Array.isArray(value)) {
    throw new CrmError('INVALID_INPUT', `${name} must be an array; got ${describeValue(value)}.`, { argument: name });
  }
  if (opts.nonEmpty && value.length === 0) {
    throw new CrmError('EMPTY_INPUT', `${name} is empty; pass at least one row.`, { argument: name });
  }
  return value as readonly T[];
}

/**
 * Two lengths that must agree.
 * @throws CrmError `LENGTH_MISMATCH`
 * @example
 * checkSameLength('labels', 3, 'scores', 3); // => undefined
 */
export function checkSameLength(nameA: string, a: number, nameB: string, b: number): void {
  if (a !== b) {
    throw new CrmError('LENGTH_MISMATCH', `${nameA} has ${a} entries but ${nameB} has ${b}; they must match.`, {
      [nameA]: a,
      [nameB]: b,
    });
  }
}

/**
 * Throws `ABORTED` when the signal has fired; call it between units of work in long runs.
 * @throws CrmError `ABORTED`
 * @example
 * throwIfAborted(undefined); // => undefined
 */
export function throwIfAborted(signal: AbortSignal | undefined, what = 'the run'): void {
  if (signal?.aborted) {
    throw new CrmError('ABORTED', `${what} was aborted through its AbortSignal.`, { reason: signal.reason });
  }
}

/**
 * Sample weights: absent means all ones; otherwise finite, non-negative, not all zero.
 * @throws CrmError `INVALID_INPUT`, `LENGTH_MISMATCH`, `NON_FINITE`, `NEGATIVE_VALUE`
 * @example
 * Array.from(checkWeights(undefined, 2)); // => [1, 1]
 */
export function checkWeights(weights: ArrayLike<number> | undefined, n: number, name = 'weights'): Float64Array {
  const out = new Float64Array(n);
  if (weights === undefined) return out.fill(1);
  if (weights === null || typeof weights !== 'object' || typeof weights.length !== 'number') {
    throw new CrmError('INVALID_INPUT', `${name} must be an array of numbers; got ${describeValue(weights)}.`, {
      argument: name,
    });
  }
  checkSameLength(name, weights.length, 'rows', n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (typeof w !== 'number' || !Number.isFinite(w)) {
      throw new CrmError('NON_FINITE', `${name}[${i}] is ${describeValue(w)}; weights must be finite numbers.`, {
        argument: name,
        row: i,
      });
    }
    if (w < 0) {
      throw new CrmError('NEGATIVE_VALUE', `${name}[${i}] is ${w}; weights must be >= 0.`, { argument: name, row: i });
    }
    out[i] = w;
    total += w;
  }
  if (total === 0) {
    throw new CrmError('INVALID_INPUT', `${name} are all zero; at least one row needs a positive weight.`, {
      argument: name,
    });
  }
  return out;
}
