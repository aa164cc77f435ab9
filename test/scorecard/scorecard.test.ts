import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  applyWoeBinning, buildScorecard, fitWoeBinning, populationStability, populationStabilityFromCounts, scoreDiscrimination, scoreScorecard,
} from '../../src/scorecard/index.js';
import { fitLogistic, predictLogisticProba } from '../../src/linear/index.js';
import { ksStatistic, rocAuc } from '../../src/metrics/index.js';
import { codeOf } from '../helpers/errors.js';
import { GERMAN_CATEGORICAL, GERMAN_NUMERIC, loadGermanCredit } from '../../examples/data/germanCredit.js';

const german = loadGermanCredit();
const bad = german.map((r) => r.bad);
const binning = fitWoeBinning(german, bad, { numeric: GERMAN_NUMERIC, categorical: GERMAN_CATEGORICAL });
const kept = binning.variables.filter((v) => v.iv >= 0.02).map((v) => v.name);
const woe = applyWoeBinning(binning, german).map((row) => binning.variables.map((v, j) => [v.name, row[j]!] as const).filter(([n]) => kept.includes(n)).map(([, w]) => w));
const logistic = fitLogistic(woe, bad, { penalty: 'none', featureNames: kept });

describe('buildScorecard + scoreScorecard on German credit', () => {
  const card = buildScorecard(binning, logistic, { pdo: 20, baseScore: 600, baseOdds: 50 });

  test('the score is offset + factor * ln(good:bad odds) of the logistic model, to 1e-9', () => {
    const p = predictLogisticProba(logistic, woe);
    const scores = scoreScorecard(card, german);
    const factor = 20 / Math.log(2);
    const offset = 600 - factor * Math.log(50);
    scores.forEach((s, i) => expect(Math.abs(s - (offset + factor * Math.log((1 - p[i]!) / p[i]!)))).toBeLessThan(1e-9));
  });

  test('scores lie within [minScore, maxScore] and doubling the odds adds pdo points', () => {
    const scores = scoreScorecard(card, german);
    for (const s of scores) { expect(s).toBeGreaterThanOrEqual(card.minScore - 1e-9); expect(s).toBeLessThanOrEqual(card.maxScore + 1e-9); }
    // Two scorecards differing only in baseOdds x2 shift every score by -pdo.
    const card2 = buildScorecard(binning, logistic, { pdo: 20, baseScore: 600, baseOdds: 100 });
    const s2 = scoreScorecard(card2, german.slice(0, 20));
    s2.forEach((s, i) => expect(s - scores[i]!).toBeCloseTo(-20, 9));
  });

  test('KS and Gini of the score equal crm-mining/metrics on the probability', () => {
    const scores = scoreScorecard(card, german);
    const d = scoreDiscrimination(bad, scores);
    const p = predictLogisticProba(logistic, woe);
    expect(d.auc).toBeCloseTo(rocAuc(bad, p), 9);
    expect(d.gini).toBeCloseTo(2 * rocAuc(bad, p) - 1, 9);
    expect(d.ks).toBeCloseTo(ksStatistic(bad, p).statistic, 9);
    expect(d.auc).toBeGreaterThan(0.75);
  });

  test('roundPoints gives integer points and scores within rounding of the exact ones', () => {
    const r = buildScorecard(binning, logistic, { roundPoints: true });
    for (const v of r.variables) for (const p of v.points) expect(Number.isInteger(p)).toBe(true);
    const exact = scoreScorecard(card, german.slice(0, 30));
    scoreScorecard(r, german.slice(0, 30)).forEach((s, i) => expect(Math.abs(s - exact[i]!)).toBeLessThanOrEqual(0.5 * r.variables.length));
  });

  test('survives a JSON round trip, and tampered JSON throws INVALID_MODEL', () => {
    const copy = JSON.parse(JSON.stringify(card));
    expect(scoreScorecard(copy, german.slice(0, 10))).toEqual(scoreScorecard(card, german.slice(0, 10)));
    const t1 = JSON.parse(JSON.stringify(card)); t1.variables[0].points.pop();
    const t2 = JSON.parse(JSON.stringify(card)); t2.factor = 'x';
    const t3 = JSON.parse(JSON.stringify(card)); t3.variables[0].binning.splits = [5, 1];
    const t4 = JSON.parse(JSON.stringify(card)); t4.kind = 'woeBinning';
    for (const t of [t1, t2, t3, t4]) expect(codeOf(() => scoreScorecard(t, german.slice(0, 2)))).toBe('INVALID_MODEL');
  });

  test('bad input: a feature not in the binning, non-finite coefficients, unknown options', () => {
    expect(codeOf(() => buildScorecard(binning, { featureNames: ['nope'], coefficients: [1], intercept: 0 }))).toBe('INVALID_INPUT');
    expect(codeOf(() => buildScorecard(binning, { featureNames: ['age'], coefficients: [NaN], intercept: 0 }))).toBe('INVALID_INPUT');
    expect(codeOf(() => buildScorecard(binning, { featureNames: ['age'], coefficients: [1, 2], intercept: 0 }))).toBe('INVALID_INPUT');
    expect(codeOf(() => buildScorecard(binning, logistic, { pdo: 0 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => buildScorecard(binning, logistic, { baseOdd: 3 } as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => scoreScorecard(card, [{ ...german[0]!, purpose: 'A4711' }], { unknownCategory: 'refuse' }))).toBe('UNKNOWN_CATEGORY');
    const purpose = card.variables.find((v) => v.name === 'purpose')!;
    const groups = (purpose.binning as { groups: string[][] }).groups;
    const own = purpose.points[groups.findIndex((g) => g.includes(String(german[0]!.purpose)))]!;
    expect(scoreScorecard(card, [{ ...german[0]!, purpose: 'A4711' }])[0]).toBeCloseTo(scoreScorecard(card, [german[0]!])[0]! - own + purpose.unseenPoints, 9);
  });
});

describe('populationStability', () => {
  test('populationStabilityFromCounts equals the formula and is 0 for identical shares', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 })), { minLength: 1, maxLength: 12 }), (pairs) => {
      const e = pairs.map((p) => p[0]); const a = pairs.map((p) => p[1]);
      const te = e.reduce((s, c) => s + c, 0); const ta = a.reduce((s, c) => s + c, 0);
      const brute = e.reduce((s, c, k) => s + (a[k]! / ta - c / te) * Math.log((a[k]! / ta) / (c / te)), 0);
      const r = populationStabilityFromCounts(e, a);
      expect(r.psi).toBeCloseTo(brute, 12);
      expect(r.psi).toBeGreaterThanOrEqual(-1e-15);
      expect(populationStabilityFromCounts(e, e.map((c) => 3 * c)).psi).toBeCloseTo(0, 12);
    }));
  });
  test('an empty bin is smoothed by 0.5, or refused at smoothing 0', () => {
    const r = populationStabilityFromCounts([10, 0], [5, 5]);
    expect(r.smoothing).toBe(0.5);
    expect(Number.isFinite(r.psi)).toBe(true);
    expect(codeOf(() => populationStabilityFromCounts([10, 0], [5, 5], { smoothing: 0 }))).toBe('INVALID_INPUT');
    expect(codeOf(() => populationStabilityFromCounts([1, 2], [1]))).toBe('LENGTH_MISMATCH');
    expect(codeOf(() => populationStabilityFromCounts([], []))).toBe('EMPTY_INPUT');
    expect(codeOf(() => populationStabilityFromCounts([1, -1], [1, 1]))).toBe('NEGATIVE_VALUE');
  });
  test('populationStability bins at the deciles of the reference sample', () => {
    const e = Array.from({ length: 1000 }, (_, i) => i);
    const r = populationStability(e, e.map((v) => v + 100));
    expect(r.bins.length).toBe(10);
    expect(r.bins.map((b) => b.expected)).toEqual(new Array(10).fill(100));
    expect(r.psi).toBeGreaterThan(0.1);
    expect(codeOf(() => populationStability([1, NaN], [1]))).toBe('NON_FINITE');
    expect(codeOf(() => populationStability([], [1]))).toBe('EMPTY_INPUT');
  });
});

describe('scoreDiscrimination', () => {
  test('equals rocAuc / ksStatistic of the negated score on random data with ties', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 6 })), { minLength: 2, maxLength: 60 }).filter((r) => r.some((x) => x[0]) && r.some((x) => !x[0])), (rows) => {
      const y = rows.map((r) => (r[0] ? 1 : 0));
      const s = rows.map((r) => r[1]);
      const d = scoreDiscrimination(y, s);
      expect(d.auc).toBeCloseTo(rocAuc(y, s.map((v) => -v)), 12);
      expect(d.ks).toBeCloseTo(ksStatistic(y, s).statistic, 12);
    }));
  });
  test('refuses one class and non-finite scores', () => {
    expect(codeOf(() => scoreDiscrimination([1, 1], [1, 2]))).toBe('SINGLE_CLASS');
    expect(codeOf(() => scoreDiscrimination([1, 0], [1, NaN]))).toBe('NON_FINITE');
    expect(codeOf(() => scoreDiscrimination([], []))).toBe('EMPTY_INPUT');
  });
});
