// `vitest bench`: fitLogistic on seeded synthetic scoring data (7 numeric + 9 one-hot groups = 34
// columns, like Bank) at smoke sizes, per solver and penalty. Data is built outside the timed callbacks.
import { bench, describe } from 'vitest';
import { fitLogistic, predictLogisticProba } from '../../src/linear/index.js';
import { syntheticScoring } from './synthetic.js';

describe('fitLogistic', () => {
  for (const n of [1_000, 10_000]) {
    const { x, y } = syntheticScoring(n, 7, 9, n);
    bench(`fitLogistic l2 newton n=${n} cols=${x.cols}`, () => { fitLogistic(x, y, { solver: 'newton' }); });
    bench(`fitLogistic l2 lbfgs n=${n} cols=${x.cols}`, () => { fitLogistic(x, y, { solver: 'lbfgs' }); });
    bench(`fitLogistic none (with inference) n=${n} cols=${x.cols}`, () => { fitLogistic(x, y, { penalty: 'none' }); });
    bench(`fitLogistic l1 owl-qn n=${n} cols=${x.cols}`, () => { fitLogistic(x, y, { penalty: 'l1', lambda: 5 }); });
  }
});

describe('predictLogisticProba', () => {
  const { x, y } = syntheticScoring(10_000, 7, 9, 3);
  const model = fitLogistic(x, y);
  bench(`predictLogisticProba n=10000 cols=${x.cols}`, () => { predictLogisticProba(model, x); });
});
