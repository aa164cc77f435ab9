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
 * Checks that `model` is a plain-data model of the given kind and version (e.g. after
 * `JSON.parse`), and returns it typed.
 * @throws CrmError `INVALID_MODEL`
 * @example
 * checkModel({ kind: 'kmeans', version: 1 }, 'kmeans', 1, 'predictKMeans').kind; // => 'kmeans'
 */
export function checkModel<M extends { kind: string; version: number }>(
  model: unknown,
  kind: M['kind'],
  version: number,
  fn: string,
): M {
  if (model === null || typeof model !== 'object') {
    throw new CrmError('INVALID_MODEL', `${fn}: expected a '${kind}' model; got ${describeValue(model)}.`, { kind });
  }
  const m = model as { kind?: unknown; version?: unknown };
  if (m.kind !== kind) {
    throw new CrmError('INVALID_MODEL', `${fn}: expected a '${kind}' model; got one of kind ${describeValue(m.kind)}.`, { kind });
  }
  if (m.version !== version) {
    throw new CrmError('INVALID_MODEL', `${fn}: this version reads '${kind}' models of schema version ${version}; got ${describeValue(m.version)}. Refit the model.`, { kind });
  }
  return model as M;
}
