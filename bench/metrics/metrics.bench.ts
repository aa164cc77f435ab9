// `vitest bench`: the O(n log n) ranking metrics on seeded scores (with ties) at smoke sizes.
// Data is built outside the timed callbacks.
import { bench, describe } from 'vitest';
import { averagePrecision, liftTable, logLoss, profitCurve, rocAuc, stratifiedKFold } from '../../src/metrics/index.js';
import { createRandom } from '../../src/core/random.js';

function scored(n: number, seed: number): { y: number[]; s: number[] } {
  const r = createRandom(seed);
  const y = Array.from({ length: n }, () => (r() < 0.12 ? 1 : 0));
  // Rounded to 3 decimals so ties are common, as with scores from trees or coarse models.
  const s = y.map((v) => Math.round(1000 / (1 + Math.exp(-(v * 1.5 - 2 + 1.2 * (r() - 0.5) * 4)))) / 1000);
  return { y, s };
}

describe('metrics', () => {
  for (const n of [10_000, 100_000]) {
    const { y, s } = scored(n, n);
    bench(`rocAuc n=${n}`, () => { rocAuc(y, s); });
    bench(`averagePrecision n=${n}`, () => { averagePrecision(y, s); });
    bench(`logLoss n=${n}`, () => { logLoss(y, s); });
    bench(`liftTable groups=10 n=${n}`, () => { liftTable(y, s, { groups: 10 }); });
    bench(`profitCurve n=${n}`, () => { profitCurve(y, s, { valuePerResponse: 50, costPerContact: 2 }); });
    bench(`stratifiedKFold folds=5 n=${n}`, () => { stratifiedKFold(y, { folds: 5 }); });
  }
});
