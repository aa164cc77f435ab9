/**
 * Reading user rows into the column-major numbers the tree works on (internal). Numeric values stay
 * numbers, categories become codes in sorted category order, missing values become NaN.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { indexMap } from '../core/idTable.js';
import { columnsToRows, isColumnar } from '../core/table.js';
import type { TreeColumn, TreeFeatures, TreeModelColumn, TreeValue } from './types.js';

/** Rows of tree features as encodeFeatures reads them. */
export type TreeRows = readonly (readonly number[])[] | readonly Readonly<Record<string, unknown>>[];

/**
 * Columns and Arrow tables as row objects holding the described columns (read once, at the edge);
 * arrays pass through. Columnar input needs the column description, as row objects do.
 */
export function treeRows(fn: string, features: TreeFeatures, columns: readonly { name: string }[] | null | undefined): TreeRows {
  if (!isColumnar(features)) return features as TreeRows;
  if (!Array.isArray(columns) || columns.length === 0) {
    throw new CrmError('INVALID_OPTION', `${fn}: columns and Arrow tables need a column description; pass columns: [{ name: 'tenure', type: 'numeric' }, { name: 'contract', type: 'categorical' }, ...].`, { option: 'columns' });
  }
  const names = columns.map((c) => (c !== null && typeof c === 'object' ? c.name : c) as string);
  if (names.some((n) => typeof n !== 'string')) return [{}] as TreeRows; // resolveColumns names the bad entry
  return columnsToRows(features, names, { fn, argument: 'features', option: 'columns' });
}

/** Code of a category that training never saw (prediction only). */
export const UNKNOWN_CODE = -1;

/** Encoded features, column-major: x[f * n + i]. */
export interface Encoded {
  readonly n: number;
  readonly d: number;
  readonly x: Float64Array;
}

/** Orders labels and categories: booleans, then numbers, then strings (each ascending). */
export function compareValues(a: TreeValue, b: TreeValue): number {
  const ta = typeRank(a);
  const tb = typeRank(b);
  if (ta !== tb) return ta - tb;
  if (ta === 2) return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
  return Number(a) - Number(b);
}

function typeRank(v: TreeValue): number {
  return typeof v === 'boolean' ? 0 : typeof v === 'number' ? 1 : 2;
}

/** True for null, undefined and NaN: the values the `missing` option governs. */
export function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}

/** Checks the feature container and resolves the column description against it. */
export function resolveColumns(fn: string, features: TreeRows, columns: readonly TreeColumn[] | null | undefined): TreeColumn[] {
  if (!Array.isArray(features)) {
    throw new CrmError('INVALID_INPUT', `${fn}: features must be an array of rows (number[][] or objects); got ${describeValue(features)}.`, { argument: 'features' });
  }
  if (features.length === 0) {
    throw new CrmError('EMPTY_INPUT', `${fn}: features has no rows; pass at least one row.`, { argument: 'features' });
  }
  const first = features[0] as unknown;
  const matrix = Array.isArray(first);
  if (!matrix && (first === null || typeof first !== 'object')) {
    throw new CrmError('INVALID_INPUT', `${fn}: features[0] must be an array of numbers or an object; got ${describeValue(first)}.`, { argument: 'features', row: 0 });
  }
  if (columns === null || columns === undefined) {
    if (!matrix) {
      throw new CrmError('INVALID_OPTION', `${fn}: row objects need a column description; pass columns: [{ name: 'tenure', type: 'numeric' }, { name: 'contract', type: 'categorical' }, ...].`, { option: 'columns' });
    }
    const d = (first as unknown[]).length;
    if (d === 0) throw new CrmError('INVALID_INPUT', `${fn}: rows have no columns; pass at least one feature.`, { argument: 'features' });
    return Array.from({ length: d }, (_, j) => ({ name: `x${j}`, type: 'numeric' as const }));
  }
  if (!Array.isArray(columns) || columns.length === 0) {
    throw new CrmError('INVALID_OPTION', `${fn}: columns must be a non-empty array of { name, type }; got ${describeValue(columns)}.`, { option: 'columns' });
  }
  const seen = new Set<string>();
  const out: TreeColumn[] = columns.map((c: TreeColumn, j: number) => {
    if (c === null || typeof c !== 'object' || typeof c.name !== 'string' || (c.type !== 'numeric' && c.type !== 'categorical')) {
      throw new CrmError('INVALID_OPTION', `${fn}: columns[${j}] must be { name: string, type: 'numeric' | 'categorical' }; got ${describeValue(c)}.`, { option: 'columns', column: j });
    }
    if (seen.has(c.name)) throw new CrmError('INVALID_OPTION', `${fn}: column name '${c.name}' appears twice in columns; names must be unique.`, { option: 'columns', column: j });
    seen.add(c.name);
    return { name: c.name, type: c.type };
  });
  if (matrix && (first as unknown[]).length !== out.length) {
    throw new CrmError('INVALID_INPUT', `${fn}: columns describes ${out.length} columns but features[0] has ${(first as unknown[]).length}; give one entry per column.`, { argument: 'columns', row: 0 });
  }
  if (!matrix) {
    for (const c of out) {
      if (!(c.name in (first as object))) {
        throw new CrmError('INVALID_INPUT', `${fn}: column '${c.name}' of columns is not a property of features[0]; check the spelling, or set it to null for a missing value.`, { argument: 'columns', row: 0, column: c.name });
      }
    }
  }
  return out;
}

/**
 * Encodes rows. With `model` columns (prediction) categories map through them and unseen ones get
 * {@link UNKNOWN_CODE}; without (fit) the categories are collected and sorted.
 */
export function encodeFeatures(
  fn: string,
  features: TreeRows,
  columns: readonly (TreeColumn | TreeModelColumn)[],
  allowMissing: boolean,
  fitting: boolean,
): { encoded: Encoded; categories: (TreeValue[] | null)[] } {
  const n = features.length;
  const d = columns.length;
  const x = new Float64Array(n * d);
  const matrix = Array.isArray(features[0]);
  const categories: (TreeValue[] | null)[] = [];
  if (matrix && columns.every((c) => c.type === 'numeric') && readNumericMatrix(features as readonly (readonly number[])[], d, x)) {
    return { encoded: { n, d, x }, categories: columns.map(() => null) };
  }
  for (let j = 0; j < d; j++) {
    const col = columns[j]!;
    const base = j * n;
    const cats = fitting ? null : (col as TreeModelColumn).categories;
    let codeOf: Map<TreeValue, number> | null = null;
    if (col.type === 'categorical' && cats) codeOf = indexMap(cats);
    const raw: unknown[] = col.type === 'categorical' && fitting ? new Array(n) : [];
    for (let i = 0; i < n; i++) {
      const row = features[i] as unknown;
      let value: unknown;
      if (matrix) {
        if (!Array.isArray(row)) throw new CrmError('INVALID_INPUT', `${fn}: features[${i}] must be an array like features[0]; got ${describeValue(row)}.`, { argument: 'features', row: i });
        if (row.length !== d) throw new CrmError('RAGGED_ROWS', `${fn}: features[${i}] has ${row.length} columns but ${d} were expected; every row needs the same columns.`, { argument: 'features', row: i });
        value = row[j];
      } else {
        if (row === null || typeof row !== 'object' || Array.isArray(row)) throw new CrmError('INVALID_INPUT', `${fn}: features[${i}] must be an object like features[0]; got ${describeValue(row)}.`, { argument: 'features', row: i });
        value = (row as Record<string, unknown>)[col.name];
      }
      if (isMissing(value)) {
        if (!allowMissing) {
          throw new CrmError('MISSING_VALUE', `${fn}: features[${i}] column '${col.name}' is ${describeValue(value)}. Fill it, or fit with missing: 'learn' to let each split learn where missing values go.`, { argument: 'features', row: i, column: col.name });
        }
        x[base + i] = NaN;
        continue;
      }
      if (col.type === 'numeric') {
        if (typeof value !== 'number') throw new CrmError('INVALID_INPUT', `${fn}: features[${i}] column '${col.name}' is ${describeValue(value)} but the column is numeric; declare it categorical or convert it to a number.`, { argument: 'features', row: i, column: col.name });
        if (!Number.isFinite(value)) throw new CrmError('NON_FINITE', `${fn}: features[${i}] column '${col.name}' is ${value}; numeric values must be finite.`, { argument: 'features', row: i, column: col.name });
        x[base + i] = value;
      } else {
        if ((typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') || value === Infinity || value === -Infinity) {
          throw new CrmError('INVALID_INPUT', `${fn}: features[${i}] column '${col.name}' is ${describeValue(value)}; categories must be strings, finite numbers or booleans.`, { argument: 'features', row: i, column: col.name });
        }
        if (fitting) raw[i] = value;
        else {
          const code = codeOf!.get(value);
          x[base + i] = code === undefined ? UNKNOWN_CODE : code;
        }
      }
    }
    if (col.type === 'categorical' && fitting) {
      const distinct = [...new Set(raw.filter((v) => v !== undefined) as TreeValue[])].sort(compareValues);
      const map = new Map(distinct.map((c, k) => [c, k]));
      for (let i = 0; i < n; i++) if (raw[i] !== undefined) x[base + i] = map.get(raw[i] as TreeValue)!;
      categories.push(distinct);
    } else categories.push(cats ?? null);
  }
  return { encoded: { n, d, x }, categories };
}

// Row-major pass for the common all-numeric, all-finite matrix; returns false (and the caller
// re-reads column by column, naming the bad value) at the first irregular row or value.
function readNumericMatrix(rows: readonly (readonly number[])[], d: number, x: Float64Array): boolean {
  const n = rows.length;
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (!Array.isArray(row) || row.length !== d) return false;
    for (let j = 0; j < d; j++) {
      const value = row[j];
      if (typeof value !== 'number' || !Number.isFinite(value)) return false;
      x[j * n + i] = value;
    }
  }
  return true;
}
