import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { releaseLineBuffers, takeLineBuffers } from '../../src/core/lineBuffers.js';
import { readOrders, releaseOrders } from '../../src/core/orders.js';
import { rfmScore } from '../../src/rfm/index.js';
import { lifecycleStage } from '../../src/lifecycle/index.js';
import { summarizeTransactions } from '../../src/clv/index.js';

const line = fc.record({
  customer: fc.constantFrom('a', 'b', 'c', '17850', '9', '10'),
  date: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 11, 31) }).map((t) => new Date(t).toISOString()),
  amount: fc.integer({ min: 1, max: 500 }),
  orderId: fc.constantFrom('o1', 'o2', '536365', '536366', 'o5'),
});

describe('line buffers shared between order reads', () => {
  test('a borrowed buffer is lent once at a time and comes back on release', () => {
    const a = takeLineBuffers(5, true, true, true);
    const b = takeLineBuffers(5, true, true, true); // a is still out: fresh arrays
    expect(b.customer.buffer).not.toBe(a.customer.buffer);
    releaseLineBuffers(b.customer); // not the pooled one: no effect
    expect(takeLineBuffers(5, false, false, true).customer.buffer).not.toBe(a.customer.buffer);
    releaseLineBuffers(a.customer);
    const c = takeLineBuffers(3, false, false, true);
    expect(c.customer.buffer).toBe(a.customer.buffer);
    expect(Array.from(c.customer)).toEqual([0, 0, 0]);
    releaseLineBuffers(c.customer);
  });

  test('results of successive calls are independent: each equals a call on a fresh process state', () => {
    fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 40 }), fc.array(line, { minLength: 1, maxLength: 40 }), (x, y) => {
      const rx = rfmScore(x, { orderId: 'orderId' });
      const sx = summarizeTransactions(x, { calibrationEnd: '2024-12-31' });
      const lx = lifecycleStage(x, { intervalDays: 30 });
      rfmScore(y, { orderId: 'orderId' });
      summarizeTransactions(y, { calibrationEnd: '2024-12-31' });
      lifecycleStage(y, { intervalDays: 30 });
      expect(rfmScore(x, { orderId: 'orderId' })).toEqual(rx);
      expect(summarizeTransactions(x, { calibrationEnd: '2024-12-31' })).toEqual(sx);
      expect(lifecycleStage(x, { intervalDays: 30 })).toEqual(lx);
    }), { numRuns: 60 });
  });

  test('an accessor that itself scores orders (a nested read) leaves both results right', () => {
    const inner = [{ customer: 'z', date: '2024-02-01', amount: 7 }, { customer: 'y', date: '2024-03-01', amount: 9 }];
    const expectedInner = rfmScore(inner);
    const outer = [{ c: 'a', d: '2024-01-05', v: 10 }, { c: 'b', d: '2024-01-06', v: 20 }, { c: 'a', d: '2024-04-01', v: 5 }];
    const plain = rfmScore(outer, { customer: 'c', date: 'd', amount: 'v' });
    const seen: unknown[] = [];
    const nested = rfmScore(outer, { customer: 'c', date: 'd', amount: (r) => { seen.push(rfmScore(inner)); return r.v; } });
    expect(nested).toEqual(plain);
    for (const s of seen) expect(s).toEqual(expectedInner);
  });

  test('a read that throws gives the buffers back', () => {
    expect(() => rfmScore([{ customer: 'a', date: '2024-01-01', amount: 1 }, { customer: 'b', date: 'not a date', amount: 1 }])).toThrow();
    const t = readOrders([{ customer: 'a', date: '2024-01-02' }], { needAmount: false, fn: 'test', scratch: true });
    const probe = takeLineBuffers(1, false, false, true);
    expect(probe.customer.buffer).not.toBe(t.customer.buffer); // t holds the pool
    releaseOrders(t);
    expect(takeLineBuffers(1, false, false, true).customer.buffer).toBe(t.customer.buffer);
  });
});
