/**
 * One series of a many-series run as a worker answers it: plain data that structured cloning
 * keeps (used by forecastManyParallel and its worker script; kept apart from parallel.ts so that
 * the worker script does not pull in the main thread's module).
 * @module
 */
import { isCrmError, type ErrorCode } from '../core/errors.js';
import { forecastGroup, type ManySettings } from './forecastMany.js';
import type { Forecast } from './series.js';

/** A worker's answer for one series (built by {@link replyOf}). */
export type Reply =
  | { ok: true; forecast: Forecast }
  | { ok: false; crm: true; code: ErrorCode; message: string; details: Record<string, unknown> }
  | { ok: false; crm: false; message: string };

/**
 * One group's forecast as a {@link Reply}: the forecast, or what refused it (a CrmError's parts,
 * its details made cloneable; anything else reported as a bug).
 * @example
 * replyOf('demo', { method: 'naive', horizon: 1, level: [80], period: undefined, boxCox: undefined }, [1, 2], 'a').ok; // => true
 */
export function replyOf(fn: string, settings: ManySettings, series: unknown, group: string | number): Reply {
  try {
    return { ok: true, forecast: forecastGroup(fn, settings, series, group) };
  } catch (e) {
    return isCrmError(e)
      ? { ok: false, crm: true, code: e.code, message: e.message, details: cloneable(e.details) }
      : { ok: false, crm: false, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

/** Error details that survive structured cloning (anything but plain values and arrays becomes a string). */
function cloneable(details: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(details)) {
    out[k] = v === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof v) || Array.isArray(v) ? v : String(v);
  }
  return out;
}
