/**
 * Binary logistic regression: penalties none / L2 / L1 / elastic net, sample and class weights,
 * Newton or L-BFGS (OWL-QN) solvers, separation and rank checks, and Wald inference when
 * unpenalised.
 * @module
 */
import type { RowOf, AnyRow } from '../core/table.js';
import { CrmError, describeValue } from '../core/errors.js';
import { type DenseMatrix } from '../core/dense.js';
import { checkModel, checkModelNumber, checkModelNumbers, checkModelStrings, type Diagnostics } from '../core/model.js';
import { runControl, type RunControl } from '../core/progress.js';
import { checkArray, checkNumber, checkSameLength, checkWeights, resolveOptions } from '../core/validate.js';
import { arrayOf, boolean, columnsOption, custom, defineOptions, integer, number, oneOf, opt, resolveOptionTable, RUN_CONTROL_OPTIONS, WEIGHTS_OPTION } from '../core/options.js';
import { NORMAL_975, twoSidedNormalPValue } from './normal.js';
import { readLogisticFeatures, splitLogisticArgs, type LogisticColumnsOptions, type LogisticFeatures } from './logisticInput.js';
import { hessian, lbfgs, linearPredictor, newton, objective, smoothGradient, solveSymmetric, sparseRows, type Problem, type SolverRun } from './solvers.js';

/** Penalty on the coefficients (never on the intercept). */
export type LogisticPenalty = 'none' | 'l2' | 'l1' | 'elasticNet';

/**
 * Options of {@link fitLogistic}. `onProgress` is called once per solver iteration (phase
 * `'iteration'`, total = maxIterations) and `signal` is read there (see docs/progress.md).
 */
export interface LogisticOptions<R = Record<string, unknown>> extends RunControl, LogisticColumnsOptions<R> {
  /**
   * `l2` (ridge), `l1` (lasso), `elasticNet` (both), or `none` (maximum likelihood, with standard
   * errors and p-values). @defaultValue 'l2'
   */
  penalty?: LogisticPenalty;
  /**
   * Penalty strength lambda, > 0; scikit-learn's `C` is 1 / lambda. Ignored with `none` (where a
   * given value must still be a finite number >= 0, and the model records 0). @defaultValue 1
   */
  lambda?: number;
  /** Elastic-net mix: share of L1 in the penalty, in [0, 1]. @defaultValue 0.5 */
  l1Ratio?: number;
  /** Fit an (unpenalised) intercept. @defaultValue true */
  intercept?: boolean;
  /** Per-row sample weights (>= 0, not all 0); read, not stored on the model. @defaultValue all 1 */
  weights?: ArrayLike<number>;
  /**
   * Extra weight per class: `balanced` gives class c the weight n / (2 n_c) (scikit-learn's
   * `class_weight='balanced'`, from unweighted counts); `[w0, w1]` or `{ '0': w0, '1': w1 }` (the
   * map form of fitDecisionTree) sets them; null means none. `'none'` is a deprecated alias of null.
   * @defaultValue null
   */
  classWeight?: 'none' | 'balanced' | readonly [number, number] | Readonly<Record<string, number>> | null;
  /**
   * `newton` (IRLS; exact Hessian, few iterations, cost n * nnz^2 each), `lbfgs` (cost n * nnz per
   * iteration; the only one for L1), `auto` = newton when there is no L1 term and at most 200
   * parameters, else lbfgs. @defaultValue 'auto'
   */
  solver?: 'auto' | 'newton' | 'lbfgs';
  /**
   * Stop when max |gradient| <= tolerance * (sum of weights), i.e. on the gradient of the mean
   * loss. @defaultValue 1e-10
   */
  tolerance?: number;
  /** Iteration limit, an integer in [1, 1e7]. @defaultValue 1000 */
  maxIterations?: number;
  /** Names of the feature columns, for inference tables and messages. @defaultValue ['x0', 'x1', ...] */
  featureNames?: readonly string[];
}

/** The options a model was fitted with (weights are not stored). */
export interface ResolvedLogisticOptions {
  readonly penalty: LogisticPenalty;
  readonly lambda: number;
  readonly l1Ratio: number;
  readonly intercept: boolean;
  /** null = no class weights (models fitted before 0.x stored `'none'`). */
  readonly classWeight: 'balanced' | readonly [number, number] | null;
  readonly solver: 'auto' | 'newton' | 'lbfgs';
  readonly tolerance: number;
  readonly maxIterations: number;
  /** True when sample weights were given. */
  readonly weighted: boolean;
}

/** One row of the Wald inference table (intercept first). */
export interface LogisticTerm {
  readonly name: string;
  readonly estimate: number;
  readonly standardError: number;
  readonly z: number;
  /** Two-sided, normal approximation (as statsmodels `Logit`). */
  readonly pValue: number;
  /** 95% Wald interval: estimate -+ 1.959963984540054 * standardError. */
  readonly lower95: number;
  readonly upper95: number;
  /** exp(estimate), and the interval mapped through exp. */
  readonly oddsRatio: number;
  readonly oddsRatioLower95: number;
  readonly oddsRatioUpper95: number;
}

/** Diagnostics of a logistic fit. */
export interface LogisticDiagnostics extends Diagnostics {
  /** The solver that ran. */
  readonly solver: 'newton' | 'lbfgs';
  /** max |gradient| / (sum of weights) at the returned coefficients (pseudo-gradient with L1). */
  readonly gradientNorm: number;
}

/** A fitted logistic regression: plain data, survives JSON. */
export interface LogisticModel {
  readonly kind: 'logistic';
  readonly version: 1;
  readonly options: ResolvedLogisticOptions;
  readonly featureNames: string[];
  /** 0 when fitted without an intercept. */
  readonly intercept: number;
  readonly coefficients: number[];
  /** exp(coefficient): the factor on the odds per unit of the feature. */
  readonly oddsRatios: number[];
  /** Wald table (standard errors, z, p-values, 95% intervals) when `penalty: 'none'`; else null. */
  readonly inference: LogisticTerm[] | null;
  /** Weighted log-likelihood at the fit: -sum w_i logloss_i. */
  readonly logLikelihood: number;
  /** The minimised objective: -logLikelihood + penalty. */
  readonly objective: number;
  readonly diagnostics: LogisticDiagnostics;
}

const positive = (name: string, v: unknown): number => checkNumber(name, v, { min: 0, exclusiveMin: true });

/** The option table of {@link fitLogistic}. */
export const LOGISTIC_OPTIONS = defineOptions<LogisticOptions>()({
  penalty: opt({ default: 'l2', accepts: [oneOf(['none', 'l2', 'l1', 'elasticNet'])], description: 'l2, l1, elasticNet or none (maximum likelihood with inference).', stored: 'as-given' }),
  // >= 0 here; > 0 unless penalty is 'none' is checked in fitLogistic (it reads two options).
  lambda: opt({ default: 1, accepts: [number({ min: 0 })], description: "Penalty strength, > 0 (ignored, and stored as 0, with penalty 'none').", stored: 'derived' }),
  l1Ratio: opt({ default: 0.5, accepts: [number({ min: 0, max: 1 })], description: 'Elastic-net share of L1.', stored: 'as-given' }),
  intercept: opt({ default: true, accepts: [boolean()], description: 'Fit an unpenalised intercept.', stored: 'as-given' }),
  weights: { ...WEIGHTS_OPTION, computedDefault: 'all 1' },
  classWeight: opt({
    default: null,
    nullable: true,
    accepts: [
      oneOf(['balanced', 'none']),
      custom<readonly [number, number]>({ describe: '[weight of 0, weight of 1]', test: (v) => Array.isArray(v) && v.length === 2, check: (name, v) => { positive(`${name}[0]`, (v as number[])[0]); positive(`${name}[1]`, (v as number[])[1]); }, bad: [[1], [1, 0], [1, NaN]] }),
      custom<Readonly<Record<string, number>>>({
        describe: "{ '0': weight, '1': weight }",
        test: (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null),
        check: (name, v) => {
          for (const [key, w] of Object.entries(v as object)) {
            if (key !== '0' && key !== '1') throw new CrmError('INVALID_OPTION', `${name} names class '${key}'; the labels are 0 and 1.`, { option: 'classWeight' });
            positive(`${name}['${key}']`, w);
          }
        },
        bad: [{ yes: 1 }, { 1: -1 }],
      }),
    ],
    description: "Class weights: 'balanced', [w0, w1] or { '0': w0, '1': w1 }; null = none ('none' is a deprecated alias).",
    stored: 'derived',
  }),
  solver: opt({ default: 'auto', accepts: [oneOf(['auto', 'newton', 'lbfgs'])], description: 'newton (IRLS), lbfgs, or auto.', stored: 'as-given' }),
  tolerance: opt({ default: 1e-10, accepts: [number({ min: 0, exclusiveMin: true })], description: 'Stop when max |gradient| <= tolerance * (sum of weights).', stored: 'as-given' }),
  maxIterations: opt({ default: 1000, accepts: [integer({ min: 1, max: 1e7 })], description: 'Iteration limit.', stored: 'as-given' }),
  // Names are checked against the column count by readFeatureNames once the data is read.
  featureNames: opt({ computedDefault: "['x0', 'x1', ...]", accepts: [arrayOf(custom<string>({ describe: 'a name', test: (v) => typeof v === 'string', bad: [1] }))], description: 'Names of the feature columns; stored as model.featureNames.' }),
  columns: columnsOption<NonNullable<LogisticOptions['columns']>>(),
  target: opt({
    accepts: [custom<NonNullable<LogisticOptions['target']>>({ describe: 'a column name or an accessor', test: (v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'function', bad: [{}, true] })],
    description: 'The column holding the 0/1 labels, when labels are not passed.',
  }),
  ...RUN_CONTROL_OPTIONS,
});

const NEWTON_MAX_PARAMETERS = 200;

function readBinaryLabels(labels: ArrayLike<number | boolean>, n: number): Uint8Array {
  if (labels === null || typeof labels !== 'object' || typeof labels.length !== 'number') {
    throw new CrmError('INVALID_INPUT', `fitLogistic: labels must be an array of 0/1 (or booleans); got ${describeValue(labels)}.`, { argument: 'labels' });
  }
  checkSameLength('features', n, 'labels', labels.length);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = labels[i];
    if (v === 1 || v === true) y[i] = 1;
    else if (v !== 0 && v !== false) {
      const missing = v === null || v === undefined || Number.isNaN(v);
      throw new CrmError(missing ? 'MISSING_VALUE' : 'NOT_BINARY', `fitLogistic: labels[${i}] is ${describeValue(v)}; labels must be 0 or 1 (or booleans).${missing ? ' Drop unlabelled rows first.' : ' Recode the classes to 0/1 first.'}`, {
        argument: 'labels',
        row: i,
      });
    }
  }
  return y;
}

/** The class weights as stored: null (also for the deprecated 'none'), 'balanced' or [w0, w1] (a map read as such, absent classes 1). */
function resolveClassWeight(cw: LogisticOptions['classWeight']): ResolvedLogisticOptions['classWeight'] {
  if (cw === 'none' || cw === null || cw === undefined) return null;
  if (cw === 'balanced') return cw;
  if (Array.isArray(cw)) return [cw[0]!, cw[1]!];
  const map = cw as Readonly<Record<string, number>>;
  return [map['0'] ?? 1, map['1'] ?? 1];
}

/**
 * Per column over rows with positive weight: min, max, and (when asked) the population sd. Also
 * refuses NaN and infinities (a dense-matrix input is read in place, without toDense's copy).
 */
function columnStats(x: DenseMatrix, w: Float64Array, withSd: boolean) {
  const { rows, cols, data } = x;
  const min = new Float64Array(cols).fill(Infinity);
  const max = new Float64Array(cols).fill(-Infinity);
  const sd = new Float64Array(cols);
  let used = 0;
  for (let i = 0, b = 0; i < rows; i++, b += cols) {
    const active = w[i]! > 0;
    if (active) used++;
    for (let j = 0; j < cols; j++) {
      const v = data[b + j]!;
      if (!Number.isFinite(v)) {
        throw new CrmError('NON_FINITE', `features[${i}][${j}] is ${v}; values must be finite numbers. Clean or drop that row.`, {
          argument: 'features',
          row: i,
          column: j,
        });
      }
      if (active) {
        if (v < min[j]!) min[j] = v;
        if (v > max[j]!) max[j] = v;
      }
    }
  }
  if (withSd) {
    const mean = new Float64Array(cols);
    for (let i = 0, b = 0; i < rows; i++, b += cols) if (w[i]! > 0) for (let j = 0; j < cols; j++) mean[j]! += data[b + j]!;
    for (let j = 0; j < cols; j++) mean[j]! /= used;
    for (let i = 0, b = 0; i < rows; i++, b += cols) if (w[i]! > 0) for (let j = 0; j < cols; j++) sd[j]! += (data[b + j]! - mean[j]!) ** 2;
    for (let j = 0; j < cols; j++) sd[j] = Math.sqrt(sd[j]! / used);
  }
  return { min, max, sd, used };
}

/** Columns that alone separate the classes (quasi-completely): max over one class <= min over the other. */
function separatingColumns(x: DenseMatrix, y: Uint8Array, w: Float64Array, names: string[]): string[] {
  const { rows, cols, data } = x;
  const out: string[] = [];
  for (let j = 0; j < cols; j++) {
    let min0 = Infinity, max0 = -Infinity, min1 = Infinity, max1 = -Infinity;
    for (let i = 0; i < rows; i++) {
      if (w[i] === 0) continue;
      const v = data[i * cols + j]!;
      if (y[i] === 1) {
        if (v < min1) min1 = v;
        if (v > max1) max1 = v;
      } else {
        if (v < min0) min0 = v;
        if (v > max0) max0 = v;
      }
    }
    const constant = Math.min(min0, min1) === Math.max(max0, max1);
    if (!constant && (max0 <= min1 || max1 <= min0)) out.push(names[j]!);
  }
  return out;
}

/**
 * Parameters that are linear combinations of earlier ones (intercept first): a left-to-right
 * Cholesky of the Gram matrix that skips a column whose residual is below 1e-10 of its norm
 * (squared), as numpy's matrix_rank would when adding columns one by one.
 */
function dependentParameters(h: Float64Array, p: number): number[] {
  const L = new Float64Array(p * p);
  const out: number[] = [];
  const kept = new Uint8Array(p);
  for (let k = 0; k < p; k++) {
    const gkk = h[k * p + k]!;
    let d = gkk;
    for (let j = 0; j < k; j++) if (kept[j]) d -= L[k * p + j]! ** 2;
    if (!(gkk > 0) || d <= 1e-10 * gkk) {
      out.push(k);
      continue;
    }
    kept[k] = 1;
    const lkk = Math.sqrt(d);
    L[k * p + k] = lkk;
    for (let i = k + 1; i < p; i++) {
      let s = h[i * p + k]!;
      for (let j = 0; j < k; j++) if (kept[j]) s -= L[i * p + j]! * L[k * p + j]!;
      L[i * p + k] = s / lkk;
    }
  }
  return out;
}

/**
 * Fits a binary logistic regression by minimising
 * `sum_i w_i [log(1 + exp(eta_i)) - y_i eta_i] + lambda [(1 - a) / 2 ||b||^2 + a ||b||_1]`,
 * eta_i = b0 + x_i . b, where w_i = sample weight x class weight and a = 0 (L2), 1 (L1) or
 * l1Ratio (elastic net); the intercept b0 is never penalised. With `penalty: 'l2', lambda: 1`
 * this is scikit-learn's `LogisticRegression(C=1)` objective. Unpenalised fits are checked for
 * rank deficiency and perfect separation first, and carry a Wald inference table equal to
 * statsmodels' `Logit`.
 * Cost: Newton O(iterations * n * nnz^2 + p^3), typically under 10 iterations; L-BFGS
 * O(iterations * n * nnz), nnz = non-zeros per row (one-hot columns are cheap).
 * Source: Hastie, Tibshirani and Friedman (2009), The Elements of Statistical Learning, 2nd ed.,
 * section 4.4; Albert and Anderson (1984), Biometrika 71(1), on separation.
 * @param features - Rows x columns, `number[][]` or a dense matrix; finite. Standardise and
 *   one-hot encode first (see {@link fitStandardizer}, {@link fitOneHot}). Or row objects, columns
 *   or an Arrow table with `columns` naming numeric features (docs/input.md).
 * @param labels - 0/1 or booleans, one per row; or leave it out and name the column with `target`.
 * @param options - See {@link LogisticOptions}.
 * @returns A plain-data {@link LogisticModel}; `diagnostics.converged` says whether the gradient
 *   tolerance was met (a warning names the option to change when not).
 * @throws CrmError `SINGLE_CLASS`, `NOT_BINARY`, `NON_FINITE` (NaN in features), `LENGTH_MISMATCH`,
 *   `RANK_DEFICIENT` (unpenalised: constant, duplicated or collinear columns, or more columns than
 *   rows; the columns are named), `PERFECT_SEPARATION` (unpenalised; the columns are named),
 *   `NEGATIVE_VALUE` / `INVALID_INPUT` (weights), `EMPTY_INPUT`, `RAGGED_ROWS`, `INVALID_OPTION`.
 * @example
 * const m = fitLogistic([[0], [1], [2], [3]], [0, 1, 0, 1], { penalty: 'none' });
 * m.coefficients[0]!.toFixed(4); // => '0.9082'
 * const rows = [{ visits: 0, bought: 0 }, { visits: 1, bought: 1 }, { visits: 2, bought: 0 }, { visits: 3, bought: 1 }];
 * fitLogistic(rows, { columns: ['visits'], target: 'bought', penalty: 'none' }).coefficients[0]!.toFixed(4); // => '0.9082'
 */
export function fitLogistic<D extends LogisticFeatures<AnyRow>>(features: D, labels: ArrayLike<number | boolean>, options?: LogisticOptions<RowOf<D>>): LogisticModel;
export function fitLogistic<D extends LogisticFeatures<AnyRow>>(features: D, options: LogisticOptions<RowOf<D>> & { target: NonNullable<LogisticOptions<RowOf<D>>['target']> }): LogisticModel;
export function fitLogistic(features: unknown, labelsOrOptions: unknown, maybeOptions?: unknown): LogisticModel {
  const split = splitLogisticArgs('fitLogistic', labelsOrOptions, maybeOptions);
  const options = split.options as LogisticOptions | undefined;
  const o = resolveOptionTable('fitLogistic', LOGISTIC_OPTIONS, options);
  const tick = runControl('fitLogistic', o);
  const { penalty, l1Ratio, intercept, tolerance, maxIterations, solver: solverOption } = o;
  // With no penalty lambda is unused (the table has checked a given value is >= 0); else it must be > 0.
  const lambda = penalty === 'none' ? 0 : checkNumber('lambda', o.lambda, { min: 0, exclusiveMin: true, hint: "For no penalty, use penalty: 'none'." });
  const classWeight = resolveClassWeight(o.classWeight);

  // The fit never writes to x, so a dense matrix is used as given (checked in columnStats).
  const read = readLogisticFeatures('fitLogistic', features, split.labels, o, true);
  const x = read.x;
  const { rows: n, cols } = x;
  const y = readBinaryLabels(read.labels, n);
  const names = o.featureNames === undefined ? read.names ?? Array.from({ length: cols }, (_, j) => `x${j}`) : readFeatureNames(o.featureNames);
  if (names.length !== cols) {
    throw new CrmError('INVALID_OPTION', `featureNames has ${names.length} names but features have ${cols} columns.`, { option: 'featureNames' });
  }
  const w = checkWeights(o.weights, n);
  let n1 = 0;
  let w1 = 0;
  let wTotal = 0;
  for (let i = 0; i < n; i++) {
    n1 += y[i]!;
    if (w[i]! > 0) {
      wTotal += w[i]!;
      w1 += y[i]! * w[i]!;
    }
  }
  if (w1 === 0 || w1 === wTotal) {
    throw new CrmError('SINGLE_CLASS', `fitLogistic: the labels (of rows with positive weight) are all ${w1 === 0 ? 0 : 1}; logistic regression needs both classes.`, {
      positives: n1,
      rows: n,
    });
  }
  if (classWeight !== null) {
    const cw = classWeight === 'balanced' ? [n / (2 * (n - n1)), n / (2 * n1)] : classWeight;
    wTotal = 0;
    for (let i = 0; i < n; i++) {
      w[i]! *= cw[y[i]!]!;
      wTotal += w[i]!;
    }
  }

  const stats = columnStats(x, w, penalty === 'none');
  const warnings: string[] = [];
  checkColumnScales(stats, names, wTotal, warnings);
  const constant = names.filter((_, j) => stats.min[j] === stats.max[j]);
  const p = cols + (intercept ? 1 : 0);
  const paramName = (k: number) => (intercept ? (k === 0 ? '(intercept)' : names[k - 1]!) : names[k]!);
  if (penalty === 'none') {
    if (p > stats.used) {
      throw new CrmError('RANK_DEFICIENT', `fitLogistic: ${p} parameters (${cols} columns${intercept ? ' + intercept' : ''}) but only ${stats.used} rows with positive weight; without a penalty the fit is not unique. Use penalty: 'l2' or fewer columns.`, {
        parameters: p,
        rows: stats.used,
      });
    }
    const separating = separatingColumns(x, y, w, names);
    if (separating.length > 0) {
      throw new CrmError('PERFECT_SEPARATION', `fitLogistic: column${separating.length > 1 ? 's' : ''} ${separating.join(', ')} alone separate${separating.length > 1 ? '' : 's'} the classes (every positive is on one side of a cut-off), so the unpenalised coefficients are infinite. Drop or merge ${separating.length > 1 ? 'them' : 'it'}, or use penalty: 'l2'.`, {
        columns: separating,
      });
    }
  } else if (intercept && constant.length > 0) {
    warnings.push(`column${constant.length > 1 ? 's' : ''} ${constant.join(', ')} ${constant.length > 1 ? 'are' : 'is'} constant: the intercept carries it and the penalty sets its coefficient to 0; drop ${constant.length > 1 ? 'them' : 'it'}.`);
  }

  const rowsSparse = sparseRows(x, intercept);
  const l2 = new Float64Array(p);
  const l1Strength = penalty === 'l1' ? lambda : penalty === 'elasticNet' ? lambda * l1Ratio : 0;
  const l2Strength = penalty === 'l2' ? lambda : penalty === 'elasticNet' ? lambda * (1 - l1Ratio) : 0;
  const l1 = l1Strength > 0 ? new Float64Array(p) : null;
  for (let k = intercept ? 1 : 0; k < p; k++) {
    l2[k] = l2Strength;
    if (l1) l1[k] = l1Strength;
  }
  const problem: Problem = { rows: rowsSparse, y, w, l2, l1 };
  const beta = new Float64Array(p);
  if (intercept) beta[0] = Math.log(w1 / (wTotal - w1 || 1));
  const prob = new Float64Array(n);
  const eta = new Float64Array(n);
  const h = new Float64Array(p * p);

  if (penalty === 'none') {
    // At the starting point every row has the same curvature, so the Hessian is the weighted Gram matrix.
    objective(problem, beta, eta, prob);
    hessian(problem, prob, h);
    const dependent = dependentParameters(h, p);
    if (dependent.length > 0) {
      const which = dependent.map(paramName);
      throw new CrmError('RANK_DEFICIENT', `fitLogistic: ${which.join(', ')} ${which.length > 1 ? 'are linear combinations' : 'is a linear combination'} of ${intercept ? 'the intercept and ' : ''}earlier columns (constant, duplicated or collinear), so the unpenalised fit is not unique. Drop ${which.length > 1 ? 'them' : 'it'}${constant.length ? '' : ' (e.g. one-hot with dropFirst: true)'}, or use penalty: 'l2'.`, {
        columns: which,
      });
    }
  }

  const solver = solverOption === 'auto' ? (l1 === null && p <= NEWTON_MAX_PARAMETERS ? 'newton' : 'lbfgs') : solverOption;
  if (solver === 'newton' && l1) {
    throw new CrmError('INVALID_OPTION', "solver 'newton' cannot handle an L1 term; use solver: 'lbfgs' (OWL-QN) or 'auto'.", { option: 'solver' });
  }
  const absTolerance = tolerance * wTotal;
  const onIteration = (it: number) => tick('iteration', it, maxIterations);
  const run: SolverRun =
    solver === 'newton' ? newton(problem, beta, absTolerance, maxIterations, onIteration) : lbfgs(problem, beta, absTolerance, maxIterations, 10, onIteration);
  if (!run.converged) {
    warnings.push(`stopped after ${run.iterations} iterations with max |gradient| / weight ${(run.gradientNorm / wTotal).toExponential(2)} > tolerance ${tolerance}${run.failure ? ` (${run.failure})` : ''}; raise maxIterations or tolerance, or standardise the features.`);
  }

  objective(problem, beta, eta, prob);
  let gradientNorm = run.gradientNorm;
  let inference: LogisticTerm[] | null = null;
  if (penalty === 'none') {
    const grad = new Float64Array(p);
    smoothGradient(problem, beta, prob, grad);
    hessian(problem, prob, h);
    // Quasi-separation: the gradient is tiny but the Newton step is not, because the likelihood
    // keeps improving as coefficients run off to infinity along a separating direction.
    const step = solveSymmetric(h, grad, p);
    const scale = (k: number) => (intercept && k === 0 ? 1 : stats.sd[k - (intercept ? 1 : 0)]! || 1);
    let largest = 0;
    if (step) for (let k = 0; k < p; k++) largest = Math.max(largest, Math.abs(step[k]!) * scale(k));
    if (step && largest > 1e-2 && !separates(rowsSparse, y, w, step)) {
      warnings.push(`the optimum is poorly determined (a Newton step of ${largest.toExponential(2)} remains at a gradient below tolerance); standard errors may be unreliable. Check for nearly collinear columns.`);
    } else if (!step || largest > 1e-2) {
      const which = step ? Array.from({ length: p }, (_, k) => k).filter((k) => Math.abs(step[k]!) * scale(k) >= 0.1 * largest && !(intercept && k === 0)).map(paramName) : [];
      throw new CrmError('PERFECT_SEPARATION', `fitLogistic: the classes are (quasi-)perfectly separated by a combination of ${which.length ? which.join(', ') : 'the columns'}: the likelihood keeps rising as their coefficients grow without bound. Drop or merge those columns, or use penalty: 'l2'.`, {
        columns: which,
      });
    }
    if (step && largest <= 1e-2) {
      // The Hessian is needed for the standard errors anyway: one more exact Newton step brings
      // the estimates to the optimum within rounding, at the cost of one more Hessian. When
      // rounding makes the step worse (features on extreme scales), the solver's point is kept.
      const before = beta.slice();
      for (let k = 0; k < p; k++) beta[k]! -= step[k]!;
      objective(problem, beta, eta, prob);
      smoothGradient(problem, beta, prob, grad);
      const after = maxAbsOf(grad);
      if (after <= gradientNorm || after <= absTolerance) {
        gradientNorm = after;
        hessian(problem, prob, h);
      } else {
        beta.set(before);
        objective(problem, beta, eta, prob);
      }
    }
    inference = waldTable(h, p, beta, paramName);
  }
  const f = objective(problem, beta, eta, prob);
  let penaltyValue = 0;
  for (let k = 0; k < p; k++) penaltyValue += 0.5 * l2[k]! * beta[k]! ** 2 + (l1 ? l1[k]! * Math.abs(beta[k]!) : 0);

  const coefficients = Array.from(intercept ? beta.subarray(1) : beta);
  return {
    kind: 'logistic',
    version: 1,
    options: { penalty, lambda, l1Ratio, intercept, classWeight, solver: solverOption, tolerance, maxIterations, weighted: o.weights !== undefined },
    featureNames: names,
    intercept: intercept ? beta[0]! : 0,
    coefficients,
    oddsRatios: coefficients.map(Math.exp),
    inference,
    logLikelihood: -(f - penaltyValue),
    objective: f,
    // converged is the documented test on the returned point: max |gradient| <= tolerance * weight.
    diagnostics: { converged: run.converged && gradientNorm <= absTolerance, iterations: run.iterations, warnings, solver, gradientNorm: gradientNorm / wTotal },
  };
}

function maxAbsOf(v: Float64Array): number {
  let m = 0;
  for (let j = 0; j < v.length; j++) m = Math.max(m, Math.abs(v[j]!));
  return m;
}

/** Feature names: strings (numbers are written as strings); holes, null and objects are refused. */
function readFeatureNames(value: unknown): string[] {
  const list = checkArray<unknown>('featureNames', value);
  const out: string[] = new Array(list.length);
  for (let j = 0; j < list.length; j++) {
    const v = list[j];
    if (typeof v === 'string') out[j] = v;
    else if (typeof v === 'number' && Number.isFinite(v)) out[j] = String(v);
    else throw new CrmError('INVALID_OPTION', `featureNames[${j}] must be a string; got ${describeValue(v)}${j in list ? '' : ' (a hole)'}.`, { option: 'featureNames', index: j });
  }
  return out;
}

/** Largest |value| a column may reach: its squares, summed with weights in the Hessian, stay finite. */
const SCALE_WARN_HIGH = 1e8;
const SCALE_WARN_LOW = 1e-8;
const SCALE_UNDERFLOW = 1e-150;

/**
 * Refuses columns whose squares overflow or underflow double precision (the fit would report
 * separation or a zero coefficient, both false), and warns about columns far from unit scale, where
 * the absolute gradient test stops meaning "at the optimum". Both point to standardising.
 */
function checkColumnScales(stats: { min: Float64Array; max: Float64Array }, names: string[], wTotal: number, warnings: string[]): void {
  const overflow = Math.sqrt(Number.MAX_VALUE / Math.max(1, wTotal)) / 16;
  const far: string[] = [];
  for (let j = 0; j < names.length; j++) {
    const big = Math.max(Math.abs(stats.min[j]!), Math.abs(stats.max[j]!));
    if (big === 0 || !Number.isFinite(big)) continue;
    if (big > overflow || big < SCALE_UNDERFLOW) {
      throw new CrmError('NON_FINITE', `fitLogistic: column ${names[j]} reaches ${big.toExponential(2)} in absolute value, so its squares ${big > overflow ? 'overflow' : 'underflow'} double precision inside the fit (the result would be meaningless, not separated). Standardise the features first (fitStandardizer, then applyStandardizer), or rescale that column.`, {
        argument: 'features',
        column: j,
        name: names[j],
        magnitude: big,
      });
    }
    if (big > SCALE_WARN_HIGH || big < SCALE_WARN_LOW) far.push(`${names[j]} (${big.toExponential(1)})`);
  }
  if (far.length > 0) {
    warnings.push(`column${far.length > 1 ? 's' : ''} ${far.join(', ')} ${far.length > 1 ? 'are' : 'is'} far from unit scale (largest |value| shown): the convergence test is on the absolute gradient, so it is hard to meet or met too early at that scale; standardise the features (fitStandardizer).`);
  }
}

/** True when moving against `step` never worsens any row: (2y - 1) x.u >= 0 for u = -step (a separating direction). */
function separates(r: ReturnType<typeof sparseRows>, y: Uint8Array, w: Float64Array, step: Float64Array): boolean {
  const u = step.map((v) => -v);
  const eta = new Float64Array(r.n);
  linearPredictor(r, u, eta);
  let worst = 0;
  let largest = 0;
  for (let i = 0; i < r.n; i++) {
    if (w[i] === 0) continue;
    const s = (2 * y[i]! - 1) * eta[i]!;
    worst = Math.min(worst, s);
    largest = Math.max(largest, Math.abs(s));
  }
  return worst >= -1e-6 * largest;
}

/** Standard errors from the inverse Hessian (the observed information), z, p-values, intervals. */
function waldTable(h: Float64Array, p: number, beta: Float64Array, name: (k: number) => string): LogisticTerm[] {
  const terms: LogisticTerm[] = [];
  for (let k = 0; k < p; k++) {
    const e = new Float64Array(p);
    e[k] = 1;
    const col = solveSymmetric(h, e, p);
    const se = col ? Math.sqrt(col[k]!) : NaN;
    const est = beta[k]!;
    const lower = est - NORMAL_975 * se;
    const upper = est + NORMAL_975 * se;
    terms.push({
      name: name(k),
      estimate: est,
      standardError: se,
      z: est / se,
      pValue: twoSidedNormalPValue(est / se),
      lower95: lower,
      upper95: upper,
      oddsRatio: Math.exp(est),
      oddsRatioLower95: Math.exp(lower),
      oddsRatioUpper95: Math.exp(upper),
    });
  }
  return terms;
}

/**
 * Checks a logistic model read back from JSON: kind, version, finite intercept and coefficients,
 * one feature name per coefficient, and an inference table that is null or one term per parameter.
 * O(coefficients).
 */
function checkLogisticModel(model: unknown, fn: string): LogisticModel {
  const m = checkModel<LogisticModel>(model, 'logistic', 1, fn);
  const k = checkModelNumbers(fn, 'logistic', 'coefficients', m.coefficients).length;
  checkModelNumber(fn, 'logistic', 'intercept', m.intercept);
  checkModelStrings(fn, 'logistic', 'featureNames', m.featureNames, { length: k });
  const inf = m.inference as unknown;
  if (inf !== null && inf !== undefined) {
    if (!Array.isArray(inf) || (inf.length !== k && inf.length !== k + 1)) {
      throw new CrmError('INVALID_MODEL', `${fn}: the 'logistic' model's inference must be null or one term per parameter (${k} or ${k + 1}); got ${describeValue(inf)}. Refit it.`, { kind: 'logistic', field: 'inference' });
    }
    for (let t = 0; t < inf.length; t++) {
      const term = inf[t] as Partial<LogisticTerm> | null;
      if (term === null || typeof term !== 'object' || typeof term.name !== 'string') {
        throw new CrmError('INVALID_MODEL', `${fn}: the 'logistic' model's inference[${t}] must be a term with a name; got ${describeValue(term)}. Refit it.`, { kind: 'logistic', field: `inference[${t}]` });
      }
      checkModelNumber(fn, 'logistic', `inference[${t}].estimate`, term.estimate);
    }
  }
  return m;
}

function linearScores(fn: string, model: LogisticModel, features: unknown, options?: LogisticColumnsOptions): Float64Array {
  const m = checkLogisticModel(model, fn);
  // Row objects, columns and Arrow tables are read by the model's feature names unless columns are given.
  const x = readLogisticFeatures(fn, features, undefined, { columns: options?.columns }, false, m.featureNames).x;
  const k = m.coefficients.length;
  if (x.rows > 0 && x.cols !== k) {
    throw new CrmError('LENGTH_MISMATCH', `${fn}: the model has ${k} coefficients but features have ${x.cols} columns; apply the same encoding as in training.`, {
      expected: k,
      received: x.cols,
    });
  }
  const out = new Float64Array(x.rows);
  const b = Float64Array.from(m.coefficients);
  for (let i = 0; i < x.rows; i++) {
    let s = m.intercept;
    for (let j = 0, base = i * k; j < k; j++) s += x.data[base + j]! * b[j]!;
    out[i] = s;
  }
  return out;
}

/**
 * Predicted probability of class 1 for each row: 1 / (1 + exp(-(b0 + x . b))). O(n * cols).
 * Source: the logistic model, Hastie, Tibshirani and Friedman (2009), eq. 4.18.
 * @param model - From {@link fitLogistic}, or its JSON round trip.
 * @param features - Rows with the model's columns, encoded as in training: `number[][]`, a dense
 *   matrix, or row objects, columns or an Arrow table holding the model's `featureNames` (or `columns`).
 * @param options - `columns`: the feature columns, when they are not named as `model.featureNames`.
 * @returns One probability per row.
 * @throws CrmError `INVALID_MODEL`, `LENGTH_MISMATCH`, `NON_FINITE`, `RAGGED_ROWS`, `INVALID_INPUT`.
 * @example
 * const m = fitLogistic([[0], [1], [2], [3]], [0, 1, 0, 1], { penalty: 'none' });
 * predictLogisticProba(m, [[1.5]])[0]!.toFixed(2); // => '0.50'
 */
export function predictLogisticProba(model: LogisticModel, features: LogisticFeatures<AnyRow>, options?: Pick<LogisticColumnsOptions<AnyRow>, 'columns'>): number[] {
  // Not generic on purpose: passed as a callback (predictTwoModelUplift(predictLogisticProba, ...)), a
  // generic signature would stop TypeScript from inferring the model type.
  const o = resolveOptions('predictLogisticProba', {}, options, ['columns']) as LogisticColumnsOptions;
  return Array.from(linearScores('predictLogisticProba', model, features, o), (z) => 1 / (1 + Math.exp(-z)));
}

/** Options of {@link predictLogistic}. */
export interface PredictLogisticOptions<R = Record<string, unknown>> extends Pick<LogisticColumnsOptions<R>, 'columns'> {
  /** Predict 1 when the probability is >= threshold. @defaultValue 0.5 */
  threshold?: number;
}

const PREDICT_DEFAULTS = Object.freeze({ threshold: 0.5 });

/**
 * Predicted class (0/1) for each row: 1 when the probability reaches `threshold`. O(n * cols).
 * Source: the Bayes rule for equal costs at 0.5; pick another cut-off with `profitCurve`.
 * @param model - From {@link fitLogistic}, or its JSON round trip.
 * @param features - Rows with the model's columns, encoded as in training.
 * @param options - See {@link PredictLogisticOptions}.
 * @returns One 0/1 per row.
 * @throws CrmError `INVALID_MODEL`, `LENGTH_MISMATCH`, `NON_FINITE`, `INVALID_OPTION`.
 * @example
 * const m = fitLogistic([[0], [1], [2], [3]], [0, 0, 1, 1], { lambda: 0.1 });
 * predictLogistic(m, [[0], [3]]); // => [0, 1]
 */
export function predictLogistic<D extends LogisticFeatures<AnyRow>>(
  model: LogisticModel,
  features: D,
  options?: PredictLogisticOptions<RowOf<D>>,
): number[] {
  const o = resolveOptions('predictLogistic', PREDICT_DEFAULTS, options, ['columns']);
  const t = checkNumber('threshold', o.threshold, { min: 0, max: 1 });
  return Array.from(linearScores('predictLogistic', model, features, o as LogisticColumnsOptions), (z) => (1 / (1 + Math.exp(-z)) >= t ? 1 : 0));
}
