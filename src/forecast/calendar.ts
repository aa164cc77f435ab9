/**
 * Calendar periods on UTC days: each frequency numbers its periods with consecutive integers, so
 * gaps are filled by counting. ISO weeks start on Monday and belong to the ISO year of their
 * Thursday (so 2020-W53 exists and 2021-01-01 is in it); months and quarters follow the Gregorian
 * calendar (month lengths, leap years) through `Date.UTC`.
 * @module
 */
import { DAY_MS } from '../core/dates.js';
import type { Frequency } from './series.js';

/** The UTC year, month (1-12) and day of a UTC day number. */
function ymd(day: number): [number, number, number] {
  const d = new Date(day * DAY_MS);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/** UTC day number of a calendar date; month may overflow (13 = January next year). */
function dayOf(y: number, month: number, d: number): number {
  const t = new Date(0);
  t.setUTCFullYear(y, month - 1, d);
  return Math.floor(t.getTime() / DAY_MS);
}

const pad = (v: number, width: number) => (v < 0 ? '-' + String(-v).padStart(width, '0') : String(v).padStart(width, '0'));

/**
 * The period (consecutive integers per frequency) that holds a UTC day number. O(1).
 * @example
 * periodOf('week', 0); // => 0
 */
export function periodOf(frequency: Frequency, day: number): number {
  switch (frequency) {
    case 'day':
      return day;
    case 'week':
      // Day 0 (1970-01-01) is a Thursday, so Mondays are days -3, 4, 11, ...
      return Math.floor((day + 3) / 7);
    default: {
      const [y, m] = ymd(day);
      if (frequency === 'month') return y * 12 + (m - 1);
      if (frequency === 'quarter') return y * 4 + Math.floor((m - 1) / 3);
      return y;
    }
  }
}

/**
 * The first UTC day number of a period. O(1).
 * @example
 * periodStart('month', 2024 * 12 + 1) === Date.UTC(2024, 1, 1) / 86400000; // => true
 */
export function periodStart(frequency: Frequency, period: number): number {
  switch (frequency) {
    case 'day':
      return period;
    case 'week':
      return period * 7 - 3;
    case 'month':
      return dayOf(Math.floor(period / 12), (period - Math.floor(period / 12) * 12) + 1, 1);
    case 'quarter':
      return dayOf(Math.floor(period / 4), (period - Math.floor(period / 4) * 4) * 3 + 1, 1);
    default:
      return dayOf(period, 1, 1);
  }
}

/**
 * The label of a period: `'2024-03-05'` (day), `'2024-W09'` (ISO week), `'2024-03'`, `'2024-Q1'`,
 * `'2024'`. O(1).
 * @example
 * periodLabel('week', periodOf('week', Date.UTC(2021, 0, 1) / 86400000)); // => '2020-W53'
 */
export function periodLabel(frequency: Frequency, period: number): string {
  switch (frequency) {
    case 'day': {
      const [y, m, d] = ymd(period);
      return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
    }
    case 'week': {
      const thursday = period * 7;
      const [y] = ymd(thursday);
      const week = Math.floor((thursday - dayOf(y, 1, 1)) / 7) + 1;
      return `${pad(y, 4)}-W${pad(week, 2)}`;
    }
    case 'month': {
      const y = Math.floor(period / 12);
      return `${pad(y, 4)}-${pad(period - y * 12 + 1, 2)}`;
    }
    case 'quarter': {
      const y = Math.floor(period / 4);
      return `${pad(y, 4)}-Q${period - y * 4 + 1}`;
    }
    default:
      return pad(period, 4);
  }
}

const LABEL: Readonly<Record<Frequency, RegExp>> = {
  day: /^(-?\d{4,})-(\d{2})-(\d{2})$/,
  week: /^(-?\d{4,})-W(\d{2})$/,
  month: /^(-?\d{4,})-(\d{2})$/,
  quarter: /^(-?\d{4,})-Q([1-4])$/,
  year: /^(-?\d{4,})$/,
};

/**
 * The period of a label written by {@link periodLabel}, or undefined. O(1).
 * @example
 * periodLabel('quarter', parsePeriodLabel('quarter', '2024-Q4')! + 1); // => '2025-Q1'
 */
export function parsePeriodLabel(frequency: Frequency, label: string): number | undefined {
  const m = LABEL[frequency].exec(label);
  if (!m) return undefined;
  const y = +m[1]!;
  switch (frequency) {
    case 'day':
      return dayOf(y, +m[2]!, +m[3]!);
    case 'week': {
      // 4 January is always in week 1 of its ISO year.
      const w1 = periodOf('week', dayOf(y, 1, 4));
      return w1 + +m[2]! - 1;
    }
    case 'month':
      return y * 12 + +m[2]! - 1;
    case 'quarter':
      return y * 4 + +m[2]! - 1;
    default:
      return y;
  }
}

/**
 * Labels of the `h` periods after the last label, or undefined when the history has no labels. O(h).
 * @example
 * futureLabels(['2024-11', '2024-12'], 'month', 2); // => ['2025-01', '2025-02']
 */
export function futureLabels(labels: readonly string[] | undefined, frequency: Frequency | undefined, h: number): string[] | undefined {
  if (!labels || labels.length === 0 || !frequency) return undefined;
  const last = parsePeriodLabel(frequency, labels[labels.length - 1]!);
  if (last === undefined) return undefined;
  const out = new Array<string>(h);
  for (let j = 0; j < h; j++) out[j] = periodLabel(frequency, last + 1 + j);
  return out;
}
