/**
 * Cross-validation of any model of this library (or any fit/predict pair).
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { checkSameLength, resolveOptions, checkFunction } from '../core/validate.js';
import { RUN_CONTROL_KEYS, runControl, type RunControl } from '../core/progress.js';
import { rocAuc } from './rocAuc.js';
import type { SplitIndices } from './trainTestSplit.js';

/** The data to cross-validate: rows of features (any row type) and one label per row. */
export interface CrossValidateData<R, L> {
  readonly features: readonly R[];
  readonly labels: readonly L[];
}

/**
 * Options of {@link crossValidate}. `onProgress` is called after each fold (phase `'fold'`, total =
 * the number of folds) and `signal` is read there (see docs/progress.md).
 */
export interface CrossValidateOptions<L> extends RunControl {
  /**
   * Score of one fold from its true labels and predictions; higher or lower is up to the metric.
   * It must return a finite number. @defaultValue rocAuc
   */
  metric?: (labels: L[], predictions: number[]) => number;
}

/** Result of {@link crossValidate}. */
export interface CrossValidateResult {
  /** Per fold: sizes and the metric on its test rows. */
  readonly folds: { readonly fold: number; readonly trainSize: number; readonly testSize: number; readonly score: number }[];
  /** Mean of the fold scores. */
  readonly mean: number;
  /** Population standard deviation of the fold scores (ddof = 0, numpy's default). */
  readonly standardDeviation: number;
  /** Out-of-fold prediction of every row (null for a row in no test fold). */
  readonly predictions: (number | null)[];
}

const CV_DEFAULTS = Object.freeze({ metric: rocAuc as (labels: never[], predictions: number[]) => number });

/**
 * Fits on each fold's training rows, predicts its test rows, and scores them. Works with any model
 * of this library, e.g. `fit = (x, y) => fitLogistic(x, y)`, `predict = predictLogisticProba`.
 * Cost: the folds' fits and predictions, plus O(n) bookkeeping.
 * Source: Stone (1974), "Cross-validatory choice and assessment of statistical predictions", JRSS B 36(2);
 * scikit-learn's `cross_validate`.
 * @param fit - `(features, labels) => model`, called once per fold on the training rows.
 * @param predict - `(model, features) => number[]`, one score per test row.
 * @param data - `{ features, labels }` of the same length n.
 * @param folds - Splits of row indices, e.g. from `stratifiedKFold(labels)`.
 * @param options - See {@link CrossValidateOptions}.
 * @returns Per-fold scores, their mean and spread, and the out-of-fold predictions.
 * @throws CrmError `LENGTH_MISMATCH`, `EMPTY_INPUT`, `INVALID_INPUT` (a fold that is not
 * `{ train, test }`, a fold index out of range or a hole, a prediction array of the wrong length or
 * holding a non-number, a label that is an infinity), `MISSING_VALUE` (a hole, undefined or null
 * feature row; a missing or NaN label), `NON_FINITE` (a NaN or infinite prediction or metric
 * value), `INVALID_OPTION` (a metric returning a non-number), `ABORTED`; and whatever fit, predict
 * or the metric throw.
 * @example
 * const mean = (x: number[][]) => x.map((r) => r[0]!);
 * crossValidate(() => null, (_m, x) => mean(x), { features: [[1], [2], [3], [4]], labels: [0, 0, 1, 1] },
 *   [{ train: [0, 2], test: [1, 3] }, { train: [1, 3], test: [0, 2] }]).mean; // => 1
 */
export function crossValidate<R, L, M>(
  fit: (features: R[], labels: L[]) => M,
  predict: (model: M, features: R[]) => ArrayLike<number>,
  data: CrossValidateData<R, L>,
  folds: readonly SplitIndices[],
  options?: CrossValidateOptions<L>,
): CrossValidateResult {
  checkFunction('fit', fit);
  checkFunction('predict', predict);
  const o = resolveOptions('crossValidate', CV_DEFAULTS, options, RUN_CONTROL_KEYS);
  const tick = runControl('crossValidate', o);
  const metric = checkFunction<(labels: L[], predictions: number[]) => number>('metric', o.metric);
  if (data === null || typeof data !== 'object' || !Array.isArray(data.features) || !Array.isArray(data.labels)) {
    throw new CrmError('INVALID_INPUT', `crossValidate: data must be { features: rows[], labels: [] }; got ${describeValue(data)}.`, {
      argument: 'data',
    });
  }
  const n = data.features.length;
  checkSameLength('features', n, 'labels', data.labels.length);
  // Holes are read as undefined by index and skipped by map/forEach: refuse them up front.
  for (let i = 0; i < n; i++) {
    const r = data.features[i];
    if (r === undefined || r === null) {
      throw new CrmError('MISSING_VALUE', `crossValidate: data.features[${i}] is ${i in data.features ? describeValue(r) : 'a hole'}; every row needs its features.`, { argument: 'features', row: i });
    }
    const l = data.labels[i] as unknown;
    if (l === undefined || l === null || (typeof l === 'number' && Number.isNaN(l))) {
      throw new CrmError('MISSING_VALUE', `crossValidate: data.labels[${i}] is ${i in data.labels ? describeValue(l) : 'a hole'}; every row needs a label. Drop unlabelled rows first.`, { argument: 'labels', row: i });
    }
    if (typeof l === 'number' && !Number.isFinite(l)) {
      throw new CrmError('INVALID_INPUT', `crossValidate: data.labels[${i}] is ${l}; a label must be a finite number, a string or a boolean.`, { argument: 'labels', row: i });
    }
  }
  if (!Array.isArray(folds) || folds.length === 0) {
    throw new CrmError('EMPTY_INPUT', 'crossValidate: folds must be a non-empty array of { train, test } (e.g. from stratifiedKFold).', {
      argument: 'folds',
    });
  }
  const predictions: (number | null)[] = new Array(n).fill(null);
  const results: CrossValidateResult['folds'] = [];
  for (let k = 0; k < folds.length; k++) {
    const f = folds[k];
    if (f === null || typeof f !== 'object') {
      throw new CrmError('INVALID_INPUT', `crossValidate: folds[${k}] must be { train, test }; got ${k in folds ? describeValue(f) : 'a hole'}.`, { fold: k });
    }
    const pick = (which: 'train' | 'test') => {
      const idx = f[which];
      if (!Array.isArray(idx) || idx.length === 0) {
        throw new CrmError('INVALID_INPUT', `crossValidate: folds[${k}].${which} must be a non-empty array of row indices.`, { fold: k });
      }
      for (let q = 0; q < idx.length; q++) {
        const i = idx[q];
        if (!Number.isInteger(i) || i < 0 || i >= n) {
          throw new CrmError('INVALID_INPUT', `crossValidate: folds[${k}].${which}[${q}] is ${q in idx ? describeValue(i) : 'a hole'}; row indices must be integers in [0, ${n}).`, {
            fold: k,
            index: q,
          });
        }
      }
      return idx;
    };
    const train = pick('train');
    const test = pick('test');
    const model = fit(train.map((i) => data.features[i]!), train.map((i) => data.labels[i]!));
    const p = predict(model, test.map((i) => data.features[i]!));
    if (p === null || typeof p !== 'object' || p.length !== test.length) {
      throw new CrmError('INVALID_INPUT', `crossValidate: predict returned ${describeValue(p)} for fold ${k}; expected ${test.length} numbers.`, {
        fold: k,
      });
    }
    const scores = Array.from(p);
    for (let j = 0; j < scores.length; j++) {
      const v = scores[j] as unknown;
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new CrmError(typeof v === 'number' ? 'NON_FINITE' : 'INVALID_INPUT', `crossValidate: predict returned ${describeValue(v)} at position ${j} for fold ${k} (row ${test[j]}); predictions must be finite numbers.`, {
          fold: k,
          row: test[j],
        });
      }
    }
    test.forEach((i, j) => (predictions[i] = scores[j]!));
    const score = metric(test.map((i) => data.labels[i]!), scores) as unknown;
    if (typeof score !== 'number') {
      throw new CrmError('INVALID_OPTION', `crossValidate: the metric returned ${describeValue(score)} for fold ${k}; it must return a number.`, { option: 'metric', fold: k });
    }
    if (!Number.isFinite(score)) {
      throw new CrmError('NON_FINITE', `crossValidate: the metric returned ${score} for fold ${k}; it must return a finite number (check the metric on that fold's ${test.length} test rows).`, { option: 'metric', fold: k });
    }
    results.push({ fold: k, trainSize: train.length, testSize: test.length, score });
    tick('fold', k + 1, folds.length);
  }
  const mean = results.reduce((a, r) => a + r.score, 0) / results.length;
  const variance = results.reduce((a, r) => a + (r.score - mean) ** 2, 0) / results.length;
  return { folds: results, mean, standardDeviation: Math.sqrt(variance), predictions };
}
