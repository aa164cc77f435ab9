import { CrmError } from '../core/errors.js';
import { checkInteger } from '../core/validate.js';
import { makeSpec, requireFinite, requireNumber, requireRows, requireShape, resolveChartOptions, type ChartOptions, type VegaLiteSpec } from './spec.js';
import { simplifyCurve } from './simplify.js';

/** The fields of `rocCurve`'s result this chart reads. */
export interface RocChartInput {
  readonly falsePositiveRate: readonly number[];
  readonly truePositiveRate: readonly number[];
}

/**
 * The ROC curve with the diagonal of a random model; the AUC, when given, goes in the title.
 * Consecutive points are joined by straight lines (a group of tied scores is one diagonal step, as
 * the AUC counts it). Only the vertices where the curve changes direction are embedded, so the
 * drawn curve is exactly the ROC curve; if more than `maxPoints` (default 1000) remain, the ones
 * farthest from the drawn line are kept first (Douglas-Peucker) and `usermeta.maxDeviation` gives
 * the largest distance of a dropped point from it. O(points log points).
 * @param curve - The result of `rocCurve` (crm-mining/metrics).
 * @param options - Title, size, axis titles; `auc`: the area to print in the title (from `rocAuc`); `maxPoints`.
 * @returns A Vega-Lite specification.
 * @throws CrmError `WRONG_RESULT_KIND`, `EMPTY_INPUT`, `NON_FINITE`, `LENGTH_MISMATCH`, `INVALID_OPTION`
 * @example
 * rocChart({ falsePositiveRate: [0, 0.5, 1], truePositiveRate: [0, 1, 1] }, { auc: 0.75 }).title; // => 'ROC curve (AUC 0.750)'
 */
export function rocChart(curve: RocChartInput, options?: ChartOptions & { auc?: number; maxPoints?: number }): VegaLiteSpec {
  const chart = 'rocChart';
  const { chart: o, own } = resolveChartOptions(chart, options, { xTitle: 'false-positive rate', yTitle: 'true-positive rate' }, {
    auc: undefined as number | undefined,
    maxPoints: undefined as number | undefined,
  });
  const maxPoints = checkInteger('maxPoints', own.maxPoints ?? 1000, { min: 2 });
  const auc = own.auc === undefined ? undefined : requireNumber(own.auc, 'auc', chart, 'rocAuc (crm-mining/metrics)');
  requireShape(curve, ['falsePositiveRate', 'truePositiveRate'], chart, 'rocCurve (crm-mining/metrics)');
  const fpr = requireRows(curve.falsePositiveRate, chart, 'points');
  if (!Array.isArray(curve.truePositiveRate) || curve.truePositiveRate.length !== fpr.length) {
    throw new CrmError('LENGTH_MISMATCH', `${chart}: falsePositiveRate has ${fpr.length} points but truePositiveRate has ${Array.isArray(curve.truePositiveRate) ? curve.truePositiveRate.length : 'none'}.`, { chart });
  }
  const all = fpr.map((x, i) => ({ falsePositiveRate: x, truePositiveRate: curve.truePositiveRate[i]! }));
  requireFinite(all, ['falsePositiveRate', 'truePositiveRate'], chart);
  const { kept, maxDeviation } = simplifyCurve(fpr, curve.truePositiveRate, maxPoints);
  // `order` keeps vertical runs (equal false-positive rates) in curve order: a line is otherwise sorted by x.
  const values = kept.map((i, order) => ({ ...all[i]!, order }));
  const x = { field: 'falsePositiveRate', type: 'quantitative', title: o.xTitle, scale: { domain: [0, 1] } };
  const y = { field: 'truePositiveRate', type: 'quantitative', title: o.yTitle, scale: { domain: [0, 1] } };
  return makeSpec(auc === undefined ? 'ROC curve' : `ROC curve (AUC ${auc.toFixed(3)})`, o, {
    usermeta: { points: all.length, pointsShown: values.length, maxDeviation },
    layer: [
      { data: { values }, mark: { type: 'line', interpolate: 'linear' }, encoding: { x, y, order: { field: 'order', type: 'quantitative' } } },
      {
        data: { values: [{ falsePositiveRate: 0, truePositiveRate: 0 }, { falsePositiveRate: 1, truePositiveRate: 1 }] },
        mark: { type: 'line', strokeDash: [4, 4], color: 'gray' },
        encoding: { x, y },
      },
    ],
  });
}
