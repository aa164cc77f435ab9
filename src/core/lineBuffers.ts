/**
 * Reusable per-line buffers for order reads. Each call that reads n order lines into fresh typed
 * arrays allocates about 24n bytes outside the JS heap; V8 answers that external memory with
 * full (mark-compact) collections, which also mark every row object the caller holds. On the
 * 397,884 Online Retail lines, repeated rfmScore calls spent about a third of their CPU there.
 * A caller that uses the lines only inside its own call borrows these buffers instead
 * (readOrders' `scratch`) and gives them back at the end. The pool is held through a WeakRef, so
 * memory pressure can still free it, and a nested borrow (an accessor that itself reads orders)
 * gets fresh arrays.
 * @module
 */

/** Per-line arrays, each of at least n elements. */
export interface LineBuffers {
  readonly customer: Int32Array;
  readonly date: Float64Array;
  readonly amount: Float64Array | null;
  readonly order: Int32Array | null;
}

interface Pool {
  readonly customer: Int32Array;
  readonly date: Float64Array;
  readonly amount: Float64Array;
  readonly order: Int32Array;
}

let pool: WeakRef<Pool> | undefined;
let lent: Pool | null = null;

/**
 * Arrays of n elements for customer, date and (when asked) amount and order per line: views of the
 * pooled buffers when `borrow` is true and they are free, else new arrays. O(n) when new.
 * @example
 * const b = takeLineBuffers(3, true, false, false);
 * [b.customer.length, b.amount!.length, b.order]; // => [3, 3, null]
 */
export function takeLineBuffers(n: number, hasAmount: boolean, hasOrder: boolean, borrow: boolean): LineBuffers {
  if (!borrow || lent !== null || n === 0) {
    return { customer: new Int32Array(n), date: new Float64Array(n), amount: hasAmount ? new Float64Array(n) : null, order: hasOrder ? new Int32Array(n) : null };
  }
  let p = pool?.deref();
  if (p === undefined || p.customer.length < n) {
    p = { customer: new Int32Array(n), date: new Float64Array(n), amount: new Float64Array(n), order: new Int32Array(n) };
    pool = new WeakRef(p);
  }
  lent = p;
  // The views start zeroed like new arrays, so a reader may rely on that.
  p.customer.fill(0, 0, n);
  p.order.fill(0, 0, n);
  return { customer: p.customer.subarray(0, n), date: p.date.subarray(0, n), amount: hasAmount ? p.amount.subarray(0, n) : null, order: hasOrder ? p.order.subarray(0, n) : null };
}

/**
 * Gives the pooled buffers back if `customer` is a view of them (else does nothing, so it is safe
 * to call on any array). After this the borrower must not read its views again. O(1).
 * @example
 * const b = takeLineBuffers(2, false, false, true);
 * releaseLineBuffers(b.customer);
 * takeLineBuffers(2, false, false, true).customer.buffer === b.customer.buffer; // => true
 */
export function releaseLineBuffers(customer: Int32Array): void {
  if (lent !== null && customer.buffer === lent.customer.buffer) lent = null;
}
