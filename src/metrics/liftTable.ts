/**
 * Lift and gain table by score group (decile analysis).
 * @module
 */
import { CrmError } from '../core/errors.js';
import { checkInteger, resolveOptions } from '../core/validate.js';
import { countClasses, readLabels, readScores, thresholdCounts, type BinaryLabel } from './input.js';

/** Options of {@link liftTable}. */
export interface LiftTableOptions {
  /** Number of groups (10 = deciles, 20 = ventiles); at most the number of rows. @defaultValue 10 */
  groups?: number;
}

/** One group of a {@link liftTable}, best-scored group first. */
export interface LiftGroup {
  /** 1 = highest scores. */
  readonly group: number;
  /** Rows in the group: floor(g n / groups) - floor((g - 1) n / groups). */
  readonly count: number;
  /** Positives in the group; fractional when a tie block straddles a group boundary. */
  readonly responders: number;
  /** responders / count. */
  readonly responseRate: number;
  /** responseRate / overall response rate: how many times better than contacting at random. */
  readonly lift: number;
  readonly cumulativeCount: number;
  readonly cumulativeResponders: number;
  /** Share of all rows in this and the better groups (x-axis of the gain chart). */
  readonly cumulativeShare: number;
  /** Share of all responders captured by this and the better groups; reaches 1 at the last group. */
  readonly cumulativeGain: number;
  /** cumulativeGain / cumulativeShare: the lift of contacting down to this group. */
  readonly cumulativeLift: number;
  /** Lowest and highest score in the group. */
  readonly minScore: number;
  readonly maxScore: number;
}

const LIFT_DEFAULTS = Object.freeze({ groups: 10 });

/**
 * Lift table: rows sorted by score (highest first) and cut into `groups` groups of equal size; per
 * group the count, responders, response rate, lift, and the cumulative gain and lift. Tied scores
 * are spread proportionally: a block of tied rows that straddles a group boundary gives each group
 * its share of the block's rows and the same share of its responders (the expectation over random
 * tie-breaking), so the table does not depend on row order. O(n log n).
 * Source: Berry and Linoff (2004), Data Mining Techniques, 2nd ed., ch. 4 (lift and cumulative gains charts).
 * @param labels - 1 (or true) = responder, 0 (or false) = not; length n; at least one responder.
 * @param scores - Higher means likelier to respond; finite; length n.
 * @param options - See {@link LiftTableOptions}.
 * @returns One entry per group, best first.
 * @throws CrmError `SINGLE_CLASS` (no responders), `NOT_BINARY`, `NON_FINITE`, `LENGTH_MISMATCH`,
 * `EMPTY_INPUT`, `INVALID_OPTION` (groups above the row count).
 * @example
 * liftTable([1, 0, 1, 0], [0.9, 0.8, 0.5, 0.5], { groups: 2 }).map((g) => g.lift); // => [1, 1]
 */
export function liftTable(labels: ArrayLike<BinaryLabel>, scores: ArrayLike<number>, options?: LiftTableOptions): LiftGroup[] {
  const o = resolveOptions('liftTable', LIFT_DEFAULTS, options);
  const y = readLabels('liftTable', labels);
  const n = y.length;
  const groups = checkInteger('groups', o.groups, { min: 1, max: n, hint: `There are ${n} rows; use at most ${n} groups.` });
  const s = readScores('liftTable', scores, n);
  const { positives } = countClasses('liftTable', y, false);
  if (positives === 0) {
    throw new CrmError('SINGLE_CLASS', `liftTable: labels hold no responders (${n} rows); lift and gain are relative to the responders.`, {
      positives,
    });
  }
  // Tie blocks by decreasing score: block k holds the rows scoring thresholds[k].
  const { thresholds, truePositives: tp, falsePositives: fp } = thresholdCounts(y, s);
  const bound = (g: number) => Math.floor((g * n) / groups);
  const responders = new Float64Array(groups);
  const minScore = new Float64Array(groups).fill(Infinity);
  const maxScore = new Float64Array(groups).fill(-Infinity);
  let g = 0;
  for (let k = 0, start = 0; k < thresholds.length; k++) {
    const v = thresholds[k]!;
    const end = tp[k]! + fp[k]!;
    const r = tp[k]! - (k > 0 ? tp[k - 1]! : 0);
    // Spread the block [start, end) over the groups it overlaps, in proportion to the overlap.
    while (bound(g + 1) <= start) g++;
    for (let h = g; h < groups && bound(h) < end; h++) {
      const overlap = Math.min(end, bound(h + 1)) - Math.max(start, bound(h));
      if (overlap <= 0) continue;
      responders[h]! += (r * overlap) / (end - start);
      if (v < minScore[h]!) minScore[h] = v;
      if (v > maxScore[h]!) maxScore[h] = v;
    }
    start = end;
  }
  const overall = positives / n;
  const out: LiftGroup[] = [];
  let cumCount = 0;
  let cumResp = 0;
  for (let h = 0; h < groups; h++) {
    const count = bound(h + 1) - bound(h);
    cumCount += count;
    cumResp += responders[h]!;
    const rate = responders[h]! / count;
    // The last group takes exactly the total so the gain ends at 1 despite fractional shares.
    const cumulativeResponders = h === groups - 1 ? positives : cumResp;
    const gain = cumulativeResponders / positives;
    const share = cumCount / n;
    out.push({
      group: h + 1,
      count,
      responders: responders[h]!,
      responseRate: rate,
      lift: rate / overall,
      cumulativeCount: cumCount,
      cumulativeResponders,
      cumulativeShare: share,
      cumulativeGain: gain,
      cumulativeLift: gain / share,
      minScore: minScore[h]!,
      maxScore: maxScore[h]!,
    });
  }
  return out;
}
