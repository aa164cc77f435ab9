/**
 * Accessor options (a property name or a function) checked once, and the message for a property
 * that is not on the rows: shared by every reader of row objects, so a misspelt key is reported
 * as a misspelt key and not as missing values.
 * @module
 */
import { CrmError, describeValue } from './errors.js';

/**
 * Checks an accessor option: a function `(row, index) => value`, or a property name (string, or a
 * finite number for array rows). Returns it unchanged.
 * @throws CrmError `INVALID_OPTION`
 * @example
 * checkAccessor('rfmScore', 'customer', 'CustomerID'); // => 'CustomerID'
 */
export function checkAccessor<A>(fn: string, option: string, value: A): A {
  const ok =
    typeof value === 'function' ||
    (typeof value === 'string' && value !== '') ||
    (typeof value === 'number' && Number.isInteger(value) && value >= 0);
  if (!ok) {
    throw new CrmError(
      'INVALID_OPTION',
      `${fn}: ${option} must be a function (row, index) => value or a property name; got ${describeValue(value)}.`,
      { option, value },
    );
  }
  return value;
}

/** Up to `max` own keys of a row, for messages. */
function someKeys(row: object, max = 8): string {
  const keys = Object.keys(row);
  const shown = keys.slice(0, max).join(', ');
  return keys.length === 0 ? 'no properties' : keys.length > max ? `${shown}, ... (${keys.length} in all)` : shown;
}

/**
 * Closest key by edit distance (at most 2 edits, or the same key in another case), for "did you mean".
 * O(keys * key length).
 * @example
 * closestKey('Customerid', ['CustomerID', 'InvoiceNo']); // => 'CustomerID'
 */
export function closestKey(key: string, keys: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDist = 3;
  for (const k of keys) {
    if (k.toLowerCase() === key.toLowerCase()) return k;
    const d = editDistance(key, k, bestDist);
    if (d < bestDist) { bestDist = d; best = k; }
  }
  return best;
}

function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * When a property accessor names a key that the first row does not have, the error to throw (a
 * misspelt key, not a missing value); `undefined` when the row has the key or the accessor is a
 * function. Call it on the first row only: later rows may legitimately lack a value.
 * @param argument - the argument's name in messages, e.g. `'orders'`.
 * @param option - the accessor option's name, e.g. `'customer'`.
 * @example
 * missingPropertyError('rfmScore', 'orders', 0, { CustomerID: 1, InvoiceNo: 'A' }, 'customer', 'CustomerId')?.message;
 * // => "rfmScore: orders[0] has no property 'CustomerId' (the customer option); it has CustomerID, InvoiceNo. Did you mean 'CustomerID'?"
 */
export function missingPropertyError(
  fn: string,
  argument: string,
  index: number,
  row: unknown,
  option: string,
  key: unknown,
): CrmError | undefined {
  if (typeof key !== 'string' && typeof key !== 'number') return undefined;
  if (row === null || typeof row !== 'object') return undefined;
  if (key in row) return undefined;
  const keys = Object.keys(row);
  const guess = typeof key === 'string' ? closestKey(key, keys) : undefined;
  return new CrmError(
    'INVALID_OPTION',
    `${fn}: ${argument}[${index}] has no property '${String(key)}' (the ${option} option); it has ${someKeys(row)}.` +
      (guess ? ` Did you mean '${guess}'?` : ` Pass ${option}: 'name' with the property that holds it, or a function.`),
    { option, key, row: index },
  );
}
