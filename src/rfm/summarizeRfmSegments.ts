/**
 * Per-segment summary of an RFM result, the table an analyst reads first.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { addCompensated, type RfmResult } from './rfmScore.js';
import { RFM_OTHER_SEGMENT } from './rfmSegment.js';

/** One row of {@link summarizeRfmSegments}. */
export interface RfmSegmentSummary {
  readonly segment: string;
  readonly customers: number;
  /** customers / all customers. */
  readonly customerShare: number;
  /** Sum of the customers' revenue. */
  readonly revenue: number;
  /** revenue / total revenue (0 when the total is 0). */
  readonly revenueShare: number;
  /** Mean recency in days. */
  readonly meanRecency: number;
  readonly meanFrequency: number;
  readonly meanMonetary: number;
}

/**
 * Customers, revenue and mean R/F/M per segment, in the order of the segment table (then
 * `Other`); segments without customers are left out. O(customers).
 * @param result - The result of {@link rfmScore}.
 * @returns One row per segment that has customers.
 * The numbers read from the result are checked: `totalRevenue` and each customer's revenue,
 * recency, frequency and monetary value must be numbers (else `WRONG_RESULT_KIND`) and finite
 * (else `NON_FINITE`), so a damaged result (e.g. after editing its JSON) cannot give NaN shares.
 * @throws CrmError `WRONG_RESULT_KIND` when `result` is not an RFM result or a field is not a number,
 *   `NON_FINITE` for NaN or Infinity in it, `INVALID_INPUT` for a segment not in its table.
 * @example
 * const lines = [
 *   { customer: 1, date: '2024-03-20', amount: 30 },
 *   { customer: 1, date: '2024-03-21', amount: 10 },
 *   { customer: 2, date: '2024-01-05', amount: 10 },
 * ];
 * summarizeRfmSegments(rfmScore(lines)).map((s) => [s.segment, s.customers, s.revenueShare]);
 * // => [['Champions', 1, 0.8], ['Lost', 1, 0.2]]
 */
export function summarizeRfmSegments(result: RfmResult): RfmSegmentSummary[] {
  if (result === null || typeof result !== 'object' || (result as { kind?: unknown }).kind !== 'rfm' || !Array.isArray(result.customers)) {
    throw new CrmError('WRONG_RESULT_KIND', `summarizeRfmSegments: expected the result of rfmScore; got ${describeValue(result)}${result && typeof result === 'object' ? ` of kind ${describeValue((result as { kind?: unknown }).kind)}` : ''}.`);
  }
  const fn = 'summarizeRfmSegments';
  const num = (v: unknown, where: string): number => {
    if (typeof v !== 'number') {
      throw new CrmError('WRONG_RESULT_KIND', `${fn}: ${where} is ${describeValue(v)}, not a number; pass the result as rfmScore returns it.`, { field: where });
    }
    if (!Number.isFinite(v)) throw new CrmError('NON_FINITE', `${fn}: ${where} is ${v}; the result must hold finite numbers. Recompute it with rfmScore.`, { field: where });
    return v;
  };
  const table = (result.options as { segments?: unknown } | undefined)?.segments;
  if (!Array.isArray(table)) {
    throw new CrmError('WRONG_RESULT_KIND', `${fn}: the result has no segment table (options.segments is ${describeValue(table)}); pass the result as rfmScore returns it.`, { field: 'options.segments' });
  }
  const totalRevenue = num(result.totalRevenue, 'totalRevenue');
  const names = [...new Set([...(table as { name: string }[]).map((s) => s?.name), RFM_OTHER_SEGMENT])];
  const slot = new Map(names.map((name, i) => [name, i]));
  const g = names.length;
  const count = new Float64Array(g);
  const sums = { revenue: new Float64Array(g), recency: new Float64Array(g), frequency: new Float64Array(g), monetary: new Float64Array(g) };
  const comps = { revenue: new Float64Array(g), recency: new Float64Array(g), frequency: new Float64Array(g), monetary: new Float64Array(g) };
  result.customers.forEach((c, i) => {
    if (c === null || typeof c !== 'object') throw new CrmError('WRONG_RESULT_KIND', `${fn}: customers[${i}] is ${describeValue(c)}; pass the result as rfmScore returns it.`, { row: i });
    for (const key of ['revenue', 'recency', 'frequency', 'monetary'] as const) num(c[key], `customers[${i}].${key}`);
  });
  for (const c of result.customers) {
    const s = slot.get(c.segment);
    if (s === undefined) throw new CrmError('INVALID_INPUT', `summarizeRfmSegments: customer ${describeValue(c.customer)} has segment ${describeValue(c.segment)}, which is not in the result's segment table.`);
    count[s]!++;
    for (const key of ['revenue', 'recency', 'frequency', 'monetary'] as const) addCompensated(sums[key], comps[key], s, c[key]);
  }
  const n = result.customers.length;
  const out: RfmSegmentSummary[] = [];
  for (let s = 0; s < g; s++) {
    const k = count[s]!;
    if (k === 0) continue;
    const mean = (key: keyof typeof sums) => (sums[key][s]! + comps[key][s]!) / k;
    const revenue = sums.revenue[s]! + comps.revenue[s]!;
    out.push({
      segment: names[s]!,
      customers: k,
      customerShare: k / n,
      revenue,
      revenueShare: totalRevenue === 0 ? 0 : revenue / totalRevenue,
      meanRecency: mean('recency'),
      meanFrequency: mean('frequency'),
      meanMonetary: mean('monetary'),
    });
  }
  return out;
}
