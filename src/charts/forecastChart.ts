import { CrmError, describeValue } from '../core/errors.js';
import { makeSpec, requireFinite, requireRows, requireShape, resolveChartOptions, type ChartOptions, type VegaLiteSpec } from './spec.js';

/** The fields of a forecast (crm-mining/forecast) this chart reads. */
export interface ForecastChartInput {
  readonly kind: 'forecast';
  readonly method: string;
  readonly mean: readonly number[];
  readonly level: readonly number[];
  readonly lower: Readonly<Record<string, readonly number[]>>;
  readonly upper: Readonly<Record<string, readonly number[]>>;
  readonly labels?: readonly string[];
}

/** The history: values oldest first, or a `salesSeries` result (its labels name the periods). */
export type ForecastChartHistory = readonly number[] | { readonly kind: 'salesSeries'; readonly values: readonly number[]; readonly labels?: readonly string[] };

const PRODUCER = 'forecastSeries, forecastTheta, naive, ... (crm-mining/forecast)';

/**
 * The history, the point forecast and its prediction-interval bands (the widest level palest) on
 * one time axis: `t` counts periods from the first of the history (the forecast continues at
 * t = n), and `period` holds the labels when both the history and the forecast have them (a
 * `salesSeries` and its forecast), which then label the axis. O(n + h x levels).
 * @param history - The values the forecast was made from, or their `salesSeries`.
 * @param forecast - A forecast of crm-mining/forecast.
 * @param options - Title, size, axis titles; `historyPoints` (the last values of the history to
 *   draw; default all).
 * @returns A Vega-Lite specification: layer 0 the bands (`{ t, period, level, lower, upper }`),
 *   layer 1 the lines (`{ t, period, value, series }`, series `'history'` or `'forecast'`).
 * @throws CrmError `WRONG_RESULT_KIND`, `EMPTY_INPUT`, `NON_FINITE`, `LENGTH_MISMATCH`, `INVALID_OPTION`
 * @example
 * const f = { kind: 'forecast', method: 'naive', mean: [4], level: [80], lower: { '80': [3] }, upper: { '80': [5] } } as const;
 * const spec = forecastChart([3, 5, 4], f);
 * spec.layer[1].data.values.map((p) => [p.t, p.value, p.series]); // => [[0, 3, 'history'], [1, 5, 'history'], [2, 4, 'history'], [2, 4, 'forecast'], [3, 4, 'forecast']]
 */
export function forecastChart(
  history: ForecastChartHistory,
  forecast: ForecastChartInput,
  options?: ChartOptions & { historyPoints?: number },
): VegaLiteSpec & { layer: { data: { values: Record<string, number | string>[] } }[] } {
  const chart = 'forecastChart';
  const { chart: o, own } = resolveChartOptions(chart, options, { xTitle: 'period', yTitle: 'value' }, { historyPoints: undefined as number | undefined });
  let values: readonly unknown[];
  let labels: readonly string[] | undefined;
  if (Array.isArray(history)) values = history;
  else {
    const h = requireShape(history, ['values'], chart, 'salesSeries (crm-mining/forecast), or an array of numbers', 'salesSeries');
    values = h.values as readonly unknown[];
    if (Array.isArray(h.labels)) labels = h.labels as string[];
  }
  requireRows(values, chart, 'history values');
  const f = requireShape(forecast, ['mean', 'level', 'lower', 'upper'], chart, PRODUCER, 'forecast') as unknown as ForecastChartInput;
  if (typeof f.method !== 'string') throw new CrmError('WRONG_RESULT_KIND', `${chart}: forecast.method is ${describeValue(f.method)}, not a method name; pass the forecast as ${PRODUCER} returns it.`, { chart });
  const mean = requireRows(f.mean, chart, 'forecast steps');
  const n = values.length;
  const hSteps = mean.length;
  let keep = n;
  if (own.historyPoints !== undefined) {
    const k = own.historyPoints;
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) throw new CrmError('INVALID_OPTION', `${chart}: historyPoints must be an integer >= 1; got ${describeValue(k)}.`, { option: 'historyPoints' });
    keep = Math.min(n, k);
  }
  const fLabels = Array.isArray(f.labels) && f.labels.length === hSteps ? f.labels : undefined;
  const useLabels = labels !== undefined && labels.length === n && fLabels !== undefined;
  const periodOf = (t: number): string => (useLabels ? (t < n ? labels![t]! : fLabels![t - n]!) : String(t));
  const lines: { t: number; period: string; value: number; series: string }[] = [];
  for (let t = n - keep; t < n; t++) lines.push({ t, period: periodOf(t), value: values[t] as number, series: 'history' });
  // The forecast line starts at the last observed value so the two lines join.
  lines.push({ t: n - 1, period: periodOf(n - 1), value: values[n - 1] as number, series: 'forecast' });
  for (let j = 0; j < hSteps; j++) lines.push({ t: n + j, period: periodOf(n + j), value: mean[j]!, series: 'forecast' });
  requireFinite(lines, ['value'], chart);
  if (!Array.isArray(f.level)) throw new CrmError('WRONG_RESULT_KIND', `${chart}: forecast.level must be an array of levels; pass the forecast as ${PRODUCER} returns it.`, { chart });
  const bands: { t: number; period: string; level: string; lower: number; upper: number }[] = [];
  // Widest first, so narrower bands are drawn on top.
  for (const l of [...f.level].sort((a, b) => b - a)) {
    const lo = f.lower?.[String(l)], hi = f.upper?.[String(l)];
    if (!Array.isArray(lo) || !Array.isArray(hi) || lo.length !== hSteps || hi.length !== hSteps) {
      throw new CrmError('LENGTH_MISMATCH', `${chart}: the ${l}% bounds must have one value per forecast step (${hSteps}).`, { chart, level: l });
    }
    for (let j = 0; j < hSteps; j++) bands.push({ t: n + j, period: periodOf(n + j), level: `${l}%`, lower: lo[j]!, upper: hi[j]! });
  }
  requireFinite(bands, ['lower', 'upper'], chart);
  const x = useLabels
    ? { field: 'period', type: 'ordinal', sort: null, title: o.xTitle }
    : { field: 't', type: 'quantitative', title: o.xTitle === 'period' ? 'period (0 = first of the history)' : o.xTitle };
  return makeSpec(`Forecast (${f.method}) with prediction intervals`, o, {
    layer: [
      {
        data: { values: bands },
        mark: { type: 'area', opacity: 0.25 },
        encoding: {
          x,
          y: { field: 'lower', type: 'quantitative', title: o.yTitle },
          y2: { field: 'upper' },
          color: { field: 'level', type: 'nominal', title: 'interval', scale: { range: ['#9ecae1', '#4292c6'] } },
        },
      },
      {
        data: { values: lines },
        mark: { type: 'line', point: hSteps + keep <= 60 },
        encoding: {
          x,
          y: { field: 'value', type: 'quantitative', title: o.yTitle },
          strokeDash: { field: 'series', type: 'nominal', title: null, sort: ['history', 'forecast'] },
          tooltip: [{ field: 'period' }, { field: 'value', type: 'quantitative', format: ',.2f' }, { field: 'series' }],
        },
      },
    ],
  }) as VegaLiteSpec & { layer: { data: { values: Record<string, number | string>[] } }[] };
}
