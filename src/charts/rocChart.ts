import { CrmError } from '../core/errors.js';
import { makeSpec, requireFinite, requireRows, requireShape, type ChartOptions, type VegaLiteSpec } from './spec.js';

/** The fields of `rocCurve`'s result this chart reads. */
export interface RocChartInput {
  readonly falsePositiveRate: readonly number[];
  readonly truePositiveRate: readonly number[];
}

/**
 * The ROC curve with the diagonal of a random model; the AUC, when given, goes in the title.
 * O(points).
 * @param curve - The result of `rocCurve` (crm-mining/metrics).
 * @param options - `auc`: the area to print in the title (from `rocAuc`).
 * @returns A Vega-Lite specification.
 * @throws CrmError `WRONG_RESULT_KIND`, `EMPTY_INPUT`, `NON_FINITE`, `LENGTH_MISMATCH`
 * @example
 * rocChart({ falsePositiveRate: [0, 0.5, 1], truePositiveRate: [0, 1, 1] }, { auc: 0.75 }).title; // => 'ROC curve (AUC 0.750)'
 */
export function rocChart(curve: RocChartInput, options?: ChartOptions & { auc?: number }): VegaLiteSpec {
  const chart = 'rocChart';
  requireShape(curve, ['falsePositiveRate', 'truePositiveRate'], chart, 'rocCurve (crm-mining/metrics)');
  const fpr = requireRows(curve.falsePositiveRate, chart, 'points');
  if (curve.truePositiveRate.length !== fpr.length) {
    throw new CrmError('LENGTH_MISMATCH', `${chart}: falsePositiveRate has ${fpr.length} points but truePositiveRate has ${curve.truePositiveRate.length}.`);
  }
  const values = fpr.map((x, i) => ({ falsePositiveRate: x, truePositiveRate: curve.truePositiveRate[i]! }));
  requireFinite(values, ['falsePositiveRate', 'truePositiveRate'], chart);
  const x = { field: 'falsePositiveRate', type: 'quantitative', title: 'false-positive rate', scale: { domain: [0, 1] } };
  const y = { field: 'truePositiveRate', type: 'quantitative', title: 'true-positive rate', scale: { domain: [0, 1] } };
  const auc = options?.auc;
  return makeSpec(auc === undefined ? 'ROC curve' : `ROC curve (AUC ${auc.toFixed(3)})`, options, {
    layer: [
      { data: { values }, mark: { type: 'line', interpolate: 'step-after' }, encoding: { x, y } },
      {
        data: { values: [{ falsePositiveRate: 0, truePositiveRate: 0 }, { falsePositiveRate: 1, truePositiveRate: 1 }] },
        mark: { type: 'line', strokeDash: [4, 4], color: 'gray' },
        encoding: { x, y },
      },
    ],
  });
}
