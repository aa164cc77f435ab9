// Issue 13 glue for lifecycle: per-customer moves between two dates, counted as lifecycleTransitions counts them.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { CrmError } from '../../src/core/errors.js';
import { LIFECYCLE_STAGES, lifecycleMoves, lifecycleStage, lifecycleTransitions } from '../../src/lifecycle/index.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const at = (day: number, hour = 0) => T0 + day * DAY + hour * 3_600_000;

function codeOf(f: () => unknown): string | undefined {
  try { f(); } catch (e) { return e instanceof CrmError ? e.code : `raw:${(e as Error).name}:${(e as Error).message}`; }
  return undefined;
}

const idArb = fc.constantFrom<string | number>('a', 'b', 1, 'c', 10, '__proto__');
const dayArb = fc.oneof(fc.integer({ min: 0, max: 300 }), fc.tuple(fc.constantFrom(0, 120, 250), fc.integer({ min: 0, max: 25 })).map(([b, d]) => b + d));
const rowArb = fc.record({ customer: idArb, date: fc.tuple(dayArb, fc.integer({ min: 0, max: 23 })).map(([d, h]) => at(d, h)) });
const logArb = fc.array(rowArb, { minLength: 1, maxLength: 60, size: 'medium' });

describe('lifecycleMoves', () => {
  test('lifecycleMoves(orders, { from, to }) rows, counted by (from, to), give lifecycleTransitions counts; to is lifecycleStage at to', () => {
    fc.assert(fc.property(logArb, fc.nat(), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 120 }), fc.array(idArb, { maxLength: 2 }), fc.boolean(), (log, pick, d1, d2, known, asDays) => {
      const fromT = log[pick % log.length]!.date + d1 * DAY, toT = fromT + d2 * DAY;
      // Calendar days as well as instants: the same cut-date rule (docs/dates.md).
      const day = (t: number) => new Date(t).toISOString().slice(0, 10);
      const opts = { from: asDays ? day(fromT) : fromT, to: asDays ? day(toT) : toT, knownCustomers: known, laterLines: 'drop' as const };
      let m: ReturnType<typeof lifecycleTransitions>;
      try {
        m = lifecycleTransitions(log, opts);
      } catch (e) {
        expect(codeOf(() => lifecycleMoves(log, opts))).toBe((e as CrmError).code);
        return;
      }
      const r = lifecycleMoves(log, opts);
      const k = LIFECYCLE_STAGES.length;
      const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
      for (const mv of r.moves) counts[m.stages.indexOf(mv.from)]![m.stages.indexOf(mv.to)]!++;
      expect(counts).toEqual(m.counts);
      expect(r.moves.length).toBe(m.customers);
      expect([r.from, r.to, r.thresholds, r.lines]).toEqual([m.from, m.to, m.thresholds, m.lines]);
      const stageAtTo = lifecycleStage(log, { asOf: opts.to, knownCustomers: known, laterLines: 'drop' });
      expect(r.moves.map((mv) => [mv.customer, mv.to])).toEqual(stageAtTo.customers.map((c) => [c.customer, c.stage]));
      const moved = lifecycleMoves(log, { ...opts, movedOnly: true }).moves;
      expect(moved).toEqual(r.moves.filter((mv) => mv.from !== mv.to));
      expect(moved.length).toBe(m.moved);
    }), { numRuns: 150 });
  });

  test('lifecycleMoves refuses what lifecycleTransitions refuses, under its own name, and a bad movedOnly', () => {
    const log = [{ customer: 'a', date: '2024-01-01' }, { customer: 'a', date: '2024-01-11' }, { customer: 'b', date: '2024-01-05' }];
    expect(codeOf(() => lifecycleMoves(log, { from: '2024-01-12' } as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => lifecycleMoves(log, { from: '2024-01-31', to: '2024-01-12' }))).toBe('INVALID_ORDER');
    expect(codeOf(() => lifecycleMoves(log, { from: '2023-12-01', to: '2024-01-12' }))).toBe('INVALID_ORDER');
    expect(codeOf(() => lifecycleMoves(log, { from: '2024-01-02', to: '2024-01-05' }))).toBe('INVALID_ORDER');
    expect(codeOf(() => lifecycleMoves(log, { from: '2024-13-40', to: '2024-01-31' }))).toBe('INVALID_DATE');
    expect(codeOf(() => lifecycleMoves([], { from: '2024-01-12', to: '2024-01-31' }))).toBe('EMPTY_INPUT');
    expect(codeOf(() => lifecycleMoves(log, { from: '2024-01-12', to: '2024-01-31', movedOnly: 'yes' as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => lifecycleMoves(log, { from: '2024-01-12', to: '2024-01-31', bogus: 1 } as never))).toBe('INVALID_OPTION');
    try {
      lifecycleMoves(log, { from: '2024-01-31', to: '2024-01-12' });
    } catch (e) {
      expect((e as Error).message).toMatch(/^lifecycleMoves: /);
    }
  });
});
