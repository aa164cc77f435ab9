/**
 * Draws customers from a BG/NBD model: for what-if planning, and to check that a fit recovers known
 * parameters.
 * @module
 */
import { CrmError } from '../core/errors.js';
import { resolveRandom, type Random } from '../core/random.js';
import { checkInteger, checkNumber, resolveOptions } from '../core/validate.js';
import type { BgNbdParams } from './bgNbd.js';

/** Options of {@link simulateBgNbd}. */
export interface SimulateBgNbdOptions {
  /** Number of customers. */
  customers: number;
  /** Calibration length T of every customer (time from first purchase), in the parameters' time unit. */
  T: number;
  /** Length of a holdout period after T whose purchases are counted separately. @defaultValue 0 */
  holdout?: number;
  /** @defaultValue 0 */
  seed?: number;
  /** A uniform [0, 1) generator to use instead of `seed`. */
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

function normal(random: Random): number {
  let u = 0;
  while (u === 0) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * Gamma(shape, rate 1) by Marsaglia & Tsang (2000), with the u^(1/shape) boost below shape 1.
 * Internal (also used by the tests); not exported from the index.
 * @example
 * gammaVariate(2, createRandom(0)) > 0; // => true
 */
export function gammaVariate(shape: number, random: Random): number {
  if (shape < 1) {
    let u = 0;
    while (u === 0) u = random();
    return gammaVariate(shape + 1, random) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3, c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = normal(random);
    const v0 = 1 + c * z;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = random();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

const DEFAULTS = Object.freeze({ customers: undefined as unknown as number, T: undefined as unknown as number, holdout: 0, seed: 0 });

/**
 * Simulates the BG/NBD story: each customer draws a purchase rate λ ~ Gamma(r, rate alpha) and a
 * dropout probability p ~ Beta(a, b), makes a first purchase at time 0, then buys as a Poisson
 * process and, after each repeat purchase, drops out with probability p. O(customers * purchases).
 * @param params - { r, alpha, a, b }, all > 0.
 * @param options - See {@link SimulateBgNbdOptions}.
 * @returns Summary columns (frequency, recency, T) plus holdout purchases and the true alive state.
 * @throws CrmError `INVALID_OPTION`
 * @example
 * simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 3, T: 39, seed: 1 }).T; // => [39, 39, 39]
 */
export function simulateBgNbd(params: BgNbdParams, options: SimulateBgNbdOptions): SimulatedBgNbdSummary {
  const fn = 'simulateBgNbd';
  if (params === null || typeof params !== 'object') throw new CrmError('INVALID_OPTION', `${fn}: params { r, alpha, a, b } are required.`);
  for (const k of ['r', 'alpha', 'a', 'b'] as const) checkNumber(`params.${k}`, params[k], { min: 0, exclusiveMin: true });
  const o = resolveOptions(fn, DEFAULTS, options, ['random']);
  const n = checkInteger('customers', o.customers, { min: 1 });
  const T = checkNumber('T', o.T, { min: 0 });
  const holdout = checkNumber('holdout', o.holdout, { min: 0 });
  const random = resolveRandom({ seed: o.seed, random: (o as { random?: Random }).random });
  const frequency: number[] = [], recency: number[] = [], Ts: number[] = [], holdoutFrequency: number[] = [], aliveAtT: boolean[] = [];
  const end = T + holdout;
  for (let i = 0; i < n; i++) {
    const lambda = gammaVariate(params.r, random) / params.alpha;
    const g1 = gammaVariate(params.a, random), g2 = gammaVariate(params.b, random);
    const p = g1 / (g1 + g2);
    let t = 0, x = 0, last = 0, hold = 0, alive = true, aliveT = true;
    while (alive) {
      let u = 0;
      while (u === 0) u = random();
      t += -Math.log(u) / lambda;
      if (t > end) break;
      if (t <= T) { x++; last = t; } else hold++;
      if (random() < p) { alive = false; if (t <= T) aliveT = false; }
    }
    frequency.push(x); recency.push(last); Ts.push(T); holdoutFrequency.push(hold); aliveAtT.push(aliveT);
  }
  return { frequency, recency, T: Ts, holdoutFrequency, aliveAtT };
}
