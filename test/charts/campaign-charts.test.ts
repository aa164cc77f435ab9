import { describe, expect, test } from 'vitest';
import { qiniChart, upliftByPercentileChart } from '../../src/charts/index.js';
import { perfectQiniCurve, perfectUpliftCurve, qiniAucScore, qiniCurve, upliftByPercentile, upliftCurve } from '../../src/campaign/index.js';
import { createRandom } from '../../src/core/random.js';
import { codeOf } from '../helpers/errors.js';
import { renderSvg } from './render.js';

const r = createRandom(16);
const n = 600;
const x = Array.from({ length: n }, () => r() * 2 - 1);
const w = x.map(() => (r() < 0.5 ? 1 : 0));
const y = x.map((v, i) => (r() < 0.15 + w[i]! * (v > 0 ? 0.2 : -0.05) ? 1 : 0));
const u = x.map((v) => v + r() * 0.5);

type Point = { targeted: number; incremental: number; curve: string };
const points = (spec: Record<string, unknown>) => (spec.data as { values: Point[] }).values;

describe('campaign charts', () => {
  test('qiniChart plots exactly the numbers of qiniCurve and perfectQiniCurve, with the random line', () => {
    const curve = qiniCurve(y, u, w);
    const perfect = perfectQiniCurve(y, w);
    const spec = qiniChart(curve, { perfect, coefficient: qiniAucScore(y, u, w) });
    const v = points(spec);
    const pick = (c: string) => v.filter((p) => p.curve === c);
    expect(pick('model').map((p) => p.targeted)).toEqual(curve.targeted);
    expect(pick('model').map((p) => p.incremental)).toEqual(curve.incremental);
    expect(pick('perfect').map((p) => p.incremental)).toEqual(perfect.incremental);
    expect(pick('random')).toEqual([
      { targeted: 0, incremental: 0, curve: 'random' },
      { targeted: n, incremental: curve.incremental.at(-1), curve: 'random' },
    ]);
    expect(spec.title).toMatch(/^Qini curve \(Qini coefficient -?\d\.\d{3}\)$/);
  });
  test('qiniChart, with an uplift curve, and upliftByPercentileChart render to SVG and survive JSON', async () => {
    const specs = [
      qiniChart(qiniCurve(y, u, w)),
      qiniChart(upliftCurve(y, u, w), { perfect: perfectUpliftCurve(y, w) }),
      upliftByPercentileChart(upliftByPercentile(y, u, w)),
    ];
    for (const spec of specs) {
      expect(await renderSvg(spec)).toMatch(/^<svg/);
      expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
    }
    const table = upliftByPercentile(y, u, w);
    expect(points(specs[2]!).map((p) => (p as unknown as { uplift: number }).uplift)).toEqual(table.groups.map((g) => g.uplift));
  });
  test('wrong kinds, mixed curve kinds, empty and non-finite curves are refused', () => {
    const q = qiniCurve(y, u, w);
    expect(codeOf(() => qiniChart(upliftByPercentile(y, u, w) as never))).toBe('WRONG_RESULT_KIND');
    expect(codeOf(() => qiniChart(q, { perfect: perfectUpliftCurve(y, w) }))).toBe('WRONG_RESULT_KIND');
    expect(codeOf(() => qiniChart({ ...q, kind: 'rocCurve' } as never))).toBe('WRONG_RESULT_KIND');
    expect(codeOf(() => upliftByPercentileChart(q as never))).toBe('WRONG_RESULT_KIND');
    expect(codeOf(() => qiniChart({ kind: 'qiniCurve', targeted: [], incremental: [] }))).toBe('EMPTY_INPUT');
    expect(codeOf(() => qiniChart({ kind: 'qiniCurve', targeted: [0, 1], incremental: [0, NaN] }))).toBe('NON_FINITE');
    expect(codeOf(() => qiniChart({ kind: 'qiniCurve', targeted: [0, 1], incremental: [0] }))).toBe('LENGTH_MISMATCH');
  });
});
