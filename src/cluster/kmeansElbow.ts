/**
 * Inertia of k-means for k = 1..maxK, for the elbow plot.
 * @module
 */
import type { RowOf, AnyRow } from '../core/table.js';
import { CrmError, describeValue } from '../core/errors.js';
import { runControl, } from '../core/progress.js';
import { fitKMeans, type KMeansOptions, KMEANS_OPTIONS } from './kmeans.js';
import { densePoints, type ClusterData, } from './shared.js';
import { defineOptions, integer, notStored, oneOf, opt, resolveOptionTable } from '../core/options.js';

/** Options of {@link kmeansElbow}: those of {@link fitKMeans} except `k`, plus `maxK`. */
export interface KMeansElbowOptions<R = Record<string, unknown>> extends Omit<KMeansOptions<R>, 'k' | 'init'> {
  /** Largest k tried, an integer in [1, 1000] (capped at the number of rows). */
  maxK: number;
  /** 'k-means++' or 'random' (given centroids make no sense across k). @defaultValue 'k-means++' */
  init?: 'k-means++' | 'random';
}

/** Result of {@link kmeansElbow}. */
export interface KMeansElbowResult {
  /** 1..maxK. */
  readonly k: number[];
  /** Best inertia for each k. */
  readonly inertia: number[];
  /** Share of the k = 1 inertia removed by each k: 1 - inertia[k] / inertia[1]. */
  readonly explained: number[];
}

/** Upper bound of `maxK`: each k is a full k-means fit. */
export const MAX_ELBOW_K = 1000;

/** The option table of {@link kmeansElbow}: fitKMeans' without `k`, `init` without centroids, plus `maxK`. */
export const KMEANS_ELBOW_OPTIONS = defineOptions<KMeansElbowOptions>()({
  ...notStored((({ k: _k, init: _init, ...rest }) => rest)(KMEANS_OPTIONS)),
  maxK: opt({ required: true, accepts: [integer({ min: 1, max: MAX_ELBOW_K, hint: 'Each k is a full k-means fit.' })], description: 'Largest k tried (capped at the number of rows).' }),
  init: opt({ default: 'k-means++', accepts: [oneOf(['k-means++', 'random'])], description: "'k-means++' or 'random' (given centroids make no sense across k)." }),
});

/**
 * Fits k-means for each k from 1 to `maxK` with the same options and seed and returns the inertia
 * per k: plot it and look for the bend ("elbow") after which adding a cluster gains little.
 * Reports progress as phase `'restart'` (one unit per k) through `onProgress`; `signal` is also
 * checked inside each fit. O(maxK * cost of fitKMeans). Source: Thorndike (1953), "Who belongs in
 * the family?".
 * @param points - n rows of d numbers, or row objects, columns or an Arrow table with `columns` (docs/input.md).
 * @param options - `maxK` is required (1..1000); the rest is passed to {@link fitKMeans}.
 * @returns Inertia and explained share per k.
 * @throws CrmError as {@link fitKMeans}; `INVALID_OPTION` for maxK, a `k` option (use maxK), given
 *   centroids, a non-function onProgress; `ABORTED`.
 * @example
 * kmeansElbow([[0], [1], [10], [11]], { maxK: 3 }).inertia; // => [101, 1, 0.5]
 */
export function kmeansElbow<D extends ClusterData<AnyRow>>(points: D, options: KMeansElbowOptions<RowOf<D>>): KMeansElbowResult {
  const fn = 'kmeansElbow';
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new CrmError('INVALID_OPTION', `${fn}: options must be an object with maxK; got ${describeValue(options)}.`, { option: 'options' });
  }
  if ('k' in options) {
    throw new CrmError('INVALID_OPTION', `${fn}: k is not an option here, the elbow tries k = 1..maxK; use maxK (got k = ${describeValue((options as { k?: unknown }).k)}).`, { option: 'k' });
  }
  const o = resolveOptionTable(fn, KMEANS_ELBOW_OPTIONS, options);
  const tick = runControl(fn, o);
  const { maxK: top, onProgress: _ignored, columns, ...rest } = o;
  const m = densePoints(points, 'points', fn, columns);
  const last = Math.min(top, m.rows);
  const ks: number[] = [];
  const inertia: number[] = [];
  for (let k = 1; k <= last; k++) {
    tick('restart', k - 1, last);
    ks.push(k);
    inertia.push(fitKMeans(m, { ...(rest as Omit<KMeansOptions, 'k'>), k }).inertia);
  }
  tick('restart', last, last);
  const base = inertia[0]!;
  return { k: ks, inertia, explained: inertia.map((v) => (base > 0 ? 1 - v / base : 0)) };
}
