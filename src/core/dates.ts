/**
 * Dates at the edge: `Date`, epoch milliseconds, or ISO-8601 strings, to epoch milliseconds; and the
 * one rule for cut dates (`asOf`, `from`/`to`, `calibrationEnd`, `observationEnd`), see docs/dates.md.
 * Locale strings (`03/04/2024`) are refused because they are ambiguous. ISO strings without a zone
 * are read as UTC (not local time), so a result does not depend on the machine's time zone.
 * @module
 */
import { CrmError, describeValue } from './errors.js';

/** What a date may be given as. */
export type DateInput = Date | number | string;

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

/** The largest |epoch ms| a `Date` can hold (ECMAScript: 100,000,000 days either side of 1970). */
export const MAX_DATE_MS = 8.64e15;

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Milliseconds in 400 Gregorian years (146,097 days): the calendar repeats exactly after them. */
const CYCLE_MS = 146_097 * DAY_MS;

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** A date read: epoch ms, and whether it was a calendar day (an ISO date without a time). */
interface ReadDate {
  t: number;
  day: boolean;
}

/** Value of the `len` ASCII digits of s from `at`, or -1 if one is not a digit. */
function digits(s: string, at: number, len: number): number {
  let v = 0;
  for (let k = at; k < at + len; k++) {
    const d = s.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (Hinnant's days_from_civil): exact integer
 * arithmetic, for every year including 0-99, so no Date.UTC call and no 400-year shift. O(1).
 */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/**
 * Epoch ms of the shapes CSV exports and `toISOString` give (`YYYY-MM-DD`, then `THH:MM`, `:SS`,
 * `.sss`, `Z` or ` ` for `T`) read without the regular expression, which costs several times
 * more, and without allocating; NaN for any other shape and for an impossible date or time (the
 * regular expression path then decides, with the same checks). O(1).
 * @example
 * [isoFastMs('2011-12-09T12:50:00.000Z'), isoFastMs('2011-12-09+01:00')]; // => [1323435000000, NaN]
 */
export function isoFastMs(s: string): number {
  const len = s.length;
  if (len !== 10 && len !== 16 && len !== 17 && len !== 19 && len !== 20 && len !== 23 && len !== 24) return Number.NaN;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return Number.NaN;
  const y = digits(s, 0, 4), mo = digits(s, 5, 2), d = digits(s, 8, 2);
  if (y < 0 || mo < 0 || d < 0) return Number.NaN;
  let h = 0, mi = 0, sec = 0, ms = 0;
  if (len !== 10) {
    const zulu = s.charCodeAt(len - 1) === 90;
    const body = zulu ? len - 1 : len;
    const sep = s.charCodeAt(10);
    if ((sep !== 84 && sep !== 32) || s.charCodeAt(13) !== 58) return Number.NaN;
    if (body !== 16 && body !== 19 && body !== 23) return Number.NaN;
    h = digits(s, 11, 2); mi = digits(s, 14, 2);
    if (h < 0 || mi < 0) return Number.NaN;
    if (body >= 19) {
      if (s.charCodeAt(16) !== 58) return Number.NaN;
      sec = digits(s, 17, 2);
      if (sec < 0) return Number.NaN;
    }
    if (body === 23) {
      if (s.charCodeAt(19) !== 46) return Number.NaN;
      ms = digits(s, 20, 3);
      if (ms < 0) return Number.NaN;
    }
  }
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59) return Number.NaN;
  return daysFromCivil(y, mo, d) * DAY_MS + ((h * 60 + mi) * 60 + sec) * 1000 + ms;
}

function readIso(s: string): ReadDate | undefined {
  const fast = isoFastMs(s);
  if (fast === fast) return { t: fast, day: s.length === 10 };
  const m = ISO.exec(s.trim());
  if (!m) return undefined;
  const y = +m[1]!, mo = +m[2]!, d = +m[3]!;
  const h = m[4] ? +m[4] : 0, mi = m[5] ? +m[5] : 0, sec = m[6] ? +m[6] : 0;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59) return undefined;
  const ms = m[7] ? Math.floor(+`0.${m[7]}` * 1000) : 0;
  // Date.UTC reads years 0-99 as 1900-1999; the same day 400 years later, less one cycle, is exact.
  let t = y < 100 ? Date.UTC(y + 400, mo - 1, d, h, mi, sec, ms) - CYCLE_MS : Date.UTC(y, mo - 1, d, h, mi, sec, ms);
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const zh = +digits.slice(0, 2), zm = +digits.slice(2);
    // ISO 8601 / RFC 3339 offsets: at most 18 hours (java.time's ZoneOffset bound), minutes 0-59.
    if (zm > 59 || zh * 60 + zm > 18 * 60) return undefined;
    t -= sign * (zh * 60 + zm) * 60_000;
  }
  return { t, day: m[4] === undefined };
}

function readAny(value: unknown): ReadDate | undefined {
  if (typeof value === 'number') return value >= -MAX_DATE_MS && value <= MAX_DATE_MS ? { t: value, day: false } : undefined;
  if (value instanceof Date) {
    const t = value.getTime();
    return Number.isNaN(t) ? undefined : { t, day: false };
  }
  if (typeof value !== 'string') return undefined;
  const r = readIso(value);
  return r && r.t >= -MAX_DATE_MS && r.t <= MAX_DATE_MS ? r : undefined;
}

/**
 * Epoch milliseconds of a date, or `undefined` when it cannot be read: a `Date` (not Invalid
 * Date), a number within the Date range (|t| <= 8.64e15), or an ISO-8601 string `YYYY-MM-DD`,
 * optionally with a time and a zone (`Z` or +-hh:mm up to 18:00; none means UTC). Years 0000-0099
 * are those years (as `new Date('0050-06-01')`), not 1900-1999. O(1).
 * @example
 * parseDateOrUndefined('2011-12-10'); // => 1323475200000
 */
export function parseDateOrUndefined(value: unknown): number | undefined {
  return readAny(value)?.t;
}

function dateError(value: unknown, where: string): CrmError {
  if (typeof value === 'bigint') {
    return new CrmError(
      'INVALID_DATE',
      `${where} is a bigint (${value}n), which is not read as a date. Convert it with Number(value), minding the unit: crm-mining wants epoch milliseconds, and Arrow or DuckDB timestamps may be in microseconds (divide by 1000n first) or nanoseconds (by 1000000n). For a BigInt64Array column, Array.from(column, (t) => Number(t / 1000n)) converts microseconds.`,
      { where, value: String(value) },
    );
  }
  const range = typeof value === 'number' && Number.isFinite(value) ? ` It is outside the Date range (|t| <= ${MAX_DATE_MS} ms); is it in micro- or nanoseconds?` : '';
  return new CrmError(
    'INVALID_DATE',
    `${where} is ${describeValue(value)}, which is not a date.${range} Pass a Date, epoch milliseconds, or an ISO-8601 string such as "2011-12-09" or "2011-12-09T12:50:00Z".`,
    { where, value: typeof value === 'number' || typeof value === 'string' ? value : describeValue(value) },
  );
}

/**
 * Epoch milliseconds of a date (see {@link parseDateOrUndefined}); the error names where the value
 * came from. O(1).
 * @param where - e.g. `"orders[12].date"`, used in the message.
 * @throws CrmError `INVALID_DATE` (with advice for a bigint, e.g. from an Arrow timestamp column)
 * @example
 * parseDate(new Date(0), 'asOf'); // => 0
 */
export function parseDate(value: unknown, where: string): number {
  const r = readAny(value);
  if (r === undefined) throw dateError(value, where);
  return r.t;
}

/**
 * A cut date read by {@link parseCut}: which lines are in, and the instant days are measured from.
 */
export interface Cut {
  /** Epoch ms that ages and recencies are measured from: the instant given, or the end of the day given (the next midnight). */
  readonly instant: number;
  /** Whether the cut was given as a calendar day (an ISO date without a time). */
  readonly day: boolean;
  /** Lines dated at or before this (epoch ms) are in; for a day cut, the last representable moment of the day. */
  readonly lastIn: number;
  /** UTC day number (epoch ms / 1 day, floored) of the last moment that is in. */
  readonly lastDay: number;
  /** The cut as given, for labels: `'2011-12-09'` for a day, the ISO instant otherwise. */
  readonly label: string;
}

const view = new DataView(new ArrayBuffer(8));

/**
 * The largest double below x (x finite), so that `t <= nextDown(x)` is exactly `t < x`. O(1).
 * @example
 * nextDown(1) < 1 && (nextDown(1) + 1) / 2 === 1; // => true
 */
export function nextDown(x: number): number {
  if (x === 0) return -Number.MIN_VALUE;
  view.setFloat64(0, x);
  const hi = view.getUint32(0), lo = view.getUint32(4);
  if (x > 0) {
    if (lo === 0) { view.setUint32(0, hi - 1); view.setUint32(4, 0xffffffff); } else view.setUint32(4, lo - 1);
  } else if (lo === 0xffffffff) { view.setUint32(0, hi + 1); view.setUint32(4, 0); } else view.setUint32(4, lo + 1);
  return view.getFloat64(0);
}

/**
 * ISO string of epoch ms, or `"<t> ms"` when the Date range cannot show it (never throws). O(1).
 * @example
 * isoInstant(0); // => '1970-01-01T00:00:00.000Z'
 */
export function isoInstant(t: number): string {
  return t >= -MAX_DATE_MS && t <= MAX_DATE_MS ? new Date(t).toISOString() : `${t} ms`;
}

function dayLabel(start: number): string {
  return isoInstant(start).slice(0, 10);
}

/**
 * The cut for the whole UTC day that holds `t`: its lines are in and it is measured from the next
 * midnight. The default cut (the day of the latest order) of rfmScore and lifecycleStage. O(1).
 * @example
 * dayCut(Date.UTC(2011, 11, 9, 12, 50)).instant === Date.UTC(2011, 11, 10); // => true
 */
export function dayCut(t: number): Cut {
  const start = Math.floor(t / DAY_MS) * DAY_MS;
  const instant = start + DAY_MS;
  return { instant, day: true, lastIn: nextDown(instant), lastDay: start / DAY_MS, label: dayLabel(start) };
}

/**
 * Reads a cut date, the one rule of every module (docs/dates.md). A calendar day (an ISO date
 * without a time, `'2011-12-09'`) covers the whole day: its lines are in, and days are measured from
 * the end of the day, the next midnight (UTC, or in the zone given: `'2011-12-09+01:00'`). An
 * instant (a `Date`, epoch ms, an ISO string with a time) is that instant: lines at or before it
 * are in. lifetimes reads `observation_period_end` the same way at day frequency. O(1).
 * @param where - e.g. `"rfmScore: asOf"`, used in the message.
 * @throws CrmError `INVALID_DATE`
 * @example
 * const cut = parseCut('2011-12-09', 'asOf');
 * [new Date(cut.instant).toISOString(), cut.day, cut.label]; // => ['2011-12-10T00:00:00.000Z', true, '2011-12-09']
 */
export function parseCut(value: unknown, where: string): Cut {
  const r = readAny(value);
  if (r === undefined) throw dateError(value, where);
  if (!r.day) return { instant: r.t, day: false, lastIn: r.t, lastDay: Math.floor(r.t / DAY_MS), label: isoInstant(r.t) };
  const instant = r.t + DAY_MS;
  return { instant, day: true, lastIn: nextDown(instant), lastDay: Math.floor((instant - 1) / DAY_MS), label: (value as string).trim() };
}

/** What to do with order lines dated after the cut. */
export type LaterLines = 'refuse' | 'drop';

/**
 * Describes a cut for messages. O(1).
 * @example
 * describeCut('asOf', parseCut('2011-12-09', 'asOf')); // => "asOf '2011-12-09' (the whole day, up to 2011-12-10T00:00:00.000Z)"
 */
export function describeCut(name: string, cut: Cut): string {
  return cut.day ? `${name} '${cut.label}' (the whole day, up to ${isoInstant(cut.instant)})` : `${name} ${cut.label}`;
}

/**
 * Midnight UTC at or before `t`.
 * @example
 * startOfDayUtc(Date.UTC(2011, 11, 9, 12, 50)) === Date.UTC(2011, 11, 9); // => true
 */
export function startOfDayUtc(t: number): number {
  return Math.floor(t / DAY_MS) * DAY_MS;
}
