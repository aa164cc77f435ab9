// Generators, work-size bounds, progress and abort across the CLV functions (D18, D33, item 10).
import { describe, expect, test } from 'vitest';
import { fitBgNbd } from '../../src/clv/bgNbd.js';
import { fitGammaGamma } from '../../src/clv/gammaGamma.js';
import { simulateBgNbd } from '../../src/clv/simulateBgNbd.js';
import { codeOf, messageOf } from './numeric.js';

const params = { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 };
const sim = simulateBgNbd({ r: 0.6, alpha: 4, a: 0.8, b: 3 }, { customers: 500, T: 52, seed: 3 });
const spend = { frequency: [1, 2, 3, 1, 4, 2, 5, 1], monetary: [10, 12, 30, 8, 22, 15, 18, 9] };

/** Generators whose draws are not numbers in [0, 1); the tests' timeouts are the hang guards. */
const bad = [() => 1, () => Number.NaN, () => -0.5, () => '0.5', () => Infinity, () => undefined];

describe('random generators whose draws are not numbers in [0, 1) are refused (D18)', () => {
  test.each(bad.map((f) => [String(f), f]))('simulateBgNbd with random %s throws INVALID_OPTION naming random (it looped forever)', (_, random) => {
    let error: unknown;
    try { simulateBgNbd(params, { customers: 3, T: 39, random: random as never }); } catch (e) { error = e; }
    expect((error as { code?: string }).code).toBe('INVALID_OPTION');
    expect((error as { details?: { option?: string } }).details?.option).toBe('random');
    expect((error as Error).message).toMatch(/random\(\) returned .* it must return numbers in \[0, 1\)/);
  }, 10_000);
  test('a generator stuck at 0 is refused after a bounded number of redraws', () => {
    expect(codeOf(() => simulateBgNbd(params, { customers: 3, T: 39, random: () => 0 }))).toBe('INVALID_OPTION');
    expect(messageOf(() => simulateBgNbd(params, { customers: 3, T: 39, random: () => 0 }))).toMatch(/not a uniform generator/);
  }, 10_000);
  test('fitBgNbd and fitGammaGamma check the draws of random used for their starting points', () => {
    for (const random of bad) {
      expect(codeOf(() => fitBgNbd(sim, { starts: 2, random: random as never }))).toBe('INVALID_OPTION');
      expect(codeOf(() => fitGammaGamma(spend, { starts: 2, random: random as never }))).toBe('INVALID_OPTION');
    }
    // a valid generator is accepted, and the same generator gives the same fit
    const lcg = () => { let s = 1; return () => ((s = (s * 48271) % 2147483647) / 2147483647); };
    expect(fitBgNbd(sim, { starts: 2, random: lcg() }).params).toEqual(fitBgNbd(sim, { starts: 2, random: lcg() }).params);
  });
});

describe('work-size bounds (D33)', () => {
  test('simulateBgNbd refuses customers above 10,000,000 before allocating, with TOO_LARGE naming customers', () => {
    for (const customers of [1e8, 2 ** 31 + 1, 1e308]) {
      let error: { code?: string; details?: { option?: string } } = {};
      try { simulateBgNbd(params, { customers, T: 39 }); } catch (e) { error = e as typeof error; }
      expect(error.code).toBe('TOO_LARGE');
      expect(error.details?.option).toBe('customers');
    }
  });
  test('simulateBgNbd refuses a rate x T of 1e11 expected purchases per customer, and 1e9 in all, with TOO_LARGE', () => {
    expect(codeOf(() => simulateBgNbd({ ...params, alpha: 1e-9 }, { customers: 1, T: 400 }))).toBe('TOO_LARGE');
    expect(messageOf(() => simulateBgNbd({ ...params, alpha: 1e-9 }, { customers: 1, T: 400 }))).toMatch(/expected to make r \(T \+ holdout\) \/ alpha/);
    expect(codeOf(() => simulateBgNbd({ r: 1, alpha: 1, a: 1, b: 1 }, { customers: 5_000_000, T: 1000 }))).toBe('TOO_LARGE');
  });
  test('fit options starts and maxIterations have upper bounds (INVALID_OPTION)', () => {
    expect(codeOf(() => fitBgNbd(sim, { starts: 1e9 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => fitBgNbd(sim, { maxIterations: 1e308 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => fitGammaGamma(spend, { maxIterations: 2 ** 31 + 1 }))).toBe('INVALID_OPTION');
  });
});

describe('onProgress and signal (core/progress runControl)', () => {
  test('fitBgNbd reports every iteration and start, and stops with ABORTED when the signal fires from onProgress', () => {
    const seen: string[] = [];
    const m = fitBgNbd(sim, { starts: 2, onProgress: (p) => seen.push(`${p.fn} ${p.phase} ${p.completed}/${p.total}`) });
    expect(seen.filter((s) => s.includes('start'))).toEqual(['fitBgNbd start 1/2', 'fitBgNbd start 2/2']);
    expect(seen.filter((s) => s.includes('iteration')).length).toBeGreaterThanOrEqual(m.diagnostics.iterations);
    expect(seen[0]).toBe('fitBgNbd iteration 1/400');
    const ac = new AbortController();
    let calls = 0;
    expect(codeOf(() => fitBgNbd(sim, { signal: ac.signal, onProgress: () => { if (++calls === 3) ac.abort(); } }))).toBe('ABORTED');
    expect(calls).toBe(3);
    expect(fitBgNbd(sim, { starts: 2, onProgress: () => {} }).params).toEqual(fitBgNbd(sim, { starts: 2 }).params);
  });
  test('fitGammaGamma and simulateBgNbd take onProgress and signal too; a signal aborted before the call stops at once', () => {
    const phases = new Set<string>();
    fitGammaGamma(spend, { onProgress: (p) => phases.add(`${p.fn} ${p.phase}`) });
    expect([...phases].sort()).toEqual(['fitGammaGamma iteration', 'fitGammaGamma start']);
    const seen: number[] = [];
    simulateBgNbd(params, { customers: 25_000, T: 10, onProgress: (p) => seen.push(p.completed) });
    expect(seen).toEqual([10_000, 20_000, 25_000]);
    const pre = new AbortController(); pre.abort();
    for (const f of [() => fitBgNbd(sim, { signal: pre.signal }), () => fitGammaGamma(spend, { signal: pre.signal }), () => simulateBgNbd(params, { customers: 3, T: 1, signal: pre.signal })]) {
      expect(codeOf(f)).toBe('ABORTED');
    }
    expect(codeOf(() => fitBgNbd(sim, { onProgress: 5 as never }))).toBe('INVALID_OPTION');
  });
});
