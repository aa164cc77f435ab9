/**
 * Inertia of k-means for k = 1..maxK, for the elbow plot.
 * @module
 */
import { checkInteger } from '../core/validate.js';
import { CrmError, describeValue } from '../core/errors.js';
import { fitKMeans, type KMeansOptions } from './kmeans.js';
import { densePoints, tick, type ClusterPoints } from './shared.js';

/** Options of {@link kmeansElbow}: those of {@link fitKMeans} except `k`, plus `maxK`. */
export interface KMeansElbowOptions extends Omit<KMeansOptions, 'k' | 'init'> {
  /** Largest k tried (capped at the number of rows). */
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

/**
 * Fits k-means for each k from 1 to `maxK` with the same options and seed and returns the inertia
 * per k: plot it and look for the bend ("elbow") after which adding a cluster gains little.
 * O(maxK * cost of fitKMeans). Source: Thorndike (1953), "Who belongs in the family?".
 * @param points - n rows of d numbers.
 * @param options - `maxK` is required; the rest is passed to {@link fitKMeans}.
 * @returns Inertia and explained share per k.
 * @throws CrmError as {@link fitKMeans}; `INVALID_OPTION` for maxK.
 * @example
 * kmeansElbow([[0], [1], [10], [11]], { maxK: 3 }).inertia; // => [101, 1, 0.5]
 */
export function kmeansElbow(points: ClusterPoints, options: KMeansElbowOptions): KMeansElbowResult {
  if (options === null || typeof options !== 'object') {
    throw new CrmError('INVALID_OPTION', `kmeansElbow: options must be an object with maxK; got ${describeValue(options)}.`, { option: 'options' });
  }
  const { maxK, ...rest } = options;
  const m = densePoints(points);
  const top = checkInteger('maxK', maxK, { min: 1 });
  const last = Math.min(top, m.rows);
  const ks: number[] = [];
  const inertia: number[] = [];
  for (let k = 1; k <= last; k++) {
    tick(options, 'restart', k - 1, last, 'kmeansElbow');
    ks.push(k);
    inertia.push(fitKMeans(m, { ...rest, k, onProgress: undefined }).inertia);
  }
  const base = inertia[0]!;
  return { k: ks, inertia, explained: inertia.map((v) => (base > 0 ? 1 - v / base : 0)) };
}
