/**
 * Average precision and the precision-recall curve.
 * @module
 */
import { rankedCounts, type BinaryLabel, type RankingOptions } from './input.js';

/**
 * Average precision: the precision at each distinct score, weighted by the recall it adds
 * (a step-wise area under the precision-recall curve, no interpolation). Tied scores form one
 * step. O(n log n).
 * Source: scikit-learn's `average_precision_score`; Manning, Raghavan and Schütze (2008),
 * Introduction to Information Retrieval, section 8.4.
 * @param labels - 1 (or true) = positive, 0 (or false) = negative; length n.
 * @param scores - Higher means more likely positive; finite; length n.
 * @param options - `weights`: sample weights (scikit-learn's `sample_weight`); see {@link RankingOptions}.
 * @returns AP in [0, 1]; the share of positives when the scores carry no information.
 * @throws CrmError `SINGLE_CLASS` (no positives or no negatives), `NOT_BINARY`, `NON_FINITE`,
 * `LENGTH_MISMATCH`, `EMPTY_INPUT`; for `weights`: `NEGATIVE_VALUE`, `NON_FINITE`, `INVALID_INPUT` (all zero), and `SINGLE_CLASS` when one class has no weight.
 * @example
 * averagePrecision([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1]); // => 0.8333333333333333
 */
export function averagePrecision(labels: ArrayLike<BinaryLabel>, scores: ArrayLike<number>, options?: RankingOptions): number {
  const { truePositives: tp, falsePositives: fp, positives } = rankedCounts('averagePrecision', labels, scores, options);
  let ap = 0;
  let prevTp = 0;
  for (let k = 0; k < tp.length; k++) {
    if (tp[k] !== prevTp) ap += ((tp[k]! - prevTp) / positives) * (tp[k]! / (tp[k]! + fp[k]!));
    prevTp = tp[k]!;
  }
  return ap;
}

/** Precision-recall curve points, one per distinct score, by decreasing threshold. */
export interface PrCurve {
  /** Share of rows called positive that are positive. */
  readonly precision: number[];
  /** Share of all positives called positive; rises to 1. */
  readonly recall: number[];
  /** Rows scoring >= threshold are called positive; decreasing. */
  readonly thresholds: number[];
}

/**
 * The precision-recall curve: precision and recall when everything scoring at or above each
 * distinct score is called positive. Unlike scikit-learn it keeps the points after recall reaches
 * 1 and adds no artificial (recall 0, precision 1) point. O(n log n).
 * Source: Davis and Goadrich (2006), "The relationship between precision-recall and ROC curves", ICML.
 * @param labels - 1 (or true) = positive, 0 (or false) = negative; length n.
 * @param scores - Higher means more likely positive; finite; length n.
 * @param options - `weights`: sample weights (scikit-learn's `sample_weight`); see {@link RankingOptions}.
 * @returns Parallel arrays, one entry per distinct score.
 * @throws CrmError `SINGLE_CLASS`, `NOT_BINARY`, `NON_FINITE`, `LENGTH_MISMATCH`, `EMPTY_INPUT`; for `weights`: `NEGATIVE_VALUE`, `NON_FINITE`, `INVALID_INPUT` (all zero), and `SINGLE_CLASS` when one class has no weight.
 * @example
 * prCurve([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1]).precision; // => [1, 0.5, 0.6666666666666666, 0.5]
 */
export function prCurve(labels: ArrayLike<BinaryLabel>, scores: ArrayLike<number>, options?: RankingOptions): PrCurve {
  const { thresholds, truePositives: tp, falsePositives: fp, positives } = rankedCounts('prCurve', labels, scores, options);
  const precision: number[] = [];
  const recall: number[] = [];
  for (let k = 0; k < tp.length; k++) {
    precision.push(tp[k]! / (tp[k]! + fp[k]!));
    recall.push(tp[k]! / positives);
  }
  return { precision, recall, thresholds: Array.from(thresholds) };
}
