/**
 * A fitted k-means model as a SQL expression giving the nearest centroid.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { checkModel, checkModelNumbers } from '../core/model.js';
import { checkInteger, resolveOptions } from '../core/validate.js';
import { columnRef, damagedModel, type SqlTarget } from './columns.js';
import { checkDialect, sqlDoubleLiteral, type SqlDialect } from './dialect.js';

/** What {@link kmeansToSql} reads of a crm-mining/cluster `KMeansModel`. */
export interface KMeansModelShape {
  readonly kind: 'kmeans';
  /** 2 since k-means models store featureNames; 1 for models saved before. */
  readonly version: 1 | 2;
  readonly centroids: readonly (readonly number[])[];
  /** The fitted columns' names (version 2): the default SQL columns. */
  readonly featureNames?: readonly string[];
}

/** Options of {@link kmeansToSql}. */
export interface KMeansToSqlOptions extends SqlTarget {
  /**
   * SQL column of each centroid coordinate, in order (the order of the model's `featureNames`).
   * @defaultValue the model's `featureNames` (version 2 models; required for version 1)
   */
  columns?: readonly string[];
  /** Most distance terms (k * (k - 1) * columns) written; the text grows with it. @defaultValue 1000000 */
  maxTerms?: number;
}

const DEFAULTS = Object.freeze({
  dialect: 'duckdb' as SqlDialect,
  table: null as string | null,
  columns: undefined as unknown as readonly string[],
  maxTerms: 1_000_000,
});

/**
 * A fitted k-means model as a SQL expression giving each row's nearest centroid (0-based), ties to
 * the lower index, as predictKMeans: cluster c is chosen when its squared distance is <= that of
 * every later centroid and no earlier one was chosen. Distances are summed in predictKMeans's
 * order, so the labels agree with it exactly. NULL in any column gives NULL. The columns must be
 * on the scale the model was fitted on (apply the same scaling first).
 *
 * Cost: O(k^2 * columns) text; refused beyond `maxTerms`.
 * @param model - From fitKMeans (crm-mining/cluster), or its JSON.
 * @param options - See {@link KMeansToSqlOptions}; `columns` defaults to the model's `featureNames`.
 * @returns A SQL expression.
 * @throws CrmError `INVALID_MODEL`, `INVALID_OPTION` (columns missing or of the wrong length, dialect), `TOO_LARGE` (beyond `maxTerms`).
 * @example
 * kmeansToSql({ kind: 'kmeans', version: 1, centroids: [[0], [10]] }, { columns: ['spend'] });
 * // => 'CASE WHEN "spend" IS NULL THEN NULL WHEN ("spend" - CAST(0e+0 AS DOUBLE)) * ("spend" - CAST(0e+0 AS DOUBLE)) <= ("spend" - CAST(1e+1 AS DOUBLE)) * ("spend" - CAST(1e+1 AS DOUBLE)) THEN 0 ELSE 1 END'
 * // A model fitted on rows with { columns: ['spend'] } stores featureNames: ['spend'], the default.
 * kmeansToSql({ kind: 'kmeans', version: 2, featureNames: ['spend'], centroids: [[0], [10]] }) === kmeansToSql({ kind: 'kmeans', version: 1, centroids: [[0], [10]] }, { columns: ['spend'] }); // => true
 */
export function kmeansToSql(model: KMeansModelShape, options?: KMeansToSqlOptions): string {
  const fn = 'kmeansToSql';
  const o = resolveOptions(fn, DEFAULTS, options);
  const dialect = checkDialect(fn, o.dialect);
  const maxTerms = checkInteger('maxTerms', o.maxTerms, { min: 1 });
  const m = checkModel<KMeansModelShape>(model, 'kmeans', [1, 2], fn);
  if (!Array.isArray(m.centroids) || m.centroids.length === 0) {
    throw new CrmError('INVALID_MODEL', `${fn}: the 'kmeans' model's centroids are ${describeValue(m.centroids)}; expected a non-empty array of rows. Refit it.`, { kind: 'kmeans', field: 'centroids' });
  }
  const k = m.centroids.length;
  const cols = (o.columns ?? (m.version === 2 ? m.featureNames : undefined)) as unknown;
  if (!Array.isArray(cols) || cols.length === 0 || cols.some((c) => typeof c !== 'string' || c === '')) {
    if (o.columns === undefined && m.version === 2) throw damagedModel(fn, 'kmeans', 'featureNames', cols, 'a non-empty array of column names');
    throw new CrmError('INVALID_OPTION', `${fn}: columns must list the SQL column of each centroid coordinate, e.g. ['recency', 'frequency']${m.version === 1 ? ' (version 1 models store no column names)' : ''}; got ${describeValue(cols)}.`, { option: 'columns' });
  }
  const d = cols.length;
  const first = m.centroids[0] as unknown;
  if (Array.isArray(first) && first.length !== d) {
    throw new CrmError('INVALID_OPTION', `${fn}: columns lists ${d} columns but the centroids have ${first.length} coordinates; list one SQL column per coordinate, in the order of the fit.`, { option: 'columns' });
  }
  const centroids = m.centroids.map((row, c) => checkModelNumbers(fn, 'kmeans', `centroids[${c}]`, row, { length: d }));
  if (k * (k - 1) * d > maxTerms) {
    throw new CrmError('TOO_LARGE', `${fn}: ${k} centroids of ${d} columns need ${k * (k - 1) * d} distance terms, more than maxTerms (${maxTerms}). Raise maxTerms, or score in JS with predictKMeans.`, { option: 'maxTerms' });
  }
  // Column names are positions here: the renaming option is the list itself.
  const ref = columnRef(fn, dialect, o.table, null, []);
  const x = (cols as string[]).map((c) => ref(c));
  const dist = centroids.map((row) => row.map((v, j) => {
    const t = `(${x[j]} - ${sqlDoubleLiteral(v, dialect)})`;
    return `${t} * ${t}`;
  }).join(' + '));
  const parts = [`WHEN ${x.map((c) => `${c} IS NULL`).join(' OR ')} THEN NULL`];
  for (let c = 0; c < k - 1; c++) {
    const tests: string[] = [];
    for (let j = c + 1; j < k; j++) tests.push(`${dist[c]} <= ${dist[j]}`);
    parts.push(`WHEN ${tests.join(' AND ')} THEN ${c}`);
  }
  return `CASE ${parts.join(' ')} ELSE ${k - 1} END`;
}
