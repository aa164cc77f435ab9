// Smoke-size benchmarks (vitest bench). Seeded synthetic data, built outside the timed callbacks.
// Side-by-side comparisons with scikit-learn, scipy, ml-kmeans and ml-hclust: bench/cluster/compare.ts.
import { bench, describe } from 'vitest';
import { kmeans as mlKMeans } from 'ml-kmeans';
import { fitKMeans, hierarchical, silhouette } from '../../src/cluster/index.js';
import { createRandom } from '../../src/core/random.js';

function blobs(n: number, d: number, k: number, seed = 1): number[][] {
  const r = createRandom(seed);
  const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => (r() - 0.5) * 20));
  return Array.from({ length: n }, (_, i) => centres[i % k]!.map((v) => v + (r() + r() + r() - 1.5)));
}

for (const n of [1000, 10000]) {
  const X = blobs(n, 4, 8);
  const init = X.slice(0, 8);
  describe(`k-means k=8 d=4 n=${n}, 20 iterations from the first 8 rows`, () => {
    bench(`fitKMeans lloyd n=${n}`, () => { fitKMeans(X, { k: 8, init, maxIterations: 20, tolerance: 0 }); });
    bench(`fitKMeans hamerly n=${n}`, () => { fitKMeans(X, { k: 8, init, maxIterations: 20, tolerance: 0, algorithm: 'hamerly' }); });
    bench(`ml-kmeans n=${n}`, () => { mlKMeans(X, 8, { initialization: init.map((c) => c.slice()), maxIterations: 20, tolerance: 0 }); });
  });
}

describe('k-means++ with 4 restarts, k=8 d=4 n=10000', () => {
  const X = blobs(10000, 4, 8, 2);
  bench('fitKMeans k-means++ nInit=4 n=10000', () => { fitKMeans(X, { k: 8, nInit: 4 }); });
  bench('fitKMeans minibatch n=10000', () => { fitKMeans(X, { k: 8, nInit: 4, algorithm: 'minibatch', batchSize: 512 }); });
});

for (const linkage of ['single', 'average', 'ward', 'centroid'] as const) {
  const X = blobs(1000, 4, 8, 3);
  describe(`hierarchical d=4 n=1000 linkage=${linkage}`, () => {
    bench(`hierarchical ${linkage} n=1000`, () => { hierarchical(X, { linkage }); });
  });
}

describe('silhouette d=4 n=2000', () => {
  const X = blobs(2000, 4, 8, 4);
  const labels = X.map((_, i) => i % 8);
  bench('silhouette exact n=2000', () => { silhouette(X, labels); });
  bench('silhouette sampleSize=500 n=2000', () => { silhouette(X, labels, { sampleSize: 500 }); });
});
