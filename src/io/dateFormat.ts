/**
 * Explicit date formats for CSV cells (`'M/D/YYYY H:mm'`, `'D/M/YYYY'`, ...) compiled once to a
 * reader, and fixed time zones (`'UTC'`, `'+01:00'`). The tokens are Day.js / Moment's.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { DAY_MS, parseDateOrUndefined } from '../core/dates.js';

/**
 * A date format: `'ISO'` (ISO-8601, as every crm-mining function reads dates) or a pattern of the
 * tokens `YYYY` `M` `MM` `D` `DD` `H` `HH` `mm` `ss` `SSS` between literal characters, e.g.
 * `'M/D/YYYY H:mm'` (Online Retail), `'D/M/YYYY'` (day first), `'YYYY-MM-DD HH:mm:ss'`.
 */
export type DateFormat = 'ISO' | (string & {});

/** A fixed time zone: `'UTC'` or an offset `'+01:00'` / `'-05:30'` (no daylight saving rules). */
export type TimeZone = 'UTC' | `${'+' | '-'}${string}`;

const TOKENS: Record<string, { re: string; field: 'y' | 'mo' | 'd' | 'h' | 'mi' | 's' | 'ms' }> = {
  YYYY: { re: '(\\d{4})', field: 'y' },
  MM: { re: '(\\d{2})', field: 'mo' },
  M: { re: '(\\d{1,2})', field: 'mo' },
  DD: { re: '(\\d{2})', field: 'd' },
  D: { re: '(\\d{1,2})', field: 'd' },
  HH: { re: '(\\d{2})', field: 'h' },
  H: { re: '(\\d{1,2})', field: 'h' },
  mm: { re: '(\\d{2})', field: 'mi' },
  ss: { re: '(\\d{2})', field: 's' },
  SSS: { re: '(\\d{3})', field: 'ms' },
};
const TOKEN = /YYYY|SSS|MM|DD|HH|mm|ss|M|D|H/g;

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * Minutes east of UTC for a fixed zone. O(1).
 * @throws CrmError `INVALID_OPTION`
 * @example
 * zoneOffsetMinutes('-05:30', 'parseTable'); // => -330
 */
export function zoneOffsetMinutes(zone: unknown, where: string): number {
  if (zone === undefined || zone === 'UTC' || zone === 'Z') return 0;
  const m = typeof zone === 'string' ? /^([+-])(\d{2}):?(\d{2})$/.exec(zone) : null;
  if (!m || +m[3]! > 59 || +m[2]! * 60 + +m[3]! > 18 * 60) {
    throw new CrmError(
      'INVALID_OPTION',
      `${where}: timeZone must be 'UTC' or a fixed offset such as '+01:00' or '-05:30'; got ${describeValue(zone)}. ` +
        'Named zones (Europe/London) change offset with daylight saving: convert in the query, or give the offset the file was written in.',
      { option: 'timeZone' },
    );
  }
  return (m[1] === '-' ? -1 : 1) * (+m[2]! * 60 + +m[3]!);
}

/** Reads one cell to epoch ms, or undefined when it does not match the format or is not a real date. */
export type DateReader = (text: string) => number | undefined;

/**
 * Compiles a date format and zone into a reader. `'ISO'` reads as crm-mining does everywhere
 * (docs/dates.md), with the zone applied to strings that carry none. O(1) per cell.
 * @throws CrmError `INVALID_OPTION` for a format without `YYYY`, `M`/`MM` and `D`/`DD`, a token
 *   used twice, or a bad zone.
 * @example
 * compileDateFormat('M/D/YYYY H:mm', 'UTC', 'parseTable')('12/1/2010 8:26'); // => 1291191960000
 */
export function compileDateFormat(format: unknown, timeZone: unknown, where: string): DateReader {
  const offsetMs = zoneOffsetMinutes(timeZone, where) * 60_000;
  if (format === 'ISO') {
    return (text) => {
      const t = parseDateOrUndefined(text);
      if (t === undefined) return undefined;
      // A zone in the text wins; otherwise the text is wall-clock time in the given zone.
      return /(?:Z|[+-]\d{2}:?\d{2})$/.test(text.trim()) ? t : t - offsetMs;
    };
  }
  if (typeof format !== 'string' || format === '') {
    throw new CrmError('INVALID_OPTION', `${where}: format must be 'ISO' or a pattern such as 'M/D/YYYY H:mm'; got ${describeValue(format)}.`, { option: 'format' });
  }
  const fields: string[] = [];
  let re = '^';
  let last = 0;
  for (const m of format.matchAll(TOKEN)) {
    re += format.slice(last, m.index).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const tok = TOKENS[m[0]]!;
    if (fields.includes(tok.field)) {
      throw new CrmError('INVALID_OPTION', `${where}: format '${format}' gives the ${m[0]} field twice.`, { option: 'format' });
    }
    fields.push(tok.field);
    re += tok.re;
    last = m.index! + m[0].length;
  }
  re += `${format.slice(last).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
  if (!fields.includes('y') || !fields.includes('mo') || !fields.includes('d')) {
    throw new CrmError(
      'INVALID_OPTION',
      `${where}: format '${format}' must give the year (YYYY), month (M or MM) and day (D or DD). Tokens: YYYY M MM D DD H HH mm ss SSS.`,
      { option: 'format' },
    );
  }
  const pattern = new RegExp(re);
  const at = (f: string) => fields.indexOf(f) + 1;
  const [iy, imo, id, ih, imi, is, ims] = ['y', 'mo', 'd', 'h', 'mi', 's', 'ms'].map(at) as number[];
  return (text) => {
    const m = pattern.exec(text.trim());
    if (!m) return undefined;
    const y = +m[iy!]!, mo = +m[imo!]!, d = +m[id!]!;
    const h = ih ? +m[ih]! : 0, mi = imi ? +m[imi]! : 0, s = is ? +m[is]! : 0, ms = ims ? +m[ims]! : 0;
    if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
    // Date.UTC reads years 0-99 as 1900-1999: shift by 400 years (one calendar cycle) and back.
    const t = y < 100 ? Date.UTC(y + 400, mo - 1, d, h, mi, s, ms) - 146_097 * DAY_MS : Date.UTC(y, mo - 1, d, h, mi, s, ms);
    return t - offsetMs;
  };
}
