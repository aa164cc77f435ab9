/**
 * What every fitted model shares: a kind, a schema version, the resolved options and diagnostics,
 * all plain data (survives JSON, structuredClone and postMessage).
 * @module
 */
import { CrmError, describeValue } from './errors.js';

/** How a fit went. A fit that stops at its iteration limit says so here instead of throwing. */
export interface Diagnostics {
  readonly converged: boolean;
  readonly iterations: number;
  /** Human-readable warnings, each naming the option to change. */
  readonly warnings: string[];
}

/**
 * Checks that `model` is a plain-data model of the given kind and schema version (e.g. after
 * `JSON.parse`), and returns it typed. `version` may list every version the reader still reads
 * (a schema change bumps the version and keeps reading the old one), newest last.
 * @throws CrmError `INVALID_MODEL`
 * @example
 * checkModel({ kind: 'kmeans', version: 1 }, 'kmeans', 1, 'predictKMeans').kind; // => 'kmeans'
 * checkModel({ kind: 'kmeans', version: 1 }, 'kmeans', [1, 2], 'predictKMeans').version; // => 1
 */
export function checkModel<M extends { kind: string; version: number }>(
  model: unknown,
  kind: M['kind'],
  version: number | readonly number[],
  fn: string,
): M {
  if (model === null || typeof model !== 'object') {
    throw new CrmError('INVALID_MODEL', `${fn}: expected a '${kind}' model; got ${describeValue(model)}.`, { kind });
  }
  const m = model as { kind?: unknown; version?: unknown };
  if (m.kind !== kind) {
    throw new CrmError('INVALID_MODEL', `${fn}: expected a '${kind}' model; got one of kind ${describeValue(m.kind)}.`, { kind });
  }
  const versions: readonly number[] = typeof version === 'number' ? [version] : version;
  if (typeof m.version !== 'number' || !versions.includes(m.version)) {
    const which = versions.length === 1 ? `${versions[0]}` : `${versions.slice(0, -1).join(', ')} or ${versions[versions.length - 1]}`;
    throw new CrmError('INVALID_MODEL', `${fn}: this version reads '${kind}' models of schema version ${which}; got ${describeValue(m.version)}. Refit the model.`, { kind });
  }
  return model as M;
}

function damaged(fn: string, kind: string, field: string, what: string): CrmError {
  return new CrmError('INVALID_MODEL', `${fn}: the '${kind}' model's ${field} ${what}; the model is damaged (for example by editing its JSON). Refit it.`, { kind, field });
}

/**
 * One finite number of a model read back from JSON (a string such as "1.5", null or NaN is
 * refused, never coerced). O(1).
 * @throws CrmError `INVALID_MODEL`
 * @example
 * checkModelNumber('predictLogisticProba', 'logistic', 'intercept', -1.5); // => -1.5
 */
export function checkModelNumber(fn: string, kind: string, field: string, value: unknown, bounds: { positive?: boolean } = {}): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw damaged(fn, kind, field, `must be a finite number but is ${describeValue(value)}`);
  if (bounds.positive && !(value > 0)) throw damaged(fn, kind, field, `must be > 0 but is ${value}`);
  return value;
}

/**
 * An array of finite numbers of a model read back from JSON, optionally of a given length and
 * positive; holes and nulls are refused with their index. O(length).
 * @throws CrmError `INVALID_MODEL`
 * @example
 * checkModelNumbers('applyScaler', 'scaler', 'scale', [1, 2], { length: 2, positive: true }); // => [1, 2]
 */
export function checkModelNumbers(
  fn: string,
  kind: string,
  field: string,
  value: unknown,
  opts: { length?: number; positive?: boolean } = {},
): number[] {
  if (!Array.isArray(value)) throw damaged(fn, kind, field, `must be an array of numbers but is ${describeValue(value)}`);
  if (opts.length !== undefined && value.length !== opts.length) {
    throw damaged(fn, kind, field, `has ${value.length} entries where ${opts.length} are expected`);
  }
  for (let i = 0; i < value.length; i++) checkModelNumber(fn, kind, `${field}[${i}]`, value[i], opts);
  return value as number[];
}

/**
 * An array of strings of a model read back from JSON, optionally of a given length and without
 * repeats (`distinct`, for names a predict function reads columns by). O(length).
 * @throws CrmError `INVALID_MODEL`
 * @example
 * checkModelStrings('applyOneHot', 'oneHot', 'names', ['plan_gold']); // => ['plan_gold']
 * checkModelStrings('applyStandardizer', 'scaler', 'featureNames', ['age', 'tenure'], { length: 2, distinct: true }); // => ['age', 'tenure']
 */
export function checkModelStrings(fn: string, kind: string, field: string, value: unknown, opts: { length?: number; distinct?: boolean } = {}): string[] {
  if (!Array.isArray(value)) throw damaged(fn, kind, field, `must be an array of strings but is ${describeValue(value)}`);
  if (opts.length !== undefined && value.length !== opts.length) {
    throw damaged(fn, kind, field, `has ${value.length} entries where ${opts.length} are expected`);
  }
  const seen = opts.distinct ? new Set<string>() : null;
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (typeof v !== 'string') throw damaged(fn, kind, `${field}[${i}]`, `must be a string but is ${describeValue(v)}`);
    if (seen !== null) {
      if (seen.has(v)) throw damaged(fn, kind, `${field}[${i}]`, `repeats the name ${JSON.stringify(v)}`);
      seen.add(v);
    }
  }
  return value as string[];
}

/**
 * The `diagnostics` of a model read back from JSON: `converged` a boolean, `iterations` an integer
 * >= 0 and `warnings` an array of strings (extra fields, such as a solver name, are left to the
 * caller). O(warnings).
 * @throws CrmError `INVALID_MODEL`
 * @example
 * checkModelDiagnostics('pruneDecisionTree', 'decisionTree', { converged: true, iterations: 7, warnings: [] }).iterations; // => 7
 */
export function checkModelDiagnostics(fn: string, kind: string, value: unknown): Diagnostics {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw damaged(fn, kind, 'diagnostics', `must be { converged, iterations, warnings } but is ${describeValue(value)}`);
  const d = value as Record<string, unknown>;
  if (typeof d.converged !== 'boolean') throw damaged(fn, kind, 'diagnostics.converged', `must be true or false but is ${describeValue(d.converged)}`);
  if (typeof d.iterations !== 'number' || !Number.isInteger(d.iterations) || d.iterations < 0) {
    throw damaged(fn, kind, 'diagnostics.iterations', `must be an integer >= 0 but is ${describeValue(d.iterations)}`);
  }
  checkModelStrings(fn, kind, 'diagnostics.warnings', d.warnings);
  return value as Diagnostics;
}
