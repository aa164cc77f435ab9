// Issue 13 glue for linear: the design-matrix builder (fitDesign / applyDesign) against the
// by-hand composition of fitOneHot / applyOneHot / fitStandardizer it replaces in the guides.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { applyDesign, applyOneHot, applyStandardizer, fitDesign, fitLogistic, fitOneHot, fitStandardizer, predictLogisticProba, scoreLogistic, type DesignColumn } from '../../src/linear/index.js';
import { isCrmError } from '../../src/core/errors.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isCrmError(e) ? e.code : `raw:${(e as Error).name}:${(e as Error).message}`;
  }
  return undefined;
}

const rowArb = fc.record({
  a: fc.integer({ min: -50, max: 50 }),
  b: fc.double({ min: -1e3, max: 1e3, noNaN: true }),
  c: fc.constantFrom('x', 'y', 'z', 1, true),
  d: fc.constantFrom('p', 'q'),
});

describe('fitDesign / applyDesign', () => {
  test('applyDesign(fitDesign(rows, { columns })) equals fitOneHot + fitStandardizer composed by hand, in declared order, named as pandas get_dummies', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 30 }), fc.array(rowArb, { maxLength: 10 }), fc.boolean(), fc.boolean(), fc.boolean(), (train, fresh, stdA, dropC, catFirst) => {
        const numeric: DesignColumn[] = [{ name: 'a', type: 'numeric', standardize: stdA }, { name: 'b', type: 'numeric', standardize: true }];
        const categorical: DesignColumn[] = [{ name: 'c', type: 'categorical', dropFirst: dropC }, { name: 'd', type: 'categorical' }];
        const columns = catFirst ? [...categorical, ...numeric] : [...numeric, ...categorical];
        const design = fitDesign(train, { columns });
        const oneC = fitOneHot(train, { columns: ['c'], dropFirst: dropC });
        const oneD = fitOneHot(train, { columns: ['d'] });
        const raw = (rows: typeof train) => rows.map((r) => [r.a, r.b]);
        const scaler = fitStandardizer(raw(train), { columns: stdA ? [0, 1] : [1] });
        const byHand = (rows: typeof train) => {
          if (rows.length === 0) return [];
          const num = applyStandardizer(scaler, raw(rows));
          const dc = applyOneHot(oneC, rows);
          const dd = applyOneHot(oneD, rows);
          return rows.map((_, i) => (catFirst ? [...dc[i]!, ...dd[i]!, ...num[i]!] : [...num[i]!, ...dc[i]!, ...dd[i]!]));
        };
        expect(design.names).toEqual(catFirst ? [...oneC.names, ...oneD.names, 'a', 'b'] : ['a', 'b', ...oneC.names, ...oneD.names]);
        for (const rows of [train, fresh]) {
          const got = applyDesign(design, rows);
          const want = byHand(rows);
          expect(got.length).toBe(want.length);
          got.forEach((r, i) => r.forEach((v, j) => expect(v).toBeCloseTo(want[i]![j]!, 12)));
        }
        // One JSON model scores raw rows the same after a round trip.
        expect(applyDesign(JSON.parse(JSON.stringify(design)), fresh)).toEqual(applyDesign(design, fresh));
      }),
      { numRuns: 80 },
    );
  });

  test('fitDesign output feeds fitLogistic with featureNames: design.names, and scores raw rows', () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ age: 20 + i, plan: ['basic', 'gold', 'silver'][i % 3]!, y: (i * 7) % 5 < 2 ? 1 : 0 }));
    const design = fitDesign(rows, { columns: [{ name: 'age', type: 'numeric', standardize: true }, { name: 'plan', type: 'categorical', dropFirst: true }] });
    const model = fitLogistic(applyDesign(design, rows), rows.map((r) => r.y), { featureNames: design.names });
    expect(model.featureNames).toEqual(['age', 'plan_gold', 'plan_silver']);
    const p = predictLogisticProba(model, applyDesign(design, [{ age: 30, plan: 'gold' }]));
    expect(p[0]).toBeGreaterThan(0);
    expect(p[0]).toBeLessThan(1);
  });

  test('applyDesign leaves rows as they were and ignores undeclared keys', () => {
    const rows = [{ n: 1, k: 'a', extra: 'x' }, { n: 3, k: 'b', extra: null }];
    const copy = structuredClone(rows);
    const design = fitDesign(rows, { columns: [{ name: 'n', type: 'numeric', standardize: true }, { name: 'k', type: 'categorical' }] });
    expect(applyDesign(design, rows)).toEqual([[-1, 1, 0], [1, 0, 1]]);
    expect(rows).toEqual(copy);
    expect(applyDesign(design, [])).toEqual([]);
  });

  test('fitDesign and applyDesign refuse missing columns, missing values, NaN, non-numbers and, with unknown: refuse, unseen levels', () => {
    const cols: DesignColumn[] = [{ name: 'n', type: 'numeric' }, { name: 'k', type: 'categorical', unknown: 'refuse' }];
    const rows = [{ n: 1, k: 'a' }, { n: 2, k: 'b' }];
    const design = fitDesign(rows, { columns: cols });
    expect(codeOf(() => fitDesign([{ n: 1 }], { columns: cols }))).toBe('INVALID_INPUT');
    expect(codeOf(() => applyDesign(design, [{ k: 'a' }]))).toBe('INVALID_INPUT');
    expect(codeOf(() => applyDesign(design, [{ n: NaN, k: 'a' }]))).toBe('MISSING_VALUE');
    expect(codeOf(() => applyDesign(design, [{ n: null, k: 'a' }]))).toBe('MISSING_VALUE');
    expect(codeOf(() => applyDesign(design, [{ n: Infinity, k: 'a' }]))).toBe('NON_FINITE');
    expect(codeOf(() => applyDesign(design, [{ n: '3', k: 'a' }]))).toBe('INVALID_INPUT');
    expect(codeOf(() => applyDesign(design, [{ n: 1, k: null }]))).toBe('MISSING_VALUE');
    expect(codeOf(() => applyDesign(design, [{ n: 1, k: 'c' }]))).toBe('UNKNOWN_CATEGORY');
    expect(codeOf(() => applyDesign(design, [null] as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => applyDesign(design, 'rows' as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => fitDesign([], { columns: cols }))).toBe('EMPTY_INPUT');
    for (const bad of [[{ n: 1, k: 'c' }], [{ n: null, k: 'a' }], [{ n: 1, k: null }]]) {
      try {
        applyDesign(design, bad);
        expect.unreachable();
      } catch (e) {
        expect((e as Error).message).toMatch(/^applyDesign: rows\[0\]\.[nk] /);
      }
    }
  });

  test('fitDesign refuses bad declarations with INVALID_OPTION', () => {
    const rows = [{ n: 1, k: 'a' }];
    for (const columns of [
      [],
      'n',
      [{ name: 'n' }],
      [{ name: '', type: 'numeric' }],
      [{ name: 'n', type: 'text' }],
      [{ name: 'n', type: 'numeric' }, { name: 'n', type: 'numeric' }],
      [{ name: 'n', type: 'numeric', dropFirst: true }],
      [{ name: 'k', type: 'categorical', standardize: true }],
      [{ name: 'k', type: 'categorical', unknown: 'ignore' }],
      [{ name: 'n', type: 'numeric', standardise: true }],
      [null],
    ]) {
      expect(codeOf(() => fitDesign(rows, { columns } as never)), JSON.stringify(columns)).toBe('INVALID_OPTION');
    }
    expect(codeOf(() => fitDesign(rows, { columns: [{ name: 'n', type: 'numeric' }], bogus: 1 } as never))).toBe('INVALID_OPTION');
  });

  test('applyDesign refuses a damaged model with INVALID_MODEL', () => {
    const design = fitDesign([{ n: 1, k: 'a' }, { n: 2, k: 'b' }], { columns: [{ name: 'n', type: 'numeric', standardize: true }, { name: 'k', type: 'categorical' }] });
    const damage = (f: (m: any) => void) => {
      const m = JSON.parse(JSON.stringify(design));
      f(m);
      return codeOf(() => applyDesign(m, [{ n: 1, k: 'a' }]));
    };
    expect(damage((m) => { m.kind = 'oneHot'; })).toBe('INVALID_MODEL');
    expect(damage((m) => { m.names.pop(); })).toBe('INVALID_MODEL');
    expect(damage((m) => { m.names[0] = 'm'; })).toBe('INVALID_MODEL');
    expect(damage((m) => { m.encodings = []; })).toBe('INVALID_MODEL');
    expect(damage((m) => { m.scaler = null; })).toBe('INVALID_MODEL');
    expect(damage((m) => { m.scaler.scale[0] = -1; })).toBe('INVALID_MODEL');
    expect(damage((m) => { m.encodings[0].levels[0].encoded = [7]; })).toBe('INVALID_MODEL');
    expect(damage((m) => { m.columns[0].type = 'date'; })).toBe('INVALID_MODEL');
    expect(codeOf(() => applyDesign(null as never, []))).toBe('INVALID_MODEL');
  });
});

describe('scoreLogistic', () => {
  const rows = Array.from({ length: 30 }, (_, i) => ({ age: 20 + i, plan: ['basic', 'gold'][i % 2]!, y: (i * 7) % 5 < 2 ? 1 : 0 }));
  const design = fitDesign(rows, { columns: [{ name: 'age', type: 'numeric', standardize: true }, { name: 'plan', type: 'categorical' }] });
  const model = fitLogistic(applyDesign(design, rows), rows.map((r) => r.y), { featureNames: design.names });

  test('scoreLogistic(model, design, rows) equals predictLogisticProba(model, applyDesign(design, rows)), also after JSON', () => {
    const fresh = [{ age: 33, plan: 'gold' }, { age: 70, plan: 'silver' }];
    expect(scoreLogistic(model, design, fresh)).toEqual(predictLogisticProba(model, applyDesign(design, fresh)));
    expect(scoreLogistic(JSON.parse(JSON.stringify(model)), JSON.parse(JSON.stringify(design)), fresh)).toEqual(scoreLogistic(model, design, fresh));
    expect(scoreLogistic(model, design, [])).toEqual([]);
  });

  test('scoreLogistic refuses a model fitted on another design (INVALID_MODEL) and bad rows under its own name', () => {
    const other = fitDesign(rows, { columns: [{ name: 'plan', type: 'categorical' }, { name: 'age', type: 'numeric' }] });
    expect(codeOf(() => scoreLogistic(model, other, rows))).toBe('INVALID_MODEL');
    const unnamed = fitLogistic(applyDesign(design, rows), rows.map((r) => r.y));
    expect(codeOf(() => scoreLogistic(unnamed, design, rows))).toBe('INVALID_MODEL');
    expect(codeOf(() => scoreLogistic(design as never, design, rows))).toBe('INVALID_MODEL');
    expect(codeOf(() => scoreLogistic(model, model as never, rows))).toBe('INVALID_MODEL');
    try {
      scoreLogistic(model, design, [{ age: null, plan: 'gold' }]);
      expect.unreachable();
    } catch (e) {
      expect(isCrmError(e, 'MISSING_VALUE')).toBe(true);
      expect((e as Error).message).toMatch(/^scoreLogistic: rows\[0\]\.age/);
    }
  });
});
