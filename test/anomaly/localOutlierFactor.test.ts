import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fitLocalOutlierFactor, predictLocalOutlierFactorScore } from '../../src/anomaly/index.js';
import { codeOf } from '../helpers/errors.js';

interface Case { name: string; neighbors: number; points: number[][]; queries: number[][]; nof_auto: number[]; nof_brute: number[]; novelty_auto: number[]; novelty_brute: number[] }
const oracle = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'lof-oracle.json'), 'utf8')) as { cases: Case[] };
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe('fitLocalOutlierFactor against scikit-learn 1.2 (fixtures/lof_oracle.py)', () => {
  test.each(oracle.cases.slice(0, 2).map((c) => [c.name, c] as const))('%s: negative_outlier_factor_ and novelty score_samples to 1e-10', (_n, c) => {
    const m = fitLocalOutlierFactor(c.points, { neighbors: c.neighbors });
    m.negativeOutlierFactor.forEach((v, i) => { expect(rel(v, c.nof_brute[i]!)).toBeLessThan(1e-10); expect(rel(v, c.nof_auto[i]!)).toBeLessThan(1e-10); });
    predictLocalOutlierFactorScore(m, c.queries).forEach((v, i) => expect(rel(v, c.novelty_brute[i]!)).toBeLessThan(1e-10));
  });

  test('with ties at the k-th distance scikit-learn itself depends on its search (kd-tree vs brute differ); we break ties by row order', () => {
    for (const c of oracle.cases.slice(2)) {
      const skDisagree = Math.max(...c.nof_auto.map((v, i) => Math.abs(v - c.nof_brute[i]!)));
      expect(skDisagree).toBeGreaterThan(1e-3);
      // Ours equals a brute-force LOF with the same tie rule.
      const m = fitLocalOutlierFactor(c.points, { neighbors: c.neighbors });
      const brute = bruteLof(c.points, c.neighbors);
      m.negativeOutlierFactor.forEach((v, i) => expect(rel(v, brute[i]!)).toBeLessThan(1e-12));
    }
  });
});

/** Textbook LOF with exactly k neighbours, ties by lower index, scikit-learn's 1e-10 in the lrd. */
function bruteLof(X: number[][], k: number): number[] {
  const d = (a: number[], b: number[]) => Math.sqrt(a.reduce((s, v, j) => s + (v - b[j]!) ** 2, 0));
  const nb = X.map((p, i) => X.map((q, j) => [d(p, q), j] as const).filter(([, j]) => j !== i).sort((a, b) => a[0] - b[0] || a[1] - b[1]).slice(0, k));
  const kd = nb.map((l) => l[k - 1]![0]);
  const lrd = nb.map((l) => 1 / (l.reduce((s, [dist, j]) => s + Math.max(kd[j]!, dist), 0) / k + 1e-10));
  return nb.map((l, i) => -(l.reduce((s, [, j]) => s + lrd[j]!, 0) / k) / lrd[i]!);
}

describe('fitLocalOutlierFactor properties and bad input', () => {
  test('a point inside a uniform grid has LOF 1 (negative outlier factor -1)', () => {
    fc.assert(fc.property(fc.integer({ min: 7, max: 11 }), fc.integer({ min: 1, max: 8 }), (side, k) => {
      const grid: number[][] = [];
      for (let i = 0; i < side; i++) for (let j = 0; j < side; j++) grid.push([i, j]);
      const m = fitLocalOutlierFactor(grid, { neighbors: k });
      const centre = Math.floor(side / 2) * side + Math.floor(side / 2);
      expect(m.negativeOutlierFactor[centre]!).toBeCloseTo(-1, 6);
    }), { numRuns: 20 });
  });
  test('k >= n uses n - 1 with a warning, as scikit-learn does', () => {
    const m = fitLocalOutlierFactor([[0], [1], [5]], { neighbors: 20 });
    expect(m.options.neighbors).toBe(2);
    expect(m.diagnostics.warnings[0]).toMatch(/neighbors \(20\)/);
  });
  test('all points identical: LOF 1 everywhere; constant columns change nothing', () => {
    expect(fitLocalOutlierFactor([[3, 3], [3, 3], [3, 3]], { neighbors: 2 }).negativeOutlierFactor).toEqual([-1, -1, -1]);
    const a = fitLocalOutlierFactor([[0], [1], [2], [9]], { neighbors: 2 }).negativeOutlierFactor;
    expect(fitLocalOutlierFactor([[0, 7], [1, 7], [2, 7], [9, 7]], { neighbors: 2 }).negativeOutlierFactor).toEqual(a);
  });
  test('empty, one row, NaN, ragged rows, too many rows, bad options', () => {
    expect(codeOf(() => fitLocalOutlierFactor([]))).toBe('EMPTY_INPUT');
    expect(codeOf(() => fitLocalOutlierFactor([[1]]))).toBe('INVALID_INPUT');
    expect(codeOf(() => fitLocalOutlierFactor([[1], [NaN]]))).toBe('NON_FINITE');
    expect(codeOf(() => fitLocalOutlierFactor([[1], [1, 2]]))).toBe('RAGGED_ROWS');
    expect(codeOf(() => fitLocalOutlierFactor([[1], [2], [3]], { maxRows: 2 }))).toBe('TOO_LARGE');
    expect(codeOf(() => fitLocalOutlierFactor([[1], [2]], { neighbors: 0 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => fitLocalOutlierFactor([[1], [2]], { k: 2 } as never))).toBe('INVALID_OPTION');
  });
  test('tampered model JSON throws INVALID_MODEL; a JSON copy scores the same', () => {
    const m = fitLocalOutlierFactor([[0], [1], [2], [4]], { neighbors: 2 });
    expect(predictLocalOutlierFactorScore(JSON.parse(JSON.stringify(m)), [[3]])).toEqual(predictLocalOutlierFactorScore(m, [[3]]));
    const t = (f: (j: any) => void) => { const j = JSON.parse(JSON.stringify(m)); f(j); return codeOf(() => predictLocalOutlierFactorScore(j, [[3]])); };
    expect(t((j) => { j.options.neighbors = 10; })).toBe('INVALID_MODEL');
    expect(t((j) => { j.lrd.pop(); })).toBe('INVALID_MODEL');
    expect(t((j) => { j.points[1] = [1, 2]; })).toBe('INVALID_MODEL');
    expect(t((j) => { j.kDistance[0] = -1; })).toBe('INVALID_MODEL');
    expect(t((j) => { j.kind = 'kmeans'; })).toBe('INVALID_MODEL');
    expect(codeOf(() => predictLocalOutlierFactorScore(m, [[1, 2]]))).toBe('INVALID_INPUT');
  });
});
