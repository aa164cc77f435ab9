import { describe, expect, test } from 'vitest';
import { DEFAULT_RFM_SEGMENTS, RFM_OTHER_SEGMENT, rfmSegmentOf, type RfmSegmentRule } from '../../src/rfm/index.js';
import { code, error } from './brute.js';

// The R x F grid of DEFAULT_RFM_SEGMENTS' documentation, row R = 5 first.
const GRID = [
  ['New', 'Potential loyalist', 'Potential loyalist', 'Champions', 'Champions'],
  ['Promising', 'Potential loyalist', 'Potential loyalist', 'Loyal', 'Loyal'],
  ['About to sleep', 'About to sleep', 'Need attention', 'Loyal', 'Loyal'],
  ['Hibernating', 'Hibernating', 'At risk', 'At risk', "Can't lose them"],
  ['Lost', 'Lost', 'At risk', 'At risk', "Can't lose them"],
];

describe('rfmSegmentOf', () => {
  test('rfmSegmentOf(r, f, m) follows the documented R x F grid for every cell (M does not enter)', () => {
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) expect(rfmSegmentOf(r, f, m)).toBe(GRID[5 - r]![f - 1]);
  });

  test('rfmSegmentOf with a custom table: first match wins, no match is Other', () => {
    const table: RfmSegmentRule[] = [{ name: 'Top', recency: [3, 3] }, { name: 'Also top', recency: [3, 3] }];
    expect(rfmSegmentOf(3, 1, 1, table)).toBe('Top');
    expect(rfmSegmentOf(2, 1, 1, table)).toBe(RFM_OTHER_SEGMENT);
  });

  test.each([NaN, Infinity, -1, 0, 1.5, '5', null, undefined, Object.create(null), Symbol('s'), 10n, {}])(
    'rfmSegmentOf with a score of %s is INVALID_INPUT naming it (not a raw TypeError)',
    (bad) => {
      for (const at of [0, 1, 2]) {
        const args: unknown[] = [5, 4, 3];
        args[at] = bad;
        const e = error(() => (rfmSegmentOf as (...a: unknown[]) => string)(...args));
        expect(e.code).toBe('INVALID_INPUT');
        expect(e.details).toEqual({ argument: ['r', 'f', 'm'][at] });
      }
    },
  );

  test('rfmSegmentOf with a malformed table is INVALID_OPTION (a hole, a rule without name, a bad range)', () => {
    const holed = [...DEFAULT_RFM_SEGMENTS];
    delete holed[0];
    for (const bad of [null, {}, 'x', holed, [{ recency: [1, 2] }], [{ name: 'A', recency: [0, 2] }], [{ name: 'A', recency: [2, 1] }], [{ name: 'A', recency: Object.create(null) }], [{ name: 'A', other: [1, 1] }]]) {
      expect(code(() => rfmSegmentOf(5, 4, 3, bad as never))).toBe('INVALID_OPTION');
    }
  });
});
