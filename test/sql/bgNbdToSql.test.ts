import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { BgNbdModel } from '../../src/clv/index.js';
import { bgNbdToSql } from '../../src/sql/index.js';
import { compareBgNbd } from './engineChecks.js';
import { duckEngine, loadRows, connect, select } from './duck.js';

/** Fader, Hardie and Lee's CDNOW estimates, in weeks. */
const published = { kind: 'bgNbd', version: 1, params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as unknown as BgNbdModel;

const summaryRow = fc.integer({ min: 0, max: 60 }).chain((x) => fc.tuple(fc.constant(x), fc.double({ min: 0, max: 80, noNaN: true })).chain(([x, T]) =>
  fc.record({ frequency: fc.constant(x), T: fc.constant(T), recency: x === 0 ? fc.constant(0) : fc.double({ min: 0, max: T, noNaN: true }) })));

describe('bgNbdToSql on DuckDB equals predictBgNbdProbabilityAlive', () => {
  test('random summaries under random and published parameters, to 1e-12', async () => {
    const engine = await duckEngine();
    const params = fc.record({ r: fc.double({ min: 0.01, max: 20, noNaN: true }), alpha: fc.double({ min: 0.01, max: 50, noNaN: true }), a: fc.double({ min: 0.01, max: 20, noNaN: true }), b: fc.double({ min: 0.01, max: 20, noNaN: true }) });
    const cases = fc.sample(fc.tuple(params, fc.array(summaryRow, { minLength: 1, maxLength: 40 })), { numRuns: 25, seed: 3 });
    for (const [p, rows] of [[published.params, fc.sample(summaryRow, { numRuns: 200, seed: 4 })] as const, ...cases]) {
      const model = { kind: 'bgNbd', version: 1, params: p } as unknown as BgNbdModel;
      const s = { frequency: rows.map((r) => r.frequency), recency: rows.map((r) => r.recency), T: rows.map((r) => r.T) };
      const c = await compareBgNbd(engine, model, s);
      expect(c.rows).toBe(rows.length);
      expect(c.maxDiff).toBeLessThanOrEqual(1e-12);
    }
  });

  test('an exponent beyond 700 stays finite (EXP never overflows), and NULL gives NULL', async () => {
    const model = { kind: 'bgNbd', version: 1, params: { r: 50, alpha: 0.01, a: 5, b: 0.5 } } as unknown as BgNbdModel;
    const engine = await duckEngine();
    const c = await compareBgNbd(engine, model, { frequency: [60, 1, 0], recency: [0.001, 0.5, 0], T: [1000, 1, 3] });
    expect(c.maxDiff).toBeLessThanOrEqual(1e-12);
    const con = await connect();
    const table = await loadRows(con, [{ name: 'frequency', type: 'DOUBLE' }, { name: 'recency', type: 'DOUBLE' }, { name: 'T', type: 'DOUBLE' }], [{ frequency: 2, recency: null, T: 5 }]);
    const [p] = await select(con, table, [bgNbdToSql(model)]);
    expect(p).toEqual([null]);
  });

  test("columns rename the summary, table qualifies it", () => {
    const sql = bgNbdToSql(published, { columns: { frequency: 'x', T: 'age' }, table: 's' });
    expect(sql).toContain('"s"."x"');
    expect(sql).toContain('"s"."age"');
    expect(sql).toContain('"s"."recency"');
  });

  test.each([
    ["output: 'expectedPurchases' (2F1 has no SQL closed form)", published, { output: 'expectedPurchases' }, 'INVALID_OPTION', /2F1/],
    ['a negative parameter', { ...published, params: { ...published.params, a: -1 } }, {}, 'INVALID_MODEL', /params.a/],
    ['a string parameter (no SQL pasted)', { ...published, params: { ...published.params, r: '1); DROP TABLE t; --' } }, {}, 'INVALID_MODEL', /params.r/],
    ['another model', { kind: 'gammaGamma', version: 1 }, {}, 'INVALID_MODEL', /bgNbd/],
    ['an unknown column key', published, { columns: { freq: 'x' } }, 'INVALID_OPTION', /freq/],
  ])('%s is refused', (_, model, options, code, message) => {
    expect(() => bgNbdToSql(model as never, options as never)).toThrow(expect.objectContaining({ code, message: expect.stringMatching(message) }));
  });
});
