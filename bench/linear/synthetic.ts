// Seeded synthetic scoring data for the benches: n rows, `numeric` standard-normal columns and
// `dummies` one-hot columns (one of 4 levels per group, first dropped), labels from a logistic model.
import { toDense, type DenseMatrix } from '../../src/core/dense.js';
import { createRandom } from '../../src/core/random.js';

export function syntheticScoring(n: number, numeric: number, groups: number, seed: number): { x: DenseMatrix; y: Uint8Array } {
  const r = createRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const cols = numeric + 3 * groups;
  const beta = Array.from({ length: cols }, () => 0.5 * normal());
  const rows: number[][] = [];
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(cols).fill(0);
    for (let j = 0; j < numeric; j++) row[j] = normal();
    for (let g = 0; g < groups; g++) {
      const level = Math.floor(r() * 4);
      if (level > 0) row[numeric + 3 * g + level - 1] = 1;
    }
    const z = -1.5 + row.reduce((a, v, j) => a + v * beta[j]!, 0);
    y[i] = r() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    rows.push(row);
  }
  return { x: toDense(rows), y };
}
