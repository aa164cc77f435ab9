/**
 * Input checks shared by the metrics: binary labels, finite scores, probabilities, and the
 * descending-score tie groups that ROC, PR, KS and profit curves are built from.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { checkSameLength, checkWeights, resolveOptions } from '../core/validate.js';

/** A binary label: 1 or `true` is the positive class, 0 or `false` the negative one. */
export type BinaryLabel = number | boolean;

/**
 * Labels as 0/1 bytes. Refuses anything but 0, 1, true, false. O(n).
 * @throws CrmError `NOT_BINARY`, `MISSING_VALUE`, `EMPTY_INPUT`, `INVALID_INPUT`
 * @example
 * Array.from(readLabels('rocAuc', [true, 0, 1])); // => [1, 0, 1]
 */
export function readLabels(fn: string, labels: ArrayLike<BinaryLabel>, name = 'labels'): Uint8Array {
  if (labels === null || typeof labels !== 'object' || typeof labels.length !== 'number') {
    throw new CrmError('INVALID_INPUT', `${fn}: ${name} must be an array of 0/1 (or booleans); got ${describeValue(labels)}.`, {
      argument: name,
    });
  }
  const n = labels.length;
  if (n === 0) throw new CrmError('EMPTY_INPUT', `${fn}: ${name} is empty; pass at least one row.`, { argument: name });
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = labels[i];
    if (v === 1 || v === true) out[i] = 1;
    else if (v === 0 || v === false) out[i] = 0;
    else if (typeof v === 'number' && Number.isFinite(v)) {
      throw new CrmError('NOT_BINARY', `${fn}: ${name}[${i}] is ${v}; labels must be 0 or 1 (or booleans). Recode the classes to 0/1 first.`, {
        argument: name,
        row: i,
      });
    } else if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) {
      throw new CrmError('MISSING_VALUE', `${fn}: ${name}[${i}] is ${describeValue(v)}; every row needs a 0/1 label. Drop unlabelled rows first.`, {
        argument: name,
        row: i,
      });
    } else {
      throw new CrmError('NOT_BINARY', `${fn}: ${name}[${i}] is ${describeValue(v)}; labels must be 0 or 1 (or booleans).`, {
        argument: name,
        row: i,
      });
    }
  }
  return out;
}

/**
 * Scores as a Float64Array of the given length; NaN and infinities are refused with the row. O(n).
 * @throws CrmError `NON_FINITE`, `LENGTH_MISMATCH`, `INVALID_INPUT`
 * @example
 * Array.from(readScores('rocAuc', [0.5, 2], 2)); // => [0.5, 2]
 */
export function readScores(fn: string, scores: ArrayLike<number>, n: number, name = 'scores'): Float64Array {
  if (!Array.isArray(scores) && !ArrayBuffer.isView(scores)) {
    throw new CrmError('INVALID_INPUT', `${fn}: ${name} must be an array of numbers; got ${describeValue(scores)}.`, { argument: name });
  }
  checkSameLength('labels', n, name, scores.length);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = scores[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new CrmError(
        typeof v === 'number' ? 'NON_FINITE' : 'INVALID_INPUT',
        `${fn}: ${name}[${i}] is ${describeValue(v)}; scores must be finite numbers. Clean or drop that row.`,
        { argument: name, row: i },
      );
    }
    out[i] = v;
  }
  return out;
}

/**
 * Probabilities: finite scores that also lie in [0, 1]. O(n).
 * @throws CrmError `INVALID_INPUT`, `NON_FINITE`, `LENGTH_MISMATCH`
 * @example
 * readProbabilities('logLoss', [0, 1], 2).length; // => 2
 */
export function readProbabilities(fn: string, probabilities: ArrayLike<number>, n: number): Float64Array {
  const p = readScores(fn, probabilities, n, 'probabilities');
  for (let i = 0; i < n; i++) {
    if (p[i]! < 0 || p[i]! > 1) {
      throw new CrmError('INVALID_INPUT', `${fn}: probabilities[${i}] is ${p[i]}; probabilities must lie in [0, 1]. Pass predicted probabilities, not raw scores.`, {
        argument: 'probabilities',
        row: i,
      });
    }
  }
  return p;
}

/**
 * Counts of positives and negatives; throws `SINGLE_CLASS` when one is zero (unless `need2` is false). O(n).
 * @throws CrmError `SINGLE_CLASS`
 * @example
 * countClasses('rocAuc', Uint8Array.of(1, 0, 0)); // => { positives: 1, negatives: 2 }
 */
export function countClasses(fn: string, y: Uint8Array, need2 = true): { positives: number; negatives: number } {
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i]!;
  const negatives = y.length - positives;
  if (need2 && (positives === 0 || negatives === 0)) {
    throw new CrmError(
      'SINGLE_CLASS',
      `${fn}: labels hold only ${positives === 0 ? 'negatives (0)' : 'positives (1)'} (${y.length} rows); the measure needs both classes.`,
      { positives, negatives },
    );
  }
  return { positives, negatives };
}

/**
 * Cumulative true and false positives when everything scoring >= threshold is called positive,
 * one entry per distinct score, highest threshold first (scikit-learn's `_binary_clf_curve`).
 */
export interface ThresholdCounts {
  readonly thresholds: Float64Array;
  readonly truePositives: Float64Array;
  readonly falsePositives: Float64Array;
  readonly positives: number;
  readonly negatives: number;
}

/**
 * Builds {@link ThresholdCounts}; tied scores form one step, so the result ignores row order.
 * The scores of each class are sorted natively (no index sort with a comparator) and merged from
 * the top, which is several times faster than sorting row indices. O(n log n).
 * @example
 * Array.from(thresholdCounts(Uint8Array.of(1, 0, 1), Float64Array.of(0.9, 0.5, 0.5)).truePositives); // => [1, 2]
 */
export function thresholdCounts(y: Uint8Array, s: Float64Array): ThresholdCounts {
  const n = s.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i]!;
  const pos = new Float64Array(positives);
  const neg = new Float64Array(n - positives);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (y[i] === 1) pos[a++] = s[i]!;
    else neg[b++] = s[i]!;
  }
  pos.sort();
  neg.sort();
  const thresholds: number[] = [];
  const tp: number[] = [];
  const fp: number[] = [];
  let i = pos.length - 1;
  let j = neg.length - 1;
  let t = 0;
  let f = 0;
  while (i >= 0 || j >= 0) {
    const v = i < 0 ? neg[j]! : j < 0 ? pos[i]! : Math.max(pos[i]!, neg[j]!);
    while (i >= 0 && pos[i] === v) {
      t++;
      i--;
    }
    while (j >= 0 && neg[j] === v) {
      f++;
      j--;
    }
    thresholds.push(v);
    tp.push(t);
    fp.push(f);
  }
  return {
    thresholds: Float64Array.from(thresholds),
    truePositives: Float64Array.from(tp),
    falsePositives: Float64Array.from(fp),
    positives: t,
    negatives: f,
  };
}

/**
 * Neumaier-compensated sum, so means of many small terms match numpy's pairwise sums closely. O(n).
 * Source: Neumaier (1974), ZAMM 54(1).
 * @example
 * compensatedSum(Float64Array.of(1e16, 1, -1e16)); // => 1
 */
export function compensatedSum(values: Float64Array): number {
  let sum = 0;
  let c = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const t = sum + v;
    c += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return sum + c;
}

/**
 * {@link ThresholdCounts} with sample weights: true and false positives are sums of weights.
 * Rows of weight 0 are left out entirely, so a score held only by such rows is no threshold
 * (scikit-learn's `_binary_clf_curve` does the same). O(n log n).
 * @example
 * Array.from(weightedThresholdCounts(Uint8Array.of(1, 0, 1), Float64Array.of(0.9, 0.5, 0.5), Float64Array.of(2, 1, 0)).falsePositives); // => [0, 1]
 */
export function weightedThresholdCounts(y: Uint8Array, s: Float64Array, w: Float64Array): ThresholdCounts {
  let m = 0;
  for (let i = 0; i < s.length; i++) if (w[i]! > 0) m++;
  const idx = new Int32Array(m);
  for (let i = 0, q = 0; i < s.length; i++) if (w[i]! > 0) idx[q++] = i;
  idx.sort((a, b) => s[b]! - s[a]! || a - b);
  const thresholds: number[] = [];
  const tp: number[] = [];
  const fp: number[] = [];
  let t = 0;
  let f = 0;
  for (let k = 0; k < m; ) {
    const v = s[idx[k]!]!;
    for (; k < m && s[idx[k]!] === v; k++) {
      const i = idx[k]!;
      if (y[i] === 1) t += w[i]!;
      else f += w[i]!;
    }
    thresholds.push(v);
    tp.push(t);
    fp.push(f);
  }
  return {
    thresholds: Float64Array.from(thresholds),
    truePositives: Float64Array.from(tp),
    falsePositives: Float64Array.from(fp),
    positives: t,
    negatives: f,
  };
}

/** Options of the ranking metrics (`rankedCounts`): rocAuc, rocCurve, averagePrecision, prCurve. */
export interface RankingOptions {
  /**
   * Sample weights, one per row, finite and >= 0 (not all 0), as scikit-learn's `sample_weight`:
   * every count becomes a sum of weights and rows of weight 0 are left out. @defaultValue all 1
   */
  weights?: ArrayLike<number>;
}

const RANKING_DEFAULTS = Object.freeze({});

/**
 * Reads labels, scores and (optional) weights, requires both classes (with positive weight), and
 * returns the tie-group counts: the common start of the ranking metrics. O(n log n).
 * @throws CrmError `SINGLE_CLASS`, `NOT_BINARY`, `NON_FINITE`, `LENGTH_MISMATCH`, `EMPTY_INPUT`;
 * `INVALID_OPTION` (unknown option), `NEGATIVE_VALUE` / `INVALID_INPUT` (weights).
 * @example
 * Array.from(rankedCounts('rocAuc', [1, 0, 1], [0.9, 0.5, 0.5]).falsePositives); // => [0, 1]
 */
export function rankedCounts(fn: string, labels: ArrayLike<BinaryLabel>, scores: ArrayLike<number>, options?: RankingOptions): ThresholdCounts {
  const o = resolveOptions(fn, RANKING_DEFAULTS, options, ['weights']);
  const y = readLabels(fn, labels);
  const s = readScores(fn, scores, y.length);
  if (o.weights === undefined) {
    countClasses(fn, y);
    return thresholdCounts(y, s);
  }
  const w = checkWeights(o.weights, y.length, 'weights');
  const counts = weightedThresholdCounts(y, s, w);
  if (!(counts.positives > 0) || !(counts.negatives > 0)) {
    throw new CrmError('SINGLE_CLASS', `${fn}: the rows with positive weight hold only ${counts.positives > 0 ? 'positives (1)' : 'negatives (0)'}; the measure needs both classes with positive weight.`, {
      positives: counts.positives,
      negatives: counts.negatives,
    });
  }
  return counts;
}
