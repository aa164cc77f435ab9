// statsmodels 0.13.5 / scipy values (fixtures made once by test/campaign/fixtures/make_fixtures.py;
// no Python needed here), to 1e-10 relative.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  cohensH,
  minimumDetectableEffect,
  proportionInterval,
  proportionsChiSquareTest,
  rateDifference,
  rateRatio,
  twoProportionPower,
  twoProportionSampleSize,
  twoProportionZTest,
  type Alternative,
  type ProportionIntervalMethod,
  type RateDifferenceMethod,
  type RateRatioMethod,
} from '../../src/campaign/index.js';
import { REPO_ROOT } from '../helpers/shared.js';

type Pair = [number, number];
interface Fixture {
  intervals: { successes: number; trials: number; confidence: number; method: ProportionIntervalMethod; lower: number; upper: number }[];
  ztests: { treated: Pair; control: Pair; alternative: Alternative; z: number; pValue: number }[];
  chisq: { arms: Pair[]; statistic: number; pValue: number; scipyStatistic: number; scipyPValue: number; dof: number }[];
  diffs: { treated: Pair; control: Pair; confidence: number; method: RateDifferenceMethod; lower: number; upper: number }[];
  ratios: { treated: Pair; control: Pair; confidence: number; method: RateRatioMethod; lower: number; upper: number }[];
  plans: {
    controlRate: number; treatedRate: number; alternative: Alternative; ratio: number; alpha: number; power: number; effectSize: number;
    treatedSizeStatsmodels: number; treatedSizeExact: number; at: number; powerAt: number; effectAtStatsmodels: number; effectAtExact: number;
  }[];
}
const fx = JSON.parse(readFileSync(join(REPO_ROOT, 'test/campaign/fixtures/statsmodels.json'), 'utf8')) as Fixture;
const arm = ([successes, trials]: Pair) => ({ successes, trials });

function close(actual: number, expected: number, tol = 1e-10, what = ''): void {
  expect(Math.abs(actual - expected), `${what} ${actual} vs ${expected}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
}

describe('proportionInterval equals statsmodels proportion_confint', () => {
  test.each(fx.intervals.map((c) => [`${c.method} ${c.successes}/${c.trials} at ${c.confidence}`, c] as const))('%s', (_n, c) => {
    const r = proportionInterval({ successes: c.successes, trials: c.trials }, { method: c.method, confidence: c.confidence });
    // Jeffreys is pinned at the boundaries (documented); statsmodels 0.13.5 is not.
    const pinned = c.method === 'jeffreys';
    if (pinned && c.successes === 0) expect(r.lower).toBe(0);
    else close(r.lower, c.lower, 1e-10, 'lower');
    if (pinned && c.successes === c.trials) expect(r.upper).toBe(1);
    else close(r.upper, c.upper, 1e-10, 'upper');
  });
});

test('twoProportionZTest equals statsmodels proportions_ztest (pooled) for every alternative', () => {
  for (const c of fx.ztests) {
    const r = twoProportionZTest(arm(c.treated), arm(c.control), { alternative: c.alternative });
    close(r.z, c.z, 1e-10, `z ${c.treated} ${c.control}`);
    close(r.pValue, c.pValue, 1e-10, `p ${c.treated} ${c.control} ${c.alternative}`);
  }
});

test('proportionsChiSquareTest equals statsmodels proportions_chisquare and scipy chi2_contingency(correction=False)', () => {
  for (const c of fx.chisq) {
    const r = proportionsChiSquareTest(c.arms.map(arm));
    close(r.statistic, c.statistic, 1e-10, 'statistic');
    close(r.pValue, c.pValue, 1e-10, 'p');
    close(r.statistic, c.scipyStatistic, 1e-10, 'scipy statistic');
    close(r.pValue, c.scipyPValue, 1e-10, 'scipy p');
    expect(r.degreesOfFreedom).toBe(c.dof);
  }
});

test('proportionsChiSquareTest on two arms is the square of the two-sided z-test, with the same p-value', () => {
  for (const c of fx.ztests.filter((z) => z.alternative === 'twoSided')) {
    const z = twoProportionZTest(arm(c.treated), arm(c.control));
    const chi = proportionsChiSquareTest([arm(c.treated), arm(c.control)]);
    close(chi.statistic, z.z ** 2, 1e-12);
    close(chi.pValue, z.pValue, 1e-12);
  }
});

test('rateDifference equals statsmodels confint_proportions_2indep(compare="diff")', () => {
  for (const c of fx.diffs) {
    const r = rateDifference(arm(c.treated), arm(c.control), { method: c.method, confidence: c.confidence });
    close(r.lower, c.lower, 1e-10, `${c.method} lower ${c.treated} ${c.control}`);
    close(r.upper, c.upper, 1e-10, `${c.method} upper`);
  }
});

test('rateRatio equals statsmodels confint_proportions_2indep(compare="ratio", method="log" | "log-adjusted")', () => {
  for (const c of fx.ratios) {
    const r = rateRatio(arm(c.treated), arm(c.control), { method: c.method, confidence: c.confidence });
    close(r.lower, c.lower, 1e-10, `${c.method} lower ${c.treated} ${c.control}`);
    close(r.upper, c.upper, 1e-10, `${c.method} upper`);
  }
});

describe('planning functions equal statsmodels NormalIndPower with proportion_effectsize', () => {
  test.each(fx.plans.map((c) => [`${c.controlRate} -> ${c.treatedRate} ${c.alternative} ratio ${c.ratio} alpha ${c.alpha} power ${c.power}`, c] as const))('%s', (_n, c) => {
    const common = { alpha: c.alpha, ratio: c.ratio, alternative: c.alternative };
    close(cohensH(c.treatedRate, c.controlRate), c.effectSize, 1e-14, 'h');
    // The power function itself, to 1e-10.
    close(twoProportionPower({ ...common, controlRate: c.controlRate, treatedRate: c.treatedRate, treatedSize: c.at }).power, c.powerAt, 1e-10, 'power');
    // The root of the power equation: to 1e-10 of an exact root-finder on statsmodels' power, and
    // to statsmodels' own solve_power within its root-finding tolerance.
    const size = twoProportionSampleSize({ ...common, controlRate: c.controlRate, treatedRate: c.treatedRate, power: c.power });
    close(size.treatedSize, c.treatedSizeExact, 1e-10, 'n exact');
    close(size.treatedSize, c.treatedSizeStatsmodels, 1e-6, 'n statsmodels');
    close(size.controlSize, c.treatedSizeExact * c.ratio, 1e-10, 'control n');
    const mde = minimumDetectableEffect({ ...common, controlRate: c.controlRate, treatedSize: c.at, power: c.power });
    close(mde.effectSize, c.effectAtExact, 1e-10, 'h exact');
    // statsmodels' effect-size search stops early (brentq_expanding's default tolerance): 1e-4 relative.
    expect(Math.abs(mde.effectSize / c.effectAtStatsmodels - 1)).toBeLessThan(1e-4);
    close(cohensH(mde.treatedRate, c.controlRate), mde.effectSize, 1e-12, 'rate gives h');
  });
});
