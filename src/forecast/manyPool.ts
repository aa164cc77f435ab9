/**
 * The main-thread side of forecastManyParallel (parallel.ts): its option table, the hand-out of
 * series to a worker pool and the merge of the replies into forecastMany's result. Apart from
 * parallel.ts so tests can run it with worker factories of their own.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { defineOptions, integer, opt, resolveOptionTable } from '../core/options.js';
import { runControl } from '../core/progress.js';
import { defaultWorkerCount, runPool, type SpawnWorker } from '../core/workerPool.js';
import { FORECAST_MANY_OPTIONS, ManyCollector, manySettings, readMany, refusal, type ForecastManyOptions, type ForecastManyResult, type ManySeriesInput } from './forecastMany.js';
import { replyOf, type Reply } from './manyReply.js';

/** Options of forecastManyParallel: those of forecastMany, and the number of workers. */
export interface ForecastManyParallelOptions extends ForecastManyOptions {
  /**
   * Worker threads to run (never more than there are series). @defaultValue the cores the runtime
   * reports (`navigator.hardwareConcurrency`, Node's `os.availableParallelism()`)
   */
  workers?: number;
}

/** The option table of forecastManyParallel: forecastMany's, plus `workers`. */
export const FORECAST_MANY_PARALLEL_OPTIONS = defineOptions<ForecastManyParallelOptions>()({
  ...FORECAST_MANY_OPTIONS,
  workers: opt({ default: undefined, computedDefault: 'the cores the runtime reports', accepts: [integer({ min: 1, max: 1024 })], description: 'Worker threads to run; absent: the cores the runtime reports.' }),
});

/**
 * forecastManyParallel with the worker factory given (tests pass in-thread fakes, or workers on
 * the TypeScript sources). `fn` names the caller in messages.
 * @example
 * // await runForecastMany('forecastManyParallel', { a: [1, 2] }, { horizon: 1, method: 'naive' }, workerSpawner(url));
 * // The workers option defaults to the cores the runtime reports:
 * FORECAST_MANY_PARALLEL_OPTIONS.workers.default; // => undefined
 */
export async function runForecastMany(fn: string, many: ManySeriesInput, options: ForecastManyParallelOptions, spawn: SpawnWorker): Promise<ForecastManyResult> {
  const o = resolveOptionTable(fn, FORECAST_MANY_PARALLEL_OPTIONS, options);
  const tick = runControl(fn, o);
  if (typeof o.method === 'function') {
    throw new CrmError('INVALID_OPTION', `${fn}: method must be a built-in name here (a function cannot be sent to a worker); got ${describeValue(o.method)}. Use forecastMany for a method of your own.`, { option: 'method' });
  }
  const settings = manySettings(fn, o);
  const { groups, list } = readMany(fn, many);
  const workers = o.workers ?? (await defaultWorkerCount());
  const replies: (Reply | undefined)[] = new Array(list.length);
  let done = 0;
  let firstRefused = Infinity;
  await runPool({
    fn,
    count: list.length,
    workers,
    spawn,
    setup: { fn, settings },
    message: (i) => ({ group: groups[i], series: plainSeries(list[i]) }),
    local: (i) => replyOf(fn, settings, list[i], groups[i]!),
    signal: o.signal,
    aborted: () => abortError(fn, o.signal, done, list.length),
    onReply: ({ index, reply }) => {
      const r = reply as Reply;
      replies[index] = r;
      if (!r.ok && !r.crm) throw new Error(`${fn}: group ${describeValue(groups[index])} failed in its worker: ${r.message}`);
      if (!r.ok && o.failures === 'refuse' && index < firstRefused) firstRefused = index;
      tick('series', ++done, list.length);
      // With 'refuse', series after a refused one are not needed: only those before it decide the error.
      return firstRefused === Infinity;
    },
  });
  const out = new ManyCollector(settings);
  for (let i = 0; i < list.length; i++) {
    const r = replies[i];
    if (r === undefined) continue;
    if (r.ok) out.add(groups[i]!, r.forecast);
    else if (r.crm) {
      const e = new CrmError(r.code, r.message, r.details);
      if (o.failures === 'refuse') throw refusal(fn, e, groups[i]!);
      out.fail(groups[i]!, e);
    }
  }
  return out.result();
}

/** The ABORTED error runControl would throw at this point. */
function abortError(fn: string, signal: AbortSignal | undefined, completed: number, total: number): CrmError {
  return new CrmError('ABORTED', `${fn} was aborted through its AbortSignal after ${completed} of ${total} (series).`, { reason: signal?.reason, completed, total });
}

/**
 * A series as structured cloning keeps it: arrays and typed arrays as they are, a salesSeries
 * result as its data fields (its values copied to a plain array), anything else unchanged (the
 * worker refuses it as forecastMany would).
 */
function plainSeries(s: unknown): unknown {
  if (s === null || typeof s !== 'object' || Array.isArray(s) || ArrayBuffer.isView(s)) return s;
  const r = s as { kind?: unknown; period?: unknown; values?: unknown; labels?: unknown; frequency?: unknown };
  if (r.kind !== 'salesSeries') return { kind: r.kind };
  const copy: Record<string, unknown> = { kind: r.kind, period: r.period, values: r.values };
  if (r.labels !== undefined) copy.labels = r.labels;
  if (r.frequency !== undefined) copy.frequency = r.frequency;
  return copy;
}
