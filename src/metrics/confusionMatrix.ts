/**
 * Confusion matrix and the rates built on it: accuracy, precision, recall, F1.
 * @module
 */
import { readLabels, type BinaryLabel } from './input.js';
import { checkSameLength } from '../core/validate.js';

/** Counts of a binary classification. */
export interface ConfusionMatrix {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly trueNegatives: number;
  readonly falseNegatives: number;
}

function counts(fn: string, labels: ArrayLike<BinaryLabel>, predicted: ArrayLike<BinaryLabel>): ConfusionMatrix {
  const y = readLabels(fn, labels);
  const p = readLabels(fn, predicted, 'predicted');
  checkSameLength('labels', y.length, 'predicted', p.length);
  let tp = 0, fp = 0, tn = 0, fn_ = 0;
  for (let i = 0; i < y.length; i++) {
    if (p[i] === 1) {
      if (y[i] === 1) tp++;
      else fp++;
    } else if (y[i] === 1) fn_++;
    else tn++;
  }
  return { truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn_ };
}

/**
 * Counts of true/false positives/negatives. To cut scores at a threshold first, map them:
 * `scores.map((s) => (s >= 0.5 ? 1 : 0))`. O(n).
 * Source: the standard 2x2 contingency table (scikit-learn's `confusion_matrix` for labels [0, 1]).
 * @param labels - True classes, 0/1 or booleans; length n.
 * @param predicted - Predicted classes, 0/1 or booleans; length n.
 * @returns The four counts.
 * @throws CrmError `NOT_BINARY`, `LENGTH_MISMATCH`, `EMPTY_INPUT`, `MISSING_VALUE`.
 * @example
 * confusionMatrix([1, 0, 1, 0], [1, 1, 0, 0]); // => { truePositives: 1, falsePositives: 1, trueNegatives: 1, falseNegatives: 1 }
 */
export function confusionMatrix(labels: ArrayLike<BinaryLabel>, predicted: ArrayLike<BinaryLabel>): ConfusionMatrix {
  return counts('confusionMatrix', labels, predicted);
}

/**
 * Share of rows classified correctly. O(n).
 * Source: scikit-learn's `accuracy_score`.
 * @param labels - True classes, 0/1 or booleans; length n.
 * @param predicted - Predicted classes, 0/1 or booleans; length n.
 * @returns (TP + TN) / n.
 * @throws CrmError `NOT_BINARY`, `LENGTH_MISMATCH`, `EMPTY_INPUT`, `MISSING_VALUE`.
 * @example
 * accuracy([1, 0, 1, 0], [1, 0, 0, 0]); // => 0.75
 */
export function accuracy(labels: ArrayLike<BinaryLabel>, predicted: ArrayLike<BinaryLabel>): number {
  const c = counts('accuracy', labels, predicted);
  return (c.truePositives + c.trueNegatives) / (c.truePositives + c.trueNegatives + c.falsePositives + c.falseNegatives);
}

/**
 * Precision: of the rows predicted positive, the share that are positive. 0 when nothing is
 * predicted positive (scikit-learn's `zero_division` default). O(n).
 * Source: scikit-learn's `precision_score`.
 * @param labels - True classes, 0/1 or booleans; length n.
 * @param predicted - Predicted classes, 0/1 or booleans; length n.
 * @returns TP / (TP + FP), or 0.
 * @throws CrmError `NOT_BINARY`, `LENGTH_MISMATCH`, `EMPTY_INPUT`, `MISSING_VALUE`.
 * @example
 * precision([1, 0, 1, 0], [1, 1, 0, 0]); // => 0.5
 */
export function precision(labels: ArrayLike<BinaryLabel>, predicted: ArrayLike<BinaryLabel>): number {
  const c = counts('precision', labels, predicted);
  const d = c.truePositives + c.falsePositives;
  return d === 0 ? 0 : c.truePositives / d;
}

/**
 * Recall (sensitivity, true-positive rate): of the positive rows, the share predicted positive.
 * 0 when there are no positives. O(n).
 * Source: scikit-learn's `recall_score`.
 * @param labels - True classes, 0/1 or booleans; length n.
 * @param predicted - Predicted classes, 0/1 or booleans; length n.
 * @returns TP / (TP + FN), or 0.
 * @throws CrmError `NOT_BINARY`, `LENGTH_MISMATCH`, `EMPTY_INPUT`, `MISSING_VALUE`.
 * @example
 * recall([1, 0, 1, 1], [1, 0, 0, 1]); // => 0.6666666666666666
 */
export function recall(labels: ArrayLike<BinaryLabel>, predicted: ArrayLike<BinaryLabel>): number {
  const c = counts('recall', labels, predicted);
  const d = c.truePositives + c.falseNegatives;
  return d === 0 ? 0 : c.truePositives / d;
}

/**
 * F1: the harmonic mean of precision and recall, 2TP / (2TP + FP + FN); 0 when that is 0 / 0. O(n).
 * Source: van Rijsbergen (1979), Information Retrieval; scikit-learn's `f1_score`.
 * @param labels - True classes, 0/1 or booleans; length n.
 * @param predicted - Predicted classes, 0/1 or booleans; length n.
 * @returns F1 in [0, 1].
 * @throws CrmError `NOT_BINARY`, `LENGTH_MISMATCH`, `EMPTY_INPUT`, `MISSING_VALUE`.
 * @example
 * f1([1, 0, 1, 1], [1, 1, 0, 1]); // => 0.6666666666666666
 */
export function f1(labels: ArrayLike<BinaryLabel>, predicted: ArrayLike<BinaryLabel>): number {
  const c = counts('f1', labels, predicted);
  const d = 2 * c.truePositives + c.falsePositives + c.falseNegatives;
  return d === 0 ? 0 : (2 * c.truePositives) / d;
}
