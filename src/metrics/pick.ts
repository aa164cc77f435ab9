/**
 * `pick(rows, indices)`: the rows of a split, as numpy's `x[idx]` and pandas' `iloc[idx]` give them.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';

/** Anything indexable by row position: an array, a typed array, or another array-like. */
/** What {@link pick} takes: an array or an array-like (typed arrays included). */
export type PickRows<T> = readonly T[] | ArrayLike<T>;

function isRowList(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

/**
 * The rows at the given positions, in the order of `indices` (repeats allowed, as for a bootstrap
 * sample). The rows themselves are not copied: object and array rows are shared with `rows`.
 * What is picked is checked, so that a split never carries a silent gap into a fit: a picked
 * entry, or a cell of a picked array row (at any depth of arrays), that is undefined or a hole is
 * `MISSING_VALUE`, and a NaN or infinity is `NON_FINITE`, naming the row; row objects and their
 * properties are passed through unread. Cost: O(m + cells of the picked array rows) for m indices.
 * Source: numpy's integer-array indexing `x[idx]`, pandas' `DataFrame.iloc[idx]`.
 * @param rows - An array or typed array (feature rows, labels, customer ids, anything).
 * @param indices - Integer positions in 0..rows.length-1, e.g. `trainTestSplit(...).train`.
 * @returns A new plain array of `indices.length` entries.
 * @throws CrmError `INVALID_INPUT` (rows or indices not an array or typed array, an index that is
 * not an integer, out of range, or a hole), `MISSING_VALUE` (a picked row, or a cell of one, that
 * is undefined or a hole), `NON_FINITE` (a picked NaN or infinity).
 * @example
 * const split = trainTestSplit([0, 0, 1, 1], { testFraction: 0.5, seed: 1 });
 * pick(['a', 'b', 'c', 'd'], [3, 0, 0]); // => ['d', 'a', 'a']
 * pick(new Float64Array([0.5, 1.5, 2.5]), [2]); // => [2.5]
 * pick([10, 20, 30, 40], split.test).length; // => 2
 */
export function pick<T>(rows: PickRows<T>, indices: ArrayLike<number>): T[] {
  if (!isRowList(rows)) {
    throw new CrmError('INVALID_INPUT', `pick: rows must be an array or a typed array; got ${describeValue(rows)}.`, { argument: 'rows' });
  }
  if (!isRowList(indices)) {
    throw new CrmError('INVALID_INPUT', `pick: indices must be an array or a typed array of row positions (for example trainTestSplit(...).train); got ${describeValue(indices)}.`, {
      argument: 'indices',
    });
  }
  const n = rows.length;
  const m = indices.length;
  const dense = Array.isArray(rows);
  const out = new Array<T>(m);
  const seen = new Set<unknown>();
  for (let k = 0; k < m; k++) {
    const i = indices[k] as unknown;
    if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= n) {
      const what = Array.isArray(indices) && !(k in indices) ? 'a hole' : describeValue(i);
      throw new CrmError('INVALID_INPUT', `pick: indices[${k}] is ${what}; every index must be an integer in 0..${n - 1} (rows has ${n} entries).`, {
        argument: 'indices',
        row: k,
      });
    }
    if (dense && !(i in (rows as readonly T[]))) {
      throw new CrmError('MISSING_VALUE', `pick: rows[${i}] (picked by indices[${k}]) is a hole; fill every row first.`, { argument: 'rows', row: i });
    }
    const row = (rows as ArrayLike<T>)[i]!;
    checkPicked(row, i, seen);
    out[k] = row;
  }
  return out;
}

/** Refuses undefined, holes, NaN and infinities in a picked row and the arrays inside it (objects are not read). */
function checkPicked(row: unknown, i: number, seen: Set<unknown>): void {
  if (seen.has(row)) return;
  const stack: [unknown, string][] = [[row, '']];
  while (stack.length > 0) {
    const [v, where] = stack.pop()!;
    if (v === undefined) {
      throw new CrmError('MISSING_VALUE', `pick: rows[${i}]${where} is undefined; fill it, or leave the row out of indices.`, { argument: 'rows', row: i });
    }
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new CrmError('NON_FINITE', `pick: rows[${i}]${where} is ${v}; rows must not hold NaN or infinities.`, { argument: 'rows', row: i });
      continue;
    }
    if (!isRowList(v) || seen.has(v)) continue;
    // Each array is read once, even when shared between rows or cyclic.
    seen.add(v);
    const list = v as ArrayLike<unknown>;
    for (let j = 0; j < list.length; j++) {
      if (Array.isArray(list) && !(j in list)) {
        throw new CrmError('MISSING_VALUE', `pick: rows[${i}]${where}[${j}] is a hole; fill it, or leave the row out of indices.`, { argument: 'rows', row: i });
      }
      const c = list[j];
      if (typeof c === 'number' && Number.isFinite(c)) continue; // the usual cell, without a stack entry
      if (c === undefined || typeof c === 'number' || isRowList(c)) stack.push([c, `${where}[${j}]`]);
    }
  }
}
