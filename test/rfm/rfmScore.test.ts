import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { quantiles } from '../../src/core/rank.js';
import { DEFAULT_RFM_SEGMENTS, rfmScore, type RfmResult } from '../../src/rfm/index.js';
import { BASE, bruteAggregate, bruteFirstScores, code, DAY, error, linesArb, type Line } from './brute.js';

const toColumns = (lines: Line[]) => ({
  customer: lines.map((l) => l.customer),
  date: lines.map((l) => l.date),
  amount: lines.map((l) => l.amount),
  orderId: lines.map((l) => l.orderId),
});

// Default asOf: midnight after the latest line used (purchases; returns too when they are netted).
const midnightAfter = (lines: Line[], returns: 'exclude' | 'net') =>
  Math.floor(Math.max(...lines.filter((l) => returns === 'net' || l.amount >= 0).map((l) => l.date)) / DAY) * DAY + DAY;
const hasPurchase = (lines: Line[]) => lines.some((l) => l.amount >= 0);

describe('rfmScore against brute force', () => {
  test('recency, frequency, monetary, tenure and dates equal the brute-force aggregates', () => {
    fc.assert(fc.property(linesArb({ negative: true }).filter(hasPurchase), fc.constantFrom('exclude', 'net') as fc.Arbitrary<'exclude' | 'net'>, (lines, returns) => {
      const res = rfmScore(lines, { orderId: 'orderId', returns });
      const asOf = midnightAfter(lines, returns);
      expect(res.asOf).toBe(asOf);
      const brute = bruteAggregate(lines, asOf, returns);
      expect(res.customers.map((c) => [c.customer, c.firstPurchase, c.lastPurchase, c.recency, c.tenure, c.frequency, c.monetary, c.revenue]))
        .toEqual(brute.map((b) => [b.customer, b.first, b.last, b.recency, b.tenure, b.orders, b.revenue, b.revenue]));
      const negatives = lines.filter((l) => l.amount < 0).length;
      expect(res.counts).toEqual({
        lines: lines.length,
        purchaseLines: lines.length - negatives,
        customers: brute.length,
        excludedNegativeLines: returns === 'exclude' ? negatives : 0,
        nettedLines: returns === 'net' ? negatives : 0,
        droppedMissingCustomer: 0,
        droppedLaterLines: 0,
        customersWithoutPurchases: new Set(lines.map((l) => l.customer)).size - brute.length,
      });
    }));
  });

  test("ties: 'first' scores equal pandas qcut(rank(method='first'), bins) over customers in id order", () => {
    fc.assert(fc.property(linesArb(), fc.constantFrom(1, 2, 4, 5, 8), (lines, bins) => {
      const res = rfmScore(lines, { bins, segments: [], frequency: 'lines' });
      const brute = bruteAggregate(lines, res.asOf);
      const r = bruteFirstScores(brute.map((b) => b.recency), bins).map((s) => bins + 1 - s);
      expect(res.customers.map((c) => c.r)).toEqual(r);
      expect(res.customers.map((c) => c.f)).toEqual(bruteFirstScores(brute.map((b) => b.lines), bins));
      expect(res.customers.map((c) => c.m)).toEqual(bruteFirstScores(brute.map((b) => b.revenue), bins));
    }));
  });

  test("ties: 'shared' gives equal values one score, cut at the numpy quantiles of the values", () => {
    fc.assert(fc.property(linesArb(), fc.constantFrom(2, 4, 5), (lines, bins) => {
      const res = rfmScore(lines, { bins, ties: 'shared', segments: [] });
      const fractions = Array.from({ length: bins - 1 }, (_, k) => (k + 1) / bins);
      for (const [dim, score] of [['recency', 'r'], ['frequency', 'f'], ['monetary', 'm']] as const) {
        const values = res.customers.map((c) => c[dim]);
        const cuts = quantiles(values, fractions);
        cuts.forEach((c, k) => expect(res.thresholds[dim][k]).toBeCloseTo(c, 9));
        for (const c of res.customers) {
          const ascending = 1 + res.thresholds[dim].filter((t) => t < c[dim]).length;
          expect(c[score]).toBe(dim === 'recency' ? bins + 1 - ascending : ascending);
        }
        for (const a of res.customers) for (const b of res.customers) if (a[dim] === b[dim]) expect(a[score]).toBe(b[score]);
      }
    }));
  });
});

describe('rfmScore invariants', () => {
  test('the order of the input lines does not change the result', () => {
    fc.assert(fc.property(linesArb({ negative: true }).filter(hasPurchase).chain((l) => fc.tuple(fc.constant(l), fc.shuffledSubarray(l, { minLength: l.length, maxLength: l.length }))),
      fc.constantFrom('first', 'shared') as fc.Arbitrary<'first' | 'shared'>, ([lines, shuffled], ties) => {
        expect(rfmScore(shuffled, { orderId: 'orderId', ties })).toEqual(rfmScore(lines, { orderId: 'orderId', ties }));
      }));
  });

  test('scores stay in 1..bins and never decrease as the metric improves', () => {
    fc.assert(fc.property(linesArb(), fc.integer({ min: 1, max: 9 }), fc.constantFrom('first', 'shared') as fc.Arbitrary<'first' | 'shared'>, (lines, bins, ties) => {
      const { customers } = rfmScore(lines, { bins, ties, segments: [] });
      for (const a of customers) {
        for (const s of [a.r, a.f, a.m]) expect(Number.isInteger(s) && s >= 1 && s <= bins).toBe(true);
        expect(a.cell).toBe(`${a.r}${a.f}${a.m}`);
        for (const b of customers) {
          if (a.recency < b.recency) expect(a.r).toBeGreaterThanOrEqual(b.r);
          if (a.frequency < b.frequency) expect(a.f).toBeLessThanOrEqual(b.f);
          if (a.monetary < b.monetary) expect(a.m).toBeLessThanOrEqual(b.m);
        }
      }
    }));
  });

  test('rows and columns give identical results', () => {
    fc.assert(fc.property(linesArb({ negative: true }).filter(hasPurchase), (lines) => {
      const rows = lines.map((l) => ({ who: l.customer, when: new Date(l.date), total: l.amount, invoice: l.orderId }));
      const fromRows = rfmScore(rows, { customer: 'who', date: (r) => r.when, amount: (r) => r.total, orderId: 'invoice', returns: 'net' });
      expect(rfmScore(toColumns(lines), { returns: 'net' })).toEqual(fromRows);
    }));
  });

  test('the input is never mutated and the result survives JSON', () => {
    fc.assert(fc.property(linesArb({ negative: true }).filter(hasPurchase), (lines) => {
      const before = structuredClone(lines);
      const cols = toColumns(lines);
      const colsBefore = structuredClone(cols);
      const options = { orderId: 'orderId' as const, cutPoints: { monetary: [1, 2, 3, 4] } };
      const optionsBefore = structuredClone(options);
      const res = rfmScore(lines, options);
      rfmScore(cols);
      expect(lines).toEqual(before);
      expect(cols).toEqual(colsBefore);
      expect(options).toEqual(optionsBefore);
      expect(JSON.parse(JSON.stringify(res))).toEqual(res);
    }));
  });

  test('thresholds passed back as cutPoints reproduce the scores (ties: shared)', () => {
    fc.assert(fc.property(linesArb(), (lines) => {
      const res = rfmScore(lines, { ties: 'shared' });
      const again = rfmScore(lines, { cutPoints: res.thresholds });
      expect(again.customers).toEqual(res.customers);
      expect(again.thresholds).toEqual(res.thresholds);
    }));
  });

  test("with ties: 'first', threshold k is the largest value scored k or lower", () => {
    fc.assert(fc.property(linesArb(), fc.integer({ min: 1, max: 9 }), (lines, bins) => {
      const res = rfmScore(lines, { bins, segments: [] });
      for (const [dim, score] of [['recency', 'r'], ['frequency', 'f'], ['monetary', 'm']] as const) {
        const ascending = (c: (typeof res.customers)[number]) => (dim === 'recency' ? bins + 1 - c.r : c[score]);
        expect(res.thresholds[dim]).toHaveLength(bins - 1);
        res.thresholds[dim].forEach((t, i) => {
          const low = res.customers.filter((c) => ascending(c) <= i + 1);
          expect(Math.max(...low.map((c) => c[dim]))).toBe(t);
          for (const c of res.customers) if (c[dim] > t) expect(ascending(c)).toBeGreaterThan(i + 1);
        });
      }
    }));
  });
});

describe('rfmScore options', () => {
  const lines: Line[] = [
    { customer: 'x', date: BASE, amount: 10, orderId: 1 },
    { customer: 'x', date: BASE, amount: 30, orderId: 1 },
    { customer: 'x', date: BASE + 5 * DAY, amount: 20, orderId: 2 },
    { customer: 'y', date: BASE + 2 * DAY, amount: 7, orderId: 3 },
    { customer: 'y', date: BASE + 9 * DAY + 3_600_000, amount: -2, orderId: 4 },
  ];

  test('frequency defaults to orders with an orderId, lines without; monetary meanOrder divides by it', () => {
    expect(rfmScore(lines, { orderId: 'orderId' }).customers.map((c) => c.frequency)).toEqual([2, 1]);
    expect(rfmScore(lines).customers.map((c) => c.frequency)).toEqual([3, 1]);
    expect(rfmScore(lines, { orderId: 'orderId', monetary: 'meanOrder' }).customers.map((c) => c.monetary)).toEqual([30, 7]);
    expect(rfmScore(lines, { monetary: 'meanOrder' }).customers.map((c) => c.monetary)).toEqual([20, 7]);
  });

  test("returns: 'exclude' drops negative lines, 'net' subtracts them, 'refuse' names the row", () => {
    const ex = rfmScore(lines);
    expect(ex.asOf).toBe(BASE + 6 * DAY);
    expect(ex.counts.excludedNegativeLines).toBe(1);
    const net = rfmScore(lines, { returns: 'net' });
    // The return on day 9 moves the default asOf but is not a purchase: y's last purchase stays day 2.
    expect(net.asOf).toBe(BASE + 10 * DAY);
    expect(net.customers[1]).toMatchObject({ customer: 'y', monetary: 5, revenue: 5, recency: 8, frequency: 1 });
    expect(net.counts.nettedLines).toBe(1);
    const e = error(() => rfmScore(lines, { returns: 'refuse' }));
    expect(e.code).toBe('NEGATIVE_VALUE');
    expect(e.details).toEqual({ row: 4 });
    expect(e.message).toContain('line 4');
  });

  test('a customer with only returns is left out and counted', () => {
    const res = rfmScore([...lines, { customer: 'z', date: BASE, amount: -5, orderId: 9 }], { returns: 'net' });
    expect(res.customers.map((c) => c.customer)).toEqual(['x', 'y']);
    expect(res.counts.customersWithoutPurchases).toBe(1);
  });

  test('asOf is used as given; recency and tenure are floor days to it', () => {
    const res = rfmScore(lines, { asOf: '2024-01-20T12:00:00Z' });
    expect(res.asOf).toBe(Date.UTC(2024, 0, 20, 12));
    expect(res.customers.map((c) => [c.recency, c.tenure])).toEqual([[14, 19], [17, 17]]);
    expect(res.options.asOf).toBe(res.asOf);
  });

  test('explicit cutPoints score by value and are returned as thresholds', () => {
    const res = rfmScore(lines, { bins: 2, segments: [], cutPoints: { recency: [3], monetary: [10] } });
    expect(res.customers.map((c) => [c.r, c.m])).toEqual([[2, 2], [1, 1]]);
    expect(res.thresholds.recency).toEqual([3]);
    expect(res.thresholds.monetary).toEqual([10]);
    expect(res.options.cutPoints).toEqual({ recency: [3], frequency: null, monetary: [10] });
  });

  test('an order id under two customers counts once for each', () => {
    const shared: Line[] = [
      { customer: 1, date: BASE, amount: 1, orderId: 7 },
      { customer: 2, date: BASE, amount: 1, orderId: 7 },
      { customer: 1, date: BASE, amount: 1, orderId: 7 },
      { customer: 1, date: BASE, amount: 1, orderId: 8 },
    ];
    expect(rfmScore(shared, { orderId: 'orderId' }).customers.map((c) => c.frequency)).toEqual([2, 1]);
  });

  test('segments come from the table; a custom table replaces it and unmatched cells are Other', () => {
    const res = rfmScore(lines, { orderId: 'orderId' });
    expect(res.customers.map((c) => [c.cell, c.segment])).toEqual([['555', 'Champions'], ['111', 'Lost']]);
    const custom = rfmScore(lines, { bins: 3, segments: [{ name: 'Big', monetary: [3, 3] }] });
    expect(custom.customers.map((c) => c.segment)).toEqual(['Big', 'Other']);
    expect(custom.options.segments).toEqual([{ name: 'Big', monetary: [3, 3] }]);
  });

  test('bins above 9 separate the scores in the cell', () => {
    const res = rfmScore(lines, { bins: 12, segments: [] });
    expect(res.customers[0]!.cell).toBe('12-12-12');
  });

  test('bad options get INVALID_OPTION with the option named', () => {
    expect(code(() => rfmScore(lines, { bins: 0 }))).toBe('INVALID_OPTION');
    expect(code(() => rfmScore(lines, { bins: 2.5 }))).toBe('INVALID_OPTION');
    expect(code(() => rfmScore(lines, { ties: 'average' as never }))).toBe('INVALID_OPTION');
    expect(code(() => rfmScore(lines, { returns: 'keep' as never }))).toBe('INVALID_OPTION');
    expect(code(() => rfmScore(lines, { monetary: 'mean' as never }))).toBe('INVALID_OPTION');
    expect(code(() => rfmScore(lines, { frequency: 'orders' }))).toBe('INVALID_OPTION');
    expect(code(() => rfmScore(lines, { maxIter: 3 } as never))).toBe('INVALID_OPTION');
    expect(code(() => rfmScore(toColumns(lines), { customer: 'who' } as never))).toBe('INVALID_OPTION');
    expect(code(() => rfmScore(lines, { cutPoints: { monetary: [3, 1, 4, 5] } }))).toBe('INVALID_OPTION');
    expect(code(() => rfmScore(lines, { cutPoints: { monetary: [1, 2] } }))).toBe('INVALID_OPTION');
    expect(code(() => rfmScore(lines, { cutPoints: { money: [1, 2, 3, 4] } as never }))).toBe('INVALID_OPTION');
    expect(code(() => rfmScore(lines, { cutPoints: { monetary: [1, 2, NaN, 4] } }))).toBe('INVALID_OPTION');
    expect(code(() => rfmScore(lines, { segments: [{ name: 'x', recency: [0, 2] }] }))).toBe('INVALID_OPTION');
    expect(code(() => rfmScore(lines, { segments: [{ name: '' }] }))).toBe('INVALID_OPTION');
    expect(code(() => rfmScore(lines, { segments: [{ name: 'x', value: [1, 2] }] as never }))).toBe('INVALID_OPTION');
    expect(code(() => rfmScore(lines, { asOf: 'yesterday' }))).toBe('INVALID_DATE');
    const e = error(() => rfmScore(lines, { bins: 3 }));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toContain('default table is written for 5 bins');
  });
});

describe('rfmScore on bad input', () => {
  const ok = { customer: 'a', date: BASE, amount: 1 };

  test('empty input: EMPTY_INPUT', () => {
    expect(code(() => rfmScore([]))).toBe('EMPTY_INPUT');
    expect(code(() => rfmScore({ customer: [], date: [], amount: [] }))).toBe('EMPTY_INPUT');
  });

  test('only returns: EMPTY_INPUT', () => {
    expect(code(() => rfmScore([{ ...ok, amount: -1 }]))).toBe('EMPTY_INPUT');
  });

  test('NaN and Infinity amounts: NON_FINITE naming the row', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const e = error(() => rfmScore([ok, { ...ok, amount: bad }]));
      expect(e.code).toBe('NON_FINITE');
      expect(e.message).toContain('orders[1].amount');
    }
    expect(code(() => rfmScore([ok, { ...ok, amount: '3' as never }]))).toBe('INVALID_INPUT');
  });

  test('amounts whose sum overflows: NON_FINITE', () => {
    expect(code(() => rfmScore([{ ...ok, amount: 1e308 }, { ...ok, amount: 1e308 }]))).toBe('NON_FINITE');
  });

  test('a missing customer id is refused with the row, or dropped and counted when asked', () => {
    const lines = [ok, { ...ok, customer: null }, { ...ok, customer: '' }, { ...ok, customer: undefined }];
    const e = error(() => rfmScore(lines));
    expect(e.code).toBe('MISSING_VALUE');
    expect(e.message).toContain('orders[1].customer');
    expect(e.message).toContain("missingCustomer: 'drop'");
    const res = rfmScore(lines, { missingCustomer: 'drop' });
    expect(res.counts.droppedMissingCustomer).toBe(3);
    expect(res.counts.lines).toBe(4);
    expect(res.customers.map((c) => c.customer)).toEqual(['a']);
    expect(code(() => rfmScore([{ ...ok, customer: null }], { missingCustomer: 'drop' }))).toBe('EMPTY_INPUT');
  });

  test('dates that do not parse: INVALID_DATE naming the row', () => {
    for (const bad of ['03/04/2024', '2024-02-30', 'soon', new Date(NaN), NaN, null]) {
      const e = error(() => rfmScore([ok, { ...ok, date: bad as never }]));
      expect(e.code).toBe('INVALID_DATE');
      expect(e.message).toContain('orders[1].date');
    }
  });

  test('asOf before the first order (or before any order): INVALID_ORDER', () => {
    const lines = [ok, { ...ok, date: BASE + 10 * DAY }];
    const before = error(() => rfmScore(lines, { asOf: BASE - DAY }));
    expect(before.code).toBe('INVALID_ORDER');
    expect(before.message).toContain('before the first order');
    expect(code(() => rfmScore(lines, { asOf: BASE + DAY }))).toBe('INVALID_ORDER');
    expect(rfmScore(lines, { asOf: BASE + 10 * DAY }).customers[0]!.recency).toBe(0);
  });

  test('a single customer gets F = M = 1 and R = bins (collapsed bins) without error', () => {
    const res = rfmScore([ok, { ...ok, date: BASE + DAY, amount: 5 }]);
    expect(res.customers).toHaveLength(1);
    expect(res.customers[0]).toMatchObject({ r: 5, f: 1, m: 1, cell: '511', segment: 'New', frequency: 2, monetary: 6 });
    expect(res.thresholds).toEqual({ recency: [1, 1, 1, 1], frequency: [2, 2, 2, 2], monetary: [6, 6, 6, 6] });
  });

  test('all-equal values collapse to one score with either tie rule; thresholds are still returned', () => {
    const lines = ['p', 'q', 'r', 's', 't', 'u', 'v'].map((customer) => ({ customer, date: BASE, amount: 3 }));
    const shared = rfmScore(lines, { ties: 'shared' });
    expect(new Set(shared.customers.map((c) => c.cell))).toEqual(new Set(['511']));
    expect(shared.thresholds.monetary).toEqual([3, 3, 3, 3]);
    // 'first' still spreads equal values over the bins by customer id, as pandas does.
    const first = rfmScore(lines);
    expect(first.customers.map((c) => c.m)).toEqual([1, 1, 2, 3, 4, 5, 5]);
    expect(first.thresholds.monetary).toEqual([3, 3, 3, 3]);
  });

  test('ids __proto__, constructor and toString are ordinary ids', () => {
    const lines = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'].map((customer, i) => ({ customer, date: BASE + i * DAY, amount: i + 1 }));
    const res = rfmScore(lines);
    expect(res.customers.map((c) => [c.customer, c.monetary])).toEqual([['__proto__', 1], ['constructor', 2], ['hasOwnProperty', 4], ['toString', 3]]);
    expect(Object.getPrototypeOf(res.customers[0])).toBe(Object.prototype);
  });

  test('rows that are not objects and columns of the wrong length are refused', () => {
    expect(code(() => rfmScore([ok, 3 as never]))).toBe('INVALID_INPUT');
    expect(code(() => rfmScore('lines' as never))).toBe('INVALID_INPUT');
    expect(code(() => rfmScore({ customer: ['a'], date: [BASE, BASE], amount: [1] }))).toBe('LENGTH_MISMATCH');
  });

  test('one million distinct customers: no quadratic step', () => {
    const n = 1_000_000;
    const customer = new Int32Array(n);
    const date = new Float64Array(n);
    const amount = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      customer[i] = (i * 7919) % n; // a permutation: every id once, not in order
      date[i] = BASE + (i % 365) * DAY;
      amount[i] = (i % 1000) / 4;
    }
    const t = performance.now();
    const res: RfmResult = rfmScore({ customer, date, amount });
    const seconds = (performance.now() - t) / 1000;
    expect(res.customers).toHaveLength(n);
    expect(res.customers[0]!.customer).toBe(0);
    expect(res.customers[n - 1]!.customer).toBe(n - 1);
    for (const key of ['r', 'f', 'm'] as const) {
      const hist = [0, 0, 0, 0, 0];
      for (const c of res.customers) hist[c[key] - 1]!++;
      // Every frequency is 1, yet 'first' ties still fill five equal bins (by id), as pandas does.
      expect(hist).toEqual([n / 5, n / 5, n / 5, n / 5, n / 5]);
    }
    // About 2-4 s on the shared 2-core machine; a quadratic step would take hours.
    expect(seconds).toBeLessThan(20);
  });
});

test('DEFAULT_RFM_SEGMENTS has the 11 names of the issue and is frozen', () => {
  expect(DEFAULT_RFM_SEGMENTS.map((s) => s.name)).toEqual([
    'Champions', 'Loyal', 'Potential loyalist', 'New', 'Promising', 'Need attention', 'About to sleep',
    'At risk', "Can't lose them", 'Hibernating', 'Lost',
  ]);
  expect(Object.isFrozen(DEFAULT_RFM_SEGMENTS)).toBe(true);
  expect(Object.isFrozen(DEFAULT_RFM_SEGMENTS[0])).toBe(true);
});
