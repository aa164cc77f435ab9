// Isolation forest on the ADBench sets in ../shared/data: mean ROC AUC over seeds 0..39 against
// scikit-learn 1.2's over its seeds 0..39 (fixtures/iforest-sklearn-auc.json, from
// `bench/anomaly/sklearn_anomaly.py --fixture`). The two libraries draw different random streams,
// so only the means are comparable; one seed's AUC varies by about 0.012 on cardio, so a 10-seed
// mean has a standard error near 0.004 per side: 40 seeds make a 0.01 tolerance a real test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fitIsolationForest, predictIsolationForestScore } from '../../src/anomaly/index.js';
import { rocAuc } from '../../src/metrics/index.js';
import { hasSharedData } from '../helpers/shared.js';
import { ADBENCH_SETS, loadAdbench } from './adbench.js';

const sk = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'iforest-sklearn-auc.json'), 'utf8')) as { sets: Record<string, { meanAuc: number; aucs: number[] }> };
const SEEDS = 40;

describe.runIf(hasSharedData)(`isolation forest AUC vs scikit-learn, mean of ${SEEDS} seeds`, () => {
  test.each(ADBENCH_SETS.filter((s) => s !== 'shuttle'))('%s', (name) => {
    expect(sk.sets[name]!.aucs).toHaveLength(SEEDS);
    const { points, labels } = loadAdbench(name);
    let sum = 0;
    for (let seed = 0; seed < SEEDS; seed++) sum += rocAuc(labels, predictIsolationForestScore(fitIsolationForest(points, { seed }), points));
    expect(Math.abs(sum / SEEDS - sk.sets[name]!.meanAuc)).toBeLessThan(0.01);
  });
});
