/**
 * k-means: greedy k-means++ (as scikit-learn), Lloyd, Hamerly's exact accelerated variant and
 * mini-batch k-means, with restarts, sample weights and a plain-data model.
 * @module
 */
import { featureNamesOf, isMatrixTable, type RowOf, type AnyRow } from '../core/table.js';
import { CrmError, describeValue } from '../core/errors.js';
import { toDense } from '../core/dense.js';
import { fork, resolveRandom, type Random } from '../core/random.js';
import { checkWeights, resolveOptions } from '../core/validate.js';
import { checkOptionTable, columnsOption, custom, defineOptions, integer, number, oneOf, opt, optionDefaults, RANDOM_OPTION, resolveOptionTable, RUN_CONTROL_OPTIONS, SEED_OPTION, WEIGHTS_OPTION } from '../core/options.js';
import { checkModel, checkModelStrings, type Diagnostics } from '../core/model.js';
import { runControl, type RunControl } from '../core/progress.js';
import { densePoints, nearestCenter, type ClusterColumnsOption, type ClusterData } from './shared.js';
import { checkSquaredDistances } from './magnitude.js';
import { initCenters } from './kmeansInit.js';
import { lloyd } from './kmeansLloyd.js';
import { hamerly } from './kmeansHamerly.js';
import { miniBatch } from './kmeansMiniBatch.js';
import type { Ctx, Run } from './kmeansSteps.js';

/**
 * Which iteration: `lloyd` (plain), `hamerly` (exact: the same iterations and labels as Lloyd, but
 * skips most distance computations), `minibatch` (approximate, for millions of rows), or `auto`:
 * Hamerly for k <= 20, where its single lower bound per row stays informative, Lloyd above.
 */
export type KMeansAlgorithm = 'auto' | 'lloyd' | 'hamerly' | 'minibatch';

/** How initial centroids are chosen; an array gives them directly (k rows). */
export type KMeansInit = 'k-means++' | 'random' | readonly (readonly number[])[];

/** Options of {@link fitKMeans}. */
export interface KMeansOptions<R = Record<string, unknown>> extends RunControl, ClusterColumnsOption<R> {
  /** Number of clusters, an integer in [1, rows]. */
  k: number;
  /** Initialisation. An array of k centroids forces `nInit` to 1. @defaultValue 'k-means++' */
  init?: KMeansInit;
  /** Restarts from different initial centroids, at most 1000; the lowest inertia wins. @defaultValue 10 */
  nInit?: number;
  /** Iterations per restart (epochs over the data for mini-batch), at most 1,000,000. @defaultValue 300 */
  maxIterations?: number;
  /**
   * Stop when the summed squared centroid shift is at most `tolerance` times the mean per-column
   * variance of the data (scikit-learn's `tol`). 0 stops only when labels stop changing.
   * @defaultValue 1e-4
   */
  tolerance?: number;
  /** @defaultValue 'auto' */
  algorithm?: KMeansAlgorithm;
  /** Rows per mini-batch step (mini-batch only), at most 2^31 - 1. @defaultValue 1024 */
  batchSize?: number;
  /** Mini-batch stops after this many steps without improvement of the smoothed batch inertia, at most 1,000,000. @defaultValue 10 */
  maxNoImprovement?: number;
  /** Non-negative weight per row; absent = all 1. */
  weights?: ArrayLike<number>;
  /** @defaultValue 0 */
  seed?: number;
  /** Generator to use instead of `seed` (not stored on the model). */
  random?: Random;
}

/** Options as stored on a model (no callbacks, weights or generator). */
export interface ResolvedKMeansOptions {
  readonly k: number;
  readonly init: 'k-means++' | 'random' | number[][];
  readonly nInit: number;
  readonly maxIterations: number;
  readonly tolerance: number;
  /** The algorithm that ran (`auto` resolved). */
  readonly algorithm: Exclude<KMeansAlgorithm, 'auto'>;
  readonly batchSize: number;
  readonly maxNoImprovement: number;
  readonly seed: number;
  readonly weighted: boolean;
}

/** Diagnostics of a k-means fit. */
export interface KMeansDiagnostics extends Diagnostics {
  /**
   * Times a cluster lost all its (weight of) points during an update and was moved onto the point
   * farthest from its centroid, summed over the winning restart (scikit-learn's rule).
   */
  readonly emptyClustersRelocated: number;
  /** Final inertia of every restart, in order. */
  readonly restartInertias: number[];
  /** Number of clusters holding at least one row. Fewer than k when there are fewer distinct points. */
  readonly nonEmptyClusters: number;
}

/**
 * A fitted k-means model: plain data, survives JSON. Schema version 2 added `featureNames`;
 * predictKMeans still reads version 1 models (saved before), which have none.
 */
export interface KMeansModel {
  readonly kind: 'kmeans';
  readonly version: 2;
  readonly options: ResolvedKMeansOptions;
  /**
   * The d input features, in the order of the centroid coordinates: the `columns` read from row
   * objects, columns or an Arrow table, or `x0, x1, ...` for `number[][]` (as fitLogistic).
   */
  readonly featureNames: string[];
  /** k rows of d numbers. */
  readonly centroids: number[][];
  /** Cluster of every training row (nearest final centroid), 0..k-1. */
  readonly labels: number[];
  /** Weighted sum of squared distances of rows to their centroid. */
  readonly inertia: number;
  /** Total weight per cluster. */
  readonly clusterWeights: number[];
  readonly diagnostics: KMeansDiagnostics;
}

/**
 * Upper bounds of the work-size options of {@link fitKMeans} (a typo such as `nInit: 1e9` is refused
 * instead of running for hours); past them the call fails with `INVALID_OPTION`.
 */
export const KMEANS_LIMITS = Object.freeze({ nInit: 1000, maxIterations: 1_000_000, batchSize: 2 ** 31 - 1, maxNoImprovement: 1_000_000 });

const isCentroidRows = (v: unknown): boolean => Array.isArray(v) && v.every(Array.isArray);

/** The option table of {@link fitKMeans}: defaults, accepted values and what the model stores. */
export const KMEANS_OPTIONS = defineOptions<KMeansOptions>()({
  k: opt({ required: true, accepts: [integer({ min: 1, max: (c) => c.rows!, hint: (c) => (c.rows! < 1 ? '' : `k cannot exceed the ${c.rows} rows; use fewer clusters or more data.`) })], description: 'Number of clusters, an integer in [1, rows].', stored: 'as-given' }),
  init: opt({
    default: 'k-means++',
    accepts: [
      oneOf(['k-means++', 'random']),
      // Shape only here; the k x d check against the data is checkGivenCentroids'.
      custom<readonly (readonly number[])[]>({ describe: 'an array of k centroids', test: isCentroidRows, bad: [[1, 2], 'kmeans++'] }),
    ],
    description: 'Initialisation. An array of k centroids forces nInit to 1.',
    stored: 'derived',
  }),
  nInit: opt({ default: 10, accepts: [integer({ min: 1, max: KMEANS_LIMITS.nInit, hint: 'More restarts rarely lower the inertia; try a different seed.' })], description: 'Restarts from different initial centroids; the lowest inertia wins.', stored: 'derived' }),
  maxIterations: opt({ default: 300, accepts: [integer({ min: 1, max: KMEANS_LIMITS.maxIterations })], description: 'Iterations per restart (epochs over the data for mini-batch).', stored: 'as-given' }),
  tolerance: opt({ default: 1e-4, accepts: [number({ min: 0 })], description: 'Stop when the centroid shift is at most tolerance times the mean column variance.', stored: 'as-given' }),
  algorithm: opt({ default: 'auto', accepts: [oneOf(['auto', 'lloyd', 'hamerly', 'minibatch'])], description: 'Which iteration; auto is stored as the one that ran.', stored: 'derived' }),
  batchSize: opt({ default: 1024, accepts: [integer({ min: 1, max: KMEANS_LIMITS.batchSize })], description: 'Rows per mini-batch step (mini-batch only).', stored: 'as-given' }),
  maxNoImprovement: opt({ default: 10, accepts: [integer({ min: 1, max: KMEANS_LIMITS.maxNoImprovement })], description: 'Mini-batch stops after this many steps without improvement.', stored: 'as-given' }),
  weights: WEIGHTS_OPTION,
  seed: SEED_OPTION,
  random: RANDOM_OPTION,
  columns: columnsOption<NonNullable<KMeansOptions['columns']>>(),
  ...RUN_CONTROL_OPTIONS,
});

/** Defaults of {@link fitKMeans}. */
// An explicit type keeps the public constant free of the table's inferred type (JSR's no-slow-types rule).
export const KMEANS_DEFAULTS: { readonly k: number; readonly init: 'random' | 'k-means++' | readonly (readonly number[])[]; readonly nInit: number; readonly maxIterations: number; readonly tolerance: number; readonly algorithm: 'auto' | 'lloyd' | 'hamerly' | 'minibatch'; readonly batchSize: number; readonly maxNoImprovement: number; readonly seed: number } = optionDefaults(KMEANS_OPTIONS);

/**
 * `auto` runs Hamerly up to this k. Measured against Lloyd (same iterations): 3.0x faster at
 * n = 200k, d = 8, k = 8 (T-KM); 1.06x at d = 50, k = 20; 0.96x at d = 20, k = 50 and 0.74x at d = 3, k = 30,
 * where the rows' single lower bound rarely clears the many nearby centroids.
 */
const AUTO_HAMERLY_MAX_K = 20;

/**
 * Fits k-means. Each restart starts from k-means++ (greedy, `2 + floor(ln k)` candidates per step,
 * as scikit-learn), random distinct rows, or the given centroids, then iterates: assign every row to
 * its nearest centroid, move centroids to the weighted means, stop when labels no longer change or
 * the centroid shift falls below `tolerance`. After the last update a final assignment step makes
 * labels and inertia those of the returned centroids, as scikit-learn does. A cluster that ends an
 * update with no weight is moved onto the row farthest from its own centroid (the row keeps its
 * label until the next assignment), and this is counted in `diagnostics.emptyClustersRelocated`.
 * Cost: O(nInit * iterations * n * k * d) for Lloyd; Hamerly's bounds skip most distance
 * computations once centroids settle, with the same iterations and labels (ties included). The
 * default `algorithm: 'auto'` runs Hamerly for k <= 20 and Lloyd above.
 * Sources: Lloyd (1982); Arthur & Vassilvitskii (2007) k-means++; Hamerly (2010) "Making k-means
 * even faster"; Sculley (2010) "Web-scale k-means clustering"; scikit-learn 1.2 `KMeans`.
 * @param points - n rows of d finite numbers, a dense matrix, row objects (with `columns`), columns
 *   or an Arrow table (docs/input.md).
 * @param options - `k` is required; `columns` picks the features of row objects, columns and Arrow tables.
 * @returns A {@link KMeansModel}; `diagnostics.converged` is false (with a warning) when the restart
 *   that won stopped at `maxIterations`.
 * @throws CrmError `EMPTY_INPUT`, `RAGGED_ROWS`, `NON_FINITE` (row and column named), `INVALID_INPUT`,
 *   `INVALID_OPTION` (k not an integer in [1, n], bad init), `NEGATIVE_VALUE` / `LENGTH_MISMATCH` (weights), `ABORTED`.
 * @example
 * fitKMeans([[0, 0], [0, 1], [10, 10], [10, 11]], { k: 2, seed: 1 }).inertia; // => 1
 * fitKMeans([{ recency: 0, frequency: 0 }, { recency: 0, frequency: 1 }, { recency: 10, frequency: 10 }, { recency: 10, frequency: 11 }], { k: 2, seed: 1, columns: ['recency', 'frequency'] }).inertia; // => 1
 */
export function fitKMeans<D extends ClusterData<AnyRow>>(points: D, options: KMeansOptions<RowOf<D>>): KMeansModel {
  // Unknown keys and data-free checks first; k's upper bound waits for the row count.
  const o = resolveOptionTable('fitKMeans', KMEANS_OPTIONS, options, {}, ['init', 'nInit', 'maxIterations', 'tolerance', 'algorithm', 'batchSize', 'maxNoImprovement', 'weights', 'seed', 'random', 'columns', 'signal', 'onProgress']);
  const tick = runControl('fitKMeans', o);
  // The rows are only read, so a dense matrix is used in place rather than copied.
  const m = densePoints(points, 'points', 'fitKMeans', o.columns, false);
  const { rows: n, cols: d, data: x } = m;
  checkOptionTable('fitKMeans', KMEANS_OPTIONS, o, ['k'], { rows: n });
  const { k, maxIterations, tolerance, batchSize, maxNoImprovement, seed } = o;
  const algorithm = o.algorithm === 'auto' ? (k <= AUTO_HAMERLY_MAX_K ? 'hamerly' : 'lloyd') : o.algorithm;
  const w = checkWeights(o.weights, n);
  let unitWeights = true;
  let totalWeight = 0;
  for (let i = 0; i < n; i++) { if (w[i] !== 1) unitWeights = false; totalWeight += w[i]!; }
  checkSquaredDistances('fitKMeans', x, d, totalWeight);

  let givenInit: Float64Array | undefined;
  let initName: 'k-means++' | 'random' | number[][];
  if (typeof o.init === 'string') {
    initName = o.init;
  } else {
    givenInit = checkGivenCentroids(o.init, k, d);
    initName = toRowsOf(givenInit, k, d);
  }
  const nInit = givenInit ? 1 : o.nInit;
  const random = resolveRandom({ seed, random: o.random });
  const tol = tolerance === 0 ? 0 : tolerance * meanVariance(x, n, d);
  const warnings: string[] = [];
  if (givenInit && options.nInit !== undefined && options.nInit !== 1) {
    warnings.push(`nInit = ${options.nInit} was ignored because init gives the centroids; one run was made.`);
  }

  const ctx: Ctx = { x, n, d, k, w, tol, maxIterations, tick, nInit };
  let best: Run | undefined;
  const restartInertias: number[] = [];
  if (algorithm === 'minibatch') {
    best = miniBatch(ctx, givenInit, initName, random, batchSize, maxNoImprovement);
    restartInertias.push(best.inertia);
  } else {
    for (let r = 0; r < nInit; r++) {
      tick('restart', r, nInit);
      const rr = fork(random);
      const init = givenInit ? givenInit.slice() : initCenters(ctx, initName as 'k-means++' | 'random', rr);
      const run = algorithm === 'lloyd' ? lloyd(ctx, init) : hamerly(ctx, init);
      restartInertias.push(run.inertia);
      // Strictly lower wins, so among equal inertias the earliest restart is kept.
      if (best === undefined || run.inertia < best.inertia) best = run;
    }
  }
  const run = best!;
  const clusterWeights = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) clusterWeights[run.labels[i]!]! += w[i]!;
  const counts = new Int32Array(k);
  for (let i = 0; i < n; i++) counts[run.labels[i]!]!++;
  let nonEmpty = 0;
  for (let c = 0; c < k; c++) if (counts[c]! > 0) nonEmpty++;
  if (nonEmpty < k) {
    warnings.push(`only ${nonEmpty} of the k = ${k} clusters hold rows (the data has fewer distinct points than k, or duplicates); lower k.`);
  }
  if (!run.converged) {
    warnings.push(`stopped at maxIterations = ${maxIterations} before convergence; raise maxIterations or tolerance.`);
  }
  return {
    kind: 'kmeans',
    version: 2,
    options: {
      k, init: initName, nInit, maxIterations, tolerance, algorithm, batchSize, maxNoImprovement, seed,
      weighted: !unitWeights,
    },
    featureNames: featureNamesOf(m.names, d),
    centroids: toRowsOf(run.centers, k, d),
    labels: plainArray(run.labels),
    inertia: run.inertia,
    clusterWeights,
    diagnostics: {
      converged: run.converged,
      iterations: run.iterations,
      warnings,
      emptyClustersRelocated: run.relocated,
      restartInertias,
      nonEmptyClusters: nonEmpty,
    },
  };
}

/**
 * Nearest centroid of each row of `points` (ties to the lower cluster index). O(n * k * d).
 * @param model - A model from {@link fitKMeans} (or its JSON round trip).
 * @param points - Rows with as many columns as the centroids, in any form fitKMeans takes. Row
 *   objects, columns and Arrow tables are read by the model's `featureNames`, in order, unless
 *   `columns` is given.
 * @param options - `columns`: the features of row objects, columns or Arrow tables, when they are
 *   not named as `model.featureNames` (a version 1 model, saved before featureNames, needs them for row objects).
 * @returns Cluster index per row.
 * The model is checked first: k centroids (k = `options.k`) of the same d finite numbers, and, when
 * present, k finite non-negative `clusterWeights`.
 * @throws CrmError `INVALID_MODEL` (damaged model), `LENGTH_MISMATCH` (column count), `NON_FINITE`, `EMPTY_INPUT`.
 * @example
 * const model = fitKMeans([[0], [1], [10], [11]], { k: 2, seed: 3 });
 * predictKMeans(model, [[0.2], [12]]).map((c) => model.centroids[c]![0]); // => [0.5, 10.5]
 * const byName = fitKMeans([{ spend: 0 }, { spend: 1 }, { spend: 10 }, { spend: 11 }], { k: 2, seed: 3, columns: ['spend'] });
 * byName.featureNames; // => ['spend']
 * predictKMeans(byName, [{ spend: 12, id: 7 }]).map((c) => byName.centroids[c]![0]); // => [10.5]
 */
export function predictKMeans<D extends ClusterData<AnyRow>>(model: KMeansModel, points: D, options?: ClusterColumnsOption<RowOf<D>>): number[] {
  const c = checkKMeansModel(model, 'predictKMeans');
  const o = resolveOptions('predictKMeans', {}, options as ClusterColumnsOption<unknown> | undefined, ['columns']);
  // Row objects, columns and Arrow tables are read by the stored names unless columns are given.
  const columns = o.columns ?? (c.names !== null && !isMatrixTable(points) ? c.names : undefined);
  const m = densePoints(points, 'points', 'predictKMeans', columns);
  if (m.cols !== c.cols) {
    throw new CrmError('LENGTH_MISMATCH', `points have ${m.cols} columns but the model was fitted on ${c.cols}; pass the same features, scaled the same way.`, {});
  }
  const out = new Array<number>(m.rows);
  const tmp = new Float64Array(1);
  for (let i = 0; i < m.rows; i++) out[i] = nearestCenter(m.data, i, c.data, c.rows, c.cols, tmp);
  return out;
}

/**
 * The centroids of a k-means model (e.g. after JSON.parse), checked against options.k,
 * clusterWeights and (version 2) featureNames; `names` is null for a version 1 model.
 */
function checkKMeansModel(model: unknown, fn: string): { rows: number; cols: number; data: Float64Array; names: string[] | null } {
  const mm = checkModel<KMeansModel | KMeansModelV1>(model, 'kmeans', [1, 2], fn);
  const bad = (what: string): CrmError => new CrmError('INVALID_MODEL', `${fn}: the k-means model is damaged: ${what}. Refit it with fitKMeans.`, { kind: 'kmeans' });
  const k = mm.options?.k;
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) throw bad(`options.k is ${describeValue(k)}, not an integer >= 1`);
  const cs = mm.centroids as unknown;
  if (!Array.isArray(cs)) throw bad(`centroids is ${describeValue(cs)}, not an array`);
  if (cs.length !== k) throw bad(`it has ${cs.length} centroids but options.k = ${k}`);
  const d = Array.isArray(cs[0]) ? (cs[0] as unknown[]).length : -1;
  if (d < 1) throw bad(`centroids[0] is ${describeValue(cs[0])}, not an array of numbers`);
  const data = new Float64Array(k * d);
  for (let c = 0; c < k; c++) {
    const row = cs[c] as unknown;
    if (!Array.isArray(row) || row.length !== d) throw bad(`centroids[${c}] is ${describeValue(row)}; every centroid has the ${d} columns of centroids[0]`);
    for (let j = 0; j < d; j++) {
      const v = row[j] as unknown;
      if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(`centroids[${c}][${j}] is ${describeValue(v)}, not a finite number`);
      data[c * d + j] = v;
    }
  }
  const cw = mm.clusterWeights as unknown;
  if (cw !== undefined) {
    if (!Array.isArray(cw) || cw.length !== k) throw bad(`clusterWeights has ${Array.isArray(cw) ? cw.length : describeValue(cw)} entries for k = ${k} centroids`);
    cw.forEach((v: unknown, c) => {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw bad(`clusterWeights[${c}] is ${describeValue(v)}, not a finite number >= 0`);
    });
  }
  const names = mm.version === 1 ? null : checkModelStrings(fn, 'kmeans', 'featureNames', mm.featureNames, { length: d });
  return { rows: k, cols: d, data, names };
}

/** A k-means model of schema version 1 (before featureNames), as saved JSON holds it. */
type KMeansModelV1 = Omit<KMeansModel, 'version' | 'featureNames'> & { readonly version: 1 };

function checkGivenCentroids(init: unknown, k: number, d: number): Float64Array {
  if (!Array.isArray(init)) {
    throw new CrmError('INVALID_OPTION', `init must be 'k-means++', 'random' or an array of k centroids; got ${describeValue(init)}.`, { option: 'init' });
  }
  const c = toDense(init as number[][], { name: 'init' });
  if (c.rows !== k || c.cols !== d) {
    throw new CrmError('INVALID_OPTION', `init gives ${c.rows} centroids of ${c.cols} columns; k = ${k} centroids of ${d} columns are needed.`, { option: 'init' });
  }
  return c.data;
}

/** A typed array as a plain one, by a loop (Array.from on a typed array is several times slower). */
function plainArray(values: Int32Array): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]!;
  return out;
}

function toRowsOf(data: Float64Array, rows: number, cols: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) out.push(Array.from(data.subarray(i * cols, (i + 1) * cols)));
  return out;
}

/** Mean over columns of the (population, unweighted) column variance, as scikit-learn's `_tolerance`. */
function meanVariance(x: Float64Array, n: number, d: number): number {
  // Two passes (mean, then squared deviations) for accuracy, each row-major for the cache.
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j]!;
  for (let j = 0; j < d; j++) mean[j] /= n;
  const ss = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) { const t = x[i * d + j]! - mean[j]!; ss[j] += t * t; }
  let total = 0;
  for (let j = 0; j < d; j++) total += ss[j]! / n;
  return total / d;
}
