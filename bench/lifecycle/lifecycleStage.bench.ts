import { bench, describe } from 'vitest';
import { lifecycleStage, lifecycleTransitions } from '../../src/lifecycle/index.js';
// The RFM benches' seeded order logs (orders of 1..7 lines, n / 10 skewed customers, two years).
import { syntheticOrders as syntheticLog } from '../rfm/synthetic.js';

// Data is built once, outside the timed callbacks. readOrders takes ArrayLike columns.
const sizes = [100_000, 1_000_000];
const logs = new Map(sizes.map((n) => [n, syntheticLog(n, 1)] as const));

describe('lifecycle', () => {
  for (const n of sizes) {
    const log = logs.get(n)!;
    const orders = { customer: log.customer as unknown as number[], date: log.date as unknown as number[] };
    bench(`lifecycleStage n=${n.toLocaleString('en-US')} lines ${(n / 10).toLocaleString("en-US")} customer ids`, () => {
      lifecycleStage(orders);
    }, { iterations: 3, warmupIterations: 1 });
    bench(`lifecycleTransitions n=${n.toLocaleString('en-US')} lines (one quarter)`, () => {
      lifecycleTransitions(orders, { from: Date.UTC(2023, 9, 1), to: Date.UTC(2024, 0, 1) });
    }, { iterations: 3, warmupIterations: 1 });
  }
});
