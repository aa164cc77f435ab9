/**
 * The caller's `random` generator, checked draw by draw: a function that returns 1, NaN, a
 * negative number or a string would otherwise send the rejection samplers into endless loops
 * (D18). Internal to `clv`.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { resolveRandom, type Random } from '../core/random.js';

/**
 * `options.random` wrapped so that every draw is checked to be a finite number in [0, 1), or a
 * generator seeded by `options.seed` (whose draws are in range by construction). O(1) per draw.
 * @throws CrmError `INVALID_OPTION` (option `random`) at the first bad draw, or for a non-function.
 * @example
 * checkedRandom('simulateBgNbd', { random: () => 0.25 })(); // => 0.25
 */
export function checkedRandom(fn: string, options: { seed?: number; random?: unknown }): Random {
  if (options.random === undefined) return resolveRandom({ seed: options.seed });
  const random = resolveRandom({ random: options.random as Random });
  return () => {
    const u = random();
    if (typeof u !== 'number' || !(u >= 0 && u < 1)) {
      throw new CrmError('INVALID_OPTION', `${fn}: random() returned ${describeValue(u)}; it must return numbers in [0, 1) as Math.random does. Fix the generator, or pass seed instead of random.`, { option: 'random' });
    }
    return u;
  };
}
