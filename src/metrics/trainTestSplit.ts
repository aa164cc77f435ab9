/**
 * Seeded, stratified splits for model selection: one train/test split or k folds.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { fork, permutation, resolveRandom, type Random } from '../core/random.js';
import { checkBoolean, checkInteger, checkNumber, resolveOptions } from '../core/validate.js';

/** A class label for stratification: any number, string or boolean. */
export type ClassLabel = number | string | boolean;

/** Row indices of one split; both sorted ascending. */
export interface SplitIndices {
  readonly train: number[];
  readonly test: number[];
}

/** Options of {@link trainTestSplit}. */
export interface TrainTestSplitOptions {
  /** Share of rows in the test set; the test set has ceil(testFraction * n) rows. @defaultValue 0.25 */
  testFraction?: number;
  /** Keep each class's share equal in train and test. @defaultValue true */
  stratify?: boolean;
  /** An integer; `null` is refused. @defaultValue 0 */
  seed?: number;
  /** A generator in [0, 1) to use instead of `seed`. */
  random?: Random;
}

/** Options of {@link stratifiedKFold}. */
export interface StratifiedKFoldOptions {
  /** Number of folds, 2..n. @defaultValue 5 */
  folds?: number;
  /**
   * Budget for the result: `folds` splits of n indices each take about 8 * n * folds bytes, which
   * is quadratic for leave-one-out (folds = n). Past it the call is refused with `TOO_LARGE`.
   * @defaultValue 2 ** 30 (1 GiB: leave-one-out up to about 11,500 rows)
   */
  maxMemoryBytes?: number;
  /** An integer; `null` is refused. @defaultValue 0 */
  seed?: number;
  /** A generator in [0, 1) to use instead of `seed`. */
  random?: Random;
}

const SPLIT_DEFAULTS = Object.freeze({ testFraction: 0.25, stratify: true, seed: 0 });
const KFOLD_DEFAULTS = Object.freeze({ folds: 5, seed: 0, maxMemoryBytes: 2 ** 30 });

/** Bytes per stored row index in the returned arrays (a JS array of small integers). */
const BYTES_PER_INDEX = 8;

/** Row indices per class, classes in ascending order (numbers, then strings, then booleans). */
function classMembers(fn: string, labels: readonly ClassLabel[]): number[][] {
  if (!Array.isArray(labels)) {
    throw new CrmError('INVALID_INPUT', `${fn}: labels must be an array; got ${describeValue(labels)}.`, { argument: 'labels' });
  }
  if (labels.length === 0) throw new CrmError('EMPTY_INPUT', `${fn}: labels is empty; pass at least one row.`, { argument: 'labels' });
  const byKey = new Map<string, { label: ClassLabel; rows: number[] }>();
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i];
    const ok = typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
    if (!ok) {
      const missing = v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
      // An infinity is a value, not a missing one, but no class: JSON would write it as null.
      throw new CrmError(missing ? 'MISSING_VALUE' : 'INVALID_INPUT', `${fn}: labels[${i}] is ${i in labels ? describeValue(v) : 'a hole'}; every row needs a class (a finite number, a string or a boolean).`, {
        argument: 'labels',
        row: i,
      });
    }
    const key = `${typeof v}:${String(v)}`;
    let c = byKey.get(key);
    if (!c) byKey.set(key, (c = { label: v as ClassLabel, rows: [] }));
    c.rows.push(i);
  }
  const rankOf = (v: ClassLabel) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  return [...byKey.values()]
    .sort((a, b) => rankOf(a.label) - rankOf(b.label) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
    .map((c) => c.rows);
}

function shuffledRows(random: Random, rows: number[]): number[] {
  const p = permutation(fork(random), rows.length);
  return Array.from(p, (k) => rows[k]!);
}

const ascending = (a: number, b: number) => a - b;

/**
 * Splits row indices into a training and a test set. Stratified: each class gets its share of the
 * test rows (largest remainders, ties to the earlier class), so class rates match to within one
 * row. O(n log n).
 * Source: scikit-learn's `train_test_split(stratify=y)` (same sizes, different random stream).
 * @param labels - One class per row (any number, string or boolean); length n.
 * @param options - See {@link TrainTestSplitOptions}.
 * @returns Train and test row indices, each sorted.
 * @throws CrmError `INVALID_OPTION` (testFraction outside (0, 1) or leaving an empty side, seed
 * not an integer, including null), `EMPTY_INPUT`, `MISSING_VALUE` (null, undefined, NaN or a hole),
 * `INVALID_INPUT` (an infinity or other non-class label).
 * @example
 * trainTestSplit([0, 0, 0, 1, 1, 1, 1, 1], { testFraction: 0.25, seed: 1 }).test.length; // => 2
 */
export function trainTestSplit(labels: readonly ClassLabel[], options?: TrainTestSplitOptions): SplitIndices {
  const o = resolveOptions('trainTestSplit', SPLIT_DEFAULTS, options, ['random']);
  const fraction = checkNumber('testFraction', o.testFraction, { min: 0, max: 1, exclusiveMin: true, exclusiveMax: true });
  const stratify = checkBoolean('stratify', o.stratify);
  const random = resolveRandom(o);
  const classes = stratify ? classMembers('trainTestSplit', labels) : [classMembers('trainTestSplit', labels).flat().sort(ascending)];
  const n = labels.length;
  const nTest = Math.ceil(fraction * n - 1e-9);
  if (nTest < 1 || nTest >= n) {
    throw new CrmError('INVALID_OPTION', `trainTestSplit: testFraction ${fraction} of ${n} rows gives ${nTest} test rows; both sides need at least one row.`, {
      option: 'testFraction',
    });
  }
  // Largest-remainder apportionment of nTest over the classes.
  const exact = classes.map((c) => (c.length * nTest) / n);
  const take = exact.map(Math.floor);
  let left = nTest - take.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((e, k) => k).sort((a, b) => exact[b]! - take[b]! - (exact[a]! - take[a]!) || a - b);
  for (const k of byRemainder) {
    if (left === 0) break;
    if (take[k]! < classes[k]!.length) {
      take[k]!++;
      left--;
    }
  }
  const train: number[] = [];
  const test: number[] = [];
  classes.forEach((rows, k) => {
    const mixed = shuffledRows(random, rows);
    for (let i = 0; i < mixed.length; i++) (i < take[k]! ? test : train).push(mixed[i]!);
  });
  return { train: train.sort(ascending), test: test.sort(ascending) };
}

/**
 * Stratified k-fold cross-validation indices: each class is shuffled and dealt round-robin over
 * the folds (continuing from where the previous class stopped), so fold sizes differ by at most
 * one and each fold holds each class's share to within one row. Every row is in exactly one test
 * fold. O(n log n).
 * Source: scikit-learn's `StratifiedKFold(shuffle=True)` (same guarantees, different random stream).
 * @param labels - One class per row (any number, string or boolean); length n.
 * @param options - See {@link StratifiedKFoldOptions}.
 * @returns `folds` splits, each with sorted train and test indices.
 * Cost: O(n log n + n * folds) time and about 8 * n * folds bytes for the result, guarded by
 * `maxMemoryBytes`.
 * @throws CrmError `INVALID_OPTION` (folds outside 2..n, seed not an integer, including null),
 * `TOO_LARGE` (the result would exceed maxMemoryBytes), `EMPTY_INPUT`, `MISSING_VALUE` (null,
 * undefined, NaN or a hole), `INVALID_INPUT` (an infinity or other non-class label).
 * @example
 * stratifiedKFold([0, 1, 0, 1, 0, 1], { folds: 3 }).map((f) => f.test.length); // => [2, 2, 2]
 */
export function stratifiedKFold(labels: readonly ClassLabel[], options?: StratifiedKFoldOptions): SplitIndices[] {
  const o = resolveOptions('stratifiedKFold', KFOLD_DEFAULTS, options, ['random']);
  const classes = classMembers('stratifiedKFold', labels);
  const n = labels.length;
  const k = checkInteger('folds', o.folds, { min: 2, max: Math.max(2, n), hint: `There are ${n} rows.` });
  if (k > n) {
    throw new CrmError('INVALID_OPTION', `stratifiedKFold: folds must be at most the number of rows (${n}); got ${k}.`, { option: 'folds' });
  }
  const maxMemoryBytes = checkNumber('maxMemoryBytes', o.maxMemoryBytes, { min: 1 });
  const estimate = BYTES_PER_INDEX * n * k;
  if (estimate > maxMemoryBytes) {
    const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
    throw new CrmError('TOO_LARGE', `stratifiedKFold: ${k} folds over ${n} rows return ${k} train/test lists of ${n} indices in all, about ${mib(estimate)}, above maxMemoryBytes (${mib(maxMemoryBytes)}). Use fewer folds (5 or 10 are usual), or raise maxMemoryBytes.`, {
      option: 'maxMemoryBytes',
      estimateBytes: estimate,
    });
  }
  const random = resolveRandom(o);
  const fold = new Int32Array(n);
  let next = 0;
  for (const rows of classes) {
    for (const i of shuffledRows(random, rows)) {
      fold[i] = next;
      next = (next + 1) % k;
    }
  }
  const out: SplitIndices[] = [];
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < n; i++) (fold[i] === f ? test : train).push(i);
    out.push({ train, test });
  }
  return out;
}
