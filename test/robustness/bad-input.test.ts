// Walks every exported function with garbage in each argument, each row, each cell and each option
// (see variants.ts): every call must end in a CrmError with a code, or return data without NaN,
// Infinity or holes, leave its inputs as they were, and return within the budget. The cases run in
// a worker thread, so a hang is cut off and reported instead of stopping the suite.
import { beforeAll, describe, expect, test } from 'vitest';
import * as api from '../../src/index.js';
import { calls } from './calls.js';
import { walkedFunctions } from './cases.js';
import { runSuite, type SuiteRun } from './runner.js';

let run: SuiteRun;
beforeAll(async () => { run = await runSuite('bad-input'); }, 900_000);

describe('bad input on every export', () => {
  test('every exported function has a baseline call', () => {
    const fns = Object.entries(api).filter(([k, v]) => typeof v === 'function' && k !== 'CrmError').map(([k]) => k);
    expect(fns.filter((name) => !(name in calls))).toEqual([]);
  });
  test.each(walkedFunctions())('%s: garbage gets a CrmError or clean data, in bounded time', (name) => {
    expect(run.byFunction.get(name) ?? 0, `${name} ran no case`).toBeGreaterThan(0);
    const mine = run.failures.filter((f) => f.fn === name).map((f) => `${f.fn}(${f.what}): ${f.why}`);
    expect(mine.slice(0, 25), `${mine.length} failures`).toEqual([]);
  });
  test('no garbage polluted Object.prototype', () => {
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});
