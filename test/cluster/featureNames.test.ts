// k-means models and cluster scalings store the input feature names (schema version 2); version 1 JSON saved before
// still loads and predicts exactly as the code that wrote it (fixtures/kmeans-v1.json, written by
// test/anomaly/fixtures/make-models-v1.mts from commit 8dc2c02).
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { applyClusterScaling, fitClusterScaling, fitKMeans, predictKMeans } from '../../src/cluster/index.js';
import { kmeansToSql } from '../../src/sql/index.js';
import { codeOf } from '../helpers/errors.js';

const v1 = JSON.parse(readFileSync(new URL('./fixtures/kmeans-v1.json', import.meta.url), 'utf8'));

describe('fitKMeans featureNames (schema version 2)', () => {
  test('fitKMeans(rows, { columns }) stores the columns; number[][] gets x0, x1, ... as fitLogistic', () => {
    const rows = v1.pts.map(([recency, spend]: number[], id: number) => ({ id, spend, recency }));
    const m = fitKMeans(rows, { k: 3, seed: 1, columns: ['recency', 'spend'] });
    expect(m.version).toBe(2);
    expect(m.featureNames).toEqual(['recency', 'spend']);
    expect(fitKMeans(v1.pts, { k: 3, seed: 1 }).featureNames).toEqual(['x0', 'x1']);
    expect(fitKMeans({ spend: [1, 2, 9], recency: [3, 4, 5] }, { k: 2, seed: 1 }).featureNames).toEqual(['spend', 'recency']);
    expect(fitKMeans(rows, { k: 2, seed: 1, columns: ['spend', (r) => r.recency as number] }).featureNames).toEqual(['spend', 'columns[1]']);
  });

  test('the same fit as version 1: only featureNames and the version differ', () => {
    const rows = v1.pts.map(([recency, spend]: number[], id: number) => ({ id, recency, spend }));
    const { version, featureNames, ...rest } = fitKMeans(rows, { k: 3, seed: 1, columns: v1.columns });
    const { version: oldVersion, ...old } = v1.model;
    expect([version, oldVersion, featureNames]).toEqual([2, 1, v1.columns]);
    expect(JSON.parse(JSON.stringify(rest))).toEqual(old);
  });

  test('predictKMeans reads row objects and columns by the stored names, in the stored order, whatever their key order', () => {
    const point = fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 }));
    fc.assert(fc.property(fc.array(point, { minLength: 3, maxLength: 30 }), fc.array(point, { minLength: 1, maxLength: 10 }), (train, query) => {
      const m = fitKMeans(train.map(([a, b, c]) => ({ a, b, c })), { k: 3, seed: 2, columns: ['c', 'a'] });
      const want = predictKMeans(m, query.map(([a, , c]) => [c, a]));
      expect(predictKMeans(m, query.map(([a, b, c]) => ({ b, a, c, id: 'x' })))).toEqual(want);
      expect(predictKMeans(m, { b: query.map((q) => q[1]), a: query.map((q) => q[0]), c: query.map((q) => q[2]) })).toEqual(want);
      expect(predictKMeans(JSON.parse(JSON.stringify(m)), query.map(([a, b, c]) => ({ a, b, c })))).toEqual(want);
    }), { numRuns: 60 });
  });

  test('row objects without a stored name are refused, naming the column', () => {
    const m = fitKMeans([{ r: 0 }, { r: 1 }, { r: 9 }], { k: 2, seed: 1, columns: ['r'] });
    expect(codeOf(() => predictKMeans(m, [{ recency: 1 }]))).toBe('INVALID_OPTION');
    expect(predictKMeans(m, [{ recency: 9 }], { columns: ['recency'] })).toEqual(predictKMeans(m, [[9]]));
  });

  test('damaged featureNames are refused with INVALID_MODEL', () => {
    const m = fitKMeans(v1.pts, { k: 2, seed: 1 });
    const t = (f: (j: any) => void) => { const j = JSON.parse(JSON.stringify(m)); f(j); return codeOf(() => predictKMeans(j, v1.query)); };
    expect(t((j) => { j.featureNames.pop(); })).toBe('INVALID_MODEL');
    expect(t((j) => { j.featureNames[0] = 3; })).toBe('INVALID_MODEL');
    expect(t((j) => { delete j.featureNames; })).toBe('INVALID_MODEL');
    expect(t((j) => { j.version = 3; })).toBe('INVALID_MODEL');
  });
});

describe('version 1 k-means JSON (saved before featureNames)', () => {
  test('predicts exactly what the code that wrote it predicted', () => {
    expect(predictKMeans(v1.model, v1.query)).toEqual(v1.predict);
    expect(predictKMeans(v1.model, v1.queryRows, { columns: v1.columns })).toEqual(v1.predictRows);
  });
  test('row objects still need columns, as before (the model has no names)', () => {
    expect(codeOf(() => predictKMeans(v1.model, v1.queryRows))).toBe('INVALID_OPTION');
  });
  test('kmeansToSql reads both versions alike', () => {
    const v2 = fitKMeans(v1.queryRows, { k: 2, seed: 1, columns: v1.columns });
    const asV1 = { ...v2, version: 1 };
    expect(kmeansToSql(v2, { columns: v2.featureNames })).toBe(kmeansToSql(asV1 as never, { columns: v1.columns }));
    expect(kmeansToSql(v1.model, { columns: v1.columns })).toContain('CASE WHEN');
  });
});

describe('fitClusterScaling featureNames (schema version 2)', () => {
  test('a table is read by columns and stored as featureNames; the scaling is that of the matrix', () => {
    const rows = v1.pts.map(([recency, spend]: number[], id: number) => ({ spend, id, recency }));
    const named = fitClusterScaling(rows, ['log1p', 'zscore'], { columns: ['recency', 'spend'] });
    const plain = fitClusterScaling(v1.pts, ['log1p', 'zscore']);
    expect([named.version, named.featureNames, plain.featureNames]).toEqual([2, ['recency', 'spend'], ['x0', 'x1']]);
    expect(named.steps).toEqual(plain.steps);
    expect(plain.steps).toEqual(v1.scaling.steps);
  });

  test('applyClusterScaling reads rows and columns by the stored names, in the stored order', () => {
    const point = fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }));
    fc.assert(fc.property(fc.array(point, { minLength: 2, maxLength: 20 }), fc.array(point, { minLength: 1, maxLength: 8 }), (train, query) => {
      const s = fitClusterScaling(train.map(([a, b, c]) => ({ a, b, c })), ['log1p', 'minmax'], { columns: ['c', 'a'] });
      const want = applyClusterScaling(s, query.map(([a, , c]) => [c, a]));
      expect(applyClusterScaling(s, query.map(([a, b, c]) => ({ b, c, a, id: 1 })))).toEqual(want);
      expect(applyClusterScaling(JSON.parse(JSON.stringify(s)), { b: query.map((q) => q[1]), a: query.map((q) => q[0]), c: query.map((q) => q[2]) })).toEqual(want);
    }), { numRuns: 50 });
  });

  test('damaged featureNames are refused with INVALID_MODEL', () => {
    const s = fitClusterScaling(v1.pts, 'zscore');
    const t = (f: (j: any) => void) => { const j = JSON.parse(JSON.stringify(s)); f(j); return codeOf(() => applyClusterScaling(j, v1.query)); };
    expect(t((j) => { j.featureNames.pop(); })).toBe('INVALID_MODEL');
    expect(t((j) => { delete j.featureNames; })).toBe('INVALID_MODEL');
    expect(t((j) => { j.version = 3; })).toBe('INVALID_MODEL');
  });

  test('a version 1 scaling (saved before featureNames) scales exactly as the code that wrote it', () => {
    expect(applyClusterScaling(v1.scaling, v1.query)).toEqual(v1.scaled);
    expect(codeOf(() => applyClusterScaling(v1.scaling, v1.queryRows))).toBe('INVALID_OPTION');
    expect(applyClusterScaling(v1.scaling, v1.queryRows, { columns: v1.columns })).toEqual(v1.scaled);
  });
});
