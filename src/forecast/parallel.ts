/**
 * `forecastMany` on several cores: the series are shared out to worker threads (Web Workers in
 * browsers and Deno, `node:worker_threads` on Node), one at a time to whichever worker is free, and
 * the result is the one `forecastMany` gives, in input order. A separate subpath
 * (`crm-mining/forecast/parallel`) so that the single-thread module carries no worker code.
 * @module crm-mining/forecast/parallel
 */
import { workerSpawner } from '../core/workerPool.js';
import type { ForecastManyResult, ManySeriesInput } from './forecastMany.js';
import { runForecastMany, type ForecastManyParallelOptions } from './manyPool.js';

export type { ForecastManyParallelOptions } from './manyPool.js';

declare const __filename: string | undefined;

/**
 * Where the worker script sits: next to this module, with this module's extension (.js, .cjs or,
 * from the sources, .ts). The CommonJS build reads its own `__filename` (a shared chunk's
 * `import.meta` shim would point at the chunk's folder).
 */
async function workerUrl(): Promise<URL> {
  let here: string;
  if (typeof __filename === 'string') {
    const url = (await import(/* @vite-ignore */ NODE_URL)) as { pathToFileURL(path: string): URL };
    here = url.pathToFileURL(__filename).href;
  } else here = import.meta.url;
  const ext = /\.(c?js|mjs|m?ts)$/.exec(here)?.[0] ?? '.js';
  return new URL(`./parallelWorker${ext}`, here);
}

const NODE_URL = 'node:url';

/**
 * Forecasts every series as {@link crm-mining/forecast!forecastMany} does, on `workers` threads; the result is equal
 * to forecastMany's (each series is fitted alone, the same way). Progress (phase `'series'`)
 * counts series as they finish; an abort stops every worker at once and rejects with `ABORTED`.
 * With `failures: 'refuse'`, it rejects with the error forecastMany would throw: that of the first
 * refused series in input order. The method must be a built-in name (a function cannot be sent to
 * a worker). Each worker loads the library once (about 30 ms on Node), so for a few short series
 * forecastMany is faster. O(total length x the method's cost per value / workers).
 * @param many - A `salesSeries(..., { group })` result, `{ [group]: series }`, or an array of series.
 * @param options - forecastMany's options and `workers` (default: the cores the runtime reports).
 * @returns A promise of the {@link ForecastManyResult}.
 * @throws CrmError (as a rejection) `INVALID_INPUT`, `EMPTY_INPUT`, `INVALID_OPTION` (also for a method function), `ABORTED`, `WORKER_FAILED`; with `failures: 'refuse'`, the first refused series' error, naming its group
 * @example
 * // In a module or an async function:
 * // const out = await forecastManyParallel({ tea: [3, 4, 5], cake: [9, 8, 7] }, { horizon: 1, method: 'naive', workers: 2 });
 * // out.forecasts.map((f) => f.mean) is [[5], [7]], what forecastMany gives:
 * forecastMany({ tea: [3, 4, 5], cake: [9, 8, 7] }, { horizon: 1, method: 'naive' }).forecasts.map((f) => f.mean); // => [[5], [7]]
 */
export async function forecastManyParallel(many: ManySeriesInput, options: ForecastManyParallelOptions): Promise<ForecastManyResult> {
  return runForecastMany('forecastManyParallel', many, options, workerSpawner(await workerUrl()));
}
