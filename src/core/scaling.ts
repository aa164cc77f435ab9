/**
 * Feature scaling fitted on one data set and applied to another, as plain data (z-score with the
 * population standard deviation, min-max, log1p). Shared by clustering and the linear models.
 * @module
 */
import { CrmError } from './errors.js';
import type { DenseMatrix } from './dense.js';

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
 * Fits a scaler on the columns of `m`. O(rows * cols).
 * @throws CrmError `NEGATIVE_VALUE` for log1p on values <= -1.
 * @example
 * fitScaler({ rows: 2, cols: 1, data: Float64Array.of(1, 3) }, 'zscore').offset; // => [2]
 */
export function fitScaler(m: DenseMatrix, method: ScalingMethod): Scaler {
  const { rows, cols, data } = m;
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
      const sd = Math.sqrt(ss / rows);
      offset[j] = mean;
      scale[j] = sd > 0 ? sd : 1;
    } else {
      let lo = Infinity, hi = -Infinity;
      for (let i = 0; i < rows; i++) { const v = data[i * cols + j]!; if (v < lo) lo = v; if (v > hi) hi = v; }
      offset[j] = lo;
      scale[j] = hi > lo ? hi - lo : 1;
    }
  }
  return { kind: 'scaler', version: 1, method, offset, scale };
}

/**
 * Applies a fitted scaler to a matrix with the same column count; returns a new matrix.
 * @throws CrmError `LENGTH_MISMATCH` when the column counts differ; `NEGATIVE_VALUE` for log1p on values <= -1 (never a silent NaN).
 * @example
 * const s = fitScaler({ rows: 2, cols: 1, data: Float64Array.of(0, 10) }, 'minmax');
 * Array.from(applyScaler(s, { rows: 1, cols: 1, data: Float64Array.of(5) }).data); // => [0.5]
 */
export function applyScaler(scaler: Scaler, m: DenseMatrix): DenseMatrix {
  const cols = scaler.offset.length;
  if (m.cols !== cols) {
    throw new CrmError('LENGTH_MISMATCH', `the scaler was fitted on ${cols} columns but the data has ${m.cols}.`);
  }
  const out = new Float64Array(m.data.length);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = m.data[i * cols + j]!;
      if (scaler.method === 'log1p' && v <= -1) {
        throw new CrmError('NEGATIVE_VALUE', `log1p scaling needs values > -1; column ${j} row ${i} is ${v}.`, { row: i, column: j });
      }
      out[i * cols + j] = scaler.method === 'log1p' ? Math.log1p(v) : (v - scaler.offset[j]!) / scaler.scale[j]!;
    }
  }
  return { rows: m.rows, cols, data: out };
}
