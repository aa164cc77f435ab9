/**
 * Scorecard points from a logistic regression fitted on WoE features: the usual scaling
 * `score = offset + factor * ln(good:bad odds)`, `factor = pdo / ln 2`,
 * `offset = baseScore - factor * ln(baseOdds)`, split into points per bin of each variable.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { checkModel } from '../core/model.js';
import { checkArray, checkBoolean, checkNumber, resolveOptions } from '../core/validate.js';
import { binIndices, checkWoeBinningModel, woeRows, type VariableBinning, type WoeBinningModel, type WoeRows, UNKNOWN_CATEGORY_OPTION } from './woeBinning.js';
import { resolveOptionTable } from '../core/options.js';

/**
 * The part of a fitted logistic model a scorecard reads (crm-mining/linear's `LogisticModel` has
 * it): the log-odds of the event (label 1, "bad") is `intercept + sum coefficients[j] * woe_j`.
 */
export interface LogisticOnWoe {
  readonly featureNames: readonly string[];
  readonly coefficients: readonly number[];
  readonly intercept: number;
}

/** Options of {@link buildScorecard}. */
export interface ScorecardOptions {
  /** Points to double the good:bad odds. @defaultValue 20 */
  pdo?: number;
  /** Score at the base odds. @defaultValue 600 */
  baseScore?: number;
  /** Good:bad odds (non-events per event) that score `baseScore`. @defaultValue 50 */
  baseOdds?: number;
  /** Round each bin's points to an integer (scores then differ from the exact scaling by the rounding). @defaultValue false */
  roundPoints?: boolean;
}

/** One bin of a scorecard variable. */
export interface ScorecardBin {
  readonly label: string;
  readonly woe: number;
  readonly points: number;
}

/** One variable of a scorecard: its binning (as fitted) and the points of each bin. */
export interface ScorecardVariable {
  readonly name: string;
  readonly coefficient: number;
  readonly binning: VariableBinning;
  /** Same order as `binning.bins` (the missing bin last). */
  readonly points: number[];
  /** Points of a category not seen in training (WoE 0). */
  readonly unseenPoints: number;
}

/** A scorecard: plain data, survives JSON. */
export interface ScorecardModel {
  readonly kind: 'scorecard';
  readonly version: 1;
  readonly options: Required<ScorecardOptions>;
  /** pdo / ln 2. */
  readonly factor: number;
  /** baseScore - factor * ln(baseOdds). */
  readonly offset: number;
  readonly intercept: number;
  readonly variables: ScorecardVariable[];
  /** Lowest and highest possible scores (sum of each variable's min / max points). */
  readonly minScore: number;
  readonly maxScore: number;
}

const SCORECARD_DEFAULTS = Object.freeze({ pdo: 20, baseScore: 600, baseOdds: 50, roundPoints: false });

/**
 * Turns a WoE binning and a logistic model fitted on its WoE features into points per bin.
 * With m variables, bin k of variable j scores
 * `-factor * (b_j * woe_jk + b0 / m) + offset / m`, so a row's points add up to
 * `offset - factor * (b0 + sum b_j woe_j) = offset + factor * ln(good:bad odds)`. O(total bins).
 * Source: Siddiqi (2006), Credit Risk Scorecards, ch. 10 (scaling); optbinning's `Scorecard`.
 * @param binning - From {@link fitWoeBinning}.
 * @param logistic - `{ featureNames, coefficients, intercept }`, e.g. `fitLogistic(applyWoeBinning(binning, rows), labels, { featureNames })` from crm-mining/linear; every feature must be a variable of `binning`.
 * @throws CrmError `INVALID_MODEL`, `INVALID_INPUT` (a feature not in the binning, non-finite coefficients), `INVALID_OPTION`
 * @example
 * const rows = [{ x: 1 }, { x: 2 }, { x: 3 }, { x: 4 }];
 * const b = fitWoeBinning(rows, [1, 0, 1, 0], { numeric: ['x'], minBinShare: 0, monotonic: 'none' });
 * const card = buildScorecard(b, { featureNames: ['x'], coefficients: [-1], intercept: 0 }, { pdo: 20, baseScore: 600, baseOdds: 1 });
 * card.factor.toFixed(4); // => '28.8539'
 * card.offset; // => 600
 */
export function buildScorecard(binning: WoeBinningModel, logistic: LogisticOnWoe, options?: ScorecardOptions): ScorecardModel {
  const fn = 'buildScorecard';
  const o = resolveOptions(fn, SCORECARD_DEFAULTS, options);
  const pdo = checkNumber('pdo', o.pdo, { min: 0, exclusiveMin: true });
  const baseScore = checkNumber('baseScore', o.baseScore);
  const baseOdds = checkNumber('baseOdds', o.baseOdds, { min: 0, exclusiveMin: true });
  const roundPoints = checkBoolean('roundPoints', o.roundPoints);
  const b = checkWoeBinningModel(binning, fn);
  if (logistic === null || typeof logistic !== 'object' || !Array.isArray(logistic.featureNames) || !Array.isArray(logistic.coefficients)) {
    throw new CrmError('INVALID_INPUT', `${fn}: logistic must carry featureNames, coefficients and intercept (a LogisticModel from fitLogistic); got ${describeValue(logistic)}.`, { argument: 'logistic' });
  }
  const names = logistic.featureNames;
  const coef = logistic.coefficients;
  if (names.length !== coef.length || names.length === 0) {
    throw new CrmError('INVALID_INPUT', `${fn}: logistic has ${names.length} feature names and ${coef.length} coefficients; they must match and be at least one.`, { argument: 'logistic' });
  }
  const b0 = logistic.intercept;
  if (!Number.isFinite(b0) || coef.some((c) => typeof c !== 'number' || !Number.isFinite(c))) {
    throw new CrmError('INVALID_INPUT', `${fn}: the logistic intercept and coefficients must be finite numbers.`, { argument: 'logistic' });
  }
  const byName = new Map(b.variables.map((v) => [v.name, v]));
  const factor = pdo / Math.LN2;
  const offset = baseScore - factor * Math.log(baseOdds);
  const m = names.length;
  const round = (p: number) => (roundPoints ? Math.round(p) : p);
  const seen = new Set<string>();
  let minScore = 0;
  let maxScore = 0;
  const variables: ScorecardVariable[] = names.map((name, j) => {
    const v = byName.get(name);
    if (!v) throw new CrmError('INVALID_INPUT', `${fn}: logistic feature '${name}' is not a variable of the binning (${[...byName.keys()].slice(0, 8).join(', ')}); fit the logistic on applyWoeBinning(binning, rows) with featureNames from binning.variables.`, { feature: name });
    if (seen.has(name)) throw new CrmError('INVALID_INPUT', `${fn}: logistic feature '${name}' appears twice.`, { feature: name });
    seen.add(name);
    const pts = (woe: number) => round(-factor * (coef[j]! * woe + b0 / m) + offset / m);
    const points = v.bins.map((bin) => pts(bin.woe));
    if (!points.every(Number.isFinite) || !Number.isFinite(pts(0))) {
      throw new CrmError('NON_FINITE', `${fn}: the points of '${name}' overflow (coefficient ${coef[j]}, intercept ${b0}); fit the logistic on the WoE features of this binning, whose coefficients are of order 1.`, { feature: name });
    }
    const used = points.filter((_, k) => v.bins[k]!.count > 0);
    minScore += Math.min(...used, pts(0));
    maxScore += Math.max(...used, pts(0));
    return { name, coefficient: coef[j]!, binning: v, points, unseenPoints: pts(0) };
  });
  if (!Number.isFinite(minScore) || !Number.isFinite(maxScore)) {
    throw new CrmError('NON_FINITE', `${fn}: the score range overflows; fit the logistic on the WoE features of this binning, whose coefficients are of order 1.`, { argument: 'logistic' });
  }
  return { kind: 'scorecard', version: 1, options: { pdo, baseScore, baseOdds, roundPoints }, factor, offset, intercept: b0, variables, minScore, maxScore };
}

/** Options of {@link scoreScorecard}. */
export interface ScoreScorecardOptions {
  /** A category not seen in training: `zero` scores it as WoE 0, `missing` as the missing bin, `refuse` throws `UNKNOWN_CATEGORY`. @defaultValue 'zero' */
  unknownCategory?: 'zero' | 'missing' | 'refuse';
  /** @deprecated The old name of `unknownCategory`. */
  unseen?: 'zero' | 'missing' | 'refuse';
}

/**
 * Checks a scorecard read back from JSON: kind, version, finite factor, offset and points, one
 * point per bin, valid binnings. O(size of the model).
 * @throws CrmError `INVALID_MODEL`
 * @example
 * const b = fitWoeBinning([{ x: 1 }, { x: 2 }], [0, 1], { numeric: ['x'], minBinShare: 0 });
 * const card = buildScorecard(b, { featureNames: ['x'], coefficients: [-1], intercept: 0 });
 * checkScorecardModel(JSON.parse(JSON.stringify(card)), 'demo').kind; // => 'scorecard'
 */
export function checkScorecardModel(model: unknown, fn: string): ScorecardModel {
  const m = checkModel<ScorecardModel>(model, 'scorecard', 1, fn);
  const damaged = (what: string) => new CrmError('INVALID_MODEL', `${fn}: the scorecard is damaged: ${what}. Rebuild it with buildScorecard.`, {});
  if (!Number.isFinite(m.factor) || !Number.isFinite(m.offset)) throw damaged('factor and offset must be finite');
  if (!Array.isArray(m.variables) || m.variables.length === 0) throw damaged('variables must be a non-empty array');
  checkWoeBinningModel({ kind: 'woeBinning', version: 1, variables: m.variables.map((v) => v?.binning) }, fn);
  for (const v of m.variables) {
    if (!Array.isArray(v.points) || v.points.length !== v.binning.bins.length || !v.points.every(Number.isFinite) || !Number.isFinite(v.unseenPoints)) {
      throw damaged(`${v.name}: points must be finite, one per bin`);
    }
  }
  return m;
}

/**
 * Scores raw rows with a scorecard: each variable's value is binned as in training and the bins'
 * points are added. Higher scores mean lower risk. O(n v log bins).
 * @throws CrmError `INVALID_MODEL`, `INVALID_INPUT`, `NON_FINITE`, `MISSING_VALUE` (a variable no row has), `UNKNOWN_CATEGORY` (with `unknownCategory: 'refuse'`), `INVALID_OPTION`
 * @example
 * const rows = [1, 2, 3, 4, 5, 6].map((x) => ({ x }));
 * const b = fitWoeBinning(rows, [1, 1, 0, 1, 0, 0], { numeric: ['x'], minBinShare: 0, maxPrebins: 2 });
 * const card = buildScorecard(b, { featureNames: ['x'], coefficients: [-1], intercept: 0 }, { baseOdds: 1 });
 * scoreScorecard(card, [{ x: 1 }, { x: 6 }, { x: null }]).map((s) => s.toFixed(1)); // => ['580.0', '620.0', '600.0']
 */
export function scoreScorecard(card: ScorecardModel, input: WoeRows, options?: ScoreScorecardOptions): number[] {
  const fn = 'scoreScorecard';
  const unseen = resolveOptionTable(fn, { unknownCategory: UNKNOWN_CATEGORY_OPTION }, options).unknownCategory;
  const m = checkScorecardModel(card, fn);
  const rows = woeRows(fn, input, m.variables.map((v) => v.name));
  checkArray('rows', rows);
  const scores = new Array<number>(rows.length).fill(0);
  for (const v of m.variables) {
    const values = rows.map((r, i) => {
      if (r === null || typeof r !== 'object') throw new CrmError('INVALID_INPUT', `${fn}: rows[${i}] is ${describeValue(r)}; each row must be an object.`, { row: i });
      return r[v.name];
    });
    if (rows.length > 0 && !rows.some((r) => v.name in r)) {
      throw new CrmError('MISSING_VALUE', `${fn}: no row has the property '${v.name}', a variable of the scorecard.`, { variable: v.name });
    }
    const idx = binIndices(fn, v.binning, values, unseen);
    for (let i = 0; i < rows.length; i++) scores[i]! += idx[i]! < 0 ? v.unseenPoints : v.points[idx[i]!]!;
  }
  return scores;
}
