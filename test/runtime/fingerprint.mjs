// The same seeded computations in every runtime (Node, Deno, Chromium); the results must be identical.
// `lib` is the root export of the built package. Plain JavaScript so every runtime loads it as is.
export function fingerprint(lib) {
  const r = lib.createRandom(2026);
  const stream = Array.from({ length: 5 }, () => r());
  const points = [];
  for (let i = 0; i < 300; i++) {
    const c = i % 3;
    points.push([c * 4 + r() * 2, (c === 1 ? 5 : 0) + r() * 2, r()]);
  }
  const km = lib.fitKMeans(points, { k: 3, seed: 11, nInit: 3 });
  const items = ['milk', 'bread', 'eggs', 'beer', 'diapers', '__proto__'];
  const baskets = Array.from({ length: 200 }, () => items.filter(() => r() < 0.4));
  const sets = lib.fpGrowth(baskets, { minSupport: 0.1 });
  const rules = lib.associationRules(sets, { minConfidence: 0.3 }).rules;
  const labels = Array.from({ length: 100 }, (_, i) => (i % 4 === 0 ? 1 : 0));
  return {
    stream,
    kmeans: { inertia: km.inertia, labels: km.labels, iterations: km.diagnostics.iterations },
    silhouette: lib.silhouette(points, km.labels, { sampleSize: 100, seed: 3 }),
    itemsets: sets.itemsets.length,
    rules: rules.length,
    topRule: rules[0],
    split: lib.trainTestSplit(labels, { testFraction: 0.3, seed: 5 }),
  };
}
