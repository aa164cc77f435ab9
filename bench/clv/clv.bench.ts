// vitest bench: `npx vitest bench bench/clv`. Seeded synthetic customers (smoke sizes), built
// outside the timed callbacks.
import { bench, describe } from 'vitest';
import { customerLifetimeValue, fitBgNbd, fitGammaGamma, predictBgNbdExpectedPurchases, simulateBgNbd, summarizeTransactions } from '../../src/clv/index.js';
import { createRandom } from '../../src/core/random.js';

const truth = { r: 0.25, alpha: 4.4, a: 0.8, b: 2.4 };
const sizes = [1_000, 10_000];
const data = sizes.map((n) => {
  const sim = simulateBgNbd(truth, { customers: n, T: 39, seed: 1 });
  // Whole-day times, as real summaries have (a few distinct T and recency values).
  const summary = { frequency: sim.frequency, recency: sim.recency.map((v) => Math.floor(v * 7) / 7), T: sim.T, timeUnit: 'weeks' };
  const random = createRandom(2);
  const monetary = sim.frequency.map((x) => (x > 0 ? 5 + 40 * random() : 0));
  return { n, summary: { ...summary, monetary } };
});
const orders = (() => {
  const random = createRandom(3);
  const customer: number[] = [], date: number[] = [], amount: number[] = [];
  for (let i = 0; i < 50_000; i++) {
    customer.push(Math.floor(random() * 10_000));
    date.push(Date.UTC(2024, 0, 1) + Math.floor(random() * 365) * 86_400_000);
    amount.push(Math.round(random() * 10_000) / 100);
  }
  return { customer, date, amount };
})();

describe('clv', () => {
  for (const { n, summary } of data) {
    const bg = fitBgNbd(summary);
    const gg = fitGammaGamma(summary, { nonRepeat: 'drop' });
    bench(`fitBgNbd n=${n}`, () => { fitBgNbd(summary); });
    bench(`fitGammaGamma n=${n}`, () => { fitGammaGamma(summary, { nonRepeat: 'drop' }); });
    bench(`predictBgNbdExpectedPurchases t=39 n=${n}`, () => { predictBgNbdExpectedPurchases(bg, summary, 39); });
    bench(`customerLifetimeValue horizon=52 discountPeriod=4.345 n=${n}`, () => {
      customerLifetimeValue(bg, gg, summary, { horizon: 52, discountRate: 0.01, discountPeriod: 4.345 });
    });
  }
  bench('summarizeTransactions lines=50000 customers=10000', () => { summarizeTransactions(orders, { calibrationEnd: '2024-09-30', laterCustomers: 'drop' }); });
});
