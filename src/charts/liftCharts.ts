import { makeSpec, requireFinite, requireRows, requireShape, resolveChartOptions, type ChartOptions, type VegaLiteSpec } from './spec.js';

/** The fields of one `liftTable` group these charts read. */
export interface LiftChartGroup {
  readonly group: number;
  readonly lift: number;
  readonly cumulativeShare: number;
  readonly cumulativeGain: number;
}

const PRODUCER = 'liftTable (crm-mining/metrics)';

function groupsOf(table: readonly LiftChartGroup[], chart: string, fields: readonly string[]): Record<string, unknown>[] {
  if (!Array.isArray(table)) requireShape(table, ['group'], chart, PRODUCER);
  const rows = requireRows(table, chart, 'groups') as unknown as Record<string, unknown>[];
  rows.forEach((r) => requireShape(r, fields, chart, PRODUCER));
  requireFinite(rows, fields, chart);
  return rows.map((r) => Object.fromEntries(fields.map((f) => [f, r[f]])));
}

/**
 * The cumulative gain curve: the share of all responders reached when contacting the best-scored
 * share of customers, against the diagonal of random contact. O(groups).
 * @param table - The result of `liftTable` (crm-mining/metrics).
 * @returns A Vega-Lite specification.
 * @throws CrmError `WRONG_RESULT_KIND`, `EMPTY_INPUT`, `NON_FINITE`
 * @example
 * gainChart([{ group: 1, lift: 1.6, cumulativeShare: 0.5, cumulativeGain: 0.8 }, { group: 2, lift: 0.4, cumulativeShare: 1, cumulativeGain: 1 }]).layer[0].data.values.length; // => 3
 */
export function gainChart(table: readonly LiftChartGroup[], options?: ChartOptions): VegaLiteSpec {
  const { chart: o } = resolveChartOptions('gainChart', options, { xTitle: 'share of customers contacted (best scores first)', yTitle: 'share of responders reached' });
  const rows = groupsOf(table, 'gainChart', ['group', 'cumulativeShare', 'cumulativeGain']);
  const x = { field: 'cumulativeShare', type: 'quantitative', title: o.xTitle, axis: { format: '.0%' }, scale: { domain: [0, 1] } };
  const y = { field: 'cumulativeGain', type: 'quantitative', title: o.yTitle, axis: { format: '.0%' }, scale: { domain: [0, 1] } };
  return makeSpec('Cumulative gain', o, {
    layer: [
      { data: { values: [{ group: 0, cumulativeShare: 0, cumulativeGain: 0 }, ...rows] }, mark: { type: 'line', point: true }, encoding: { x, y } },
      {
        data: { values: [{ cumulativeShare: 0, cumulativeGain: 0 }, { cumulativeShare: 1, cumulativeGain: 1 }] },
        mark: { type: 'line', strokeDash: [4, 4], color: 'gray' },
        encoding: { x, y },
      },
    ],
  });
}

/**
 * Lift by group (decile): how many times the group's response rate exceeds the overall rate, with
 * the line lift = 1 of random contact. O(groups).
 * @param table - The result of `liftTable` (crm-mining/metrics).
 * @returns A Vega-Lite specification.
 * @throws CrmError `WRONG_RESULT_KIND`, `EMPTY_INPUT`, `NON_FINITE`
 * @example
 * liftChart([{ group: 1, lift: 1.6, cumulativeShare: 0.5, cumulativeGain: 0.8 }, { group: 2, lift: 0.4, cumulativeShare: 1, cumulativeGain: 1 }]).layer.length; // => 2
 */
export function liftChart(table: readonly LiftChartGroup[], options?: ChartOptions): VegaLiteSpec {
  const { chart: o } = resolveChartOptions('liftChart', options, { xTitle: 'group (1 = best scores)', yTitle: 'lift' });
  const rows = groupsOf(table, 'liftChart', ['group', 'lift']);
  return makeSpec('Lift by group (1 = best scores)', o, {
    layer: [
      { data: { values: rows }, mark: 'bar', encoding: { x: { field: 'group', type: 'ordinal', title: o.xTitle }, y: { field: 'lift', type: 'quantitative', title: o.yTitle } } },
      { data: { values: [{ lift: 1 }] }, mark: { type: 'rule', strokeDash: [4, 4], color: 'gray' }, encoding: { y: { field: 'lift', type: 'quantitative' } } },
    ],
  });
}
