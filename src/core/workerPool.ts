/**
 * Worker threads wherever JavaScript runs: Web Workers (browsers, Deno) where a global `Worker`
 * exists, `node:worker_threads` on Node; and a pool that hands jobs to idle workers one at a time
 * (so a long job does not hold back a queue behind it) and reports results as they come.
 * @module
 */
import { CrmError } from './errors.js';

/** One worker as the pool sees it: post a message, hear replies and failures, stop it. */
export interface PoolWorker {
  post(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  onFailure(listener: (error: Error) => void): void;
  terminate(): void;
}

/** Starts one worker; the pool calls it once per worker. */
export type SpawnWorker = () => Promise<PoolWorker>;

interface WebWorkerLike {
  postMessage(message: unknown): void;
  addEventListener(type: string, listener: (event: { data?: unknown; message?: string; error?: unknown }) => void): void;
  terminate(): void;
}

/** What the pool uses of a `node:worker_threads` Worker. */
export interface NodeWorkerLike {
  postMessage(message: unknown): void;
  on(type: string, listener: (value: unknown) => void): void;
  terminate(): unknown;
}

// Named through a variable so that bundlers targeting browsers leave the import alone.
const WORKER_THREADS = 'node:worker_threads';
const NODE_OS = 'node:os';

function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string' && !('Deno' in globalThis);
}

/**
 * A {@link SpawnWorker} for the script at `url`: a module Web Worker where `globalThis.Worker`
 * exists and this is not Node, else a `node:worker_threads` Worker. Node workers inherit the
 * parent's `execArgv` (so a TypeScript loader given to the parent applies to the worker too).
 * @example
 * const spawn = workerSpawner(new URL('file:///app/myWorker.js'));
 * typeof spawn; // => 'function'
 * // const w = await spawn(); starts the worker (a PoolWorker); w.terminate() stops it.
 */
export function workerSpawner(url: URL): SpawnWorker {
  return async () => {
    const Web = (globalThis as { Worker?: new (url: URL, options: { type: 'module' }) => WebWorkerLike }).Worker;
    if (!isNode() && typeof Web === 'function') {
      const w = new Web(url, { type: 'module' });
      return {
        post: (m) => w.postMessage(m),
        onMessage: (l) => w.addEventListener('message', (e) => l(e.data)),
        onFailure: (l) => {
          w.addEventListener('error', (e) => l(new Error(`worker failed: ${e.message ?? String(e.error)}`)));
          w.addEventListener('messageerror', () => l(new Error('worker failed: a message could not be read')));
        },
        terminate: () => w.terminate(),
      };
    }
    const wt = (await import(/* @vite-ignore */ WORKER_THREADS)) as { Worker: new (url: URL) => NodeWorkerLike };
    return fromNodeWorker(new wt.Worker(url));
  };
}

/**
 * A `node:worker_threads` Worker as a {@link PoolWorker} (a non-zero exit counts as a failure).
 * @example
 * // With a real one: fromNodeWorker(new Worker(new URL('./w.js', import.meta.url))).
 * const posted: unknown[] = [];
 * const w = fromNodeWorker({ postMessage: (m) => posted.push(m), on: () => {}, terminate: () => 0 });
 * w.post({ job: 1 });
 * posted; // => [{ job: 1 }]
 */
export function fromNodeWorker(w: NodeWorkerLike): PoolWorker {
  return {
    post: (m) => w.postMessage(m),
    onMessage: (l) => w.on('message', l),
    onFailure: (l) => {
      w.on('error', (e) => l(e instanceof Error ? e : new Error(String(e))));
      w.on('exit', (code) => { if (code !== 0) l(new Error(`worker exited with code ${String(code)}`)); });
    },
    terminate: () => { void w.terminate(); },
  };
}

/**
 * The number of logical cores this runtime reports (`navigator.hardwareConcurrency`, Node's
 * `os.availableParallelism()`), at least 1; 2 where neither is known.
 * @example
 * // (await defaultWorkerCount()) >= 1 is true.
 * defaultWorkerCount() instanceof Promise; // => true
 */
export async function defaultWorkerCount(): Promise<number> {
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  if (typeof nav?.hardwareConcurrency === 'number' && nav.hardwareConcurrency >= 1) return nav.hardwareConcurrency;
  if (isNode()) {
    const os = (await import(/* @vite-ignore */ NODE_OS)) as { availableParallelism?: () => number; cpus: () => unknown[] };
    return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  }
  return 2;
}

/** A job's reply: its index in the job list and what the worker sent. */
export interface PoolReply {
  readonly index: number;
  readonly reply: unknown;
}

/** What {@link runPool} needs. */
export interface PoolRun {
  /** How many jobs; job i is `message(i)`. */
  readonly count: number;
  /** The message that starts job i on a worker (the pool adds the job index). */
  readonly message: (index: number) => unknown;
  /**
   * The reply for job i computed in this thread, used when its message cannot be sent (a value
   * structured cloning refuses), so such a job fails or succeeds as it would without workers.
   */
  readonly local: (index: number) => unknown;
  /** Sent once to each worker before its first job. */
  readonly setup: unknown;
  readonly workers: number;
  readonly spawn: SpawnWorker;
  /** Called for each reply as it arrives; return false to start no further jobs (running ones finish). */
  readonly onReply: (reply: PoolReply) => boolean;
  readonly signal?: AbortSignal | undefined;
  /** The error to reject with when the signal aborts. */
  readonly aborted?: () => Error;
  /** The caller's name, for error messages. */
  readonly fn: string;
}

/**
 * Runs `count` jobs on `workers` workers, each worker taking the next job when it replies, and
 * resolves when every started job has replied. Workers are stopped at the end, on a worker
 * failure (rejects with `WORKER_FAILED`) and on abort. O(count) messages.
 * @example
 * // With a spawn whose workers answer { index, reply }, this resolves once all 3 jobs replied:
 * // await runPool({ count: 3, message: (i) => ({ job: i }), local: (i) => i * 2, setup: null, workers: 2, spawn, onReply: ({ reply }) => (out.push(reply), true), fn: 'demo' });
 * // A run with no jobs resolves at once without starting a worker:
 * runPool({ count: 0, message: () => null, local: () => null, setup: null, workers: 2, spawn: () => Promise.reject(new Error('unused')), onReply: () => true, fn: 'demo' }) instanceof Promise; // => true
 */
export async function runPool(run: PoolRun): Promise<void> {
  const { count, workers, signal } = run;
  const started: PoolWorker[] = [];
  const stopAll = (): void => { for (const w of started) w.terminate(); };
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let pending = 0;
      let dispatching = true;
      let settled = false;
      const finish = (error?: Error): void => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        if (error === undefined) resolve();
        else reject(error);
      };
      const onAbort = (): void => finish(run.aborted?.() ?? new Error(`${run.fn} was aborted`));
      if (signal?.aborted) { onAbort(); return; }
      signal?.addEventListener('abort', onAbort);
      const take = (reply: PoolReply): boolean => {
        try {
          if (!run.onReply(reply)) dispatching = false;
          return true;
        } catch (e) {
          finish(e instanceof Error ? e : new Error(String(e)));
          return false;
        }
      };
      const feed = (w: PoolWorker): void => {
        while (!settled && dispatching && next < count) {
          const i = next++;
          try {
            w.post({ index: i, job: run.message(i) });
            pending++;
            return;
          } catch {
            if (!take({ index: i, reply: run.local(i) })) return;
          }
        }
        if (!settled && pending === 0) finish();
      };
      if (count === 0) { finish(); return; }
      const n = Math.max(1, Math.min(workers, count));
      for (let k = 0; k < n; k++) {
        run.spawn().then((w) => {
          if (settled) { w.terminate(); return; }
          started.push(w);
          w.onFailure((e) => finish(new CrmError('WORKER_FAILED', `${run.fn}: a worker stopped: ${e.message}`, { cause: e.message })));
          w.onMessage((m) => {
            if (settled) return;
            pending--;
            if (take(m as PoolReply)) feed(w);
          });
          w.post({ setup: run.setup });
          feed(w);
        }, (e: unknown) => finish(new CrmError('WORKER_FAILED', `${run.fn}: could not start a worker: ${e instanceof Error ? e.message : String(e)}`)));
      }
    });
  } finally {
    stopAll();
  }
}
