/**
 * One reusable buffer for the per-line columns of an order table that its caller drops before it
 * returns (rfmScore reads the lines into per-customer sums and keeps nothing per line).
 *
 * Why: each call on 400,000 lines allocates about 10 MB of typed arrays outside the JavaScript
 * heap, and V8 answers such "external memory pressure" with full collections of the whole heap;
 * with the caller's row objects on it, one costs about 50 ms, every third call (measured with
 * --trace-gc on the cleaned Online Retail rows). Reusing one buffer leaves nothing to collect.
 *
 * The buffer is held through a WeakRef, so an idle process gives it back at its next full
 * collection, and it is taken by one table at a time: a nested call (a row getter that runs
 * rfmScore again) gets fresh arrays.
 * @module
 */

let held: WeakRef<ArrayBuffer> | null = null;
/** The columns that hold the buffer now, or null when it is free. */
let owner: LineColumns | null = null;

/** Per-line columns: dense customer index, epoch ms, amount, dense order index; `scratch` when they share the reused buffer. */
export interface LineColumns {
  readonly customer: Int32Array;
  readonly date: Float64Array;
  readonly amount: Float64Array | null;
  readonly order: Int32Array | null;
  readonly scratch: boolean;
}

/**
 * Columns for n lines: views of the reused buffer when `transient` and the buffer is free,
 * otherwise new arrays. The views hold stale values from an earlier call: the caller writes
 * every line it reads. Release with {@link releaseLineColumns}. O(1) reused, O(n) allocated.
 * @example
 * const c = lineColumns(3, true, false, false);
 * [c.date.length, c.order]; // => [3, null]
 */
export function lineColumns(n: number, hasAmount: boolean, hasOrder: boolean, transient: boolean): LineColumns {
  const bytes = n * (8 + (hasAmount ? 8 : 0) + 4 + (hasOrder ? 4 : 0));
  if (!transient || owner !== null || n === 0) {
    return { customer: new Int32Array(n), date: new Float64Array(n), amount: hasAmount ? new Float64Array(n) : null, order: hasOrder ? new Int32Array(n) : null, scratch: false };
  }
  let buf = held?.deref();
  if (buf === undefined || buf.byteLength < bytes) {
    // A quarter more than asked, so slightly longer inputs reuse it too.
    buf = new ArrayBuffer(Math.ceil(bytes * 1.25 / 8) * 8);
    held = new WeakRef(buf);
  }
  // Float64 views first, at offsets that are multiples of 8.
  const date = new Float64Array(buf, 0, n);
  const amount = hasAmount ? new Float64Array(buf, 8 * n, n) : null;
  const at = (hasAmount ? 16 : 8) * n;
  const customer = new Int32Array(buf, at, n);
  const order = hasOrder ? new Int32Array(buf, at + 4 * n, n) : null;
  const columns = { customer, date, amount, order, scratch: true };
  owner = columns;
  return columns;
}

/**
 * Who holds the buffer now (null when free): a reader that throws compares it with what it saw
 * before, and frees the buffer it took. O(1).
 * @example
 * lineScratchOwner(); // => null
 */
export function lineScratchOwner(): object | null {
  return owner;
}

/**
 * Frees the reused buffer for the next call when `columns` (or a table built on them) hold it;
 * else nothing. After it the columns must not be read. O(1).
 * @example
 * releaseLineColumns(lineColumns(3, true, false, true)); // => undefined
 */
export function releaseLineColumns(columns: object): void {
  if (owner !== null && (columns === owner || sameColumns(columns, owner))) owner = null;
}

/** A table made from the owner's columns (trimmed views of the same buffer) counts as the owner. */
function sameColumns(t: object, o: LineColumns): boolean {
  const date = (t as { date?: unknown }).date;
  return date instanceof Float64Array && date.buffer === o.date.buffer && (t as { scratch?: unknown }).scratch === true;
}
