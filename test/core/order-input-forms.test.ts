// Issue #13: every function that takes order lines gives the same result on row objects (string
// or numeric ids, ISO strings or Dates), columns (arrays or typed arrays), Arrow columns given as
// vectors, and Arrow tables as DuckDB, Polars and arquero produce them: dictionary-encoded string
// ids, Int64 ids, BigInt timestamps in micro- or nanoseconds.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import * as A from 'apache-arrow';
import { rfmScore } from '../../src/rfm/index.js';
import { lifecycleMoves, lifecycleStage, lifecycleTransitions } from '../../src/lifecycle/index.js';
import { summarizeTransactions } from '../../src/clv/index.js';
import { CrmError } from '../../src/core/errors.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

interface Line { customer: number; date: number; amount: number; orderId: number }

/** Logs of up to 60 lines: customers 1..8, order ids 100..140, hourly dates over 90 days, some returns. */
const lineArb = fc.record({
  customer: fc.integer({ min: 1, max: 8 }),
  date: fc.integer({ min: 0, max: 90 * 24 }).map((h) => T0 + h * 3_600_000),
  amount: fc.integer({ min: -5, max: 200 }).map((a) => a / 4),
  orderId: fc.integer({ min: 100, max: 140 }),
});
const logArb = fc.array(lineArb, { minLength: 3, maxLength: 60 }).filter((ls) => ls.some((l) => l.amount >= 0));

type Form = [string, (ls: Line[]) => { orders: unknown; options: Record<string, unknown> }];
const rowNames = { customer: 'CustomerID', date: 'InvoiceDate', amount: 'Amount', orderId: 'InvoiceNo' };

const FORMS: Form[] = [
  ['row objects, string ids, ISO strings', (ls) => ({
    orders: ls.map((l) => ({ CustomerID: `C${l.customer}`, InvoiceDate: new Date(l.date).toISOString(), Amount: l.amount, InvoiceNo: String(l.orderId) })),
    options: rowNames,
  })],
  ['row objects, function accessors, Dates', (ls) => ({
    orders: ls.map((l) => ({ c: `C${l.customer}`, d: new Date(l.date), a: l.amount, o: `${l.orderId}` })),
    options: { customer: (r: { c: string }) => r.c, date: (r: { d: Date }) => r.d, amount: (r: { a: number }) => r.a, orderId: (r: { o: string }) => r.o },
  })],
  ['columns of arrays', (ls) => ({
    orders: { customer: ls.map((l) => `C${l.customer}`), date: ls.map((l) => l.date), amount: ls.map((l) => l.amount), orderId: ls.map((l) => String(l.orderId)) },
    options: {},
  })],
  ['Arrow table: dictionary string ids, BigInt microsecond timestamps', (ls) => ({
    orders: new A.Table({
      CustomerID: A.vectorFromArray(ls.map((l) => `C${l.customer}`), new A.Dictionary(new A.Utf8(), new A.Int32())),
      InvoiceDate: A.makeVector(A.makeData({ type: new A.TimestampMicrosecond(), length: ls.length, data: BigInt64Array.from(ls, (l) => BigInt(l.date) * 1000n) })),
      Amount: A.vectorFromArray(ls.map((l) => l.amount), new A.Float64()),
      InvoiceNo: A.vectorFromArray(ls.map((l) => String(l.orderId)), new A.Utf8()),
    }),
    options: rowNames,
  })],
  ['Arrow vectors as columns, nanosecond timestamps', (ls) => ({
    orders: {
      customer: A.vectorFromArray(ls.map((l) => `C${l.customer}`), new A.Dictionary(new A.Utf8(), new A.Int32())),
      date: A.makeVector(A.makeData({ type: new A.TimestampNanosecond(), length: ls.length, data: BigInt64Array.from(ls, (l) => BigInt(l.date) * 1000000n) })),
      amount: A.vectorFromArray(ls.map((l) => l.amount), new A.Float64()),
      orderId: A.vectorFromArray(ls.map((l) => String(l.orderId)), new A.Utf8()),
    },
    options: {},
  })],
];

// Numeric ids: rows with numbers, typed-array columns and an Arrow table of Int64 ids agree.
const NUMERIC_FORMS: Form[] = [
  ['row objects, numeric ids, epoch ms', (ls) => ({ orders: ls.map((l) => ({ ...l })), options: { orderId: 'orderId' } })],
  ['typed-array columns', (ls) => ({
    orders: { customer: Int32Array.from(ls, (l) => l.customer), date: Float64Array.from(ls, (l) => l.date), amount: Float64Array.from(ls, (l) => l.amount), orderId: Int32Array.from(ls, (l) => l.orderId) },
    options: {},
  })],
  ['Arrow table: Int64 ids, millisecond timestamps', (ls) => ({
    orders: new A.Table({
      customer: A.makeVector(BigInt64Array.from(ls, (l) => BigInt(l.customer))),
      date: A.makeVector(A.makeData({ type: new A.TimestampMillisecond(), length: ls.length, data: BigInt64Array.from(ls, (l) => BigInt(l.date)) })),
      amount: A.makeVector(Float64Array.from(ls, (l) => l.amount)),
      orderId: A.makeVector(BigInt64Array.from(ls, (l) => BigInt(l.orderId))),
    }),
    options: {},
  })],
];

type Run = (orders: unknown, options: Record<string, unknown>, ls: Line[]) => unknown;
const last = (ls: Line[]) => Math.max(...ls.map((l) => l.date));
const FUNCTIONS: [string, Run][] = [
  ['rfmScore', (o, x) => rfmScore(o as never, x as never)],
  ['lifecycleStage', (o, x) => { const { amount: _a, orderId: _o, ...rest } = x; return lifecycleStage(o as never, { ...rest, intervalDays: 7 } as never); }],
  ['lifecycleTransitions', (o, x, ls) => { const { amount: _a, orderId: _o, ...rest } = x; return lifecycleTransitions(o as never, { ...rest, intervalDays: 7, from: T0 + 30 * DAY, to: last(ls) } as never); }],
  ['lifecycleMoves', (o, x, ls) => { const { amount: _a, orderId: _o, ...rest } = x; return lifecycleMoves(o as never, { ...rest, intervalDays: 7, from: T0 + 30 * DAY, to: last(ls) } as never); }],
  ['summarizeTransactions', (o, x) => { const { orderId: _o, ...rest } = x; return summarizeTransactions(o as never, { ...rest, calibrationEnd: '2024-02-15', laterCustomers: 'drop' } as never); }],
];

/** The result, or the error's code and message, so that refusals must agree too. */
function outcome(f: () => unknown): unknown {
  try { return JSON.parse(JSON.stringify(f())); } catch (e) { if (e instanceof CrmError) return { code: e.code }; throw e; }
}

describe.each(FUNCTIONS)('%s gives identical results for every input form', (name, run) => {
  for (const [label, forms] of [['string ids', FORMS], ['numeric ids', NUMERIC_FORMS]] as const) {
    test(`${name}: ${forms.map((f) => f[0]).join(' = ')} (${label})`, () => {
      let answered = 0;
      fc.assert(fc.property(logArb, (ls) => {
        const results = forms.map(([, make]) => { const { orders, options } = make(ls); return outcome(() => run(orders, options, ls)); });
        if (!(results[0] as { code?: string }).code) answered++;
        for (let k = 1; k < results.length; k++) expect(results[k], forms[k]![0]).toEqual(results[0]);
        return true;
      }), { numRuns: 60 });
      // Most logs must give a result, not the same refusal in every form.
      expect(answered).toBeGreaterThan(40);
    });
  }
});

describe('Arrow tables as order lines', () => {
  test('a missing column names the columns the table has; a function accessor asks for a name', () => {
    const t = new A.Table({ cust: A.vectorFromArray(['a']), date: A.vectorFromArray([T0], new A.Float64()), amount: A.vectorFromArray([1], new A.Float64()) });
    expect(() => rfmScore(t as never)).toThrow(/Arrow table has no column 'customer' \(the customer option\); it has cust, date, amount/);
    expect(() => rfmScore(t as never, { customer: ((r: unknown) => r) as never })).toThrow(/is a function, but the orders are an Arrow table/);
    expect(rfmScore(t as never, { customer: 'cust' as never }).customers.map((c) => c.customer)).toEqual(['a']);
  });

  test('a null customer in an Arrow column is a missing id (refused or dropped), a null date INVALID_DATE', () => {
    const t = new A.Table({
      customer: A.vectorFromArray(['a', null, 'b'], new A.Dictionary(new A.Utf8(), new A.Int32())),
      date: A.vectorFromArray([T0, T0, T0], new A.Float64()),
      amount: A.vectorFromArray([1, 2, 3], new A.Float64()),
    });
    expect(() => rfmScore(t as never)).toThrow(/column 'customer' at row 1 is null/);
    expect(rfmScore(t as never, { missingCustomer: 'drop' }).counts.droppedMissingCustomer).toBe(1);
    const u = new A.Table({ customer: A.vectorFromArray(['a']), date: A.vectorFromArray([null], new A.Float64()), amount: A.vectorFromArray([1], new A.Float64()) });
    expect(() => rfmScore(u as never)).toThrow(CrmError);
  });
});
