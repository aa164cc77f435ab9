import { describe, expect, test } from 'vitest';
import { scoreDistributionChart, woeChart } from '../../src/charts/index.js';
import { buildScorecard, fitWoeBinning, scoreScorecard } from '../../src/scorecard/index.js';
import { codeOf } from '../helpers/errors.js';
import { loadGermanCredit } from '../../examples/data/germanCredit.js';
import { renderSvg } from './render.js';

const german = loadGermanCredit();
const bad = german.map((r) => r.bad);
const binning = fitWoeBinning(german, bad, { numeric: ['duration', 'age'], categorical: ['checkingStatus'] });
const card = buildScorecard(binning, { featureNames: ['duration', 'age', 'checkingStatus'], coefficients: [-0.9, -0.8, -0.85], intercept: -0.85 });
const scores = scoreScorecard(card, german);

describe('woeChart and scoreDistributionChart', () => {
  test('woeChart plots each non-empty bin\'s WoE, count and event rate, in bin order', () => {
    for (const v of binning.variables) {
      const values = (woeChart(v).data as { values: { bin: string; woe: number; count: number; eventRate: number }[] }).values;
      const shown = v.bins.filter((b, k) => !(k === v.bins.length - 1 && b.count === 0));
      expect(values.map((x) => [x.bin, x.woe, x.count, x.eventRate])).toEqual(shown.map((b) => [b.label, b.woe, b.count, b.eventRate]));
    }
  });
  test('scoreDistributionChart counts equal a recount of the scores per bin and outcome', () => {
    const spec = scoreDistributionChart({ scores, labels: bad }, { bins: 10 });
    const values = (spec.data as { values: { group: string; binStart: number; binEnd: number; count: number }[] }).values;
    expect(values.reduce((s, v) => s + v.count, 0)).toBe(scores.length);
    const lo = Math.min(...scores);
    const hi = Math.max(...scores);
    for (const v of values) {
      const k = Math.round((v.binStart - lo) / ((hi - lo) / 10));
      const recount = scores.filter((s, i) => Math.min(9, Math.floor((s - lo) / ((hi - lo) / 10))) === k && (bad[i] === 1) === (v.group === 'event')).length;
      expect(v.count).toBe(recount);
    }
    expect(values.filter((v) => v.group === 'event').reduce((s, v) => s + v.count, 0)).toBe(300);
  });
  test('both render to SVG and survive JSON', async () => {
    for (const spec of [woeChart(binning.variables[0]!), woeChart(binning.variables[2]!), scoreDistributionChart({ scores }), scoreDistributionChart({ scores, labels: bad })]) {
      expect(await renderSvg(spec)).toMatch(/^<svg/);
      expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
    }
  });
  test('bad input: wrong result kind, empty, NaN, length mismatch', () => {
    expect(codeOf(() => woeChart({ kind: 'kmeans' } as never))).toBe('WRONG_RESULT_KIND');
    expect(codeOf(() => woeChart({ name: 'x', iv: 0, bins: [] }))).toBe('EMPTY_INPUT');
    expect(codeOf(() => woeChart({ name: 'x', iv: 0, bins: [{ label: 'a', woe: NaN, count: 1, eventRate: 0 }] }))).toBe('NON_FINITE');
    expect(codeOf(() => scoreDistributionChart({ scores: [] }))).toBe('EMPTY_INPUT');
    expect(codeOf(() => scoreDistributionChart({ scores: [1, NaN] }))).toBe('NON_FINITE');
    expect(codeOf(() => scoreDistributionChart({ scores: [1, 2], labels: [1] }))).toBe('LENGTH_MISMATCH');
    expect(codeOf(() => scoreDistributionChart({ scores: [1, 2] }, { bins: 0 }))).toBe('INVALID_OPTION');
  });
});
