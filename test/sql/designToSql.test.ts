// Raw rows scored in DuckDB by logisticToSql(model, { design }) and designToSql, against
// scoreLogistic and applyDesign on the same rows: categories with quotes, unseen levels, a
// reference level, 'refuse' columns, standardised and plain numbers, NULLs and NaN.
import { describe, expect, test } from 'vitest';
import { createRandom } from '../../src/core/random.js';
import { applyDesign, fitDesign, fitLogistic, scoreLogistic } from '../../src/linear/index.js';
import { designToSql, logisticToSql } from '../../src/sql/index.js';
import { connect, loadRows, maxAbsDiff, select } from './duck.js';

const random = createRandom(21);
const plans = ['basic', "it's", 'gold', 'x\\y'];
const rows = Array.from({ length: 400 }, () => ({
  age: Math.round(18 + random() * 60),
  spend: random() * 1000,
  plan: plans[Math.floor(random() * plans.length)]!,
  select: random() < 0.5 ? 'yes' : 'no',
}));
const y = rows.map((r) => (random() < 1 / (1 + Math.exp(-(0.03 * (r.age - 40) + (r.plan === 'gold' ? 1 : 0) - 0.001 * r.spend))) ? 1 : 0));
const design = fitDesign(rows, { columns: [
  { name: 'age', type: 'numeric', standardize: true },
  { name: 'spend', type: 'numeric' },
  { name: 'plan', type: 'categorical', dropFirst: true },
  { name: 'select', type: 'categorical', unknown: 'refuse' },
] });
const model = fitLogistic(applyDesign(design, rows), y, { featureNames: design.names, lambda: 0.5 });
const columns = [{ name: 'age', type: 'DOUBLE' as const }, { name: 'spend', type: 'DOUBLE' as const }, { name: 'plan', type: 'VARCHAR' as const }, { name: 'select', type: 'VARCHAR' as const }];
// Rows applyDesign accepts (an unseen plan scores as the reference level), then rows it refuses.
const fresh = [{ age: 30, spend: 10, plan: 'platinum', select: 'no' }, { age: 99, spend: 0, plan: 'basic', select: 'yes' }];
const refused = [{ age: null, spend: 1, plan: 'gold', select: 'no' }, { age: 30, spend: NaN, plan: 'gold', select: 'no' }, { age: 30, spend: 1, plan: null, select: 'no' }, { age: 30, spend: 1, plan: 'gold', select: 'maybe' }];

describe('logisticToSql(model, { design }) on DuckDB', () => {
  test('probability, logit and class equal scoreLogistic on every row; NULL where scoreLogistic throws', async () => {
    const con = await connect();
    const table = await loadRows(con, columns, [...rows, ...fresh, ...refused]);
    const [p, z, cls] = await select(con, table, [logisticToSql(model, { design }), logisticToSql(model, { design, output: 'logit' }), logisticToSql(model, { design, output: 'class' })]);
    const js = scoreLogistic(model, design, [...rows, ...fresh]);
    const n = rows.length + fresh.length;
    expect(maxAbsDiff(p!.slice(0, n), js)).toBeLessThanOrEqual(1e-12);
    expect(maxAbsDiff(z!.slice(0, n), js.map((q) => Math.log(q / (1 - q))))).toBeLessThanOrEqual(1e-9);
    expect(cls!.slice(0, n)).toEqual(js.map((q) => (q >= 0.5 ? 1 : 0)));
    for (const r of refused) expect(() => scoreLogistic(model, design, [r])).toThrow();
    expect(p!.slice(n)).toEqual([null, null, null, null]);
    expect(z!.slice(n)).toEqual([null, null, null, null]);
  });

  test('designToSql gives applyDesign\'s matrix, column by column', async () => {
    const con = await connect();
    const table = await loadRows(con, columns, [...rows, ...fresh]);
    const exprs = designToSql(design);
    expect(Object.keys(exprs)).toEqual(design.names);
    const out = await select(con, table, Object.values(exprs));
    const x = applyDesign(design, [...rows, ...fresh]);
    design.names.forEach((_, j) => expect(maxAbsDiff(out[j]!, x.map((r) => r[j]!))).toBe(0));
  });

  test('columns renames the raw columns; a model of another design is INVALID_MODEL', () => {
    expect(logisticToSql(model, { design, columns: { plan: 'plan type' } })).toContain('"plan type" = \'gold\'');
    const other = fitLogistic(applyDesign(design, rows).map((r) => r.slice(1)), y, { featureNames: design.names.slice(1) });
    expect(() => logisticToSql(other, { design })).toThrow(expect.objectContaining({ code: 'INVALID_MODEL', message: expect.stringMatching(/not fitted on this design/) }));
    expect(() => logisticToSql(model, { design, columns: { age_years: 'x' } })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
  });

  test('a damaged design is INVALID_MODEL naming the field', () => {
    const bad = JSON.parse(JSON.stringify(design));
    bad.scaler.scale[0] = 0;
    expect(() => logisticToSql(model, { design: bad })).toThrow(expect.objectContaining({ code: 'INVALID_MODEL', message: expect.stringMatching(/scaler.scale/) }));
    const names = JSON.parse(JSON.stringify(design));
    names.encodings[0].levels[0].encoded.push('diamond');
    expect(() => designToSql(names)).toThrow(expect.objectContaining({ code: 'INVALID_MODEL' }));
  });
});
