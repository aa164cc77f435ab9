/**
 * What the CLV fitters share: option defaults common to both, multi-start BFGS on log-parameters,
 * and the diagnostics that replace exceptions. Internal to `clv`.
 * @module
 */
import { CrmError } from '../core/errors.js';
import type { Diagnostics } from '../core/model.js';
import type { RunControl, Tick } from '../core/progress.js';
import { fork, type Random } from '../core/random.js';
import { minimizeBfgs, type Objective } from '../core/optimize.js';
import { integer, number, opt, RANDOM_OPTION, RUN_CONTROL_OPTIONS, SEED_OPTION } from '../core/options.js';
import { checkedRandom } from './randomDraws.js';

/** Fit settings shared by `fitBgNbd` and `fitGammaGamma`. */
export interface ClvFitOptions {
  /** Starting points (at most 1,000): the first is all log-parameters 0, the others are random around it. @defaultValue 3 */
  starts?: number;
  /** BFGS iteration cap per start (at most 100,000). @defaultValue 200 */
  maxIterations?: number;
  /** Converged when every gradient entry of the mean log-likelihood per customer (in log-parameters) is below this. @defaultValue 1e-9 */
  gradientTolerance?: number;
  /** Ridge penalty `l2 * sum(log-parameter^2)` on the mean negative log-likelihood (on the rescaled data); a remedy when parameters drift to the boundary. @defaultValue 0 */
  l2?: number;
  /** Seed of the random starting points. @defaultValue 0 */
  seed?: number;
  /** A uniform [0, 1) generator to use instead of `seed` (not stored on the model); each draw is checked. */
  random?: Random;
  /** Called after every BFGS iteration (phase 'iteration', counted over all starts) and every start (phase 'start'). @defaultValue undefined */
  onProgress?: RunControl['onProgress'];
  /** Checked at every progress point; once aborted, the fit stops with `ABORTED`. @defaultValue undefined */
  signal?: AbortSignal;
}

/** The resolved shared settings, as stored on a model. */
export interface ResolvedClvFitOptions {
  readonly starts: number;
  readonly maxIterations: number;
  readonly gradientTolerance: number;
  readonly l2: number;
  readonly seed: number;
}

/** One start of a multi-start fit. */
export interface ClvFitStart {
  /** Log-parameters the start began from (on the rescaled data). */
  readonly from: number[];
  /** Mean log-likelihood per customer reached (on the rescaled data, penalty included). */
  readonly objective: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** 'gradient', 'no-progress', 'max-iterations' or 'non-finite-start'. */
  readonly reason: string;
}

/** Diagnostics of a CLV fit: the shared fields plus every start. */
export interface ClvFitDiagnostics extends Diagnostics {
  /** Largest absolute gradient entry at the solution (mean log-likelihood, log-parameters). */
  readonly gradientNorm: number;
  readonly starts: ClvFitStart[];
}

/** The option-table rows of the shared settings (spread into each fitter's table). */
export const CLV_FIT_OPTIONS = {
  starts: opt({ default: 3, accepts: [integer({ min: 1, max: 1000 })], description: 'Starting points of the multi-start BFGS.', stored: 'as-given' }),
  maxIterations: opt({ default: 200, accepts: [integer({ min: 1, max: 100_000 })], description: 'BFGS iteration cap per start.', stored: 'as-given' }),
  gradientTolerance: opt({ default: 1e-9, accepts: [number({ min: 0, exclusiveMin: true })], description: 'Converged when every gradient entry is below this.', stored: 'as-given' }),
  l2: opt({ default: 0, accepts: [number({ min: 0 })], description: 'Ridge penalty on the log-parameters.', stored: 'as-given' }),
  seed: SEED_OPTION,
  random: RANDOM_OPTION,
  ...RUN_CONTROL_OPTIONS,
} as const;

/** The shared settings of resolved options, as stored on a model. */
export function fitSettings(o: ResolvedClvFitOptions): ResolvedClvFitOptions {
  return { starts: o.starts, maxIterations: o.maxIterations, gradientTolerance: o.gradientTolerance, l2: o.l2, seed: o.seed };
}

/**
 * Largest BG/NBD or Gamma-Gamma parameter a model may hold: fits stay many orders of magnitude
 * below it, and beyond it the likelihood and predictions overflow (a damaged model).
 */
export const MAX_PARAMETER = 1e15;
/** Appended to the message for a parameter beyond {@link MAX_PARAMETER}. */
export const PARAMETER_HINT = 'Parameters beyond 1e15 overflow the likelihood; use a fitted model or rescale the data.';

/** Log-parameters beyond this (on rescaled data) mean the likelihood is flat towards the boundary. */
export const BOUNDARY = 12;

/**
 * Runs BFGS from `options.starts` points (all zeros, then uniform in +-1.5 around it from forked
 * streams) and keeps the best. Throws only when no start gives a finite likelihood.
 */
export function multiStart(
  fn: string,
  objective: Objective,
  names: readonly string[],
  options: ResolvedClvFitOptions,
  random: Random | undefined,
  tick: Tick = () => {},
): { theta: Float64Array; diagnostics: ClvFitDiagnostics; optimizerConverged: boolean; atBoundary: string[] } {
  const d = names.length;
  const parent = checkedRandom(fn, { seed: options.seed, random });
  const total = options.starts * options.maxIterations;
  const settings = { maxIterations: options.maxIterations, gradientTolerance: options.gradientTolerance, maxStep: 3 };
  const starts: ClvFitStart[] = [];
  let best: ReturnType<typeof minimizeBfgs> | null = null;
  for (let s = 0; s < options.starts; s++) {
    const from = new Float64Array(d);
    if (s > 0) {
      const rnd = fork(parent);
      for (let j = 0; j < d; j++) from[j] = 3 * rnd() - 1.5;
    }
    const done = s * options.maxIterations;
    const res = minimizeBfgs(objective, from, settings, (it) => tick('iteration', done + it, total));
    starts.push({ from: Array.from(from), objective: -res.value, iterations: res.iterations, converged: res.converged, reason: res.reason });
    if (Number.isFinite(res.value) && (best === null || res.value < best.value)) best = res;
    tick('start', s + 1, options.starts);
  }
  if (best === null) {
    throw new CrmError('NOT_CONVERGED', `${fn}: the log-likelihood was not finite at any of the ${options.starts} starting points. Check the summary for extreme values (huge frequency, T), or rescale its time unit.`, { starts });
  }
  const warnings: string[] = [];
  let gradientNorm = 0;
  for (let j = 0; j < d; j++) gradientNorm = Math.max(gradientNorm, Math.abs(best.gradient[j]!));
  if (!best.converged) {
    warnings.push(`${fn} did not converge: the best start stopped (${best.reason}) after ${best.iterations} iterations with gradient ${gradientNorm.toExponential(2)} > gradientTolerance ${options.gradientTolerance}. Raise maxIterations (now ${options.maxIterations}) or starts (now ${options.starts}); if parameters run to the boundary, add a small penalty such as l2: 0.001.`);
  }
  const atBoundary = names.filter((_, j) => Math.abs(best!.x[j]!) > BOUNDARY);
  if (atBoundary.length > 0) {
    warnings.push(`${fn}: ${atBoundary.join(', ')} ran to the edge of the parameter space (log-parameter beyond +-${BOUNDARY}); the data cannot pin ${atBoundary.length > 1 ? 'them' : 'it'} down (too few customers or repeat purchases). Treat predictions with care; a small penalty such as l2: 0.001 gives finite estimates.`);
  }
  const tol = 1e-7;
  const other = starts.find((st) => st.converged && Math.abs(st.objective - -best!.value) > tol * Math.max(1, Math.abs(best!.value)));
  if (other) {
    warnings.push(`${fn}: starts reached different optima (mean log-likelihood ${(-best.value).toFixed(6)} kept, ${other.objective.toFixed(6)} also found); raise starts to search more widely.`);
  }
  return {
    theta: best.x,
    diagnostics: { converged: best.converged && atBoundary.length === 0, iterations: best.iterations, warnings, gradientNorm, starts },
    optimizerConverged: best.converged,
    atBoundary,
  };
}
