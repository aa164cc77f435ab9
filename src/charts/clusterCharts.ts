import { CrmError } from '../core/errors.js';
import { checkInteger } from '../core/validate.js';
import { makeSpec, requireFinite, requireRows, requireShape, type ChartOptions, type VegaLiteSpec } from './spec.js';

/** The fields of `kmeansElbow`'s result this chart reads. */
export interface ElbowChartInput {
  readonly k: readonly number[];
  readonly inertia: readonly number[];
}

/**
 * The elbow curve: the best inertia for each number of clusters k; the bend suggests k. O(K).
 * @param result - The result of `kmeansElbow` (crm-mining/cluster).
 * @returns A Vega-Lite specification.
 * @throws CrmError `WRONG_RESULT_KIND`, `EMPTY_INPUT`, `NON_FINITE`, `LENGTH_MISMATCH`
 * @example
 * elbowChart({ k: [1, 2, 3], inertia: [90, 30, 25] }).data.values[1]; // => { k: 2, inertia: 30 }
 */
export function elbowChart(result: ElbowChartInput, options?: ChartOptions): VegaLiteSpec {
  const chart = 'elbowChart';
  requireShape(result, ['k', 'inertia'], chart, 'kmeansElbow (crm-mining/cluster)');
  const ks = requireRows(result.k, chart, 'values of k');
  if (result.inertia.length !== ks.length) {
    throw new CrmError('LENGTH_MISMATCH', `${chart}: k has ${ks.length} values but inertia has ${result.inertia.length}.`);
  }
  const values = ks.map((k, i) => ({ k, inertia: result.inertia[i]! }));
  requireFinite(values, ['k', 'inertia'], chart);
  return makeSpec('Elbow: inertia by number of clusters', options, {
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'k', type: 'ordinal', title: 'number of clusters k' },
      y: { field: 'inertia', type: 'quantitative', title: 'inertia (within-cluster sum of squares)' },
    },
  });
}

/**
 * The silhouette plot: every point's silhouette, sorted within its cluster, one band per cluster,
 * with the mean as a rule. Values near 1 sit well in their cluster; below 0, closer to another.
 * O(n log n).
 * @param samples - The result of `silhouetteSamples` (crm-mining/cluster).
 * @param labels - The cluster labels the silhouettes were computed for; same length.
 * @returns A Vega-Lite specification.
 * @throws CrmError `WRONG_RESULT_KIND`, `EMPTY_INPUT`, `NON_FINITE`, `LENGTH_MISMATCH`
 * @example
 * silhouetteChart([0.7, 0.8, 0.6], [0, 0, 1]).data.values[0]; // => { cluster: '0', rank: 0, silhouette: 0.8 }
 */
export function silhouetteChart(samples: readonly number[], labels: ArrayLike<number | string>, options?: ChartOptions): VegaLiteSpec {
  const chart = 'silhouetteChart';
  if (!Array.isArray(samples)) requireShape(samples, ['length'], chart, 'silhouetteSamples (crm-mining/cluster)');
  requireRows(samples, chart, 'silhouette values');
  if (labels === null || typeof labels !== 'object' || labels.length !== samples.length) {
    throw new CrmError('LENGTH_MISMATCH', `${chart}: pass one label per silhouette value (${samples.length}).`);
  }
  const rows = samples.map((s, i) => ({ cluster: String(labels[i]), silhouette: s }));
  requireFinite(rows, ['silhouette'], chart);
  rows.sort((a, b) => (a.cluster < b.cluster ? -1 : a.cluster > b.cluster ? 1 : b.silhouette - a.silhouette));
  const values = rows.map((r, rank) => ({ cluster: r.cluster, rank, silhouette: r.silhouette }));
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  return makeSpec(`Silhouette by cluster (mean ${mean.toFixed(3)})`, options, {
    data: { values },
    layer: [
      {
        mark: { type: 'bar', orient: 'horizontal' },
        encoding: {
          y: { field: 'rank', type: 'ordinal', axis: null, title: 'points, sorted within each cluster' },
          x: { field: 'silhouette', type: 'quantitative', scale: { domain: [-1, 1] } },
          color: { field: 'cluster', type: 'nominal' },
        },
      },
      { data: { values: [{ mean }] }, mark: { type: 'rule', strokeDash: [4, 4], color: 'firebrick' }, encoding: { x: { field: 'mean', type: 'quantitative' } } },
    ],
  });
}

/** The fields of `hierarchical`'s result this chart reads. */
export interface DendrogramChartInput {
  readonly kind: 'hierarchical';
  readonly n: number;
  readonly merges: readonly (readonly [number, number, number, number])[];
}

/**
 * The dendrogram, drawn as scipy draws it (left branch first). With many leaves only the last
 * `maxLeaves - 1` merges are drawn and the clusters below them become leaves labelled with their
 * size (scipy's `truncate_mode='lastp'`). O(n).
 * @param result - The result of `hierarchical` (crm-mining/cluster).
 * @param options - `maxLeaves` (default 60).
 * @returns A Vega-Lite specification with one segment per line of the drawing.
 * @throws CrmError `WRONG_RESULT_KIND`, `EMPTY_INPUT`, `NON_FINITE`, `INVALID_OPTION`
 * @example
 * dendrogramChart({ kind: 'hierarchical', n: 3, merges: [[0, 1, 1, 2], [2, 3, 4, 3]] }).layer[0].data.values.length; // => 6
 */
export function dendrogramChart(result: DendrogramChartInput, options?: ChartOptions & { maxLeaves?: number }): VegaLiteSpec {
  const chart = 'dendrogramChart';
  requireShape(result, ['n', 'merges'], chart, 'hierarchical (crm-mining/cluster)', 'hierarchical');
  const merges = requireRows(result.merges, chart, 'merges');
  const n = result.n;
  const maxLeaves = checkInteger('maxLeaves', options?.maxLeaves ?? 60, { min: 2 });
  merges.forEach((m, i) => {
    if (!Array.isArray(m) || m.length < 4 || !m.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw new CrmError('NON_FINITE', `${chart}: merge ${i} is not four finite numbers.`, { row: i });
    }
  });
  // Merges with index >= firstShown are drawn; anything formed earlier is a (truncated) leaf.
  const firstShown = Math.max(0, merges.length - (maxLeaves - 1));
  const segments: { x: number; x2: number; y: number; y2: number }[] = [];
  const leaves: { x: number; label: string }[] = [];
  const place = (id: number): { x: number; y: number } => {
    if (id < n || id - n < firstShown) {
      const x = leaves.length * 10 + 5;
      leaves.push({ x, label: id < n ? String(id) : `(${merges[id - n]![3]})` });
      return { x, y: 0 };
    }
    const [left, right, height] = merges[id - n]!;
    const a = place(left);
    const b = place(right);
    segments.push({ x: a.x, x2: a.x, y: a.y, y2: height }, { x: b.x, x2: b.x, y: b.y, y2: height }, { x: a.x, x2: b.x, y: height, y2: height });
    return { x: (a.x + b.x) / 2, y: height };
  };
  place(n + merges.length - 1);
  const x = { field: 'x', type: 'quantitative', axis: null, scale: { domain: [0, leaves.length * 10] } };
  return makeSpec('Dendrogram', options, {
    layer: [
      { data: { values: segments }, mark: { type: 'rule' }, encoding: { x, x2: { field: 'x2' }, y: { field: 'y', type: 'quantitative', title: 'merge height' }, y2: { field: 'y2' } } },
      { data: { values: leaves }, mark: { type: 'text', angle: 270, align: 'right', dy: 0, baseline: 'middle', fontSize: 9, yOffset: 6 }, encoding: { x, y: { datum: 0, type: 'quantitative' }, text: { field: 'label' } } },
    ],
  });
}

/** The fields of `profileSegments`'s result this chart reads. */
export interface ClusterProfileChartInput {
  readonly features: readonly string[];
  readonly segments: readonly { readonly label: number | string; readonly size: number; readonly means: Readonly<Record<string, number>>; readonly relativeMeans: Readonly<Record<string, number | null>> }[];
}

/**
 * The segment profile as a heatmap: one row per segment, one column per feature, coloured by the
 * segment's mean relative to the overall mean (1 = average) and labelled with the mean in the
 * feature's own units. O(segments x features).
 * @param profile - The result of `profileSegments` (crm-mining/cluster).
 * @returns A Vega-Lite specification.
 * @throws CrmError `WRONG_RESULT_KIND`, `EMPTY_INPUT`, `NON_FINITE`
 * @example
 * clusterProfileChart({ features: ['spend'], segments: [{ label: 0, size: 2, means: { spend: 10 }, relativeMeans: { spend: 0.5 } }] }).data.values[0].relativeMean; // => 0.5
 */
export function clusterProfileChart(profile: ClusterProfileChartInput, options?: ChartOptions): VegaLiteSpec {
  const chart = 'clusterProfileChart';
  requireShape(profile, ['features', 'segments'], chart, 'profileSegments (crm-mining/cluster)');
  const segments = requireRows(profile.segments, chart, 'segments');
  const features = requireRows(profile.features, chart, 'features');
  const values = segments.flatMap((s) =>
    features.map((f) => ({ segment: `${String(s.label)} (n = ${s.size})`, feature: f, mean: s.means[f]!, relativeMean: s.relativeMeans[f] ?? null })),
  );
  requireFinite(values, ['mean'], chart);
  return makeSpec('Segment profiles: mean relative to the overall mean', options, {
    data: { values },
    encoding: {
      x: { field: 'feature', type: 'nominal', sort: [...features], title: null },
      y: { field: 'segment', type: 'nominal', title: 'segment' },
    },
    layer: [
      { mark: 'rect', encoding: { color: { field: 'relativeMean', type: 'quantitative', title: 'mean / overall mean', scale: { scheme: 'blueorange', domainMid: 1 } } } },
      { mark: { type: 'text', fontSize: 10 }, encoding: { text: { field: 'mean', type: 'quantitative', format: '.3~s' } } },
    ],
  });
}
