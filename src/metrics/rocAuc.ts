/**
 * Area under the ROC curve and the curve itself.
 * @module
 */
import { rankedCounts, type BinaryLabel, type RankingOptions } from './input.js';

/**
 * Area under the ROC curve: the probability that a random positive scores above a random
 * negative, tied pairs counting one half (the Mann-Whitney U statistic over P * N). Computed from
 * the tie groups of the sorted scores with integer counts, so it is exact up to the final division.
 * With `weights` the counts are sums of weights (the trapezoidal area of the weighted ROC curve,
 * scikit-learn's `roc_auc_score(sample_weight=...)`). O(n log n).
 * Source: Hanley and McNeil (1982), Radiology 143(1); equals scikit-learn's `roc_auc_score`.
 * @param labels - 1 (or true) = positive, 0 (or false) = negative; length n.
 * @param scores - Higher means more likely positive; finite; length n.
 * @param options - `weights`: sample weights (scikit-learn's `sample_weight`); see {@link RankingOptions}.
 * @returns The AUC in [0, 1].
 * @throws CrmError `SINGLE_CLASS` if labels hold one class, `NOT_BINARY`, `NON_FINITE`,
 * `LENGTH_MISMATCH`, `EMPTY_INPUT`; for `weights`: `NEGATIVE_VALUE`, `NON_FINITE`, `INVALID_INPUT` (all zero), and `SINGLE_CLASS` when one class has no weight.
 * @example
 * rocAuc([1, 0, 1, 0], [0.9, 0.5, 0.5, 0.1]); // => 0.875
 */
export function rocAuc(labels: ArrayLike<BinaryLabel>, scores: ArrayLike<number>, options?: RankingOptions): number {
  const { truePositives: tp, falsePositives: fp, positives, negatives } = rankedCounts('rocAuc', labels, scores, options);
  // Twice the area in count units: each step adds (fp growth) * (tp before + tp after), an integer.
  let twice = 0;
  let prevTp = 0;
  let prevFp = 0;
  for (let k = 0; k < tp.length; k++) {
    twice += (fp[k]! - prevFp) * (prevTp + tp[k]!);
    prevTp = tp[k]!;
    prevFp = fp[k]!;
  }
  return twice / (2 * positives * negatives);
}

/** ROC curve points, one per distinct score plus the origin, by decreasing threshold. */
export interface RocCurve {
  /** False-positive rate (1 - specificity) at each threshold; starts at 0, ends at 1. */
  readonly falsePositiveRate: number[];
  /** True-positive rate (recall, sensitivity); starts at 0, ends at 1. */
  readonly truePositiveRate: number[];
  /**
   * Rows scoring >= threshold are called positive. The first is `Infinity` (nobody called
   * positive), as in scikit-learn >= 1.3; `JSON.stringify` writes it as null.
   */
  readonly thresholds: number[];
}

/**
 * The ROC curve: for each distinct score, the share of positives and of negatives scoring at or
 * above it. Tied scores form one point, so the curve does not depend on row order. O(n log n).
 * Source: Fawcett (2006), "An introduction to ROC analysis", Pattern Recognition Letters 27(8);
 * scikit-learn's `roc_curve(..., drop_intermediate=False)`.
 * @param labels - 1 (or true) = positive, 0 (or false) = negative; length n.
 * @param scores - Higher means more likely positive; finite; length n.
 * @param options - `weights`: sample weights (scikit-learn's `sample_weight`); see {@link RankingOptions}.
 * @returns Parallel arrays, one entry per distinct score plus the starting point (0, 0).
 * @throws CrmError `SINGLE_CLASS`, `NOT_BINARY`, `NON_FINITE`, `LENGTH_MISMATCH`, `EMPTY_INPUT`; for `weights`: `NEGATIVE_VALUE`, `NON_FINITE`, `INVALID_INPUT` (all zero), and `SINGLE_CLASS` when one class has no weight.
 * @example
 * rocCurve([1, 0, 1, 0], [0.9, 0.5, 0.5, 0.1]).truePositiveRate; // => [0, 0.5, 1, 1]
 */
export function rocCurve(labels: ArrayLike<BinaryLabel>, scores: ArrayLike<number>, options?: RankingOptions): RocCurve {
  const { thresholds, truePositives: tp, falsePositives: fp, positives, negatives } = rankedCounts('rocCurve', labels, scores, options);
  const m = thresholds.length;
  const fpr = [0];
  const tpr = [0];
  const th = [Infinity];
  for (let k = 0; k < m; k++) {
    fpr.push(fp[k]! / negatives);
    tpr.push(tp[k]! / positives);
    th.push(thresholds[k]!);
  }
  return { falsePositiveRate: fpr, truePositiveRate: tpr, thresholds: th };
}
