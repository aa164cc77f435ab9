/**
 * Column references shared by the SQL exporters (internal): a model's feature name, renamed
 * through the `columns` option, quoted and optionally qualified by a table alias.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { quoteSqlIdentifier, type SqlDialect } from './dialect.js';

/** Options every exporter takes. */
export interface SqlTarget {
  /** Target dialect. @defaultValue 'duckdb' */
  dialect?: SqlDialect;
  /** Table name or alias to qualify every column with (`"t"."tenure"`); null = unqualified. @defaultValue null */
  table?: string | null;
}

/** Reads the `columns` renaming (model name -> SQL column name) and returns a quoting reference maker. */
export function columnRef(
  fn: string,
  dialect: SqlDialect,
  table: unknown,
  rename: unknown,
  modelNames: readonly string[],
): (name: string) => string {
  if (table !== null && table !== undefined && (typeof table !== 'string' || table === '' || table.includes('\u0000'))) {
    throw new CrmError('INVALID_OPTION', `${fn}: table must be a table name or alias (a non-empty string without NUL) or null; got ${describeValue(table)}.`, { option: 'table' });
  }
  let map: Record<string, unknown> = {};
  if (rename !== null && rename !== undefined) {
    if (typeof rename !== 'object' || Array.isArray(rename)) {
      throw new CrmError('INVALID_OPTION', `${fn}: columns must map model column names to SQL column names, e.g. { tenure: 'tenure_months' }; got ${describeValue(rename)}.`, { option: 'columns' });
    }
    map = rename as Record<string, unknown>;
    const known = new Set(modelNames);
    for (const key of Object.keys(map)) {
      if (!known.has(key)) {
        throw new CrmError('INVALID_OPTION', `${fn}: columns renames '${key}', which is not a column of the model (${modelNames.slice(0, 8).join(', ')}${modelNames.length > 8 ? ', ...' : ''}).`, { option: 'columns' });
      }
      if (typeof map[key] !== 'string' || map[key] === '') {
        throw new CrmError('INVALID_OPTION', `${fn}: columns.${key} must be a non-empty SQL column name; got ${describeValue(map[key])}.`, { option: 'columns' });
      }
    }
  }
  const prefix = typeof table === 'string' ? `${quoteSqlIdentifier(table, dialect)}.` : '';
  const cache = new Map<string, string>();
  return (name: string) => {
    let ref = cache.get(name);
    if (ref === undefined) {
      const sqlName = Object.hasOwn(map, name) ? (map[name] as string) : name;
      ref = prefix + quoteSqlIdentifier(sqlName, dialect);
      cache.set(name, ref);
    }
    return ref;
  };
}

/** A damaged-model error naming the field. */
export function damagedModel(fn: string, kind: string, field: string, value: unknown, expected: string): CrmError {
  return new CrmError('INVALID_MODEL', `${fn}: the '${kind}' model's ${field} is ${describeValue(value)}; expected ${expected}. The model JSON is damaged: refit it or restore it from the original.`, { kind, field });
}
