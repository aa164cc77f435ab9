// scikit-uplift's metric definitions (sklift/metrics/metrics.py) ported to numpy by
// test/campaign/fixtures/make_fixtures.py; our values equal them to 1e-12 on the same scores.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  curveArea,
  perfectQiniCurve,
  perfectUpliftCurve,
  qiniAucScore,
  qiniCurve,
  upliftAtK,
  upliftAucScore,
  upliftByPercentile,
  upliftCurve,
  weightedAverageUplift,
  type UpliftStrategy,
} from '../../src/campaign/index.js';
import { REPO_ROOT } from '../helpers/shared.js';

type Curve = [number[], number[]];
interface Case {
  outcomes: number[];
  treatment: number[];
  uplift: number[];
  upliftCurve: Curve;
  qiniCurve: Curve;
  perfectUpliftCurve: Curve;
  perfectQiniCurve: Curve;
  upliftAuc: number;
  qiniAuc: number;
  upliftAucScore: number;
  qiniAucScore: number;
  qiniAucScoreNoNegative?: number;
  upliftAtK: { strategy: UpliftStrategy; fraction: number | null; count: number | null; uplift: number }[];
  byPercentile: {
    strategy: UpliftStrategy;
    bins: number;
    percentile: string[];
    treated: number[];
    control: number[];
    treatedRate: (number | null)[];
    controlRate: (number | null)[];
    uplift: (number | null)[];
    treatedStd: (number | null)[];
    controlStd: (number | null)[];
    upliftStd: (number | null)[];
    weightedAverageUplift: number | null;
  }[];
}
const fx = JSON.parse(readFileSync(join(REPO_ROOT, 'test/campaign/fixtures/sklift.json'), 'utf8')) as { cases: Case[] };

function close(actual: number | null, expected: number | null, what = '', tol = 1e-12): void {
  if (expected === null) {
    expect(actual, what).toBeNull();
    return;
  }
  expect(actual, what).not.toBeNull();
  expect(Math.abs(actual! - expected), `${what} ${actual} vs ${expected}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
}
function sameCurve(actual: { targeted: number[]; incremental: number[] }, [x, v]: Curve, what: string): void {
  expect(actual.targeted, what).toEqual(x);
  expect(actual.incremental.length, what).toBe(v.length);
  actual.incremental.forEach((a, i) => close(a, v[i]!, `${what}[${i}]`));
}

describe.each(fx.cases.map((c, k) => [`case ${k} (n=${c.outcomes.length})`, c] as const))('%s', (_n, c) => {
  const { outcomes: y, uplift: u, treatment: w } = c;
  test('upliftCurve, qiniCurve and their perfect curves equal scikit-uplift point by point', () => {
    sameCurve(upliftCurve(y, u, w), c.upliftCurve, 'uplift');
    sameCurve(qiniCurve(y, u, w), c.qiniCurve, 'qini');
    sameCurve(perfectUpliftCurve(y, w), c.perfectUpliftCurve, 'perfect uplift');
    sameCurve(perfectQiniCurve(y, w), c.perfectQiniCurve, 'perfect qini');
  });
  test('curveArea, upliftAucScore and qiniAucScore equal sklearn auc and scikit-uplift', () => {
    close(curveArea(upliftCurve(y, u, w)), c.upliftAuc, 'auuc');
    close(curveArea(qiniCurve(y, u, w)), c.qiniAuc, 'auqc');
    close(upliftAucScore(y, u, w), c.upliftAucScore, 'uplift_auc_score');
    close(qiniAucScore(y, u, w), c.qiniAucScore, 'qini_auc_score');
    if (c.qiniAucScoreNoNegative !== undefined) close(qiniAucScore(y, u, w, { negativeEffect: false }), c.qiniAucScoreNoNegative, 'no negative');
  });
  test('upliftAtK equals scikit-uplift uplift_at_k for fractions and counts, both strategies', () => {
    for (const k of c.upliftAtK) {
      const opts = k.fraction !== null ? { fraction: k.fraction } : { count: k.count! };
      close(upliftAtK(y, u, w, { ...opts, strategy: k.strategy }).uplift, k.uplift, `${k.strategy} ${JSON.stringify(opts)}`);
    }
  });
  test('upliftByPercentile and weightedAverageUplift equal scikit-uplift (NaN groups as null)', () => {
    for (const p of c.byPercentile) {
      const what = `${p.strategy} bins=${p.bins}`;
      const r = upliftByPercentile(y, u, w, { bins: p.bins, strategy: p.strategy });
      expect(r.groups.map((g) => g.percentile), what).toEqual(p.percentile);
      expect(r.groups.map((g) => g.treated), what).toEqual(p.treated);
      expect(r.groups.map((g) => g.control), what).toEqual(p.control);
      r.groups.forEach((g, i) => {
        close(g.treatedRate, p.treatedRate[i]!, `${what} rate_t ${i}`);
        close(g.controlRate, p.controlRate[i]!, `${what} rate_c ${i}`);
        close(g.uplift, p.uplift[i]!, `${what} uplift ${i}`);
        close(g.treatedStd, p.treatedStd[i]!, `${what} std_t ${i}`);
        close(g.controlStd, p.controlStd[i]!, `${what} std_c ${i}`);
        close(g.upliftStd, p.upliftStd[i]!, `${what} std ${i}`);
      });
      if (p.weightedAverageUplift === null) expect(() => weightedAverageUplift(y, u, w, { bins: p.bins, strategy: p.strategy })).toThrow(/no (treated|control) row/);
      else close(weightedAverageUplift(y, u, w, { bins: p.bins, strategy: p.strategy }), p.weightedAverageUplift, `${what} wau`);
    }
  });
});
