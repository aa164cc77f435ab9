// scikit-learn / scipy values on seeded random inputs (fixtures made once by
// test/metrics/fixtures/make_fixtures.py; no Python needed here).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  averagePrecision,
  brierScore,
  calibrationTable,
  ksStatistic,
  logLoss,
  rocAuc,
  rocCurve,
} from '../../src/metrics/index.js';
import { REPO_ROOT } from '../helpers/shared.js';

interface Case {
  labels: number[];
  scores: number[];
  roc_auc_score: number;
  average_precision_score: number;
  log_loss: number;
  brier_score_loss: number;
  ks_2samp: number;
  roc_curve: { fpr: number[]; tpr: number[]; thresholds_after_first: number[] };
  [calibration: string]: unknown;
}

const fixture = JSON.parse(readFileSync(join(REPO_ROOT, 'test/metrics/fixtures/sklearn_metrics.json'), 'utf8')) as { cases: Case[] };
const cases = fixture.cases.map((c, k) => [`case ${k} (n=${c.labels.length})`, c] as const);

function close(actual: number, expected: number, tol = 1e-12): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
}

describe.each(cases)('%s', (_name, c) => {
  test('rocAuc, averagePrecision, logLoss, brierScore equal scikit-learn to 1e-12', () => {
    close(rocAuc(c.labels, c.scores), c.roc_auc_score);
    close(averagePrecision(c.labels, c.scores), c.average_precision_score);
    close(logLoss(c.labels, c.scores), c.log_loss);
    close(brierScore(c.labels, c.scores), c.brier_score_loss);
  });

  test('ksStatistic equals scipy ks_2samp and rocCurve equals roc_curve(drop_intermediate=False)', () => {
    close(ksStatistic(c.labels, c.scores).statistic, c.ks_2samp);
    const r = rocCurve(c.labels, c.scores);
    expect(r.thresholds.slice(1)).toEqual(c.roc_curve.thresholds_after_first);
    r.falsePositiveRate.forEach((v, i) => close(v, c.roc_curve.fpr[i]!));
    r.truePositiveRate.forEach((v, i) => close(v, c.roc_curve.tpr[i]!));
  });

  test('calibrationTable equals calibration_curve (uniform and quantile, 5 and 10 bins)', () => {
    for (const strategy of ['uniform', 'quantile'] as const) {
      for (const bins of [5, 10]) {
        const ref = c[`calibration_${strategy}_${bins}`] as { prob_true: number[]; prob_pred: number[] };
        const t = calibrationTable(c.labels, c.scores, { bins, strategy });
        expect(t.map((b) => b.observedRate).length, `${strategy} ${bins}`).toBe(ref.prob_true.length);
        t.forEach((b, i) => {
          close(b.observedRate, ref.prob_true[i]!);
          close(b.meanPredicted, ref.prob_pred[i]!);
        });
      }
    }
  });
});
