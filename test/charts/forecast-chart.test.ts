// forecastChart is checked for what it SAYS: the drawn points and bands read back from the spec
// equal the history, the forecast and its intervals, and the spec renders.
import { describe, expect, test } from 'vitest';
import { forecastChart } from '../../src/charts/index.js';
import { fitTheta, forecastTheta, salesSeries } from '../../src/forecast/index.js';
import { codeOf } from '../helpers/errors.js';
import { renderSvg } from './render.js';

type Row = Record<string, number | string>;
const layer = (spec: object, i: number): Row[] => (spec as { layer: { data: { values: Row[] } }[] }).layer[i]!.data.values;

describe('forecastChart(history, forecast)', () => {
  const history = [12, 15, 20, 11, 13, 17, 22, 12, 14, 18, 24, 13, 15, 20, 25, 14];
  const f = forecastTheta(fitTheta(history, { period: 4 }), 6);

  test('the history line is the history, the forecast line the mean, joined at the last value', async () => {
    const spec = forecastChart(history, f);
    const lines = layer(spec, 1);
    const hist = lines.filter((p) => p.series === 'history');
    expect(hist.map((p) => p.value)).toEqual(history);
    expect(hist.map((p) => p.t)).toEqual(history.map((_, i) => i));
    const fc = lines.filter((p) => p.series === 'forecast');
    expect(fc.map((p) => [p.t, p.value])).toEqual([[15, 14], ...f.mean.map((v, j) => [16 + j, v])]);
    expect(await renderSvg(spec)).toMatch(/^<svg/);
  });
  test('each band is the interval of its level at each step', () => {
    const bands = layer(forecastChart(history, f), 0);
    for (const level of f.level) {
      const mine = bands.filter((b) => b.level === `${level}%`);
      expect(mine.map((b) => b.t)).toEqual(f.mean.map((_, j) => 16 + j));
      expect(mine.map((b) => b.lower)).toEqual(f.lower[String(level)]);
      expect(mine.map((b) => b.upper)).toEqual(f.upper[String(level)]);
    }
    // The widest band comes first, so the narrow one is drawn on top.
    expect(bands[0]!.level).toBe('95%');
  });
  test('a salesSeries and its forecast put period labels on the axis; historyPoints trims the history', async () => {
    const lines = Array.from({ length: 14 }, (_, i) => ({ date: `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`, amount: 10 + (i % 3) }));
    const s = salesSeries(lines, { to: '2024-02-29' });
    const spec = forecastChart(s, forecastTheta(fitTheta(s), 2), { historyPoints: 3 });
    const pts = layer(spec, 1);
    expect(pts.map((p) => p.period)).toEqual(['2023-12', '2024-01', '2024-02', '2024-02', '2024-03', '2024-04']);
    expect((spec as unknown as { layer: { encoding: { x: { field: string } } }[] }).layer[1]!.encoding.x.field).toBe('period');
    expect(await renderSvg(spec)).toMatch(/^<svg/);
  });
  test('refuses what is not a forecast, and NaN', () => {
    expect(codeOf(() => forecastChart(history, { kind: 'kmeans' } as never))).toBe('WRONG_RESULT_KIND');
    expect(codeOf(() => forecastChart([1, NaN], f))).toBe('NON_FINITE');
    expect(codeOf(() => forecastChart([], f))).toBe('EMPTY_INPUT');
    expect(codeOf(() => forecastChart(history, f, { historyPoints: 0 }))).toBe('INVALID_OPTION');
  });
});
