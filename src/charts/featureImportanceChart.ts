import { CrmError, describeValue } from '../core/errors.js';
import { checkInteger } from '../core/validate.js';
import { makeSpec, requireFinite, requireRows, resolveChartOptions, type ChartOptions, type VegaLiteSpec } from './spec.js';

/** A fitted tree (impurity importance) or a permutation-importance result. */
export type FeatureImportanceChartInput =
  | { readonly kind: 'decisionTree' | 'regressionTree'; readonly columns: readonly { readonly name: string }[]; readonly featureImportance: readonly number[] }
  | { readonly columns: readonly string[]; readonly mean: readonly number[]; readonly std?: readonly number[] };

const PRODUCERS = 'fitDecisionTree / fitRegressionTree or treePermutationImportance (crm-mining/tree)';

/**
 * A tree's feature importances as horizontal bars, largest first: the impurity-based importance of
 * a fitted tree, or the mean drop in score of a permutation-importance result. O(columns log columns).
 * @param input - A model from `fitDecisionTree` / `fitRegressionTree`, or the result of `treePermutationImportance` (crm-mining/tree).
 * @param options - Title, size, axis titles; `top`: how many features to show, an integer >= 1 (default all).
 * @returns A Vega-Lite specification.
 * @throws CrmError `WRONG_RESULT_KIND` (also for a model of another kind), `EMPTY_INPUT`, `NON_FINITE`, `LENGTH_MISMATCH`, `INVALID_OPTION`
 * @example
 * featureImportanceChart({ columns: ['tenure', 'contract'], mean: [0.05, 0.12] }).data.values[0]; // => { feature: 'contract', importance: 0.12 }
 */
export function featureImportanceChart(input: FeatureImportanceChartInput, options?: ChartOptions & { top?: number }): VegaLiteSpec {
  const chart = 'featureImportanceChart';
  const { chart: o, own } = resolveChartOptions(chart, options, { xTitle: 'importance', yTitle: '' }, { top: undefined as number | undefined });
  const top = own.top === undefined ? undefined : checkInteger('top', own.top, { min: 1 });
  let names: readonly unknown[];
  let importance: unknown;
  let title: string;
  const wrong = (why: string) => new CrmError('WRONG_RESULT_KIND', `${chart} needs the result of ${PRODUCERS}; got ${describeValue(input)}${why}.`, { chart });
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw wrong('');
  const kind = (input as { kind?: unknown }).kind;
  if ('featureImportance' in input) {
    if (kind !== 'decisionTree' && kind !== 'regressionTree') throw wrong(` of kind ${describeValue(kind)}`);
    if (!Array.isArray(input.columns)) throw wrong(' without columns');
    names = input.columns.map((c, i) => {
      if (c === null || typeof c !== 'object' || typeof (c as { name?: unknown }).name !== 'string') throw wrong(` whose columns[${i}] has no name`);
      return c.name;
    });
    importance = input.featureImportance;
    title = 'Feature importance (impurity decrease)';
  } else if ('mean' in input && (kind === undefined || kind === 'permutationImportance' || kind === 'treePermutationImportance')) {
    if (!Array.isArray(input.columns)) throw wrong(' without columns');
    names = input.columns;
    importance = input.mean;
    title = 'Permutation importance (mean drop in score)';
  } else {
    throw wrong(kind === undefined ? '' : ` of kind ${describeValue(kind)}`);
  }
  requireRows(names, chart, 'features');
  if (!Array.isArray(importance) || importance.length !== names.length) {
    throw new CrmError('LENGTH_MISMATCH', `${chart}: the result names ${names.length} features but holds ${Array.isArray(importance) ? importance.length : 'no list of'} importances.`, { chart });
  }
  const values = names.map((feature, i) => {
    if (typeof feature !== 'string') throw wrong(` whose feature ${i} is ${describeValue(feature)}`);
    return { feature, importance: (importance as unknown[])[i] as number };
  });
  requireFinite(values, ['importance'], chart);
  values.sort((a, b) => b.importance - a.importance || (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0));
  const shown = top === undefined ? values : values.slice(0, top);
  return makeSpec(title, o, {
    data: { values: shown },
    mark: 'bar',
    encoding: {
      y: { field: 'feature', type: 'nominal', sort: '-x', title: o.yTitle === '' ? null : o.yTitle },
      x: { field: 'importance', type: 'quantitative', title: o.xTitle },
    },
  });
}
