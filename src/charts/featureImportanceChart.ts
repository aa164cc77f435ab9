import { CrmError } from '../core/errors.js';
import { makeSpec, requireFinite, requireRows, type ChartOptions, type VegaLiteSpec } from './spec.js';

/** A fitted tree (impurity importance) or a permutation-importance result. */
export type FeatureImportanceChartInput =
  | { readonly kind: 'decisionTree' | 'regressionTree'; readonly columns: readonly { readonly name: string }[]; readonly featureImportance: readonly number[] }
  | { readonly columns: readonly string[]; readonly mean: readonly number[]; readonly std?: readonly number[] };

const PRODUCERS = 'fitDecisionTree / fitRegressionTree or treePermutationImportance (crm-mining/tree)';

/**
 * A tree's feature importances as horizontal bars, largest first: the impurity-based importance of
 * a fitted tree, or the mean drop in score of a permutation-importance result. O(columns log columns).
 * @param input - A model from `fitDecisionTree` / `fitRegressionTree`, or the result of `treePermutationImportance` (crm-mining/tree).
 * @param options - `top`: how many features to show (default all).
 * @returns A Vega-Lite specification.
 * @throws CrmError `WRONG_RESULT_KIND`, `EMPTY_INPUT`, `NON_FINITE`
 * @example
 * featureImportanceChart({ columns: ['tenure', 'contract'], mean: [0.05, 0.12] }).data.values[0]; // => { feature: 'contract', importance: 0.12 }
 */
export function featureImportanceChart(input: FeatureImportanceChartInput, options?: ChartOptions & { top?: number }): VegaLiteSpec {
  const chart = 'featureImportanceChart';
  let names: readonly string[];
  let importance: readonly number[];
  let title: string;
  if (input && typeof input === 'object' && 'featureImportance' in input && Array.isArray(input.columns)) {
    names = input.columns.map((c) => c.name);
    importance = input.featureImportance;
    title = 'Feature importance (impurity decrease)';
  } else if (input && typeof input === 'object' && 'mean' in input && Array.isArray(input.columns)) {
    names = input.columns as readonly string[];
    importance = input.mean;
    title = 'Permutation importance (mean drop in score)';
  } else {
    throw new CrmError('WRONG_RESULT_KIND', `${chart} needs the result of ${PRODUCERS}.`, { chart });
  }
  requireRows(names, chart, 'features');
  const values = names.map((feature, i) => ({ feature, importance: importance[i]! }));
  requireFinite(values, ['importance'], chart);
  values.sort((a, b) => b.importance - a.importance || (a.feature < b.feature ? -1 : 1));
  const shown = options?.top === undefined ? values : values.slice(0, Math.max(1, options.top));
  return makeSpec(title, options, {
    data: { values: shown },
    mark: 'bar',
    encoding: {
      y: { field: 'feature', type: 'nominal', sort: '-x', title: null },
      x: { field: 'importance', type: 'quantitative', title: 'importance' },
    },
  });
}
