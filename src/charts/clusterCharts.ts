import { CrmError, describeValue } from '../core/errors.js';
import { checkInteger, checkNumber, checkOneOf } from '../core/validate.js';
import { checkLinkage } from '../core/linkage.js';
import { makeSpec, requireFinite, requireRows, requireShape, resolveChartOptions, type ChartOptions, type VegaLiteSpec } from './spec.js';
import { simplifyCurve } from './simplify.js';

/** The fields of `kmeansElbow`'s result this chart reads. */
export interface ElbowChartInput {
  readonly k: readonly number[];
  readonly inertia: readonly number[];
  /** Needed for `show: 'explained'`. */
  readonly explained?: readonly number[];
}

/**
 * The elbow curve: the best inertia for each number of clusters k (or, with `show: 'explained'`,
 * the share of the k = 1 inertia it removes); the bend suggests k. O(K).
 * @param result - The result of `kmeansElbow` (crm-mining/cluster).
 * @param options - Title, size, axis titles; `show`: `'inertia'` (default) or `'explained'`.
 * @returns A Vega-Lite specification.
 * @throws CrmError `WRONG_RESULT_KIND`, `EMPTY_INPUT`, `NON_FINITE`, `LENGTH_MISMATCH`, `INVALID_OPTION`
 * @example
 * elbowChart({ k: [1, 2, 3], inertia: [90, 30, 25] }).data.values[1]; // => { k: 2, inertia: 30 }
 */
export function elbowChart(result: ElbowChartInput, options?: ChartOptions & { show?: 'inertia' | 'explained' }): VegaLiteSpec {
  const chart = 'elbowChart';
  const { chart: o0, own } = resolveChartOptions(chart, options, { xTitle: 'number of clusters k', yTitle: '' }, { show: undefined as 'inertia' | 'explained' | undefined });
  const show = checkOneOf('show', own.show ?? 'inertia', ['inertia', 'explained'] as const);
  const o = { ...o0, yTitle: o0.yTitle || (show === 'inertia' ? 'inertia (within-cluster sum of squares)' : 'share of the k = 1 inertia removed') };
  requireShape(result, ['k', 'inertia'], chart, 'kmeansElbow (crm-mining/cluster)');
  const ks = requireRows(result.k, chart, 'values of k');
  const ys = show === 'inertia' ? result.inertia : result.explained;
  if (!Array.isArray(ys) || ys.length !== ks.length) {
    throw new CrmError('LENGTH_MISMATCH', `${chart}: k has ${ks.length} values but ${show} has ${Array.isArray(ys) ? ys.length : 'none'}.`, { chart });
  }
  const values = ks.map((k, i) => ({ k, [show]: ys[i]! }) as Record<string, number>);
  requireFinite(values, ['k', show], chart);
  return makeSpec(show === 'inertia' ? 'Elbow: inertia by number of clusters' : 'Elbow: share of inertia explained by number of clusters', o, {
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'k', type: 'ordinal', title: o.xTitle },
      y: { field: show, type: 'quantitative', title: o.yTitle, ...(show === 'explained' ? { axis: { format: '.0%' } } : {}) },
    },
  });
}

/**
 * The silhouette plot (scikit-learn style): each cluster's silhouettes sorted from largest to
 * smallest and drawn as a filled profile, one band per cluster with a gap between bands, and the
 * mean as a rule. Values near 1 sit well in their cluster; below 0, closer to another. Up to
 * `maxPoints` (default 1000) rows every silhouette is a vertex; above, each cluster's sorted curve
 * keeps its first and last values and the points farthest from the drawn line (Douglas-Peucker),
 * in proportion to the cluster's size, and `usermeta.maxDeviation` says how far the drawing can be
 * off. O(n log n).
 * @param samples - The result of `silhouetteSamples` (crm-mining/cluster).
 * @param labels - The cluster labels the silhouettes were computed for; same length.
 * @param options - Title, size, axis titles; `maxPoints`.
 * @returns A Vega-Lite specification; `data.values` holds `{ cluster, rank, position, silhouette }`
 *   where `rank` is the rank within the cluster (0 = largest).
 * @throws CrmError `WRONG_RESULT_KIND`, `EMPTY_INPUT`, `NON_FINITE`, `LENGTH_MISMATCH`, `INVALID_OPTION`
 * @example
 * silhouetteChart([0.7, 0.8, 0.6], [0, 0, 1]).data.values[0]; // => { cluster: '0', rank: 0, position: 0, silhouette: 0.8 }
 */
export function silhouetteChart(samples: readonly number[], labels: ArrayLike<number | string>, options?: ChartOptions & { maxPoints?: number }): VegaLiteSpec {
  const chart = 'silhouetteChart';
  const { chart: o, own } = resolveChartOptions(chart, options, { xTitle: 'silhouette', yTitle: 'points, sorted within each cluster' }, { maxPoints: undefined as number | undefined });
  const maxPoints = checkInteger('maxPoints', own.maxPoints ?? 1000, { min: 2 });
  if (!Array.isArray(samples)) requireShape(samples, ['length'], chart, 'silhouetteSamples (crm-mining/cluster)');
  requireRows(samples, chart, 'silhouette values');
  if (labels === null || typeof labels !== 'object' || labels.length !== samples.length) {
    throw new CrmError('LENGTH_MISMATCH', `${chart}: pass one label per silhouette value (${samples.length}).`, { chart });
  }
  const rows = samples.map((s, i) => {
    const l = labels[i];
    if ((typeof l !== 'number' || !Number.isFinite(l)) && typeof l !== 'string') {
      throw new CrmError('MISSING_VALUE', `${chart}: labels[${i}] is ${describeValue(l)}; labels are numbers or strings.`, { chart, row: i });
    }
    return { cluster: String(l), silhouette: s };
  });
  requireFinite(rows, ['silhouette'], chart);
  rows.sort((a, b) => (a.cluster < b.cluster ? -1 : a.cluster > b.cluster ? 1 : b.silhouette - a.silhouette));
  const n = rows.length;
  const gap = Math.max(1, Math.round(n * 0.02));
  const values: { cluster: string; rank: number; position: number; silhouette: number }[] = [];
  let maxDeviation = 0;
  let offset = 0;
  for (let start = 0; start < n;) {
    let end = start;
    while (end < n && rows[end]!.cluster === rows[start]!.cluster) end++;
    const size = end - start;
    const ranks = Array.from({ length: size }, (_, r) => r);
    const ss = rows.slice(start, end).map((r) => r.silhouette);
    const kept = n <= maxPoints ? ranks : simplifyCurve(ranks, ss, Math.max(2, Math.floor((maxPoints * size) / n)));
    const idx = Array.isArray(kept) ? kept : kept.kept;
    if (!Array.isArray(kept) && kept.maxDeviation > maxDeviation) maxDeviation = kept.maxDeviation;
    for (const r of idx) values.push({ cluster: rows[start]!.cluster, rank: r, position: offset + r, silhouette: ss[r]! });
    offset += size + gap;
    start = end;
  }
  let total = 0;
  for (const s of samples) total += s;
  const mean = total / n;
  const x = { field: 'silhouette', type: 'quantitative', title: o.xTitle, scale: { domain: [-1, 1] } };
  return makeSpec(`Silhouette by cluster (mean ${mean.toFixed(3)})`, o, {
    usermeta: { points: n, pointsShown: values.length, maxDeviation, mean },
    data: { values },
    layer: [
      {
        mark: { type: 'area', orient: 'horizontal', interpolate: 'linear' },
        encoding: {
          y: { field: 'position', type: 'quantitative', axis: null, title: o.yTitle, scale: { reverse: true, nice: false } },
          x: { ...x, stack: null },
          color: { field: 'cluster', type: 'nominal', title: 'cluster' },
        },
      },
      { data: { values: [{ silhouette: mean }] }, mark: { type: 'rule', strokeDash: [4, 4], color: 'firebrick' }, encoding: { x } },
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
 * size (scipy's `truncate_mode='lastp'`). `cutHeight` draws the cut of `cutTree({ height })` as a
 * line. The linkage is checked first (see `cutTree`), and the drawing walks the tree with an
 * explicit stack, so a damaged or very deep linkage cannot overflow the call stack. O(n).
 * @param result - The result of `hierarchical` (crm-mining/cluster).
 * @param options - Title, size, axis titles; `maxLeaves` (default 60, >= 2); `cutHeight` (>= 0).
 * @returns A Vega-Lite specification with one segment per line of the drawing.
 * @throws CrmError `WRONG_RESULT_KIND`, `INVALID_MODEL` (damaged linkage), `EMPTY_INPUT`, `INVALID_OPTION`
 * @example
 * dendrogramChart({ kind: 'hierarchical', n: 3, merges: [[0, 1, 1, 2], [2, 3, 4, 3]] }).layer[0].data.values.length; // => 6
 */
export function dendrogramChart(result: DendrogramChartInput, options?: ChartOptions & { maxLeaves?: number; cutHeight?: number }): VegaLiteSpec {
  const chart = 'dendrogramChart';
  const { chart: o, own } = resolveChartOptions(chart, options, { xTitle: '', yTitle: 'merge height' }, {
    maxLeaves: undefined as number | undefined,
    cutHeight: undefined as number | undefined,
  });
  const maxLeaves = checkInteger('maxLeaves', own.maxLeaves ?? 60, { min: 2 });
  const cutHeight = own.cutHeight === undefined ? undefined : checkNumber('cutHeight', own.cutHeight, { min: 0 });
  const { n, merges } = checkLinkage(result, chart);
  requireRows(merges as unknown[], chart, 'merges');
  // Merges with index >= firstShown are drawn; anything formed earlier is a (truncated) leaf.
  const firstShown = Math.max(0, merges.length - (maxLeaves - 1));
  const segments: { x: number; x2: number; y: number; y2: number }[] = [];
  const leaves: { x: number; label: string }[] = [];
  const xs = new Float64Array(2 * n - 1);
  const ys = new Float64Array(2 * n - 1);
  const expanded = new Uint8Array(2 * n - 1);
  // Post-order walk, left branch first; checkLinkage guarantees a tree, so each id is met once.
  const stack = [n + merges.length - 1];
  while (stack.length > 0) {
    const id = stack[stack.length - 1]!;
    if (id < n || id - n < firstShown) {
      stack.pop();
      xs[id] = leaves.length * 10 + 5;
      ys[id] = 0;
      leaves.push({ x: xs[id]!, label: id < n ? String(id) : `(${merges[id - n]![3]})` });
      continue;
    }
    const [left, right, height] = merges[id - n]!;
    if (!expanded[id]) {
      expanded[id] = 1;
      stack.push(right, left);
      continue;
    }
    stack.pop();
    const ax = xs[left]!, ay = ys[left]!, bx = xs[right]!, by = ys[right]!;
    segments.push({ x: ax, x2: ax, y: ay, y2: height }, { x: bx, x2: bx, y: by, y2: height }, { x: ax, x2: bx, y: height, y2: height });
    xs[id] = (ax + bx) / 2;
    ys[id] = height;
  }
  const x = { field: 'x', type: 'quantitative', axis: null, title: o.xTitle || null, scale: { domain: [0, leaves.length * 10] } };
  const layer: Record<string, unknown>[] = [
    { data: { values: segments }, mark: { type: 'rule' }, encoding: { x, x2: { field: 'x2' }, y: { field: 'y', type: 'quantitative', title: o.yTitle }, y2: { field: 'y2' } } },
    { data: { values: leaves }, mark: { type: 'text', angle: 270, align: 'right', dy: 0, baseline: 'middle', fontSize: 9, yOffset: 6 }, encoding: { x, y: { datum: 0, type: 'quantitative' }, text: { field: 'label' } } },
  ];
  if (cutHeight !== undefined) {
    layer.push({ data: { values: [{ cutHeight }] }, mark: { type: 'rule', strokeDash: [4, 4], color: 'firebrick' }, encoding: { y: { field: 'cutHeight', type: 'quantitative' } } });
  }
  return makeSpec('Dendrogram', o, { layer });
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
 * @throws CrmError `WRONG_RESULT_KIND`, `EMPTY_INPUT`, `NON_FINITE`, `INVALID_OPTION`
 * @example
 * clusterProfileChart({ features: ['spend'], segments: [{ label: 0, size: 2, means: { spend: 10 }, relativeMeans: { spend: 0.5 } }] }).data.values[0].relativeMean; // => 0.5
 */
export function clusterProfileChart(profile: ClusterProfileChartInput, options?: ChartOptions): VegaLiteSpec {
  const chart = 'clusterProfileChart';
  const producer = 'profileSegments (crm-mining/cluster)';
  const { chart: o } = resolveChartOptions(chart, options, { xTitle: '', yTitle: 'segment' });
  requireShape(profile, ['features', 'segments'], chart, producer);
  const segments = requireRows(profile.segments, chart, 'segments');
  const features = requireRows(profile.features, chart, 'features');
  features.forEach((f, j) => {
    if (typeof f !== 'string') throw new CrmError('WRONG_RESULT_KIND', `${chart}: features[${j}] is ${describeValue(f)}, not a feature name; pass the result of ${producer}.`, { chart });
  });
  // Own properties only: a feature named like an Object.prototype member ("__proto__", "constructor") must not read the prototype.
  const own = (record: unknown, f: string): unknown =>
    record !== null && typeof record === 'object' && Object.prototype.hasOwnProperty.call(record, f) ? (record as Record<string, unknown>)[f] : undefined;
  const values = segments.flatMap((s, i) => {
    requireShape(s, ['label', 'size', 'means', 'relativeMeans'], chart, producer);
    if (!((typeof s.label === 'number' && Number.isFinite(s.label)) || typeof s.label === 'string')) {
      throw new CrmError('WRONG_RESULT_KIND', `${chart}: segments[${i}].label is ${describeValue(s.label)}; labels are numbers or strings. Pass the result of ${producer}.`, { chart, row: i });
    }
    if (!Number.isInteger(s.size) || s.size < 0) {
      throw new CrmError('WRONG_RESULT_KIND', `${chart}: segments[${i}].size is ${describeValue(s.size)}; expected a count. Pass the result of ${producer}.`, { chart, row: i });
    }
    return features.map((f) => {
      const rel = own(s.relativeMeans, f);
      // profileSegments writes null only where the overall mean is 0 (no ratio); then the mean must be 0 too.
      const overall = own(own(profile as unknown, 'means'), f);
      if (rel === null && overall !== undefined && overall !== 0) {
        throw new CrmError('WRONG_RESULT_KIND', `${chart}: relativeMeans of segment ${i} for '${f}' is null although the overall mean is not 0; pass the result of ${producer}.`, { chart, row: i, field: f });
      }
      if (rel !== null && rel !== undefined && (typeof rel !== 'number' || !Number.isFinite(rel))) {
        throw new CrmError('NON_FINITE', `${chart}: relativeMeans of segment ${i} for '${f}' is ${describeValue(rel)}; expected a finite number or null.`, { chart, row: i, field: f });
      }
      return { segment: `${String(s.label)} (n = ${String(s.size)})`, feature: f, mean: own(s.means, f) as number, relativeMean: (rel ?? null) as number | null };
    });
  });
  requireFinite(values, ['mean'], chart);
  return makeSpec('Segment profiles: mean relative to the overall mean', o, {
    data: { values },
    encoding: {
      x: { field: 'feature', type: 'nominal', sort: [...features], title: o.xTitle || null },
      y: { field: 'segment', type: 'nominal', title: o.yTitle },
    },
    layer: [
      { mark: 'rect', encoding: { color: { field: 'relativeMean', type: 'quantitative', title: 'mean / overall mean', scale: { scheme: 'blueorange', domainMid: 1 } } } },
      { mark: { type: 'text', fontSize: 10 }, encoding: { text: { field: 'mean', type: 'quantitative', format: '.3~s' } } },
    ],
  });
}
