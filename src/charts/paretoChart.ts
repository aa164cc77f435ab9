import { CrmError, describeValue } from '../core/errors.js';
import { checkInteger } from '../core/validate.js';
import { makeSpec, requireFinite, requireNumber, requireRows, requireShape, resolveChartOptions, type ChartOptions, type VegaLiteSpec } from './spec.js';
import { simplifyCurve } from './simplify.js';

/** The fields of `paretoAnalysis`'s result this chart reads. */
export interface ParetoChartInput {
  readonly kind: 'pareto';
  /** The ascending Lorenz curve (poorest first), as `paretoAnalysis` returns it. */
  readonly lorenz: readonly { readonly customerShare: number; readonly valueShare: number }[];
  readonly gini: number;
  /** The golden set: `customerShare` of customers, largest first, holding `valueShare`. */
  readonly golden: { readonly customerShare: number; readonly targetShare: number; readonly valueShare?: number };
  /** Number of customers; with `topShares`, marks the top shares on the curve exactly. */
  readonly n?: number;
  readonly topShares?: readonly { readonly customers: number; readonly valueShare: number }[];
}

const PRODUCER = 'paretoAnalysis (crm-mining/rfm)';

/**
 * The Pareto (concentration) curve of customer value: customers sorted by value, largest first,
 * the share of value held by the top x% of customers against x, with the line of perfect equality
 * and the golden customers marked where they sit on the curve. The curve is drawn from
 * `paretoAnalysis`'s ascending Lorenz curve L as C(x) = 1 - L(1 - x), the same curve with both
 * axes reversed, so C(x) is what `topShares` reports (the top shares are added as exact vertices)
 * and the Gini coefficient is twice the area between it and the diagonal. At most `maxPoints`
 * points are embedded (see docs/charts.md). O(points log points).
 * @param result - The result of `paretoAnalysis` (crm-mining/rfm).
 * @param options - Title, size, axis titles; `maxPoints` (default 1000).
 * @returns A Vega-Lite specification; layer 0 is the curve, layer 2 the golden point.
 * @throws CrmError `WRONG_RESULT_KIND`, `EMPTY_INPUT`, `NON_FINITE`, `INVALID_OPTION`
 * @example
 * const spec = paretoChart({ kind: 'pareto', lorenz: [{ customerShare: 0, valueShare: 0 }, { customerShare: 0.5, valueShare: 0.2 }, { customerShare: 1, valueShare: 1 }], gini: 0.3, golden: { customerShare: 0.5, targetShare: 0.8, valueShare: 0.8 } });
 * spec.layer[0].data.values.map((p) => [p.customerShare, p.valueShare]); // => [[0, 0], [0.5, 0.8], [1, 1]]
 */
export function paretoChart(result: ParetoChartInput, options?: ChartOptions & { maxPoints?: number }): VegaLiteSpec {
  const chart = 'paretoChart';
  const { chart: o, own } = resolveChartOptions(chart, options, {
    xTitle: 'share of customers (largest value first)',
    yTitle: 'share of value they hold',
  }, { maxPoints: 1000 as number | undefined });
  const maxPoints = checkInteger('maxPoints', own.maxPoints ?? 1000, { min: 2 });
  requireShape(result, ['lorenz', 'gini', 'golden'], chart, PRODUCER, 'pareto');
  const lorenz = requireRows(result.lorenz, chart, 'Lorenz points') as unknown as Record<string, unknown>[];
  lorenz.forEach((p) => requireShape(p, ['customerShare', 'valueShare'], chart, PRODUCER));
  requireFinite(lorenz, ['customerShare', 'valueShare'], chart);
  const gini = requireNumber(result.gini, 'gini', chart, PRODUCER);
  const golden = requireShape(result.golden, ['customerShare', 'targetShare'], chart, PRODUCER);
  const goldenX = requireNumber(golden.customerShare, 'golden.customerShare', chart, PRODUCER);
  const target = requireNumber(golden.targetShare, 'golden.targetShare', chart, PRODUCER);
  const goldenY = golden.valueShare === undefined ? target : requireNumber(golden.valueShare, 'golden.valueShare', chart, PRODUCER);

  // The largest-first curve, from (0, 0) to (1, 1): C(x) = 1 - L(1 - x).
  const pts: { x: number; y: number; anchor: boolean }[] = lorenz.map((p) => ({ x: 1 - (p.customerShare as number), y: 1 - (p.valueShare as number), anchor: false }));
  pts.push({ x: goldenX, y: goldenY, anchor: true });
  if (result.topShares !== undefined) {
    const n = requireNumber(result.n, 'n', chart, PRODUCER);
    if (!Number.isInteger(n) || n < 1) throw new CrmError('WRONG_RESULT_KIND', `${chart}: n is ${n}, not a number of customers; pass the result of ${PRODUCER}.`, { chart, field: 'n' });
    if (!Array.isArray(result.topShares)) throw new CrmError('WRONG_RESULT_KIND', `${chart}: topShares is ${describeValue(result.topShares)}; pass the result of ${PRODUCER}.`, { chart });
    result.topShares.forEach((t, i) => {
      const customers = requireNumber(t?.customers, `topShares[${i}].customers`, chart, PRODUCER);
      pts.push({ x: customers / n, y: requireNumber(t.valueShare, `topShares[${i}].valueShare`, chart, PRODUCER), anchor: true });
    });
  }
  pts.push({ x: 0, y: 0, anchor: false }, { x: 1, y: 1, anchor: false });
  // Exact 0 and 1 where rounding of 1 - v leaves 1e-16, then one point per x (the marked ones win).
  for (const p of pts) { p.x = clamp01(p.x); p.y = clamp01(p.y); }
  pts.sort((a, b) => a.x - b.x || a.y - b.y);
  const curve: { x: number; y: number; anchor: boolean }[] = [];
  for (const p of pts) {
    const last = curve[curve.length - 1];
    if (last && last.x === p.x && Math.abs(last.y - p.y) <= 1e-12) { last.anchor ||= p.anchor; continue; }
    curve.push(p);
  }
  const { kept } = simplifyCurve(curve.map((p) => p.x), curve.map((p) => p.y), maxPoints, curve.flatMap((p, i) => (p.anchor ? [i] : [])));
  const values = kept.map((i, order) => ({ customerShare: curve[i]!.x, valueShare: curve[i]!.y, order }));
  const x = { field: 'customerShare', type: 'quantitative', title: o.xTitle, axis: { format: '.0%' }, scale: { domain: [0, 1] } };
  const y = { field: 'valueShare', type: 'quantitative', title: o.yTitle, axis: { format: '.0%' }, scale: { domain: [0, 1] } };
  return makeSpec(`Concentration of value (Gini ${gini.toFixed(2)})`, o, {
    layer: [
      { data: { values }, mark: { type: 'line', interpolate: 'linear' }, encoding: { x, y, order: { field: 'order', type: 'quantitative' } } },
      {
        data: { values: [{ customerShare: 0, valueShare: 0 }, { customerShare: 1, valueShare: 1 }] },
        mark: { type: 'line', strokeDash: [4, 4], color: 'gray' },
        encoding: { x, y },
      },
      {
        data: { values: [{ customerShare: goldenX, valueShare: goldenY, label: `top ${(goldenX * 100).toFixed(1)}% of customers hold ${(goldenY * 100).toFixed(0)}% (target ${(target * 100).toFixed(0)}%)` }] },
        mark: { type: 'point', filled: true, size: 80, color: 'firebrick', tooltip: true },
        encoding: { x, y, tooltip: { field: 'label', type: 'nominal' } },
      },
    ],
  });
}

function clamp01(v: number): number {
  return Math.abs(v) < 1e-12 ? 0 : Math.abs(v - 1) < 1e-12 ? 1 : v;
}
