// The Hillstrom MineThatData e-mail data (../shared/data/hillstrom.csv.gz, 64,000 customers, three
// random arms): rates, tests and intervals against statsmodels (fixture made by
// test/campaign/fixtures/make_hillstrom.py), and an uplift model's Qini coefficient on a holdout.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import {
  armRates,
  fitTwoModelUplift,
  predictTwoModelUplift,
  proportionsChiSquareTest,
  qiniAucScore,
  rateDifference,
  twoProportionZTest,
  upliftAtK,
  upliftByPercentile,
} from '../../src/campaign/index.js';
import { trainTestSplit } from '../../src/metrics/index.js';
import { fitDecisionTree, predictDecisionTreeProba } from '../../src/tree/index.js';
import { parseCsv, readDataText, REPO_ROOT } from '../helpers/shared.js';

const fx = JSON.parse(readFileSync(join(REPO_ROOT, 'test/campaign/fixtures/hillstrom.json'), 'utf8'));
// RFC 4180: history_segment holds quoted commas ("6) $750 - $1,000").
const table = parseCsv(readDataText('hillstrom.csv.gz')).filter((r) => r.length > 1);
const header = table[0]!;
const col = (name: string) => header.indexOf(name);
const rows = table.slice(1);
const close = (a: number, e: number, what: string) => expect(Math.abs(a - e), `${what}: ${a} vs ${e}`).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(e)));

test('the file is the published one: 64,000 rows, visit rate 0.14678, conversion rate 0.00903, three arms', () => {
  expect(rows.length).toBe(64000);
  const visit = rows.map((r) => Number(r[col('visit')]));
  expect(visit.reduce((a, b) => a + b, 0) / 64000).toBeCloseTo(0.14678, 5);
  const r = armRates(rows.map((r) => Number(r[col('conversion')])), rows.map((r) => r[col('segment')]!));
  expect(r.arms.map((a) => [a.arm, a.trials])).toEqual([['Mens E-Mail', 21307], ['No E-Mail', 21306], ['Womens E-Mail', 21387]]);
});

test.each(['visit', 'conversion'])('%s: rates per arm with Wilson intervals, z-tests, Newcombe differences and the 3-arm chi-square equal statsmodels', (outcome) => {
  const y = rows.map((r) => Number(r[col(outcome)]));
  const rates = armRates(y, rows.map((r) => r[col('segment')]!));
  const arm = (name: string) => rates.arms.find((a) => a.arm === name)!;
  for (const a of rates.arms) {
    const e = fx.arms[outcome][a.arm as string];
    expect([a.successes, a.trials]).toEqual([e.successes, e.trials]);
    close(a.lower, e.lower, `${a.arm} lower`);
    close(a.upper, e.upper, `${a.arm} upper`);
  }
  const counts = (name: string) => ({ successes: arm(name).successes, trials: arm(name).trials });
  for (const mail of ['Mens E-Mail', 'Womens E-Mail']) {
    const e = fx.tests[`${outcome}:${mail}`];
    const z = twoProportionZTest(counts(mail), counts('No E-Mail'));
    close(z.z, e.z, 'z');
    close(z.pValue, e.pValue, 'p');
    const d = rateDifference(counts(mail), counts('No E-Mail'));
    close(d.lower, e.lower, 'diff lower');
    close(d.upper, e.upper, 'diff upper');
  }
  const chi = proportionsChiSquareTest(['Mens E-Mail', 'No E-Mail', 'Womens E-Mail'].map(counts));
  close(chi.statistic, fx.tests[`${outcome}:chisquare`].statistic, 'chi2');
  close(chi.pValue, fx.tests[`${outcome}:chisquare`].pValue, 'chi2 p');
});

test("men's e-mail vs no e-mail on visits: a two-model tree uplift has a positive Qini coefficient on a 30% holdout", () => {
  const pick = rows.filter((r) => r[col('segment')] !== 'Womens E-Mail');
  const features = pick.map((r) => [
    Number(r[col('recency')]), Number(r[col('history')]), Number(r[col('mens')]), Number(r[col('womens')]), Number(r[col('newbie')]),
    ['Urban', 'Surburban', 'Rural'].indexOf(r[col('zip_code')]!), ['Phone', 'Web', 'Multichannel'].indexOf(r[col('channel')]!),
  ]);
  const outcomes = pick.map((r) => Number(r[col('visit')]));
  const treatment = pick.map((r) => (r[col('segment')] === 'Mens E-Mail' ? 1 : 0));
  const split = trainTestSplit(pick.map((_, i) => `${treatment[i]}${outcomes[i]}`), { testFraction: 0.3, seed: 7 });
  const take = <T>(a: T[], idx: number[]) => idx.map((i) => a[i]!);
  const model = fitTwoModelUplift((x: number[][], y: number[]) => fitDecisionTree(x, y, { maxDepth: 4, minSamplesLeaf: 500 }), {
    features: take(features, split.train), outcomes: take(outcomes, split.train), treatment: take(treatment, split.train),
  });
  const uplift = predictTwoModelUplift((m, x: number[][]) => predictDecisionTreeProba(m, x).map((p) => p[m.classes.indexOf(1)]!), model, take(features, split.test));
  const yTest = take(outcomes, split.test);
  const wTest = take(treatment, split.test);
  const qini = qiniAucScore(yTest, uplift, wTest);
  const top = upliftAtK(yTest, uplift, wTest, { fraction: 0.3 });
  const deciles = upliftByPercentile(yTest, uplift, wTest);
  console.log(`Hillstrom visit, men's e-mail: holdout ${yTest.length}; Qini coefficient ${qini.toFixed(4)}; uplift at 30% ${top.uplift.toFixed(4)} vs overall ${deciles.total.uplift.toFixed(4)}`);
  expect(qini).toBeGreaterThan(0);
  expect(top.uplift).toBeGreaterThan(deciles.total.uplift);
});
