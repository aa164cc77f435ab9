/**
 * Feature scaling fitted on one data set and applied to another, as plain data (z-score with the
 * population standard deviation, min-max, log1p). Shared by clustering and the linear models.
 * @module
 */
import { CrmError, describeValue } from './errors.js';
import { checkFiniteData, isDenseMatrix, type DenseMatrix } from './dense.js';
import { checkModel, checkModelNumbers, checkModelStrings } from './model.js';
import { checkOneOf } from './validate.js';

/** Which scaling: `zscore` ((x - mean) / std, ddof = 0), `minmax` ((x - min) / (max - min)), `log1p` (log(1 + x)). */
export type ScalingMethod = 'zscore' | 'minmax' | 'log1p';

/** A fitted scaler: plain data, survives JSON. A constant column gets scale 1 (values map to 0). */
export interface Scaler {
  readonly kind: 'scaler';
  readonly version: 1;
  readonly method: ScalingMethod;
  /** Per column: subtracted (mean, min, or 0 for log1p). */
  readonly offset: number[];
  /** Per column: divided by (std, max - min, or 1 for log1p). */
  readonly scale: number[];
}

/**
 * A {@link Scaler} that names the columns it was fitted on: schema version 2, what fitStandardizer
 * (crm-mining/linear) returns. The scaling itself is that of a version 1 scaler; checkScaler and
 * applyScaler read both.
 */
export interface NamedScaler extends Omit<Scaler, 'version'> {
  readonly version: 2;
  /**
   * The input columns, in order, one per `offset` entry, distinct: the `columns` read from row
   * objects, columns or an Arrow table, or `x0, x1, ...` for `number[][]` (as fitLogistic).
   */
  readonly featureNames: string[];
}

const METHODS: readonly ScalingMethod[] = ['zscore', 'minmax', 'log1p'];

function checkMatrix(fn: string, m: unknown, allowEmpty: boolean): DenseMatrix {
  if (!isDenseMatrix(m)) {
    throw new CrmError('INVALID_INPUT', `${fn}: expected a dense matrix { rows, cols, data: Float64Array } (e.g. from toDense); got ${describeValue(m)}.`, { argument: 'm' });
  }
  if (m.rows === 0 && !allowEmpty) throw new CrmError('EMPTY_INPUT', `${fn}: the matrix has no rows; pass at least one row.`, { argument: 'm' });
  return m;
}

function tooLarge(fn: string, what: string, j: number): CrmError {
  return new CrmError('NON_FINITE', `${fn}: the ${what} of column ${j} overflows to Infinity (values too large, near 1e308); rescale the column first (e.g. divide by a power of 10).`, { column: j });
}

/**
 * Fits a scaler on the columns of `m`. O(rows * cols). A z-score column whose sum or squares
 * overflow is recomputed on values divided by its largest magnitude, so the result stays finite.
 * @throws CrmError `INVALID_INPUT` (not a dense matrix), `EMPTY_INPUT` (no rows), `NON_FINITE`
 * (NaN or an infinity in the data, or a spread beyond the float range), `INVALID_OPTION` (unknown
 * method), `NEGATIVE_VALUE` for log1p on values <= -1.
 * @example
 * fitScaler({ rows: 2, cols: 1, data: Float64Array.of(1, 3) }, 'zscore').offset; // => [2]
 */
export function fitScaler(m: DenseMatrix, method: ScalingMethod, fn = 'fitScaler'): Scaler {
  checkMatrix(fn, m, false);
  checkOneOf('method', method, METHODS);
  const { rows, cols, data } = m;
  checkFiniteData(data, cols, 'data', false);
  const offset = new Array<number>(cols).fill(0);
  const scale = new Array<number>(cols).fill(1);
  for (let j = 0; j < cols; j++) {
    if (method === 'log1p') {
      for (let i = 0; i < rows; i++) {
        if (data[i * cols + j]! <= -1) {
          throw new CrmError('NEGATIVE_VALUE', `log1p scaling needs values > -1; column ${j} row ${i} is ${data[i * cols + j]}.`, { row: i, column: j });
        }
      }
      continue;
    }
    if (method === 'zscore') {
      let mean = 0;
      for (let i = 0; i < rows; i++) mean += data[i * cols + j]!;
      mean /= rows;
      let ss = 0;
      for (let i = 0; i < rows; i++) { const t = data[i * cols + j]! - mean; ss += t * t; }
      let sd = Math.sqrt(ss / rows);
      if (!Number.isFinite(sd)) {
        // The sum or the squares overflowed: the same moments on x / max|x| (|x / max| <= 1).
        let big = 0;
        for (let i = 0; i < rows; i++) big = Math.max(big, Math.abs(data[i * cols + j]!));
        let ms = 0;
        for (let i = 0; i < rows; i++) ms += data[i * cols + j]! / big;
        ms /= rows;
        let sss = 0;
        for (let i = 0; i < rows; i++) { const t = data[i * cols + j]! / big - ms; sss += t * t; }
        mean = ms * big;
        sd = Math.sqrt(sss / rows) * big;
        if (!Number.isFinite(sd)) throw tooLarge(fn, 'standard deviation', j);
      }
      offset[j] = mean;
      scale[j] = sd > 0 ? sd : 1;
    } else {
      let lo = Infinity, hi = -Infinity;
      for (let i = 0; i < rows; i++) { const v = data[i * cols + j]!; if (v < lo) lo = v; if (v > hi) hi = v; }
      if (!Number.isFinite(hi - lo)) throw tooLarge(fn, 'range (max - min)', j);
      offset[j] = lo;
      scale[j] = hi > lo ? hi - lo : 1;
    }
  }
  return { kind: 'scaler', version: 1, method, offset, scale };
}

/**
 * Checks a scaler read back from JSON: kind, version (1, or 2 with `featureNames`), method,
 * `offset` and `scale` arrays of the same length holding finite numbers, every scale > 0, and for
 * version 2 one distinct string in `featureNames` per column. O(cols).
 * @throws CrmError `INVALID_MODEL`
 * @example
 * checkScaler({ kind: 'scaler', version: 1, method: 'zscore', offset: [0], scale: [2] }, 'applyScaler').scale; // => [2]
 * checkScaler({ kind: 'scaler', version: 2, method: 'zscore', offset: [0], scale: [2], featureNames: ['age'] }, 'applyScaler').version; // => 2
 */
export function checkScaler(scaler: unknown, fn: string): Scaler | NamedScaler {
  const s = checkModel<Scaler | NamedScaler>(scaler, 'scaler', [1, 2], fn);
  if (!(METHODS as readonly unknown[]).includes(s.method)) {
    throw new CrmError('INVALID_MODEL', `${fn}: the scaler's method must be one of ${METHODS.map((m) => `'${m}'`).join(', ')}; got ${describeValue(s.method)}. Refit the scaler.`, { kind: 'scaler', field: 'method' });
  }
  const offset = checkModelNumbers(fn, 'scaler', 'offset', s.offset);
  checkModelNumbers(fn, 'scaler', 'scale', s.scale, { length: offset.length, positive: true });
  if (s.version === 2) checkModelStrings(fn, 'scaler', 'featureNames', s.featureNames, { length: offset.length, distinct: true });
  return s;
}

/**
 * Applies a fitted scaler to a matrix with the same column count; returns a new matrix. The
 * scaler is checked first (`checkScaler`), so a damaged JSON copy fails instead of giving
 * NaN or Infinity. O(rows * cols).
 * @throws CrmError `INVALID_MODEL` (damaged scaler), `INVALID_INPUT` (not a dense matrix),
 * `LENGTH_MISMATCH` when the column counts differ; `NEGATIVE_VALUE` for log1p on values <= -1;
 * `NON_FINITE` for NaN or infinities in the data, or a result that overflows (never a silent NaN).
 * @example
 * const s = fitScaler({ rows: 2, cols: 1, data: Float64Array.of(0, 10) }, 'minmax');
 * Array.from(applyScaler(s, { rows: 1, cols: 1, data: Float64Array.of(5) }).data); // => [0.5]
 */
export function applyScaler(scaler: Scaler | NamedScaler, m: DenseMatrix, fn = 'applyScaler'): DenseMatrix {
  const s = checkScaler(scaler, fn);
  checkMatrix(fn, m, true);
  const cols = s.offset.length;
  if (m.cols !== cols) {
    throw new CrmError('LENGTH_MISMATCH', `${fn}: the scaler was fitted on ${cols} columns but the data has ${m.cols}.`, { expected: cols, received: m.cols });
  }
  const out = new Float64Array(m.data.length);
  const log = s.method === 'log1p';
  const offset = Float64Array.from(s.offset);
  const scale = Float64Array.from(s.scale);
  // t - t is 0 for a finite t and NaN otherwise: one sum says whether any output is not finite.
  let bad = 0;
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = m.data[i * cols + j]!;
      if (log && v <= -1) {
        throw new CrmError('NEGATIVE_VALUE', `log1p scaling needs values > -1; column ${j} row ${i} is ${v}.`, { row: i, column: j });
      }
      const t = log ? Math.log1p(v) : (v - offset[j]!) / scale[j]!;
      bad += t - t;
      out[i * cols + j] = t;
    }
  }
  if (bad !== 0) {
    checkFiniteData(m.data, cols, 'data', false);
    for (let k = 0; k < out.length; k++) {
      if (!Number.isFinite(out[k])) {
        throw new CrmError('NON_FINITE', `${fn}: row ${Math.floor(k / cols)}, column ${k % cols} scales to ${out[k]} (the value ${m.data[k]} is too far from the fitted offset); rescale that column first.`, { row: Math.floor(k / cols), column: k % cols });
      }
    }
  }
  return { rows: m.rows, cols, data: out };
}
