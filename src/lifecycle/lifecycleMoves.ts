/**
 * Per-customer lifecycle moves between two dates: the rows behind lifecycleTransitions' matrix
 * (who went from active to at risk), ready for a win-back list.
 * @module
 */
import { CrmError } from '../core/errors.js';
import type { DateInput } from '../core/dates.js';
import type { Id, OrderInput } from '../core/orders.js';
import { checkBoolean } from '../core/validate.js';
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

/** Options of {@link lifecycleMoves}: those of lifecycleTransitions, plus `movedOnly`. */
export interface LifecycleMovesOptions<R = Record<string, unknown>> extends LifecycleCommonOptions<R> {
  /** The earlier date; stages use only orders up to it (a calendar day includes the whole day, docs/dates.md). Not before the first order. */
  from: DateInput;
  /** The later date (>= from), the cut: lines after it are refused unless `laterLines: 'drop'`. Thresholds are derived here. */
  to: DateInput;
  /** Only the customers whose stage changed. @defaultValue false */
  movedOnly?: boolean;
}

/** One customer's stages at the two dates. */
export interface LifecycleMove {
  readonly customer: Id;
  /** Stage at `from` ('prospect' if the first order is later). */
  readonly from: LifecycleStageName;
  /** Stage at `to`. */
  readonly to: LifecycleStageName;
}

/** Result of {@link lifecycleMoves}. */
export interface LifecycleMovesResult {
  /** The earlier date, labelled as lifecycleTransitions labels it. */
  readonly from: string;
  /** The later date, labelled as `from` is. */
  readonly to: string;
  readonly lines: LifecycleLineCounts;
  /** One row per customer (ascending id, as lifecycleStage), or per moved customer with `movedOnly`. */
  readonly moves: LifecycleMove[];
  readonly thresholds: LifecycleThresholds;
}

const MOVES_DEFAULTS = Object.freeze({ ...COMMON_DEFAULTS, movedOnly: false });

/**
 * Each customer's lifecycle stage at `from` and at `to`: the rows that lifecycleTransitions
 * counts. Same reading of the orders, same cut-date rule (docs/dates.md), same thresholds (derived
 * from the orders up to `to` unless given) and same options, so counting the rows by (from, to)
 * gives lifecycleTransitions' `counts`. O(n log n) for n lines.
 * @param orders - Order lines as rows or `{ customer, date }` columns, as for lifecycleStage.
 * @param options - `from` and `to` (required), `movedOnly`, plus the options of lifecycleStage except asOf.
 * @returns The dates' labels, line counts, thresholds and one `{ customer, from, to }` row per customer.
 * @throws CrmError `INVALID_ORDER` (`to` before `from`, `from` before the first order, lines after `to` unless `laterLines: 'drop'`), `INVALID_DATE`, `EMPTY_INPUT`, `INVALID_INPUT`, `MISSING_VALUE`, `INVALID_OPTION`
 * @example
 * const r = lifecycleMoves([
 *   { customer: 'a', date: '2024-01-01' }, { customer: 'a', date: '2024-01-11' },
 *   { customer: 'b', date: '2024-01-05' }, { customer: 'b', date: '2024-01-15' },
 * ], { from: '2024-01-12', to: '2024-01-31' });
 * r.moves; // => [{ customer: 'a', from: 'new', to: 'atRisk' }, { customer: 'b', from: 'new', to: 'active' }]
 */
export function lifecycleMoves<R = Record<string, unknown>>(
  orders: OrderInput<R>,
  options: LifecycleMovesOptions<R>,
): LifecycleMovesResult {
  const fn = 'lifecycleMoves';
  const o = resolveCommon(fn, MOVES_DEFAULTS, options, ['from', 'to']) as typeof MOVES_DEFAULTS & { from?: DateInput; to?: DateInput };
  const movedOnly = (() => {
    try {
      return checkBoolean('movedOnly', o.movedOnly);
    } catch (e) {
      throw new CrmError('INVALID_OPTION', `${fn}: ${(e as Error).message}`, { option: 'movedOnly' });
    }
  })();
  const { from, to, h, thresholds, before: a, after: b } = twoSnapshots(fn, orders, o);
  const moves: LifecycleMove[] = [];
  for (let c = 0; c < a.length; c++) {
    if (movedOnly && a[c] === b[c]) continue;
    moves.push({ customer: h.ids[c]!, from: LIFECYCLE_STAGES[a[c]!]!, to: LIFECYCLE_STAGES[b[c]!]! });
  }
  return { from: from.label, to: to.label, lines: lineCounts(h), moves, thresholds };
}
