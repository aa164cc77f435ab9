/**
 * Exponential smoothing state-space models (ETS) with automatic selection, as R's forecast::ets
 * and forecast.ets (Hyndman, Koehler, Snyder & Grose 2002; Hyndman et al. 2008).
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { checkModel, checkModelDiagnostics, checkModelNumber, checkModelNumbers, checkModelStrings, type Diagnostics } from '../core/model.js';
import { resolveRandom } from '../core/random.js';
import { boolean, type Constraint, custom, defineOptions, integer, number, oneOf, opt, resolveOptionTable, SEED_OPTION } from '../core/options.js';
import { checkInteger, checkNumber } from '../core/validate.js';
import { normalQuantile } from '../core/distributions.js';
import type { EtsBounds } from './etsBounds.js';
import { criterionOf, type EtsOptCrit, type FormFit, type FormSettings, fitForms } from './etsFit.js';
import { class1, class2, class3, pointForecasts, simulatedQuantiles } from './etsIntervals.js';
import { boxCoxInto, guerreroLambda, invBoxCoxValue } from './boxCox.js';
import { type Component, type EtsForm, type EtsParams, etsRecursion, etsWorkspace, stateCount } from './etsRecursion.js';

/** A series: values alone (period from options, default 1) or values with their seasonal period. */
export type EtsSeries = readonly number[] | Float64Array | { readonly values: readonly number[] | Float64Array; readonly period?: number };

/** Options of {@link fitEts}; defaults are R's ets() defaults. */
export interface EtsOptions {
  /** Error, trend, season letters as R ('ZZZ' = select; 'ANN', 'MAM', 'AAdN', 'MAdM'...). @defaultValue 'ZZZ' */
  model?: string;
  /** Damped trend: true, false, or null to try both. @defaultValue null */
  damped?: boolean | null;
  /** Seasonal period (12 monthly, 4 quarterly, 1 none); overrides `series.period`. @defaultValue series.period, else 1 */
  period?: number;
  /** Criterion that picks among candidate forms. @defaultValue 'aicc' */
  ic?: 'aicc' | 'aic' | 'bic';
  /** Leave out the forms with infinite variance (additive error with a multiplicative component, MMA). @defaultValue true */
  restrict?: boolean;
  /** Try multiplicative trends too. @defaultValue false */
  allowMultiplicativeTrend?: boolean;
  /** Criterion the optimiser minimises. @defaultValue 'lik' */
  optCrit?: EtsOptCrit;
  /** Steps of the (a)mse criteria. @defaultValue 3 */
  nmse?: number;
  /** Parameter region. @defaultValue 'both' */
  bounds?: EtsBounds;
  /** Lower bounds of alpha, beta, gamma, phi. @defaultValue [1e-4, 1e-4, 1e-4, 0.8] */
  lower?: readonly number[];
  /** Upper bounds of alpha, beta, gamma, phi. @defaultValue [0.9999, 0.9999, 0.9999, 0.98] */
  upper?: readonly number[];
  /** Fixed level smoothing parameter, in [0, 1] (estimated when absent). */
  alpha?: number;
  /** Fixed trend smoothing parameter, in [0, 1] (estimated when absent; ignored without a trend). */
  beta?: number;
  /** Fixed seasonal smoothing parameter, in [0, 1] (estimated when absent; ignored without a season). */
  gamma?: number;
  /** Fixed damping parameter, in [0, 1] (estimated when absent; ignored without damping). */
  phi?: number;
  /** Function evaluations of each Nelder-Mead run. @defaultValue 2000 */
  maxIterations?: number;
  /**
   * Box-Cox transform fitted instead of the series (R's `lambda`): a number (0 = log), `'auto'`
   * for Guerrero's lambda in [-0.9, 2] as R's ets, or null for none. With a lambda and `restrict`,
   * only additive forms are fitted, as R. Stored, resolved to its number, as `options.lambda`.
   * @defaultValue null
   */
  lambda?: number | 'auto' | null;
  /** Back-transform the forecasts and fitted values as means, not medians (R's `biasadj`). @defaultValue false */
  biasAdjust?: boolean;
  /**
   * Stop fitting a candidate form early once its criterion stays far enough above the best
   * form's that it cannot win (docs/forecast-ets.md, "Pruning"); the selected form is fitted in
   * full either way. It changed the selected form in 5 of 3,003 M3-like series and in none of R's
   * fixtures; false fits every form in full, as R's ets. @defaultValue true
   */
  prune?: boolean;
}

const MODEL_PATTERN = /^[AMZ][NAMZ]d?[NAMZ]$/;

/** Four numbers in [0, 1], one per smoothing parameter: the `lower` and `upper` forms. */
function parameterLimits(): Constraint<readonly number[]> {
  return custom<readonly number[]>({
    describe: '4 numbers (alpha, beta, gamma, phi)',
    test: (v) => Array.isArray(v) && v.length === 4,
    check: (name, v) => (v as unknown[]).forEach((x, i) => checkNumber(`${name}[${i}]`, x, { min: 0, max: 1 })),
    bad: [[0.1, 0.2, 0.3], 'x', [0, 0, 0, 2], [0, 0, NaN, 0]],
  });
}

const FIXED_PARAMETER = number({ min: 0, max: 1 });

/**
 * The `lambda` option (Box-Cox) as a table row, shared with forecastSeries; 'auto' is resolved to
 * Guerrero's number, so it is stored derived.
 */
export const LAMBDA_OPTION = opt({
  default: null,
  nullable: true,
  accepts: [number({ min: -5, max: 5, hint: "Guerrero's method (lambda: 'auto') searches [-0.9, 2]." }), oneOf(['auto'])],
  description: "Box-Cox lambda (0 = log), 'auto' for Guerrero's, or null for none; stored resolved.",
  stored: 'derived',
});

/** The `biasAdjust` option as a table row, shared with forecastSeries. */
export const BIAS_ADJUST_OPTION = opt({ default: false, accepts: [boolean()], description: "Back-transform as means, not medians (R's biasadj).", stored: 'as-given' });

/** The `prune` option row, shared by fitEts and the method-name entry points (forecastSeries, forecastMany, backtest). */
export const PRUNE_OPTION = opt({ default: true, accepts: [boolean()], description: 'Stop candidate forms early once they cannot win (the default); false fits every form in full, as R.' });

/**
 * The option table of {@link fitEts} (core/options.ts). Cross-option rules (upper below lower, a
 * damped model letter with `damped: false`, a season with period 1) stay in the function.
 */
export const ETS_OPTIONS = defineOptions<EtsOptions>()({
  model: opt({
    default: 'ZZZ',
    accepts: [
      custom<string>({
        describe: "three letters (error A/M/Z, trend N/A/M/Z, season N/A/M/Z) with an optional 'd' after the trend, as R's ets ('ZZZ', 'ANN', 'MAdM')",
        test: (v) => typeof v === 'string' && MODEL_PATTERN.test(v),
        check: (name, v) => {
          const m = v as string;
          if (m.length === 4 && m[1] === 'N') throw new CrmError('INVALID_OPTION', `${name} '${m}' damps a trend it does not have; use '${m[0]}N${m[3]}'.`, { option: name, value: v });
        },
        bad: ['XYZ', 'zzz', 'ANdN', 'AAAA', 3],
      }),
    ],
    description: "Error, trend, season letters as R ('ZZZ' = select); stored as the model's spec and method.",
  }),
  damped: opt({ default: null, nullable: true, accepts: [boolean()], description: 'Damped trend: true, false, or null to try both; stored as spec.damped.' }),
  period: opt({ computedDefault: 'series.period, else 1', accepts: [integer({ min: 1, max: 1e6 })], description: 'Seasonal period; overrides series.period; stored as model.period.' }),
  ic: opt({ default: 'aicc', accepts: [oneOf(['aicc', 'aic', 'bic'])], description: 'Criterion that picks among candidate forms.', stored: 'as-given' }),
  restrict: opt({ default: true, accepts: [boolean()], description: 'Leave out the forms with infinite variance.', stored: 'as-given' }),
  allowMultiplicativeTrend: opt({ default: false, accepts: [boolean()], description: 'Try multiplicative trends too.' }),
  optCrit: opt({ default: 'lik', accepts: [oneOf(['lik', 'mse', 'amse', 'sigma', 'mae'])], description: 'Criterion the optimiser minimises.', stored: 'as-given' }),
  nmse: opt({ default: 3, accepts: [integer({ min: 1, max: 30 })], description: 'Steps of the (a)mse criteria.' }),
  bounds: opt({ default: 'both', accepts: [oneOf(['both', 'usual', 'admissible'])], description: 'Parameter region.', stored: 'as-given' }),
  lower: opt({ default: Object.freeze([1e-4, 1e-4, 1e-4, 0.8]), accepts: [parameterLimits()], description: 'Lower bounds of alpha, beta, gamma, phi.' }),
  upper: opt({ default: Object.freeze([0.9999, 0.9999, 0.9999, 0.98]), accepts: [parameterLimits()], description: 'Upper bounds of alpha, beta, gamma, phi.' }),
  alpha: opt({ accepts: [FIXED_PARAMETER], description: 'Fixed level smoothing parameter (estimated when absent).' }),
  beta: opt({ accepts: [FIXED_PARAMETER], description: 'Fixed trend smoothing parameter (estimated when absent).' }),
  gamma: opt({ accepts: [FIXED_PARAMETER], description: 'Fixed seasonal smoothing parameter (estimated when absent).' }),
  phi: opt({ accepts: [FIXED_PARAMETER], description: 'Fixed damping parameter (estimated when absent).' }),
  maxIterations: opt({ default: 2000, accepts: [integer({ min: 1, max: 1e7 })], description: 'Function evaluations of each Nelder-Mead run.' }),
  lambda: LAMBDA_OPTION,
  biasAdjust: BIAS_ADJUST_OPTION,
  prune: PRUNE_OPTION,
});

/** Letters of a form. */
export interface EtsSpec {
  readonly error: 'A' | 'M';
  readonly trend: 'N' | 'A' | 'M';
  readonly damped: boolean;
  readonly season: 'N' | 'A' | 'M';
}

/** A fitted ETS model: plain JSON, enough to forecast from alone. */
export interface EtsModel {
  readonly kind: 'ets';
  readonly version: 1;
  /** Name as R prints it, e.g. 'ETS(M,Ad,M)'. */
  readonly method: string;
  readonly spec: EtsSpec;
  /** Seasonal period of the data (1 = none); the model's own season length is `period` when seasonal. */
  readonly period: number;
  readonly params: { readonly alpha: number; readonly beta?: number; readonly gamma?: number; readonly phi?: number };
  readonly initialStates: { readonly level: number; readonly trend?: number; readonly seasonal?: number[] };
  /** States after the last observation, in the same layout: what forecasts start from. */
  readonly lastState: { readonly level: number; readonly trend?: number; readonly seasonal?: number[] };
  readonly sigma2: number;
  readonly logLik: number;
  readonly aic: number;
  /** Null when the series is too short for it (n <= parameters + 1). */
  readonly aicc: number | null;
  readonly bic: number;
  readonly mse: number;
  readonly amse: number;
  readonly n: number;
  readonly fitted: number[];
  readonly residuals: number[];
  /** Every form tried, with its criterion (null when it could not be fitted, with why). */
  readonly candidates: { readonly method: string; readonly aicc: number | null; readonly ic: number | null; readonly note?: string }[];
  /**
   * Resolved options. `lambda` is the Box-Cox lambda the series was transformed with (null: none;
   * absent in models saved before it existed, read as null); `biasAdjust` whether forecasts are
   * back-transformed as means. With a lambda, the parameters, states, `residuals`, `sigma2` and the
   * criteria are on the transformed scale and `fitted` on the original one, as R's ets.
   */
  readonly options: {
    readonly ic: 'aicc' | 'aic' | 'bic'; readonly optCrit: EtsOptCrit; readonly bounds: EtsBounds; readonly restrict: boolean;
    readonly lambda: number | null; readonly biasAdjust: boolean;
  };
  readonly diagnostics: Diagnostics;
}

const LETTER: Record<string, Component> = { N: 0, A: 1, M: 2 };

function methodName(spec: EtsSpec): string {
  return `ETS(${spec.error},${spec.trend}${spec.damped ? 'd' : ''},${spec.season})`;
}

function readSeries(series: unknown, fn: string): { values: Float64Array; period?: number } {
  let raw: unknown = series;
  let period: number | undefined;
  if (series !== null && typeof series === 'object' && !Array.isArray(series) && !(series instanceof Float64Array)) {
    const s = series as { values?: unknown; period?: unknown };
    if (!('values' in s)) throw new CrmError('INVALID_INPUT', `${fn}: series must be an array of numbers or { values, period }; got ${describeValue(series)}.`, { argument: 'series' });
    const extra = Object.keys(s).filter((k) => k !== 'values' && k !== 'period');
    if (extra.length > 0) throw new CrmError('INVALID_INPUT', `${fn}: series has unknown key '${extra[0]}'; pass { values, period }.`, { argument: 'series' });
    raw = s.values;
    if (s.period !== undefined) period = checkInteger('series.period', s.period, { min: 1, max: 1e6 });
  }
  if (!Array.isArray(raw) && !(raw instanceof Float64Array)) {
    throw new CrmError('INVALID_INPUT', `${fn}: series values must be an array of numbers; got ${describeValue(raw)}.`, { argument: 'series' });
  }
  const values = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v: unknown = raw[i];
    if (typeof v !== 'number') throw new CrmError('INVALID_INPUT', `${fn}: series value ${i} is ${describeValue(v)}, not a number.`, { argument: 'series', row: i });
    if (!Number.isFinite(v)) throw new CrmError('NON_FINITE', `${fn}: series value ${i} is ${v}; ETS needs finite values. Fill or drop missing periods before the call.`, { argument: 'series', row: i });
    values[i] = v;
  }
  if (values.length === 0) throw new CrmError('EMPTY_INPUT', `${fn}: the series is empty; pass at least 4 values.`, { argument: 'series' });
  return { values, period };
}

/** The letters of a model string the table has checked. */
function parseModel(model: string): { e: string; t: string; s: string; damped?: boolean } {
  if (model.length === 4) return { e: model[0]!, t: model[1]!, s: model[3]!, damped: true };
  return { e: model[0]!, t: model[1]!, s: model[2]! };
}

function forbidden(e: string, t: string, s: string): boolean {
  return (e === 'A' && (t === 'M' || s === 'M')) || (e === 'M' && t === 'M' && s === 'A');
}

function toSpec(form: EtsForm): EtsSpec {
  return { error: form.error === 1 ? 'A' : 'M', trend: (['N', 'A', 'M'] as const)[form.trend], damped: form.damped, season: (['N', 'A', 'M'] as const)[form.season] };
}

function splitState(x: ArrayLike<number>, form: EtsForm): { level: number; trend?: number; seasonal?: number[] } {
  const out: { level: number; trend?: number; seasonal?: number[] } = { level: x[0]! };
  if (form.trend > 0) out.trend = x[1]!;
  if (form.season > 0) out.seasonal = Array.from({ length: form.m }, (_, j) => x[1 + (form.trend > 0 ? 1 : 0) + j]!);
  return out;
}

/**
 * Fits an ETS model by maximum likelihood; with model 'ZZZ' (the default) every admissible form
 * is fitted and the one with the lowest AICc kept, as R's `forecast::ets`. Each form costs one
 * Nelder-Mead run of up to 2000 evaluations of O(n m). A constant (or all-zero) series gets
 * ETS(A,N,N) with alpha 0.99999 and zero variance, as R does, with a warning.
 * @param series - Values in time order, or `{ values, period }`.
 * @returns An {@link EtsModel}; `candidates` lists every form tried.
 * @throws CrmError `EMPTY_INPUT` (no values), `INVALID_INPUT` (not numbers, fewer than 4 values),
 *   `NON_FINITE` (NaN/Infinity), `NEGATIVE_VALUE` (multiplicative form asked for data with values <= 0),
 *   `INVALID_OPTION` (unknown or out-of-range option, forbidden form), `NOT_CONVERGED` (no form could be fitted).
 * @example
 * const y = [12, 15, 14, 18, 21, 19, 24, 27, 26, 30, 33, 31, 36, 38];
 * const fit = fitEts(y, { model: 'AAN', damped: false });
 * fit.method; // => 'ETS(A,A,N)'
 */
export function fitEts(series: EtsSeries, options: EtsOptions = {}): EtsModel {
  const fn = 'fitEts';
  const o = resolveOptionTable(fn, ETS_OPTIONS, options);
  const { values: raw, period: seriesPeriod } = readSeries(series, fn);
  let y = raw;
  const period = o.period ?? seriesPeriod ?? 1;
  const spec = parseModel(o.model);
  const { ic, restrict, optCrit, bounds, nmse, maxIterations } = o;
  const allowMT = o.allowMultiplicativeTrend;
  const lower = [...o.lower];
  const upper = [...o.upper];
  for (let i = 0; i < 4; i++) {
    if (upper[i]! < lower[i]!) throw new CrmError('INVALID_OPTION', `${fn}: upper[${i}] (${upper[i]}) is below lower[${i}] (${lower[i]}); lower limits must be below upper limits.`, { option: 'upper' });
  }
  let damped = o.damped;
  if (spec.damped) {
    if (damped === false) throw new CrmError('INVALID_OPTION', `${fn}: model '${o.model}' is damped but damped is false; drop one of them.`, { option: 'damped' });
    damped = true;
  }
  const fixed: FormSettings['fixed'] = {};
  for (const k of ['alpha', 'beta', 'gamma', 'phi'] as const) {
    const v = o[k];
    if (v !== undefined) fixed[k] = v;
  }
  const warnings: string[] = [];
  const n = y.length;
  if (n < 4) throw new CrmError('INVALID_INPUT', `${fn}: the series has ${n} values; ETS needs at least 4. Use a naive forecast for shorter series.`, { argument: 'series' });
  let e = spec.e, t = spec.t, s = spec.s;

  let constant = true;
  for (let i = 1; i < n; i++) if (y[i] !== y[0]) { constant = false; break; }
  if (constant) {
    warnings.push(`the series is constant (${y[0]}): fitted ETS(A,N,N) with alpha 0.99999 and zero variance as R's ets does; forecasts repeat the value.`);
    if (o.lambda !== null) warnings.push('lambda was not applied: R\'s ets fits a constant series untransformed.');
    return constantModel(y, period, { ic, optCrit, bounds, restrict, lambda: null, biasAdjust: o.biasAdjust }, warnings);
  }
  // Box-Cox as R's ets: the transformed series is fitted, with additive forms only (under restrict).
  let lambda: number | null = null;
  if (o.lambda !== null) {
    if (o.lambda === 'auto') {
      // R's ets calls BoxCox(y, 'auto'), which searches [-0.9, 2] (not BoxCox.lambda's [-1, 2]).
      if (y.some((v) => v <= 0)) warnings.push("lambda 'auto': the series has values <= 0, so Guerrero's lambda was searched in [0, 2] (the method assumes positive data), as R.");
      lambda = guerreroLambda(y, period, -0.9, 2);
    } else lambda = o.lambda;
    y = boxCoxInto(fn, y, lambda, new Float64Array(n));
  }
  const additiveOnly = lambda !== null;
  let m = period;
  if (n <= m && s !== 'N') {
    if (s !== 'Z') warnings.push(`the series has ${n} values, not more than one season of ${m}: fitted without a season (as R's ets).`);
    s = 'N';
  }
  if (m === 1) {
    if (s === 'A' || s === 'M') throw new CrmError('INVALID_OPTION', `${fn}: model '${o.model}' has a season but the period is 1; pass period (12 monthly, 4 quarterly) or use season N.`, { option: 'model' });
    s = 'N';
  }
  if (m > 24) {
    if (s === 'A' || s === 'M') throw new CrmError('INVALID_OPTION', `${fn}: period ${m} is above 24, the longest season ETS handles; use season N (or Z).`, { option: 'period' });
    if (s === 'Z') warnings.push(`period ${m} is above 24: seasonality ignored, as R's ets.`);
    s = 'N';
  }
  if (restrict && forbidden(e, t, s)) {
    throw new CrmError('INVALID_OPTION', `${fn}: model ${e}${t}${s} is a forbidden combination under restrict: true (additive error with a multiplicative component, or M,M,A); pick another form or pass restrict: false.`, { option: 'model' });
  }
  if (restrict && additiveOnly && (e === 'M' || t === 'M' || s === 'M')) {
    throw new CrmError('INVALID_OPTION', `${fn}: model ${e}${t}${s} has multiplicative components, which R's ets refuses with a Box-Cox lambda (the transformed series is fitted with additive forms); use 'ZZZ' or additive letters, lambda: null, or restrict: false.`, { option: 'model' });
  }
  let positive = true;
  for (let i = 0; i < n; i++) if (!(y[i]! > 0)) { positive = false; break; }
  if (!positive && (e === 'M' || t === 'M' || s === 'M')) {
    const which = lambda === null ? 'the series has' : `the series transformed with lambda ${lambda} has`;
    throw new CrmError('NEGATIVE_VALUE', `${fn}: model ${e}${t}${s} has multiplicative components but ${which} values <= 0; use additive components ('A') or 'Z' to select among those that fit.`, { argument: 'series' });
  }
  if (damped === true && t === 'N') throw new CrmError('INVALID_OPTION', `${fn}: damped is true but the trend is N; use a trend (A or Z) or damped: false.`, { option: 'damped' });

  // R's short-series rule counts the components asked for explicitly.
  let npars = 2 + (t === 'A' || t === 'M' ? 2 : 0) + (s === 'A' || s === 'M' ? m : 0) + (damped === true ? 1 : 0);
  if (n <= npars + 4) {
    // R switches to HoltWinters-style fits here; we drop the season, then the trend, until the
    // form leaves enough data, and say so.
    const before = `${e}${t}${damped ? 'd' : ''}${s}`;
    if (s !== 'N' && s !== 'Z') { s = 'N'; }
    npars = 2 + (t === 'A' || t === 'M' ? 2 : 0) + (damped === true ? 1 : 0);
    if (n <= npars + 4 && t !== 'N' && t !== 'Z') { t = 'N'; damped = false; }
    if (e === 'Z') e = positive ? 'Z' : 'A';
    warnings.push(`${n} values are too few for ${before} (R would switch to a Holt-Winters fit): fitted ${e}${t}${s} forms instead.`);
  }
  const errs = e === 'Z' ? ['A', 'M'] : [e];
  const trends = t === 'Z' ? (allowMT ? ['N', 'A', 'M'] : ['N', 'A']) : [t];
  const seasons = s === 'Z' ? ['N', 'A', 'M'] : [s];
  const dampeds = damped === null ? [true, false] : [damped];
  const settings: FormSettings = { fixed, lower, upper, optCrit, nmse, bounds, maxIterations };
  let best: FormFit | null = null;
  let bestIc = Infinity;
  let totalEvals = 0;
  const fits: FormFit[] = [];
  const candidates: { method: string; aicc: number | null; ic: number | null; note?: string }[] = [];
  const forms: EtsForm[] = [];
  for (const ee of errs) for (const tt of trends) for (const ss of seasons) for (const dd of dampeds) {
    if (tt === 'N' && dd) continue;
    if (restrict && (forbidden(ee, tt, ss) || (additiveOnly && (ee === 'M' || tt === 'M' || ss === 'M')))) continue;
    if (!positive && (ee === 'M' || tt === 'M' || ss === 'M')) continue;
    forms.push({ error: ee === 'A' ? 1 : 2, trend: LETTER[tt]!, season: LETTER[ss]!, damped: dd, m: ss === 'N' ? 1 : m });
  }
  for (const r of fitForms(y, forms, settings, ic, o.prune)) {
    const name = methodName(toSpec(r.form));
    if ('pruned' in r) {
      const p = r.pruned;
      totalEvals += p.evaluations;
      const v = criterionOf(p, ic);
      candidates.push({ method: name, aicc: p.aicc, ic: v, note: `pruned after ${p.evaluations} evaluations: its criterion (at most the value given) could not come near the selected form's; prune: false fits it in full` });
      continue;
    }
    if (!('lik' in r)) { candidates.push({ method: name, aicc: null, ic: null, note: r.reason }); continue; }
    totalEvals += r.evaluations;
    fits.push(r);
    const v = criterionOf(r, ic);
    candidates.push({ method: name, aicc: Number.isFinite(r.aicc) ? r.aicc : null, ic: Number.isFinite(v) ? v : null });
    if (v < bestIc) { bestIc = v; best = r; }
  }
  if (best === null && ic === 'aicc') {
    // Too few values for AICc (n <= parameters + 1) in every form that fitted: fall back to AIC.
    for (const c of candidates) c.ic = null;
    let bestAic = Infinity;
    for (const r of fits) if (r.aic < bestAic) { bestAic = r.aic; best = r; }
    if (best !== null) warnings.push(`${n} values are too few for AICc in every form; selected by AIC instead.`);
  }
  if (best === null) {
    throw new CrmError('NOT_CONVERGED', `${fn}: no ETS form could be fitted to these ${n} values (${candidates.map((c) => `${c.method}: ${c.note ?? 'infinite criterion'}`).join('; ')}). Use a simpler model or a naive forecast.`, { candidates });
  }
  if (!best.converged) warnings.push(`the optimiser stopped at maxIterations (${maxIterations}) for ${methodName(toSpec(best.form))}; raise maxIterations.`);
  const model = buildModel(y, best, period, candidates, { ic, optCrit, bounds, restrict, lambda, biasAdjust: o.biasAdjust }, warnings, totalEvals);
  if (lambda === null) return model;
  // As R: fitted values back on the original scale (bias-adjusted with sigma2 when asked).
  const fitted = model.fitted.map((v, i) => {
    const x = invBoxCoxValue(v, lambda, o.biasAdjust ? model.sigma2 : undefined);
    if (!Number.isFinite(x)) throw new CrmError('INVALID_OPTION', `${fn}: with lambda ${lambda} the fitted value ${i} (${v} on the transformed scale) has no back-transform (it is not below -1/lambda); use a lambda >= 0 or lambda: null.`, { option: 'lambda', row: i });
    return x;
  });
  return { ...model, fitted };
}

function buildModel(
  y: Float64Array,
  fit: FormFit,
  period: number,
  candidates: EtsModel['candidates'],
  options: EtsModel['options'],
  warnings: string[],
  evaluations: number,
): EtsModel {
  const form = fit.form;
  const n = y.length;
  const p = stateCount(form);
  const states = new Float64Array(p * (n + 1));
  const e = new Float64Array(n);
  etsRecursion(y, form, fit.x0, fit.params, etsWorkspace(form.m, 1), 1, e, states);
  let sse = 0;
  for (let i = 0; i < n; i++) sse += e[i]! * e[i]!;
  const fitted = Array.from(y, (v, i) => (form.error === 1 ? v - e[i]! : v / (1 + e[i]!)));
  const params: { alpha: number; beta?: number; gamma?: number; phi?: number } = { alpha: fit.params.alpha };
  if (form.trend > 0) params.beta = fit.params.beta;
  if (form.season > 0) params.gamma = fit.params.gamma;
  if (form.damped) params.phi = fit.params.phi;
  const spec = toSpec(form);
  return {
    kind: 'ets',
    version: 1,
    method: methodName(spec),
    spec,
    period,
    params,
    initialStates: splitState(fit.x0, form),
    lastState: splitState(states.subarray(p * n), form),
    sigma2: sse / (n - fit.nParTotal),
    logLik: fit.logLik,
    aic: fit.aic,
    aicc: Number.isFinite(fit.aicc) ? fit.aicc : null,
    bic: fit.bic,
    mse: fit.mse,
    amse: fit.amse,
    n,
    fitted,
    residuals: Array.from(e),
    candidates,
    options,
    diagnostics: { converged: warnings.every((w) => !w.includes('maxIterations')), iterations: evaluations, warnings },
  };
}

function constantModel(y: Float64Array, period: number, options: EtsModel['options'], warnings: string[]): EtsModel {
  const n = y.length;
  const lik = -1e10; // R's floor for a perfect fit
  const np = 3;
  const aic = lik + 2 * np;
  return {
    kind: 'ets', version: 1, method: 'ETS(A,N,N)', spec: { error: 'A', trend: 'N', damped: false, season: 'N' }, period,
    params: { alpha: 0.99999 }, initialStates: { level: y[0]! }, lastState: { level: y[0]! },
    sigma2: 0, logLik: -0.5 * lik, aic, aicc: n - np - 1 > 0 ? aic + (2 * np * (np + 1)) / (n - np - 1) : null, bic: lik + Math.log(n) * np,
    mse: 0, amse: 0, n, fitted: Array.from(y), residuals: new Array<number>(n).fill(0),
    candidates: [{ method: 'ETS(A,N,N)', aicc: null, ic: null, note: 'constant series' }], options,
    diagnostics: { converged: true, iterations: 0, warnings },
  };
}

/** Options of {@link forecastEts}. */
export interface EtsForecastOptions {
  /** Interval levels in percent. @defaultValue [80, 95] */
  level?: readonly number[];
  /** 'auto' = analytic where R has it (classes 1-3), else simulation, as R's forecast.ets. @defaultValue 'auto' */
  method?: 'auto' | 'analytic' | 'simulate';
  /** Seed of the simulated paths. @defaultValue 0 */
  seed?: number;
  /** Number of simulated paths. @defaultValue 5000 */
  paths?: number;
}

/** Point forecasts and prediction intervals. */
export interface EtsForecast {
  readonly kind: 'etsForecast';
  readonly mean: number[];
  /** Lower bounds by level, e.g. lower[95][h-1]. */
  readonly lower: Record<string, number[]>;
  readonly upper: Record<string, number[]>;
  readonly level: number[];
  /** How the intervals were computed. */
  readonly method: 'analytic' | 'simulate';
}

/** The option table of {@link forecastEts} (core/options.ts); nothing is stored on the forecast. */
export const ETS_FORECAST_OPTIONS = defineOptions<EtsForecastOptions>()({
  level: opt({
    default: Object.freeze([80, 95]),
    accepts: [
      custom<readonly number[]>({
        describe: 'a non-empty array of percentages in (0, 100)',
        test: (v) => Array.isArray(v) && v.length > 0,
        check: (name, v) => (v as unknown[]).forEach((l, i) => checkNumber(`${name}[${i}]`, l, { min: 0, max: 100, exclusiveMin: true, exclusiveMax: true })),
        bad: ['x', 95, [], [0], [100], [NaN]],
      }),
    ],
    description: 'Interval levels in percent (sorted ascending in the result).',
  }),
  method: opt({ default: 'auto', accepts: [oneOf(['auto', 'analytic', 'simulate'])], description: "'auto': analytic where R has it (classes 1-3), else simulation." }),
  seed: { ...SEED_OPTION, description: 'Seed of the simulated paths.', stored: 'no' },
  paths: opt({ default: 5000, accepts: [integer({ min: 10, max: 1e7 })], description: 'Number of simulated paths.' }),
});

function readEtsModel(model: unknown, fn: string): { form: EtsForm; par: EtsParams; last: number[]; sigma2: number; lambda: number | null; biasAdjust: boolean } {
  const m = checkModel<EtsModel>(model, 'ets', 1, fn);
  const spec = m.spec as unknown;
  if (spec === null || typeof spec !== 'object') throw new CrmError('INVALID_MODEL', `${fn}: the 'ets' model's spec must be { error, trend, damped, season }; refit it.`, { field: 'spec' });
  const sp = spec as Record<string, unknown>;
  const error = checkOneOfModel(fn, 'spec.error', sp.error, ['A', 'M']);
  const trend = checkOneOfModel(fn, 'spec.trend', sp.trend, ['N', 'A', 'M']);
  const season = checkOneOfModel(fn, 'spec.season', sp.season, ['N', 'A', 'M']);
  if (typeof sp.damped !== 'boolean' || (sp.damped && trend === 'N')) throw new CrmError('INVALID_MODEL', `${fn}: the 'ets' model's spec.damped must be true or false (false without a trend); refit it.`, { field: 'spec.damped' });
  const period = checkModelNumber(fn, 'ets', 'period', m.period, { positive: true });
  if (!Number.isInteger(period) || (season !== 'N' && (period < 2 || period > 24))) throw new CrmError('INVALID_MODEL', `${fn}: the 'ets' model's period ${period} does not fit its season; refit it.`, { field: 'period' });
  const form: EtsForm = { error: error === 'A' ? 1 : 2, trend: LETTER[trend]!, season: LETTER[season]!, damped: sp.damped, m: season === 'N' ? 1 : period };
  const pr = m.params as unknown as Record<string, unknown>;
  if (pr === null || typeof pr !== 'object') throw new CrmError('INVALID_MODEL', `${fn}: the 'ets' model's params must be an object; refit it.`, { field: 'params' });
  const par: EtsParams = {
    alpha: checkModelNumber(fn, 'ets', 'params.alpha', pr.alpha),
    beta: form.trend > 0 ? checkModelNumber(fn, 'ets', 'params.beta', pr.beta) : 0,
    gamma: form.season > 0 ? checkModelNumber(fn, 'ets', 'params.gamma', pr.gamma) : 0,
    phi: form.damped ? checkModelNumber(fn, 'ets', 'params.phi', pr.phi) : 1,
  };
  // The widest region any bounds setting allows (the admissible one); outside it the model is damaged.
  const range = (field: string, v: number, lo: number, hi: number) => {
    if (!(v >= lo && v <= hi)) throw new CrmError('INVALID_MODEL', `${fn}: the 'ets' model's ${field} is ${v}, outside [${lo}, ${hi}]; the model is damaged (for example by editing its JSON). Refit it.`, { field });
  };
  range('params.alpha', par.alpha, Number.MIN_VALUE, 2);
  if (form.trend > 0) range('params.beta', par.beta, -2, 4);
  if (form.season > 0) range('params.gamma', par.gamma, -1, 2);
  if (form.damped) range('params.phi', par.phi, 0, 1 + 1e-8);
  const ls = m.lastState as unknown as Record<string, unknown>;
  if (ls === null || typeof ls !== 'object') throw new CrmError('INVALID_MODEL', `${fn}: the 'ets' model's lastState must be an object; refit it.`, { field: 'lastState' });
  const last = [checkModelNumber(fn, 'ets', 'lastState.level', ls.level)];
  if (form.trend > 0) last.push(checkModelNumber(fn, 'ets', 'lastState.trend', ls.trend));
  if (form.season > 0) last.push(...checkModelNumbers(fn, 'ets', 'lastState.seasonal', ls.seasonal, { length: form.m }));
  const sigma2 = checkModelNumber(fn, 'ets', 'sigma2', m.sigma2);
  if (sigma2 < 0) throw new CrmError('INVALID_MODEL', `${fn}: the 'ets' model's sigma2 must be >= 0; refit it.`, { field: 'sigma2' });
  if (m.diagnostics !== undefined) checkModelDiagnostics(fn, 'ets', m.diagnostics);
  // Box-Cox settings; models saved before they existed have none (no transform).
  const opts = (m.options ?? {}) as unknown as Record<string, unknown>;
  if (opts === null || typeof opts !== 'object') throw new CrmError('INVALID_MODEL', `${fn}: the 'ets' model's options must be an object; refit it.`, { field: 'options' });
  let lambda: number | null = null;
  if (opts.lambda !== undefined && opts.lambda !== null) {
    lambda = checkModelNumber(fn, 'ets', 'options.lambda', opts.lambda);
    range('options.lambda', lambda, -5, 5);
  }
  if (opts.biasAdjust !== undefined && typeof opts.biasAdjust !== 'boolean') throw new CrmError('INVALID_MODEL', `${fn}: the 'ets' model's options.biasAdjust must be true or false; got ${describeValue(opts.biasAdjust)}. Refit it.`, { field: 'options.biasAdjust' });
  return { form, par, last, sigma2, lambda, biasAdjust: opts.biasAdjust === true };
}

function checkOneOfModel<T extends string>(fn: string, field: string, v: unknown, allowed: readonly T[]): T {
  checkModelStrings(fn, 'ets', field, [v]);
  if (!(allowed as readonly unknown[]).includes(v)) throw new CrmError('INVALID_MODEL', `${fn}: the 'ets' model's ${field} must be one of ${allowed.join(', ')}; got ${describeValue(v)}. Refit it.`, { field });
  return v as T;
}

/**
 * Point forecasts and prediction intervals from a fitted ETS model (R's forecast.ets). Means are
 * the point forecasts of the state equations. Intervals are analytic for classes 1-3 of Hyndman
 * et al. (2008) (normal quantiles of the exact forecast variance) and simulated otherwise
 * (`paths` seeded sample paths, type-8 quantiles); `method` in the result says which.
 * O(h p^2) analytic, O(paths h m) simulated.
 * @param model - A model from {@link fitEts} (or its JSON).
 * @param horizon - Steps ahead (integer >= 1).
 * @throws CrmError `INVALID_MODEL` (damaged model, or forecasts that overflow), `INVALID_OPTION` (horizon, level, method, paths, seed),
 *   `NOT_CONVERGED` (a multiplicative trend turned negative: no forecast).
 * @example
 * const fit = fitEts([10, 12, 11, 13, 12, 14, 13, 15, 14, 16], { model: 'ANN' });
 * const fc = forecastEts(fit, 3);
 * [fc.mean.length, fc.method, fc.lower['95']![0]! < fc.mean[0]!]; // => [3, 'analytic', true]
 */
export function forecastEts(model: EtsModel, horizon: number, options: EtsForecastOptions = {}): EtsForecast {
  const fn = 'forecastEts';
  const o = resolveOptionTable(fn, ETS_FORECAST_OPTIONS, options);
  const h = checkInteger('horizon', horizon, { min: 1, max: 1e5 });
  const levels = [...o.level].sort((a, b) => a - b);
  const { method, paths } = o;
  const { form, par, last, sigma2, lambda, biasAdjust } = readEtsModel(model, fn);
  let mean = pointForecasts(last, form, par.phi, h);
  if (mean.some((v) => !Number.isFinite(v))) {
    throw new CrmError('NOT_CONVERGED', `${fn}: the multiplicative trend of this model turned negative, so it has no forecast; refit with an additive trend.`, {});
  }
  const cls = form.error === 1 && form.trend < 2 && form.season < 2 ? 1 : form.error === 2 && form.trend < 2 && form.season < 2 ? 2 : form.error === 2 && form.season === 2 && form.trend < 2 ? 3 : 0;
  const lower: Record<string, number[]> = {};
  const upper: Record<string, number[]> = {};
  let used: 'analytic' | 'simulate';
  if (method !== 'simulate' && cls > 0) {
    used = 'analytic';
    const mv = cls === 1 ? class1(h, last, form, sigma2, par) : cls === 2 ? class2(h, last, form, sigma2, par) : class3(h, last, form, sigma2, par);
    // As R: the analytic mean is the forecast expectation, which for class 3 exceeds the point
    // forecast by a sigma2 term.
    mean = mv.mu;
    for (const lv of levels) {
      const z = Math.abs(normalQuantile((100 - lv) / 200));
      lower[String(lv)] = mean.map((mu, i) => mu - z * Math.sqrt(Math.max(mv.variance[i]!, 0)));
      upper[String(lv)] = mean.map((mu, i) => mu + z * Math.sqrt(Math.max(mv.variance[i]!, 0)));
    }
  } else {
    if (method === 'analytic') throw new CrmError('INVALID_OPTION', `${fn}: method 'analytic' has no formula for ${methodName(toSpec(form))} (multiplicative trend or additive error with multiplicative season); use 'auto' or 'simulate'.`, { option: 'method' });
    used = 'simulate';
    const random = resolveRandom({ seed: o.seed });
    const probs: number[] = [];
    for (const lv of levels) probs.push(0.5 - lv / 200, 0.5 + lv / 200);
    const q = simulatedQuantiles(last, form, par, sigma2, h, paths, probs, random);
    levels.forEach((lv, k) => {
      lower[String(lv)] = q[2 * k]!.map((v, i) => (Number.isFinite(v) ? v : mean[i]!));
      upper[String(lv)] = q[2 * k + 1]!.map((v, i) => (Number.isFinite(v) ? v : mean[i]!));
    });
  }
  // Extreme states or a long horizon on an explosive model can overflow: say so instead of
  // returning Infinity or NaN.
  for (const arr of [mean, ...Object.values(lower), ...Object.values(upper)]) {
    if (!arr.every(Number.isFinite)) {
      throw new CrmError('INVALID_MODEL', `${fn}: the forecasts of this model overflow to non-finite numbers over ${h} steps; its states or sigma2 are damaged or extreme. Refit the model or shorten the horizon.`, { horizon: h });
    }
  }
  if (lambda !== null) {
    const back = backTransform(fn, { mean, lower, upper }, levels, lambda, biasAdjust);
    return { kind: 'etsForecast', mean: back.mean, lower: back.lower, upper: back.upper, level: levels, method: used };
  }
  return { kind: 'etsForecast', mean, lower, upper, level: levels, method: used };
}

/**
 * Forecasts made on the Box-Cox scale, back on the original one as R's forecast methods do it:
 * bounds by `InvBoxCox`, the mean too, bias-adjusted (as a mean, not a median) when asked with the
 * variance R reads off the widest interval, ((upper - lower) / qnorm((1 + level) / 2) / 2)^2 at
 * the highest level. A bound past the transform's range (lambda < 0: the interval has no upper
 * end) is an error rather than R's NA. O(h * levels).
 * @internal
 */
export function backTransform(
  fn: string,
  f: { readonly mean: readonly number[]; readonly lower: Readonly<Record<string, readonly number[]>>; readonly upper: Readonly<Record<string, readonly number[]>> },
  levels: readonly number[],
  lambda: number,
  biasAdjust: boolean,
): { mean: number[]; lower: Record<string, number[]>; upper: Record<string, number[]> } {
  const back = (v: number, what: string, step: number, variance?: number): number => {
    const x = invBoxCoxValue(v, lambda, variance);
    if (Number.isFinite(x)) return x;
    const beyond = Number.isNaN(x) ? `is past the Box-Cox range (${v} is not below -1/lambda = ${-1 / lambda}), so it has no finite value` : 'overflows';
    throw new CrmError('NON_FINITE', `${fn}: with lambda ${lambda} the ${what} at step ${step} ${beyond}. Use a lambda >= 0, a lower level or a shorter horizon.`, { step, lambda, bound: what });
  };
  let fvar: number[] | undefined;
  if (biasAdjust && levels.length > 0) {
    const top = levels[levels.length - 1]!;
    const z = normalQuantile((1 + top / 100) / 2);
    const lo = f.lower[String(top)]!, hi = f.upper[String(top)]!;
    fvar = f.mean.map((_, i) => ((hi[i]! - lo[i]!) / z / 2) ** 2);
  }
  const mean = f.mean.map((v, i) => back(v, 'forecast', i + 1, fvar?.[i]));
  const lower: Record<string, number[]> = {};
  const upper: Record<string, number[]> = {};
  for (const lv of levels) {
    const k = String(lv);
    lower[k] = f.lower[k]!.map((v, i) => back(v, `${k}% lower bound`, i + 1));
    upper[k] = f.upper[k]!.map((v, i) => back(v, `${k}% upper bound`, i + 1));
  }
  return { mean, lower, upper };
}
