import { CrmError, describeValue } from '../core/errors.js';
import { makeSpec, requireFinite, requireRows, requireShape, resolveChartOptions, type ChartOptions, type VegaLiteSpec } from './spec.js';

/** The fields of one variable's binning (`fitWoeBinning(...).variables[j]`, crm-mining/scorecard) this chart reads. */
export interface WoeChartInput {
  readonly name: string;
  readonly iv: number;
  readonly bins: readonly { readonly label: string; readonly woe: number; readonly count: number; readonly eventRate: number }[];
}

/**
 * Weight of evidence per bin of one variable as bars, in bin order (the missing bin last, left out
 * when empty), the variable's IV in the title; each bar's tooltip gives the count and event rate.
 * O(bins).
 * @param binning - One variable of a `fitWoeBinning` model, or a `woeBinNumeric` / `woeBinCategorical` result (crm-mining/scorecard).
 * @returns A Vega-Lite specification.
 * @throws CrmError `WRONG_RESULT_KIND`, `EMPTY_INPUT`, `NON_FINITE`
 * @example
 * const spec = woeChart({ name: 'age', iv: 0.1, bins: [{ label: '(-inf, 30)', woe: -0.4, count: 10, eventRate: 0.4 }, { label: 'missing', woe: 0, count: 0, eventRate: 0 }] });
 * [spec.title, (spec.data as { values: unknown[] }).values.length]; // => ['Weight of evidence: age (IV 0.100)', 1]
 */
export function woeChart(binning: WoeChartInput, options?: ChartOptions): VegaLiteSpec {
  const chart = 'woeChart';
  requireShape(binning, ['name', 'bins', 'iv'], chart, 'fitWoeBinning(...).variables[j], woeBinNumeric or woeBinCategorical (crm-mining/scorecard)');
  const { chart: o } = resolveChartOptions(chart, options, { xTitle: typeof binning?.name === 'string' ? binning.name : 'bin', yTitle: 'WoE = ln(non-event share / event share)' });
  if (typeof binning.name !== 'string') {
    throw new CrmError('WRONG_RESULT_KIND', `${chart}: the variable's name must be a string; got ${describeValue(binning.name)}. Pass fitWoeBinning(...).variables[j].`, { chart });
  }
  const bins = requireRows(binning.bins, chart, 'bins');
  bins.forEach((b, k) => {
    if (b === null || typeof b !== 'object' || typeof b.label !== 'string') {
      throw new CrmError('WRONG_RESULT_KIND', `${chart}: bins[${k}] must be a bin with a string label; got ${describeValue(b)}.`, { chart, bin: k });
    }
  });
  const values = bins
    .map((b, order) => ({ bin: b.label, order, woe: b.woe, count: b.count, eventRate: b.eventRate }))
    .filter((b, k) => !(k === bins.length - 1 && b.bin === 'missing' && b.count === 0));
  if (values.length === 0) throw new CrmError('EMPTY_INPUT', `${chart}: the binning has no non-empty bin to draw.`, { chart });
  requireFinite(values, ['woe', 'count', 'eventRate'], chart);
  if (typeof binning.iv !== 'number' || !Number.isFinite(binning.iv)) requireFinite([{ iv: binning.iv }], ['iv'], chart);
  return makeSpec(`Weight of evidence: ${binning.name} (IV ${binning.iv.toFixed(3)})`, o, {
    data: { values },
    mark: 'bar',
    encoding: {
      x: { field: 'bin', type: 'nominal', sort: { field: 'order' }, title: o.xTitle },
      y: { field: 'woe', type: 'quantitative', title: o.yTitle },
      color: { condition: { test: 'datum.woe < 0', value: '#d62728' }, value: '#2ca02c' },
      tooltip: [
        { field: 'bin', type: 'nominal' },
        { field: 'woe', type: 'quantitative', format: '.3f' },
        { field: 'count', type: 'quantitative' },
        { field: 'eventRate', type: 'quantitative', format: '.1%' },
      ],
    },
  });
}
