/**
 * Local outlier factor (Breunig, Kriegel, Ng and Sander 2000) as scikit-learn computes it: exactly
 * k neighbours per point (ties at the k-th distance broken by row order, not all kept), reach-dist
 * `max(k-distance(o), d(p, o))`, `lrd = 1 / (mean reach-dist + 1e-10)`, LOF = mean lrd of the
 * neighbours / own lrd. Exact brute-force kNN, Euclidean.
 * @module
 */
import { featureNamesOf, type RowOf, type AnyRow } from '../core/table.js';
import { CrmError } from '../core/errors.js';
import { type DenseMatrix } from '../core/dense.js';
import { checkModel, checkModelStrings, type Diagnostics } from '../core/model.js';
import { runControl, type RunControl } from '../core/progress.js';
import { resolveOptions } from '../core/validate.js';
import { anomalyPoints, scoringColumns, type AnomalyColumnsOption, type AnomalyPoints } from './points.js';
import { columnsOption, defineOptions, integer, opt, resolveOptionTable, RUN_CONTROL_OPTIONS } from '../core/options.js';

/** Options of {@link fitLocalOutlierFactor}. */
export interface LocalOutlierFactorOptions<R = Record<string, unknown>> extends RunControl, AnomalyColumnsOption<R> {
  /** Neighbours per point (scikit-learn's `n_neighbors`); values >= n use n - 1, with a warning. @defaultValue 20 */
  neighbors?: number;
  /**
   * Refuse more rows than this with `TOO_LARGE` (the brute-force search costs n^2 d). @defaultValue 20000
   */
  maxRows?: number;
}

/**
 * A fitted LOF: the training points and what novelty scoring needs. Plain data, survives JSON.
 * Schema version 2 added `featureNames`; version 1 models (saved before) still load and score.
 */
export interface LocalOutlierFactorModel {
  readonly kind: 'localOutlierFactor';
  readonly version: 2;
  readonly options: { readonly neighbors: number; readonly maxRows: number };
  /**
   * The input features, in the order of the columns of `points`: the `columns` read from row
   * objects, columns or an Arrow table, or `x0, x1, ...` for `number[][]` (as fitLogistic).
   */
  readonly featureNames: string[];
  /** Training rows (copied). */
  readonly points: number[][];
  /** Distance of each training point to its k-th neighbour. */
  readonly kDistance: number[];
  /** Local reachability density of each training point. */
  readonly lrd: number[];
  /** -LOF of each training point: scikit-learn's `negative_outlier_factor_` (about -1 inside a cluster, lower for outliers). */
  readonly negativeOutlierFactor: number[];
  readonly diagnostics: Diagnostics;
}

/** The option table of {@link fitLocalOutlierFactor}. */
export const LOCAL_OUTLIER_FACTOR_OPTIONS = defineOptions<LocalOutlierFactorOptions>()({
  neighbors: opt({ default: 20, accepts: [integer({ min: 1, max: 1e6 })], description: 'Neighbours per point; values >= n use n - 1 (stored as used).', stored: 'derived' }),
  maxRows: opt({ default: 20000, accepts: [integer({ min: 2, max: 1e8 })], description: 'Refuse more rows than this with TOO_LARGE.', stored: 'as-given' }),
  columns: columnsOption<NonNullable<LocalOutlierFactorOptions['columns']>>(),
  ...RUN_CONTROL_OPTIONS,
});

/**
 * The k nearest training rows of each query row, by squared distance, ties by lower index;
 * `exclude[i]` = index skipped for query i (itself) or -1. Writes indices and distances row-major.
 */
function knn(train: DenseMatrix, query: DenseMatrix, k: number, selfQuery: boolean, tick: (done: number) => void): { idx: Int32Array; dist: Float64Array } {
  const { rows: n, cols: d, data: X } = train;
  const { rows: m, data: Q } = query;
  const idx = new Int32Array(m * k);
  const dist = new Float64Array(m * k);
  const bi = new Int32Array(k);
  const bd = new Float64Array(k);
  for (let q = 0; q < m; q++) {
    let filled = 0;
    const qb = q * d;
    for (let j = 0; j < n; j++) {
      if (selfQuery && j === q) continue;
      let s = 0;
      const jb = j * d;
      for (let c = 0; c < d; c++) {
        const t = Q[qb + c]! - X[jb + c]!;
        s += t * t;
      }
      // Insertion into the sorted top-k; equal distances keep the earlier (lower) index first.
      if (filled < k) {
        let p = filled++;
        while (p > 0 && bd[p - 1]! > s) { bd[p] = bd[p - 1]!; bi[p] = bi[p - 1]!; p--; }
        bd[p] = s;
        bi[p] = j;
      } else if (s < bd[k - 1]!) {
        let p = k - 1;
        while (p > 0 && bd[p - 1]! > s) { bd[p] = bd[p - 1]!; bi[p] = bi[p - 1]!; p--; }
        bd[p] = s;
        bi[p] = j;
      }
    }
    for (let t = 0; t < k; t++) {
      idx[q * k + t] = bi[t]!;
      dist[q * k + t] = Math.sqrt(bd[t]!);
    }
    if ((q & 255) === 255) tick(q + 1);
  }
  return { idx, dist };
}

function readPoints(points: unknown, fn = 'fitLocalOutlierFactor', columns?: readonly unknown[]): DenseMatrix & { readonly names: string[] | null } {
  const x = anomalyPoints(fn, points, columns);
  // Squared distances must stay finite: beyond 1e150 per coordinate they overflow to Infinity.
  let max = 0;
  for (let i = 0; i < x.data.length; i++) max = Math.max(max, Math.abs(x.data[i]!));
  if (max * Math.sqrt(Math.max(1, x.cols)) > 1e150) {
    throw new CrmError('NON_FINITE', `${fn}: values as large as ${max} make squared distances overflow; rescale the features (for example standardise them) first.`, { argument: 'points' });
  }
  return x;
}

/**
 * Local outlier factor of every training point, and a model for scoring new points
 * ({@link predictLocalOutlierFactorScore}). Deterministic. Duplicated points are kept: a point
 * with k or more exact copies has lrd 1e10 and LOF 1, as in scikit-learn.
 * Cost: O(n^2 d + n k log k) time, O(n k + n d) memory.
 * Source: Breunig et al. (2000), "LOF: identifying density-based local outliers", SIGMOD;
 * scikit-learn 1.2 `LocalOutlierFactor` (its 1e-10 in the lrd, its exactly-k neighbours).
 * @param points - Rows x features, finite; at least 2 rows. Or row objects, columns or an Arrow table with
 *   `columns` naming the features (docs/input.md).
 * @throws CrmError `EMPTY_INPUT`, `INVALID_INPUT` (one row), `RAGGED_ROWS`, `NON_FINITE`, `TOO_LARGE` (more than `maxRows` rows), `INVALID_OPTION`, `ABORTED`
 * @example
 * const m = fitLocalOutlierFactor([[0], [1], [2], [3], [10]], { neighbors: 2 });
 * m.negativeOutlierFactor.map((v) => v.toFixed(3)); // => ['-1.000', '-1.000', '-1.000', '-1.000', '-5.000']
 */
export function fitLocalOutlierFactor<D extends AnomalyPoints<AnyRow>>(points: D, options?: LocalOutlierFactorOptions<RowOf<D>>): LocalOutlierFactorModel {
  const fn = 'fitLocalOutlierFactor';
  const o = resolveOptionTable(fn, LOCAL_OUTLIER_FACTOR_OPTIONS, options);
  const { neighbors: requested, maxRows } = o;
  const tick = runControl(fn, o);
  const x = readPoints(points, fn, o.columns);
  const n = x.rows;
  if (n < 2) throw new CrmError('INVALID_INPUT', `${fn}: points has ${n} row; the local outlier factor needs at least 2.`, { argument: 'points' });
  if (n > maxRows) {
    throw new CrmError('TOO_LARGE', `${fn}: ${n} rows need ${((n * n) / 1e9).toFixed(1)}e9 distance evaluations (exact brute-force kNN); the limit is maxRows = ${maxRows}. Raise maxRows or fit on a sample and score the rest with predictLocalOutlierFactorScore.`, { rows: n, maxRows });
  }
  const warnings: string[] = [];
  let k = requested;
  if (k >= n) {
    k = n - 1;
    warnings.push(`neighbors (${requested}) must be below the number of rows (${n}); used ${k}, as scikit-learn does. Lower neighbors to silence this.`);
  }
  const { idx, dist } = knn(x, x, k, true, (done) => tick('point', done, n));
  const kDistance = new Float64Array(n);
  for (let i = 0; i < n; i++) kDistance[i] = dist[i * k + k - 1]!;
  const lrd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = 0; t < k; t++) s += Math.max(kDistance[idx[i * k + t]!]!, dist[i * k + t]!);
    lrd[i] = 1 / (s / k + 1e-10);
  }
  const nof = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = 0; t < k; t++) s += lrd[idx[i * k + t]!]!;
    nof[i] = -(s / k) / lrd[i]!;
  }
  tick('point', n, n);
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(Array.from(x.data.subarray(i * x.cols, (i + 1) * x.cols)));
  return {
    kind: 'localOutlierFactor',
    version: 2,
    options: { neighbors: k, maxRows },
    featureNames: featureNamesOf(x.names, x.cols),
    points: rows,
    kDistance: Array.from(kDistance),
    lrd: Array.from(lrd),
    negativeOutlierFactor: nof,
    diagnostics: { converged: true, iterations: 0, warnings },
  };
}

/** A LOF model of schema version 1 (no featureNames), as saved JSON holds it. */
type LocalOutlierFactorModelV1 = Omit<LocalOutlierFactorModel, 'version' | 'featureNames'> & { readonly version: 1 };

/**
 * Checks a LOF model read back from JSON: rows of one width, finite values, one kDistance and lrd
 * per row, neighbors in [1, n - 1], one feature name per column. A version 1 model (saved before
 * `featureNames`) is returned as version 2 with the names `x0, x1, ...`. O(size of the model).
 * @throws CrmError `INVALID_MODEL`
 * @example
 * const m = fitLocalOutlierFactor([[0], [1], [3]], { neighbors: 1 });
 * checkLocalOutlierFactorModel(JSON.parse(JSON.stringify(m)), 'demo').points.length; // => 3
 */
export function checkLocalOutlierFactorModel(model: unknown, fn: string): LocalOutlierFactorModel {
  const m = checkModel<LocalOutlierFactorModel | LocalOutlierFactorModelV1>(model, 'localOutlierFactor', [1, 2], fn);
  const bad = (what: string) => new CrmError('INVALID_MODEL', `${fn}: the localOutlierFactor model is damaged: ${what}. Refit it with fitLocalOutlierFactor.`, {});
  if (!Array.isArray(m.points) || m.points.length < 2) throw bad('points must hold at least 2 rows');
  const n = m.points.length;
  const d = Array.isArray(m.points[0]) ? m.points[0].length : 0;
  if (d < 1) throw bad('rows must be non-empty arrays');
  for (const row of m.points as unknown[]) {
    if (!Array.isArray(row) || row.length !== d || !row.every((v) => typeof v === 'number' && Number.isFinite(v))) throw bad('every row must hold the same number of finite numbers');
  }
  if (!m.options || !Number.isInteger(m.options.neighbors) || m.options.neighbors < 1 || m.options.neighbors >= n) throw bad('options.neighbors must be an integer in [1, n - 1]');
  for (const key of ['kDistance', 'lrd'] as const) {
    const a = m[key] as unknown;
    if (!Array.isArray(a) || a.length !== n || !a.every((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0)) throw bad(`${key} must hold one finite, non-negative number per row`);
  }
  // lrd = 1 / (mean reach-distance + 1e-10) lies in (0, 1e10]: anything else was not fitted.
  if (!(m.lrd as number[]).every((v) => v > 0 && v <= 1e10 * (1 + 1e-12))) throw bad('lrd must hold numbers in (0, 1e10], as the fit writes them');
  if (m.version === 1) return { ...m, version: 2, featureNames: featureNamesOf(null, d) };
  checkModelStrings(fn, 'localOutlierFactor', 'featureNames', m.featureNames, { length: d });
  return m;
}

/**
 * Novelty scoring: -LOF of new points against the training points (scikit-learn's
 * `score_samples` with `novelty=True`): their k nearest training points, reach-dist with the
 * training k-distances, `-(mean lrd of neighbours) / own lrd`. Around -1 is normal, lower is
 * more anomalous. A new point is never its own neighbour. O(m n d).
 * @param points - Rows with the model's features, in any form fitLocalOutlierFactor takes. Row
 *   objects, columns and Arrow tables are read by the model's `featureNames`, in order, unless
 *   `columns` is given.
 * @param options - `columns`: the features of row objects, columns or Arrow tables, when they are
 *   not named as `model.featureNames`.
 * @throws CrmError `INVALID_MODEL`, `INVALID_INPUT` (wrong number of features), `EMPTY_INPUT`, `RAGGED_ROWS`, `NON_FINITE`
 * @example
 * const m = fitLocalOutlierFactor([[0], [1], [2], [3]], { neighbors: 2 });
 * predictLocalOutlierFactorScore(m, [[1.5], [20]]).map((v) => v.toFixed(2)); // => ['-0.67', '-11.67']
 */
export function predictLocalOutlierFactorScore(model: LocalOutlierFactorModel, points: AnomalyPoints<AnyRow>, options?: AnomalyColumnsOption<AnyRow>): number[] {
  const fn = 'predictLocalOutlierFactorScore';
  const v1 = (model as { version?: unknown } | null)?.version === 1;
  const m = checkLocalOutlierFactorModel(model, fn);
  const o = resolveOptions(fn, {}, options, ['columns']) as AnomalyColumnsOption;
  // A version 1 model has no names: row objects need columns, and columns are read as before.
  const q = readPoints(points, fn, scoringColumns(points, o.columns, v1 ? null : m.featureNames));
  const d = m.points[0]!.length;
  if (q.cols !== d) throw new CrmError('INVALID_INPUT', `${fn}: points have ${q.cols} features but the model was fitted on ${d}.`, { argument: 'points' });
  const train: DenseMatrix = { rows: m.points.length, cols: d, data: Float64Array.from(m.points.flat()) };
  const k = m.options.neighbors;
  const { idx, dist } = knn(train, q, k, false, () => {});
  const out = new Array<number>(q.rows);
  for (let i = 0; i < q.rows; i++) {
    let s = 0;
    let l = 0;
    for (let t = 0; t < k; t++) {
      const j = idx[i * k + t]!;
      s += Math.max(m.kDistance[j]!, dist[i * k + t]!);
      l += m.lrd[j]!;
    }
    const lrd = 1 / (s / k + 1e-10);
    out[i] = -(l / k) / lrd;
  }
  return out;
}
