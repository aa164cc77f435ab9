// Brute-force oracles for the RFM tests: plain objects and nested loops, no shared code with src/.
import fc from 'fast-check';
import { CrmError } from '../../src/core/errors.js';

export type TestId = string | number;
export interface Line { customer: TestId; date: number; amount: number; orderId: number }

export const DAY = 86_400_000;
export const BASE = Date.UTC(2024, 0, 1);

/** Order lines over a small id pool (numbers, strings and prototype names), dyadic amounts (sums are exact). */
export const linesArb = (opts: { negative?: boolean; minLength?: number } = {}) =>
  fc.array(
    fc.record({
      customer: fc.constantFrom<TestId>(1, 2, 3, 10, 250, 'a', 'b', 'B', '__proto__', 'constructor', 'toString'),
      date: fc.tuple(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 1439 })).map(([d, m]) => BASE + d * DAY + m * 60_000),
      amount: fc.integer({ min: opts.negative ? -400 : 0, max: 800 }).map((k) => k / 8),
      orderId: fc.integer({ min: 1, max: 30 }),
    }),
    { minLength: opts.minLength ?? 1, maxLength: 60 },
  );

/** Numbers ascending, then strings by code unit. */
export function idOrder(a: TestId, b: TestId): number {
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface BruteCustomer {
  customer: TestId; first: number; last: number; recency: number; tenure: number;
  lines: number; orders: number; revenue: number;
}

/** Per-customer aggregates with returns excluded (or netted), customers by ascending id. */
export function bruteAggregate(lines: Line[], asOf: number, returns: 'exclude' | 'net' = 'exclude'): BruteCustomer[] {
  const ids = [...new Set(lines.map((l) => l.customer))].sort(idOrder);
  const out: BruteCustomer[] = [];
  for (const id of ids) {
    const mine = lines.filter((l) => l.customer === id);
    const buys = mine.filter((l) => l.amount >= 0);
    if (buys.length === 0) continue;
    const first = Math.min(...buys.map((l) => l.date));
    const last = Math.max(...buys.map((l) => l.date));
    let revenue = 0;
    for (const l of returns === 'net' ? mine : buys) revenue += l.amount;
    out.push({
      customer: id, first, last,
      recency: Math.floor((asOf - last) / DAY),
      tenure: Math.floor((asOf - first) / DAY),
      lines: buys.length,
      orders: new Set(buys.map((l) => l.orderId)).size,
      revenue,
    });
  }
  return out;
}

/**
 * pandas `qcut(x.rank(method='first'), bins)` on values listed in ascending customer id order,
 * in exact integer arithmetic: rank p falls in the first bin k with bins * (p - 1) <= k * (n - 1).
 * Valid for bins whose 1/bins float is not below the exact value (1, 2, 4, 5, 8).
 */
export function bruteFirstScores(values: number[], bins: number): number[] {
  const n = values.length;
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
  const scores = new Array<number>(n);
  order.forEach((i, p) => {
    let k = 1;
    while (bins * p > k * (n - 1)) k++;
    scores[i] = k;
  });
  return scores;
}

/** Sum of the k largest values. */
export function topSum(values: number[], k: number): number {
  return [...values].sort((a, b) => b - a).slice(0, k).reduce((s, v) => s + v, 0);
}

/** The code of the CrmError `f` throws, or 'no error'. */
export function code(f: () => unknown): string {
  try { f(); } catch (e) { if (e instanceof CrmError) return e.code; throw e; }
  return 'no error';
}

/** The CrmError `f` throws. */
export function error(f: () => unknown): CrmError {
  try { f(); } catch (e) { if (e instanceof CrmError) return e; throw e; }
  throw new Error('expected a CrmError');
}
