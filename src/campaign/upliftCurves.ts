/**
 * Uplift and Qini curves of a ranking by predicted uplift, their perfect counterparts, and the
 * normalized areas (scikit-uplift's definitions).
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { checkBoolean, checkSameLength, resolveOptions } from '../core/validate.js';
import { readCampaign, readScores, type BinaryFlag } from './input.js';

/** Points of an uplift or Qini curve, one per distinct score (best first) after the origin. */
export interface UpliftCurve {
  readonly kind: 'upliftCurve' | 'qiniCurve';
  /** Customers targeted: 0, then the number of rows scoring at least each distinct score, highest score first. */
  readonly targeted: number[];
  /** Estimated incremental conversions among them (see each curve for the estimator). */
  readonly incremental: number[];
  /** True for the perfect (oracle) curve. */
  readonly perfect: boolean;
}

/** Cumulative counts at the end of each block of tied scores, highest score first. */
interface Blocks {
  all: Float64Array;
  treated: Float64Array;
  treatedConverted: Float64Array;
  controlConverted: Float64Array;
}

/**
 * The rows split into the four (treated, converted) cells, each cell's scores sorted natively and
 * merged from the top: much faster than an index sort with a comparator, and ties form one block
 * whatever the row order (numpy's `np.diff` on the sorted scores, as scikit-uplift does).
 */
function tieBlocks(y: Uint8Array, w: Uint8Array, s: Float64Array): Blocks {
  const n = s.length;
  const sizes = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) sizes[2 * w[i]! + y[i]!]!++;
  const cells = sizes.map((m) => new Float64Array(m));
  const fill = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    const c = 2 * w[i]! + y[i]!;
    cells[c]![fill[c]!++] = s[i]!;
  }
  for (const c of cells) c.sort();
  const heads = cells.map((c) => c.length - 1);
  const all: number[] = [];
  const treated: number[] = [];
  const tc: number[] = [];
  const cc: number[] = [];
  const cum = [0, 0, 0, 0];
  let done = 0;
  while (done < n) {
    let v = -Infinity;
    for (let c = 0; c < 4; c++) if (heads[c]! >= 0 && cells[c]![heads[c]!]! > v) v = cells[c]![heads[c]!]!;
    for (let c = 0; c < 4; c++) {
      const cell = cells[c]!;
      let h = heads[c]!;
      while (h >= 0 && cell[h] === v) {
        h--;
        cum[c]!++;
        done++;
      }
      heads[c] = h;
    }
    all.push(done);
    treated.push(cum[2]! + cum[3]!);
    tc.push(cum[3]!);
    cc.push(cum[1]!);
  }
  return { all: Float64Array.from(all), treated: Float64Array.from(treated), treatedConverted: Float64Array.from(tc), controlConverted: Float64Array.from(cc) };
}

function upliftFromBlocks(b: Blocks, perfect: boolean): UpliftCurve {
  const targeted = [0];
  const incremental = [0];
  for (let k = 0; k < b.all.length; k++) {
    const n = b.all[k]!;
    const nt = b.treated[k]!;
    const nc = n - nt;
    const rt = nt !== 0 ? b.treatedConverted[k]! / nt : 0;
    const rc = nc !== 0 ? b.controlConverted[k]! / nc : 0;
    targeted.push(n);
    incremental.push((rt - rc) * n);
  }
  return { kind: 'upliftCurve', targeted, incremental, perfect };
}

function qiniFromBlocks(b: Blocks, perfect: boolean): UpliftCurve {
  const targeted = [0];
  const incremental = [0];
  for (let k = 0; k < b.all.length; k++) {
    const n = b.all[k]!;
    const nt = b.treated[k]!;
    const nc = n - nt;
    targeted.push(n);
    incremental.push(b.treatedConverted[k]! - b.controlConverted[k]! * (nc !== 0 ? nt / nc : 0));
  }
  return { kind: 'qiniCurve', targeted, incremental, perfect };
}

/**
 * Uplift curve: target customers by decreasing predicted uplift; after the top N (N at the end of
 * each block of tied scores) the curve is (conversion rate of treated among them - conversion rate
 * of controls among them) x N, a rate taken as 0 while its arm has no row yet. Starts at (0, 0);
 * the last point is the overall rate difference times n. Equals scikit-uplift `uplift_curve`. O(n log n).
 * Source: Devriendt, Guns and Verbeke (2020), "Learning to rank for uplift modeling", arXiv 2002.05897;
 * scikit-uplift `sklift.metrics.uplift_curve`.
 * @param outcomes - 1 (or true) = converted, 0 = not; length n.
 * @param uplift - Predicted uplift (any score, higher = target first); finite; length n.
 * @param treatment - 1 (or true) = treated, 0 = control; both arms present; length n.
 * @returns The curve's points.
 * @throws CrmError `NOT_BINARY`, `MISSING_VALUE`, `NON_FINITE`, `LENGTH_MISMATCH`, `EMPTY_INPUT`,
 * `SINGLE_CLASS` (one arm only), `INVALID_INPUT`.
 * @example
 * upliftCurve([1, 0, 0, 1], [0.9, 0.5, 0.4, 0.1], [1, 0, 1, 0]).incremental; // => [0, 1, 2, 1.5, 0]
 */
export function upliftCurve(outcomes: ArrayLike<BinaryFlag>, uplift: ArrayLike<number>, treatment: ArrayLike<BinaryFlag>): UpliftCurve {
  const { y, w } = readCampaign('upliftCurve', outcomes, treatment);
  const s = readScores('upliftCurve', uplift, y.length);
  return upliftFromBlocks(tieBlocks(y, w, s), false);
}

/**
 * Qini curve: after the top N customers by predicted uplift, the treated conversions among them
 * minus the control conversions scaled to the treated count: Y_t - Y_c x N_t / N_c (Radcliffe's
 * incremental conversions; the scaled term is 0 while no control is among them). One point per
 * block of tied scores, from (0, 0). Equals scikit-uplift `qini_curve`. O(n log n).
 * Source: Radcliffe (2007), "Using control groups to target on predicted lift", Direct Marketing
 * Analytics Journal 3; scikit-uplift `sklift.metrics.qini_curve`.
 * @param outcomes - 1 (or true) = converted, 0 = not; length n.
 * @param uplift - Predicted uplift; finite; length n.
 * @param treatment - 1 (or true) = treated, 0 = control; both arms present; length n.
 * @returns The curve's points.
 * @throws CrmError `NOT_BINARY`, `MISSING_VALUE`, `NON_FINITE`, `LENGTH_MISMATCH`, `EMPTY_INPUT`,
 * `SINGLE_CLASS`, `INVALID_INPUT`.
 * @example
 * qiniCurve([1, 0, 0, 1], [0.9, 0.5, 0.4, 0.1], [1, 0, 1, 0]).incremental; // => [0, 1, 1, 1, 0]
 */
export function qiniCurve(outcomes: ArrayLike<BinaryFlag>, uplift: ArrayLike<number>, treatment: ArrayLike<BinaryFlag>): UpliftCurve {
  const { y, w } = readCampaign('qiniCurve', outcomes, treatment);
  const s = readScores('qiniCurve', uplift, y.length);
  return qiniFromBlocks(tieBlocks(y, w, s), false);
}

/** Scores of scikit-uplift's perfect uplift ranking: 2 [y = w] + (y or w). */
function perfectUpliftScores(y: Uint8Array, w: Uint8Array): Float64Array {
  let controlResponders = 0;
  let treatedNonResponders = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 1 && w[i] === 0) controlResponders++;
    if (y[i] === 0 && w[i] === 1) treatedNonResponders++;
  }
  const byOutcome = controlResponders > treatedNonResponders;
  const s = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) s[i] = 2 * (y[i] === w[i] ? 1 : 0) + (byOutcome ? y[i]! : w[i]!);
  return s;
}

/**
 * The perfect (oracle) uplift curve: {@link upliftCurve} of the ranking that puts treated
 * converters and control non-converters first (scikit-uplift: score 2 [y = w] plus y when control
 * converters outnumber treated non-converters, else plus w). O(n log n).
 * Source: scikit-uplift `sklift.metrics.perfect_uplift_curve`.
 * @param outcomes - 1 = converted, 0 = not; length n.
 * @param treatment - 1 = treated, 0 = control; both arms present; length n.
 * @returns The perfect curve's points.
 * @throws CrmError `NOT_BINARY`, `MISSING_VALUE`, `LENGTH_MISMATCH`, `EMPTY_INPUT`, `SINGLE_CLASS`, `INVALID_INPUT`.
 * @example
 * perfectUpliftCurve([1, 0, 0, 1], [1, 0, 1, 0]).incremental; // => [0, 1, 2, 1.5, 0]
 */
export function perfectUpliftCurve(outcomes: ArrayLike<BinaryFlag>, treatment: ArrayLike<BinaryFlag>): UpliftCurve {
  const { y, w } = readCampaign('perfectUpliftCurve', outcomes, treatment);
  return upliftFromBlocks(tieBlocks(y, w, perfectUpliftScores(y, w)), true);
}

/** Options of {@link perfectQiniCurve} and {@link qiniAucScore}. */
export interface QiniOptions {
  /**
   * True: the perfect ranking also puts control converters (customers the campaign would lose)
   * last, so the perfect curve rises then falls. False: scikit-uplift's curve without negative
   * effects, the three points (0, 0), (r, r), (n, r) with r the overall incremental conversions
   * (needs r > 0). @defaultValue true
   */
  negativeEffect?: boolean;
}

const QINI_DEFAULTS = Object.freeze({ negativeEffect: true });

function perfectQini(fn: string, y: Uint8Array, w: Uint8Array, negativeEffect: boolean): UpliftCurve {
  const n = y.length;
  if (negativeEffect) {
    const s = new Float64Array(n);
    for (let i = 0; i < n; i++) s[i] = y[i]! * w[i]! - y[i]! * (1 - w[i]!);
    return qiniFromBlocks(tieBlocks(y, w, s), true);
  }
  let yt = 0;
  let nt = 0;
  let yc = 0;
  for (let i = 0; i < n; i++) {
    if (w[i] === 1) {
      nt++;
      yt += y[i]!;
    } else yc += y[i]!;
  }
  const r = yt - (nt * yc) / (n - nt);
  if (!(r > 0)) {
    throw new CrmError(
      'INVALID_INPUT',
      `${fn}: the overall incremental conversions are ${r} (treated converted no more than the scaled control), so the perfect Qini curve without negative effects is undefined. Use { negativeEffect: true }.`,
      { incremental: r },
    );
  }
  return { kind: 'qiniCurve', targeted: [0, r, n], incremental: [0, r, r], perfect: true };
}

/**
 * The perfect (oracle) Qini curve. With negative effects (the default) it is the {@link qiniCurve}
 * of the ranking treated converters first, control converters last (score y w - y (1 - w));
 * without, the three-point curve described in {@link QiniOptions}. O(n log n).
 * Source: scikit-uplift `sklift.metrics.perfect_qini_curve`.
 * @param outcomes - 1 = converted, 0 = not; length n.
 * @param treatment - 1 = treated, 0 = control; both arms present; length n.
 * @param options - See {@link QiniOptions}.
 * @returns The perfect curve's points.
 * @throws CrmError `NOT_BINARY`, `MISSING_VALUE`, `LENGTH_MISMATCH`, `EMPTY_INPUT`, `SINGLE_CLASS`,
 * `INVALID_INPUT` (negativeEffect false and no positive overall effect), `INVALID_OPTION`.
 * @example
 * perfectQiniCurve([1, 0, 0, 1], [1, 0, 1, 0]).incremental; // => [0, 1, 1, 0]
 */
export function perfectQiniCurve(outcomes: ArrayLike<BinaryFlag>, treatment: ArrayLike<BinaryFlag>, options?: QiniOptions): UpliftCurve {
  const o = resolveOptions('perfectQiniCurve', QINI_DEFAULTS, options);
  const negativeEffect = checkBoolean('negativeEffect', o.negativeEffect);
  const { y, w } = readCampaign('perfectQiniCurve', outcomes, treatment);
  return perfectQini('perfectQiniCurve', y, w, negativeEffect);
}

/**
 * Trapezoid area under a curve (sklearn `auc`), summed with Neumaier compensation so it agrees
 * with numpy's pairwise sum to rounding. O(points).
 * @param curve - `targeted` (customer counts: finite, >= 0, non-decreasing) and `incremental`
 * (finite numbers), of the same length, as {@link upliftCurve} and {@link qiniCurve} give.
 * @returns The area; 0 for a curve of one point.
 * @throws CrmError `INVALID_INPUT` (not a curve, a targeted count negative or decreasing),
 * `EMPTY_INPUT` (no points), `LENGTH_MISMATCH`, `NON_FINITE` (a non-finite point, or an area
 * beyond the number range).
 * @example
 * curveArea({ kind: 'qiniCurve', targeted: [0, 1, 2], incremental: [0, 1, 1], perfect: false }); // => 1.5
 */
export function curveArea(curve: Pick<UpliftCurve, 'targeted' | 'incremental'>): number {
  const fn = 'curveArea';
  if (curve === null || typeof curve !== 'object' || Array.isArray(curve)) {
    throw new CrmError('INVALID_INPUT', `${fn}: curve must be { targeted, incremental } as upliftCurve or qiniCurve return; got ${describeValue(curve)}.`, { argument: 'curve' });
  }
  const x = curve.targeted as unknown;
  const v = curve.incremental as unknown;
  for (const [name, a] of [['targeted', x], ['incremental', v]] as const) {
    if (!Array.isArray(a)) throw new CrmError('INVALID_INPUT', `${fn}: curve.${name} must be an array of numbers; got ${describeValue(a)}.`, { argument: 'curve', field: name });
  }
  const xs = x as unknown[];
  const vs = v as unknown[];
  if (xs.length === 0) throw new CrmError('EMPTY_INPUT', `${fn}: the curve has no points.`, { argument: 'curve' });
  checkSameLength('curve.targeted', xs.length, 'curve.incremental', vs.length);
  for (let i = 0; i < xs.length; i++) {
    for (const [name, a] of [['targeted', xs], ['incremental', vs]] as const) {
      const t = a[i];
      if (typeof t !== 'number' || !Number.isFinite(t)) {
        throw new CrmError(typeof t === 'number' ? 'NON_FINITE' : 'INVALID_INPUT', `${fn}: curve.${name}[${i}] is ${describeValue(t)}; curve points must be finite numbers.`, { argument: 'curve', field: name, row: i });
      }
    }
    if ((xs[i] as number) < 0 || (i > 0 && (xs[i] as number) < (xs[i - 1] as number))) {
      throw new CrmError('INVALID_INPUT', `${fn}: curve.targeted[${i}] is ${xs[i]}${i > 0 ? ` after ${xs[i - 1]}` : ''}; targeted counts are >= 0 and never decrease.`, { argument: 'curve', field: 'targeted', row: i });
    }
  }
  let sum = 0;
  let comp = 0;
  for (let i = 1; i < xs.length; i++) {
    // Halves first: the same value as (dx (v1 + v0)) / 2, without overflowing the sum of two points.
    const t = ((xs[i] as number) - (xs[i - 1] as number)) * ((vs[i] as number) / 2 + (vs[i - 1] as number) / 2);
    const s = sum + t;
    comp += Math.abs(sum) >= Math.abs(t) ? sum - s + t : t - s + sum;
    sum = s;
  }
  const area = sum + comp;
  if (!Number.isFinite(area)) {
    throw new CrmError('NON_FINITE', `${fn}: the area is ${area}: the curve's counts times its values leave the number range. Rescale incremental (e.g. to thousands).`, { argument: 'curve' });
  }
  return area;
}

function normalizedArea(fn: string, actual: UpliftCurve, perfect: UpliftCurve): number {
  const xLast = perfect.targeted[perfect.targeted.length - 1]!;
  const yLast = perfect.incremental[perfect.incremental.length - 1]!;
  const baseline = (xLast * yLast) / 2;
  const best = curveArea(perfect) - baseline;
  if (!(Math.abs(best) > 0)) {
    throw new CrmError(
      'INVALID_INPUT',
      `${fn}: the perfect curve has no area above the random-targeting line (for example no customer converted), so the normalized area is 0/0.`,
      {},
    );
  }
  return (curveArea(actual) - baseline) / best;
}

/**
 * Normalized area under the uplift curve: (area of the model's {@link upliftCurve} - area of the
 * random-targeting line) / (area of the {@link perfectUpliftCurve} - that of the line). 1 = the
 * perfect ranking, 0 = random, negative = worse than random. Equals scikit-uplift `uplift_auc_score`. O(n log n).
 * Source: scikit-uplift `sklift.metrics.uplift_auc_score`.
 * @param outcomes - 1 = converted, 0 = not; length n.
 * @param uplift - Predicted uplift; finite; length n.
 * @param treatment - 1 = treated, 0 = control; both arms present; length n.
 * @returns The normalized area.
 * @throws CrmError `NOT_BINARY`, `MISSING_VALUE`, `NON_FINITE`, `LENGTH_MISMATCH`, `EMPTY_INPUT`,
 * `SINGLE_CLASS`, `INVALID_INPUT` (no area above the line for the perfect curve).
 * @example
 * upliftAucScore([1, 0, 0, 1], [0.9, 0.5, 0.4, 0.1], [1, 0, 1, 0]); // => 1
 */
export function upliftAucScore(outcomes: ArrayLike<BinaryFlag>, uplift: ArrayLike<number>, treatment: ArrayLike<BinaryFlag>): number {
  const { y, w } = readCampaign('upliftAucScore', outcomes, treatment);
  const s = readScores('upliftAucScore', uplift, y.length);
  return normalizedArea('upliftAucScore', upliftFromBlocks(tieBlocks(y, w, s), false), upliftFromBlocks(tieBlocks(y, w, perfectUpliftScores(y, w)), true));
}

/**
 * Qini coefficient: (area under the model's {@link qiniCurve} - area under the random-targeting
 * line) / (the same for the {@link perfectQiniCurve}); 1 = perfect, 0 = random. Equals
 * scikit-uplift `qini_auc_score` (with `negative_effect`). O(n log n).
 * Source: Radcliffe (2007); scikit-uplift `sklift.metrics.qini_auc_score`.
 * @param outcomes - 1 = converted, 0 = not; length n.
 * @param uplift - Predicted uplift; finite; length n.
 * @param treatment - 1 = treated, 0 = control; both arms present; length n.
 * @param options - See {@link QiniOptions}.
 * @returns The Qini coefficient.
 * @throws CrmError `NOT_BINARY`, `MISSING_VALUE`, `NON_FINITE`, `LENGTH_MISMATCH`, `EMPTY_INPUT`,
 * `SINGLE_CLASS`, `INVALID_INPUT`, `INVALID_OPTION`.
 * @example
 * qiniAucScore([1, 0, 0, 1], [0.9, 0.5, 0.4, 0.1], [1, 0, 1, 0]); // => 1
 */
export function qiniAucScore(outcomes: ArrayLike<BinaryFlag>, uplift: ArrayLike<number>, treatment: ArrayLike<BinaryFlag>, options?: QiniOptions): number {
  const o = resolveOptions('qiniAucScore', QINI_DEFAULTS, options);
  const negativeEffect = checkBoolean('negativeEffect', o.negativeEffect);
  const { y, w } = readCampaign('qiniAucScore', outcomes, treatment);
  const s = readScores('qiniAucScore', uplift, y.length);
  return normalizedArea('qiniAucScore', qiniFromBlocks(tieBlocks(y, w, s), false), perfectQini('qiniAucScore', y, w, negativeEffect));
}
