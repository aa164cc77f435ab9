/**
 * Calibration (reliability) table: predicted versus observed response rates by probability bin.
 * @module
 */
import { equalCountEdges, binOf } from '../core/rank.js';
import { checkInteger, checkOneOf, resolveOptions } from '../core/validate.js';
import { readLabels, readProbabilities, type BinaryLabel } from './input.js';

/** Options of {@link calibrationTable}. */
export interface CalibrationOptions {
  /** Number of bins. @defaultValue 10 */
  bins?: number;
  /**
   * `uniform`: equal-width bins on [0, 1]; `quantile`: bins holding about the same number of rows
   * (edges at the empirical quantiles, numpy's linear interpolation). @defaultValue 'uniform'
   */
  strategy?: 'uniform' | 'quantile';
}

/** One non-empty bin of a {@link calibrationTable}. */
export interface CalibrationBin {
  /** Lower edge (exclusive, except for the first bin). */
  readonly lower: number;
  /** Upper edge (inclusive). */
  readonly upper: number;
  readonly count: number;
  /** Mean predicted probability in the bin. */
  readonly meanPredicted: number;
  /** Share of positives in the bin. */
  readonly observedRate: number;
}

const CALIBRATION_DEFAULTS = Object.freeze({ bins: 10, strategy: 'uniform' as const });

/**
 * Groups rows by predicted probability and compares the mean prediction with the observed rate in
 * each bin; a calibrated model has them equal. A value on an edge goes to the lower bin; empty
 * bins are left out (as scikit-learn's `calibration_curve`, whose `prob_pred` and `prob_true` are
 * `meanPredicted` and `observedRate`). O(n log bins), plus a sort for `quantile`.
 * Source: Niculescu-Mizil and Caruana (2005), "Predicting good probabilities with supervised learning", ICML.
 * @param labels - 0/1 or booleans; length n.
 * @param probabilities - Predicted P(y = 1) in [0, 1]; length n.
 * @param options - See {@link CalibrationOptions}.
 * @returns The non-empty bins, lowest first.
 * @throws CrmError `INVALID_INPUT` (probability outside [0, 1]), `NON_FINITE`, `NOT_BINARY`,
 * `LENGTH_MISMATCH`, `EMPTY_INPUT`, `INVALID_OPTION`.
 * @example
 * calibrationTable([0, 1, 1, 1], [0.1, 0.3, 0.8, 0.9], { bins: 2 }).map((b) => b.observedRate); // => [0.5, 1]
 */
export function calibrationTable(
  labels: ArrayLike<BinaryLabel>,
  probabilities: ArrayLike<number>,
  options?: CalibrationOptions,
): CalibrationBin[] {
  const o = resolveOptions('calibrationTable', CALIBRATION_DEFAULTS, options);
  const bins = checkInteger('bins', o.bins, { min: 1, max: 1e6 });
  const strategy = checkOneOf('strategy', o.strategy, ['uniform', 'quantile'] as const);
  const y = readLabels('calibrationTable', labels);
  const p = readProbabilities('calibrationTable', probabilities, y.length);
  let edges: number[];
  if (strategy === 'quantile') edges = equalCountEdges(p, bins);
  else {
    // numpy.linspace(0, 1, bins + 1): i * (1 / bins), last edge exactly 1.
    const step = 1 / bins;
    edges = [];
    for (let i = 0; i <= bins; i++) edges.push(i === bins ? 1 : i * step);
  }
  const count = new Float64Array(bins);
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  for (let i = 0; i < y.length; i++) {
    const b = binOf(p[i]!, edges) - 1;
    count[b]!++;
    sumP[b]! += p[i]!;
    sumY[b]! += y[i]!;
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    if (count[b] === 0) continue;
    out.push({ lower: edges[b]!, upper: edges[b + 1]!, count: count[b]!, meanPredicted: sumP[b]! / count[b]!, observedRate: sumY[b]! / count[b]! });
  }
  return out;
}
