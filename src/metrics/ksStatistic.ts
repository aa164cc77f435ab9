/**
 * The Kolmogorov-Smirnov statistic of a score: how far apart the score distributions of
 * positives and negatives are.
 * @module
 */
import { rankedCounts, type BinaryLabel } from './input.js';

/** Result of {@link ksStatistic}. */
export interface KsResult {
  /** max over thresholds of |TPR - FPR|, in [0, 1]. */
  readonly statistic: number;
  /** The (highest) score at which the maximum is reached: call positive when score >= threshold. */
  readonly threshold: number;
}

/**
 * KS statistic used in credit and churn scoring: the largest gap between the cumulative score
 * distributions of positives and negatives, i.e. max |TPR - FPR| over all cut-offs. Ties form one
 * step, so the result ignores row order. O(n log n).
 * Source: equals scipy's two-sample `ks_2samp(scores[y = 1], scores[y = 0]).statistic`;
 * Siddiqi (2006), Credit Risk Scorecards, ch. 6.
 * @param labels - 1 (or true) = positive, 0 (or false) = negative; length n.
 * @param scores - Finite; length n.
 * @returns The statistic and the threshold where it is reached.
 * @throws CrmError `SINGLE_CLASS`, `NOT_BINARY`, `NON_FINITE`, `LENGTH_MISMATCH`, `EMPTY_INPUT`.
 * @example
 * ksStatistic([1, 1, 0, 0], [0.9, 0.6, 0.7, 0.1]); // => { statistic: 0.5, threshold: 0.9 }
 */
export function ksStatistic(labels: ArrayLike<BinaryLabel>, scores: ArrayLike<number>): KsResult {
  const { thresholds, truePositives: tp, falsePositives: fp, positives, negatives } = rankedCounts('ksStatistic', labels, scores);
  let best = -1;
  let at = thresholds[0]!;
  for (let k = 0; k < tp.length; k++) {
    // Compare in integer units (|tp N - fp P|) so equal gaps tie exactly and the first wins.
    const gap = Math.abs(tp[k]! * negatives - fp[k]! * positives);
    if (gap > best) {
      best = gap;
      at = thresholds[k]!;
    }
  }
  return { statistic: best / (positives * negatives), threshold: at };
}
