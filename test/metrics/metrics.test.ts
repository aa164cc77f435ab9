import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  accuracy,
  averagePrecision,
  brierScore,
  calibrationTable,
  confusionMatrix,
  crossValidate,
  f1,
  ksStatistic,
  liftTable,
  logLoss,
  prCurve,
  precision,
  profitCurve,
  recall,
  rocAuc,
  rocCurve,
  stratifiedKFold,
  trainTestSplit,
} from '../../src/metrics/index.js';
import { isCrmError, type ErrorCode } from '../../src/core/errors.js';
import { fitLogistic, predictLogisticProba } from '../../src/linear/index.js';

function expectCode(fn: () => unknown, code: ErrorCode): void {
  try {
    fn();
  } catch (e) {
    expect(isCrmError(e), String(e)).toBe(true);
    expect((e as { code: string }).code).toBe(code);
    expect((e as Error).message.length).toBeGreaterThan(20);
    return;
  }
  throw new Error(`expected CrmError ${code}, got no error`);
}

// Small labelled score sets with both classes and many ties (scores from a few values).
const scored = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 6 })), { minLength: 2, maxLength: 40 })
  .filter((rows) => rows.some((r) => r[0] === 1) && rows.some((r) => r[0] === 0))
  .map((rows) => ({ y: rows.map((r) => r[0]), s: rows.map((r) => r[1] / 6) }));

function pairwiseAuc(y: number[], s: number[]): number {
  let wins = 0, pairs = 0;
  for (let i = 0; i < y.length; i++) {
    for (let j = 0; j < y.length; j++) {
      if (y[i] === 1 && y[j] === 0) {
        pairs++;
        wins += s[i]! > s[j]! ? 1 : s[i] === s[j] ? 0.5 : 0;
      }
    }
  }
  return wins / pairs;
}

function atThreshold(y: number[], s: number[], t: number) {
  let tp = 0, fp = 0;
  for (let i = 0; i < y.length; i++) if (s[i]! >= t) (y[i] === 1 ? tp++ : fp++);
  return { tp, fp };
}

const distinctDesc = (s: number[]) => [...new Set(s)].sort((a, b) => b - a);

function shuffle<T>(rows: T[], seed: number): T[] {
  const out = rows.slice();
  let x = seed + 1;
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('ranking metrics against brute force', () => {
  test('rocAuc(y, s) equals the pairwise count with ties one half', () => {
    fc.assert(fc.property(scored, ({ y, s }) => {
      expect(rocAuc(y, s)).toBeCloseTo(pairwiseAuc(y, s), 14);
    }));
  });

  test('rocAuc(y, s) = 1 - rocAuc(y, -s)', () => {
    fc.assert(fc.property(scored, ({ y, s }) => {
      expect(rocAuc(y, s)).toBeCloseTo(1 - rocAuc(y, s.map((v) => -v)), 14);
    }));
  });

  test('rocCurve, prCurve, averagePrecision and ksStatistic equal a scan at every distinct threshold', () => {
    fc.assert(fc.property(scored, ({ y, s }) => {
      const P = y.filter((v) => v === 1).length;
      const N = y.length - P;
      const ts = distinctDesc(s);
      const roc = rocCurve(y, s);
      const pr = prCurve(y, s);
      expect(roc.thresholds).toEqual([Infinity, ...ts]);
      expect(pr.thresholds).toEqual(ts);
      let ap = 0, prevRecall = 0, ks = 0;
      ts.forEach((t, k) => {
        const { tp, fp } = atThreshold(y, s, t);
        expect(roc.truePositiveRate[k + 1]).toBe(tp / P);
        expect(roc.falsePositiveRate[k + 1]).toBe(fp / N);
        expect(pr.precision[k]).toBe(tp / (tp + fp));
        expect(pr.recall[k]).toBe(tp / P);
        ap += (tp / P - prevRecall) * (tp / (tp + fp));
        prevRecall = tp / P;
        ks = Math.max(ks, Math.abs(tp / P - fp / N));
      });
      expect(averagePrecision(y, s)).toBeCloseTo(ap, 14);
      expect(ksStatistic(y, s).statistic).toBeCloseTo(ks, 14);
    }));
  });

  test('the confusion-matrix rates equal their definitions', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 30 }), (rows) => {
      const y = rows.map((r) => r[0]);
      const p = rows.map((r) => r[1]);
      const c = confusionMatrix(y, p);
      const tp = rows.filter((r) => r[0] && r[1]).length;
      const fp = rows.filter((r) => !r[0] && r[1]).length;
      const fn = rows.filter((r) => r[0] && !r[1]).length;
      expect(c).toEqual({ truePositives: tp, falsePositives: fp, trueNegatives: rows.length - tp - fp - fn, falseNegatives: fn });
      expect(accuracy(y, p)).toBe((rows.length - fp - fn) / rows.length);
      expect(precision(y, p)).toBe(tp + fp ? tp / (tp + fp) : 0);
      expect(recall(y, p)).toBe(tp + fn ? tp / (tp + fn) : 0);
      expect(f1(y, p)).toBe(2 * tp + fp + fn ? (2 * tp) / (2 * tp + fp + fn) : 0);
    }));
  });

  test('logLoss and brierScore equal their sums; logLoss clips at eps', () => {
    expect(logLoss([1, 0, 1], [0.5, 0.25, 1])).toBeCloseTo((Math.log(2) + Math.log(4 / 3)) / 3, 15);
    expect(brierScore([1, 0, 1], [0.5, 0.25, 1])).toBeCloseTo((0.25 + 0.0625) / 3, 15);
    expect(logLoss([1], [0], { eps: 1e-15 })).toBeCloseTo(-Math.log(1e-15), 12);
  });
});

describe('liftTable', () => {
  test('cumulative gain reaches 100% at the last group, and counts and responders add up', () => {
    fc.assert(fc.property(scored, fc.integer({ min: 1, max: 10 }), ({ y, s }, g) => {
      fc.pre(g <= y.length);
      const t = liftTable(y, s, { groups: g });
      expect(t).toHaveLength(g);
      expect(t.at(-1)!.cumulativeGain).toBe(1);
      expect(t.at(-1)!.cumulativeLift).toBeCloseTo(1, 12);
      expect(t.reduce((a, r) => a + r.count, 0)).toBe(y.length);
      expect(t.reduce((a, r) => a + r.responders, 0)).toBeCloseTo(y.filter((v) => v === 1).length, 10);
      for (let k = 1; k < g; k++) expect(t[k]!.cumulativeGain).toBeGreaterThanOrEqual(t[k - 1]!.cumulativeGain - 1e-12);
    }));
  });

  test('the table does not depend on row order (ties spread proportionally)', () => {
    fc.assert(fc.property(scored, fc.integer({ min: 1, max: 5 }), fc.nat(), ({ y, s }, g, seed) => {
      fc.pre(g <= y.length);
      const rows = shuffle(y.map((v, i) => [v, s[i]!] as const), seed);
      const a = liftTable(y, s, { groups: g });
      const b = liftTable(rows.map((r) => r[0]), rows.map((r) => r[1]), { groups: g });
      a.forEach((r, k) => {
        expect(b[k]!.count).toBe(r.count);
        expect(b[k]!.responders).toBeCloseTo(r.responders, 12);
      });
    }));
  });

  test('without ties, responders per group are the label sums of the sorted rows', () => {
    const s = Array.from({ length: 23 }, (_, i) => (i * 7919) % 23);
    const y = s.map((v) => (v % 3 === 0 ? 1 : 0));
    const sortedY = s.map((v, i) => [v, y[i]!] as const).sort((a, b) => b[0] - a[0]).map((r) => r[1]);
    const t = liftTable(y, s, { groups: 4 });
    let at = 0;
    t.forEach((r) => {
      expect(r.responders).toBe(sortedY.slice(at, at + r.count).reduce((a: number, v) => a + v, 0));
      at += r.count;
    });
    expect(t.map((r) => r.count)).toEqual([5, 6, 6, 6]);
  });

  test('one tie block straddling a boundary splits its responders by overlap', () => {
    // 4 rows tied at 0.5 with 2 responders over positions 1..4; groups of 2 rows.
    const t = liftTable([1, 1, 0, 0, 1], [0.5, 0.5, 0.5, 0.5, 0.9], { groups: 2 });
    expect(t.map((r) => r.count)).toEqual([2, 3]);
    expect(t[0]!.responders).toBe(1 + 2 * (1 / 4));
    expect(t[1]!.responders).toBe(2 * (3 / 4));
  });
});

describe('calibrationTable and profitCurve', () => {
  test('profitCurve equals a scan and picks the best threshold', () => {
    fc.assert(fc.property(scored, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 10 }), ({ y, s }, value, cost) => {
      const c = profitCurve(y, s, { valuePerResponse: value, costPerContact: cost });
      let best = 0;
      distinctDesc(s).forEach((t, k) => {
        const { tp, fp } = atThreshold(y, s, t);
        expect(c.profit[k + 1]).toBe(tp * value - (tp + fp) * cost);
        best = Math.max(best, tp * value - (tp + fp) * cost);
      });
      expect(c.best.profit).toBe(best);
      expect(c.profit[c.profit.indexOf(best)]).toBe(best);
    }));
  });

  test('calibrationTable counts every row once and puts an edge value in the lower bin', () => {
    const t = calibrationTable([0, 1, 1, 0], [0, 0.5, 0.75, 1], { bins: 2 });
    expect(t.map((b) => b.count)).toEqual([2, 2]);
    expect(t[0]!.meanPredicted).toBe(0.25);
  });
});

describe('splits', () => {
  const labels = Array.from({ length: 103 }, (_, i) => (i % 7 === 0 ? 'yes' : i % 3 === 0 ? 'maybe' : 'no'));

  test('trainTestSplit is a seeded, stratified partition', () => {
    const a = trainTestSplit(labels, { testFraction: 0.3, seed: 3 });
    expect(trainTestSplit(labels, { testFraction: 0.3, seed: 3 })).toEqual(a);
    expect(trainTestSplit(labels, { testFraction: 0.3, seed: 4 }).test).not.toEqual(a.test);
    expect(a.test).toHaveLength(Math.ceil(0.3 * 103));
    expect([...a.train, ...a.test].sort((x, y) => x - y)).toEqual(labels.map((_, i) => i));
    for (const c of ['yes', 'maybe', 'no']) {
      const total = labels.filter((v) => v === c).length;
      const inTest = a.test.filter((i) => labels[i] === c).length;
      expect(Math.abs(inTest - (total * a.test.length) / 103)).toBeLessThan(1);
    }
  });

  test('stratifiedKFold puts every row in exactly one test fold, classes balanced to one row', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 5, maxLength: 60 }), fc.integer({ min: 2, max: 5 }), (y, k) => {
      const folds = stratifiedKFold(y, { folds: k, seed: 1 });
      const seen = new Array(y.length).fill(0);
      for (const f of folds) {
        for (const i of f.test) seen[i]++;
        expect(f.train.length + f.test.length).toBe(y.length);
      }
      expect(seen.every((v) => v === 1)).toBe(true);
      for (const c of [0, 1, 2]) {
        const per = folds.map((f) => f.test.filter((i) => y[i] === c).length);
        expect(Math.max(...per) - Math.min(...per)).toBeLessThanOrEqual(1);
      }
      const sizes = folds.map((f) => f.test.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }));
  });

  test('crossValidate scores each fold and returns out-of-fold predictions', () => {
    const x = Array.from({ length: 40 }, (_, i) => [i]);
    const y = x.map((r) => (r[0]! % 2 === 0 ? 1 : 0));
    const folds = stratifiedKFold(y, { folds: 4 });
    // A "model" that remembers the training mean of the label: predictions are constant per fold.
    const res = crossValidate(
      (_f: number[][], l: number[]) => l.reduce((a, v) => a + v, 0) / l.length,
      (m: number, f: number[][]) => f.map((r) => m + (r[0]! % 2 === 0 ? 1 : 0)),
      { features: x, labels: y },
      folds,
    );
    expect(res.folds.map((f) => f.score)).toEqual([1, 1, 1, 1]);
    expect(res.predictions.every((p) => p !== null)).toBe(true);
    expect(res.mean).toBe(1);
    expect(res.standardDeviation).toBe(0);
  });
});

test('crossValidate runs a model of this library (fitLogistic) fold by fold', () => {
  const x = Array.from({ length: 120 }, (_, i) => [Math.sin(i), Math.cos(3 * i)]);
  const y = x.map((r, i) => (r[0]! + 0.5 * r[1]! + 0.3 * Math.sin(7 * i) > 0 ? 1 : 0));
  const folds = stratifiedKFold(y, { folds: 4, seed: 2 });
  const res = crossValidate((f: number[][], l: number[]) => fitLogistic(f, l), predictLogisticProba, { features: x, labels: y }, folds);
  folds.forEach((f, k) => {
    const m = fitLogistic(f.train.map((i) => x[i]!), f.train.map((i) => y[i]!));
    expect(res.folds[k]!.score).toBe(rocAuc(f.test.map((i) => y[i]!), predictLogisticProba(m, f.test.map((i) => x[i]!))));
  });
  expect(res.mean).toBeGreaterThan(0.9);
});

describe('bad input gets a clear answer', () => {
  test('rocAuc with one class -> SINGLE_CLASS', () => expectCode(() => rocAuc([1, 1, 1], [0.1, 0.2, 0.3]), 'SINGLE_CLASS'));
  test('scores with NaN -> NON_FINITE', () => expectCode(() => rocAuc([1, 0], [0.5, NaN]), 'NON_FINITE'));
  test('labels that are not binary -> NOT_BINARY', () => expectCode(() => averagePrecision([1, 2, 0], [0.1, 0.2, 0.3]), 'NOT_BINARY'));
  test('mismatched lengths -> LENGTH_MISMATCH', () => expectCode(() => ksStatistic([1, 0], [0.1, 0.2, 0.3]), 'LENGTH_MISMATCH'));
  test('empty labels -> EMPTY_INPUT', () => expectCode(() => rocCurve([], []), 'EMPTY_INPUT'));
  test('a missing label -> MISSING_VALUE', () => expectCode(() => logLoss([1, null as never], [0.1, 0.2]), 'MISSING_VALUE'));
  test('a probability above 1 -> INVALID_INPUT', () => expectCode(() => brierScore([1, 0], [1.2, 0.2]), 'INVALID_INPUT'));
  test('liftTable with no responders -> SINGLE_CLASS', () => expectCode(() => liftTable([0, 0], [0.1, 0.2], { groups: 2 }), 'SINGLE_CLASS'));
  test('liftTable with more groups than rows -> INVALID_OPTION', () => expectCode(() => liftTable([1, 0], [0.1, 0.2]), 'INVALID_OPTION'));
  test('an unknown option -> INVALID_OPTION', () => expectCode(() => liftTable([1, 0], [0.1, 0.2], { group: 2 } as never), 'INVALID_OPTION'));
  test('profitCurve without valuePerResponse -> INVALID_OPTION', () => expectCode(() => profitCurve([1, 0], [0.1, 0.2], {} as never), 'INVALID_OPTION'));
  test('profitCurve with valuePerResponse or costPerContact 1e308 (the profit would overflow) -> INVALID_OPTION naming it', () => {
    const y = [1, 0, 1, 0, 1];
    const s = [0.9, 0.8, 0.7, 0.2, 0.1];
    for (const option of ['valuePerResponse', 'costPerContact'] as const) {
      const options = { valuePerResponse: 10, costPerContact: 4, [option]: 1e308 };
      expectCode(() => profitCurve(y, s, options), 'INVALID_OPTION');
      expect(() => profitCurve(y, s, options)).toThrow(new RegExp(`${option} 1e\\+308 times`));
    }
    // The largest amounts whose totals fit still give a finite curve, equal to a scan.
    const c = profitCurve(y, s, { valuePerResponse: 5e307, costPerContact: 3e307 });
    expect(c.profit.every(Number.isFinite)).toBe(true);
    expect(c.profit[3]).toBe(2 * 5e307 - 3 * 3e307);
  });
  test('trainTestSplit leaving an empty side -> INVALID_OPTION', () => expectCode(() => trainTestSplit([0, 1, 1], { testFraction: 0.9 }), 'INVALID_OPTION'));
  test('stratifiedKFold with more folds than rows -> INVALID_OPTION', () => expectCode(() => stratifiedKFold([0, 1, 1], { folds: 4 }), 'INVALID_OPTION'));
  test('crossValidate with a fold index out of range -> INVALID_INPUT', () =>
    expectCode(() => crossValidate(() => 0, () => [0], { features: [[1], [2]], labels: [0, 1] }, [{ train: [0], test: [5] }]), 'INVALID_INPUT'));
  test('inputs are not mutated', () => {
    const y = [1, 0, 1, 0];
    const s = [0.3, 0.1, 0.2, 0.4];
    liftTable(y, s, { groups: 2 });
    rocAuc(y, s);
    expect(y).toEqual([1, 0, 1, 0]);
    expect(s).toEqual([0.3, 0.1, 0.2, 0.4]);
  });
});
