import { CrmError, describeValue } from '../core/errors.js';
import { makeSpec, requireFinite, resolveChartOptions, type ChartOptions, type VegaLiteSpec } from './spec.js';

/** Scores and, optionally, their 0/1 labels (1 = event, "bad"). */
export interface ScoreDistributionChartInput {
  readonly scores: ArrayLike<number>;
  readonly labels?: ArrayLike<number | boolean>;
}

/**
 * Histogram of scores (e.g. `scoreScorecard`'s, crm-mining/scorecard), with events and non-events
 * as separate overlaid series when labels are given. The bins are computed here (equal width over
 * [min, max], `bins` of them, the last closed), so the plotted counts are the data's. O(n).
 * @param input - `{ scores, labels? }`.
 * @param options - `bins`: number of bars. @defaultValue 20
 * @returns A Vega-Lite specification.
 * @throws CrmError `EMPTY_INPUT`, `NON_FINITE`, `LENGTH_MISMATCH`, `INVALID_INPUT`, `INVALID_OPTION`
 * @example
 * const spec = scoreDistributionChart({ scores: [500, 510, 600, 650] }, { bins: 2 });
 * (spec.data as { values: { count: number }[] }).values.map((v) => v.count); // => [2, 2]
 */
export function scoreDistributionChart(input: ScoreDistributionChartInput, options?: ChartOptions & { bins?: number }): VegaLiteSpec {
  const chart = 'scoreDistributionChart';
  if (input === null || typeof input !== 'object' || input.scores === null || typeof input.scores !== 'object' || typeof input.scores.length !== 'number') {
    throw new CrmError('INVALID_INPUT', `${chart}: pass { scores, labels? } with scores an array of numbers; got ${describeValue(input)}.`, { chart });
  }
  const { chart: o, own } = resolveChartOptions(chart, options, { xTitle: 'score', yTitle: 'rows' }, { bins: 20 as number });
  const nb = own.bins ?? 20;
  if (!Number.isInteger(nb) || nb < 1 || nb > 1000) throw new CrmError('INVALID_OPTION', `${chart}: bins must be an integer in [1, 1000]; got ${describeValue(nb)}.`, { option: 'bins' });
  const s = Array.from(input.scores);
  if (s.length === 0) throw new CrmError('EMPTY_INPUT', `${chart}: no scores to draw.`, { chart });
  requireFinite(s.map((score) => ({ score })), ['score'], chart);
  if (input.labels !== undefined && (input.labels === null || typeof input.labels !== 'object' || typeof input.labels.length !== 'number')) {
    throw new CrmError('INVALID_INPUT', `${chart}: labels must be an array of 0/1 (or booleans); got ${describeValue(input.labels)}.`, { chart });
  }
  const labels = input.labels === undefined ? undefined : Array.from(input.labels);
  if (labels && labels.length !== s.length) throw new CrmError('LENGTH_MISMATCH', `${chart}: ${s.length} scores but ${labels.length} labels.`, { chart });
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of s) { if (v < lo) lo = v; if (v > hi) hi = v; }
  const width = hi > lo ? (hi - lo) / nb : 1;
  const groups = labels ? ['event', 'non-event'] : ['all'];
  const count = groups.map(() => new Array<number>(nb).fill(0));
  s.forEach((v, i) => {
    const k = Math.min(nb - 1, Math.floor((v - lo) / width));
    const g = labels ? (labels[i] === 1 || labels[i] === true ? 0 : 1) : 0;
    count[g]![k]!++;
  });
  const values = groups.flatMap((group, g) => count[g]!.map((c, k) => ({ group, binStart: lo + k * width, binEnd: k === nb - 1 && hi > lo ? hi : lo + (k + 1) * width, count: c })));
  return makeSpec(labels ? 'Score distribution by outcome' : 'Score distribution', o, {
    data: { values },
    mark: labels ? { type: 'bar', opacity: 0.6 } : 'bar',
    encoding: {
      x: { field: 'binStart', type: 'quantitative', bin: { binned: true }, title: o.xTitle },
      x2: { field: 'binEnd' },
      y: { field: 'count', type: 'quantitative', stack: null, title: o.yTitle },
      ...(labels ? { color: { field: 'group', type: 'nominal', title: null } } : {}),
    },
  });
}
