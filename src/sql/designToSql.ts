/**
 * A fitted design (crm-mining/linear's fitDesign) as SQL: each output column of applyDesign as an
 * expression over the raw columns, one-hot and standardisation inlined.
 * @module
 */
import { checkModel, checkModelNumbers, checkModelStrings } from '../core/model.js';
import { resolveOptions } from '../core/validate.js';
import { columnRef, damagedModel, type SqlTarget } from './columns.js';
import { checkDialect, isNanSql, sqlDoubleLiteral, sqlStringLiteral, sqlDoubleType, type SqlDialect } from './dialect.js';

/** What the SQL exporters read of a crm-mining/linear `DesignModel`. */
export interface DesignModelShape {
  readonly kind: 'design';
  readonly version: 1;
  readonly columns: readonly { readonly name: string; readonly type: 'numeric' | 'categorical' }[];
  readonly names: readonly string[];
  readonly scaler: { readonly offset: readonly number[]; readonly scale: readonly number[] } | null;
  readonly encodings: readonly {
    readonly options: { readonly unknown: 'zeros' | 'refuse' };
    readonly levels: readonly { readonly column: string; readonly all: readonly string[]; readonly encoded: readonly string[] }[];
  }[];
}

/** One declared column of a design, read for SQL. @internal */
export type DesignPart =
  | { readonly type: 'numeric'; readonly name: string; readonly offset: number; readonly scale: number }
  | { readonly type: 'categorical'; readonly name: string; readonly encoded: readonly string[]; readonly others: readonly string[]; readonly refuse: boolean };

/** Checks a design read back from JSON as applyDesign would use it. @internal */
export function readDesign(fn: string, design: unknown): { parts: DesignPart[]; names: string[] } {
  const d = checkModel<DesignModelShape>(design, 'design', 1, fn);
  if (!Array.isArray(d.columns) || d.columns.length === 0) throw damagedModel(fn, 'design', 'columns', d.columns, 'a non-empty array of { name, type }');
  const numericCount = d.columns.filter((c) => c?.type === 'numeric').length;
  let offset: number[] = [];
  let scale: number[] = [];
  if (numericCount > 0) {
    const s = d.scaler as Record<string, unknown> | null;
    if (s === null || typeof s !== 'object') throw damagedModel(fn, 'design', 'scaler', s, `a scaler of ${numericCount} columns`);
    offset = checkModelNumbers(fn, 'design', 'scaler.offset', s.offset, { length: numericCount });
    scale = checkModelNumbers(fn, 'design', 'scaler.scale', s.scale, { length: numericCount, positive: true });
  }
  if (!Array.isArray(d.encodings)) throw damagedModel(fn, 'design', 'encodings', d.encodings, 'an array of one-hot encodings');
  const parts: DesignPart[] = [];
  const names: string[] = [];
  let num = 0;
  let cat = 0;
  d.columns.forEach((c, k) => {
    if (c === null || typeof c !== 'object' || typeof c.name !== 'string' || c.name === '') throw damagedModel(fn, 'design', `columns[${k}]`, c, '{ name, type } with a non-empty name');
    if (c.type === 'numeric') {
      parts.push({ type: 'numeric', name: c.name, offset: offset[num]!, scale: scale[num]! });
      names.push(c.name);
      num++;
      return;
    }
    if (c.type !== 'categorical') throw damagedModel(fn, 'design', `columns[${k}].type`, c.type, "'numeric' or 'categorical'");
    const e = d.encodings[cat] as DesignModelShape['encodings'][number] | undefined;
    const field = `encodings[${cat++}]`;
    const level = Array.isArray(e?.levels) && e.levels.length === 1 ? e.levels[0] : undefined;
    if (!e || !level || level.column !== c.name) throw damagedModel(fn, 'design', field, e, `a one-hot encoding of column '${c.name}'`);
    const unknown = e.options?.unknown;
    if (unknown !== 'zeros' && unknown !== 'refuse') throw damagedModel(fn, 'design', `${field}.options.unknown`, unknown, "'zeros' or 'refuse'");
    const all = checkModelStrings(fn, 'design', `${field}.levels[0].all`, level.all);
    const encoded = checkModelStrings(fn, 'design', `${field}.levels[0].encoded`, level.encoded);
    for (const v of encoded) if (!all.includes(v)) throw damagedModel(fn, 'design', `${field}.levels[0].encoded`, v, 'a level seen in training (in levels[0].all)');
    parts.push({ type: 'categorical', name: c.name, encoded, others: all.filter((v) => !encoded.includes(v)), refuse: unknown === 'refuse' });
    for (const v of encoded) names.push(`${c.name}_${v}`);
  });
  if (cat !== d.encodings.length) throw damagedModel(fn, 'design', 'encodings', d.encodings, `${cat} one-hot encodings, one per categorical column`);
  const given = checkModelStrings(fn, 'design', 'names', d.names);
  if (given.length !== names.length || given.some((n, j) => n !== names[j])) throw damagedModel(fn, 'design', 'names', given, `the output columns of its columns and encodings (${names.slice(0, 6).join(', ')}${names.length > 6 ? ', ...' : ''})`);
  return { parts, names };
}

/** SQL pieces of a read design: per part its (standardised) value or its level test, and the NULL test. @internal */
export interface DesignSql {
  /** A numeric part's value, (x - offset) / scale in doubles (plain x when offset 0 and scale 1). */
  value(part: DesignPart & { type: 'numeric' }): string;
  /** A categorical part's test for one level (the column compared as text). */
  isLevel(part: DesignPart & { type: 'categorical' }, level: string): string;
  /** True when applyDesign would refuse the row: a NULL (or NaN) input, or an unseen level of a `refuse` column; null when nothing can be refused. */
  refused: string | null;
}

/** Builds the expressions of a design for a dialect and a column reference maker. @internal */
export function designSql(parts: readonly DesignPart[], ref: (name: string) => string, dialect: SqlDialect): DesignSql {
  const dbl = sqlDoubleType(dialect);
  const x = (name: string) => `CAST(${ref(name)} AS ${dbl})`;
  const tests: string[] = [];
  for (const p of parts) {
    tests.push(`${ref(p.name)} IS NULL`);
    if (p.type === 'numeric') tests.push(isNanSql(x(p.name), dialect));
    else if (p.refuse) tests.push(`${ref(p.name)} NOT IN (${[...p.encoded, ...p.others].map((v) => sqlStringLiteral(v, dialect)).join(', ')})`);
  }
  return {
    value: (p) => (p.offset === 0 && p.scale === 1 ? x(p.name) : `(${x(p.name)} - ${sqlDoubleLiteral(p.offset, dialect)}) / ${sqlDoubleLiteral(p.scale, dialect)}`),
    isLevel: (p, level) => `${ref(p.name)} = ${sqlStringLiteral(level, dialect)}`,
    refused: tests.length === 0 ? null : tests.join(' OR '),
  };
}

/** Options of {@link designToSql}. */
export interface DesignToSqlOptions extends SqlTarget {
  /** SQL column per declared input column, for tables that name them differently. @defaultValue {} */
  columns?: Readonly<Record<string, string>> | null;
}

const DEFAULTS = Object.freeze({ dialect: 'duckdb' as SqlDialect, table: null as string | null, columns: null as DesignToSqlOptions['columns'] });

/**
 * The design matrix of a fitted design as SQL: one expression per output column (`design.names`),
 * the value applyDesign gives: `(x - mean) / sd` in doubles for numeric columns (the scaler's
 * offset and scale; plain x where they are 0 and 1), and 1 or 0 for each dummy, the column compared
 * as text with the level (applyDesign compares String(value), so store categories as text: `'1'`,
 * `'true'`). An unseen level gives 0 in every dummy of a `zeros` column. Where applyDesign throws
 * (NULL or NaN in any declared column, an unseen level of a `refuse` column), every expression
 * gives NULL.
 *
 * Cost: O(output columns + levels) text per expression.
 * @param design - From fitDesign (crm-mining/linear), or its JSON.
 * @param options - See {@link DesignToSqlOptions}.
 * @returns `{ name: expression }` in `design.names` order.
 * @throws CrmError `INVALID_MODEL` (damaged design), `INVALID_OPTION` (columns, table, dialect).
 * @example
 * const design = { kind: 'design', version: 1, columns: [{ name: 'plan', type: 'categorical' }], names: ['plan_gold'], scaler: null,
 *   encodings: [{ options: { unknown: 'zeros' }, levels: [{ column: 'plan', all: ['basic', 'gold'], encoded: ['gold'] }] }] };
 * designToSql(design).plan_gold; // => 'CASE WHEN "plan" IS NULL THEN NULL WHEN "plan" = \'gold\' THEN CAST(1e+0 AS DOUBLE) ELSE CAST(0e+0 AS DOUBLE) END'
 */
export function designToSql(design: DesignModelShape, options?: DesignToSqlOptions): Record<string, string> {
  const fn = 'designToSql';
  const o = resolveOptions(fn, DEFAULTS, options);
  const dialect = checkDialect(fn, o.dialect);
  const { parts } = readDesign(fn, design);
  const ref = columnRef(fn, dialect, o.table, o.columns, parts.map((p) => p.name));
  const sql = designSql(parts, ref, dialect);
  const guard = (e: string) => (sql.refused === null ? e : `CASE WHEN ${sql.refused} THEN NULL ${e.startsWith('CASE WHEN ') ? e.slice(5) : `ELSE ${e} END`}`);
  const one = sqlDoubleLiteral(1, dialect);
  const zero = sqlDoubleLiteral(0, dialect);
  const out: Record<string, string> = {};
  for (const p of parts) {
    if (p.type === 'numeric') out[p.name] = guard(sql.value(p));
    else for (const v of p.encoded) out[`${p.name}_${v}`] = guard(`CASE WHEN ${sql.isLevel(p, v)} THEN ${one} ELSE ${zero} END`);
  }
  return out;
}

