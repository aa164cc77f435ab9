// forecastManyParallel from the built package, on real worker threads: Node ESM and CommonJS
// (node:worker_threads, the worker script found next to the module) and Deno (Web Workers).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DENO, REPO_ROOT } from '../helpers/shared.js';

const expected = { same: true, forecasts: 3, failed: ['c'], refused: { code: 'NON_FINITE', group: 'y' } };

describe('forecastManyParallel on the built package', () => {
  test('Node ESM: equals forecastMany', () => {
    const out = execFileSync(process.execPath, ['test/runtime/parallel-check.mjs'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual(expected);
  });

  test('Node CommonJS: the .cjs build finds parallelWorker.cjs and equals forecastMany', () => {
    const script = `
      const { forecastMany } = require(${JSON.stringify(join(REPO_ROOT, 'dist/forecast/index.cjs'))});
      const { forecastManyParallel } = require(${JSON.stringify(join(REPO_ROOT, 'dist/forecast/parallel.cjs'))});
      const many = [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 11], [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8]];
      forecastManyParallel(many, { horizon: 2, method: 'ets', workers: 2 }).then((par) => {
        console.log(JSON.stringify({ same: JSON.stringify(par) === JSON.stringify(forecastMany(many, { horizon: 2, method: 'ets' })) }));
      });`;
    const out = execFileSync(process.execPath, ['-e', script], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(JSON.parse(out.trim())).toEqual({ same: true });
  });

  test('Deno: Web Workers, equals forecastMany', () => {
    const out = execFileSync(DENO, ['run', '--allow-read', '--allow-env', 'test/runtime/parallel-check.mjs'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual(expected);
  });
});
