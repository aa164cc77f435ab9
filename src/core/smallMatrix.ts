/**
 * Small dense matrices as flat row-major Float64Arrays, and products with sparse ones (transition
 * and Kronecker matrices, mostly zeros) that skip the zeros. Each entry of a product adds its
 * terms from 0 in ascending inner index, as a plain triple loop (and ml-matrix's `mmul`) does, so
 * for finite operands the results are the same to the bit; only the zero terms are not visited.
 * @module
 */

/** A dense matrix: entry (i, j) at `a[i * cols + j]`. */
export interface Flat {
  readonly rows: number;
  readonly cols: number;
  readonly a: Float64Array;
}

/** The nonzeros of a matrix, row by row, each row's in ascending column order. */
export interface SparseRows {
  readonly rows: number;
  readonly cols: number;
  /** Row i's nonzeros are at positions `start[i]` to `start[i + 1] - 1`. */
  readonly start: Int32Array;
  readonly col: Int32Array;
  readonly val: Float64Array;
}

/**
 * A zero matrix, or one filled from `rows` (an array of equal-length rows).
 * @example
 * flat(2, 2, [[1, 2], [3, 4]]).a; // => Float64Array.of(1, 2, 3, 4)
 */
export function flat(rows: number, cols: number, values?: readonly (readonly number[])[]): Flat {
  const a = new Float64Array(rows * cols);
  if (values !== undefined) for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) a[i * cols + j] = values[i]![j]!;
  return { rows, cols, a };
}

/**
 * The Kronecker product: entry (p i + k, q j + l) is A(i, j) B(k, l) for B of size p x q. O(size).
 * @example
 * kron(flat(1, 2, [[1, 2]]), flat(1, 1, [[3]])).a; // => Float64Array.of(3, 6)
 */
export function kron(A: Flat, B: Flat): Flat {
  const p = B.rows, q = B.cols;
  const out = flat(A.rows * p, A.cols * q);
  const w = out.cols;
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < A.cols; j++) {
      const x = A.a[i * A.cols + j]!;
      for (let k = 0; k < p; k++) for (let l = 0; l < q; l++) out.a[(p * i + k) * w + q * j + l] = x * B.a[k * q + l]!;
    }
  }
  return out;
}

/**
 * The nonzeros of `M`, or of its transpose with `transposed`. O(rows * cols).
 * @example
 * const s = sparseRows(flat(2, 2, [[0, 5], [7, 0]]));
 * [Array.from(s.col), Array.from(s.val)]; // => [[1, 0], [5, 7]]
 */
export function sparseRows(M: Flat, transposed = false): SparseRows {
  const rows = transposed ? M.cols : M.rows, cols = transposed ? M.rows : M.cols;
  const at = (i: number, j: number): number => (transposed ? M.a[j * M.cols + i]! : M.a[i * M.cols + j]!);
  const start = new Int32Array(rows + 1);
  const col: number[] = [], val: number[] = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = at(i, j);
      if (v !== 0) { col.push(j); val.push(v); }
    }
    start[i + 1] = col.length;
  }
  return { rows, cols, start, col: Int32Array.from(col), val: Float64Array.from(val) };
}

/**
 * S D for a sparse S: O(nnz(S) * D.cols).
 * @example
 * sparseTimes(sparseRows(flat(1, 2, [[0, 2]])), flat(2, 1, [[5], [7]])).a; // => Float64Array.of(14)
 */
export function sparseTimes(S: SparseRows, D: Flat): Flat {
  const c = D.cols;
  const out = flat(S.rows, c);
  for (let i = 0; i < S.rows; i++) {
    for (let t = S.start[i]!; t < S.start[i + 1]!; t++) {
      const v = S.val[t]!, k = S.col[t]!;
      for (let j = 0; j < c; j++) out.a[i * c + j] += D.a[k * c + j]! * v;
    }
  }
  return out;
}

/**
 * D S^T for a sparse S (rows of S are columns of the product): O(nnz(S) * D.rows).
 * @example
 * timesSparseT(flat(1, 2, [[5, 7]]), sparseRows(flat(1, 2, [[0, 2]]))).a; // => Float64Array.of(14)
 */
export function timesSparseT(D: Flat, S: SparseRows): Flat {
  const r = D.rows, w = S.rows;
  const out = flat(r, w);
  for (let l = 0; l < w; l++) {
    for (let t = S.start[l]!; t < S.start[l + 1]!; t++) {
      const v = S.val[t]!, k = S.col[t]!;
      for (let i = 0; i < r; i++) out.a[i * w + l] += D.a[i * D.cols + k]! * v;
    }
  }
  return out;
}

/**
 * S D S2^T, the sandwich the covariance recursions need. O(nnz(S) D.cols + nnz(S2) S.rows).
 * @example
 * const s = sparseRows(flat(1, 2, [[1, 1]]));
 * sandwich(s, flat(2, 2, [[1, 2], [3, 4]]), s).a; // => Float64Array.of(10)
 */
export function sandwich(S: SparseRows, D: Flat, S2: SparseRows): Flat {
  return timesSparseT(sparseTimes(S, D), S2);
}
