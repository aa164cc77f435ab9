import { makeSpec, requireFinite, requireRows, requireShape, type ChartOptions, type VegaLiteSpec } from './spec.js';

/** The fields of `paretoAnalysis`'s result this chart reads. */
export interface ParetoChartInput {
  readonly kind: 'pareto';
  readonly lorenz: readonly { readonly customerShare: number; readonly valueShare: number }[];
  readonly gini: number;
  readonly golden: { readonly customerShare: number; readonly targetShare: number };
}

/**
 * The concentration (Lorenz) curve of customer value: customers sorted by value, largest first, the
 * cumulative share of value against the share of customers, with the line of perfect equality and
 * the "golden customers" point. O(points).
 * @param result - The result of `paretoAnalysis` (crm-mining/rfm).
 * @returns A Vega-Lite specification.
 * @throws CrmError `WRONG_RESULT_KIND`, `EMPTY_INPUT`, `NON_FINITE`
 * @example
 * paretoChart({ kind: 'pareto', lorenz: [{ customerShare: 0, valueShare: 0 }, { customerShare: 1, valueShare: 1 }], gini: 0, golden: { customerShare: 0.8, targetShare: 0.8 } }).layer.length; // => 3
 */
export function paretoChart(result: ParetoChartInput, options?: ChartOptions): VegaLiteSpec {
  const chart = 'paretoChart';
  requireShape(result, ['lorenz', 'gini', 'golden'], chart, 'paretoAnalysis (crm-mining/rfm)', 'pareto');
  const points = requireRows(result.lorenz, chart, 'Lorenz points') as unknown as Record<string, unknown>[];
  requireFinite(points, ['customerShare', 'valueShare'], chart);
  requireFinite([result.golden as unknown as Record<string, unknown>], ['customerShare', 'targetShare'], chart);
  const x = { field: 'customerShare', type: 'quantitative', title: 'share of customers (largest first)', axis: { format: '.0%' }, scale: { domain: [0, 1] } };
  const y = { field: 'valueShare', type: 'quantitative', title: 'share of value', axis: { format: '.0%' }, scale: { domain: [0, 1] } };
  return makeSpec(`Concentration of value (Gini ${result.gini.toFixed(2)})`, options, {
    layer: [
      // Fresh rows: renderers such as vega tag data objects, which must not reach the caller's result.
      { data: { values: points.map((p) => ({ customerShare: p.customerShare, valueShare: p.valueShare })) }, mark: { type: 'line', interpolate: 'linear' }, encoding: { x, y } },
      {
        data: { values: [{ customerShare: 0, valueShare: 0 }, { customerShare: 1, valueShare: 1 }] },
        mark: { type: 'line', strokeDash: [4, 4], color: 'gray' },
        encoding: { x, y },
      },
      {
        data: { values: [{ customerShare: result.golden.customerShare, valueShare: result.golden.targetShare, label: `${(result.golden.customerShare * 100).toFixed(1)}% of customers hold ${(result.golden.targetShare * 100).toFixed(0)}%` }] },
        mark: { type: 'point', filled: true, size: 80, color: 'firebrick', tooltip: true },
        encoding: { x, y, tooltip: { field: 'label', type: 'nominal' } },
      },
    ],
  });
}
