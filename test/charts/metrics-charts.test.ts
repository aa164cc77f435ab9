import { describe, expect, test } from 'vitest';
import { codeOf } from '../helpers/errors.js';
import { gainChart, liftChart, rocChart } from '../../src/charts/index.js';
import { liftTable, rocAuc, rocCurve } from '../../src/metrics/index.js';
import { createRandom } from '../../src/core/random.js';
import { renderSvg } from './render.js';


const r = createRandom(9);
const labels = Array.from({ length: 400 }, () => (r() < 0.2 ? 1 : 0));
const scores = labels.map((y) => y * 0.3 + r());
const curve = rocCurve(labels, scores);
const table = liftTable(labels, scores, { groups: 10 });

describe('metric charts', () => {
  test('rocChart, gainChart and liftChart render to SVG', async () => {
    for (const spec of [rocChart(curve, { auc: rocAuc(labels, scores) }), gainChart(table), liftChart(table)]) {
      expect(await renderSvg(spec)).toMatch(/^<svg/);
      expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
    }
  });
  test('gainChart starts at (0, 0) and ends at (1, 1)', () => {
    const values = (gainChart(table).layer as { data: { values: { cumulativeShare: number; cumulativeGain: number }[] } }[])[0]!.data.values;
    expect(values[0]).toMatchObject({ cumulativeShare: 0, cumulativeGain: 0 });
    expect(values[values.length - 1]!.cumulativeShare).toBeCloseTo(1, 12);
    expect(values[values.length - 1]!.cumulativeGain).toBeCloseTo(1, 12);
  });
  test('wrong kinds, empty results and non-finite values are refused', () => {
    expect(codeOf(() => rocChart(table as never))).toBe('WRONG_RESULT_KIND');
    expect(() => rocChart(table as never)).toThrow(/rocCurve/);
    expect(codeOf(() => gainChart(curve as never))).toBe('WRONG_RESULT_KIND');
    expect(() => liftChart(curve as never)).toThrow(/liftTable/);
    expect(codeOf(() => liftChart([{ foo: 1 }] as never))).toBe('WRONG_RESULT_KIND');
    expect(codeOf(() => gainChart([]))).toBe('EMPTY_INPUT');
    expect(codeOf(() => rocChart({ falsePositiveRate: [], truePositiveRate: [] }))).toBe('EMPTY_INPUT');
    expect(codeOf(() => rocChart({ falsePositiveRate: [0, Number.NaN], truePositiveRate: [0, 1] }))).toBe('NON_FINITE');
    expect(codeOf(() => liftChart([{ group: 1, lift: Infinity, cumulativeShare: 1, cumulativeGain: 1 }]))).toBe('NON_FINITE');
  });
});
