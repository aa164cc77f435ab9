// Reading a feature table (smoke sizes): the same numbers as number[][] (toDense, the path every
// function had before), row objects, columns of arrays, Float64Array columns and an Arrow table.
// Data built outside the timed callbacks, seeded.
import { bench, describe } from 'vitest';
import * as A from 'apache-arrow';
import { toDense } from '../../src/core/dense.js';
import { readFeatureMatrix } from '../../src/core/table.js';
import { createRandom } from '../../src/core/random.js';

const names = ['recency', 'frequency', 'monetary', 'tenure'] as const;

for (const n of [10_000, 100_000]) {
  const r = createRandom(n);
  const matrix = Array.from({ length: n }, () => names.map(() => Math.round(r() * 1000) / 10));
  const rows = matrix.map((x) => Object.fromEntries(names.map((k, j) => [k, x[j]!])) as Record<string, number>);
  const arrays = Object.fromEntries(names.map((k, j) => [k, matrix.map((x) => x[j]!)]));
  const typed = Object.fromEntries(names.map((k, j) => [k, Float64Array.from(matrix, (x) => x[j]!)]));
  const arrow = A.tableFromArrays(typed);
  const fn = 'bench';
  describe(`read d=4 n=${n}`, () => {
    bench(`toDense number[][] n=${n}`, () => { toDense(matrix); });
    bench(`readFeatureMatrix row objects n=${n}`, () => { readFeatureMatrix(rows, { fn, columns: names }); });
    bench(`readFeatureMatrix array columns n=${n}`, () => { readFeatureMatrix(arrays, { fn }); });
    bench(`readFeatureMatrix Float64Array columns n=${n}`, () => { readFeatureMatrix(typed, { fn }); });
    bench(`readFeatureMatrix Arrow n=${n}`, () => { readFeatureMatrix(arrow, { fn }); });
    bench(`apache-arrow toArray() rows n=${n} (peer)`, () => { arrow.toArray(); });
  });
}
