// Exactness check and quick timing for ETS speed work: `npx tsx bench/forecast/ets-snapshot.ts
// [every=15] [out.json]` fits every `every`-th M3-like series (bench/forecast/m3like.ts) with
// automatic selection, prints the time and writes the full fitEts JSON so two builds can be
// compared deep-equal (`cmp before.json after.json`).
import { writeFileSync } from 'node:fs';
import { fitEts } from '../../src/forecast/index.js';
import { m3LikeSeries } from './m3like.js';

const every = Number(process.argv[2] ?? 15);
const out = process.argv[3];
const subset = m3LikeSeries().filter((_, i) => i % every === 0);
for (const s of subset.slice(0, 10)) fitEts(s); // warm-up
const t0 = performance.now();
const fits = subset.map((s) => fitEts(s));
const sec = (performance.now() - t0) / 1000;
if (out) writeFileSync(out, JSON.stringify(fits));
process.stdout.write(`${subset.length} series: ${sec.toFixed(2)} s\n`);
