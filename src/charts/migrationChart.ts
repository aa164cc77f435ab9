import { makeSpec, requireRows, requireShape, resolveChartOptions, type ChartOptions, type VegaLiteSpec } from './spec.js';
import { CrmError, describeValue } from '../core/errors.js';

/** The fields of `lifecycleTransitions`'s result this chart reads. */
export interface MigrationChartInput {
  readonly from: string;
  readonly to: string;
  readonly stages: readonly string[];
  readonly counts: readonly (readonly number[])[];
  readonly shares: readonly (readonly number[])[];
}

const PRODUCER = 'lifecycleTransitions (crm-mining/lifecycle)';

/**
 * An ISO timestamp as a label: `YYYY-MM-DD` at midnight UTC, `YYYY-MM-DD HH:MM UTC` otherwise;
 * any other string as given.
 */
function dateLabel(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2})(?:\.(\d+))?)?Z$/.exec(value);
  if (!m) return value;
  const midnight = m[2] === '00:00' && (m[3] === undefined || m[3] === '00') && (m[4] === undefined || /^0+$/.test(m[4]));
  return midnight ? m[1]! : `${m[1]} ${m[2]} UTC`;
}

/** 'atRisk' -> 'at risk': a camelCase code as words. */
function stageLabel(code: string): string {
  return code.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * The lifecycle migration matrix as a heatmap: stage at `from` (rows) against stage at `to`
 * (columns), coloured by the row share and labelled with the count. Dates are shown as
 * `YYYY-MM-DD` (with the time only when it is not midnight UTC) and stage codes as words
 * (`atRisk` -> 'at risk'), or with `stageLabels` in another language. O(stages^2).
 * @param result - The result of `lifecycleTransitions` (crm-mining/lifecycle).
 * @param options - Title, size, axis titles; `stageLabels`: a label per stage code.
 * @returns A Vega-Lite specification.
 * @throws CrmError `WRONG_RESULT_KIND`, `EMPTY_INPUT`, `NON_FINITE`, `INVALID_OPTION`
 * @example
 * const spec = migrationChart({ from: '2011-09-09T00:00:00.000Z', to: '2011-12-09T00:00:00.000Z', stages: ['active', 'atRisk'], counts: [[3, 1], [0, 2]], shares: [[0.75, 0.25], [0, 1]] });
 * [spec.title, spec.data.values[1].to]; // => ['Lifecycle migration, 2011-09-09 to 2011-12-09', 'at risk']
 */
export function migrationChart(result: MigrationChartInput, options?: ChartOptions & { stageLabels?: Readonly<Record<string, string>> }): VegaLiteSpec {
  const chart = 'migrationChart';
  requireShape(result, ['stages', 'counts', 'shares', 'from', 'to'], chart, PRODUCER);
  for (const key of ['from', 'to'] as const) {
    if (typeof result[key] !== 'string') {
      throw new CrmError('WRONG_RESULT_KIND', `${chart}: ${key} is ${describeValue(result[key])}, not a date string; pass the result of ${PRODUCER}.`, { chart, field: key });
    }
  }
  const from = dateLabel(result.from);
  const to = dateLabel(result.to);
  const { chart: o, own } = resolveChartOptions(chart, options, { xTitle: `stage at ${to}`, yTitle: `stage at ${from}` }, {
    stageLabels: undefined as Readonly<Record<string, string>> | undefined,
  });
  const stages = requireRows(result.stages, chart, 'stages');
  for (const key of ['counts', 'shares'] as const) {
    const m = result[key] as unknown;
    if (!Array.isArray(m) || !m.every((row) => Array.isArray(row))) {
      throw new CrmError('WRONG_RESULT_KIND', `${chart}: ${key} must be a matrix (an array of rows, one row and column per stage); got ${describeValue(m)}. Pass the result of ${PRODUCER}.`, { chart, field: key });
    }
  }
  if (own.stageLabels !== undefined && (own.stageLabels === null || typeof own.stageLabels !== 'object' || Array.isArray(own.stageLabels))) {
    throw new CrmError('INVALID_OPTION', `${chart}: stageLabels must be an object { stageCode: label }; got ${describeValue(own.stageLabels)}.`, { option: 'stageLabels' });
  }
  const labels = stages.map((s, i) => {
    if (typeof s !== 'string') throw new CrmError('WRONG_RESULT_KIND', `${chart}: stages[${i}] is ${describeValue(s)}, not a stage name; pass the result of ${PRODUCER}.`, { chart });
    const given = own.stageLabels !== undefined && Object.prototype.hasOwnProperty.call(own.stageLabels, s) ? own.stageLabels[s] : undefined;
    if (given !== undefined && typeof given !== 'string') {
      throw new CrmError('INVALID_OPTION', `${chart}: stageLabels.${s} must be a string; got ${describeValue(given)}.`, { option: 'stageLabels' });
    }
    return given ?? stageLabel(s);
  });
  if (new Set(labels).size !== labels.length) {
    throw new CrmError('INVALID_OPTION', `${chart}: two stages would get the same label (${labels.join(', ')}); give each its own in stageLabels.`, { option: 'stageLabels' });
  }
  const values: { from: string; to: string; customers: number; share: number }[] = [];
  stages.forEach((a, i) => {
    stages.forEach((b, j) => {
      const customers = result.counts[i]?.[j];
      const share = result.shares[i]?.[j];
      if (typeof customers !== 'number' || !Number.isFinite(customers) || typeof share !== 'number' || !Number.isFinite(share)) {
        throw new CrmError('NON_FINITE', `${chart}: cell (${a}, ${b}) is not a finite count and share.`, { chart, row: i, column: j });
      }
      values.push({ from: labels[i]!, to: labels[j]!, customers, share });
    });
  });
  return makeSpec(`Lifecycle migration, ${from} to ${to}`, o, {
    data: { values },
    encoding: {
      // Horizontal labels: vertical ones leave a band as tall as the longest name under the short ones.
      x: { field: 'to', type: 'nominal', sort: labels, title: o.xTitle, axis: { labelAngle: 0, labelLimit: 0, labelOverlap: false } },
      y: { field: 'from', type: 'nominal', sort: labels, title: o.yTitle },
    },
    layer: [
      { mark: 'rect', encoding: { color: { field: 'share', type: 'quantitative', title: 'share of row', scale: { domain: [0, 1] } } } },
      { mark: { type: 'text', fontSize: 11 }, encoding: { text: { field: 'customers', type: 'quantitative' } } },
    ],
  });
}
