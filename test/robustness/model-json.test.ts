// Every model and result kind, read back from JSON, in every function that reads it (see
// modelCases.ts): round trips are exact; damaged copies are refused (or give the untampered
// output where the damaged field is not read); out-of-range values never give NaN, a raw
// exception or a hang. The cases run in a child process that cuts off hangs and crashes.
import { beforeAll, describe, expect, test } from 'vitest';
import { modelCases } from './modelCases.js';
import { runSuite, type SuiteRun } from './runner.js';

let run: SuiteRun;
beforeAll(async () => { run = await runSuite('model-json'); }, 600_000);

const consumers = [...new Set(modelCases().map((c) => c.fn))];

describe('model JSON: round trips and tampered copies', () => {
  test.each(consumers)('%s', (name) => {
    expect(run.byFunction.get(name) ?? 0, `${name} ran no case`).toBeGreaterThan(0);
    const mine = run.failures.filter((f) => f.fn === name).map((f) => `${f.fn} ${f.what}: ${f.why}`);
    expect(mine.slice(0, 25), `${mine.length} failures`).toEqual([]);
  });
});
