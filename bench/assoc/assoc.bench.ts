// Smoke-size benchmarks (vitest bench) on seeded synthetic baskets built outside the timed callbacks.
// Side-by-side comparison with node-fpgrowth and Borgelt's fpgrowth: bench/assoc/compare.ts.
import { bench, describe } from 'vitest';
import { FPGrowth } from 'node-fpgrowth';
import { apriori, associationRules, fpGrowth } from '../../src/assoc/index.js';
import { syntheticBaskets } from './data.js';

for (const n of [1000, 10000, 100000]) {
  const tx = syntheticBaskets(n, 500, n);
  describe(`frequent itemsets, ${n} baskets of 500 items, minSupport 0.005`, () => {
    bench(`fpGrowth n=${n}`, () => { fpGrowth(tx, { minSupport: 0.005 }); });
    bench(`apriori n=${n}`, () => { apriori(tx, { minSupport: 0.005 }); });
    if (n <= 10000) bench(`node-fpgrowth n=${n}`, async () => { await new FPGrowth<number>(0.005).exec(tx); });
  });
}

describe('association rules, 10000 baskets of 500 items, minSupport 0.002', () => {
  const found = fpGrowth(syntheticBaskets(10000, 500, 7), { minSupport: 0.002 });
  bench('associationRules minConfidence=0.1 single consequent', () => { associationRules(found, { minConfidence: 0.1 }); });
  bench('associationRules minConfidence=0.1 every split', () => { associationRules(found, { minConfidence: 0.1, maxConsequentLength: Infinity }); });
});
