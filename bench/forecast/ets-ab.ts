// Same-run before/after timing of fitEts for exact speed work:
//   git archive <rev> src | (mkdir -p bench/forecast/.ab-old && tar -x -C bench/forecast/.ab-old)
//   npx tsx bench/forecast/ets-ab.ts [every=30] [exact]
// fits every `every`-th M3-like series (bench/forecast/m3like.ts) with the old tree and the
// current one, alternating three rounds, and prints both times, their ratio and whether the full
// JSON of every fit is identical. With `exact` the current tree fits with `prune: false` (R's
// path), to compare with a tree from before pruning. bench/forecast/.ab-old is scratch: do not commit it.
import { existsSync } from 'node:fs';
import { fitEts as newFit } from '../../src/forecast/index.js';
import { m3LikeSeries } from './m3like.js';

const oldPath = new URL('./.ab-old/src/forecast/index.ts', import.meta.url);
if (!existsSync(oldPath)) throw new Error('ets-ab: extract the old tree first (see the header of bench/forecast/ets-ab.ts)');
const { fitEts: oldFit } = (await import(oldPath.href)) as { fitEts: typeof newFit };
const every = Number(process.argv[2] ?? 30);
const opts = process.argv[3] === 'exact' ? { prune: false } : {};
const subset = m3LikeSeries().filter((_, i) => i % every === 0);
for (const s of subset.slice(0, 10)) { oldFit(s); newFit(s, opts); } // warm-up
let tOld = 0;
let tNew = 0;
let identical = true;
for (let round = 0; round < 3; round++) {
  let t = performance.now();
  const a = subset.map((s) => oldFit(s));
  tOld += performance.now() - t;
  t = performance.now();
  const b = subset.map((s) => newFit(s, opts));
  tNew += performance.now() - t;
  identical &&= JSON.stringify(a) === JSON.stringify(b);
}
process.stdout.write(`${subset.length} series, 3 rounds: old ${(tOld / 3000).toFixed(2)} s, new ${(tNew / 3000).toFixed(2)} s per round, old/new ${(tOld / tNew).toFixed(2)}, identical JSON: ${identical}\n`);
