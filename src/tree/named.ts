/**
 * Puts the public function's name in front of the messages of the shared option checks
 * (`checkInteger`, `checkNumber`, ... of core/validate.ts name the option only) (internal).
 * @module
 */
import { CrmError } from '../core/errors.js';

/**
 * Runs `check`; a `CrmError` it throws is re-thrown with `fn: ` before its message (same code and
 * details) unless the message already starts with it.
 * @throws CrmError whatever `check` throws, named.
 * @example
 * named('treeRules', () => 4); // => 4
 */
export function named<T>(fn: string, check: () => T): T {
  try {
    return check();
  } catch (e) {
    if (e instanceof CrmError && !e.message.startsWith(`${fn}`)) throw new CrmError(e.code, `${fn}: ${e.message}`, { ...e.details });
    throw e;
  }
}
