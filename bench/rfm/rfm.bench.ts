// `vitest bench`: rfmScore and paretoAnalysis on seeded synthetic logs (smoke sizes), and on the full
// Online Retail when ../shared/data is present. Data is built outside the timed callbacks.
import { bench, describe } from 'vitest';
import { paretoAnalysis, rfmScore } from '../../src/rfm/index.js';
import { hasSharedData } from '../../test/helpers/shared.js';
import { loadCleanOnlineRetail } from '../../test/rfm/onlineRetail.js';
import { syntheticOrders } from './synthetic.js';

describe('rfmScore', () => {
  for (const n of [10_000, 100_000]) {
    const log = syntheticOrders(n, 1);
    bench(`rfmScore synthetic lines=${n} customer ids<${n / 10}`, () => { rfmScore(log); });
  }
  if (hasSharedData) {
    const retail = loadCleanOnlineRetail();
    bench('rfmScore Online Retail cleaned lines=397884', () => { rfmScore(retail); });
  } else {
    console.log('rfm.bench: ../shared/data is absent; skipping the Online Retail case.');
  }
});

describe('paretoAnalysis', () => {
  const values = Float64Array.from(rfmScore(syntheticOrders(100_000, 2)).customers, (c) => c.revenue);
  bench(`paretoAnalysis values=${values.length}`, () => { paretoAnalysis(values); });
});
