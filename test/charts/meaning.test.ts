// Every chart is checked for what it SAYS: the numbers in the Vega-Lite spec's data are read back
// and compared with the numbers of the result it draws (not only that the spec compiles).
import { describe, expect, test } from 'vitest';
import {
  clusterProfileChart, dendrogramChart, elbowChart, featureImportanceChart, gainChart, liftChart, migrationChart,
  paretoChart, rfmGridChart, rocChart, silhouetteChart,
} from '../../src/charts/index.js';
import { paretoAnalysis, rfmScore } from '../../src/rfm/index.js';
import { lifecycleTransitions } from '../../src/lifecycle/index.js';
import { liftTable, rocAuc, rocCurve } from '../../src/metrics/index.js';
import { fitKMeans, hierarchical, kmeansElbow, profileSegments, silhouette, silhouetteSamples } from '../../src/cluster/index.js';
import { fitDecisionTree, treePermutationImportance } from '../../src/tree/index.js';
import { createRandom } from '../../src/core/random.js';
import { renderSvg } from './render.js';

type Row = Record<string, number | string>;
const layerValues = (spec: object, i: number): Row[] => (spec as { layer: { data: { values: Row[] } }[] }).layer[i]!.data.values;
const dataValues = (spec: object): Row[] => (spec as { data: { values: Row[] } }).data.values;

/** The polyline through (x, y) points evaluated at x0 (linear interpolation; the last point at a repeated x). */
function at(points: { x: number; y: number }[], x0: number): number {
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!, b = points[i]!;
    if (x0 >= a.x && x0 <= b.x) return b.x === a.x ? b.y : a.y + ((b.y - a.y) * (x0 - a.x)) / (b.x - a.x);
  }
  throw new Error(`x = ${x0} is outside the curve`);
}

/** Area under a polyline drawn with the mark's interpolation ('linear' or 'step-after'). */
function area(points: { x: number; y: number }[], interpolate: string): number {
  let s = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!, b = points[i]!;
    s += (b.x - a.x) * (interpolate === 'step-after' ? a.y : (a.y + b.y) / 2);
  }
  return s;
}

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay;
  const l2 = dx * dx + dy * dy;
  const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / l2));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

const r = createRandom(12);
const skewed = Array.from({ length: 700 }, () => Math.exp(3 * r()) * (r() < 0.1 ? 20 : 1));
const many = Array.from({ length: 5003 }, () => Math.exp(4 * r()));

describe('paretoChart draws the concentration curve that topShares and golden describe', () => {
  test.each([
    ['700 customers (every Lorenz point)', skewed],
    ['5003 customers (sampled Lorenz curve)', many],
  ])('paretoChart(paretoAnalysis(values)) for %s: the curve at each top share equals topShares, the golden point lies on it', (_name, values) => {
    const p = paretoAnalysis(values, { topFractions: [0.01, 0.1, 0.2, 0.5] });
    const spec = paretoChart(p);
    const curve = layerValues(spec, 0).map((v) => ({ x: v.customerShare as number, y: v.valueShare as number }));
    expect(curve[0]).toEqual({ x: 0, y: 0 });
    expect(curve[curve.length - 1]).toEqual({ x: 1, y: 1 });
    for (let i = 1; i < curve.length; i++) {
      expect(curve[i]!.x).toBeGreaterThanOrEqual(curve[i - 1]!.x);
      expect(curve[i]!.y).toBeGreaterThanOrEqual(curve[i - 1]!.y);
    }
    for (const t of p.topShares) expect(Math.abs(at(curve, t.customers / p.n) - t.valueShare)).toBeLessThanOrEqual(1e-12);
    const twenty = p.topShares.find((t) => t.topFraction === 0.2)!;
    expect(at(curve, twenty.customers / p.n)).toBeCloseTo(twenty.valueShare, 12);
    const dot = layerValues(spec, 2)[0]!;
    expect(dot.customerShare).toBe(p.golden.customerShare);
    expect(dot.valueShare).toBe(p.golden.valueShare);
    expect(Math.abs(at(curve, dot.customerShare as number) - (dot.valueShare as number))).toBeLessThanOrEqual(1e-12);
    // A concentration curve is concave: the largest customers come first.
    for (let i = 2; i < curve.length; i++) {
      const a = curve[i - 2]!, b = curve[i - 1]!, c = curve[i]!;
      expect((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)).toBeLessThanOrEqual(1e-12);
    }
    expect(curve.length).toBeLessThanOrEqual(1000);
  });

  test('paretoChart: twice the area between the curve and the diagonal is the Gini coefficient in the title', () => {
    const p = paretoAnalysis(skewed);
    const spec = paretoChart(p);
    const curve = layerValues(spec, 0).map((v) => ({ x: v.customerShare as number, y: v.valueShare as number }));
    expect(2 * (area(curve, 'linear') - 0.5)).toBeCloseTo(p.gini, 12);
    expect(spec.title).toBe(`Concentration of value (Gini ${p.gini.toFixed(2)})`);
  });

  test('paretoChart renders', async () => {
    expect(await renderSvg(paretoChart(paretoAnalysis(skewed)))).toMatch(/^<svg/);
  });
});

describe('rocChart draws exactly the ROC curve, with few points', () => {
  test('rocChart(rocCurve(...)) with tied scores: every point drawn is a curve point, and the area under the drawn line is rocAuc', () => {
    const labels = Array.from({ length: 600 }, () => (r() < 0.3 ? 1 : 0));
    const scores = labels.map((y) => Math.round((y * 0.4 + r()) * 10) / 10);
    const curve = rocCurve(labels, scores);
    const spec = rocChart(curve);
    const layer = (spec as unknown as { layer: { mark: { interpolate: string } }[] }).layer[0]!;
    const drawn = layerValues(spec, 0).map((v) => ({ x: v.falsePositiveRate as number, y: v.truePositiveRate as number }));
    const pairs = new Set(curve.falsePositiveRate.map((x, i) => `${x},${curve.truePositiveRate[i]}`));
    for (const p of drawn) expect(pairs.has(`${p.x},${p.y}`)).toBe(true);
    expect(area(drawn, layer.mark.interpolate)).toBeCloseTo(rocAuc(labels, scores), 12);
  });

  test('rocChart of a 13,564-row curve embeds at most 1,000 points, keeps the ends, and no curve point is farther from the line than maxDeviation', () => {
    const n = 13564;
    const labels = Array.from({ length: n }, () => (r() < 0.27 ? 1 : 0));
    const scores = labels.map((y) => y * 0.8 + r() + r());
    const curve = rocCurve(labels, scores);
    const spec = rocChart(curve, { auc: rocAuc(labels, scores) });
    const drawn = layerValues(spec, 0).map((v) => ({ x: v.falsePositiveRate as number, y: v.truePositiveRate as number }));
    expect(drawn.length).toBeLessThanOrEqual(1000);
    expect(drawn[0]).toEqual({ x: 0, y: 0 });
    expect(drawn[drawn.length - 1]).toEqual({ x: 1, y: 1 });
    expect(JSON.stringify(spec).length).toBeLessThan(100_000);
    const meta = spec.usermeta as { points: number; pointsShown: number; maxDeviation: number };
    expect(meta).toMatchObject({ points: curve.falsePositiveRate.length, pointsShown: drawn.length });
    let worst = 0;
    let s = 0;
    for (let i = 0; i < curve.falsePositiveRate.length; i++) {
      const px = curve.falsePositiveRate[i]!, py = curve.truePositiveRate[i]!;
      while (s < drawn.length - 2 && drawn[s + 1]!.x < px) s++;
      let best = Infinity;
      for (let t = Math.max(0, s - 2); t < Math.min(drawn.length - 1, s + 3); t++) {
        best = Math.min(best, segmentDistance(px, py, drawn[t]!.x, drawn[t]!.y, drawn[t + 1]!.x, drawn[t + 1]!.y));
      }
      worst = Math.max(worst, best);
    }
    expect(worst).toBeLessThanOrEqual(meta.maxDeviation + 1e-12);
    expect(meta.maxDeviation).toBeLessThan(0.01);
    expect(Math.abs(area(drawn, 'linear') - rocAuc(labels, scores))).toBeLessThan(0.005);
  });
});

describe('gainChart, liftChart and featureImportanceChart show the numbers of their table or model', () => {
  const labels = Array.from({ length: 500 }, () => (r() < 0.2 ? 1 : 0));
  const scores = labels.map((y) => y * 0.3 + r());
  const table = liftTable(labels, scores, { groups: 10 });
  test('gainChart points are (0, 0) then each group\'s (cumulativeShare, cumulativeGain)', () => {
    const pts = layerValues(gainChart(table), 0);
    expect(pts.map((p) => [p.cumulativeShare, p.cumulativeGain])).toEqual([[0, 0], ...table.map((g) => [g.cumulativeShare, g.cumulativeGain])]);
  });
  test('liftChart bars are each group\'s lift', () => {
    expect(layerValues(liftChart(table), 0).map((b) => [b.group, b.lift])).toEqual(table.map((g) => [g.group, g.lift]));
  });
  test('featureImportanceChart bars are the model\'s importances and the permutation means, by feature', () => {
    const rows = Array.from({ length: 120 }, () => [r(), r(), r()]);
    const ys = rows.map((x) => (x[0]! + 0.3 * x[1]! > 0.7 ? 'yes' : 'no'));
    const tree = fitDecisionTree(rows, ys, { maxDepth: 3 });
    const bars = dataValues(featureImportanceChart(tree));
    expect(Object.fromEntries(bars.map((b) => [b.feature, b.importance]))).toEqual(Object.fromEntries(tree.columns.map((c, j) => [c.name, tree.featureImportance[j]])));
    const perm = treePermutationImportance(tree, rows, ys, { seed: 2 });
    const pb = dataValues(featureImportanceChart(perm));
    expect(Object.fromEntries(pb.map((b) => [b.feature, b.importance]))).toEqual(Object.fromEntries(perm.columns.map((c, j) => [c, perm.mean[j]])));
  });
});

describe('rfmGridChart and migrationChart show the counts of their result', () => {
  const orders: { customer: string; date: number; amount: number }[] = [];
  for (let c = 0; c < 150; c++) {
    const k = 1 + Math.floor(r() * 6);
    for (let t = 0; t < k; t++) orders.push({ customer: `c${c}`, date: Date.UTC(2024, 0, 1) + Math.floor(r() * 360) * 86_400_000, amount: 5 + Math.floor(r() * 300) });
  }
  test('rfmGridChart cells count the customers of each (r, f) cell, with their mean monetary value', () => {
    const rfm = rfmScore(orders);
    const cells = dataValues(rfmGridChart(rfm));
    const expected = new Map<string, number[]>();
    for (const c of rfm.customers) expected.set(`${c.r}:${c.f}`, [...(expected.get(`${c.r}:${c.f}`) ?? []), c.monetary]);
    expect(cells.length).toBe(expected.size);
    for (const cell of cells) {
      const m = expected.get(`${cell.r}:${cell.f}`)!;
      expect(cell.customers).toBe(m.length);
      expect(cell.meanMonetary).toBeCloseTo(m.reduce((a, b) => a + b, 0) / m.length, 9);
    }
  });
  test('migrationChart cells are the transition counts and row shares, with dates and readable stage names', async () => {
    const tr = lifecycleTransitions(orders, { from: '2024-09-01', to: '2024-12-26' });
    const spec = migrationChart(tr);
    const cells = dataValues(spec);
    const words = (s: string) => s.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    tr.stages.forEach((a, i) => tr.stages.forEach((b, j) => {
      const cell = cells.find((c) => c.from === words(a) && c.to === words(b))!;
      expect([cell.customers, cell.share]).toEqual([tr.counts[i]![j], tr.shares[i]![j]]);
    }));
    expect(cells.some((c) => c.from === 'at risk')).toBe(true);
    expect(spec.title).toBe('Lifecycle migration, 2024-09-01 to 2024-12-26');
    const enc = (spec as unknown as { encoding: { x: { title: string }; y: { title: string } } }).encoding;
    expect([enc.x.title, enc.y.title]).toEqual(['stage at 2024-12-26', 'stage at 2024-09-01']);
    expect(JSON.stringify(spec)).not.toMatch(/T00:00:00/);
    expect(await renderSvg(spec)).toMatch(/^<svg/);
  });
});

describe('cluster charts show the numbers of their result', () => {
  const pts = Array.from({ length: 240 }, (_, i) => [(i % 3) * 4 + r() * 2, (i % 3 === 1 ? 3 : 0) + r() * 2]);
  const km = fitKMeans(pts, { k: 3, seed: 1 });
  test('elbowChart points are kmeansElbow\'s inertia (or explained share) per k', () => {
    const e = kmeansElbow(pts, { maxK: 6, seed: 1 });
    expect(dataValues(elbowChart(e)).map((p) => [p.k, p.inertia])).toEqual(e.k.map((k, i) => [k, e.inertia[i]]));
    expect(dataValues(elbowChart(e, { show: 'explained' })).map((p) => [p.k, p.explained])).toEqual(e.k.map((k, i) => [k, e.explained[i]]));
  });
  test('dendrogramChart: every merge is drawn at its height between the positions of its two children', () => {
    const h = hierarchical(pts.slice(0, 40), { linkage: 'average' });
    const segs = layerValues(dendrogramChart(h, { maxLeaves: 40 }), 0);
    const bars = segs.filter((s) => s.y === s.y2 && s.x !== s.x2);
    expect(bars.map((b) => b.y).sort((a, b) => (a as number) - (b as number))).toEqual(h.merges.map((m) => m[2]).sort((a, b) => a - b));
    // Each vertical rises from a child's height (0 for a leaf) to its parent's merge height.
    const heights = new Set([0, ...h.merges.map((m) => m[2])]);
    for (const s of segs.filter((v) => v.x === v.x2)) expect(heights.has(s.y as number) && heights.has(s.y2 as number)).toBe(true);
  });
  test('silhouetteChart: each cluster\'s values are its silhouetteSamples, sorted, and the mean is silhouette()', () => {
    const samples = silhouetteSamples(pts, km.labels);
    const spec = silhouetteChart(samples, km.labels);
    const vals = dataValues(spec);
    expect(vals.length).toBe(samples.length);
    for (const c of new Set(km.labels)) {
      const mine = samples.filter((_, i) => km.labels[i] === c).sort((a, b) => b - a);
      expect(vals.filter((v) => v.cluster === String(c)).sort((a, b) => (a.rank as number) - (b.rank as number)).map((v) => v.silhouette)).toEqual(mine);
    }
    expect((spec.usermeta as { mean: number }).mean).toBeCloseTo(silhouette(pts, km.labels), 12);
  });
  test('silhouetteChart of 3,000 rows embeds about 1,000 points, each the sorted silhouette at its rank', async () => {
    const big = Array.from({ length: 3000 }, (_, i) => [(i % 4) * 3 + r() * 2, r() * 2]);
    const labels = fitKMeans(big, { k: 4, seed: 2 }).labels;
    const samples = silhouetteSamples(big, labels);
    const spec = silhouetteChart(samples, labels);
    const vals = dataValues(spec);
    expect(vals.length).toBeLessThanOrEqual(1000 + 8);
    for (const c of new Set(labels)) {
      const mine = samples.filter((_, i) => labels[i] === c).sort((a, b) => b - a);
      const shown = vals.filter((v) => v.cluster === String(c));
      expect(shown[0]!.rank).toBe(0);
      expect(shown[shown.length - 1]!.rank).toBe(mine.length - 1);
      for (const v of shown) expect(v.silhouette).toBe(mine[v.rank as number]);
    }
    expect(await renderSvg(spec)).toMatch(/^<svg/);
  });
  test('clusterProfileChart cells are the profile\'s means and relative means', () => {
    const prof = profileSegments(pts, km.labels, { features: ['orders', 'spend'] });
    const cells = dataValues(clusterProfileChart(prof));
    for (const s of prof.segments) for (const f of prof.features) {
      const cell = cells.find((c) => c.feature === f && c.segment === `${s.label} (n = ${s.size})`)!;
      expect([cell.mean, cell.relativeMean]).toEqual([s.means[f], s.relativeMeans[f]]);
    }
  });
});
