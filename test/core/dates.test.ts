// Date reading (D04, D05, D15, bigint) and the cut rule (docs/dates.md), checked against the native
// ISO parser and brute-force comparisons; every module reads dates through core/dates.ts.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CrmError } from '../../src/core/errors.js';
import { DAY_MS, dayCut, isoFastMs, MAX_DATE_MS, nextDown, parseCut, parseDate, parseDateOrUndefined } from '../../src/core/dates.js';
import { rfmScore } from '../../src/rfm/index.js';
import { lifecycleStage, lifecycleTransitions } from '../../src/lifecycle/index.js';
import { summarizeTransactions } from '../../src/clv/index.js';
import { codeOf } from '../helpers/errors.js';

function errorOf(f: () => unknown): CrmError {
  try { f(); } catch (e) { if (e instanceof CrmError) return e; throw e; }
  throw new Error('did not throw');
}
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

describe('parseDate', () => {
  test('parseDate(epoch ms beyond the Date range) is INVALID_DATE, the range ends included (D04)', () => {
    expect(parseDate(MAX_DATE_MS, 'd')).toBe(8.64e15);
    expect(parseDate(-MAX_DATE_MS, 'd')).toBe(-8.64e15);
    for (const t of [1e16, -1e16, 8.64e15 + 1, 1e308, -1e308]) {
      expect(codeOf(() => parseDate(t, 'd'))).toBe('INVALID_DATE');
      expect(parseDateOrUndefined(t)).toBeUndefined();
    }
    expect(errorOf(() => parseDate(1e16, 'orders[0].date')).message).toMatch(/outside the Date range.*micro- or nanoseconds/);
  });

  test('every module refuses out-of-range epoch ms with INVALID_DATE, not a RangeError (D04)', () => {
    expect(codeOf(() => lifecycleStage([{ customer: 'a', date: 1e16 }]))).toBe('INVALID_DATE');
    expect(codeOf(() => lifecycleTransitions([{ customer: 'a', date: '2024-01-01' }], { from: 1e308, to: 1e308 }))).toBe('INVALID_DATE');
    expect(codeOf(() => summarizeTransactions([{ customer: 'a', date: 1e16, amount: 1 }], { calibrationEnd: 2e16 }))).toBe('INVALID_DATE');
    expect(codeOf(() => summarizeTransactions([{ customer: 'a', date: 1e16, amount: 1 }], { calibrationEnd: '2024-01-01' }))).toBe('INVALID_DATE');
    expect(codeOf(() => rfmScore([{ customer: 'a', date: '2024-01-01', amount: 1 }], { asOf: -1e308 }))).toBe('INVALID_DATE');
    expect(codeOf(() => rfmScore([{ customer: 'a', date: 1e16, amount: 1 }]))).toBe('INVALID_DATE');
    expect(codeOf(() => rfmScore({ customer: new Int32Array([1]), date: new Float64Array([1e16]), amount: new Float64Array([1]) }))).toBe('INVALID_DATE');
  });

  test("parseDate('0050-06-01') is the year 50, as new Date('0050-06-01'), not 1950 (D05)", () => {
    expect(parseDate('0050-06-01', 'd')).toBe(new Date('0050-06-01T00:00:00Z').getTime());
    expect(new Date(parseDate('0099-12-31T23:59:59Z', 'd')).toISOString()).toBe('0099-12-31T23:59:59.000Z');
    expect(new Date(parseDate('0000-01-01', 'd')).toISOString()).toBe('0000-01-01T00:00:00.000Z');
    // The proleptic Gregorian calendar: years 0 and 4 are leap years, 100 is not.
    expect(parseDateOrUndefined('0000-02-29')).toBe(Date.parse('0000-02-29T00:00:00Z'));
    expect(parseDateOrUndefined('0004-02-29')).toBe(Date.parse('0004-02-29T00:00:00Z'));
    expect(parseDateOrUndefined('0100-02-29')).toBeUndefined();
    const r = rfmScore([{ customer: 'a', date: '0050-06-01', amount: 10 }]);
    expect(new Date(r.customers[0]!.firstPurchase).toISOString()).toBe('0050-06-01T00:00:00.000Z');
  });

  test('parseDate equals the native ISO parser on every 4-digit year, month, day, time and offset', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }),
      fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 999 }),
      fc.integer({ min: -18 * 60, max: 18 * 60 }),
      (y, mo, d, h, mi, ms, off) => {
        const zone = `${off < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
        const s = `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:07.${pad(ms, 3)}${zone}`;
        const native = Date.parse(s);
        expect(parseDateOrUndefined(s)).toBe(Number.isNaN(native) || new Date(Date.parse(s.slice(0, 10))).getUTCDate() !== d ? undefined : native);
      }), { numRuns: 500 });
  });

  test('zone offsets beyond +-18:00 or with minutes > 59 are INVALID_DATE (D15)', () => {
    for (const s of ['2024-01-01T00:00:00+99:99', '2024-01-01T00:00:00+18:01', '2024-01-01T00:00:00-19:00', '2024-01-01T00:00:00+12:60', '2024-01-01T00:00+0075']) {
      expect(codeOf(() => parseDate(s, 'd'))).toBe('INVALID_DATE');
    }
    expect(parseDate('2024-01-01T00:00:00+18:00', 'd')).toBe(Date.UTC(2023, 11, 31, 6));
    expect(parseDate('2024-01-01T00:00:00-18:00', 'd')).toBe(Date.UTC(2024, 0, 1, 18));
    expect(parseDate('2024-01-01T00:00+0530', 'd')).toBe(Date.UTC(2023, 11, 31, 18, 30));
    expect(codeOf(() => rfmScore([{ customer: 'a', date: '2024-01-01T00:00:00+99:99', amount: 1 }]))).toBe('INVALID_DATE');
  });

  test('a bigint date is INVALID_DATE with a message that says bigint, Number() and microseconds', () => {
    const e = errorOf(() => parseDate(1291191960000n, 'orders[0].date'));
    expect(e.code).toBe('INVALID_DATE');
    expect(e.message).toMatch(/orders\[0\]\.date is a bigint \(1291191960000n\).*Number\(value\).*microseconds/);
    // An Arrow timestamp column comes as a BigInt64Array.
    const cols = { customer: [1, 2], date: new BigInt64Array([1291191960000n, 1291191960000n]), amount: [1, 2] } as never; // the types refuse it; JavaScript callers do not
    for (const f of [() => rfmScore(cols), () => lifecycleStage(cols), () => summarizeTransactions(cols, { calibrationEnd: '2010-12-31' })]) {
      const m = errorOf(f);
      expect(m.code).toBe('INVALID_DATE');
      expect(m.message).toMatch(/column 'date' at row 0 is a bigint/);
    }
  });
});

describe('parseCut', () => {
  test("parseCut('2011-12-09') is the whole day: measured from 2011-12-10 00:00, lines before that instant are in", () => {
    const c = parseCut('2011-12-09', 'asOf');
    expect(c).toMatchObject({ instant: Date.UTC(2011, 11, 10), day: true, label: '2011-12-09', lastDay: Date.UTC(2011, 11, 9) / DAY_MS });
    expect(c.lastIn < c.instant).toBe(true);
    expect(Date.UTC(2011, 11, 9, 23, 59, 59, 999) <= c.lastIn).toBe(true);
    expect(dayCut(Date.UTC(2011, 11, 9, 12, 50))).toEqual(c);
    // A day in a zone: the end of that day there.
    expect(parseCut('2011-12-09+01:00', 'asOf').instant).toBe(Date.UTC(2011, 11, 9, 23));
  });

  test('parseCut of an instant (Date, epoch ms, ISO with a time) is that instant, lines at it are in', () => {
    const t = Date.UTC(2011, 11, 9, 12, 50);
    for (const v of [t, new Date(t), '2011-12-09T12:50:00Z', '2011-12-09T12:50']) {
      expect(parseCut(v, 'asOf')).toEqual({ instant: t, day: false, lastIn: t, lastDay: Math.floor(t / DAY_MS), label: '2011-12-09T12:50:00.000Z' });
    }
    expect(parseCut(Date.UTC(2011, 11, 10), 'asOf').day).toBe(false);
  });

  test('nextDown(x) is the largest double below x: t <= nextDown(x) exactly when t < x', () => {
    fc.assert(fc.property(fc.double({ min: -1e15, max: 1e15, noNaN: true }).filter((x) => x !== 0), (x) => {
      const y = nextDown(x);
      expect(y < x).toBe(true);
      const mid = (x + y) / 2;
      expect(mid === x || mid === y).toBe(true);
    }));
    expect(nextDown(0)).toBe(-Number.MIN_VALUE);
  });
});

describe('parseDate fast path for the common ISO shapes', () => {
  const pad = (v: number, w: number) => String(v).padStart(w, '0');
  test('agrees with Date.UTC and the calendar on every shape, valid or not (day 0-31, hour 0-24, ...)', () => {
    const parts = fc.record({
      y: fc.integer({ min: 0, max: 9999 }), mo: fc.integer({ min: 0, max: 13 }), d: fc.integer({ min: 0, max: 32 }),
      h: fc.integer({ min: 0, max: 24 }), mi: fc.integer({ min: 0, max: 60 }), s: fc.integer({ min: 0, max: 60 }), ms: fc.integer({ min: 0, max: 999 }),
      shape: fc.integer({ min: 0, max: 6 }), sep: fc.constantFrom('T', ' '),
    });
    fc.assert(fc.property(parts, ({ y, mo, d, h, mi, s, ms, shape, sep }) => {
      const day = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;
      const hm = `${day}${sep}${pad(h, 2)}:${pad(mi, 2)}`;
      const text = [day, hm, `${hm}Z`, `${hm}:${pad(s, 2)}`, `${hm}:${pad(s, 2)}Z`, `${hm}:${pad(s, 2)}.${pad(ms, 3)}`, `${hm}:${pad(s, 2)}.${pad(ms, 3)}Z`][shape]!;
      const withTime = shape > 0, withSec = shape > 2, withMs = shape > 4;
      const H = withTime ? h : 0, MI = withTime ? mi : 0, S = withSec ? s : 0, MS = withMs ? ms : 0;
      const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
      const dim = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] ?? 0;
      const valid = mo >= 1 && mo <= 12 && d >= 1 && d <= dim && H <= 23 && MI <= 59 && S <= 59;
      // new Date(y, ...) reads years 0-99 as 1900-1999; setUTCFullYear does not.
      const expected = new Date(Date.UTC(2000, mo - 1, d, H, MI, S, MS));
      expected.setUTCFullYear(y);
      expect(parseDateOrUndefined(text)).toBe(valid ? expected.getTime() : undefined);
      // The allocation-free reader the order loop uses: NaN where the regular expression decides.
      expect(isoFastMs(text)).toBe(valid ? expected.getTime() : Number.NaN);
      // The same text with a space before it takes the regular expression: the same answer.
      expect(parseDateOrUndefined(` ${text}`)).toBe(parseDateOrUndefined(text));
    }), { numRuns: 3000 });
  });
});
