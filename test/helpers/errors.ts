import { CrmError } from '../../src/core/errors.js';

/** The CrmError code `f` throws, `raw:<name>` for any other error (a defect), or undefined. */
export function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof CrmError ? e.code : `raw:${(e as Error).name}`;
  }
  return undefined;
}
