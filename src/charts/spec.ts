/**
 * Shared pieces of the chart builders: the Vega-Lite schema, common options, and the checks that
 * refuse results of the wrong kind, empty results and non-finite values.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';

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
}

/** Wraps a chart body with the schema, title and size. */
export function makeSpec(defaultTitle: string, options: ChartOptions | undefined, body: Record<string, unknown>): VegaLiteSpec {
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
