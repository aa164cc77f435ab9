/**
 * The migration matrix between two dates: how many customers moved from each lifecycle stage to
 * each other (active to at risk, lapsed back to reactivated, prospects to new).
 * @module
 */
import type { DateInput } from '../core/dates.js';
import type { OrderInput } from '../core/orders.js';
import {
  COMMON_DEFAULTS,
  LIFECYCLE_STAGES,
  lineCounts,
  resolveCommon,
  twoSnapshots,
  type LifecycleCommonOptions,
  type LifecycleLineCounts,
  type LifecycleStageName,
  type LifecycleThresholds,
} from './history.js';

/** Options of {@link lifecycleTransitions}. */
export interface LifecycleTransitionsOptions<R = Record<string, unknown>> extends LifecycleCommonOptions<R> {
  /** The earlier date; stages use only orders up to it (a calendar day includes the whole day, docs/dates.md). Not before the first order. */
  from: DateInput;
  /** The later date (>= from), the cut: stages use only orders up to it, lines after it are refused unless `laterLines: 'drop'`. Thresholds are derived here. */
  to: DateInput;
}

/** Result of {@link lifecycleTransitions}. Matrices are indexed [stage at from][stage at to]. */
export interface LifecycleTransitionsResult {
  /** The earlier date as given, ready as a label (crm-mining/charts' migrationChart uses it): `'2011-09-09'` for a day, the ISO instant otherwise. */
  readonly from: string;
  /** The later date, labelled as `from` is. */
  readonly to: string;
  /** Order lines given, dropped as dated after `to` (`laterLines: 'drop'`), dropped for a missing customer. */
  readonly lines: LifecycleLineCounts;
  /** Row and column labels, {@link LIFECYCLE_STAGES}. */
  readonly stages: LifecycleStageName[];
  /** counts[i][j]: customers in stages[i] at `from` and stages[j] at `to`. */
  readonly counts: number[][];
  /** Row-normalised counts: counts[i][j] / rowTotals[i]; a row with no customers is all 0. */
  readonly shares: number[][];
  readonly rowTotals: number[];
  readonly columnTotals: number[];
  /** All customers (the sum of counts). */
  readonly customers: number;
  /** Customers whose stage changed. */
  readonly moved: number;
  readonly thresholds: LifecycleThresholds;
}

/**
 * Frozen defaults of {@link lifecycleTransitions} (`from` and `to` are required), those of lifecycleStage without asOf.
 * @example
 * LIFECYCLE_TRANSITIONS_DEFAULTS.newWithin; // => 2
 */
export const LIFECYCLE_TRANSITIONS_DEFAULTS = COMMON_DEFAULTS;

/**
 * Lifecycle migration matrix between `from` and `to`. Each customer's stage is computed at both
 * dates with the rule of {@link lifecycleStage}, using only orders dated up to that date. The
 * thresholds are derived once, from the orders up to `to` (unless given), and applied at both
 * dates, so the column totals equal `lifecycleStage(orders, { asOf: to })` with the same options.
 * A customer whose first order is after `from` is a prospect at `from`. O(n log n) for n lines.
 * Source: the customer migration matrix of Dwyer (1997), "Customer lifetime valuation to support
 * marketing decision making", Journal of Direct Marketing 11(4).
 * @param orders - Order lines as rows or `{ customer, date }` columns, as for lifecycleStage.
 * @param options - `from` and `to` (required), plus the options of lifecycleStage except asOf.
 * @returns Counts and row shares as plain arrays labelled by `stages`, totals, and the thresholds.
 * @throws CrmError `INVALID_ORDER` (`to` before `from`, `from` before the first order, lines after `to` unless `laterLines: 'drop'`), `INVALID_DATE`, `EMPTY_INPUT`, `INVALID_INPUT`, `MISSING_VALUE`, `INVALID_OPTION`
 * @example
 * const m = lifecycleTransitions([
 *   { customer: 'a', date: '2024-01-01' }, { customer: 'a', date: '2024-01-11' },
 *   { customer: 'b', date: '2024-01-05' }, { customer: 'b', date: '2024-01-15' },
 * ], { from: '2024-01-12', to: '2024-01-31' });
 * m.counts[m.stages.indexOf('new')]; // => [0, 0, 1, 0, 1, 0, 0]
 */
export function lifecycleTransitions<R = Record<string, unknown>>(
  orders: OrderInput<R>,
  options: LifecycleTransitionsOptions<R>,
): LifecycleTransitionsResult {
  const fn = 'lifecycleTransitions';
  const o = resolveCommon(fn, COMMON_DEFAULTS, options, ['from', 'to']) as typeof COMMON_DEFAULTS & { from?: DateInput; to?: DateInput };
  const { from, to, h, thresholds, before: a, after: b } = twoSnapshots(fn, orders, o);
  const k = LIFECYCLE_STAGES.length;
  const flat = new Int32Array(k * k);
  let moved = 0;
  for (let c = 0; c < a.length; c++) {
    flat[a[c]! * k + b[c]!]!++;
    if (a[c] !== b[c]) moved++;
  }
  const counts: number[][] = [];
  const shares: number[][] = [];
  const rowTotals: number[] = [];
  const columnTotals = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++) {
    const row = Array.from(flat.subarray(i * k, i * k + k));
    const total = row.reduce((s, x) => s + x, 0);
    counts.push(row);
    rowTotals.push(total);
    shares.push(row.map((x) => (total === 0 ? 0 : x / total)));
    for (let j = 0; j < k; j++) columnTotals[j]! += row[j]!;
  }
  return {
    from: from.label,
    to: to.label,
    lines: lineCounts(h),
    stages: [...LIFECYCLE_STAGES],
    counts,
    shares,
    rowTotals,
    columnTotals,
    customers: a.length,
    moved,
    thresholds,
  };
}
