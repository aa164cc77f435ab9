/**
 * A fitted logistic regression as a SQL expression.
 * @module
 */
import { CrmError } from '../core/errors.js';
import { checkModel, checkModelNumber, checkModelNumbers, checkModelStrings } from '../core/model.js';
import { checkNumber, checkOneOf, resolveOptions } from '../core/validate.js';
import { columnRef, type SqlTarget } from './columns.js';
import { checkDialect, sqlDoubleLiteral, type SqlDialect } from './dialect.js';
import { designSql, readDesign, type DesignModelShape } from './designToSql.js';

/** What {@link logisticToSql} reads of a crm-mining/linear `LogisticModel`. */
export interface LogisticModelShape {
  readonly kind: 'logistic';
  readonly version: 1;
  readonly featureNames: readonly string[];
  readonly intercept: number;
  readonly coefficients: readonly number[];
}

/** Options of {@link logisticToSql}. */
export interface LogisticToSqlOptions extends SqlTarget {
  /** `probability` of class 1, the `logit` b0 + x . b, or the `class` (1 when probability >= threshold, else 0). @defaultValue 'probability' */
  output?: 'probability' | 'logit' | 'class';
  /** Cut-off of `output: 'class'`, as predictLogistic. @defaultValue 0.5 */
  threshold?: number;
  /** SQL column name per feature name (per input column of `design`), for tables that name them differently. @defaultValue {} */
  columns?: Readonly<Record<string, string>> | null;
  /**
   * The design the model was fitted on (fitDesign, crm-mining/linear): the SQL then reads the raw
   * columns, with one-hot and standardisation inlined, as scoreLogistic does. @defaultValue none
   */
  design?: DesignModelShape;
}

const DEFAULTS = Object.freeze({
  dialect: 'duckdb' as SqlDialect,
  table: null as string | null,
  output: 'probability' as LogisticToSqlOptions['output'],
  threshold: 0.5,
  columns: null as LogisticToSqlOptions['columns'],
  design: undefined as DesignModelShape | undefined,
});

/**
 * A fitted logistic regression as a SQL expression: `1 / (1 + EXP(-(b0 + x1 * b1 + ...)))` over
 * the columns named by the model's `featureNames` (renamed through `columns`), coefficients
 * written to full double precision and summed in the order predictLogisticProba sums them. The
 * linear score is clamped to [-700, 700] inside EXP so that no engine overflows (PostgreSQL raises
 * an error on EXP overflow); outside that range the probability is within 1e-304 of 0 or 1.
 * NULL in any feature gives NULL (tested up front: GREATEST and LEAST skip NULLs in some engines).
 *
 * With `design` (the fitDesign model the logistic model was fitted on), the expression reads the
 * raw columns as scoreLogistic does: numeric columns standardised inline, `(x - mean) / sd`, and
 * each categorical column one CASE giving its level's coefficient (0 for the reference level and
 * for an unseen level of a `zeros` column), compared as text. Where scoreLogistic throws (NULL or
 * NaN in a declared column, an unseen level of a `refuse` column) the SQL gives NULL.
 *
 * Cost: O(features).
 * @param model - From fitLogistic (crm-mining/linear), or its JSON.
 * @param options - See {@link LogisticToSqlOptions}.
 * @returns A SQL expression.
 * @throws CrmError `INVALID_MODEL` (damaged model or design, or a model not fitted on the design), `INVALID_OPTION` (output, threshold, columns, dialect).
 * @example
 * const model = { kind: 'logistic', version: 1, featureNames: ['tenure'], intercept: 0.5, coefficients: [-0.25] };
 * logisticToSql(model, { output: 'logit' }); // => 'CAST(5e-1 AS DOUBLE) + "tenure" * CAST(-2.5e-1 AS DOUBLE)'
 */
export function logisticToSql(model: LogisticModelShape, options?: LogisticToSqlOptions): string {
  const fn = 'logisticToSql';
  const o = resolveOptions(fn, DEFAULTS, options);
  const dialect = checkDialect(fn, o.dialect);
  const output = checkOneOf('output', o.output, ['probability', 'logit', 'class'] as const);
  const threshold = checkNumber('threshold', o.threshold, { min: 0, max: 1 });
  const m = checkModel<LogisticModelShape>(model, 'logistic', 1, fn);
  const names = checkModelStrings(fn, 'logistic', 'featureNames', m.featureNames);
  const b = checkModelNumbers(fn, 'logistic', 'coefficients', m.coefficients, { length: names.length });
  const b0 = checkModelNumber(fn, 'logistic', 'intercept', m.intercept);
  if (names.some((n) => n === '')) throw new CrmError('INVALID_MODEL', `${fn}: the 'logistic' model has an empty feature name; name every feature (refit with featureNames).`, { kind: 'logistic', field: 'featureNames' });
  let z = sqlDoubleLiteral(b0, dialect);
  let nulls: string | null;
  if (o.design === undefined) {
    const ref = columnRef(fn, dialect, o.table, o.columns, names);
    for (let j = 0; j < names.length; j++) z += ` + ${ref(names[j]!)} * ${sqlDoubleLiteral(b[j]!, dialect)}`;
    if (output === 'logit') return z;
    // GREATEST and LEAST skip NULLs (DuckDB, PostgreSQL, Snowflake), so NULL is tested first.
    nulls = names.length === 0 ? null : names.map((n) => `${ref(n)} IS NULL`).join(' OR ');
  } else {
    const { parts, names: designNames } = readDesign(fn, o.design);
    const at = designNames.length !== names.length ? Math.min(designNames.length, names.length) : names.findIndex((n, j) => n !== designNames[j]);
    if (at >= 0) {
      throw new CrmError('INVALID_MODEL', `${fn}: the model was not fitted on this design: its featureNames (${names.length}) ${names.length === designNames.length ? `differ at column ${at} ('${names[at]}' vs '${designNames[at]}')` : `do not match the design's ${designNames.length} names`}. Fit with fitLogistic(applyDesign(design, rows), labels, { featureNames: design.names }).`, { kind: 'logistic', field: 'featureNames' });
    }
    const ref = columnRef(fn, dialect, o.table, o.columns, parts.map((p) => p.name));
    const d = designSql(parts, ref, dialect);
    // predictLogisticProba adds x_j * b_j in column order; a dummy adds b_j when 1 and an exact zero
    // when 0, so one CASE per categorical column giving its level's coefficient is the same sum.
    let j = 0;
    for (const p of parts) {
      if (p.type === 'numeric') {
        z += ` + ${d.value(p)} * ${sqlDoubleLiteral(b[j++]!, dialect)}`;
      } else {
        const whens = p.encoded.map((v) => `WHEN ${d.isLevel(p, v)} THEN ${sqlDoubleLiteral(b[j++]!, dialect)}`);
        if (whens.length > 0) z += ` + CASE ${whens.join(' ')} ELSE ${sqlDoubleLiteral(0, dialect)} END`;
      }
    }
    nulls = d.refused;
    // Where scoreLogistic throws (a missing value, an unseen level of a 'refuse' column), the SQL is NULL.
    if (output === 'logit') return nulls === null ? z : `CASE WHEN ${nulls} THEN NULL ELSE ${z} END`;
  }
  const clamped = `1 / (1 + EXP(-LEAST(GREATEST(${z}, -700), 700)))`;
  const p = nulls === null ? clamped : `CASE WHEN ${nulls} THEN NULL ELSE ${clamped} END`;
  if (output === 'probability') return p;
  return `CAST(${p} >= ${sqlDoubleLiteral(threshold, dialect)} AS ${dialect === 'bigquery' ? 'INT64' : 'INTEGER'})`;
}
