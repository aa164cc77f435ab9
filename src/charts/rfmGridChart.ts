import { CrmError, describeValue } from '../core/errors.js';
import { makeSpec, requireFinite, requireRows, requireShape, resolveChartOptions, type ChartOptions, type VegaLiteSpec } from './spec.js';

/** The fields of `rfmScore`'s result this chart reads. */
export interface RfmGridChartInput {
  readonly kind: 'rfm';
  readonly customers: readonly { readonly r: number; readonly f: number; readonly monetary: number }[];
}

/**
 * The RFM grid: recency score against frequency score, each cell coloured by its number of
 * customers (or their mean monetary value) and labelled with the count. O(customers).
 * @param result - The result of `rfmScore` (crm-mining/rfm).
 * @param options - `color`: `'customers'` (default) or `'monetary'` (mean monetary value per cell).
 * @returns A Vega-Lite specification.
 * @throws CrmError `WRONG_RESULT_KIND`, `EMPTY_INPUT`, `NON_FINITE`, `INVALID_OPTION`
 * @example
 * rfmGridChart({ kind: 'rfm', customers: [{ r: 5, f: 1, monetary: 10 }, { r: 5, f: 1, monetary: 30 }] }).data.values; // => [{ r: 5, f: 1, customers: 2, meanMonetary: 20 }]
 */
export function rfmGridChart(result: RfmGridChartInput, options?: ChartOptions & { color?: 'customers' | 'monetary' }): VegaLiteSpec {
  const chart = 'rfmGridChart';
  const { chart: o, own } = resolveChartOptions(chart, options, { xTitle: 'frequency score', yTitle: 'recency score (most recent on top)' }, {
    color: undefined as 'customers' | 'monetary' | undefined,
  });
  requireShape(result, ['customers'], chart, 'rfmScore (crm-mining/rfm)', 'rfm');
  const customers = requireRows(result.customers, chart, 'customers') as unknown as Record<string, unknown>[];
  requireFinite(customers, ['r', 'f', 'monetary'], chart);
  const color = own.color ?? 'customers';
  if (color !== 'customers' && color !== 'monetary') {
    throw new CrmError('INVALID_OPTION', `rfmGridChart: color must be 'customers' or 'monetary'; got ${describeValue(color)}.`, { option: 'color' });
  }
  const cells = new Map<string, { r: number; f: number; customers: number; total: number }>();
  for (const c of result.customers) {
    const key = `${c.r}:${c.f}`;
    const cell = cells.get(key) ?? { r: c.r, f: c.f, customers: 0, total: 0 };
    cell.customers++;
    cell.total += c.monetary;
    cells.set(key, cell);
  }
  const values = [...cells.values()]
    .sort((a, b) => a.r - b.r || a.f - b.f)
    .map((c) => ({ r: c.r, f: c.f, customers: c.customers, meanMonetary: c.total / c.customers }));
  const colorField = color === 'customers' ? 'customers' : 'meanMonetary';
  return makeSpec('RFM grid: customers by recency and frequency score', o, {
    data: { values },
    encoding: {
      x: { field: 'f', type: 'ordinal', title: o.xTitle },
      y: { field: 'r', type: 'ordinal', title: o.yTitle, sort: 'descending' },
    },
    layer: [
      { mark: 'rect', encoding: { color: { field: colorField, type: 'quantitative', title: color === 'customers' ? 'customers' : 'mean monetary' } } },
      { mark: { type: 'text', fontSize: 11 }, encoding: { text: { field: 'customers', type: 'quantitative' } } },
    ],
  });
}
