import { describe, expect, test } from 'vitest';
import { codeOf } from '../helpers/errors.js';
import { clusterProfileChart, dendrogramChart, elbowChart, featureImportanceChart, silhouetteChart } from '../../src/charts/index.js';
import { fitKMeans, hierarchical, kmeansElbow, profileSegments, silhouetteSamples } from '../../src/cluster/index.js';
import { fitDecisionTree, treePermutationImportance } from '../../src/tree/index.js';
import { createRandom } from '../../src/core/random.js';
import { renderSvg } from './render.js';


const r = createRandom(4);
const points = Array.from({ length: 90 }, (_, i) => [(i % 3) * 5 + r(), (i % 3 === 1 ? 4 : 0) + r()]);
const km = fitKMeans(points, { k: 3, seed: 1 });
const hc = hierarchical(points, { linkage: 'ward' });
const rows = points.map((p) => [p[0]!, p[1]!, r()]);
const labels = points.map((p) => (p[0]! > 4 ? 'yes' : 'no'));
const tree = fitDecisionTree(rows, labels, { maxDepth: 3 });

type Layered = { layer: { data: { values: Record<string, number>[] } }[] };

describe('cluster and tree charts render to SVG', () => {
  test('elbow, silhouette, dendrogram, profile and importance charts compile and render', async () => {
    const specs = [
      elbowChart(kmeansElbow(points, { maxK: 5, seed: 1 })),
      silhouetteChart(silhouetteSamples(points, km.labels), km.labels),
      dendrogramChart(hc),
      dendrogramChart(hc, { maxLeaves: 10 }),
      clusterProfileChart(profileSegments(points, km.labels)),
      featureImportanceChart(tree),
      featureImportanceChart(treePermutationImportance(tree, rows, labels, { seed: 1 })),
    ];
    for (const spec of specs) {
      expect(await renderSvg(spec)).toMatch(/^<svg/);
      expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
    }
  });

  test('dendrogramChart draws three segments per merge, each merge at its height, leaves in scipy order', () => {
    const spec = dendrogramChart(hc, { maxLeaves: 1000 }) as unknown as Layered;
    const segs = spec.layer[0]!.data.values;
    expect(segs.length).toBe(3 * hc.merges.length);
    const heights = segs.filter((s) => s.y === s.y2).map((s) => s.y).sort((a, b) => a! - b!);
    expect(heights).toEqual(hc.merges.map((m) => m[2]).sort((a, b) => a - b));
    const leafLabels = (spec.layer[1]!.data.values as unknown as { label: string }[]).map((l) => Number(l.label));
    expect(leafLabels).toEqual(hc.leafOrder);
  });

  test('dendrogramChart truncates to maxLeaves leaves whose sizes add up to n', () => {
    const spec = dendrogramChart(hc, { maxLeaves: 10 }) as unknown as Layered;
    const leaves = spec.layer[1]!.data.values as unknown as { label: string }[];
    expect(leaves.length).toBe(10);
    const total = leaves.reduce((s, l) => s + (l.label.startsWith('(') ? Number(l.label.slice(1, -1)) : 1), 0);
    expect(total).toBe(points.length);
  });

  test('featureImportanceChart sorts features by importance', () => {
    const values = (featureImportanceChart(tree).data as { values: { importance: number }[] }).values;
    for (let i = 1; i < values.length; i++) expect(values[i - 1]!.importance).toBeGreaterThanOrEqual(values[i]!.importance);
  });
});

describe('dendrogramChart checks the linkage (D27)', () => {
  const h = JSON.parse(JSON.stringify(hierarchical([[0], [1], [10], [11], [20], [21]], { linkage: 'average' })));
  test('dendrogramChart(linkage whose merge is made of itself) is INVALID_MODEL, not a stack overflow', () => {
    const cyc = structuredClone(h);
    cyc.merges[0] = [h.n, h.n, cyc.merges[0][2], 2];
    expect(codeOf(() => dendrogramChart(cyc))).toBe('INVALID_MODEL');
    expect(codeOf(() => dendrogramChart({ ...h, n: String(h.n) }))).toBe('INVALID_MODEL');
    const twice = structuredClone(h);
    twice.merges[1] = [twice.merges[0][0], 7, twice.merges[1][2], 2];
    expect(codeOf(() => dendrogramChart(twice))).toBe('INVALID_MODEL');
  });
  test('dendrogramChart of a 100,000-leaf caterpillar linkage (depth 100,000) draws every merge without recursion', () => {
    const n = 100_000;
    const merges: [number, number, number, number][] = [[0, 1, 1, 2]];
    for (let i = 1; i < n - 1; i++) merges.push([i + 1, n + i - 1, i + 1, i + 2]);
    const spec = dendrogramChart({ kind: 'hierarchical', n, merges }, { maxLeaves: n }) as unknown as Layered;
    expect(spec.layer[0]!.data.values.length).toBe(3 * (n - 1));
    expect(spec.layer[1]!.data.values.length).toBe(n);
  });
});

describe('cluster and tree charts refuse bad input', () => {
  test('wrong kinds name the producing function', () => {
    expect(codeOf(() => elbowChart(km as never))).toBe('WRONG_RESULT_KIND');
    expect(() => elbowChart(km as never)).toThrow(/kmeansElbow/);
    expect(codeOf(() => dendrogramChart(km as never))).toBe('WRONG_RESULT_KIND');
    expect(() => dendrogramChart(km as never)).toThrow(/hierarchical/);
    expect(codeOf(() => clusterProfileChart(km as never))).toBe('WRONG_RESULT_KIND');
    expect(codeOf(() => featureImportanceChart(km as never))).toBe('WRONG_RESULT_KIND');
    expect(() => featureImportanceChart(km as never)).toThrow(/fitDecisionTree/);
    expect(codeOf(() => silhouetteChart(km as never, km.labels))).toBe('WRONG_RESULT_KIND');
  });
  test('empty results, mismatched lengths and non-finite values are refused', () => {
    expect(codeOf(() => elbowChart({ k: [], inertia: [] }))).toBe('EMPTY_INPUT');
    expect(codeOf(() => elbowChart({ k: [1, 2], inertia: [1] }))).toBe('LENGTH_MISMATCH');
    expect(codeOf(() => elbowChart({ k: [1], inertia: [Number.NaN] }))).toBe('NON_FINITE');
    expect(codeOf(() => silhouetteChart([0.5, Number.NaN], [0, 1]))).toBe('NON_FINITE');
    expect(codeOf(() => silhouetteChart([0.5], [0, 1]))).toBe('LENGTH_MISMATCH');
    expect(codeOf(() => silhouetteChart([], []))).toBe('EMPTY_INPUT');
    expect(codeOf(() => dendrogramChart({ ...hc, merges: [] }))).toBe('INVALID_MODEL');
    expect(codeOf(() => dendrogramChart({ ...hc, n: 2, merges: [[0, 1, Number.NaN, 2]] }))).toBe('INVALID_MODEL');
    expect(codeOf(() => dendrogramChart({ kind: 'hierarchical', n: 1, merges: [] }))).toBe('EMPTY_INPUT');
    expect(codeOf(() => dendrogramChart(hc, { maxLeaves: 1 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => featureImportanceChart({ columns: ['a'], mean: [Infinity] }))).toBe('NON_FINITE');
    expect(codeOf(() => clusterProfileChart({ features: ['a'], segments: [] }))).toBe('EMPTY_INPUT');
  });
});
