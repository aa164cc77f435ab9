/**
 * Campaign profit by score cut-off, and the most profitable cut-off.
 * @module
 */
import { CrmError } from '../core/errors.js';
import { checkNumber, resolveOptions } from '../core/validate.js';
import { readLabels, readScores, thresholdCounts, type BinaryLabel } from './input.js';

/** Options of {@link profitCurve}. */
export interface ProfitCurveOptions {
  /** Value of one response (margin of the sale it brings), in money. */
  valuePerResponse: number;
  /** Cost of one contact (mail, call, discount), in money. @defaultValue 0 */
  costPerContact?: number;
}

/** Result of {@link profitCurve}: parallel arrays by decreasing threshold, then the best point. */
export interface ProfitCurve {
  /**
   * Contact everyone scoring >= threshold. The first is `Infinity` (contact nobody, profit 0);
   * `JSON.stringify` writes it as null.
   */
  readonly thresholds: number[];
  readonly contacted: number[];
  readonly responders: number[];
  /** responders * valuePerResponse - contacted * costPerContact. */
  readonly profit: number[];
  /** The cut-off with the highest profit (the highest threshold among equals, so fewest contacts). */
  readonly best: {
    readonly threshold: number;
    readonly contacted: number;
    /** contacted / n. */
    readonly share: number;
    readonly responders: number;
    readonly profit: number;
  };
}

const PROFIT_DEFAULTS = Object.freeze({ costPerContact: 0 });

/**
 * Profit of a campaign that contacts everyone scoring at or above each distinct score, on data
 * where the response is known (a test set or a past campaign), and the most profitable cut-off.
 * Tied scores are contacted together, so the curve does not depend on row order. O(n log n).
 * Source: Provost and Fawcett (2013), Data Science for Business, ch. 8 (profit curves).
 * @param labels - 1 (or true) = responded, 0 (or false) = did not; length n.
 * @param scores - Higher means likelier to respond; finite; length n.
 * @param options - See {@link ProfitCurveOptions}; `valuePerResponse` is required.
 * @returns The curve and its best point.
 * @throws CrmError `INVALID_OPTION` (also when `valuePerResponse` times the responders, or `costPerContact` times n, overflows), `NOT_BINARY`, `NON_FINITE`, `LENGTH_MISMATCH`, `EMPTY_INPUT`.
 * @example
 * profitCurve([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1], { valuePerResponse: 10, costPerContact: 4 }).best.profit; // => 8
 */
export function profitCurve(labels: ArrayLike<BinaryLabel>, scores: ArrayLike<number>, options: ProfitCurveOptions): ProfitCurve {
  const o = resolveOptions('profitCurve', PROFIT_DEFAULTS, options, ['valuePerResponse']);
  const value = checkNumber('valuePerResponse', o.valuePerResponse, { min: 0 });
  const cost = checkNumber('costPerContact', o.costPerContact, { min: 0 });
  const y = readLabels('profitCurve', labels);
  const s = readScores('profitCurve', scores, y.length);
  const { thresholds, truePositives: tp, falsePositives: fp } = thresholdCounts(y, s);
  // The largest products are all responders times value and all rows times cost: refuse money
  // amounts whose totals leave the double range (the profit would be Infinity or NaN).
  const responders = tp.length > 0 ? tp[tp.length - 1]! : 0;
  for (const [option, amount, count, what] of [['valuePerResponse', value, responders, 'responders'], ['costPerContact', cost, y.length, 'rows']] as const) {
    if (!Number.isFinite(amount * count)) {
      throw new CrmError('INVALID_OPTION', `profitCurve: ${option} ${amount} times the ${count} ${what} overflows the number range; give the amounts in a larger unit (thousands, millions).`, { option, value: amount });
    }
  }
  const out = { thresholds: [Infinity], contacted: [0], responders: [0], profit: [0] };
  let best = 0;
  for (let k = 0; k < tp.length; k++) {
    const contacted = tp[k]! + fp[k]!;
    const profit = tp[k]! * value - contacted * cost;
    out.thresholds.push(thresholds[k]!);
    out.contacted.push(contacted);
    out.responders.push(tp[k]!);
    out.profit.push(profit);
    if (profit > out.profit[best]!) best = k + 1;
  }
  return {
    ...out,
    best: {
      threshold: out.thresholds[best]!,
      contacted: out.contacted[best]!,
      share: out.contacted[best]! / y.length,
      responders: out.responders[best]!,
      profit: out.profit[best]!,
    },
  };
}
