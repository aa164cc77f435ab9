import { describe, expect, test } from 'vitest';
import { codeOf } from '../helpers/errors.js';
import { paretoChart, rfmGridChart, migrationChart } from '../../src/charts/index.js';
import { rfmScore, paretoAnalysis } from '../../src/rfm/index.js';
import { lifecycleTransitions } from '../../src/lifecycle/index.js';
import { createRandom } from '../../src/core/random.js';
import { renderSvg } from './render.js';


// A seeded order log: 60 customers over a year.
const r = createRandom(3);
const orders: { customer: string; date: number; amount: number; orderId: string }[] = [];
for (let c = 0; c < 60; c++) {
  const n = 1 + Math.floor(r() * 8);
  for (let k = 0; k < n; k++) {
    orders.push({ customer: `c${c}`, date: Date.UTC(2024, 0, 1) + Math.floor(r() * 360) * 86_400_000, amount: 5 + Math.floor(r() * 200), orderId: `o${c}-${k}` });
  }
}
const rfm = rfmScore(orders);
const pareto = paretoAnalysis(rfm);
const transitions = lifecycleTransitions(orders, { from: '2024-09-01', to: '2024-12-26' });

describe('charts render to SVG', () => {
  test('paretoChart(paretoAnalysis(...)) compiles and renders', async () => {
    const svg = await renderSvg(paretoChart(pareto));
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('Gini');
  });
  test('rfmGridChart(rfmScore(...)) compiles, renders and counts every customer once', async () => {
    const spec = rfmGridChart(rfm);
    const cells = (spec.data as { values: { customers: number }[] }).values;
    expect(cells.reduce((s, c) => s + c.customers, 0)).toBe(rfm.customers.length);
    expect(await renderSvg(spec)).toMatch(/^<svg/);
    expect(await renderSvg(rfmGridChart(rfm, { color: 'monetary' }))).toMatch(/^<svg/);
  });
  test('migrationChart(lifecycleTransitions(...)) compiles and renders one cell per stage pair', async () => {
    const spec = migrationChart(transitions);
    expect((spec.data as { values: unknown[] }).values.length).toBe(transitions.stages.length ** 2);
    expect(await renderSvg(spec)).toMatch(/^<svg/);
  });
  test('specs are plain JSON', () => {
    for (const s of [paretoChart(pareto), rfmGridChart(rfm), migrationChart(transitions)]) {
      expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    }
  });
});

describe('charts refuse bad input', () => {
  test('results of the wrong kind name the function that produces what is needed', () => {
    expect(codeOf(() => paretoChart(rfm as never))).toBe('WRONG_RESULT_KIND');
    expect(() => paretoChart(rfm as never)).toThrow(/paretoAnalysis/);
    expect(codeOf(() => rfmGridChart(pareto as never))).toBe('WRONG_RESULT_KIND');
    expect(() => rfmGridChart(pareto as never)).toThrow(/rfmScore/);
    expect(codeOf(() => migrationChart(rfm as never))).toBe('WRONG_RESULT_KIND');
    expect(codeOf(() => migrationChart(null as never))).toBe('WRONG_RESULT_KIND');
  });
  test('empty results and non-finite values are refused', () => {
    expect(codeOf(() => paretoChart({ ...pareto, lorenz: [] }))).toBe('EMPTY_INPUT');
    expect(codeOf(() => paretoChart({ ...pareto, lorenz: [{ customerShare: Number.NaN, valueShare: 0 }] }))).toBe('NON_FINITE');
    expect(codeOf(() => rfmGridChart({ ...rfm, customers: [] }))).toBe('EMPTY_INPUT');
    expect(codeOf(() => rfmGridChart({ kind: 'rfm', customers: [{ r: 1, f: 1, monetary: Infinity }] }))).toBe('NON_FINITE');
    expect(codeOf(() => migrationChart({ ...transitions, stages: [] }))).toBe('EMPTY_INPUT');
    expect(codeOf(() => migrationChart({ ...transitions, counts: [[Number.NaN]] }))).toBe('NON_FINITE');
  });
});
