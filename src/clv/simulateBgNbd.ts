/**
 * Draws customers from a BG/NBD model: for what-if planning, and to check that a fit recovers known
 * parameters.
 * @module
 */
import { CrmError } from '../core/errors.js';
import { RUN_CONTROL_KEYS, runControl, type RunControl } from '../core/progress.js';
import type { Random } from '../core/random.js';
import { checkInteger, checkNumber, resolveOptions } from '../core/validate.js';
import type { BgNbdParams } from './bgNbd.js';
import { checkedRandom } from './randomDraws.js';

/** Most customers one call simulates. */
export const MAX_SIMULATED_CUSTOMERS = 10_000_000;
/** Most purchases one customer may be expected to make (mean rate r / alpha times T + holdout). */
export const MAX_EXPECTED_PURCHASES = 1_000_000;
/** Most purchases expected over all customers. */
const MAX_TOTAL_PURCHASES = 1e9;
/** A sampler that rejects this many draws in a row is not fed uniform numbers (acceptance is >= 95%). */
const MAX_REJECTIONS = 1000;

/** Options of {@link simulateBgNbd}. */
export interface SimulateBgNbdOptions extends RunControl {
  /** Number of customers (at most 10,000,000). */
  customers: number;
  /** Calibration length T of every customer (time from first purchase), in the parameters' time unit. */
  T: number;
  /** Length of a holdout period after T whose purchases are counted separately. @defaultValue 0 */
  holdout?: number;
  /** @defaultValue 0 */
  seed?: number;
  /** A uniform [0, 1) generator to use instead of `seed`; every draw is checked to be a number in [0, 1). */
  random?: Random;
}

/** Simulated summary columns. */
export interface SimulatedBgNbdSummary {
  readonly frequency: number[];
  readonly recency: number[];
  readonly T: number[];
  readonly holdoutFrequency: number[];
  /** Whether each customer was still alive at T (known only in simulation). */
  readonly aliveAtT: boolean[];
}

/** A draw in (0, 1): zeros are redrawn, a bounded number of times. */
function positiveUniform(random: Random): number {
  for (let k = 0; k < MAX_REJECTIONS; k++) {
    const u = random();
    if (u > 0) return u;
  }
  throw notUniform();
}

function notUniform(): CrmError {
  return new CrmError('INVALID_OPTION', `simulateBgNbd: the random generator gave ${MAX_REJECTIONS} draws in a row that the sampler had to reject (zeros, or values that are not spread over [0, 1)); it is not a uniform generator. Fix it, or pass seed instead of random.`, { option: 'random' });
}

function normal(random: Random): number {
  const u = positiveUniform(random);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * Gamma(shape, rate 1) by Marsaglia & Tsang (2000), with the u^(1/shape) boost below shape 1.
 * The rejection loop is bounded (1,000 tries; a uniform generator is accepted 95% of the time).
 * Internal (also used by the tests); not exported from the index.
 * @example
 * gammaVariate(2, createRandom(0)) > 0; // => true
 */
export function gammaVariate(shape: number, random: Random): number {
  if (shape < 1) {
    const u = positiveUniform(random);
    return gammaVariate(shape + 1, random) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3, c = 1 / Math.sqrt(9 * d);
  for (let k = 0; k < MAX_REJECTIONS; k++) {
    const z = normal(random);
    const v0 = 1 + c * z;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = random();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
  throw notUniform();
}

const DEFAULTS = Object.freeze({ customers: undefined as unknown as number, T: undefined as unknown as number, holdout: 0, seed: 0 });

/**
 * Simulates the BG/NBD story: each customer draws a purchase rate λ ~ Gamma(r, rate alpha) and a
 * dropout probability p ~ Beta(a, b), makes a first purchase at time 0, then buys as a Poisson
 * process and, after each repeat purchase, drops out with probability p. O(customers * purchases);
 * at most 10,000,000 customers, 1,000,000 expected purchases per customer (r (T + holdout) / alpha)
 * and 1e9 in all, checked before anything is drawn.
 * @param params - { r, alpha, a, b }, all > 0.
 * @param options - See {@link SimulateBgNbdOptions}; `onProgress` is called every 10,000 customers (phase 'customer').
 * @returns Summary columns (frequency, recency, T) plus holdout purchases and the true alive state.
 * @throws CrmError `INVALID_OPTION` (including a `random` whose draws are not numbers in [0, 1)), `TOO_LARGE` (customers or expected purchases above the bounds), `ABORTED`
 * @example
 * simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 3, T: 39, seed: 1 }).T; // => [39, 39, 39]
 */
export function simulateBgNbd(params: BgNbdParams, options: SimulateBgNbdOptions): SimulatedBgNbdSummary {
  const fn = 'simulateBgNbd';
  if (params === null || typeof params !== 'object') throw new CrmError('INVALID_OPTION', `${fn}: params { r, alpha, a, b } are required.`);
  for (const k of ['r', 'alpha', 'a', 'b'] as const) checkNumber(`params.${k}`, params[k], { min: 0, exclusiveMin: true });
  const o = resolveOptions(fn, DEFAULTS, options, ['random', ...RUN_CONTROL_KEYS]);
  const n = checkInteger('customers', o.customers, { min: 1 });
  if (n > MAX_SIMULATED_CUSTOMERS) {
    throw new CrmError('TOO_LARGE', `${fn}: customers = ${n} is above the ${MAX_SIMULATED_CUSTOMERS.toLocaleString('en-US')} one call simulates (about 40 bytes each). Simulate in batches with different seeds.`, { option: 'customers' });
  }
  const T = checkNumber('T', o.T, { min: 0 });
  const holdout = checkNumber('holdout', o.holdout, { min: 0 });
  const end = T + holdout;
  const perCustomer = (params.r / params.alpha) * end;
  if (!(perCustomer <= MAX_EXPECTED_PURCHASES)) {
    throw new CrmError('TOO_LARGE', `${fn}: each customer is expected to make r (T + holdout) / alpha = ${perCustomer.toPrecision(3)} purchases before any dropout, above the ${MAX_EXPECTED_PURCHASES.toLocaleString('en-US')} simulated one by one. Check that T and holdout are in the time unit of alpha, or shorten them.`, { option: 'T' });
  }
  if (!(perCustomer * n <= MAX_TOTAL_PURCHASES)) {
    throw new CrmError('TOO_LARGE', `${fn}: ${n} customers x ${perCustomer.toPrecision(3)} expected purchases each is above the 1e9 purchases one call simulates. Lower customers, or shorten T and holdout.`, { option: 'customers' });
  }
  const tick = runControl(fn, o);
  const random = checkedRandom(fn, { seed: o.seed, random: (o as { random?: unknown }).random });
  // A customer whose draws run past this many purchases means a generator stuck in a corner.
  const cap = Math.max(1000, 1000 * perCustomer);
  const frequency: number[] = [], recency: number[] = [], Ts: number[] = [], holdoutFrequency: number[] = [], aliveAtT: boolean[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0 && i % 10_000 === 0) tick('customer', i, n);
    const lambda = gammaVariate(params.r, random) / params.alpha;
    const g1 = gammaVariate(params.a, random), g2 = gammaVariate(params.b, random);
    const p = g1 / (g1 + g2);
    let t = 0, x = 0, last = 0, hold = 0, alive = true, aliveT = true;
    for (let purchases = 0; alive; purchases++) {
      if (purchases > cap) {
        throw new CrmError('TOO_LARGE', `${fn}: customer ${i} drew more than ${cap.toPrecision(3)} purchases, 1,000 times the expected number; the random generator is not uniform, or T and holdout are far too long for alpha.`, { option: 'random' });
      }
      t += -Math.log(positiveUniform(random)) / lambda;
      if (t > end) break;
      if (t <= T) { x++; last = t; } else hold++;
      if (random() < p) { alive = false; if (t <= T) aliveT = false; }
    }
    frequency.push(x); recency.push(last); Ts.push(T); holdoutFrequency.push(hold); aliveAtT.push(aliveT);
  }
  tick('customer', n, n);
  return { frequency, recency, T: Ts, holdoutFrequency, aliveAtT };
}
