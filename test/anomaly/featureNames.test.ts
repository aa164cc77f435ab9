// The isolation forest and LOF store the input feature names (schema version 2; the forest's
// column count `features` is now `featureCount`); version 1 JSON saved before still loads and
// scores exactly as the code that wrote it (fixtures/models-v1.json, from make-models-v1.mts).
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { checkIsolationForestModel, checkLocalOutlierFactorModel, fitIsolationForest, fitLocalOutlierFactor, predictIsolationForestScore, predictLocalOutlierFactorScore } from '../../src/anomaly/index.js';
import { codeOf } from '../helpers/errors.js';

const v1 = JSON.parse(readFileSync(new URL('./fixtures/models-v1.json', import.meta.url), 'utf8'));
const rows = () => v1.pts.map(([recency, spend]: number[], id: number) => ({ spend, id, recency }));

describe('featureNames and featureCount (schema version 2)', () => {
  test('fits store the columns read, or x0, x1, ... for number[][]', () => {
    const f = fitIsolationForest(rows(), { seed: 2, trees: 4, columns: ['recency', 'spend'] });
    expect([f.version, f.featureCount, f.featureNames]).toEqual([2, 2, ['recency', 'spend']]);
    expect('features' in f).toBe(false);
    expect(fitIsolationForest(v1.pts, { trees: 2 }).featureNames).toEqual(['x0', 'x1']);
    const l = fitLocalOutlierFactor(rows(), { neighbors: 3, columns: ['spend', 'recency'] });
    expect([l.version, l.featureNames]).toEqual([2, ['spend', 'recency']]);
    expect(fitLocalOutlierFactor({ a: [1, 2, 3], b: [3, 1, 2] }, { neighbors: 1 }).featureNames).toEqual(['a', 'b']);
  });

  test('the same trees and LOF values as version 1: only the names and the count field differ', () => {
    const { version, featureCount, featureNames, ...forest } = fitIsolationForest(v1.pts, { seed: 2, trees: 8 });
    const { version: oldVersion, features, ...oldForest } = v1.isolationForest.model;
    expect([version, oldVersion, featureCount, features, featureNames]).toEqual([2, 1, 2, 2, ['x0', 'x1']]);
    expect(JSON.parse(JSON.stringify(forest))).toEqual(oldForest);
    const { version: lv, featureNames: ln, ...lof } = fitLocalOutlierFactor(rows(), { neighbors: 3, columns: v1.columns });
    const { version: olv, ...oldLof } = v1.localOutlierFactor.model;
    expect([lv, olv, ln]).toEqual([2, 1, v1.columns]);
    expect(JSON.parse(JSON.stringify(lof))).toEqual(oldLof);
  });

  test('scoring reads row objects and columns by the stored names in the stored order', () => {
    const point = fc.tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: -20, max: 20 }), fc.integer({ min: -20, max: 20 }));
    fc.assert(fc.property(fc.array(point, { minLength: 4, maxLength: 25 }), fc.array(point, { minLength: 1, maxLength: 8 }), (train, query) => {
      const trainRows = train.map(([a, b, c]) => ({ a, b, c }));
      const f = fitIsolationForest(trainRows, { seed: 1, trees: 5, columns: ['c', 'a'] });
      const l = fitLocalOutlierFactor(trainRows, { neighbors: 2, columns: ['c', 'a'] });
      const matrix = query.map(([a, , c]) => [c, a]);
      const shuffled = query.map(([a, b, c]) => ({ b, c, id: 0, a }));
      const columns = { b: query.map((q) => q[1]), a: query.map((q) => q[0]), c: query.map((q) => q[2]) };
      const fs = predictIsolationForestScore(f, matrix);
      expect(predictIsolationForestScore(f, shuffled)).toEqual(fs);
      expect(predictIsolationForestScore(JSON.parse(JSON.stringify(f)), columns)).toEqual(fs);
      const ls = predictLocalOutlierFactorScore(l, matrix);
      expect(predictLocalOutlierFactorScore(l, shuffled)).toEqual(ls);
      expect(predictLocalOutlierFactorScore(JSON.parse(JSON.stringify(l)), columns)).toEqual(ls);
    }), { numRuns: 40 });
  });

  test('damaged names or counts are refused with INVALID_MODEL', () => {
    const f = fitIsolationForest(v1.pts, { seed: 2, trees: 3 });
    const l = fitLocalOutlierFactor(v1.pts, { neighbors: 2 });
    const tf = (g: (j: any) => void) => { const j = JSON.parse(JSON.stringify(f)); g(j); return codeOf(() => predictIsolationForestScore(j, v1.query)); };
    const tl = (g: (j: any) => void) => { const j = JSON.parse(JSON.stringify(l)); g(j); return codeOf(() => predictLocalOutlierFactorScore(j, v1.query)); };
    expect(tf((j) => { j.featureNames.pop(); })).toBe('INVALID_MODEL');
    expect(tf((j) => { j.featureCount = 0; })).toBe('INVALID_MODEL');
    expect(tf((j) => { j.features = 2; delete j.featureCount; })).toBe('INVALID_MODEL'); // a v1 field on a v2 model
    expect(tf((j) => { j.version = 3; })).toBe('INVALID_MODEL');
    expect(tl((j) => { j.featureNames = ['x0']; })).toBe('INVALID_MODEL');
    expect(tl((j) => { delete j.featureNames; })).toBe('INVALID_MODEL');
  });
});

describe('version 1 JSON (saved before featureNames)', () => {
  test('the isolation forest scores exactly what the code that wrote it scored', () => {
    expect(predictIsolationForestScore(v1.isolationForest.model, v1.query)).toEqual(v1.isolationForest.score);
    expect(checkIsolationForestModel(v1.isolationForest.model, 'demo')).toMatchObject({ version: 2, featureCount: 2, featureNames: ['x0', 'x1'] });
  });
  test('LOF scores exactly what the code that wrote it scored', () => {
    expect(predictLocalOutlierFactorScore(v1.localOutlierFactor.model, v1.query)).toEqual(v1.localOutlierFactor.score);
    expect(predictLocalOutlierFactorScore(v1.localOutlierFactor.model, v1.queryRows, { columns: v1.columns })).toEqual(v1.localOutlierFactor.scoreRows);
    expect(checkLocalOutlierFactorModel(v1.localOutlierFactor.model, 'demo').version).toBe(2);
  });
  test('row objects still need columns, as before (the models have no names)', () => {
    expect(codeOf(() => predictLocalOutlierFactorScore(v1.localOutlierFactor.model, v1.queryRows))).toBe('INVALID_OPTION');
    expect(codeOf(() => predictIsolationForestScore(v1.isolationForest.model, v1.queryRows))).toBe('INVALID_OPTION');
  });
  test('a damaged version 1 count is refused', () => {
    const j = JSON.parse(JSON.stringify(v1.isolationForest.model));
    j.features = 1; // trees split on feature 1
    expect(codeOf(() => predictIsolationForestScore(j, v1.query))).toBe('INVALID_MODEL');
  });
});
