/**
 * RFM segment names: the exported, replaceable rule table and its lookup.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';

/** An inclusive range of scores, `[lowest, highest]`. */
export type RfmScoreRange = readonly [number, number];

/**
 * One row of a segment table: a customer whose scores fall in every given range gets `name`.
 * Ranges are inclusive score ranges on the 1..bins scale; a missing range matches any score.
 */
export interface RfmSegmentRule {
  /** Segment name, e.g. `"Champions"`. */
  readonly name: string;
  /** R scores (most recent = highest). */
  readonly recency?: RfmScoreRange;
  /** F scores. */
  readonly frequency?: RfmScoreRange;
  /** M scores. */
  readonly monetary?: RfmScoreRange;
}

/** Segment of customers that no rule of the table matches. */
export const RFM_OTHER_SEGMENT = 'Other';

/**
 * The 11 named segments on the common R x F score grid (5 bins; M does not enter). Each of the 25
 * (R, F) cells belongs to exactly one segment, so no customer falls through to `Other`:
 *
 * | R \ F | 1 | 2 | 3 | 4 | 5 |
 * | --- | --- | --- | --- | --- | --- |
 * | 5 | New | Potential loyalist | Potential loyalist | Champions | Champions |
 * | 4 | Promising | Potential loyalist | Potential loyalist | Loyal | Loyal |
 * | 3 | About to sleep | About to sleep | Need attention | Loyal | Loyal |
 * | 2 | Hibernating | Hibernating | At risk | At risk | Can't lose them |
 * | 1 | Lost | Lost | At risk | At risk | Can't lose them |
 *
 * This is the widely used R/F grid (as in the `seg_map` of many RFM tutorials and the Putler
 * segment chart), with its low-R/low-F `Hibernating` block split so that R = 1 reads `Lost`.
 * Replace it by passing your own table as `segments`; rules are tried in order, first match wins.
 */
export const DEFAULT_RFM_SEGMENTS: readonly RfmSegmentRule[] = Object.freeze(
  [
    { name: 'Champions', recency: [5, 5], frequency: [4, 5] },
    { name: 'Loyal', recency: [3, 4], frequency: [4, 5] },
    { name: 'Potential loyalist', recency: [4, 5], frequency: [2, 3] },
    { name: 'New', recency: [5, 5], frequency: [1, 1] },
    { name: 'Promising', recency: [4, 4], frequency: [1, 1] },
    { name: 'Need attention', recency: [3, 3], frequency: [3, 3] },
    { name: 'About to sleep', recency: [3, 3], frequency: [1, 2] },
    { name: 'At risk', recency: [1, 2], frequency: [3, 4] },
    { name: "Can't lose them", recency: [1, 2], frequency: [5, 5] },
    { name: 'Hibernating', recency: [2, 2], frequency: [1, 2] },
    { name: 'Lost', recency: [1, 1], frequency: [1, 2] },
  ].map((rule) => Object.freeze({
    name: rule.name,
    recency: Object.freeze(rule.recency) as unknown as RfmScoreRange,
    frequency: Object.freeze(rule.frequency) as unknown as RfmScoreRange,
  })),
);

function inRange(score: number, range: RfmScoreRange | undefined): boolean {
  return range === undefined || (score >= range[0] && score <= range[1]);
}

/**
 * The segment of one (R, F, M) score triple: the name of the first rule that matches, or
 * `"Other"`. O(rules), the table checked on each call.
 * @param r - R score: an integer >= 1 (as {@link rfmScore} gives, 1..bins).
 * @param f - F score, likewise.
 * @param m - M score, likewise.
 * @param segments - A segment table; the default is {@link DEFAULT_RFM_SEGMENTS}.
 * @returns The segment name.
 * @throws CrmError `INVALID_INPUT` when a score is not an integer >= 1; `INVALID_OPTION` when the
 * table is not an array of rules `{ name, recency?, frequency?, monetary? }` with integer ranges
 * `[low, high]`, 1 <= low <= high.
 * @example
 * rfmSegmentOf(5, 4, 2); // => 'Champions'
 */
export function rfmSegmentOf(r: number, f: number, m: number, segments: readonly RfmSegmentRule[] = DEFAULT_RFM_SEGMENTS): string {
  const fn = 'rfmSegmentOf';
  for (const [name, score] of [['r', r], ['f', f], ['m', m]] as const) {
    if (typeof score !== 'number' || !Number.isInteger(score) || score < 1) {
      throw new CrmError('INVALID_INPUT', `${fn}: ${name} must be a score, an integer >= 1 (as rfmScore gives); got ${describeValue(score)}.`, { argument: name });
    }
  }
  if (segments !== DEFAULT_RFM_SEGMENTS) checkSegments(segments, Infinity, fn);
  return segmentOf(r, f, m, segments);
}

function segmentOf(r: number, f: number, m: number, segments: readonly RfmSegmentRule[]): string {
  for (const rule of segments) {
    if (inRange(r, rule.recency) && inRange(f, rule.frequency) && inRange(m, rule.monetary)) return rule.name;
  }
  return RFM_OTHER_SEGMENT;
}

/** Segment and cell of every (r, f, m) triple, indexed `((r-1)*bins + f-1)*bins + m-1`. */
export interface RfmCellTable {
  readonly segment: string[];
  readonly cell: string[];
}

/**
 * Checks a segment table against the number of bins and precomputes every cell's segment, so that
 * scoring a million customers does one array lookup each. O(bins^3 * rules).
 * @throws CrmError `INVALID_OPTION` when a rule is malformed or a range leaves 1..bins.
 * @internal
 */
export function buildRfmCellTable(segments: unknown, bins: number, fn: string): RfmCellTable {
  checkSegments(segments, bins, fn);
  const sep = bins > 9 ? '-' : '';
  const segment: string[] = [];
  const cell: string[] = [];
  for (let r = 1; r <= bins; r++) {
    for (let f = 1; f <= bins; f++) {
      for (let m = 1; m <= bins; m++) {
        segment.push(segmentOf(r, f, m, segments as RfmSegmentRule[]));
        cell.push(`${r}${sep}${f}${sep}${m}`);
      }
    }
  }
  return { segment, cell };
}

// A segment table: an array of rules with a non-empty name and integer ranges within 1..bins.
function checkSegments(segments: unknown, bins: number, fn: string): asserts segments is readonly RfmSegmentRule[] {
  if (!Array.isArray(segments)) {
    throw new CrmError('INVALID_OPTION', `${fn}: segments must be an array of rules { name, recency?, frequency?, monetary? }; got ${describeValue(segments)}.`, { option: 'segments' });
  }
  for (let i = 0; i < segments.length; i++) {
    const rule: unknown = segments[i];
    const where = `${fn}: segments[${i}]`;
    if (rule === null || typeof rule !== 'object' || typeof (rule as RfmSegmentRule).name !== 'string' || (rule as RfmSegmentRule).name === '') {
      throw new CrmError('INVALID_OPTION', `${where} must be an object with a non-empty string 'name'; got ${describeValue(rule)}.`, { option: 'segments', rule: i });
    }
    for (const key of Object.keys(rule)) {
      if (key === 'name') continue;
      const range = (rule as Record<string, unknown>)[key];
      if (key !== 'recency' && key !== 'frequency' && key !== 'monetary') {
        throw new CrmError('INVALID_OPTION', `${where} has an unknown key '${key}'; a rule has name, recency, frequency, monetary.`, { option: 'segments', rule: i });
      }
      if (range === undefined) continue;
      const ok = Array.isArray(range) && range.length === 2 && Number.isInteger(range[0]) && Number.isInteger(range[1]) &&
        range[0] >= 1 && range[0] <= range[1] && range[1] <= bins;
      if (!ok) {
        throw new CrmError('INVALID_OPTION', `${where}.${key} must be an inclusive score range [low, high] with 1 <= low <= high${bins === Infinity ? '' : ` <= bins (${bins})`}; got ${Array.isArray(range) ? JSON.stringify(range) : describeValue(range)}.` +
          (segments === DEFAULT_RFM_SEGMENTS ? ` The default table is written for 5 bins; pass your own segments for bins: ${bins}.` : ''), { option: 'segments', rule: i });
      }
    }
  }
}
