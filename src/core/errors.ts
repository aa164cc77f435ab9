/**
 * The one error class of crm-mining, with stable codes. Codes are public API: they are listed in
 * docs/errors.md and never renamed.
 * @module
 */

/** Every error code, with what it means and what to do. The docs table is generated from this list. */
export const ERROR_CODES = {
  EMPTY_INPUT: 'The data has no rows (or no usable rows). Pass at least one row; check filters applied before the call.',
  INVALID_INPUT: 'The data has the wrong shape or type (not an array, a row that is not an object, a value of the wrong type). Fix the value the message names.',
  INVALID_OPTION: 'An option is out of range, of the wrong type, or unknown. The message gives the accepted range and the value received.',
  NON_FINITE: 'A number is NaN or Infinity. The message names the row and column; clean or drop those rows before the call.',
  RAGGED_ROWS: 'Rows have different lengths. Every row of a matrix must have as many columns as the first.',
  LENGTH_MISMATCH: 'Two inputs that must have the same length do not (features and labels, labels and scores, weights).',
  MISSING_VALUE: 'A required value (customer id, label, feature) is null, undefined or empty. Fill it, or use the option the message names to drop such rows.',
  INVALID_DATE: 'A date is neither a Date, epoch milliseconds, nor an ISO-8601 string, or it is an invalid date. Locale strings such as 03/04/2024 are refused because they are ambiguous.',
  INVALID_ORDER: 'Dates are in an impossible order: lines dated after the cut (asOf, to, observationEnd; pass laterLines: "drop" to leave them out, counted), a cut before the first order, calibration end before the first purchase, to before from.',
  NEGATIVE_VALUE: 'A negative amount, weight or value where the method needs non-negative ones (for example returns with returns: "refuse").',
  SINGLE_CLASS: 'Labels hold only one class where the method needs two (AUC, logistic regression).',
  NOT_BINARY: 'Labels hold more than two classes where the method is binary.',
  UNKNOWN_CATEGORY: 'A categorical value at prediction time was never seen in training, and the model was asked to refuse such values.',
  RANK_DEFICIENT: 'The design matrix is rank-deficient (a constant column, duplicated or collinear columns). The message names the columns to drop.',
  PERFECT_SEPARATION: 'The classes are perfectly separated by the features, so unpenalised maximum likelihood has no finite solution. Add an L2 penalty or drop the named columns.',
  TOO_LARGE: 'The run would need more memory than the limit allows. The message gives the estimate and the option to raise, or suggests a sample.',
  LIMIT_EXCEEDED: 'A result limit (maxItemsets, maxRules) was reached. The message says how many were found so far and which option to raise.',
  ABORTED: 'The run was stopped through its AbortSignal. Runs are synchronous: the signal is read at each progress point, so abort it from inside onProgress (for example on a deadline) or run the call in a Worker (docs/progress.md). Parallel runs (forecastManyParallel) also stop at once on abort.',
  INVALID_MODEL: 'A model or result object is not of the expected kind or version, or its content is damaged (an index out of range, a cycle, a number that is not finite, arrays of the wrong length), for example after a damaged JSON round trip. Refit, or restore the saved JSON.',
  WRONG_RESULT_KIND: 'A function was given the result of another function. The message names the function that produces what it needs.',
  TOO_SHORT: 'A series is too short for the method (fewer values than it needs, or too few for the seasonal period). The message says how many are needed and which method or option to use instead.',
  NOT_CONVERGED: 'A fit could not produce a usable result (every start failed). Diagnostics say what to try.',
  WORKER_FAILED: 'A worker thread of a parallel run could not start or stopped (its script not found next to the module, a worker crashed or ran out of memory). The message gives the cause; the sequential function gives the same result in one thread.',
} as const;

/** A stable error code; see {@link ERROR_CODES}. */
export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * The error every crm-mining function throws on bad input. `code` is stable; `details` holds the
 * offending option, row or column where known.
 *
 * @example
 * try { throw new CrmError("EMPTY_INPUT", "no rows"); } catch (e) { (e as CrmError).code; } // => "EMPTY_INPUT"
 */
export class CrmError extends Error {
  override name = 'CrmError';
  /** The stable code, see {@link ERROR_CODES}. */
  readonly code: ErrorCode;
  /** Machine-readable context: option name, row, column, value. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

/**
 * True when `e` is a {@link CrmError}, optionally of the given code. O(1).
 * @example
 * isCrmError(new CrmError('SINGLE_CLASS', 'only one class'), 'SINGLE_CLASS'); // => true
 */
export function isCrmError(e: unknown, code?: ErrorCode): e is CrmError {
  return e instanceof CrmError && (code === undefined || e.code === code);
}

/** Short, safe rendering of a received value for error messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'function') return 'a function';
  return `a ${Object.prototype.toString.call(value).slice(8, -1)}`;
}
