/**
 * Where each customer stands in the lifecycle at a date: prospect, new, active, reactivated, at
 * risk, lapsed or former, with thresholds derived from the data's typical inter-purchase interval.
 * @module
 */
import type { DateInput } from '../core/dates.js';
import type { Id, OrderInput } from '../core/orders.js';
import {
  buildHistories,
  COMMON_DEFAULTS,
  checkNotBeforeFirst,
  defaultCut,
  emptyFacts,
  LIFECYCLE_STAGES,
  lineCounts,
  readCut,
  resolveCommon,
  resolveThresholds,
  stageOf,
  type LifecycleCommonOptions,
  type LifecycleLineCounts,
  type LifecycleStageName,
  type LifecycleThresholds,
} from './history.js';

/** Options of {@link lifecycleStage}. */
export interface LifecycleStageOptions<R = Record<string, unknown>> extends LifecycleCommonOptions<R> {
  /**
   * The date at which stages are computed (docs/dates.md): a calendar day (`'2011-12-09'`) includes
   * that whole day and measures days from its end (the next midnight UTC); an instant includes the
   * lines at or before it. Lines after it are refused unless `laterLines: 'drop'`. Thresholds are
   * derived from the orders up to it. @defaultValue the day of the latest order
   */
  asOf?: DateInput;
}

/** One customer's stage and the facts behind it. Dates are epoch milliseconds (as in rfmScore); null for prospects. */
export interface LifecycleCustomer {
  readonly customer: Id;
  readonly stage: LifecycleStageName;
  /** Order lines dated up to asOf. */
  readonly purchases: number;
  /** Distinct UTC days with a purchase up to asOf. */
  readonly purchaseDays: number;
  readonly firstPurchase: number | null;
  readonly lastPurchase: number | null;
  /** floor((asOf - first purchase) / 1 day). */
  readonly daysSinceFirst: number | null;
  /** floor((asOf - last purchase) / 1 day), the recency of rfmScore. */
  readonly daysSinceLast: number | null;
  /** Longest gap in whole days between consecutive purchases (0 for a single purchase). */
  readonly longestGapDays: number | null;
  /** The purchase that ended the latest gap of lapsedDays or more (a come-back), or null. */
  readonly lastComeback: number | null;
}

/** Customers per stage. */
export interface LifecycleStageCount {
  readonly stage: LifecycleStageName;
  readonly customers: number;
  /** customers / all customers. */
  readonly share: number;
}

/** Result of {@link lifecycleStage}. */
export interface LifecycleStageResult {
  /** The instant stages were measured at, epoch ms: for `asOf: '2011-12-09'`, 2011-12-10T00:00Z. */
  readonly asOf: number;
  readonly thresholds: LifecycleThresholds;
  /** Every stage, in {@link LIFECYCLE_STAGES} order, including empty ones. */
  readonly stages: LifecycleStageCount[];
  /** One entry per customer (log customers and known customers), ascending id. */
  readonly customers: LifecycleCustomer[];
  /** Order lines given, lines dropped as dated after asOf (`laterLines: 'drop'`), lines dropped for a missing customer. */
  readonly lines: LifecycleLineCounts;
}

/**
 * Frozen defaults of {@link lifecycleStage}: multipliers of the typical inter-purchase interval.
 * @example
 * [LIFECYCLE_STAGE_DEFAULTS.atRiskAfter, LIFECYCLE_STAGE_DEFAULTS.lapsedAfter, LIFECYCLE_STAGE_DEFAULTS.formerAfter]; // => [2, 4, 8]
 */
export const LIFECYCLE_STAGE_DEFAULTS = Object.freeze({ ...COMMON_DEFAULTS, asOf: undefined as DateInput | undefined });

const num = (x: number): number | null => (x === x ? x : null);

/**
 * Lifecycle stage of every customer at `asOf`. The rule, first match wins (days are whole days,
 * floor((later - earlier) / 24 h), like rfmScore's recency):
 * 1. no purchase up to asOf: `prospect` (a known customer, or one whose first order is later);
 * 2. days since last purchase >= formerDays: `former`; 3. >= lapsedDays: `lapsed`;
 * 4. >= atRiskDays: `atRisk`; 5. first purchase less than newDays ago: `new`;
 * 6. the latest purchase that followed a gap of lapsedDays or more is less than newDays old:
 * `reactivated`; 7. otherwise `active`.
 * Default thresholds are ceil(multiplier x I) days with I the median, over repeat customers, of
 * (last purchase day - first purchase day) / (distinct purchase days - 1), and multipliers
 * atRisk 2, lapsed 4, former 8, new 2. Measuring lateness in units of the typical inter-purchase time
 * follows database-marketing practice (Blattberg, Kim and Neslin 2008, Database Marketing); the
 * stage names are the usual CRM lifecycle ones. O(n log n) for n lines.
 * @param orders - Order lines: row objects read through `customer` and `date`, or columns
 *   `{ customer, date }` of equal length. Dates: Date, epoch ms or ISO-8601 (UTC when no zone).
 * @param options - See {@link LifecycleStageOptions}.
 * @returns Per customer the stage and its facts, counts and shares per stage, and the thresholds used.
 * @throws CrmError `EMPTY_INPUT`, `INVALID_INPUT`, `MISSING_VALUE`, `INVALID_DATE`, `INVALID_ORDER`
 *   (lines after asOf unless `laterLines: 'drop'`, or asOf before the first order), `INVALID_OPTION`
 * @example
 * const r = lifecycleStage([
 *   { customer: 'a', date: '2024-01-01' }, { customer: 'a', date: '2024-01-11' },
 *   { customer: 'b', date: '2024-01-05' }, { customer: 'b', date: '2024-01-15' },
 * ], { asOf: '2024-01-31' });
 * [r.thresholds.atRiskDays, r.customers.map((c) => c.stage)]; // => [20, ['atRisk', 'active']]
 */
export function lifecycleStage<R = Record<string, unknown>>(
  orders: OrderInput<R>,
  options?: LifecycleStageOptions<R>,
): LifecycleStageResult {
  const fn = 'lifecycleStage';
  const o = resolveCommon(fn, LIFECYCLE_STAGE_DEFAULTS, options, []);
  const given = o.asOf === undefined ? undefined : readCut(fn, 'asOf', o.asOf);
  const h = buildHistories(fn, orders, o, given, 'asOf');
  const cut = given ?? defaultCut(h);
  checkNotBeforeFirst(fn, 'asOf', cut, h);
  const thresholds = resolveThresholds(fn, h, o, cut);
  const nc = h.ids.length;
  const counts = new Array<number>(LIFECYCLE_STAGES.length).fill(0);
  const customers: LifecycleCustomer[] = new Array(nc);
  const f = emptyFacts();
  for (let c = 0; c < nc; c++) {
    stageOf(h, c, cut, thresholds, f);
    counts[f.stage]!++;
    customers[c] = {
      customer: h.ids[c]!,
      stage: LIFECYCLE_STAGES[f.stage]!,
      purchases: f.purchases,
      purchaseDays: f.purchaseDays,
      firstPurchase: num(f.first),
      lastPurchase: num(f.last),
      daysSinceFirst: num(f.daysSinceFirst),
      daysSinceLast: num(f.daysSinceLast),
      longestGapDays: num(f.longestGapDays),
      lastComeback: num(f.comeback),
    };
  }
  return {
    asOf: cut.instant,
    thresholds,
    stages: LIFECYCLE_STAGES.map((stage, i) => ({ stage, customers: counts[i]!, share: counts[i]! / nc })),
    customers,
    lines: lineCounts(h),
  };
}
