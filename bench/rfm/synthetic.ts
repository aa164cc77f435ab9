// Seeded synthetic order logs for the RFM benches: n lines, n / 10 customers with skewed activity,
// about 4 lines per order, dates over two years, amounts with 2 decimals and a long tail.
import { createRandom } from '../../src/core/random.js';

export interface SyntheticOrders { customer: Int32Array; date: Float64Array; amount: Float64Array; orderId: Int32Array }

const START = Date.UTC(2022, 0, 1);
const SPAN_HOURS = 730 * 24;

export function syntheticOrders(n: number, seed = 0): SyntheticOrders {
  const random = createRandom(seed);
  const customers = Math.max(1, Math.floor(n / 10));
  const customer = new Int32Array(n);
  const date = new Float64Array(n);
  const amount = new Float64Array(n);
  const orderId = new Int32Array(n);
  let order = 0;
  for (let i = 0; i < n; ) {
    // One order: a customer (skewed towards low ids), a date, 1..7 lines.
    const u = random();
    const c = Math.floor(u * u * customers);
    const d = START + Math.floor(random() * SPAN_HOURS) * 3_600_000;
    const lines = 1 + Math.floor(random() * 7);
    for (let j = 0; j < lines && i < n; j++, i++) {
      customer[i] = c;
      date[i] = d;
      orderId[i] = order;
      amount[i] = Math.round(100 * Math.exp(random() * 6)) / 100;
    }
    order++;
  }
  return { customer, date, amount, orderId };
}
