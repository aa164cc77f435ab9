/**
 * Dates at the edge: `Date`, epoch milliseconds, or ISO-8601 strings, to epoch milliseconds.
 * Locale strings (`03/04/2024`) are refused because they are ambiguous. ISO strings without a zone
 * are read as UTC (not local time), so a result does not depend on the machine's time zone.
 * @module
 */
import { CrmError, describeValue } from './errors.js';

/** What a date may be given as. */
export type DateInput = Date | number | string;

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * Epoch milliseconds of a date, or `undefined` when it cannot be read.
 * @example
 * parseDateOrUndefined('2011-12-10'); // => 1323475200000
 */
export function parseDateOrUndefined(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (value instanceof Date) {
    const t = value.getTime();
    return Number.isNaN(t) ? undefined : t;
  }
  if (typeof value !== 'string') return undefined;
  const m = ISO.exec(value.trim());
  if (!m) return undefined;
  const y = +m[1]!, mo = +m[2]!, d = +m[3]!;
  const h = m[4] ? +m[4] : 0, mi = m[5] ? +m[5] : 0, s = m[6] ? +m[6] : 0;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
  const ms = m[7] ? Math.floor(+`0.${m[7]}` * 1000) : 0;
  let t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    t -= sign * (+digits.slice(0, 2) * 60 + +digits.slice(2)) * 60_000;
  }
  return t;
}

/**
 * Epoch milliseconds of a date; the error names where the value came from.
 * @param where - e.g. `"orders[12].date"`, used in the message.
 * @throws CrmError `INVALID_DATE`
 * @example
 * parseDate(new Date(0), 'asOf'); // => 0
 */
export function parseDate(value: unknown, where: string): number {
  const t = parseDateOrUndefined(value);
  if (t === undefined) {
    throw new CrmError(
      'INVALID_DATE',
      `${where} is ${describeValue(value)}, which is not a date. Pass a Date, epoch milliseconds, or an ISO-8601 string such as "2011-12-09" or "2011-12-09T12:50:00Z".`,
      { where, value },
    );
  }
  return t;
}

/**
 * Midnight UTC at or before `t`.
 * @example
 * startOfDayUtc(Date.UTC(2011, 11, 9, 12, 50)) === Date.UTC(2011, 11, 9); // => true
 */
export function startOfDayUtc(t: number): number {
  return Math.floor(t / DAY_MS) * DAY_MS;
}
