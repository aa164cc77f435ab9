/**
 * How well a score separates events from non-events: KS, AUC and Gini (accuracy ratio).
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { readEventLabels } from './woeBinning.js';

/** KS, AUC and Gini of a score. */
export interface ScoreDiscrimination {
  readonly kind: 'scoreDiscrimination';
  readonly version: 1;
  /** max over thresholds of |F_event(s) - F_nonEvent(s)|, the two empirical CDFs of the score. */
  readonly ks: number;
  /** The score at which the KS is reached (the two CDFs counted at scores <= it). */
  readonly ksScore: number;
  /** P(non-event scores higher than event) + 0.5 P(tie): the AUC of a score where high means safe. */
  readonly auc: number;
  /** 2 auc - 1. */
  readonly gini: number;
}

/**
 * KS statistic, AUC and Gini of a score where a higher score means lower risk (a scorecard's
 * points); pass `-probability` for an event probability. Ties count one half. O(n log n).
 * @param labels - 1 = event ("bad"), 0 = non-event; both present.
 * @param scores - One finite score per row.
 * @throws CrmError `EMPTY_INPUT`, `LENGTH_MISMATCH`, `SINGLE_CLASS`, `NOT_BINARY`, `MISSING_VALUE`, `NON_FINITE`
 * @example
 * const d = scoreDiscrimination([1, 1, 0, 0], [500, 620, 580, 700]);
 * [d.ks, d.auc, d.gini]; // => [0.5, 0.75, 0.5]
 */
export function scoreDiscrimination(labels: ArrayLike<number | boolean>, scores: ArrayLike<number>): ScoreDiscrimination {
  const fn = 'scoreDiscrimination';
  if (scores === null || typeof scores !== 'object' || typeof scores.length !== 'number') {
    throw new CrmError('INVALID_INPUT', `${fn}: scores must be an array of numbers; got ${describeValue(scores)}.`, { argument: 'scores' });
  }
  const y = readEventLabels(fn, labels, scores.length);
  const n = y.length;
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = scores[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new CrmError('NON_FINITE', `${fn}: scores[${i}] is ${describeValue(v)}; scores must be finite numbers.`, { argument: 'scores', row: i });
    s[i] = v;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => s[a]! - s[b]!);
  let E = 0;
  for (let i = 0; i < n; i++) E += y[i]!;
  const N = n - E;
  let ce = 0;
  let cn = 0;
  let ks = 0;
  let ksScore = s[order[0]!]!;
  let aucSum = 0; // pairs (event, non-event) with the non-event higher, ties 1/2
  for (let i = 0; i < n; ) {
    const v = s[order[i]!]!;
    let te = 0;
    let tn = 0;
    while (i < n && s[order[i]!] === v) {
      if (y[order[i]!]) te++;
      else tn++;
      i++;
    }
    // non-events in this tie group beat events below, tie with events in the group.
    aucSum += tn * ce + 0.5 * tn * te;
    ce += te;
    cn += tn;
    const d = Math.abs(ce / E - cn / N);
    if (d > ks) { ks = d; ksScore = v; }
  }
  const auc = aucSum / (E * N);
  return { kind: 'scoreDiscrimination', version: 1, ks, ksScore, auc, gini: 2 * auc - 1 };
}
