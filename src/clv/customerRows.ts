/**
 * Per-customer rows from the two columnar CLV results (summarizeTransactions and
 * customerLifetimeValue), and the way back from rows to columns. Rows are the documented shape of a
 * per-customer result (docs/vocabulary.md); these two stay columnar because the CLV fits read them
 * column by column.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import type { Id } from '../core/orders.js';
import type { CustomerLifetimeValueResult } from './customerLifetimeValue.js';
import type { ClvSummary } from './summarizeTransactions.js';

/** One customer of a {@link ClvSummary} (summarizeTransactions): the columns of row i. */
export interface ClvSummaryRow {
  readonly customer: Id;
  /** Repeat purchase days in calibration. */
  readonly frequency: number;
  /** First to last purchase day in calibration, in the summary's timeUnit. */
  readonly recency: number;
  /** First purchase day to calibrationEnd, in the summary's timeUnit. */
  readonly T: number;
  /** Mean value of the repeat purchase days; null when the summary has no amounts. */
  readonly monetary: number | null;
  /** Purchase days in the holdout. */
  readonly holdoutFrequency: number;
  /** Mean value of the holdout purchase days; null when the summary has no amounts. */
  readonly holdoutMonetary: number | null;
}

/** One customer of a {@link CustomerLifetimeValueResult}: the columns of row i. */
export interface ClvValueRow {
  readonly customer: Id;
  /** Discounted expected value over the horizon. */
  readonly clv: number;
  /** The same value if the customer is known to be alive. */
  readonly clvIfAlive: number;
  /** Undiscounted expected purchases over the horizon. */
  readonly expectedPurchases: number;
  readonly probabilityAlive: number;
  /** Gamma-Gamma expected value per purchase. */
  readonly expectedAverageValue: number;
}

/** The row type {@link customerRows} gives for a result: {@link ClvSummaryRow} or {@link ClvValueRow}. */
export type CustomerRowOf<T extends ClvSummary | CustomerLifetimeValueResult> = T extends ClvSummary ? ClvSummaryRow : ClvValueRow;

/**
 * Columns of per-customer rows: `customer` becomes `customers`, every other key a column of the
 * same name. A key whose values may be null (such as `monetary`) gives `null` when every row holds
 * null, the way summarizeTransactions writes `monetary` without amounts.
 */
export type CustomerColumns<Row extends { readonly customer: Id }> = { readonly customers: Row['customer'][] } & {
  readonly [K in Exclude<keyof Row, 'customer'> & string]: null extends Row[K] ? Exclude<Row[K], null>[] | null : Row[K][];
};

const SUMMARY_KEYS = ['frequency', 'recency', 'T', 'monetary', 'holdoutFrequency', 'holdoutMonetary'] as const;
const VALUE_KEYS = ['clv', 'clvIfAlive', 'expectedPurchases', 'probabilityAlive', 'expectedAverageValue'] as const;

/**
 * Per-customer rows `{ customer, ... }` of a columnar CLV result, in its row order: the
 * {@link ClvSummaryRow}s of summarizeTransactions (a null `monetary` column gives `monetary: null`
 * in every row) or the {@link ClvValueRow}s of customerLifetimeValue. The scalar fields (timeUnit,
 * calibrationEnd, horizon, ...) stay on the result. {@link customerColumns} is the way back. O(n).
 * @param result - The result of summarizeTransactions (kind 'clvSummary') or customerLifetimeValue (kind 'clv'), or its JSON.
 * @returns One plain object per customer.
 * @throws CrmError `WRONG_RESULT_KIND` (another kind; a column missing, of the wrong length or
 * holding a value that is not a finite number; an id that is not a string or a number).
 * @example
 * const summary = { kind: 'clvSummary', customers: ['a', 'b'], frequency: [2, 0], recency: [30, 0], T: [38, 20], monetary: null, holdoutFrequency: [1, 0], holdoutMonetary: null } as unknown as ClvSummary;
 * customerRows(summary)[0]; // => { customer: 'a', frequency: 2, recency: 30, T: 38, monetary: null, holdoutFrequency: 1, holdoutMonetary: null }
 * const value = { kind: 'clv', customers: [7], clv: [36.2], clvIfAlive: [40], expectedPurchases: [1.5], probabilityAlive: [0.9], expectedAverageValue: [26.8] } as unknown as CustomerLifetimeValueResult;
 * customerRows(value); // => [{ customer: 7, clv: 36.2, clvIfAlive: 40, expectedPurchases: 1.5, probabilityAlive: 0.9, expectedAverageValue: 26.8 }]
 */
export function customerRows<T extends ClvSummary | CustomerLifetimeValueResult>(result: T): CustomerRowOf<T>[] {
  const fn = 'customerRows';
  const kind = result !== null && typeof result === 'object' ? (result as { kind?: unknown }).kind : undefined;
  if (kind !== 'clvSummary' && kind !== 'clv') {
    throw new CrmError('WRONG_RESULT_KIND', `${fn}: expected the result of summarizeTransactions (kind 'clvSummary') or customerLifetimeValue (kind 'clv'); got ${kind === undefined ? describeValue(result) : `kind ${describeValue(kind)}`}. Results in rows already (rfmScore, lifecycleStage, clvSegments) need no conversion.`);
  }
  const r = result as unknown as Record<string, unknown>;
  const ids = r.customers as unknown;
  if (!Array.isArray(ids)) throw new CrmError('WRONG_RESULT_KIND', `${fn}: the '${kind}' result's customers is ${describeValue(ids)}, not an array of ids; pass the result as it was returned.`, { field: 'customers' });
  const n = ids.length;
  const keys = kind === 'clvSummary' ? SUMMARY_KEYS : VALUE_KEYS;
  const cols = keys.map((key) => {
    const c = r[key] as unknown;
    // Only the two monetary columns of a summary without amounts are null.
    if (c === null && (key === 'monetary' || key === 'holdoutMonetary')) return null;
    if (!Array.isArray(c) || c.length !== n) {
      throw new CrmError('WRONG_RESULT_KIND', `${fn}: the '${kind}' result's ${key} is ${Array.isArray(c) ? `an array of ${c.length} values for ${n} customers` : describeValue(c)}; pass the result as it was returned.`, { field: key });
    }
    for (let i = 0; i < n; i++) {
      const v = c[i] as unknown;
      if (typeof v !== 'number' || !Number.isFinite(v)) throw damaged(fn, kind, `${key}[${i}]`, v);
    }
    return c as unknown[];
  });
  for (let i = 0; i < n; i++) {
    const id = ids[i] as unknown;
    if (typeof id !== 'string' && (typeof id !== 'number' || !Number.isFinite(id))) throw damaged(fn, kind, `customers[${i}]`, id);
  }
  const out = new Array<CustomerRowOf<T>>(n);
  for (let i = 0; i < n; i++) {
    const row: Record<string, unknown> = { customer: ids[i] };
    for (let j = 0; j < keys.length; j++) row[keys[j]!] = cols[j] === null ? null : cols[j]![i];
    out[i] = row as unknown as CustomerRowOf<T>;
  }
  return out;
}

function damaged(fn: string, kind: string, field: string, v: unknown): CrmError {
  return new CrmError('WRONG_RESULT_KIND', `${fn}: the '${kind}' result's ${field} is ${describeValue(v)}, not ${field.startsWith('customers') ? 'a customer id' : 'a finite number'}; pass the result as it was returned.`, { field });
}

/**
 * Columns of per-customer rows, the inverse of {@link customerRows}: `customer` becomes the
 * `customers` column and every other key of the first row a column of that name, in row order
 * (pandas' `DataFrame.from_records` then column access). A key holding null in every row gives
 * `null` instead of a column (`monetary` of a summary without amounts). Per-customer rows from
 * elsewhere (a CSV read with parseTable, a SQL query) become the summary columns that fitBgNbd and
 * fitGammaGamma read. O(n * keys).
 * @param rows - Plain objects with the same keys: `customer` (a string or finite number id) and
 *   numeric fields (finite numbers, or null in every row).
 * @returns `{ customers, <key>: column, ... }`.
 * @throws CrmError `EMPTY_INPUT` (no rows), `INVALID_INPUT` (a row that is not an object, keys
 * differing from those of rows[0], a value that is not a number), `NON_FINITE`, `MISSING_VALUE`
 * (undefined, a null id, or a key null in some rows but not all).
 * @example
 * customerColumns([{ customer: 'a', frequency: 2, recency: 30, T: 38 }, { customer: 'b', frequency: 0, recency: 0, T: 20 }]);
 * // => { customers: ['a', 'b'], frequency: [2, 0], recency: [30, 0], T: [38, 20] }
 */
export function customerColumns<Row extends { readonly customer: Id }>(rows: readonly Row[]): CustomerColumns<Row> {
  const fn = 'customerColumns';
  if (!Array.isArray(rows)) throw new CrmError('INVALID_INPUT', `${fn}: rows must be an array of per-customer objects { customer, ... }; got ${describeValue(rows)}.`, { argument: 'rows' });
  const n = rows.length;
  if (n === 0) throw new CrmError('EMPTY_INPUT', `${fn}: rows is empty; pass at least one customer.`, { argument: 'rows' });
  const isRow = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  const first = rows[0] as unknown;
  if (!isRow(first)) throw new CrmError('INVALID_INPUT', `${fn}: rows[0] is ${describeValue(first)}; each row is an object { customer, ... }.`, { argument: 'rows', row: 0 });
  const keys = Object.keys(first);
  if (!keys.includes('customer')) throw new CrmError('INVALID_INPUT', `${fn}: rows[0] has no 'customer' key (keys: ${keys.slice(0, 6).join(', ')}); rename the id column to customer first.`, { argument: 'rows', row: 0 });
  const cols: unknown[][] = keys.map(() => new Array<unknown>(n));
  for (let i = 0; i < n; i++) {
    const row = rows[i] as unknown;
    if (!isRow(row)) throw new CrmError('INVALID_INPUT', `${fn}: rows[${i}] is ${i in rows ? describeValue(row) : 'a hole'}; each row is an object { customer, ... }.`, { argument: 'rows', row: i });
    const own = Object.keys(row);
    if (own.length !== keys.length || own.some((k) => !Object.prototype.hasOwnProperty.call(first, k))) {
      const extra = own.find((k) => !keys.includes(k));
      const missing = keys.find((k) => !own.includes(k));
      throw new CrmError('INVALID_INPUT', `${fn}: rows[${i}] ${extra !== undefined ? `has the key '${extra}', which rows[0] lacks` : `lacks the key '${missing}'`}; every row needs the keys of rows[0] (${keys.join(', ')}).`, { argument: 'rows', row: i });
    }
    for (let j = 0; j < keys.length; j++) {
      const key = keys[j]!;
      const v = row[key];
      if (v === null || (typeof v === 'number' && Number.isFinite(v)) || (key === 'customer' && typeof v === 'string')) cols[j]![i] = v;
      else {
        const what = key === 'customer' ? 'a customer id (a string or a finite number)' : 'a finite number (or null in every row)';
        throw new CrmError(v === undefined ? 'MISSING_VALUE' : typeof v === 'number' ? 'NON_FINITE' : 'INVALID_INPUT', `${fn}: rows[${i}].${key} is ${describeValue(v)}; expected ${what}.`, { argument: 'rows', row: i, column: key });
      }
    }
  }
  const out: Record<string, unknown> = {};
  for (let j = 0; j < keys.length; j++) {
    const key = keys[j]!;
    const col = cols[j]!;
    const nulls = col.reduce<number>((s, v) => s + (v === null ? 1 : 0), 0);
    if (key === 'customer' && nulls > 0) {
      const at = col.indexOf(null);
      throw new CrmError('MISSING_VALUE', `${fn}: rows[${at}].customer is null; every row needs a customer id.`, { argument: 'rows', row: at, column: key });
    }
    if (nulls > 0 && nulls < n) {
      const at = col.indexOf(null);
      const other = col.findIndex((v) => v !== null);
      throw new CrmError('MISSING_VALUE', `${fn}: rows[${at}].${key} is null but rows[${other}].${key} is ${describeValue(col[other])}; a column is all values or all null (no amounts). Fill or drop the rows with null.`, { argument: 'rows', row: at, column: key });
    }
    out[key === 'customer' ? 'customers' : key] = nulls === n ? null : col;
  }
  return out as CustomerColumns<Row>;
}
