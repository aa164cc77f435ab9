/**
 * The worker script of forecastManyParallel (parallel.ts): takes `{ setup }` once (the function's
 * name and the per-series settings), then `{ index, job: { group, series } }` per series, and
 * answers each with `{ index, reply }` (manyReply.ts's `replyOf`). Not imported by users: workers
 * load it by URL from parallel.ts's folder.
 * @module
 */
import type { ManySettings } from './forecastMany.js';
import { replyOf } from './manyReply.js';

interface Port {
  postMessage(message: unknown): void;
}

let fn = 'forecastManyParallel';
let settings: ManySettings | undefined;

function handle(port: Port, message: unknown): void {
  const m = message as { setup?: { fn: string; settings: ManySettings }; index?: number; job?: { group: string | number; series: unknown } };
  if (m.setup !== undefined) {
    fn = m.setup.fn;
    settings = m.setup.settings;
    return;
  }
  const { group, series } = m.job!;
  port.postMessage({ index: m.index, reply: replyOf(fn, settings!, series, group) });
}

const scope = globalThis as { postMessage?: unknown; addEventListener?: unknown; process?: { versions?: { node?: string } } };
if (typeof scope.process?.versions?.node === 'string' && !('Deno' in globalThis)) {
  // Named through a variable so that bundlers targeting browsers leave the import alone.
  const modName = 'node:worker_threads';
  void import(/* @vite-ignore */ modName).then((wt: { parentPort: (Port & { on(t: string, l: (m: unknown) => void): void }) | null }) => {
    const port = wt.parentPort;
    if (port !== null) port.on('message', (m) => handle(port, m));
  });
} else if (typeof scope.postMessage === 'function' && typeof scope.addEventListener === 'function') {
  const self = globalThis as unknown as Port & { addEventListener(t: string, l: (e: { data: unknown }) => void): void };
  self.addEventListener('message', (e) => handle(self, e.data));
}
