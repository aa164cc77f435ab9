// Smoke-size benchmarks of fitDecisionTree on seeded synthetic churn-like data (built outside the
// timed callbacks). Run: npx vitest bench bench/tree
import { bench, describe } from 'vitest';
import { createRandom } from '../../src/core/random.js';
import { fitDecisionTree } from '../../src/tree/index.js';

function synthetic(n: number, d: number) {
  const random = createRandom(42);
  const X = Array.from({ length: n }, () => Array.from({ length: d }, (_, j) => (j % 2 === 0 ? Math.round(random() * 100) : random() < 0.3 ? 1 : 0)));
  const y = X.map((r) => (r[0]! < 30 && r[1] === 1 ? (random() < 0.8 ? 1 : 0) : random() < 0.15 ? 1 : 0));
  const rows = X.map((r) => ({ tenure: r[0]!, contract: ['monthly', 'yearly', 'two-year'][r[0]! % 3]!, fiber: r[1]! }));
  return { X, y, rows };
}

for (const n of [1_000, 10_000]) {
  const { X, y, rows } = synthetic(n, 10);
  const columns = [{ name: 'tenure', type: 'numeric' as const }, { name: 'contract', type: 'categorical' as const }, { name: 'fiber', type: 'numeric' as const }];
  describe(`fitDecisionTree n=${n}`, () => {
    bench(`fitDecisionTree n=${n} d=10 maxDepth=8`, () => {
      fitDecisionTree(X, y, { maxDepth: 8 });
    });
    bench(`fitDecisionTree n=${n} d=10 fully grown`, () => {
      fitDecisionTree(X, y);
    });
    bench(`fitDecisionTree n=${n} row objects with a categorical column, maxDepth=8`, () => {
      fitDecisionTree(rows, y, { columns, maxDepth: 8 });
    });
  });
}
