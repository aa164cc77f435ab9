import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { applyWoeBinning, fitWoeBinning, woeBinCategorical, woeBinNumeric, type MonotonicTrend, type VariableBinning } from '../../src/scorecard/index.js';
import { createRandom } from '../../src/core/random.js';
import { codeOf } from '../helpers/errors.js';
import { GERMAN_CATEGORICAL, GERMAN_NUMERIC, loadGermanCredit } from '../../examples/data/germanCredit.js';

const FIX = join(import.meta.dirname, 'fixtures');
const german = loadGermanCredit();
const bad = german.map((r) => r.bad);

describe('fitWoeBinning on German credit', () => {
  const model = fitWoeBinning(german, bad, { numeric: GERMAN_NUMERIC, categorical: GERMAN_CATEGORICAL });
  const bins = JSON.parse(readFileSync(join(FIX, 'german-bins.json'), 'utf8')) as { bins: { name: string; splits?: number[]; groups?: string[][] }[] };
  const oracle = JSON.parse(readFileSync(join(FIX, 'german-woe-oracle.json'), 'utf8')) as { variables: { name: string; counts: number[]; events: number[]; woe: number[]; binIv: number[]; iv: number }[] };

  test('finds the bins the pandas oracle was computed on', () => {
    expect(model.variables.map((v) => (v.type === 'numeric' ? { name: v.name, splits: v.splits } : { name: v.name, groups: v.groups }))).toEqual(
      bins.bins.map((b) => (b.splits ? { name: b.name, splits: b.splits } : { name: b.name, groups: b.groups })),
    );
  });

  test('counts, WoE and IV per bin and per variable equal pandas to 1e-12', () => {
    expect(model.variables.length).toBe(20);
    model.variables.forEach((v, j) => {
      const o = oracle.variables[j]!;
      expect(v.name).toBe(o.name);
      expect(v.bins.map((b) => b.count)).toEqual(o.counts);
      expect(v.bins.map((b) => b.events)).toEqual(o.events);
      v.bins.forEach((b, k) => {
        expect(Math.abs(b.woe - o.woe[k]!)).toBeLessThanOrEqual(1e-12);
        expect(Math.abs(b.iv - o.binIv[k]!)).toBeLessThanOrEqual(1e-12);
      });
      expect(Math.abs(v.iv - o.iv)).toBeLessThanOrEqual(1e-12);
    });
  });

  test('checking account status is the strongest variable, and numeric bins follow their trend', () => {
    const best = [...model.variables].sort((a, b) => b.iv - a.iv)[0]!;
    expect(best.name).toBe('checkingStatus');
    for (const v of model.variables) {
      if (v.type !== 'numeric' || v.trend === 'none') continue;
      const rates = v.bins.slice(0, -1).map((b) => b.eventRate);
      for (let k = 1; k < rates.length; k++) expect(v.trend === 'ascending' ? rates[k]! >= rates[k - 1]! : rates[k]! <= rates[k - 1]!).toBe(true);
    }
  });

  test('applyWoeBinning gives every training row its bin WoE', () => {
    const woe = applyWoeBinning(model, german);
    model.variables.forEach((v, j) => {
      const byBin = new Map<number, number>();
      for (let i = 0; i < german.length; i++) byBin.set(woe[i]![j]!, (byBin.get(woe[i]![j]!) ?? 0) + 1);
      for (const b of v.bins) if (b.count > 0 && v.bins.filter((c) => c.woe === b.woe).length === 1) expect(byBin.get(b.woe)).toBe(b.count);
    });
  });

  test('survives a JSON round trip', () => {
    const copy = JSON.parse(JSON.stringify(model));
    expect(applyWoeBinning(copy, german.slice(0, 50))).toEqual(applyWoeBinning(model, german.slice(0, 50)));
  });
});

/** Brute-force WoE / IV of given bins, with the documented smoothing. */
function bruteIv(v: VariableBinning): number {
  const cells = v.bins;
  const pure = cells.some((b) => b.count > 0 && (b.events === 0 || b.nonEvents === 0));
  const add = pure ? 0.5 : 0;
  let E = 0, N = 0;
  for (const b of cells) if (b.count > 0) { E += b.events + add; N += b.nonEvents + add; }
  let iv = 0;
  for (const b of cells) if (b.count > 0) { const pe = (b.events + add) / E; const pn = (b.nonEvents + add) / N; iv += (pn - pe) * Math.log(pn / pe); }
  return iv;
}

describe('woeBinNumeric properties', () => {
  const data = fc.array(fc.tuple(fc.option(fc.integer({ min: 0, max: 30 }), { nil: null, freq: 8 }), fc.boolean()), { minLength: 2, maxLength: 120 })
    .filter((rows) => rows.some((r) => r[1]) && rows.some((r) => !r[1]));

  test('IV >= 0, equals the sum of its bins and a brute-force recount; bins cover every row', () => {
    fc.assert(fc.property(data, fc.constantFrom<MonotonicTrend>('auto', 'ascending', 'descending', 'none'), fc.double({ min: 0, max: 0.3, noNaN: true }), (rows, monotonic, minBinShare) => {
      const b = woeBinNumeric(rows.map((r) => r[0]), rows.map((r) => r[1]), { monotonic, minBinShare });
      expect(b.iv).toBeGreaterThanOrEqual(0);
      expect(b.iv).toBeCloseTo(b.bins.reduce((s, x) => s + x.iv, 0), 12);
      expect(b.iv).toBeCloseTo(bruteIv(b), 12);
      expect(b.bins.reduce((s, x) => s + x.count, 0)).toBe(rows.length);
      // Recount each row into its interval [s_{k-1}, s_k).
      const counts = new Array(b.bins.length).fill(0);
      for (const [x] of rows) counts[x === null ? b.bins.length - 1 : b.splits.filter((s) => s <= x).length]++;
      expect(counts).toEqual(b.bins.map((x) => x.count));
      const intervals = b.bins.slice(0, -1);
      if (intervals.length > 1) for (const x of intervals) expect(x.count).toBeGreaterThanOrEqual(minBinShare * rows.length - 1e-9);
      if (monotonic === 'ascending' || monotonic === 'descending') {
        for (let k = 1; k < intervals.length; k++) expect(monotonic === 'ascending' ? intervals[k]!.eventRate >= intervals[k - 1]!.eventRate : intervals[k]!.eventRate <= intervals[k - 1]!.eventRate).toBe(true);
      }
    }));
  });

  test('woeBinCategorical: IV >= 0 and every category in exactly one group', () => {
    const cats = fc.array(fc.tuple(fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { nil: null, freq: 6 }), fc.boolean()), { minLength: 2, maxLength: 80 })
      .filter((rows) => rows.some((r) => r[1]) && rows.some((r) => !r[1]));
    fc.assert(fc.property(cats, (rows) => {
      const b = woeBinCategorical(rows.map((r) => r[0]), rows.map((r) => r[1]));
      expect(b.iv).toBeGreaterThanOrEqual(0);
      expect(b.iv).toBeCloseTo(bruteIv(b), 12);
      const seen = new Set(rows.map((r) => r[0]).filter((c) => c !== null));
      expect(b.groups.flat().sort()).toEqual([...seen].sort());
    }));
  });
});

describe('bad input', () => {
  const x = [1, 2, 3, 4, 5, 6];
  const y = [1, 0, 1, 0, 0, 1];
  test('woeBinNumeric([], []) throws EMPTY_INPUT; a single class SINGLE_CLASS; NaN label MISSING_VALUE; 2 NOT_BINARY', () => {
    expect(codeOf(() => woeBinNumeric([], []))).toBe('EMPTY_INPUT');
    expect(codeOf(() => woeBinNumeric(x, [0, 0, 0, 0, 0, 0]))).toBe('SINGLE_CLASS');
    expect(codeOf(() => woeBinNumeric(x, [0, 1, NaN, 0, 0, 1]))).toBe('MISSING_VALUE');
    expect(codeOf(() => woeBinNumeric(x, [0, 1, 2, 0, 0, 1]))).toBe('NOT_BINARY');
    expect(codeOf(() => woeBinNumeric(x, [0, 1]))).toBe('LENGTH_MISMATCH');
  });
  test('woeBinNumeric treats NaN as missing, refuses Infinity and strings', () => {
    const b = woeBinNumeric([1, NaN, 3, null, 5, 6], y, { minBinShare: 0 });
    expect(b.bins[b.bins.length - 1]!.count).toBe(2);
    expect(codeOf(() => woeBinNumeric([1, Infinity, 3, 4, 5, 6], y))).toBe('NON_FINITE');
    expect(codeOf(() => woeBinNumeric([1, '2' as unknown as number, 3, 4, 5, 6], y))).toBe('INVALID_INPUT');
  });
  test('a constant column gets one bin with WoE 0 and IV 0', () => {
    const b = woeBinNumeric([7, 7, 7, 7, 7, 7], y);
    expect(b.splits).toEqual([]);
    expect(b.bins[0]!.woe).toBe(0);
    expect(b.iv).toBe(0);
  });
  test('a pure bin is smoothed by 0.5 by default and refused with SINGLE_CLASS at smoothing 0', () => {
    const values = [1, 2, 3, 4, null, null];
    const labels = [1, 0, 1, 0, 0, 0]; // the missing bin holds only non-events
    const b = woeBinNumeric(values, labels, { minBinShare: 0 });
    const miss = b.bins[b.bins.length - 1]!;
    expect(miss.woe).toBeCloseTo(Math.log(((2 + 0.5) / (4 + 1)) / (0.5 / (2 + 1))), 12);
    expect(codeOf(() => woeBinNumeric(values, labels, { minBinShare: 0, smoothing: 0 }))).toBe('SINGLE_CLASS');
  });
  test('unknown options and bad option values throw INVALID_OPTION', () => {
    expect(codeOf(() => woeBinNumeric(x, y, { maxBin: 3 } as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => woeBinNumeric(x, y, { monotonic: 'up' as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => woeBinNumeric(x, y, { minBinShare: 0.9 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => fitWoeBinning([{ a: 1 }], [1], {}))).toBe('INVALID_OPTION');
    expect(codeOf(() => fitWoeBinning([{ a: 1 }, { a: 2 }], [1, 0], { numeric: ['a'], categorical: ['a'] }))).toBe('INVALID_OPTION');
    expect(codeOf(() => fitWoeBinning([{ a: 1 }, { a: 2 }], [1, 0], { numeric: ['b'] }))).toBe('MISSING_VALUE');
  });
  test('applyWoeBinning: unseen categories score 0, the missing bin, or throw UNKNOWN_CATEGORY', () => {
    const rows = ['a', 'a', 'a', 'b', 'b', 'b', null].map((c) => ({ c }));
    const m = fitWoeBinning(rows, [1, 1, 0, 1, 0, 0, 1], { categorical: ['c'], minBinShare: 0 });
    const missingWoe = m.variables[0]!.bins.at(-1)!.woe;
    expect(applyWoeBinning(m, [{ c: 'zz' }])[0]![0]).toBe(0);
    expect(applyWoeBinning(m, [{ c: 'zz' }], { unknownCategory: 'missing' })[0]![0]).toBe(missingWoe);
    expect(codeOf(() => applyWoeBinning(m, [{ c: 'zz' }], { unknownCategory: 'refuse' }))).toBe('UNKNOWN_CATEGORY');
    // The deprecated name still works; giving both names with different values is refused.
    expect(applyWoeBinning(m, [{ c: 'zz' }], { unseen: 'missing' })[0]![0]).toBe(missingWoe);
    expect(codeOf(() => applyWoeBinning(m, [{ c: 'zz' }], { unseen: 'refuse' }))).toBe('UNKNOWN_CATEGORY');
    expect(codeOf(() => applyWoeBinning(m, [{ c: 'zz' }], { unseen: 'refuse', unknownCategory: 'zero' }))).toBe('INVALID_OPTION');
  });
  test('applyWoeBinning refuses tampered model JSON with INVALID_MODEL', () => {
    const m = fitWoeBinning(x.map((v) => ({ v })), y, { numeric: ['v'], minBinShare: 0 });
    const tamper = (f: (j: any) => void) => { const j = JSON.parse(JSON.stringify(m)); f(j); return () => applyWoeBinning(j, [{ v: 1 }]); };
    expect(codeOf(tamper((j) => { j.kind = 'logistic'; }))).toBe('INVALID_MODEL');
    expect(codeOf(tamper((j) => { j.version = 2; }))).toBe('INVALID_MODEL');
    expect(codeOf(tamper((j) => { j.variables[0].splits = [3, 1]; j.variables[0].bins = [{ woe: 0 }, { woe: 0 }, { woe: 0 }]; }))).toBe('INVALID_MODEL');
    expect(codeOf(tamper((j) => { j.variables[0].bins.pop(); }))).toBe('INVALID_MODEL');
    expect(codeOf(tamper((j) => { j.variables[0].bins[0].woe = null; }))).toBe('INVALID_MODEL');
    expect(codeOf(tamper((j) => { j.variables = 'x'; }))).toBe('INVALID_MODEL');
    expect(codeOf(tamper((j) => { j.variables[0].type = 'date'; }))).toBe('INVALID_MODEL');
  });
  test('inputs are not mutated', () => {
    const values = [3, 1, 2, null, 5, 4];
    const copy = values.slice();
    woeBinNumeric(values, y, { minBinShare: 0 });
    expect(values).toEqual(copy);
  });
});

test('woeBinNumeric is deterministic on a large random sample and stays within maxBins', () => {
  const r = createRandom(3);
  const xs = Array.from({ length: 5000 }, () => r() * 100);
  const ys = xs.map((v) => (r() < 0.1 + v / 200 ? 1 : 0));
  const b = woeBinNumeric(xs, ys, { maxBins: 4 });
  expect(b.bins.length - 1).toBeLessThanOrEqual(4);
  expect(b.trend).toBe('ascending');
  expect(woeBinNumeric(xs, ys, { maxBins: 4 })).toEqual(b);
});
