import { makeSpec, requireRows, requireShape, type ChartOptions, type VegaLiteSpec } from './spec.js';
import { CrmError } from '../core/errors.js';

/** The fields of `lifecycleTransitions`'s result this chart reads. */
export interface MigrationChartInput {
  readonly from: string;
  readonly to: string;
  readonly stages: readonly string[];
  readonly counts: readonly (readonly number[])[];
  readonly shares: readonly (readonly number[])[];
}

/**
 * The lifecycle migration matrix as a heatmap: stage at `from` (rows) against stage at `to`
 * (columns), coloured by the row share and labelled with the count. O(stages^2).
 * @param result - The result of `lifecycleTransitions` (crm-mining/lifecycle).
 * @returns A Vega-Lite specification.
 * @throws CrmError `WRONG_RESULT_KIND`, `EMPTY_INPUT`, `NON_FINITE`
 * @example
 * migrationChart({ from: '2011-09-09', to: '2011-12-09', stages: ['active', 'lapsed'], counts: [[3, 1], [0, 2]], shares: [[0.75, 0.25], [0, 1]] }).data.values.length; // => 4
 */
export function migrationChart(result: MigrationChartInput, options?: ChartOptions): VegaLiteSpec {
  const chart = 'migrationChart';
  requireShape(result, ['stages', 'counts', 'shares', 'from', 'to'], chart, 'lifecycleTransitions (crm-mining/lifecycle)');
  const stages = requireRows(result.stages, chart, 'stages');
  const values: { from: string; to: string; customers: number; share: number }[] = [];
  stages.forEach((a, i) => {
    stages.forEach((b, j) => {
      const customers = result.counts[i]?.[j];
      const share = result.shares[i]?.[j];
      if (typeof customers !== 'number' || !Number.isFinite(customers) || typeof share !== 'number' || !Number.isFinite(share)) {
        throw new CrmError('NON_FINITE', `${chart}: cell (${a}, ${b}) is not a finite count and share.`, { chart, row: i, column: j });
      }
      values.push({ from: a, to: b, customers, share });
    });
  });
  return makeSpec(`Lifecycle migration, ${result.from} to ${result.to}`, options, {
    data: { values },
    encoding: {
      x: { field: 'to', type: 'nominal', sort: [...stages], title: `stage at ${result.to}` },
      y: { field: 'from', type: 'nominal', sort: [...stages], title: `stage at ${result.from}` },
    },
    layer: [
      { mark: 'rect', encoding: { color: { field: 'share', type: 'quantitative', title: 'share of row', scale: { domain: [0, 1] } } } },
      { mark: { type: 'text', fontSize: 11 }, encoding: { text: { field: 'customers', type: 'quantitative' } } },
    ],
  });
}
