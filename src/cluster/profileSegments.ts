/**
 * Per-segment profile in business terms: size, share, mean and median of each feature in original
 * units, and the share of a value column (revenue) each segment holds.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { isDenseMatrix, toDense } from '../core/dense.js';
import { quantileSorted } from '../core/rank.js';
import { codeLabels } from './shared.js';
import { isColumnar, readFeatureMatrix, readTableColumns, type ColumnTable } from '../core/table.js';
import type { ArrowTableLike } from '../core/arrow.js';
import { resolveOptions } from '../core/validate.js';
import type { DenseMatrix } from '../core/dense.js';

/** Options of {@link profileSegments}. */
export interface ProfileSegmentsOptions<R = unknown> {
  /**
   * Feature names. For object rows: the keys to read (required). For columns and Arrow tables: the
   * columns to read (default all). For number rows: names of the columns.
   * @defaultValue for number rows, `['x0', 'x1', ...]`
   */
  features?: readonly string[];
  /**
   * The value whose share each segment holds (e.g. revenue): a feature name or column index, a key
   * of object rows, a function of the row, or an array with one number per row. Absent: no value share.
   */
  value?: string | number | ArrayLike<number> | ((row: R, index: number) => number);
}

/** One segment of {@link SegmentProfile}. */
export interface SegmentSummary {
  /** The label, as given. */
  readonly label: number | string;
  readonly size: number;
  /** size / total rows. */
  readonly share: number;
  readonly means: Record<string, number>;
  readonly medians: Record<string, number>;
  /** mean / overall mean per feature (1 = average; NaN-free: 0 overall mean gives null). */
  readonly relativeMeans: Record<string, number | null>;
  /** Sum of the value column in this segment (null without `value`). */
  readonly valueTotal: number | null;
  /** valueTotal / overall value total (null without `value`, or when the total is 0). */
  readonly valueShare: number | null;
}

/** Result of {@link profileSegments}: plain data. */
export interface SegmentProfile {
  readonly features: string[];
  readonly size: number;
  readonly means: Record<string, number>;
  readonly medians: Record<string, number>;
  readonly valueTotal: number | null;
  /** Segments, numeric labels ascending, then string labels in code-point order. */
  readonly segments: SegmentSummary[];
}

/**
 * Profiles segments so that each reads in business terms ("few, recent, very high spend"): per
 * segment its size and share of rows, the mean, median and mean relative to the overall mean of each
 * feature, in the units given (pass unscaled features), and the share of a value column it holds.
 * Medians are numpy's linear-interpolation median. O(n d log n).
 * @param data - Number rows (or a dense matrix), or object rows with `features` naming the keys.
 * @param labels - One segment label (number or string) per row, e.g. `model.labels`.
 * @param options - Feature names and the value column.
 * @returns A {@link SegmentProfile}.
 * @throws CrmError `EMPTY_INPUT`, `INVALID_INPUT`, `NON_FINITE` (row and feature named), `LENGTH_MISMATCH`,
 *   `MISSING_VALUE` (a missing label), `INVALID_OPTION` (options not an object, unknown keys, feature
 *   names that are not distinct strings, or value). A feature may be called anything, "__proto__" included.
 * @example
 * profileSegments([[1, 10], [3, 30], [100, 1000]], [0, 0, 1], { features: ['orders', 'spend'], value: 'spend' }).segments[1]!.valueShare; // => 1000 / 1040
 */
export function profileSegments<R = unknown>(
  data: readonly (readonly number[])[] | DenseMatrix | readonly R[] | ColumnTable | ArrowTableLike,
  labels: ArrayLike<number | string>,
  options: ProfileSegmentsOptions<R> = {},
): SegmentProfile {
  // Refuses null, arrays (D31) and unknown keys.
  resolveOptions('profileSegments', {}, options as object, ['features', 'value']);
  if (options === null) options = {};
  const objectRows = !isDenseMatrix(data) && Array.isArray(data) && data.length > 0 && data[0] !== null && typeof data[0] === 'object' && !Array.isArray(data[0]) && !ArrayBuffer.isView(data[0]);
  let m: DenseMatrix;
  let features: string[];
  const columnar = isColumnar(data);
  if (columnar) {
    if (options.features !== undefined && !Array.isArray(options.features)) {
      throw new CrmError('INVALID_OPTION', `profileSegments: features must list the columns to profile; got ${describeValue(options.features)}.`, { option: 'features' });
    }
    const read = readFeatureMatrix(data, { fn: 'profileSegments', argument: 'data', option: 'features', columns: options.features && checkFeatureNames(options.features) });
    m = read;
    features = read.names!;
  } else if (objectRows) {
    if (!Array.isArray(options.features) || options.features.length === 0) {
      throw new CrmError('INVALID_OPTION', 'profileSegments: with object rows, features must list the keys to profile, e.g. { features: ["recency", "frequency"] }.', { option: 'features' });
    }
    features = checkFeatureNames(options.features);
    m = fromObjects(data as readonly R[], features);
  } else {
    m = toDense(data as readonly (readonly number[])[] | DenseMatrix, { name: 'data' });
    if (options.features !== undefined) {
      if (!Array.isArray(options.features) || options.features.length !== m.cols) {
        throw new CrmError('INVALID_OPTION', `profileSegments: features must name the ${m.cols} columns; got ${describeValue(options.features)}.`, { option: 'features' });
      }
      features = checkFeatureNames(options.features);
    } else features = Array.from({ length: m.cols }, (_, j) => `x${j}`);
  }
  const n = m.rows;
  const d = m.cols;
  const { codes, values: labelValues } = codeLabels(labels, n);
  const value = readValue(options.value, columnar ? { table: data as ColumnTable | ArrowTableLike } : data, m, features, objectRows, n);

  const k = labelValues.length;
  const counts = new Int32Array(k);
  for (let i = 0; i < n; i++) counts[codes[i]!]++;
  // Every record is written with defineProperty (put): a feature named "__proto__" must be a key,
  // not the prototype; the objects stay plain (JSON round trips keep the key as an own property).
  const overallMeans: Record<string, number> = {};
  const overallMedians: Record<string, number> = {};
  const perMeans = Array.from({ length: k }, () => ({} as Record<string, number>));
  const perMedians = Array.from({ length: k }, () => ({} as Record<string, number>));
  const perRel = Array.from({ length: k }, () => ({} as Record<string, number | null>));
  // Rows grouped by segment once, so each column is gathered per segment without re-scanning.
  const start = new Int32Array(k + 1);
  for (let c = 0; c < k; c++) start[c + 1] = start[c]! + counts[c]!;
  const pos = start.slice(0, k);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[pos[codes[i]!]!++] = i;
  const col = new Float64Array(n);
  for (let j = 0; j < d; j++) {
    const f = features[j]!;
    let total = 0;
    for (let i = 0; i < n; i++) { col[i] = m.data[i * d + j]!; total += col[i]!; }
    put(overallMeans, f, total / n);
    put(overallMedians, f, quantileSorted(col.slice().sort(), 0.5));
    const overallMean = total / n;
    for (let c = 0; c < k; c++) {
      const g = new Float64Array(counts[c]!);
      let s = 0;
      for (let t = start[c]!; t < start[c + 1]!; t++) { const v = col[order[t]!]!; g[t - start[c]!] = v; s += v; }
      const mean = s / g.length;
      put(perMeans[c]!, f, mean);
      put(perMedians[c]!, f, quantileSorted(g.sort(), 0.5));
      put(perRel[c]!, f, overallMean === 0 ? null : mean / overallMean);
    }
  }
  let valueTotal: number | null = null;
  const segValue = new Float64Array(k);
  if (value) {
    valueTotal = 0;
    for (let i = 0; i < n; i++) { segValue[codes[i]!] += value[i]!; valueTotal += value[i]!; }
  }
  const segments: SegmentSummary[] = [];
  for (let c = 0; c < k; c++) {
    segments.push({
      label: labelValues[c]!,
      size: counts[c]!,
      share: counts[c]! / n,
      means: perMeans[c]!,
      medians: perMedians[c]!,
      relativeMeans: perRel[c]!,
      valueTotal: value ? segValue[c]! : null,
      valueShare: value && valueTotal !== 0 ? segValue[c]! / valueTotal! : null,
    });
  }
  segments.sort((a, b) => compareLabels(a.label, b.label));
  return { features, size: n, means: overallMeans, medians: overallMedians, valueTotal, segments };
}

/** record[key] = value as an own, enumerable data property, whatever the key ("__proto__" included). */
function put<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Feature names: non-empty array of distinct strings (a number or -Infinity is refused, not stringified). */
function checkFeatureNames(features: readonly unknown[]): string[] {
  const seen = new Set<string>();
  return features.map((f, j) => {
    if (typeof f !== 'string') {
      throw new CrmError('INVALID_OPTION', `profileSegments: features[${j}] is ${describeValue(f)}; feature names must be strings.`, { option: 'features' });
    }
    if (seen.has(f)) throw new CrmError('INVALID_OPTION', `profileSegments: feature '${f}' is named twice; names must be distinct.`, { option: 'features' });
    seen.add(f);
    return f;
  });
}

function compareLabels(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function fromObjects<R>(rows: readonly R[], features: readonly string[]): DenseMatrix {
  const n = rows.length;
  const d = features.length;
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const row = rows[i] as Record<string, unknown> | null;
    if (row === null || typeof row !== 'object') {
      throw new CrmError('INVALID_INPUT', `data[${i}] is ${describeValue(row)}; expected an object with keys ${features.join(', ')}.`, { row: i });
    }
    for (let j = 0; j < d; j++) {
      const key = features[j]!;
      // Object.prototype's members ("__proto__", "constructor") count only as own keys of the row.
      const v = key in Object.prototype && !Object.prototype.hasOwnProperty.call(row, key) ? undefined : row[key];
      if (typeof v !== 'number') {
        throw new CrmError(v === undefined || v === null ? 'MISSING_VALUE' : 'INVALID_INPUT', `data[${i}].${features[j]} is ${describeValue(v)}; expected a number.`, { row: i, column: features[j] });
      }
      if (!Number.isFinite(v)) {
        throw new CrmError('NON_FINITE', `data[${i}].${features[j]} is ${v}; values must be finite numbers. Clean or drop that row.`, { row: i, column: features[j] });
      }
      data[i * d + j] = v;
    }
  }
  return { rows: n, cols: d, data };
}

function readValue<R>(spec: ProfileSegmentsOptions<R>['value'], data: unknown, m: DenseMatrix, features: readonly string[], objectRows: boolean, n: number): Float64Array | undefined {
  if (spec === undefined) return undefined;
  const out = new Float64Array(n);
  const rows = data as readonly R[];
  const put = (i: number, v: unknown) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new CrmError(typeof v === 'number' ? 'NON_FINITE' : 'INVALID_INPUT', `the value of row ${i} is ${describeValue(v)}; value must give a finite number per row.`, { row: i, option: 'value' });
    }
    out[i] = v;
  };
  const table = !objectRows && data !== null && typeof data === 'object' && 'table' in data ? (data as { table: ColumnTable | ArrowTableLike }).table : null;
  if (typeof spec === 'function') {
    if (!objectRows) throw new CrmError('INVALID_OPTION', 'profileSegments: a value function needs object rows; for number rows give a column index or feature name.', { option: 'value' });
    for (let i = 0; i < n; i++) put(i, spec(rows[i]!, i));
  } else if (typeof spec === 'number' || (typeof spec === 'string' && features.includes(spec))) {
    const j = typeof spec === 'number' ? spec : features.indexOf(spec);
    if (!Number.isInteger(j) || j < 0 || j >= m.cols) {
      throw new CrmError('INVALID_OPTION', `profileSegments: value column ${describeValue(spec)} is not a column index in [0, ${m.cols - 1}].`, { option: 'value' });
    }
    for (let i = 0; i < n; i++) out[i] = m.data[i * m.cols + j]!;
  } else if (typeof spec === 'string' && table) {
    const col = readTableColumns(table, [spec], { fn: 'profileSegments', argument: 'data', option: 'value' }).columns[0]!;
    for (let i = 0; i < n; i++) put(i, col[i]);
  } else if (typeof spec === 'string') {
    if (!objectRows) throw new CrmError('INVALID_OPTION', `profileSegments: value '${spec}' is not one of the features ${features.join(', ')}.`, { option: 'value' });
    for (let i = 0; i < n; i++) put(i, (rows[i] as Record<string, unknown>)[spec]);
  } else if (typeof spec === 'object' && spec !== null && typeof (spec as ArrayLike<number>).length === 'number') {
    const arr = spec as ArrayLike<number>;
    if (arr.length !== n) throw new CrmError('LENGTH_MISMATCH', `value has ${arr.length} entries but data has ${n} rows; they must match.`, { option: 'value' });
    for (let i = 0; i < n; i++) put(i, arr[i]);
  } else {
    throw new CrmError('INVALID_OPTION', `profileSegments: value must be a feature name, column index, key, function or array; got ${describeValue(spec)}.`, { option: 'value' });
  }
  return out;
}
