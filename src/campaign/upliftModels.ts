/**
 * Uplift models on top of any probability model: the two-model approach and the class
 * transformation. The fit and predict functions are passed in (for example the library's
 * `fitLogistic` / `predictLogisticProba` or `fitDecisionTree` / `predictDecisionTreeProba`), so
 * this folder depends on no other capability.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { checkModel } from '../core/model.js';
import { checkFunction, checkSameLength } from '../core/validate.js';
import { defineOptions, oneOf, opt, resolveOptionTable } from '../core/options.js';
import { readCampaign, type BinaryFlag } from './input.js';

/** Fits a binary probability model: labels are 0/1; weights, when given, are per-row sample weights. */
export type UpliftFit<R, M> = (features: R[], labels: number[], weights: number[] | undefined) => M;
/** Predicts P(label = 1) for each row. */
export type UpliftPredict<R, M> = (model: M, features: R[]) => ArrayLike<number>;

/** The training data of an uplift model: rows of features (any row type), outcomes and treatment flags. */
export interface UpliftData<R> {
  readonly features: readonly R[];
  /** 1 = converted, 0 = not. */
  readonly outcomes: ArrayLike<BinaryFlag>;
  /** 1 = treated, 0 = control; both arms needed. */
  readonly treatment: ArrayLike<BinaryFlag>;
}

/** A two-model uplift model: one probability model per arm. */
export interface TwoModelUplift<M> {
  readonly kind: 'twoModelUplift';
  readonly version: 1;
  /** Model of P(convert | x) fitted on the treated rows. */
  readonly treated: M;
  /** Model of P(convert | x) fitted on the control rows. */
  readonly control: M;
  readonly treatedRows: number;
  readonly controlRows: number;
}

function readData<R>(fn: string, data: UpliftData<R>) {
  if (data === null || typeof data !== 'object' || !Array.isArray(data.features)) {
    throw new CrmError('INVALID_INPUT', `${fn}: data must be { features: rows[], outcomes, treatment }; got ${describeValue(data)}.`, { argument: 'data' });
  }
  const c = readCampaign(fn, data.outcomes, data.treatment);
  checkSameLength('features', data.features.length, 'outcomes', c.y.length);
  return c;
}

function readProbabilities(fn: string, p: unknown, m: number): number[] {
  if ((!Array.isArray(p) && !ArrayBuffer.isView(p)) || (p as ArrayLike<number>).length !== m) {
    throw new CrmError('INVALID_INPUT', `${fn}: predict returned ${describeValue(p)}; expected ${m} probabilities, one per row.`, { argument: 'predict' });
  }
  const out = Array.from(p as ArrayLike<number>);
  out.forEach((v, i) => {
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
      throw new CrmError('INVALID_INPUT', `${fn}: predict returned ${describeValue(v)} for row ${i}; expected a probability in [0, 1]. Pass the probability of class 1 (e.g. (m, x) => predictDecisionTreeProba(m, x).map((p) => p[1])).`, {
        argument: 'predict',
        row: i,
      });
    }
  });
  return out;
}

/**
 * Two-model (T-learner) uplift: fits `fit` on the treated rows and, separately, on the control rows.
 * Predicted uplift is then P(convert | x, treated) - P(convert | x, control) ({@link predictTwoModelUplift}).
 * Simple and works with any model, but each model only learns the response, not the difference, so
 * small uplifts can drown in the two models' errors. Cost: the two fits.
 * Source: Radcliffe and Surry (2011), "Real-world uplift modelling with significance-based uplift
 * trees" (the two-model baseline); Kunzel et al. (2019), PNAS 116(10) (T-learner).
 * @param fit - `(features, labels, weights) => model`; called twice, weights undefined.
 * @param data - `{ features, outcomes, treatment }` of the same length.
 * @returns Both fitted models and the arm sizes; plain data when the models are.
 * @throws CrmError `INVALID_INPUT`, `LENGTH_MISMATCH`, `NOT_BINARY`, `MISSING_VALUE`, `EMPTY_INPUT`,
 * `SINGLE_CLASS` (one arm only), `INVALID_OPTION` (fit not a function); and whatever fit throws
 * (for example `SINGLE_CLASS` when an arm has no converter).
 * @example
 * const mean = (_x: number[][], y: number[]) => y.reduce((a, b) => a + b, 0) / y.length;
 * const m = fitTwoModelUplift(mean, { features: [[0], [0], [0], [0]], outcomes: [1, 0, 0, 0], treatment: [1, 1, 0, 0] });
 * [m.treated, m.control]; // => [0.5, 0]
 */
export function fitTwoModelUplift<R, M>(fit: UpliftFit<R, M>, data: UpliftData<R>): TwoModelUplift<M> {
  checkFunction('fit', fit);
  const { y, w, treated, control } = readData('fitTwoModelUplift', data);
  const pick = (arm: number) => {
    const rows: R[] = [];
    const labels: number[] = [];
    for (let i = 0; i < w.length; i++) {
      if (w[i] === arm) {
        rows.push(data.features[i]!);
        labels.push(y[i]!);
      }
    }
    return fit(rows, labels, undefined);
  };
  return { kind: 'twoModelUplift', version: 1, treated: pick(1), control: pick(0), treatedRows: treated, controlRows: control };
}

/**
 * Predicted uplift of a {@link fitTwoModelUplift} model: predict(treated model) - predict(control model). Cost: the two predictions.
 * @param predict - `(model, features) => P(convert)` per row, in [0, 1].
 * @param model - From {@link fitTwoModelUplift}.
 * @param features - Rows to score.
 * @returns One uplift in [-1, 1] per row.
 * @throws CrmError `INVALID_MODEL`, `INVALID_INPUT` (features not an array; predict returned
 * something else than one probability per row), `INVALID_OPTION`; and whatever predict throws.
 * @example
 * predictTwoModelUplift((m: number, x: number[][]) => x.map(() => m), { kind: 'twoModelUplift', version: 1, treated: 0.5, control: 0.2, treatedRows: 2, controlRows: 2 }, [[0]]).map((u) => u.toFixed(1)); // => ['0.3']
 */
export function predictTwoModelUplift<R, M>(predict: UpliftPredict<R, M>, model: TwoModelUplift<M>, features: readonly R[]): number[] {
  checkFunction('predict', predict);
  const m = checkModel<TwoModelUplift<M>>(model, 'twoModelUplift', 1, 'predictTwoModelUplift');
  if (!Array.isArray(features)) {
    throw new CrmError('INVALID_INPUT', `predictTwoModelUplift: features must be an array of rows; got ${describeValue(features)}.`, { argument: 'features' });
  }
  const rows = features as R[];
  const pt = readProbabilities('predictTwoModelUplift', predict(m.treated, rows), rows.length);
  const pc = readProbabilities('predictTwoModelUplift', predict(m.control, rows), rows.length);
  return pt.map((p, i) => p - pc[i]!);
}

/** How {@link fitClassTransformationUplift} handles arms of unequal size. */
export type ClassTransformationBalance = 'weights' | 'none';

/** Options of {@link fitClassTransformationUplift}. */
export interface ClassTransformationOptions {
  /**
   * `'weights'`: fit gets sample weights n / (2 n_arm), which give both arms the same total weight,
   * as the transformation assumes (all 1 for an exact 50/50 split; fit must honour them);
   * `'none'`: no weights (only sound for a 50/50 split; the treated share is kept on the model). @defaultValue 'weights'
   */
  balance?: ClassTransformationBalance;
}

/** The option table of {@link fitClassTransformationUplift}; the model keeps `balance` (top level). */
export const CLASS_TRANSFORMATION_OPTIONS = defineOptions<ClassTransformationOptions>()({
  balance: opt({ default: 'weights', accepts: [oneOf(['weights', 'none'])], description: "'weights' gives both arms the same total weight; 'none' fits unweighted.", stored: 'as-given' }),
});

/** A class-transformation uplift model. */
export interface ClassTransformationUplift<M> {
  readonly kind: 'classTransformationUplift';
  readonly version: 1;
  /** Model of P(z = 1 | x), z = 1 for treated converters and control non-converters. */
  readonly model: M;
  readonly balance: ClassTransformationBalance;
  /** Treated rows / all rows in the training data. */
  readonly treatedShare: number;
}

/**
 * Class-transformation uplift (Jaskowski and Jaroszewicz): one model of the transformed label
 * z = y w + (1 - y)(1 - w), i.e. 1 for treated converters and control non-converters. With equal
 * arms, P(z = 1 | x) = (1 + uplift(x)) / 2, so uplift = 2 P(z = 1 | x) - 1
 * ({@link predictClassTransformationUplift}). The identity needs P(treated) = 1/2; for other splits
 * the rows are reweighted to equal arm totals (`balance: 'weights'`, the default), which restores
 * it in the weighted sample. Cost: one fit.
 * Source: Jaskowski and Jaroszewicz (2012), "Uplift modeling for clinical trial data", ICML
 * Workshop on Clinical Data Analysis; scikit-uplift `ClassTransformation`.
 * @param fit - `(features, labels, weights) => model`; weights are passed with balance 'weights'.
 * @param data - `{ features, outcomes, treatment }` of the same length.
 * @param options - See {@link ClassTransformationOptions}.
 * @returns The fitted model with the balance used and the treated share.
 * @throws CrmError as {@link fitTwoModelUplift}.
 * @example
 * const mean = (_x: number[][], z: number[]) => z.reduce((a, b) => a + b, 0) / z.length;
 * fitClassTransformationUplift(mean, { features: [[0], [0], [0], [0]], outcomes: [1, 0, 0, 0], treatment: [1, 1, 0, 0] }).model; // => 0.75
 */
export function fitClassTransformationUplift<R, M>(fit: UpliftFit<R, M>, data: UpliftData<R>, options?: ClassTransformationOptions): ClassTransformationUplift<M> {
  checkFunction('fit', fit);
  const { balance } = resolveOptionTable('fitClassTransformationUplift', CLASS_TRANSFORMATION_OPTIONS, options);
  const { y, w, treated, control } = readData('fitClassTransformationUplift', data);
  const n = y.length;
  const z: number[] = new Array(n);
  for (let i = 0; i < n; i++) z[i] = y[i] === w[i] ? 1 : 0;
  let weights: number[] | undefined;
  if (balance === 'weights') {
    const wt = n / (2 * treated);
    const wc = n / (2 * control);
    weights = Array.from(w, (v) => (v === 1 ? wt : wc));
  }
  return { kind: 'classTransformationUplift', version: 1, model: fit(data.features.slice(), z, weights), balance, treatedShare: treated / n };
}

/**
 * Predicted uplift of a {@link fitClassTransformationUplift} model: 2 P(z = 1 | x) - 1. Cost: one prediction.
 * @param predict - `(model, features) => P(z = 1)` per row, in [0, 1].
 * @param model - From {@link fitClassTransformationUplift}.
 * @param features - Rows to score.
 * @returns One uplift in [-1, 1] per row.
 * @throws CrmError `INVALID_MODEL`, `INVALID_INPUT`, `INVALID_OPTION`; and whatever predict throws.
 * @example
 * predictClassTransformationUplift((m: number, x: number[][]) => x.map(() => m), { kind: 'classTransformationUplift', version: 1, model: 0.75, balance: 'weights', treatedShare: 0.5 }, [[0]]); // => [0.5]
 */
export function predictClassTransformationUplift<R, M>(predict: UpliftPredict<R, M>, model: ClassTransformationUplift<M>, features: readonly R[]): number[] {
  checkFunction('predict', predict);
  const m = checkModel<ClassTransformationUplift<M>>(model, 'classTransformationUplift', 1, 'predictClassTransformationUplift');
  if (!Array.isArray(features)) {
    throw new CrmError('INVALID_INPUT', `predictClassTransformationUplift: features must be an array of rows; got ${describeValue(features)}.`, { argument: 'features' });
  }
  const rows = features as R[];
  return readProbabilities('predictClassTransformationUplift', predict(m.model, rows), rows.length).map((p) => 2 * p - 1);
}
