/**
 * Shared pieces of the chart builders: the Vega-Lite schema, common options, and the checks that
 * refuse results of the wrong kind, empty results and non-finite values.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { resolveOptions } from '../core/validate.js';

/** The Vega-Lite version the specifications declare: v5, which Jupyter front ends and vega-embed render; vega-lite 6 compiles them as well. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/** A Vega-Lite specification: plain JSON, ready for `vega-embed`, a notebook or `vl.compile`. */
export interface VegaLiteSpec {
  readonly $schema: string;
  readonly [key: string]: unknown;
}

/** Options every chart accepts. */
export interface ChartOptions {
  /** Chart title. @defaultValue a title naming what is shown */
  title?: string;
  /** Width in pixels. @defaultValue 400 */
  width?: number;
  /** Height in pixels. @defaultValue 300 */
  height?: number;
  /** Title of the x axis, e.g. in another language. @defaultValue a title naming the field */
  xTitle?: string;
  /** Title of the y axis. @defaultValue a title naming the field */
  yTitle?: string;
}

/** The keys of {@link ChartOptions}. */
export const CHART_OPTION_KEYS = ['title', 'width', 'height', 'xTitle', 'yTitle'] as const;

/** Chart options once checked: title, size and axis titles resolved. */
export interface ResolvedChartOptions {
  /** Undefined: the chart's own title. */
  readonly title: string | undefined;
  readonly width: number;
  readonly height: number;
  readonly xTitle: string;
  readonly yTitle: string;
}

/**
 * Checks a chart's options once, as every other function does: an object (or undefined), no
 * unknown keys (a typo such as `titel` fails), `title`, `xTitle`, `yTitle` strings, `width` and
 * `height` positive finite numbers. Chart-specific options are named in `extra` with their
 * defaults and returned unchecked (the chart checks them).
 * @param chart - The chart function, for messages.
 * @param options - What the caller passed.
 * @param defaults - The chart's own title and axis titles.
 * @param extra - Defaults of the chart's own options (`undefined` allowed).
 * @returns The resolved common options and the chart's own options.
 * @throws CrmError `INVALID_OPTION`
 * @example
 * resolveChartOptions('rocChart', { width: 500 }, { xTitle: 'FPR', yTitle: 'TPR' }).chart.width; // => 500
 */
export function resolveChartOptions<E extends Record<string, unknown> = Record<string, never>>(
  chart: string,
  options: unknown,
  defaults: { xTitle: string; yTitle: string },
  extra: E = {} as E,
): { chart: ResolvedChartOptions; own: E } {
  const o = resolveOptions(chart, { ...extra }, options as object | undefined, CHART_OPTION_KEYS) as Record<string, unknown>;
  const text = (key: 'title' | 'xTitle' | 'yTitle'): string | undefined => {
    const v = o[key];
    if (v === undefined) return key === 'title' ? undefined : defaults[key];
    if (typeof v !== 'string') {
      throw new CrmError('INVALID_OPTION', `${chart}: ${key} must be a string; got ${describeValue(v)}.`, { option: key, value: v });
    }
    return v;
  };
  const size = (key: 'width' | 'height', fallback: number): number => {
    const v = o[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
      throw new CrmError('INVALID_OPTION', `${chart}: ${key} must be a positive finite number of pixels; got ${describeValue(v)}.`, { option: key, value: v });
    }
    return v;
  };
  const resolved = { title: text('title'), width: size('width', 400), height: size('height', 300), xTitle: text('xTitle')!, yTitle: text('yTitle')! };
  const own = {} as Record<string, unknown>;
  for (const key of Object.keys(extra)) own[key] = o[key];
  return { chart: resolved, own: own as E };
}

/**
 * A field of a result that must be a finite number: a non-number is not what the producer returns
 * (`WRONG_RESULT_KIND`), NaN or Infinity is `NON_FINITE`.
 * @throws CrmError `WRONG_RESULT_KIND`, `NON_FINITE`
 * @example
 * requireNumber(0.3, 'gini', 'paretoChart', 'paretoAnalysis (crm-mining/rfm)'); // => 0.3
 */
export function requireNumber(value: unknown, field: string, chart: string, producer: string): number {
  if (typeof value !== 'number') {
    throw new CrmError('WRONG_RESULT_KIND', `${chart}: ${field} is ${describeValue(value)}, not a number; pass the result of ${producer} as it returns it.`, { chart, field });
  }
  if (!Number.isFinite(value)) {
    throw new CrmError('NON_FINITE', `${chart}: ${field} is ${value}; charts need finite numbers.`, { chart, field });
  }
  return value;
}

/** Wraps a chart body with the schema, title and size (options as given, or resolved by {@link resolveChartOptions}). */
export function makeSpec(defaultTitle: string, options: ChartOptions | ResolvedChartOptions | undefined, body: Record<string, unknown>): VegaLiteSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: options?.title ?? defaultTitle,
    width: options?.width ?? 400,
    height: options?.height ?? 300,
    ...body,
  };
}

/**
 * Refuses anything that is not an object carrying the named fields (and, when given, the `kind`);
 * the message names the function that produces what the chart needs.
 */
export function requireShape(value: unknown, fields: readonly string[], chart: string, producer: string, kind?: string): Record<string, unknown> {
  const ok =
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    fields.every((f) => f in (value as object)) &&
    (kind === undefined || (value as { kind?: unknown }).kind === kind);
  if (!ok) {
    throw new CrmError(
      'WRONG_RESULT_KIND',
      `${chart} needs the result of ${producer}; got ${describeValue(value)}${value && typeof value === 'object' && 'kind' in value ? ` of kind '${String((value as { kind: unknown }).kind)}'` : ''}.`,
      { chart, producer },
    );
  }
  return value as Record<string, unknown>;
}

/** Refuses an empty list. */
export function requireRows<T>(rows: readonly T[], chart: string, what: string): readonly T[] {
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new CrmError('EMPTY_INPUT', `${chart}: the result has no ${what} to draw.`, { chart });
  }
  for (let i = 0; i < rows.length; i++) {
    if (!(i in rows) || rows[i] === undefined || rows[i] === null) {
      throw new CrmError('WRONG_RESULT_KIND', `${chart}: ${what}[${i}] is missing (a hole or null); pass the result as its function returns it.`, { chart, row: i });
    }
  }
  return rows;
}

/** Refuses NaN and Infinity in the named fields of every row. */
export function requireFinite(rows: readonly Record<string, unknown>[], fields: readonly string[], chart: string): void {
  rows.forEach((row, i) => {
    for (const f of fields) {
      const v = row[f];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new CrmError('NON_FINITE', `${chart}: ${f} of row ${i} is ${describeValue(v)}; charts need finite numbers.`, { chart, row: i, field: f });
      }
    }
  });
}
