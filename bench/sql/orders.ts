// Seeded synthetic order lines for the SQL benches, as columns, and a CSV writer for the engines.
// n lines, n / 50 customers (1M at 50M lines) with a heavy-tailed activity (a few customers order
// weekly, most a handful of times), 1..7 lines per order, hourly dates over two years
// (2022-01-01 .. 2023-12-31 UTC), amounts in cents with a long tail.
import { closeSync, openSync, writeSync } from 'node:fs';
import { createRandom } from '../../src/core/random.js';

export interface OrderLines { customer: Int32Array; orderId: Int32Array; date: Float64Array; amount: Float64Array }

export const ORDERS_START = Date.UTC(2022, 0, 1);
/** The day rfmScore's asOf names; recency is measured from its end, 2024-01-01T00:00Z. */
export const ORDERS_AS_OF = '2023-12-31';
const SPAN_HOURS = 730 * 24;

export function orderLines(n: number, seed = 42): OrderLines {
  const random = createRandom(seed);
  const customers = Math.max(1, Math.floor(n / 50));
  const customer = new Int32Array(n);
  const orderId = new Int32Array(n);
  const date = new Float64Array(n);
  const amount = new Float64Array(n);
  // Activity rank -> customer id, a seeded shuffle, so that id order is not activity order.
  const idOf = Int32Array.from({ length: customers }, (_, i) => i);
  for (let i = customers - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = idOf[i]!; idOf[i] = idOf[j]!; idOf[j] = t;
  }
  let order = 0;
  for (let i = 0; i < n; ) {
    // The customer of an order: activity rank u^3 * customers puts 10% of the orders on the
    // busiest 0.1% of customers and half of them on the busiest 12.5%.
    const u = random();
    const c = idOf[Math.floor(u * u * u * customers)]!;
    const d = ORDERS_START + Math.floor(random() * SPAN_HOURS) * 3_600_000;
    const lines = 1 + Math.floor(random() * 7);
    for (let j = 0; j < lines && i < n; j++, i++) {
      customer[i] = c;
      orderId[i] = order;
      date[i] = d;
      amount[i] = Math.round(100 * Math.exp(random() * 6)) / 100;
    }
    order++;
  }
  return { customer, orderId, date, amount };
}

/** Writes `customer,order_id,ts,amount` (ts in epoch seconds) with a header line. */
export function writeOrdersCsv(path: string, o: OrderLines): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, 'customer,order_id,ts,amount\n');
    const chunk = 200_000;
    for (let start = 0; start < o.customer.length; start += chunk) {
      const end = Math.min(o.customer.length, start + chunk);
      const parts: string[] = new Array(end - start);
      for (let i = start; i < end; i++) parts[i - start] = `${o.customer[i]},${o.orderId[i]},${o.date[i]! / 1000},${o.amount[i]}`;
      writeSync(fd, parts.join('\n') + '\n');
    }
  } finally {
    closeSync(fd);
  }
}
