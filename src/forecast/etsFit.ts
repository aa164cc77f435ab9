/**
 * Maximum-likelihood fit of one ETS form, as R's forecast:::etsmodel: smoothing parameters and
 * initial states estimated together by Nelder-Mead (R's optim settings: reltol sqrt(eps), 2000
 * evaluations), inside the box and/or admissible region; then the information criteria.
 * @module
 */
import { type NelderMeadRun, startNelderMead } from '../core/nelderMead.js';
import { type EtsBounds, type ParamFlags, initialParams, paramsOk } from './etsBounds.js';
import { initialStates } from './etsInit.js';
import { type EtsForm, type EtsParams, type EtsWorkspace, etsLikelihood, etsRecursion, etsWorkspace, stateCount } from './etsRecursion.js';

/** Criterion minimised by the optimiser (R's opt.crit). */
export type EtsOptCrit = 'lik' | 'mse' | 'amse' | 'sigma' | 'mae';

/** Settings shared by every form tried. */
export interface FormSettings {
  fixed: { alpha?: number; beta?: number; gamma?: number; phi?: number };
  lower: readonly number[];
  upper: readonly number[];
  optCrit: EtsOptCrit;
  nmse: number;
  bounds: EtsBounds;
  maxIterations: number;
}

/** One fitted form (all numbers finite). */
export interface FormFit {
  form: EtsForm;
  params: EtsParams;
  /** Full initial state (level, trend?, s_0..s_{m-1}). */
  x0: number[];
  lik: number;
  logLik: number;
  aic: number;
  aicc: number;
  bic: number;
  mse: number;
  amse: number;
  /** Parameters counted in the criteria (estimated smoothing parameters + free states + sigma). */
  np: number;
  /** Estimated + fixed parameters + free states (R's length(model$par)), used in sigma2. */
  nParTotal: number;
  evaluations: number;
  converged: boolean;
}

/** Why a form could not be fitted (R gives it an infinite criterion and moves on). */
export interface FormFailure {
  form: EtsForm;
  reason: string;
}

/**
 * A fit of one form in progress: the Nelder-Mead run, paused between iterations, and what
 * {@link finishForm} needs to turn its best point into a {@link FormFit}.
 */
export interface FormRun {
  readonly form: EtsForm;
  readonly run: NelderMeadRun;
  /** Parameters counted in the criteria (as {@link FormFit.np}). */
  readonly np: number;
  /** Turns the run's best point so far into a fit (the run may go on afterwards). */
  finish(): FormFit | FormFailure;
}

/**
 * Fits one form to y. Returns a failure instead of throwing when R's etsmodel would return an
 * infinite criterion (too many parameters for the data) or stop (start values out of range).
 * O(maxIterations * n * m).
 * @example
 * const r = fitForm(Float64Array.of(10, 12, 11, 13, 12, 14, 13, 15), { error: 1, trend: 0, season: 0, damped: false, m: 1 },
 *   { fixed: {}, lower: [1e-4, 1e-4, 1e-4, 0.8], upper: [0.9999, 0.9999, 0.9999, 0.98], optCrit: 'lik', nmse: 3, bounds: 'both', maxIterations: 2000 });
 * 'lik' in r; // => true
 */
export function fitForm(y: Float64Array, form: EtsForm, settings: FormSettings): FormFit | FormFailure {
  const r = startForm(y, form, settings);
  if ('reason' in r) return r;
  r.run.advance(Infinity);
  return r.finish();
}

/**
 * Sets up the fit of one form (start values, initial states, R's checks) and evaluates the start
 * point, without iterating: advance `run` and call `finish`, or use {@link fitForm}. Returns a
 * failure where {@link fitForm} would. O(n m).
 * @example
 * const r = startForm(Float64Array.of(10, 12, 11, 13, 12, 14, 13, 15), { error: 1, trend: 0, season: 0, damped: false, m: 1 },
 *   { fixed: {}, lower: [1e-4, 1e-4, 1e-4, 0.8], upper: [0.9999, 0.9999, 0.9999, 0.98], optCrit: 'lik', nmse: 3, bounds: 'both', maxIterations: 2000 });
 * 'run' in r && r.run.advance(Infinity); // => true
 */
export function startForm(y: Float64Array, form: EtsForm, settings: FormSettings): FormRun | FormFailure {
  const { fixed, optCrit, nmse, bounds } = settings;
  const hasTrend = form.trend > 0;
  const hasSeason = form.season > 0;
  const m = hasSeason ? form.m : 1;
  const lower = settings.lower.slice();
  const upper = settings.upper.slice();
  const fAlpha = fixed.alpha;
  const fBeta = hasTrend ? fixed.beta : undefined;
  const fGamma = hasSeason ? fixed.gamma : undefined;
  const fPhi = form.damped ? fixed.phi : undefined;
  if (fAlpha !== undefined) {
    upper[1] = Math.min(fAlpha, upper[1]!);
    upper[2] = Math.min(1 - fAlpha, upper[2]!);
  }
  if (fBeta !== undefined) lower[0] = Math.max(fBeta, lower[0]!);
  if (fGamma !== undefined) upper[0] = Math.min(1 - fGamma, upper[0]!);
  const start = initialParams({ alpha: fAlpha, beta: fBeta, gamma: fGamma, phi: fPhi }, hasTrend, hasSeason, form.damped, lower, upper, m, bounds);
  const flags: ParamFlags = {
    optAlpha: fAlpha === undefined,
    optBeta: hasTrend && fBeta === undefined,
    optGamma: hasSeason && fGamma === undefined,
    optPhi: form.damped && fPhi === undefined,
    givenBeta: fBeta !== undefined,
    givenGamma: fGamma !== undefined,
  };
  const poly = new Float64Array(m + 2);
  const work = new Float64Array(2 * (m + 2));
  const par: EtsParams = { alpha: start.alpha, beta: fBeta ?? 0, gamma: fGamma ?? 0, phi: fPhi ?? 1 };
  const assign = (v: ArrayLike<number>) => {
    let k = 0;
    if (flags.optAlpha) par.alpha = v[k++]!;
    if (flags.optBeta) par.beta = v[k++]!;
    if (flags.optGamma) par.gamma = v[k++]!;
    if (flags.optPhi) par.phi = v[k++]!;
    return k;
  };
  assign(start.values);
  // R's check.param on the start values: every parameter that exists, fixed or not.
  const all: ParamFlags = { optAlpha: true, optBeta: hasTrend, optGamma: hasSeason, optPhi: form.damped, givenBeta: flags.givenBeta, givenGamma: flags.givenGamma };
  if (!paramsOk(par.alpha, par.beta, par.gamma, form.damped ? par.phi : 1, lower, upper, bounds, m, all, hasTrend, hasSeason, poly, work)) {
    return { form, reason: 'parameters out of range' };
  }
  if (hasSeason && y.length < 4) return { form, reason: 'not enough data for the initial states' };
  const init = initialStates(y, form.trend, form.season, m);
  const nstate = init.length;
  const startVec = [...start.values, ...init];
  const np = startVec.length;
  if (np >= y.length - 1) return { form, reason: `${np} parameters for ${y.length} observations` };
  const p = stateCount(form);
  const x0 = new Float64Array(p);
  const e = optCrit === 'sigma' || optCrit === 'mae' ? new Float64Array(y.length) : null;
  const ws = etsWorkspace(m, nmse);
  const ring = new Float64Array(m);
  // The likelihood criterion needs no innovations or multi-step errors: use the lean recursion.
  const fast = optCrit === 'lik';
  const ti = hasTrend ? 1 : 0;
  const nopt = start.values.length;
  const fillState = (v: ArrayLike<number>): boolean => {
    for (let j = 0; j < nstate; j++) x0[j] = v[nopt + j]!;
    if (hasSeason) {
      let s = 0;
      for (let j = 1 + ti; j < nstate; j++) s += x0[j]!;
      x0[p - 1] = (form.season === 2 ? m : 0) - s;
      if (form.season === 2) for (let j = 1 + ti; j < p; j++) if (x0[j]! < 0) return false;
    }
    return true;
  };
  const objective = (v: Float64Array): number => {
    assign(v);
    if (!paramsOk(par.alpha, par.beta, par.gamma, form.damped ? par.phi : 1, lower, upper, bounds, m, flags, hasTrend, hasSeason, poly, work)) return Infinity;
    if (!fillState(v)) return Infinity;
    let lik = fast ? etsLikelihood(y, form, x0, par, ring) : etsRecursion(y, form, x0, par, ws, nmse, e, null);
    if (Number.isNaN(lik)) return Infinity;
    if (lik < -1e10) lik = -1e10;
    switch (optCrit) {
      case 'lik': return lik;
      case 'mse': return ws.amse[0]!;
      case 'amse': { let s = 0; for (let j = 0; j < nmse; j++) s += ws.amse[j]!; return s / nmse; }
      case 'sigma': { let s = 0; for (let i = 0; i < y.length; i++) s += e![i]! * e![i]!; return s / y.length; }
      case 'mae': { let s = 0; for (let i = 0; i < y.length; i++) s += Math.abs(e![i]!); return s / y.length; }
    }
  };
  if (!Number.isFinite(objective(Float64Array.from(startVec)))) {
    return { form, reason: 'the likelihood cannot be evaluated at the start values' };
  }
  const run = startNelderMead(objective, startVec, { reltol: Math.sqrt(2.220446049250313e-16), maxIterations: settings.maxIterations });
  return { form, run, np: np + 1, finish: () => finishForm(run, y, form, np, nFixedOf(fixed, form), assign, fillState, par, x0, ws, nmse) };
}

function nFixedOf(fixed: FormSettings['fixed'], form: EtsForm): number {
  return (fixed.alpha !== undefined ? 1 : 0) + (form.trend > 0 && fixed.beta !== undefined ? 1 : 0) +
    (form.season > 0 && fixed.gamma !== undefined ? 1 : 0) + (form.damped && fixed.phi !== undefined ? 1 : 0);
}

// The criteria at the run's best point, as R's etsmodel computes them after optim.
function finishForm(
  run: NelderMeadRun,
  y: Float64Array,
  form: EtsForm,
  np: number,
  nFixed: number,
  assign: (v: ArrayLike<number>) => number,
  fillState: (v: ArrayLike<number>) => boolean,
  par: EtsParams,
  x0: Float64Array,
  ws: EtsWorkspace,
  nmse: number,
): FormFit | FormFailure {
  const opt = run.result();
  assign(opt.x);
  fillState(opt.x);
  const lik = etsRecursion(y, form, x0, par, ws, nmse, null, null);
  if (!Number.isFinite(lik)) return { form, reason: 'the likelihood is not finite at the optimum' };
  const npc = np + 1;
  const { aic, bic, aicc } = informationCriteria(lik, npc, y.length);
  let amse = 0;
  for (let j = 0; j < nmse; j++) amse += ws.amse[j]!;
  return {
    form,
    params: { alpha: par.alpha, beta: par.beta, gamma: par.gamma, phi: form.damped ? par.phi : 1 },
    x0: Array.from(x0),
    lik,
    logLik: -0.5 * lik,
    aic,
    bic,
    aicc,
    mse: ws.amse[0]!,
    amse: amse / nmse,
    np: npc,
    nParTotal: np + nFixed,
    evaluations: opt.evaluations,
    converged: opt.fail === 0,
  };
}

/**
 * When a candidate form may be stopped early during automatic selection: every 100 Nelder-Mead
 * evaluations from 300 to 1500, a form whose criterion is still more than `margin` above the best
 * fully fitted form's is dropped, unless its recent progress says it may still close the gap (see
 * {@link PRUNE_PROGRESS}). The margins shrink by 0.6 a step from 40 to a floor of 5: a seasonal
 * form's best value can sit on a plateau for hundreds of evaluations and then fall by 3-7 (R's
 * wineind with lambda 0, ETS(A,Ad,A): 85.85 at 1000 evaluations, 79.49 at 2000), so late margins
 * stay wide. Set from the paths of every candidate on the 3,003 M3-like series and the R fixtures
 * (bench/forecast/ets-prune.ts).
 */
export const PRUNE_SCHEDULE: readonly { readonly evaluations: number; readonly margin: number }[] = Object.freeze(
  Array.from({ length: 13 }, (_, j) => Object.freeze({ evaluations: 300 + 100 * j, margin: Math.max(5, 40 * 0.6 ** j) })),
);

/**
 * A form past its margin is still kept while its gap is at most this many times its last step's
 * fall in criterion, extrapolated linearly over the evaluations it has left.
 */
export const PRUNE_PROGRESS = 2;

/** Series shorter than this are never pruned (they are cheap, and short fits move the most). */
export const PRUNE_MIN_LENGTH = 20;

/** A form dropped by pruning: its criteria at the best point found before it was stopped. */
export interface PrunedForm {
  form: EtsForm;
  pruned: FormFit;
}

/** AIC, BIC and AICc of a fit with criterion `lik` (-2 log L up to a constant), npc parameters (the variance counted) and ny values, as R's ets. O(1). */
export function informationCriteria(lik: number, npc: number, ny: number): { aic: number; bic: number; aicc: number } {
  const aic = lik + 2 * npc;
  return { aic, bic: lik + Math.log(ny) * npc, aicc: aic + (2 * npc * (npc + 1)) / (ny - npc - 1) };
}

/** The criterion `ic` names. O(1). */
export function criterionOf(c: { readonly aic: number; readonly bic: number; readonly aicc: number }, ic: 'aicc' | 'aic' | 'bic'): number {
  return ic === 'aic' ? c.aic : ic === 'bic' ? c.bic : c.aicc;
}

/**
 * Fits every form for automatic selection. With `prune` false each form gets R's full
 * Nelder-Mead run (what {@link fitForm} does). With `prune` true (optCrit 'lik' only) every form
 * first runs the first {@link PRUNE_SCHEDULE} step; then, from the lowest criterion up, each form
 * runs on, and is dropped at a schedule step if its criterion is still more than that step's
 * margin above the best form fully fitted so far and more than {@link PRUNE_PROGRESS} times what
 * its fall since the previous step, extrapolated, would still gain. Series shorter than
 * {@link PRUNE_MIN_LENGTH} are not pruned. Forms that are not dropped, and so the selected form,
 * end exactly where R's run ends; a dropped form could have won only if its criterion fell by
 * more than the margin in the evaluations it did not get. O(forms * maxIterations * n m).
 * @param ic - The criterion that selects (the likelihood plus its penalty).
 * @returns One outcome per form, in the order given.
 * @example
 * const y = Float64Array.of(10, 12, 11, 13, 12, 14, 13, 15, 14, 16, 15, 17);
 * const settings = { fixed: {}, lower: [1e-4, 1e-4, 1e-4, 0.8], upper: [0.9999, 0.9999, 0.9999, 0.98], optCrit: 'lik', nmse: 3, bounds: 'both', maxIterations: 2000 } as const;
 * const forms = [{ error: 1, trend: 0, season: 0, damped: false, m: 1 }, { error: 1, trend: 1, season: 0, damped: false, m: 1 }] as const;
 * fitForms(y, forms, settings, 'aicc', true).length; // => 2
 */
export function fitForms(
  y: Float64Array,
  forms: readonly EtsForm[],
  settings: FormSettings,
  ic: 'aicc' | 'aic' | 'bic',
  prune: boolean,
): (FormFit | FormFailure | PrunedForm)[] {
  if (!prune || settings.optCrit !== 'lik') return forms.map((f) => fitForm(y, f, settings));
  const ny = y.length;
  const penalty = (npc: number) => criterionOf(informationCriteria(0, npc, ny), ic);
  const out: (FormFit | FormFailure | PrunedForm | null)[] = forms.map(() => null);
  const runs: { k: number; r: FormRun; pen: number }[] = [];
  forms.forEach((form, k) => {
    const r = startForm(y, form, settings);
    if ('reason' in r) out[k] = r;
    else runs.push({ k, r, pen: penalty(r.np) });
  });
  // A criterion that is not finite (too few values for AICc) decides nothing, and short series
  // are cheap: no pruning then.
  if (ny < PRUNE_MIN_LENGTH || runs.some((u) => !Number.isFinite(u.pen))) {
    for (const u of runs) { u.r.run.advance(Infinity); out[u.k] = u.r.finish(); }
    return out as (FormFit | FormFailure)[];
  }
  const first = PRUNE_SCHEDULE[0]!.evaluations;
  for (const u of runs) u.r.run.advance(first);
  // Lowest criterion first, so the best form is usually fitted first and prunes the most; ties
  // keep the given order (sort is stable).
  const partial = (u: { r: FormRun; pen: number }) => u.r.run.best + u.pen;
  const order = runs.slice().sort((a, b) => partial(a) - partial(b));
  let best = Infinity;
  for (const u of order) {
    let dropped = false;
    let last = partial(u);
    let lastEvals = u.r.run.evaluations;
    for (const step of PRUNE_SCHEDULE) {
      // The first step's evaluations have been run for every form already.
      if (step.evaluations === first ? u.r.run.done : u.r.run.advance(step.evaluations)) break;
      const now = partial(u);
      const evals = u.r.run.evaluations;
      const gap = now - best;
      // The fall since the last step, extrapolated over the evaluations left, as a guess of what
      // the form can still gain (0 at the first step).
      const ahead = evals > lastEvals ? ((last - now) / (evals - lastEvals)) * Math.max(0, settings.maxIterations - evals) : 0;
      if (gap > step.margin && gap > PRUNE_PROGRESS * ahead) { dropped = true; break; }
      last = now;
      lastEvals = evals;
    }
    if (!dropped) u.r.run.advance(Infinity);
    const fit = u.r.finish();
    if (!('lik' in fit)) { out[u.k] = fit; continue; }
    if (dropped) { out[u.k] = { form: u.r.form, pruned: fit }; continue; }
    out[u.k] = fit;
    const v = criterionOf(fit, ic);
    if (v < best) best = v;
  }
  return out as (FormFit | FormFailure | PrunedForm)[];
}
