/**
 * Scores of predicted probabilities: log-loss and the Brier score.
 * @module
 */
import { checkNumber, resolveOptions } from '../core/validate.js';
import { compensatedSum, readLabels, readProbabilities, type BinaryLabel } from './input.js';

/** Options of {@link logLoss}. */
export interface LogLossOptions {
  /**
   * Probabilities are clipped to [eps, 1 - eps] so a confident mistake costs -log(eps) instead of
   * Infinity. The default is the float64 machine epsilon, 2^-52 (scikit-learn 1.2's `eps='auto'`).
   * With `eps: 0` a confident mistake (p = 0 for a positive, 1 for a negative) makes the loss
   * Infinity, as in scikit-learn.
   * @defaultValue Number.EPSILON
   */
  eps?: number;
}

const LOG_LOSS_DEFAULTS = Object.freeze({ eps: Number.EPSILON });

/**
 * Mean negative log-likelihood of the labels under the predicted probabilities (cross-entropy):
 * -mean(y log p + (1 - y) log(1 - p)). Lower is better. O(n).
 * Source: scikit-learn's `log_loss`; Good (1952), "Rational decisions", JRSS B 14(1).
 * @param labels - 0/1 or booleans; length n. One class is allowed.
 * @param probabilities - Predicted P(y = 1) in [0, 1]; length n.
 * @param options - See {@link LogLossOptions}.
 * @returns The mean log-loss (nats); Infinity only with `eps: 0` and a confident mistake.
 * @throws CrmError `INVALID_INPUT` (probability outside [0, 1]), `NON_FINITE`, `NOT_BINARY`,
 * `LENGTH_MISMATCH`, `EMPTY_INPUT`, `INVALID_OPTION`.
 * @example
 * logLoss([1, 0], [0.8, 0.4]); // => 0.367
 */
export function logLoss(labels: ArrayLike<BinaryLabel>, probabilities: ArrayLike<number>, options?: LogLossOptions): number {
  const o = resolveOptions('logLoss', LOG_LOSS_DEFAULTS, options);
  const eps = checkNumber('eps', o.eps, { min: 0, max: 0.5, exclusiveMax: true });
  const y = readLabels('logLoss', labels);
  const p = readProbabilities('logLoss', probabilities, y.length);
  const terms = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(Math.max(p[i]!, eps), 1 - eps);
    terms[i] = y[i] === 1 ? -Math.log(q) : -Math.log1p(-q);
    // Only possible with eps = 0; the compensated sum would turn Infinity - Infinity into NaN.
    if (terms[i] === Infinity) return Infinity;
  }
  return compensatedSum(terms) / y.length;
}

/**
 * Brier score: the mean squared difference between the predicted probability and the 0/1 outcome.
 * Lower is better; 0.25 for a constant 0.5. O(n).
 * Source: Brier (1950), Monthly Weather Review 78(1); scikit-learn's `brier_score_loss`.
 * @param labels - 0/1 or booleans; length n. One class is allowed.
 * @param probabilities - Predicted P(y = 1) in [0, 1]; length n.
 * @returns mean((p - y)^2).
 * @throws CrmError `INVALID_INPUT` (probability outside [0, 1]), `NON_FINITE`, `NOT_BINARY`,
 * `LENGTH_MISMATCH`, `EMPTY_INPUT`.
 * @example
 * brierScore([1, 0], [0.8, 0.4]); // => 0.1
 */
export function brierScore(labels: ArrayLike<BinaryLabel>, probabilities: ArrayLike<number>): number {
  const y = readLabels('brierScore', labels);
  const p = readProbabilities('brierScore', probabilities, y.length);
  const terms = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const d = p[i]! - y[i]!;
    terms[i] = d * d;
  }
  return compensatedSum(terms) / y.length;
}
