// Worker threads on the TypeScript sources, for tests and benchmarks run by vitest or tsx: Node 20
// cannot apply an ESM loader inside a worker, so the worker registers tsx's CommonJS hook and
// requires the .ts script. The built package needs none of this (forecastManyParallel loads dist's .js).
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { fromNodeWorker, type SpawnWorker } from '../../src/core/workerPool.js';

/** A SpawnWorker running the TypeScript worker script at `url` (a file: URL of a .ts file). */
export function sourceSpawner(url: URL): SpawnWorker {
  const file = fileURLToPath(url);
  return async () => fromNodeWorker(new Worker(`require('tsx/cjs'); require(${JSON.stringify(file)});`, { eval: true }));
}

/** The forecast worker script in src. */
export const FORECAST_WORKER = new URL('../../src/forecast/parallelWorker.ts', import.meta.url);
