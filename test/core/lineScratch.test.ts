// The reused per-line buffer (core/lineScratch.ts) behind rfmScore's row path: stale values from an
// earlier call never leak into a later one, a nested call gets its own arrays, and a throw frees it.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { lineColumns, releaseLineColumns } from '../../src/core/lineScratch.js';
import { readOrders, releaseOrders } from '../../src/core/orders.js';
import { rfmScore } from '../../src/rfm/index.js';

interface Line { customer: string; date: string; amount: number; orderId: string }
const lineArb: fc.Arbitrary<Line> = fc.record({
  customer: fc.integer({ min: 1, max: 30 }).map(String),
  date: fc.integer({ min: 0, max: 400 }).map((d) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10)),
  amount: fc.integer({ min: 1, max: 500 }),
  orderId: fc.integer({ min: 1, max: 60 }).map(String),
});
const options = { orderId: 'orderId', asOf: '2025-03-01' } as const;
/** The same lines as columns: a path that never takes the reused buffer. */
const viaColumns = (lines: Line[]) => rfmScore({
  customer: lines.map((l) => l.customer), date: lines.map((l) => l.date), amount: lines.map((l) => l.amount), orderId: lines.map((l) => l.orderId),
}, { asOf: options.asOf }).customers;

describe('the reused line buffer', () => {
  test('a sequence of rfmScore calls on row objects of different lengths equals the column path call by call', () => {
    fc.assert(fc.property(fc.array(fc.array(lineArb, { minLength: 1, maxLength: 80 }), { minLength: 2, maxLength: 5 }), (inputs) => {
      for (const lines of inputs) expect(rfmScore(lines, options).customers).toEqual(viaColumns(lines));
    }), { numRuns: 60 });
  });

  test('a row getter that runs rfmScore itself gets its own arrays: the outer result is unchanged', () => {
    const inner: Line[] = [{ customer: '9', date: '2024-02-01', amount: 7, orderId: '1' }, { customer: '8', date: '2024-02-03', amount: 1, orderId: '2' }];
    const plain: Line[] = Array.from({ length: 40 }, (_, i) => ({ customer: String(i % 7), date: `2024-03-${String(1 + (i % 28)).padStart(2, '0')}`, amount: 10 + i, orderId: String(i) }));
    let nested = 0;
    const tricky = plain.map((l, i) => (i === 20 ? { ...l, get amount() { nested = rfmScore(inner, options).customers.length; return 30; } } : l));
    const expected = viaColumns(plain.map((l, i) => (i === 20 ? { ...l, amount: 30 } : l)));
    expect(rfmScore(tricky, options).customers).toEqual(expected);
    expect(nested).toBe(2);
  });

  test('a row getter that throws frees the buffer: the next call takes it again', () => {
    const rows = [{ customer: 'a', date: '2024-01-02', orderId: '1', get amount(): number { throw new Error('boom'); } }];
    expect(() => rfmScore(rows, options)).toThrow('boom');
    const c = lineColumns(4, true, true, true);
    expect(c.scratch).toBe(true);
    releaseLineColumns(c);
  });

  test('refused input read by the general loop frees the buffer too', () => {
    // A Date object takes the general loop; the negative amount is refused there.
    const rows = [{ customer: 'a', date: new Date('2024-01-02'), amount: 5 }, { customer: 'b', date: '2024-01-03', amount: -1 }];
    expect(() => rfmScore(rows, { returns: 'refuse', asOf: '2025-01-01' })).toThrow(/amount/);
    expect(() => rfmScore([{ customer: 'a', date: 'not a date', amount: 5 }])).toThrow();
    const c = lineColumns(4, true, true, true);
    expect(c.scratch).toBe(true);
    releaseLineColumns(c);
  });

  test('views of one buffer while taken; fresh arrays for a second taker and for non-transient tables', () => {
    const a = lineColumns(5, true, true, true);
    const b = lineColumns(5, true, true, true);
    expect([a.scratch, b.scratch]).toEqual([true, false]);
    expect(a.date.buffer).toBe(a.customer.buffer);
    releaseLineColumns(b);
    expect(lineColumns(5, true, true, true).scratch).toBe(false); // b did not hold it; a still does
    releaseLineColumns(a);
    const t = readOrders([{ customer: 'a', date: '2024-01-02', amount: 5 }], { needAmount: true, fn: 'rfmScore' });
    expect(t.scratch).toBe(false);
    const u = readOrders([{ customer: 'a', date: '2024-01-02', amount: 5 }], { needAmount: true, fn: 'rfmScore', transient: true });
    expect(u.scratch).toBe(true);
    releaseOrders(u);
  });
});
