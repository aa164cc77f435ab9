// T-KM and T-HC of ../shared/anchors/TASKS.md against scikit-learn 1.2.1 and scipy 1.10.1.
import { describe, expect, test } from 'vitest';
import { fitKMeans, hierarchical, fitClusterScaling, applyClusterScaling, type LinkageMethod } from '../../src/cluster/index.js';
import { parseCsv, readDataBytes, readDataText, readResult, RESULTS_DIR } from '../helpers/shared.js';

const D = 8;
function blobs(): Float64Array {
  const buf = readDataBytes('blobs_200k_8.f64.gz');
  return new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
}
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('T-KM', () => {
  const km = readResult('km.py.json');
  const run = (part: string) => km.runs.find((r: { part: string; threads: number }) => r.part === part && r.threads === 1).result;

  test.each([['lloyd'], ['hamerly']] as const)('KM-large (a): first 8 rows as centroids, %s, scikit-learn\'s iterations: inertia, sizes, centroids and labels', (algorithm) => {
    const ref = run('large_a_lloyd');
    const data = blobs();
    const n = data.length / D;
    expect(n).toBe(200000);
    const init = Array.from({ length: 8 }, (_, c) => Array.from(data.subarray(c * D, c * D + D)));
    const m = fitKMeans({ rows: n, cols: D, data }, { k: 8, init, maxIterations: 50, tolerance: 0, algorithm });
    expect(m.diagnostics.iterations).toBe(ref.n_iter);
    expect(rel(m.inertia, 5550043.637)).toBeLessThanOrEqual(1e-6);
    expect(rel(m.inertia, ref.inertia)).toBeLessThanOrEqual(1e-9);
    expect(m.clusterWeights).toEqual(ref.cluster_sizes);
    m.centroids.forEach((c, ci) => c.forEach((v, j) => expect(Math.abs(v - ref.centers[ci][j])).toBeLessThan(1e-9)));
    // scikit-learn's labels are the nearest of its final centres (the json holds the centres, not the labels).
    let agree = 0;
    for (let i = 0; i < n; i++) {
      let best = 0, bestDist = Infinity;
      for (let c = 0; c < 8; c++) {
        let s = 0;
        for (let j = 0; j < D; j++) { const t = data[i * D + j]! - ref.centers[c][j]; s += t * t; }
        if (s < bestDist) { bestDist = s; best = c; }
      }
      if (best === m.labels[i]) agree++;
    }
    expect(agree / n).toBeGreaterThanOrEqual(0.9999);
  });

  test('KM-small: log1p + z-score RFM of Online Retail, k = 4, 10 seeded k-means++ restarts: best inertia within 0.1% of scikit-learn', () => {
    const rows = parseCsv(readDataText('rfm_customers.csv.gz', RESULTS_DIR));
    const header = rows[0]!;
    const col = (name: string) => header.indexOf(name);
    const X = rows.slice(1).filter((r) => r.length === header.length).map((r) => [Number(r[col('recency')]), Number(r[col('frequency')]), Number(r[col('monetary')])]);
    const ref = run('small_raw');
    expect(X.length).toBe(ref.n_customers);
    const Z = applyClusterScaling(fitClusterScaling(X, ['log1p', 'zscore']), X);
    const m = fitKMeans(Z, { k: 4, nInit: 10, seed: 0 });
    expect(m.diagnostics.converged).toBe(true);
    expect(Math.abs(m.inertia - ref.best_inertia) / ref.best_inertia).toBeLessThanOrEqual(1e-3);
    expect(m.inertia).toBeCloseTo(3962.64, 0);
  });
});

describe('T-HC', () => {
  const hc = readResult('hc.py.json');
  const data = blobs();
  test.each(([2000, 10000] as const).flatMap((n) => (['single', 'complete', 'average', 'ward'] as const).map((l) => [l, n] as [LinkageMethod, number])))(
    'hierarchical(first n blobs, { linkage: %s }) n = %i: heights equal scipy to 1e-8 (sum, first 5, last 5)',
    (linkage, n) => {
      const ref = hc.runs.find((r: { part: string }) => r.part === `scipy:${linkage}:${n}`).result;
      const r = hierarchical({ rows: n, cols: D, data: data.slice(0, n * D) }, { linkage });
      const h = r.merges.map((m) => m[2]);
      expect(r.merges.length).toBe(ref.merges);
      expect(rel(h.reduce((s, v) => s + v, 0), ref.sum_heights)).toBeLessThanOrEqual(1e-8);
      h.slice(-5).forEach((v, i) => expect(rel(v, ref.last5_heights[i])).toBeLessThanOrEqual(1e-8));
      h.slice(0, 5).forEach((v, i) => expect(rel(v, ref.first5_heights[i])).toBeLessThanOrEqual(1e-8));
      expect(r.merges[n - 2]![3]).toBe(n);
    },
  );
});
