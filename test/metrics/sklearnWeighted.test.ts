// scikit-learn 1.2.1 with sample_weight (ties and zero weights) and log_loss(eps=0), on seeded
// random inputs (fixture made once by test/metrics/fixtures/make_weighted_fixtures.py).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { averagePrecision, logLoss, prCurve, rocAuc, rocCurve } from '../../src/metrics/index.js';
import { REPO_ROOT } from '../helpers/shared.js';

interface Case {
  labels: number[];
  scores: number[];
  weights: number[];
  roc_auc_score: number;
  average_precision_score: number;
  roc_curve: { fpr: number[]; tpr: number[]; thresholds_after_first: number[] };
  precision_recall_curve: { precision: number[]; recall: number[]; thresholds: number[] };
}
const fixture = JSON.parse(readFileSync(join(REPO_ROOT, 'test/metrics/fixtures/sklearn_weighted.json'), 'utf8')) as {
  cases: Case[];
  log_loss_eps0: { labels: number[]; probabilities: number[]; log_loss: number | 'Infinity' }[];
};

function close(actual: number, expected: number, tol = 1e-12): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
}

describe.each(fixture.cases.map((c, k) => [`weighted case ${k} (n=${c.labels.length}, ${c.weights.filter((w) => w === 0).length} zero weights)`, c] as const))('%s', (_name, c) => {
  const options = { weights: c.weights };
  test('rocAuc and averagePrecision with weights equal roc_auc_score / average_precision_score(sample_weight) to 1e-12', () => {
    close(rocAuc(c.labels, c.scores, options), c.roc_auc_score);
    close(averagePrecision(c.labels, c.scores, options), c.average_precision_score);
  });
  test('rocCurve and prCurve with weights equal roc_curve(drop_intermediate=False) and precision_recall_curve(sample_weight)', () => {
    const r = rocCurve(c.labels, c.scores, options);
    expect(r.thresholds.slice(1)).toEqual(c.roc_curve.thresholds_after_first);
    expect(r.falsePositiveRate.length).toBe(c.roc_curve.fpr.length);
    r.falsePositiveRate.forEach((v, i) => close(v, c.roc_curve.fpr[i]!));
    r.truePositiveRate.forEach((v, i) => close(v, c.roc_curve.tpr[i]!));
    // scikit-learn lists the PR points by increasing threshold and appends (recall 0, precision 1).
    const pr = prCurve(c.labels, c.scores, options);
    const ref = c.precision_recall_curve;
    expect(pr.thresholds).toEqual([...ref.thresholds].reverse());
    expect(pr.precision.length).toBe(ref.precision.length - 1);
    pr.precision.forEach((v, i) => close(v, ref.precision[ref.precision.length - 2 - i]!));
    pr.recall.forEach((v, i) => close(v, ref.recall[ref.recall.length - 2 - i]!));
  });
});

test('weights of all ones give exactly the unweighted rocAuc, averagePrecision, rocCurve and prCurve', () => {
  for (const c of fixture.cases) {
    const ones = { weights: c.labels.map(() => 1) };
    expect(rocAuc(c.labels, c.scores, ones)).toBe(rocAuc(c.labels, c.scores));
    expect(averagePrecision(c.labels, c.scores, ones)).toBe(averagePrecision(c.labels, c.scores));
    expect(rocCurve(c.labels, c.scores, ones)).toEqual(rocCurve(c.labels, c.scores));
    expect(prCurve(c.labels, c.scores, ones)).toEqual(prCurve(c.labels, c.scores));
  }
});

test('integer weights equal repeating each row that many times (zero = dropped)', () => {
  for (const c of fixture.cases.filter((c) => c.weights.every(Number.isInteger))) {
    const labels: number[] = [];
    const scores: number[] = [];
    c.weights.forEach((w, i) => { for (let r = 0; r < w; r++) { labels.push(c.labels[i]!); scores.push(c.scores[i]!); } });
    close(rocAuc(c.labels, c.scores, { weights: c.weights }), rocAuc(labels, scores));
    close(averagePrecision(c.labels, c.scores, { weights: c.weights }), averagePrecision(labels, scores));
  }
});

test('logLoss(y, p, { eps: 0 }) equals scikit-learn log_loss(eps=0): Infinity for a confident mistake, not NaN', () => {
  for (const c of fixture.log_loss_eps0) {
    const v = logLoss(c.labels, c.probabilities, { eps: 0 });
    if (c.log_loss === 'Infinity') expect(v).toBe(Infinity);
    else close(v, c.log_loss);
  }
});
