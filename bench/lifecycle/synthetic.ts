// Seeded synthetic order logs for the lifecycle benches: n lines, n / 10 customers with skewed
// activity (a few heavy buyers), dates over two years with hours, in random line order.
import { createRandom } from '../../src/core/random.js';

export interface SyntheticLog { customer: Int32Array; date: Float64Array }

const START = Date.UTC(2022, 0, 1);
const SPAN = 730 * 86_400_000;

export function syntheticLog(n: number, seed = 0): SyntheticLog {
  const random = createRandom(seed);
  const customers = Math.max(1, Math.floor(n / 10));
  const customer = new Int32Array(n);
  const date = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = random();
    customer[i] = Math.floor(u * u * customers);
    date[i] = START + Math.floor(random() * SPAN / 3_600_000) * 3_600_000;
  }
  return { customer, date };
}
