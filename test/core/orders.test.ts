// The shared order reader (core/orders.ts) as rfmScore, lifecycleStage, lifecycleTransitions and
// summarizeTransactions see it: the same answer to the same bad input in every module (D07, D12,
// D17, friction 6 of the new-user trial).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compareIds, readOrders } from '../../src/core/orders.js';
import { CrmError } from '../../src/core/errors.js';
import { parseCut, parseDateOrUndefined } from '../../src/core/dates.js';
import { rfmScore } from '../../src/rfm/index.js';
import { lifecycleStage, lifecycleTransitions } from '../../src/lifecycle/index.js';
import { summarizeTransactions } from '../../src/clv/index.js';

function errorOf(f: () => unknown): CrmError {
  try { f(); } catch (e) { if (e instanceof CrmError) return e; throw e; }
  throw new Error('did not throw');
}

type Run = (orders: unknown, options?: Record<string, unknown>) => unknown;
const MODULES: [string, Run][] = [
  ['rfmScore', (o, x) => rfmScore(o as never, x as never)],
  ['lifecycleStage', (o, x) => lifecycleStage(o as never, { intervalDays: 7, ...x } as never)],
  ['lifecycleTransitions', (o, x) => lifecycleTransitions(o as never, { from: '2024-01-01', to: '2024-01-02', intervalDays: 7, ...x } as never)],
  ['summarizeTransactions', (o, x) => summarizeTransactions(o as never, { calibrationEnd: '2024-01-02', ...x } as never)],
];

describe.each(MODULES)('%s reads orders through the shared reader', (fn, run) => {
  const ok = [{ customer: 'a', date: '2024-01-01', amount: 1 }, { customer: 'a', date: '2024-01-02', amount: 2 }];

  test(`${fn}(null) and ${fn}(undefined) are INVALID_INPUT (D17)`, () => {
    for (const bad of [null, undefined, 5, 'orders']) {
      const e = errorOf(() => run(bad));
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.message).toContain(`${fn}: orders must be an array of order lines or an object of columns`);
    }
  });

  test(`${fn} with a null or non-array column is INVALID_INPUT naming the column (D17)`, () => {
    const cols = { customer: ['a'], date: ['2024-01-01'], amount: [1] };
    for (const key of ['customer', 'date', 'amount', 'orderId'] as const) {
      if (key === 'amount' && fn.startsWith('lifecycle')) continue; // lifecycle reads no amounts
      if (key === 'orderId' && fn !== 'rfmScore') continue;
      const e = errorOf(() => run({ ...cols, [key]: null }));
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.message).toContain(`column '${key}' must be an array`);
    }
    // An Arrow Vector is not indexable: say how to get an array.
    const vector = { length: 1, toArray: () => ['a'], get: () => 'a' };
    expect(errorOf(() => run({ ...cols, customer: vector })).message).toMatch(/column 'customer' must be an array.*vector\.toArray\(\)/);
  });

  test(`${fn} checks accessor options: a null-prototype object or {} is INVALID_OPTION (D07)`, () => {
    for (const key of ['customer', 'date']) {
      for (const bad of [Object.create(null), {}, '', null, -1]) {
        const e = errorOf(() => run(ok, { [key]: bad }));
        expect(e.code).toBe('INVALID_OPTION');
        expect(e.message).toContain(`${key} must be a function (row, index) => value or a property name`);
      }
    }
  });

  test(`${fn} reports a misspelt property accessor as a misspelt key on the first row, with a guess (friction 6)`, () => {
    const rows = [{ InvoiceNo: '536365', CustomerID: 17850, InvoiceDate: '2024-01-01', amount: 1 }];
    const e = errorOf(() => run(rows, { customer: 'CustomerId', date: 'InvoiceDate' }));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toMatch(new RegExp(`^${fn}: orders\\[0\\] has no property 'CustomerId' \\(the customer option\\); it has InvoiceNo, CustomerID, InvoiceDate, amount\\. Did you mean 'CustomerID'\\?`));
    expect(e.message).not.toContain('missingCustomer');
    // The default keys too, when the rows do not have them.
    const d = errorOf(() => run(rows));
    expect(d.code).toBe('INVALID_OPTION');
    expect(d.message).toContain("orders[0] has no property 'customer'");
    const dd = errorOf(() => run(rows, { customer: 'CustomerID' }));
    expect(dd.message).toContain("orders[0] has no property 'date'");
  });

  test(`${fn}: a first row that lacks the id while later rows have it is a missing value, not a misspelt key`, () => {
    const rows = [{ date: '2024-01-01', amount: 1 }, { customer: 'a', date: '2024-01-01', amount: 1 }];
    expect(errorOf(() => run(rows)).code).toBe('MISSING_VALUE');
  });

  test(`${fn}: Infinity, -Infinity and bigint customer ids are INVALID_INPUT (D12)`, () => {
    for (const id of [Infinity, -Infinity]) {
      const e = errorOf(() => run([{ customer: id, date: '2024-01-01', amount: 1 }]));
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.message).toMatch(/customer is -?Infinity; a customer id must be a string or a finite number/);
      expect(errorOf(() => run({ customer: [1, id], date: ['2024-01-01', '2024-01-01'], amount: [1, 1] })).code).toBe('INVALID_INPUT');
    }
    const b = errorOf(() => run([{ customer: 5n, date: '2024-01-01', amount: 1 }]));
    expect(b.code).toBe('INVALID_INPUT');
    expect(b.message).toMatch(/a bigint \(5n\).*Number\(\)/);
  });
});

describe('order ids and known customers', () => {
  test('a customer or order id that is not a string or a finite number is refused at its row, by row key or accessor', () => {
    const bad = fc.constantFrom<unknown>(Infinity, -Infinity, true, {}, 5n, Symbol('s'));
    const line = fc.record({ c: fc.oneof(fc.integer({ min: 0, max: 9 }), fc.constantFrom('7', 'x')), o: fc.oneof(fc.integer({ min: 0, max: 9 }), fc.constant('07')) });
    fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 20 }), fc.nat(), bad, fc.boolean(), (lines, at, v, inOrder) => {
      const row = at % lines.length;
      const rows: Record<string, unknown>[] = lines.map((l) => ({ ...l, d: 0 }));
      rows[row]![inOrder ? 'o' : 'c'] = v;
      const keyed = () => readOrders(rows, { needAmount: false, fn: 't', customer: 'c', date: 'd', orderId: 'o' });
      const byFn = () => readOrders(rows, { needAmount: false, fn: 't', customer: (r) => r.c as never, date: 'd', orderId: (r) => r.o as never });
      for (const read of [keyed, byFn]) {
        const e = errorOf(read);
        expect(e.code).toBe('INVALID_INPUT');
        expect(e.details).toMatchObject({ row, field: inOrder ? 'orderId' : 'customer' });
        expect(e.message).toMatch(inOrder ? /orderId is .+; an order id must be a string or a (finite )?number/ : /customer is .+; a customer id must be a string or a (finite )?number/);
      }
    }));
  });
  test('rfmScore: an Infinity order id is INVALID_INPUT (D12)', () => {
    const e = errorOf(() => rfmScore([{ customer: 'a', date: '2024-01-01', amount: 1, o: Infinity }], { orderId: 'o' }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toContain('orderId is Infinity; an order id must be a string or a finite number');
  });
  test('lifecycleStage: knownCustomers with Infinity is INVALID_OPTION (D12)', () => {
    expect(errorOf(() => lifecycleStage([{ customer: 'a', date: '2024-01-01' }], { intervalDays: 7, knownCustomers: [Infinity] })).code).toBe('INVALID_OPTION');
  });
  test("summarizeTransactions: rows without the default 'amount' key say how to summarize without values", () => {
    const e = errorOf(() => summarizeTransactions([{ customer: 'a', date: '2024-01-01' }], { calibrationEnd: '2024-01-02' }));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toMatch(/orders\[0\] has no property 'amount'.*amount: false/);
  });
});

describe('readOrders interning', () => {
  // Ids that take every path: small integers (table), digit strings (their own table), strings
  // with a leading zero or letters (Map), and numbers off the table (negative, fractional, huge).
  const id = fc.oneof(
    fc.integer({ min: 0, max: 30 }),
    fc.integer({ min: 0, max: 30 }).map(String),
    fc.constantFrom('0', '00', '007', '7', 'a', 'b7', '1e3', '999999999', '1000000000', -3, 2.5, 1e12, 4294967296),
  );
  const lines = fc.array(fc.record({ customer: id, orderId: id, day: fc.integer({ min: 0, max: 5 }) }), { minLength: 1, maxLength: 40 });
  test('readOrders numbers customers and orders as a Map over the raw ids would (strings and numbers distinct)', () => {
    fc.assert(fc.property(lines, fc.boolean(), (ls, asColumns) => {
      const rows = ls.map((l) => ({ customer: l.customer, date: l.day * 86_400_000, amount: 1, orderId: l.orderId }));
      const input = asColumns
        ? { customer: rows.map((r) => r.customer), date: rows.map((r) => r.date), amount: rows.map((r) => r.amount), orderId: rows.map((r) => r.orderId) }
        : rows;
      const t = readOrders(input as never, { needAmount: true, fn: 'test', orderId: asColumns ? undefined : 'orderId' });
      const distinct = [...new Set(rows.map((r) => r.customer))].sort(compareIds);
      expect(t.customers).toEqual(distinct);
      expect(Array.from(t.customer)).toEqual(rows.map((r) => distinct.indexOf(r.customer)));
      expect(t.orderCount).toBe(new Set(rows.map((r) => r.orderId)).size);
      // Same order id, same index; different ids, different indices.
      const seen = new Map<unknown, number>();
      rows.forEach((r, i) => {
        const o = t.order![i]!;
        if (seen.has(r.orderId)) expect(o).toBe(seen.get(r.orderId));
        else { expect([...seen.values()]).not.toContain(o); seen.set(r.orderId, o); }
      });
    }), { numRuns: 500 });
  });

  test('readOrders orders digit-string customer ids by code unit, not by value (9 after 10 and 100)', () => {
    const digits = fc.oneof(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 999_999_999 }), fc.integer({ min: 0, max: 2_000_000 })).map(String);
    fc.assert(fc.property(fc.array(digits, { minLength: 1, maxLength: 60 }), (ids) => {
      const t = readOrders(ids.map((customer, i) => ({ customer, date: i })), { needAmount: false, fn: 'test' });
      const distinct = [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect(t.customers).toEqual(distinct);
      expect(Array.from(t.customer)).toEqual(ids.map((id) => distinct.indexOf(id)));
    }), { numRuns: 300 });
  });
});

describe('readOrders on rows read through property keys (the fast path) gives what the general loop gives', () => {
  // Accessor functions take the general loop; property keys take the fast path, which hands any
  // line it does not take (missing or bad ids, bad dates or amounts, later lines to refuse) back.
  const idValue = fc.oneof(
    fc.integer({ min: 0, max: 6 }).map(String), fc.integer({ min: 0, max: 6 }),
    fc.constantFrom('07', 'A1', '', null, undefined, Number.NaN, -1, 2.5, {}, 10n),
  );
  const dateValue = fc.oneof(
    fc.integer({ min: 0, max: 4 }).map((d) => `2024-01-0${d + 1}T1${d}:00:00.000Z`),
    fc.integer({ min: 0, max: 4 }).map((d) => `2024-01-0${d + 1}`),
    fc.integer({ min: 0, max: 4 }).map((d) => Date.UTC(2024, 0, 1 + d)),
    fc.integer({ min: 0, max: 4 }).map((d) => new Date(Date.UTC(2024, 0, 1 + d, 5))),
    fc.constantFrom('2024-01-02+01:00', '2024-02-30', 'x', null, 1e300),
  );
  const line = fc.record({ customer: idValue, date: dateValue, amount: fc.oneof(fc.integer({ min: -2, max: 9 }), fc.constantFrom(Number.NaN, '3', Infinity)), orderId: idValue });
  // Runs of equal lines, as the lines of one order come.
  const lines = fc.array(fc.tuple(line, fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 25 })
    .map((runs) => runs.flatMap(([l, k]) => Array.from({ length: k }, () => ({ ...l }))));
  const outcome = (f: () => unknown) => {
    try {
      const t = f() as Record<string, unknown>;
      return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v]));
    } catch (e) {
      if (!(e instanceof CrmError)) throw e;
      return { code: e.code, message: e.message, details: e.details };
    }
  };
  test('same table, or the same error, for rows with good and bad values, with and without a cut', () => {
    const options = fc.record({
      needAmount: fc.boolean(), withOrder: fc.boolean(), missingCustomer: fc.constantFrom('refuse', 'drop'),
      laterLines: fc.constantFrom('refuse', 'drop'), cut: fc.option(fc.constantFrom('2024-01-03', '2024-01-02T12:00Z'), { nil: undefined }),
    });
    fc.assert(fc.property(lines, options, (rows, o) => {
      const cut = o.cut === undefined ? undefined : parseCut(o.cut, 'asOf');
      const base = { needAmount: o.needAmount, missingCustomer: o.missingCustomer, laterLines: o.laterLines, cut, fn: 'test' } as const;
      type L = (typeof rows)[number];
      const keyed = outcome(() => readOrders(rows, { ...base, orderId: o.withOrder ? 'orderId' : undefined }));
      const viaFunctions = outcome(() => readOrders(rows, {
        ...base, customer: (r: L) => r.customer as never, date: (r: L) => r.date as never, amount: (r: L) => r.amount as never,
        orderId: o.withOrder ? (r: L) => r.orderId as never : undefined,
      }));
      expect(keyed).toEqual(viaFunctions);
      // sourceRow points each kept line at its row: ascending, and the row's customer and date.
      if (!('code' in keyed)) {
        const src = keyed.sourceRow as number[];
        const customers = keyed.customers as unknown[];
        src.forEach((r, k) => {
          if (k > 0) expect(r).toBeGreaterThan(src[k - 1]!);
          expect(customers[(keyed.customer as number[])[k]!]).toBe(rows[r]!.customer);
          expect((keyed.date as number[])[k]).toBe(parseDateOrUndefined(rows[r]!.date));
        });
        expect(src.length + (keyed.droppedMissingCustomer as number) + (keyed.droppedLaterLines as number)).toBe(rows.length);
      }
    }), { numRuns: 1500 });
  });
});

