// D13 / D28: chart options are checked like every other function's, and the numbers a chart reads
// from a result are checked before use (no raw TypeError).
import { describe, expect, test } from 'vitest';
import { codeOf } from '../helpers/errors.js';
import {
  clusterProfileChart, dendrogramChart, elbowChart, featureImportanceChart, gainChart, liftChart, migrationChart,
  paretoChart, qiniChart, rfmGridChart, rocChart, scoreDistributionChart, silhouetteChart, upliftByPercentileChart, woeChart, type VegaLiteSpec,
} from '../../src/charts/index.js';
import { paretoAnalysis } from '../../src/rfm/index.js';
import { hierarchical } from '../../src/cluster/index.js';

const pareto = paretoAnalysis([5, 3, 1]);
const hc = hierarchical([[0], [1], [5], [6]], { linkage: 'average' });
const table = [{ group: 1, lift: 1.6, cumulativeShare: 0.5, cumulativeGain: 0.8 }, { group: 2, lift: 0.4, cumulativeShare: 1, cumulativeGain: 1 }];
const charts: [string, (options: unknown) => VegaLiteSpec][] = [
  ['paretoChart', (o) => paretoChart(pareto, o as never)],
  ['rfmGridChart', (o) => rfmGridChart({ kind: 'rfm', customers: [{ r: 5, f: 1, monetary: 10 }] }, o as never)],
  ['migrationChart', (o) => migrationChart({ from: '2011-09-09T00:00:00.000Z', to: '2011-12-09T00:00:00.000Z', stages: ['active', 'atRisk'], counts: [[3, 1], [0, 2]], shares: [[0.75, 0.25], [0, 1]] }, o as never)],
  ['rocChart', (o) => rocChart({ falsePositiveRate: [0, 0.5, 1], truePositiveRate: [0, 1, 1] }, o as never)],
  ['gainChart', (o) => gainChart(table, o as never)],
  ['liftChart', (o) => liftChart(table, o as never)],
  ['elbowChart', (o) => elbowChart({ k: [1, 2], inertia: [10, 2] }, o as never)],
  ['silhouetteChart', (o) => silhouetteChart([0.5, 0.6, 0.2], [0, 0, 1], o as never)],
  ['dendrogramChart', (o) => dendrogramChart(hc, o as never)],
  ['clusterProfileChart', (o) => clusterProfileChart({ features: ['a'], segments: [{ label: 0, size: 2, means: { a: 1 }, relativeMeans: { a: 1 } }] }, o as never)],
  ['featureImportanceChart', (o) => featureImportanceChart({ columns: ['a', 'b'], mean: [0.1, 0.2] }, o as never)],
  ['qiniChart', (o) => qiniChart({ kind: 'qiniCurve', targeted: [0, 2, 4], incremental: [0, 1.5, 1] }, o as never)],
  ['upliftByPercentileChart', (o) => upliftByPercentileChart({ kind: 'upliftByPercentile', groups: [{ bin: 1, percentile: '0-50', uplift: 0.1 }, { bin: 2, percentile: '50-100', uplift: -0.02 }] }, o as never)],
  ['woeChart', (o) => woeChart({ name: 'age', iv: 0.1, bins: [{ label: 'low', woe: -0.4, count: 10, eventRate: 0.4 }, { label: 'high', woe: 0.3, count: 8, eventRate: 0.2 }] }, o as never)],
  ['scoreDistributionChart', (o) => scoreDistributionChart({ scores: [500, 510, 600, 650] }, o as never)],
];

describe.each(charts)('%s options', (name, draw) => {
  test(`${name}(result, { titel }) refuses the unknown key, naming it`, () => {
    expect(codeOf(() => draw({ titel: 'Revenue' }))).toBe('INVALID_OPTION');
    expect(() => draw({ titel: 'Revenue' })).toThrow(/titel/);
  });
  test(`${name}: width 'wide', height -5, width Infinity, title Infinity, options NaN or [] are INVALID_OPTION`, () => {
    for (const o of [{ width: 'wide' }, { height: -5 }, { width: Infinity }, { height: 0 }, { title: Infinity }, { xTitle: 3 }, Number.NaN, [], 'big']) {
      expect(codeOf(() => draw(o))).toBe('INVALID_OPTION');
    }
  });
  test(`${name}: title, width, height and axis titles reach the spec`, () => {
    const spec = draw({ title: 'Titre', width: 320, height: 200, xTitle: 'axe x', yTitle: 'axe y' });
    expect([spec.title, spec.width, spec.height]).toEqual(['Titre', 320, 200]);
    const text = JSON.stringify(spec);
    if (name !== 'dendrogramChart') expect(text).toContain('"axe x"');
    expect(text).toContain('"axe y"');
    expect(draw(undefined).width).toBe(400);
  });
});

describe('chart-specific options and result fields', () => {
  test('dendrogramChart(h, { maxLeaf: 3 }) refuses the typo for maxLeaves', () => {
    expect(codeOf(() => dendrogramChart(hc, { maxLeaf: 3 } as never))).toBe('INVALID_OPTION');
    expect(() => dendrogramChart(hc, { maxLeaf: 3 } as never)).toThrow(/maxLeaves/);
  });
  test('paretoChart with gini "0.3" is WRONG_RESULT_KIND and gini NaN is NON_FINITE, not a TypeError', () => {
    expect(codeOf(() => paretoChart({ ...pareto, gini: '0.3' as never }))).toBe('WRONG_RESULT_KIND');
    expect(codeOf(() => paretoChart({ ...pareto, gini: Number.NaN }))).toBe('NON_FINITE');
    expect(codeOf(() => paretoChart({ ...pareto, golden: { ...pareto.golden, valueShare: '1' as never } }))).toBe('WRONG_RESULT_KIND');
    expect(codeOf(() => paretoChart({ ...pareto, topShares: [{ customers: Number.NaN, valueShare: 0.5 }] } as never))).toBe('NON_FINITE');
    expect(codeOf(() => paretoChart({ ...pareto, lorenz: [null as never] }))).toBe('WRONG_RESULT_KIND');
    expect(codeOf(() => paretoChart({ ...pareto, n: undefined }))).toBe('WRONG_RESULT_KIND');
    expect(codeOf(() => paretoChart({ ...pareto, n: 2.5 }))).toBe('WRONG_RESULT_KIND');
  });
  test('rocChart with auc "0.75" is WRONG_RESULT_KIND and auc Infinity is NON_FINITE', () => {
    const curve = { falsePositiveRate: [0, 1], truePositiveRate: [0, 1] };
    expect(codeOf(() => rocChart(curve, { auc: '0.75' as never }))).toBe('WRONG_RESULT_KIND');
    expect(codeOf(() => rocChart(curve, { auc: Infinity }))).toBe('NON_FINITE');
    expect(codeOf(() => rocChart({ falsePositiveRate: [0, 1], truePositiveRate: 'x' as never }))).toBe('LENGTH_MISMATCH');
    expect(codeOf(() => rocChart(curve, { maxPoints: 1 }))).toBe('INVALID_OPTION');
  });
  test('featureImportanceChart checks its input kind, names and lengths, and top', () => {
    expect(codeOf(() => featureImportanceChart({ kind: 'kmeans', columns: [{ name: 'a' }], featureImportance: [1] } as never))).toBe('WRONG_RESULT_KIND');
    expect(codeOf(() => featureImportanceChart({ kind: 'decisionTree', columns: [{ name: 'a' }], featureImportance: [1, 2] } as never))).toBe('LENGTH_MISMATCH');
    expect(codeOf(() => featureImportanceChart({ kind: 'decisionTree', columns: [7], featureImportance: [1] } as never))).toBe('WRONG_RESULT_KIND');
    expect(codeOf(() => featureImportanceChart({ columns: [3], mean: [1] } as never))).toBe('WRONG_RESULT_KIND');
    expect(codeOf(() => featureImportanceChart({ columns: ['a'], mean: 'x' } as never))).toBe('LENGTH_MISMATCH');
    expect(codeOf(() => featureImportanceChart({ columns: ['a', 'b'], mean: [1, 2] }, { top: 0 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => featureImportanceChart({ columns: ['a', 'b'], mean: [1, 2] }, { top: 1.5 }))).toBe('INVALID_OPTION');
    expect((featureImportanceChart({ columns: ['a', 'b'], mean: [1, 2] }, { top: 1 }).data as { values: unknown[] }).values).toEqual([{ feature: 'b', importance: 2 }]);
  });
  test('rfmGridChart color, elbowChart show, migrationChart stageLabels and from are checked', () => {
    expect(codeOf(() => rfmGridChart({ kind: 'rfm', customers: [{ r: 5, f: 1, monetary: 10 }] }, { color: 'red' as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => elbowChart({ k: [1, 2], inertia: [10, 2] }, { show: 'gain' as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => elbowChart({ k: [1, 2], inertia: [10, 2] }, { show: 'explained' }))).toBe('LENGTH_MISMATCH');
    const tr = { from: '2011-09-09T00:00:00.000Z', to: '2011-12-09T10:30:00.000Z', stages: ['active', 'atRisk'], counts: [[3, 1], [0, 2]], shares: [[0.75, 0.25], [0, 1]] };
    const spec = migrationChart(tr, { stageLabels: { atRisk: 'en riesgo' } });
    expect((spec.data as { values: { to: string }[] }).values.map((v) => v.to)).toEqual(['active', 'en riesgo', 'active', 'en riesgo']);
    expect(spec.title).toBe('Lifecycle migration, 2011-09-09 to 2011-12-09 10:30 UTC');
    expect(codeOf(() => migrationChart(tr, { stageLabels: { atRisk: 5 } as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => migrationChart(tr, { stageLabels: { atRisk: 'active' } }))).toBe('INVALID_OPTION');
    expect(codeOf(() => migrationChart({ ...tr, from: 5 as never }))).toBe('WRONG_RESULT_KIND');
    expect(codeOf(() => dendrogramChart(hc, { cutHeight: -1 }))).toBe('INVALID_OPTION');
    expect(JSON.stringify(dendrogramChart(hc, { cutHeight: 2 }))).toContain('"cutHeight":2');
  });
});
