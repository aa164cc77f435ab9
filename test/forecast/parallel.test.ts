// forecastManyParallel's pool on real worker threads running the TypeScript sources (the built
// package is checked in test/runtime/parallel.test.ts), and its merge logic with in-thread fake
// workers that answer out of order: the result must equal forecastMany's, whatever the order.
import { describe, expect, test } from 'vitest';
import { CrmError } from '../../src/core/errors.js';
import type { PoolWorker, SpawnWorker } from '../../src/core/workerPool.js';
import { forecastMany, type ForecastManyOptions } from '../../src/forecast/forecastMany.js';
import { replyOf } from '../../src/forecast/manyReply.js';
import { runForecastMany } from '../../src/forecast/manyPool.js';
import { FORECAST_WORKER, sourceSpawner } from '../helpers/sourceWorker.js';

const seasonal = (n: number, k: number) => Array.from({ length: n }, (_, i) => 100 + k * i + 20 * Math.sin((2 * Math.PI * i) / 4) + ((i * 7919 * (k + 1)) % 13));
const MANY: Record<string, unknown> = {
  tea: seasonal(24, 1),
  cake: { kind: 'salesSeries', period: 4, values: seasonal(20, 2), labels: Array.from({ length: 20 }, (_, i) => `q${i}`), frequency: 'quarter' },
  jam: [5, 5, 5, 5, 5, 5],
  bad: [1, Number.NaN, 3],
  short: [4],
  scones: new Float64Array(seasonal(30, 3)),
};

/** forecastMany's error or result, and the same from a parallel run named 'forecastMany'. */
async function both(many: unknown, options: ForecastManyOptions, spawn: SpawnWorker, workers = 2): Promise<[unknown, unknown]> {
  let seq: unknown;
  try {
    seq = forecastMany(many as never, options);
  } catch (e) {
    seq = e;
  }
  let par: unknown;
  try {
    par = await runForecastMany('forecastMany', many as never, { ...options, workers }, spawn);
  } catch (e) {
    par = e;
  }
  return [seq, par];
}

function errorParts(e: unknown): unknown {
  return e instanceof CrmError ? { code: e.code, message: e.message, details: e.details } : e;
}

/**
 * In-thread workers that answer after a delay of `delay(index)` ms, so replies arrive out of
 * input order. Each fake takes the same messages as a real worker and answers with replyOf.
 */
function fakeSpawner(delay: (index: number) => number, spawned: { count: number; terminated: number }): SpawnWorker {
  return async () => {
    spawned.count++;
    let setup: { fn: string; settings: Parameters<typeof replyOf>[1] } | undefined;
    let listener: ((m: unknown) => void) | undefined;
    let stopped = false;
    const w: PoolWorker = {
      post: (m) => {
        const msg = structuredClone(m) as { setup?: typeof setup; index?: number; job?: { group: string; series: unknown } };
        if (msg.setup !== undefined) { setup = msg.setup; return; }
        setTimeout(() => {
          if (!stopped) listener?.(structuredClone({ index: msg.index, reply: replyOf(setup!.fn, setup!.settings, msg.job!.series, msg.job!.group) }));
        }, delay(msg.index!));
      },
      onMessage: (l) => { listener = l; },
      onFailure: () => {},
      terminate: () => { stopped = true; spawned.terminated++; },
    };
    return w;
  };
}

describe('forecastManyParallel on worker threads (TypeScript sources)', () => {
  const spawn = sourceSpawner(FORECAST_WORKER);

  test("equals forecastMany with failures: 'skip' (arrays, typed arrays, salesSeries, refused series)", async () => {
    const [seq, par] = await both(MANY, { horizon: 4, method: 'auto', period: 4, failures: 'skip' }, spawn);
    expect(par).toEqual(seq);
    expect((par as { failed: unknown[] }).failed).toHaveLength(2);
  });

  test('equals forecastMany for ets with a Box-Cox lambda and other levels', async () => {
    const many = [seasonal(28, 1), seasonal(28, 4), seasonal(16, 2)];
    const [seq, par] = await both(many, { horizon: 3, method: 'ets', period: 4, level: [50, 99], lambda: 'auto', biasAdjust: true }, spawn, 3);
    expect(par).toEqual(seq);
  });

  test("with failures: 'refuse' rejects with forecastMany's error (the first refused series in input order)", async () => {
    const [seq, par] = await both(MANY, { horizon: 2, method: 'naive' }, spawn);
    expect(seq).toBeInstanceOf(CrmError);
    expect(par).toBeInstanceOf(CrmError);
    expect(errorParts(par)).toEqual(errorParts(seq));
  });

  test("messages name forecastManyParallel (the public function is checked on the built package)", async () => {
    const out = await runForecastMany('forecastManyParallel', { a: [1, 2, 3], b: [3, 2, 1, 0] }, { horizon: 1, method: 'drift', workers: 2 }, spawn);
    expect(out.forecasts.map((f) => f.mean)).toEqual([[4], [-1]]);
    await expect(runForecastMany('forecastManyParallel', { a: [1, Number.NaN] }, { horizon: 1, method: 'naive', workers: 1 }, spawn)).rejects.toThrow(/^forecastManyParallel: group "a": forecastManyParallel \(group a\)/);
  });
});

describe('forecastManyParallel: merging, progress, abort and bad input (in-thread workers)', () => {
  const reverse = (i: number) => 40 - 5 * i; // later series answer first

  test('replies out of order still give the input order, and progress counts every series', async () => {
    const spawned = { count: 0, terminated: 0 };
    const progress: number[] = [];
    const many = MANY;
    const seq = forecastMany(many as never, { horizon: 2, method: 'theta', failures: 'skip' });
    const par = await runForecastMany('forecastMany', many as never, { horizon: 2, method: 'theta', failures: 'skip', workers: 3, onProgress: (p) => progress.push(p.completed) }, fakeSpawner(reverse, spawned));
    expect(par).toEqual(seq);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
    expect(spawned).toEqual({ count: 3, terminated: 3 });
  });

  test("'refuse' picks the first refused series in input order even when a later one is refused first", async () => {
    const many = { ok1: [1, 2, 3], first: [1, Number.NaN], ok2: [2, 3, 4], second: [Infinity, 1] };
    const [seq, par] = await both(many, { horizon: 1, method: 'naive' }, fakeSpawner((i) => (i === 1 ? 60 : 0), { count: 0, terminated: 0 }), 4);
    expect((par as CrmError).details.group).toBe('first');
    expect(errorParts(par)).toEqual(errorParts(seq));
  });

  test('never starts more workers than series', async () => {
    const spawned = { count: 0, terminated: 0 };
    await runForecastMany('forecastMany', [[1, 2], [3, 4]], { horizon: 1, method: 'naive', workers: 8 }, fakeSpawner(() => 0, spawned));
    expect(spawned.count).toBe(2);
  });

  test('an abort rejects with ABORTED and stops every worker', async () => {
    const spawned = { count: 0, terminated: 0 };
    const ctl = new AbortController();
    const many = Array.from({ length: 12 }, (_, k) => seasonal(12, k));
    const run = runForecastMany('forecastMany', many, { horizon: 1, method: 'naive', workers: 2, signal: ctl.signal, onProgress: (p) => { if (p.completed === 3) ctl.abort('deadline'); } }, fakeSpawner(() => 5, spawned));
    await expect(run).rejects.toMatchObject({ code: 'ABORTED' });
    expect(spawned.terminated).toBe(spawned.count);
    const pre = new AbortController();
    pre.abort();
    await expect(runForecastMany('forecastMany', many, { horizon: 1, signal: pre.signal }, fakeSpawner(() => 0, spawned))).rejects.toMatchObject({ code: 'ABORTED' });
  });

  test('a series structured cloning refuses is forecast in this thread, as forecastMany would', async () => {
    const odd = [1, 2, () => 3];
    const [seq, par] = await both({ a: [1, 2, 3], odd }, { horizon: 1, method: 'naive', failures: 'skip' }, fakeSpawner(() => 0, { count: 0, terminated: 0 }));
    expect(par).toEqual(seq);
    expect((par as { failed: { code: string }[] }).failed[0]!.code).toBe('INVALID_INPUT');
  });

  test('a worker that fails or cannot start rejects with WORKER_FAILED', async () => {
    const failing: SpawnWorker = async () => {
      let fail: ((e: Error) => void) | undefined;
      return { post: (m) => { if ((m as { job?: unknown }).job !== undefined) setTimeout(() => fail?.(new Error('out of memory')), 1); }, onMessage: () => {}, onFailure: (l) => { fail = l; }, terminate: () => {} };
    };
    await expect(runForecastMany('forecastMany', [[1, 2]], { horizon: 1 }, failing)).rejects.toMatchObject({ code: 'WORKER_FAILED', message: expect.stringContaining('out of memory') });
    const refusing: SpawnWorker = async () => { throw new Error('no such file'); };
    await expect(runForecastMany('forecastMany', [[1, 2]], { horizon: 1 }, refusing)).rejects.toMatchObject({ code: 'WORKER_FAILED', message: expect.stringContaining('no such file') });
  });

  test('bad options and a method function reject with INVALID_OPTION; bad input as forecastMany throws', async () => {
    const spawn = fakeSpawner(() => 0, { count: 0, terminated: 0 });
    for (const workers of [0, 1.5, -1, Number.NaN, '2']) {
      await expect(runForecastMany('forecastMany', [[1, 2]], { horizon: 1, workers: workers as number }, spawn)).rejects.toMatchObject({ code: 'INVALID_OPTION', details: { option: 'workers' } });
    }
    await expect(runForecastMany('forecastMany', [[1, 2]], { horizon: 1, method: () => [1] }, spawn)).rejects.toMatchObject({ code: 'INVALID_OPTION', details: { option: 'method' } });
    await expect(runForecastMany('forecastMany', [[1, 2]], { horizon: 1, wokers: 2 } as never, spawn)).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    for (const many of [[], null, 'x', { kind: 'salesSeries', values: [1], period: 1 }]) {
      const [seq, par] = await both(many, { horizon: 1 }, spawn);
      expect(errorParts(par)).toEqual(errorParts(seq));
    }
  });
});
