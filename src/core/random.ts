/**
 * Seeded randomness. All generator code sits here (Alea from seedrandom), so the generator can
 * change without changing the API. A generator is a plain `() => number` in [0, 1), which is what
 * d3's `randomLcg` and simple-statistics' `randomSource` accept too.
 * @module
 */
import alea from 'seedrandom/lib/alea.js';
import { CrmError, describeValue } from './errors.js';
import { checkFunction, checkInteger } from './validate.js';

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** Seed used when the caller gives none: results are deterministic by default. */
export const DEFAULT_SEED = 0;

/**
 * A seeded generator. The same seed gives the same stream in Node, Deno and the browser.
 * @param seed - An integer (safe integer range).
 * @throws CrmError `INVALID_OPTION` if the seed is not an integer.
 * @example
 * const r = createRandom(42); const a = r(); createRandom(42)() === a; // => true
 */
export function createRandom(seed: number = DEFAULT_SEED): Random {
  checkInteger('seed', seed, { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
  const prng = alea(`crm-mining:${seed}`);
  return () => prng();
}

/**
 * The generator a function should use: the caller's `random` if given, else one seeded by `seed`.
 * @throws CrmError `INVALID_OPTION`
 * @example
 * typeof resolveRandom({ seed: 1 }); // => 'function'
 */
export function resolveRandom(options: { seed?: number; random?: Random }): Random {
  if (options.random !== undefined) return checkFunction<Random>('random', options.random);
  // Only an absent seed means the default: `seed: null` is refused by createRandom, not read as 0.
  return createRandom(options.seed === undefined ? DEFAULT_SEED : options.seed);
}

/**
 * A child stream for one restart, tree or bootstrap sample: seeded from the parent, so children are
 * independent of each other yet reproducible from the parent's seed. O(1).
 * @throws CrmError `INVALID_OPTION` when `random` is not a function or returns a value outside [0, 1).
 * @example
 * const parent = createRandom(1); const a = fork(parent); const b = fork(parent); a() !== b(); // => true
 */
export function fork(random: Random): Random {
  const u = checkFunction<Random>('random', random)();
  if (typeof u !== 'number' || !(u >= 0 && u < 1)) {
    throw new CrmError('INVALID_OPTION', `fork: random must return numbers in [0, 1); it returned ${describeValue(u)}.`, { option: 'random' });
  }
  return createRandom(Math.floor(u * Number.MAX_SAFE_INTEGER));
}

/**
 * A uniform integer in [0, n).
 * @example
 * randomInt(createRandom(3), 10) < 10; // => true
 */
export function randomInt(random: Random, n: number): number {
  return Math.min(n - 1, Math.floor(random() * n));
}

/**
 * Fisher-Yates shuffle of a copy (the input is not mutated).
 * @example
 * shuffled(createRandom(0), [1, 2, 3]).length; // => 3
 */
export function shuffled<T>(random: Random, values: readonly T[]): T[] {
  const out = values.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(random, i + 1);
    const t = out[i] as T;
    out[i] = out[j] as T;
    out[j] = t;
  }
  return out;
}

/**
 * A permutation of 0..n-1 as an Int32Array.
 * @example
 * Array.from(permutation(createRandom(0), 3)).sort(); // => [0, 1, 2]
 */
export function permutation(random: Random, n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = randomInt(random, i + 1);
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}
