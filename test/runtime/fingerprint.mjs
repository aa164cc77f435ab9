// The same computations in every runtime (Node, Deno, Chromium); the results must be identical.
// `lib` is the root export of the built package. Plain JavaScript so every runtime loads it as is.
export function fingerprint(lib) {
  const r = lib.createRandom(2026);
  const stream = Array.from({ length: 5 }, () => r());
  const points = [];
  for (let i = 0; i < 300; i++) {
    const c = i % 3;
    points.push([c * 4 + r() * 2, (c === 1 ? 5 : 0) + r() * 2, r()]);
  }
  const out = { stream };
  if (typeof lib.fitKMeans === 'function') {
    const km = lib.fitKMeans(points, { k: 3, seed: 11, nInit: 3 });
    out.kmeans = { inertia: km.inertia, labels: km.labels.slice(0, 30), iterations: km.diagnostics.iterations };
  }
  if (typeof lib.fpGrowth === 'function') {
    const items = ['milk', 'bread', 'eggs', 'beer', 'diapers', '__proto__'];
    const baskets = Array.from({ length: 200 }, () => items.filter(() => r() < 0.4));
    const sets = lib.fpGrowth(baskets, { minSupport: 0.1 });
    out.itemsets = sets.length;
    if (typeof lib.associationRules === 'function') {
      const rules = lib.associationRules(sets, { minConfidence: 0.3 });
      out.rules = rules.length;
    }
  }
  if (typeof lib.trainTestSplit === 'function') {
    const labels = Array.from({ length: 100 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const split = lib.trainTestSplit(labels, { testSize: 0.3, seed: 5 });
    out.split = split;
  }
  return out;
}
