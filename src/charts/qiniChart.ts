import { CrmError, describeValue } from '../core/errors.js';
import { makeSpec, requireFinite, requireNumber, requireRows, requireShape, resolveChartOptions, type ChartOptions, type VegaLiteSpec } from './spec.js';

/** The fields of a `qiniCurve` or `upliftCurve` result (crm-mining/campaign) this chart reads. */
export interface QiniChartInput {
  readonly kind: 'qiniCurve' | 'upliftCurve';
  readonly targeted: readonly number[];
  readonly incremental: readonly number[];
}

const PRODUCER = 'qiniCurve or upliftCurve (crm-mining/campaign)';

function pointsOf(curve: QiniChartInput, chart: string, name: string): { targeted: number; incremental: number; curve: string }[] {
  const c = requireShape(curve, ['kind', 'targeted', 'incremental'], chart, PRODUCER) as unknown as QiniChartInput;
  if (c.kind !== 'qiniCurve' && c.kind !== 'upliftCurve') requireShape(curve, ['kind'], chart, PRODUCER, 'qiniCurve');
  const x = requireRows(c.targeted, chart, 'points');
  if (!Array.isArray(c.incremental) || c.incremental.length !== x.length) {
    throw new CrmError('LENGTH_MISMATCH', `${chart}: targeted has ${x.length} points but incremental has ${describeValue(c.incremental)}.`, { chart });
  }
  const values = x.map((t, i) => ({ targeted: t, incremental: c.incremental[i]!, curve: name }));
  requireFinite(values, ['targeted', 'incremental'], chart);
  return values;
}

/**
 * The Qini curve (or uplift curve) of an uplift model: incremental conversions against customers
 * targeted, best predicted uplift first, with the random-targeting line from the origin to the
 * last point and, when given, the perfect curve. The plotted points are the curve's own numbers.
 * O(points).
 * @param curve - The result of `qiniCurve` or `upliftCurve` (crm-mining/campaign).
 * @param options - `perfect`: the matching `perfectQiniCurve` / `perfectUpliftCurve`; `coefficient`:
 * the Qini coefficient (or normalized AUUC) to print in the title.
 * @returns A Vega-Lite specification.
 * @throws CrmError `WRONG_RESULT_KIND` (also a perfect curve of the other kind), `EMPTY_INPUT`, `NON_FINITE`, `LENGTH_MISMATCH`
 * @example
 * qiniChart({ kind: 'qiniCurve', targeted: [0, 2, 4], incremental: [0, 1.5, 1] }, { coefficient: 0.42 }).title; // => 'Qini curve (Qini coefficient 0.420)'
 */
export function qiniChart(curve: QiniChartInput, options?: ChartOptions & { perfect?: QiniChartInput; coefficient?: number }): VegaLiteSpec {
  const chart = 'qiniChart';
  const model = pointsOf(curve, chart, 'model');
  const qini = curve.kind === 'qiniCurve';
  const { chart: o, own } = resolveChartOptions(chart, options, {
    xTitle: 'customers targeted (highest predicted uplift first)',
    yTitle: qini ? 'incremental conversions (Qini)' : 'incremental conversions (uplift x targeted)',
  }, { perfect: undefined as QiniChartInput | undefined, coefficient: undefined as number | undefined });
  const values = [...model];
  if (own.perfect !== undefined) {
    if (own.perfect?.kind !== curve.kind) requireShape(own.perfect, ['kind'], `${chart} (perfect)`, qini ? 'perfectQiniCurve' : 'perfectUpliftCurve', curve.kind);
    values.push(...pointsOf(own.perfect, chart, 'perfect'));
  }
  const last = model[model.length - 1]!;
  values.push({ targeted: 0, incremental: 0, curve: 'random' }, { targeted: last.targeted, incremental: last.incremental, curve: 'random' });
  const name = qini ? 'Qini curve' : 'Uplift curve';
  const c = own.coefficient === undefined ? undefined : requireNumber(own.coefficient, 'coefficient', chart, 'qiniAucScore or upliftAucScore');
  const title = c === undefined ? name : `${name} (${qini ? 'Qini coefficient' : 'normalized AUUC'} ${c.toFixed(3)})`;
  return makeSpec(title, o, {
    data: { values },
    mark: { type: 'line' },
    encoding: {
      x: { field: 'targeted', type: 'quantitative', title: o.xTitle },
      y: { field: 'incremental', type: 'quantitative', title: o.yTitle },
      color: { field: 'curve', type: 'nominal', title: null, scale: { domain: ['model', 'perfect', 'random'], range: ['#1f77b4', '#2ca02c', 'gray'] } },
      strokeDash: { field: 'curve', type: 'nominal', legend: null, scale: { domain: ['model', 'perfect', 'random'], range: [[1, 0], [1, 0], [4, 4]] } },
      order: { field: 'targeted', type: 'quantitative' },
    },
  });
}

/** The fields of an `upliftByPercentile` result (crm-mining/campaign) this chart reads. */
export interface UpliftByPercentileChartInput {
  readonly kind: 'upliftByPercentile';
  readonly groups: readonly { readonly bin: number; readonly percentile: string; readonly uplift: number | null }[];
}

/**
 * Uplift per percentile group (deciles by default), best predicted uplift first: bars that should
 * fall from left to right for a useful model. Groups whose uplift is undefined (an arm missing)
 * are left out. O(groups).
 * @param table - The result of `upliftByPercentile` (crm-mining/campaign).
 * @returns A Vega-Lite specification.
 * @throws CrmError `WRONG_RESULT_KIND`, `EMPTY_INPUT`, `NON_FINITE`
 * @example
 * upliftByPercentileChart({ kind: 'upliftByPercentile', groups: [{ bin: 1, percentile: '0-50', uplift: 0.1 }, { bin: 2, percentile: '50-100', uplift: -0.02 }] }).data.values.length; // => 2
 */
export function upliftByPercentileChart(table: UpliftByPercentileChartInput, options?: ChartOptions): VegaLiteSpec {
  const chart = 'upliftByPercentileChart';
  const { chart: o } = resolveChartOptions(chart, options, { xTitle: 'percentile of predicted uplift (best first)', yTitle: 'treated rate - control rate' });
  requireShape(table, ['groups'], chart, 'upliftByPercentile (crm-mining/campaign)', 'upliftByPercentile');
  const groups = requireRows(table.groups, chart, 'groups');
  const values = groups.filter((g) => g.uplift !== null).map((g) => ({ bin: g.bin, percentile: g.percentile, uplift: g.uplift }));
  requireRows(values, chart, 'groups with both arms');
  requireFinite(values, ['bin', 'uplift'], chart);
  return makeSpec('Uplift by percentile of predicted uplift', o, {
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'percentile', type: 'ordinal', sort: { field: 'bin' }, title: o.xTitle },
      y: { field: 'uplift', type: 'quantitative', title: o.yTitle, axis: { format: '.1%' } },
    },
  });
}
