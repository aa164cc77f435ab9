import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { CrmError } from '../../src/core/errors.js';
import { LIFECYCLE_STAGES, lifecycleStage, lifecycleTransitions } from '../../src/lifecycle/index.js';
import { bruteIds, bruteInterval, bruteStages, bruteThresholds, type BruteOptions, type Row } from './brute.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const at = (day: number, hour = 0) => T0 + day * DAY + hour * 3_600_000;

function codeOf(f: () => unknown): string | undefined {
  try { f(); } catch (e) { return e instanceof CrmError ? e.code : `raw:${(e as Error).name}:${(e as Error).message}`; }
  return undefined;
}
const stageMap = (r: ReturnType<typeof lifecycleStage>) => new Map(r.customers.map((c) => [c.customer, c.stage] as const));

// Small random order logs: a few customers (including awkward ids), dates within ~300 days, hours
// so that floor-of-days matters.
const idArb = fc.oneof({ arbitrary: fc.constantFrom<string | number>('a', 'b', 1), weight: 4 }, { arbitrary: fc.constantFrom<string | number>('c', 10, '__proto__', 'constructor'), weight: 1 });
// Dates either spread over 300 days, or in bursts (days 0-25, 120-145, 250-275) so that customers
// lapse between bursts and come back (reactivated).
const dayArb = fc.oneof(fc.integer({ min: 0, max: 300 }), fc.tuple(fc.constantFrom(0, 120, 250), fc.integer({ min: 0, max: 25 })).map(([b, d]) => b + d));
const rowArb = fc.record({ customer: idArb, date: fc.tuple(dayArb, fc.integer({ min: 0, max: 23 })).map(([d, h]) => at(d, h)) });
const logArb = fc.array(rowArb, { minLength: 1, maxLength: 60, size: 'medium' });
const multArb = fc.record({
  atRiskAfter: fc.double({ min: 0.5, max: 3, noNaN: true }),
  lapsedStep: fc.double({ min: 1, max: 3, noNaN: true }),
  formerStep: fc.double({ min: 1, max: 3, noNaN: true }),
  newWithin: fc.double({ min: 0.5, max: 4, noNaN: true }),
});

function libOptions(m: { atRiskAfter: number; lapsedStep: number; formerStep: number; newWithin: number }) {
  const lapsedAfter = m.atRiskAfter + m.lapsedStep;
  return { atRiskAfter: m.atRiskAfter, lapsedAfter, formerAfter: lapsedAfter + m.formerStep, newWithin: m.newWithin };
}

describe('lifecycleStage: the rule on hand-made cases', () => {
  // interval: a buys on days 0, 10, 20 (10), b on 0 and 30 (30), c on 0, 5 (5) -> median 10 days.
  const rows: Row[] = [
    { customer: 'a', date: at(0) }, { customer: 'a', date: at(10) }, { customer: 'a', date: at(20) },
    { customer: 'b', date: at(0) }, { customer: 'b', date: at(30) },
    { customer: 'c', date: at(0) }, { customer: 'c', date: at(5) },
  ];
  test('lifecycleStage(orders) derives I = median interval = 10 days, thresholds 20/40/80 and new 20', () => {
    const r = lifecycleStage(rows, { asOf: at(40) });
    expect(r.thresholds).toEqual({
      intervalDays: 10, intervalSource: 'data', repeatCustomers: 3, derivedAsOf: at(40),
      atRiskDays: 20, lapsedDays: 40, formerDays: 80, newDays: 20,
    });
    // a: 20 days since last -> atRisk; b: 10 -> active; c: 35 -> atRisk
    expect(r.customers.map((c) => [c.customer, c.stage])).toEqual([['a', 'atRisk'], ['b', 'active'], ['c', 'atRisk']]);
    expect(r.customers[1]).toEqual({
      customer: 'b', stage: 'active', purchases: 2, purchaseDays: 2,
      firstPurchase: at(0), lastPurchase: at(30),
      daysSinceFirst: 40, daysSinceLast: 10, longestGapDays: 30, lastComeback: null,
    });
  });

  test('each stage is reached, with the precedence of the documented rule', () => {
    const opts = { atRiskDays: 10, lapsedDays: 20, formerDays: 40, newDays: 15, asOf: at(100), knownCustomers: ['p', 'later'], laterLines: 'drop' as const };
    const log: Row[] = [
      { customer: 'new', date: at(92) },                                       // first purchase 8 days ago
      { customer: 'comeback', date: at(50) }, { customer: 'comeback', date: at(95) }, // gap 45 >= 20, ended 5 days ago
      { customer: 'steady', date: at(60) }, { customer: 'steady', date: at(70) }, { customer: 'steady', date: at(80) }, { customer: 'steady', date: at(95) },
      { customer: 'back', date: at(10) }, { customer: 'back', date: at(70) }, { customer: 'back', date: at(80) }, { customer: 'back', date: at(95) },
      { customer: 'risk', date: at(50) }, { customer: 'risk', date: at(89) },    // 11 days since last
      { customer: 'lapsed', date: at(70) },                                     // 30 days
      { customer: 'former', date: at(60) },                                     // exactly 40 days: former (>=)
      { customer: 'later', date: at(150) },                                     // first order after asOf (dropped): a known prospect
    ];
    const r = lifecycleStage(log, opts);
    expect(Object.fromEntries(r.customers.map((c) => [c.customer, c.stage]))).toEqual({
      comeback: 'reactivated',
      back: 'active',        // its comeback (day 70) is 30 days old, beyond the 15-day window
      former: 'former', lapsed: 'lapsed', later: 'prospect', new: 'new', p: 'prospect', risk: 'atRisk', steady: 'active',
    });
    expect(r.lines).toEqual({ read: 16, droppedLaterLines: 1, droppedMissingCustomer: 0 });
    expect(r.customers.find((c) => c.customer === 'back')!.lastComeback).toBe(at(70));
    expect(r.customers.find((c) => c.customer === 'p')).toMatchObject({ purchases: 0, firstPurchase: null, daysSinceLast: null });
  });

  test('asOf defaults to midnight UTC after the latest order, like rfmScore', () => {
    const r = lifecycleStage([{ customer: 1, date: '2011-12-09T12:50' }, { customer: 1, date: '2011-12-01' }], { intervalDays: 3 });
    expect(r.asOf).toBe(Date.UTC(2011, 11, 10));
    expect(r.customers[0]!.daysSinceLast).toBe(0);
    expect(r.thresholds).toMatchObject({ intervalDays: 3, intervalSource: 'option', atRiskDays: 6 });
  });

  test('Date objects, epoch ms and ISO strings, rows and columns, give the same result', () => {
    const iso = rows.map((r) => ({ customer: r.customer, date: new Date(r.date).toISOString() }));
    const dates = rows.map((r) => ({ customer: r.customer, date: new Date(r.date) }));
    const cols = { customer: rows.map((r) => r.customer), date: rows.map((r) => r.date) };
    const base = lifecycleStage(rows, { asOf: at(40) });
    expect(lifecycleStage(iso, { asOf: new Date(at(40)) })).toEqual(base);
    expect(lifecycleStage(dates, { asOf: new Date(at(40)).toISOString() })).toEqual(base);
    expect(lifecycleStage(cols, { asOf: at(40) })).toEqual(base);
    const accessors = lifecycleStage(rows.map((r) => ({ who: r.customer, when: r.date })), { asOf: at(40), customer: 'who', date: (o) => o.when });
    expect(accessors).toEqual(base);
  });

  test('the result survives JSON.stringify unchanged', () => {
    const r = lifecycleStage(rows, { asOf: at(40), knownCustomers: ['zz'] });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  test('an explicit day threshold overrides its multiplier', () => {
    const r = lifecycleStage(rows, { asOf: at(40), atRiskDays: 25, lapsedAfter: 3 });
    expect(r.thresholds).toMatchObject({ atRiskDays: 25, lapsedDays: 30, formerDays: 80, newDays: 20 });
  });
});

describe('lifecycleStage: bad input gets a clear answer', () => {
  const ok = [{ customer: 'a', date: '2024-01-01' }, { customer: 'a', date: '2024-02-01' }];
  test('empty input is EMPTY_INPUT (rows and columns)', () => {
    expect(codeOf(() => lifecycleStage([]))).toBe('EMPTY_INPUT');
    expect(codeOf(() => lifecycleStage({ customer: [], date: [] }))).toBe('EMPTY_INPUT');
    expect(codeOf(() => lifecycleTransitions([], { from: 0, to: 1 }))).toBe('EMPTY_INPUT');
  });
  test('a date that does not parse is INVALID_DATE naming the row', () => {
    expect(codeOf(() => lifecycleStage([...ok, { customer: 'b', date: '03/04/2024' }]))).toBe('INVALID_DATE');
    expect(() => lifecycleStage([...ok, { customer: 'b', date: 'soon' }])).toThrow(/orders\[2\]\.date is "soon"/);
    expect(codeOf(() => lifecycleStage([...ok, { customer: 'b', date: new Date(Number.NaN) }]))).toBe('INVALID_DATE');
    expect(codeOf(() => lifecycleStage(ok, { asOf: '2024-13-01' }))).toBe('INVALID_DATE');
    expect(codeOf(() => lifecycleTransitions(ok, { from: 'yesterday', to: '2024-03-01' }))).toBe('INVALID_DATE');
  });
  test('asOf before the first order is INVALID_ORDER', () => {
    expect(codeOf(() => lifecycleStage(ok, { asOf: '2023-12-31' }))).toBe('INVALID_ORDER');
    expect(() => lifecycleStage(ok, { asOf: '2023-12-31' })).toThrow(/before the first order/);
    expect(lifecycleStage(ok, { asOf: '2024-01-01', intervalDays: 10, laterLines: 'drop' }).customers[0]!.stage).toBe('new');
  });
  test('lifecycleTransitions: to before from, and from before the first order, are INVALID_ORDER', () => {
    expect(codeOf(() => lifecycleTransitions(ok, { from: '2024-02-01', to: '2024-01-15' }))).toBe('INVALID_ORDER');
    expect(() => lifecycleTransitions(ok, { from: '2024-02-01', to: '2024-01-15' })).toThrow(/to .* is before from/);
    expect(codeOf(() => lifecycleTransitions(ok, { from: '2023-01-01', to: '2024-03-01', intervalDays: 5 }))).toBe('INVALID_ORDER');
    expect(codeOf(() => lifecycleTransitions(ok, { from: '2024-01-01' } as never))).toBe('INVALID_OPTION');
  });
  test('ids __proto__, constructor and toString are ordinary ids', () => {
    const log = [
      { customer: '__proto__', date: '2024-01-01' }, { customer: '__proto__', date: '2024-01-11' },
      { customer: 'constructor', date: '2024-01-02' }, { customer: 'toString', date: '2024-01-03' },
      { customer: 'toString', date: '2024-01-09' },
    ];
    const r = lifecycleStage(log, { knownCustomers: ['hasOwnProperty'] });
    expect(r.customers.map((c) => [c.customer, c.purchases])).toEqual([['__proto__', 2], ['constructor', 1], ['hasOwnProperty', 0], ['toString', 2]]);
    expect(r.stages.reduce((s, x) => s + x.customers, 0)).toBe(4);
    expect(Object.getPrototypeOf(r.customers[0])).toBe(Object.prototype);
  });
  test('a missing customer id is refused with the row, or dropped and counted when asked', () => {
    const log = [...ok, { customer: null, date: '2024-01-05' }];
    expect(codeOf(() => lifecycleStage(log))).toBe('MISSING_VALUE');
    expect(() => lifecycleStage(log)).toThrow(/orders\[2\]\.customer is null/);
    expect(lifecycleStage(log, { missingCustomer: 'drop' }).lines.droppedMissingCustomer).toBe(1);
  });
  test('options: unknown keys, bad multipliers, non-rising thresholds and bad known ids are INVALID_OPTION', () => {
    expect(codeOf(() => lifecycleStage(ok, { asof: '2024-03-01' } as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => lifecycleStage(ok, { atRiskAfter: 0 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => lifecycleStage(ok, { atRiskDays: 2.5 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => lifecycleStage(ok, { intervalDays: Number.NaN }))).toBe('INVALID_OPTION');
    expect(codeOf(() => lifecycleStage(ok, { atRiskDays: 50, lapsedDays: 40 }))).toBe('INVALID_OPTION');
    expect(() => lifecycleStage(ok, { atRiskAfter: 2.01, lapsedAfter: 2.02 })).toThrow(/must rise strictly/);
    expect(codeOf(() => lifecycleStage(ok, { knownCustomers: 'a' as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => lifecycleStage(ok, { knownCustomers: [{}] as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => lifecycleStage(ok, { missingCustomer: 'skip' as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => lifecycleStage(ok, 3 as never))).toBe('INVALID_OPTION');
  });
  test('orders that are not an array or columns are INVALID_INPUT', () => {
    expect(codeOf(() => lifecycleStage('orders' as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => lifecycleStage([3] as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => lifecycleStage({ customer: ['a'] } as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => lifecycleStage({ customer: ['a', 'b'], date: [1] }))).toBe('LENGTH_MISMATCH');
  });
  test('only one-time buyers: the interval cannot be derived (INVALID_INPUT), unless given', () => {
    const single = [{ customer: 'a', date: '2024-01-01' }, { customer: 'b', date: '2024-01-01T10:00' }, { customer: 'b', date: '2024-01-01T11:00' }];
    expect(codeOf(() => lifecycleStage(single))).toBe('INVALID_INPUT');
    expect(() => lifecycleStage(single)).toThrow(/Pass intervalDays/);
    expect(lifecycleStage(single, { intervalDays: 7 }).stages.find((s) => s.stage === 'new')!.customers).toBe(2);
    const allDays = lifecycleStage(single, { atRiskDays: 1, lapsedDays: 2, formerDays: 3, newDays: 1 });
    expect(allDays.thresholds).toMatchObject({ intervalDays: null, intervalSource: 'unused' });
  });
  test('a single customer and all-equal dates work', () => {
    const r = lifecycleStage([{ customer: 7, date: 0 }, { customer: 7, date: 3 * DAY }, { customer: 7, date: 3 * DAY }]);
    expect(r.thresholds.intervalDays).toBe(3);
    expect(r.customers).toHaveLength(1);
    expect(r.customers[0]!.stage).toBe('new'); // 4 days since the first purchase < 6
  });
  test('one million distinct customers: no quadratic step', () => {
    const n = 1_000_000;
    const customer = new Array<number>(n);
    const date = new Float64Array(n);
    for (let i = 0; i < n; i++) { customer[i] = n - i; date[i] = at(i % 365); }
    const t = performance.now();
    const r = lifecycleStage({ customer, date: Array.from(date) }, { intervalDays: 30 });
    expect(r.customers).toHaveLength(n);
    expect(r.stages.reduce((s, x) => s + x.customers, 0)).toBe(n);
    expect(performance.now() - t).toBeLessThan(30_000);
  });
});

describe('lifecycleStage: properties', () => {
  test('agrees with a brute-force re-implementation of the rule on small random logs', () => {
    // asOf = a purchase date plus up to 40 days, so that every stage occurs (checked: ~80% of runs
    // derive an interval and all seven stages appear).
    fc.assert(fc.property(logArb, fc.nat(), fc.integer({ min: 0, max: 40 * 24 }), multArb, fc.array(idArb, { maxLength: 3 }), (full, pick, hourOffset, m, known) => {
      let log = full;
      const asOf = log[pick % log.length]!.date + hourOffset * 3_600_000;
      const opts = { asOf, knownCustomers: known, laterLines: 'drop' as const, ...libOptions(m) };
      const brute: BruteOptions = { ...opts };
      log = log.filter((r) => r.date <= asOf); // the lines laterLines: 'drop' leaves out
      if (bruteInterval(log, asOf) === null) {
        expect(codeOf(() => lifecycleStage(full, opts))).toBe('INVALID_INPUT');
        return;
      }
      const r = lifecycleStage(full, opts);
      const th = bruteThresholds(log, brute);
      expect([r.thresholds.intervalDays, r.thresholds.atRiskDays, r.thresholds.lapsedDays, r.thresholds.formerDays, r.thresholds.newDays])
        .toEqual([th.interval, th.atRisk, th.lapsed, th.former, th.fresh]);
      expect([...stageMap(r)]).toEqual([...bruteStages(log, brute)]);
    }), { numRuns: 300 });
  });

  test('explicit day thresholds: agrees with brute force too', () => {
    const daysArb = fc.tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 90 }));
    fc.assert(fc.property(logArb, fc.nat(), fc.integer({ min: 0, max: 60 }), daysArb, (log, pick, dayOffset, [a, b, c, nd]) => {
      const asOf = log[pick % log.length]!.date + dayOffset * DAY;
      const opts = { asOf, atRiskDays: a, lapsedDays: a + b, formerDays: a + b + c, newDays: nd, laterLines: 'drop' as const };
      expect([...stageMap(lifecycleStage(log, opts))]).toEqual([...bruteStages(log.filter((r) => r.date <= asOf), opts)]);
    }), { numRuns: 200 });
  });

  test('line order does not matter, rows equal columns, each customer gets one stage, counts sum to customers, input not mutated', () => {
    fc.assert(fc.property(logArb.chain((log) => fc.tuple(fc.constant(log), fc.shuffledSubarray(log, { minLength: log.length, maxLength: log.length }))), ([log, shuffled]) => {
      const before = JSON.stringify(log);
      const opts = { intervalDays: 7 };
      const a = lifecycleStage(log, opts);
      expect(lifecycleStage(shuffled, opts)).toEqual(a);
      // Lines in date order leave each customer's dates sorted (no sort), as exports list them.
      expect(lifecycleStage([...log].sort((x, y) => x.date - y.date), opts)).toEqual(a);
      expect(lifecycleStage({ customer: log.map((r) => r.customer), date: log.map((r) => r.date) }, opts)).toEqual(a);
      expect(JSON.stringify(log)).toBe(before);
      const ids = a.customers.map((c) => c.customer);
      expect(ids).toEqual(bruteIds(log));
      expect(a.stages.map((s) => s.stage)).toEqual([...LIFECYCLE_STAGES]);
      expect(a.stages.reduce((s, x) => s + x.customers, 0)).toBe(ids.length);
      for (const s of a.stages) expect(s.customers).toBe(a.customers.filter((c) => c.stage === s.stage).length);
      expect(Math.abs(a.stages.reduce((s, x) => s + x.share, 0) - 1)).toBeLessThan(1e-12);
    }), { numRuns: 200 });
  });
});

describe('lifecycleTransitions', () => {
  test('the matrix agrees with brute-force stages at from and to, with thresholds derived at to', () => {
    fc.assert(fc.property(logArb, fc.nat(), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 120 }), fc.array(idArb, { maxLength: 2 }), (full, pick, d1, d2, known) => {
      const from = full[pick % full.length]!.date + d1 * DAY, to = from + d2 * DAY;
      const opts = { from, to, knownCustomers: known, laterLines: 'drop' as const };
      const log = full.filter((r) => r.date <= to); // the lines laterLines: 'drop' leaves out
      if (bruteInterval(log, to) === null) {
        expect(codeOf(() => lifecycleTransitions(full, opts))).toBe('INVALID_INPUT');
        return;
      }
      const m = lifecycleTransitions(full, opts);
      expect(m.lines.droppedLaterLines).toBe(full.length - log.length);
      const a = bruteStages(log, { asOf: from, derivedAsOf: to, knownCustomers: known });
      const b = bruteStages(log, { asOf: to, knownCustomers: known });
      const k = LIFECYCLE_STAGES.length;
      const expected = Array.from({ length: k }, () => new Array<number>(k).fill(0));
      let moved = 0;
      for (const [id, s] of a) {
        expected[m.stages.indexOf(s as never)]![m.stages.indexOf(b.get(id) as never)]!++;
        if (s !== b.get(id)) moved++;
      }
      expect(m.counts).toEqual(expected);
      expect(m.moved).toBe(moved);
      expect(m.customers).toBe(a.size);
      // column totals are lifecycleStage at `to`; shares are row-normalised
      const at = lifecycleStage(full, { asOf: to, knownCustomers: known, laterLines: 'drop' });
      expect(m.columnTotals).toEqual(at.stages.map((s) => s.customers));
      m.shares.forEach((row, i) => {
        const s = row.reduce((x, y) => x + y, 0);
        if (m.rowTotals[i] === 0) expect(s).toBe(0); else expect(Math.abs(s - 1)).toBeLessThan(1e-12);
      });
    }), { numRuns: 200 });
  });

  test('from = to gives a diagonal matrix; the result is JSON-friendly', () => {
    const log = [{ customer: 'a', date: at(0) }, { customer: 'a', date: at(10) }, { customer: 'b', date: at(3) }];
    const m = lifecycleTransitions(log, { from: at(12), to: at(12) });
    expect(m.moved).toBe(0);
    m.counts.forEach((row, i) => row.forEach((x, j) => { if (i !== j) expect(x).toBe(0); }));
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
  });

  test('a customer who first buys between from and to moves from prospect to new', () => {
    const log = [{ customer: 'a', date: at(0) }, { customer: 'a', date: at(10) }, { customer: 'b', date: at(30) }];
    const m = lifecycleTransitions(log, { from: at(15), to: at(31) });
    expect(m.counts[m.stages.indexOf('prospect')]![m.stages.indexOf('new')]).toBe(1);
    expect(m.shares[m.stages.indexOf('prospect')]![m.stages.indexOf('new')]).toBe(1);
  });
});
