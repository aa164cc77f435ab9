// Issue 12 ("Trust at the edges") for the metrics: crossValidate holes and metric results (D14,
// D31), seed: null (D31), the leave-one-out memory guard (D23), Infinity labels (D12), weights
// options, and crossValidate progress / abort.
import { describe, expect, test } from 'vitest';
import { averagePrecision, crossValidate, prCurve, rocAuc, rocCurve, stratifiedKFold, trainTestSplit } from '../../src/metrics/index.js';
import { isCrmError, type ErrorCode } from '../../src/core/errors.js';
import type { Progress } from '../../src/core/progress.js';

function errorOf(fn: () => unknown): { code: string; message: string; details: Record<string, unknown> } | undefined {
  try {
    fn();
  } catch (e) {
    if (!isCrmError(e)) return { code: `raw:${(e as Error).name}`, message: String(e), details: {} };
    return { code: e.code, message: e.message, details: e.details as Record<string, unknown> };
  }
  return undefined;
}
function expectCode(fn: () => unknown, code: ErrorCode, mentions?: RegExp): void {
  const e = errorOf(fn);
  expect(e?.code, e?.message).toBe(code);
  if (mentions) expect(e!.message).toMatch(mentions);
}

const features = [[1], [2], [3], [4], [5], [6]];
const labels = [0, 1, 0, 1, 0, 1];
const first = (x: number[][]) => x.map((r) => r[0]!);
const folds = stratifiedKFold(labels, { folds: 2 });
const cv = (over: Partial<{ features: unknown[]; labels: unknown[]; folds: unknown[]; metric: unknown; predict: unknown }>) =>
  crossValidate(
    () => null,
    (over.predict ?? ((_m: unknown, x: number[][]) => first(x))) as never,
    { features: (over.features ?? features) as number[][], labels: (over.labels ?? labels) as number[] },
    (over.folds ?? folds) as never,
    over.metric === undefined ? undefined : { metric: over.metric as never },
  );

describe('crossValidate at the edges', () => {
  test('crossValidate refuses a metric returning a non-number (INVALID_OPTION) or NaN / Infinity (NON_FINITE), naming the fold', () => {
    expectCode(() => cv({ metric: () => 'x' }), 'INVALID_OPTION', /fold 0/);
    expectCode(() => cv({ metric: () => undefined }), 'INVALID_OPTION', /fold 0/);
    expectCode(() => cv({ metric: () => Number.NaN }), 'NON_FINITE', /fold 0/);
    let k = 0;
    const e = errorOf(() => cv({ metric: () => (k++ === 1 ? Infinity : 0.5) }));
    expect([e?.code, e?.details.fold]).toEqual(['NON_FINITE', 1]);
    expect(cv({ metric: () => 0.5 }).mean).toBe(0.5);
  });
  test('crossValidate refuses holes in features, labels, folds and fold index lists with the index', () => {
    // eslint-disable-next-line no-sparse-arrays
    const sparseFeatures = [[1], , [3], [4], [5], [6]];
    expect(errorOf(() => cv({ features: sparseFeatures }))).toMatchObject({ code: 'MISSING_VALUE', details: { row: 1 } });
    // eslint-disable-next-line no-sparse-arrays
    expect(errorOf(() => cv({ labels: [0, 1, , 1, 0, 1] }))).toMatchObject({ code: 'MISSING_VALUE', details: { row: 2 } });
    expect(errorOf(() => cv({ labels: [0, 1, 0, Infinity, 0, 1] }))).toMatchObject({ code: 'INVALID_INPUT', details: { row: 3 } });
    // eslint-disable-next-line no-sparse-arrays
    expect(errorOf(() => cv({ folds: [folds[0], , folds[1]] }))).toMatchObject({ code: 'INVALID_INPUT', details: { fold: 1 } });
    const test0 = folds[0]!.test.slice();
    delete (test0 as unknown as Record<number, number>)[1];
    expect(errorOf(() => cv({ folds: [{ train: folds[0]!.train, test: test0 }] }))).toMatchObject({ code: 'INVALID_INPUT', details: { fold: 0, index: 1 } });
  });
  test('crossValidate refuses predictions that are NaN or not numbers, naming the fold and row', () => {
    expect(errorOf(() => cv({ predict: (_m: unknown, x: number[][]) => x.map(() => Number.NaN) }))?.code).toBe('NON_FINITE');
    expect(errorOf(() => cv({ predict: (_m: unknown, x: number[][]) => x.map(() => '0.5') }))?.code).toBe('INVALID_INPUT');
    const sparse = (_m: unknown, x: number[][]) => { const out = new Array<number>(x.length); out[0] = 1; return out; };
    expect(errorOf(() => cv({ predict: sparse }))).toMatchObject({ code: 'INVALID_INPUT', details: { fold: 0 } });
  });
  test('crossValidate reports each fold through onProgress and stops with ABORTED from it', () => {
    const seen: Progress[] = [];
    const five = stratifiedKFold(labels, { folds: 3 });
    const r = crossValidate(() => null, (_m, x: number[][]) => first(x), { features, labels }, five, { onProgress: (p) => seen.push(p) });
    expect(seen).toEqual([1, 2, 3].map((completed) => ({ fn: 'crossValidate', phase: 'fold', completed, total: 3 })));
    expect(r.folds.length).toBe(3);
    const ac = new AbortController();
    let fits = 0;
    expectCode(
      () => crossValidate(() => fits++, (_m, x: number[][]) => first(x), { features, labels }, five, { signal: ac.signal, onProgress: () => ac.abort() }),
      'ABORTED',
      /after 1 of 3/,
    );
    expect(fits).toBe(1);
    expectCode(() => crossValidate(() => null, (_m, x: number[][]) => first(x), { features, labels }, five, { signal: AbortSignal.abort() }), 'ABORTED');
  });
});

describe('splits at the edges', () => {
  test('trainTestSplit and stratifiedKFold refuse seed: null with INVALID_OPTION instead of taking the default seed', () => {
    expectCode(() => trainTestSplit([0, 0, 1, 1, 0, 1, 0, 1], { seed: null as never }), 'INVALID_OPTION', /seed/);
    expectCode(() => stratifiedKFold([0, 0, 1, 1, 0, 1, 0, 1], { seed: null as never }), 'INVALID_OPTION', /seed/);
    expect(trainTestSplit([0, 0, 1, 1, 0, 1, 0, 1], { seed: undefined })).toEqual(trainTestSplit([0, 0, 1, 1, 0, 1, 0, 1]));
  });
  test('trainTestSplit and stratifiedKFold refuse an Infinity label with INVALID_INPUT and a hole with MISSING_VALUE', () => {
    expect(errorOf(() => trainTestSplit([0, Infinity, 1, 1]))).toMatchObject({ code: 'INVALID_INPUT', details: { row: 1 } });
    expect(errorOf(() => stratifiedKFold([0, 1, -Infinity, 1], { folds: 2 }))).toMatchObject({ code: 'INVALID_INPUT', details: { row: 2 } });
    // eslint-disable-next-line no-sparse-arrays
    expect(errorOf(() => stratifiedKFold([0, 1, , 1] as number[], { folds: 2 }))).toMatchObject({ code: 'MISSING_VALUE', details: { row: 2 } });
  });
  test('stratifiedKFold(labels, { folds: n }) past maxMemoryBytes is TOO_LARGE naming the option, before building anything', () => {
    const n = 20000;
    const y = Array.from({ length: n }, (_, i) => i % 2);
    const t0 = performance.now();
    const e = errorOf(() => stratifiedKFold(y, { folds: n }));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(e?.code).toBe('TOO_LARGE');
    expect(e?.message).toMatch(/maxMemoryBytes/);
    expect(e?.details.estimateBytes).toBe(8 * n * n);
    // The same call under a raised budget is leave-one-out; a small one refuses 5 folds too.
    const small = Array.from({ length: 300 }, (_, i) => i % 2);
    const loo = stratifiedKFold(small, { folds: 300, maxMemoryBytes: 2 ** 31 });
    expect(loo.every((f) => f.test.length === 1 && f.train.length === 299)).toBe(true);
    expectCode(() => stratifiedKFold(small, { folds: 5, maxMemoryBytes: 1000 }), 'TOO_LARGE');
    expectCode(() => stratifiedKFold(small, { maxMemoryBytes: Infinity }), 'INVALID_OPTION');
  });
});

describe('weights options of the ranking metrics', () => {
  const y = [1, 0, 1, 0, 1];
  const s = [0.9, 0.5, 0.5, 0.1, 0.3];
  test.each([
    ['rocAuc', rocAuc],
    ['rocCurve', rocCurve],
    ['averagePrecision', averagePrecision],
    ['prCurve', prCurve],
  ] as const)('%s refuses bad weights, unknown options and a class with no weight', (_name, f) => {
    expectCode(() => f(y, s, { weights: [1, 1, -1, 1, 1] }), 'NEGATIVE_VALUE');
    expectCode(() => f(y, s, { weights: [1, 1, Number.NaN, 1, 1] }), 'NON_FINITE');
    expectCode(() => f(y, s, { weights: [1, 1] }), 'LENGTH_MISMATCH');
    expectCode(() => f(y, s, { weights: [0, 0, 0, 0, 0] }), 'INVALID_INPUT');
    expectCode(() => f(y, s, { weights: [0, 1, 0, 1, 0] }), 'SINGLE_CLASS');
    expectCode(() => f(y, s, { sampleWeight: [1, 1, 1, 1, 1] } as never), 'INVALID_OPTION', /weights/);
  });
  test('a row of weight 0 changes nothing, as if it were not there', () => {
    const w = [1, 2, 0, 1, 0.5];
    const keep = [0, 1, 3, 4];
    const pick = <T>(a: T[]) => keep.map((i) => a[i]!);
    expect(rocAuc(y, s, { weights: w })).toBeCloseTo(rocAuc(pick(y), pick(s), { weights: pick(w) }), 15);
    expect(rocCurve(y, s, { weights: w })).toEqual(rocCurve(pick(y), pick(s), { weights: pick(w) }));
    expect(prCurve(y, s, { weights: w })).toEqual(prCurve(pick(y), pick(s), { weights: pick(w) }));
  });
});
