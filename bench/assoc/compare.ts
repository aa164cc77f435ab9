// Side-by-side: crm-mining fpGrowth (the built dist/, what users import) vs node-fpgrowth (same run,
// same process, same input), and vs Borgelt's C fpgrowth from ../shared/anchors/results/fim.native.json
// (RECORDED, NOT SAME-RUN: the C programs are not installed here and cannot be built: no source in
// the reachable registries). Peak memory comes from fresh plain-Node child processes
// (memory-child.mjs; synthetic-child.ts under tsx for the synthetic log).
// usage: npx tsx bench/assoc/compare.ts [--no-peer] [--no-memory]
// Heavy (node-fpgrowth takes 4-9 s per run): about 2 minutes. The machine may be shared: run once, late, and say so.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { FPGrowth } from 'node-fpgrowth';
import { importBuilt } from '../dist.js';
import { REPO, SHARED, readFimi } from './data.js';

const { fpGrowth } = await importBuilt<typeof import('../../src/assoc/index.js')>('assoc');

const args = new Set(process.argv.slice(2));
const median = (v: number[]) => { const s = v.slice().sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };
const ms = (s: number) => `${(s * 1000).toFixed(0)} ms`;

interface NativeRun { system: string; data: string; min_count: number; output: string; itemsets: number; timing: { wall_median_s: number; after_read_phases_median_s: number; peak_rss_mib_max: number }; runs: { user_s: number; sys_s: number }[] }
const native = (JSON.parse(readFileSync(join(SHARED, 'anchors/results/fim.native.json'), 'utf8')) as { runs: NativeRun[] }).runs;

/** Median wall and CPU seconds (this process's user + system time) over `reps` runs after `warmup`. */
async function time(run: () => unknown, warmup: number, reps: number): Promise<{ wall: number; cpu: number }> {
  const walls: number[] = [];
  const cpus_: number[] = [];
  for (let r = 0; r < warmup + reps; r++) {
    const c0 = process.cpuUsage();
    const t = performance.now();
    await run();
    const wall = (performance.now() - t) / 1000;
    const c = process.cpuUsage(c0);
    if (r >= warmup) { walls.push(wall); cpus_.push((c.user + c.system) / 1e6); }
  }
  return { wall: median(walls), cpu: median(cpus_) };
}

interface MemoryRun { seconds: number; peakRssMiB: number; rssBeforeMiB: number; peakLoadingMiB: number; miningMiB: number; itemsets: number }
function memoryChild(system: string, name: string, minCount: number): MemoryRun {
  const out = execFileSync(process.execPath, ['--expose-gc', resolve(REPO, 'bench/assoc/memory-child.mjs'), system, name, String(minCount)], { cwd: REPO, maxBuffer: 1 << 24 });
  return JSON.parse(out.toString().trim().split('\n').pop()!) as MemoryRun;
}

function syntheticChild(baskets: number, items: number, minSupport: number): { seconds: number; peakRssMiB: number; rssBeforeMiB: number; heapUsedMiB: number; itemsets: number } {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', resolve(REPO, 'bench/assoc/synthetic-child.ts'), String(baskets), String(items), String(minSupport)], { cwd: REPO, maxBuffer: 1 << 24 });
  return JSON.parse(out.toString().trim().split('\n').pop()!);
}

const timeRows: string[] = [];
const memRows: string[] = [];
const load0 = loadavg()[0]!;
for (const [name, minCount] of [['retail', 88], ['T10I4D100K', 50]] as const) {
  const tx = readFimi(`${name}.dat.gz`);
  const ours = await time(() => fpGrowth(tx, { minCount }), 2, 7);
  const count = fpGrowth(tx, { minCount }).itemsets.length;
  const c = native.find((r) => r.system === 'fpgrowth' && r.data === `${name}.dat.gz` && r.min_count === minCount && r.output.startsWith('none'))!;
  const cCpu = median(c.runs.map((x) => x.user_s + x.sys_s));
  if (!args.has('--no-peer')) {
    const fraction = (minCount - 0.5) / tx.length;
    const peer = await time(() => new FPGrowth<number>(fraction).exec(tx), 1, 3);
    timeRows.push(`| fpGrowth ${name} @ minCount ${minCount} (${count} itemsets) | ${ms(ours.wall)} wall, ${ms(ours.cpu)} CPU | node-fpgrowth ${ms(peer.wall)} wall, ${ms(peer.cpu)} CPU (same run) | ${(peer.wall / ours.wall).toFixed(1)}x faster (wall), ${(peer.cpu / ours.cpu).toFixed(1)}x (CPU) |`);
  }
  timeRows.push(`| fpGrowth ${name} @ minCount ${minCount} | ${ms(ours.wall)} wall, ${ms(ours.cpu)} CPU | Borgelt fpgrowth (recorded, not same-run): ${ms(c.timing.wall_median_s)} wall / ${ms(cCpu)} CPU whole program incl. reading the file, ${ms(c.timing.after_read_phases_median_s)} after reading | ${(ours.wall / c.timing.wall_median_s).toFixed(2)}x its wall, ${(ours.cpu / cCpu).toFixed(2)}x its CPU, ${(ours.cpu / c.timing.after_read_phases_median_s).toFixed(2)}x its phases after reading |`);
  if (!args.has('--no-memory')) {
    const base = memoryChild('none', name, minCount);
    const m = memoryChild('crm', name, minCount);
    const p = args.has('--no-peer') ? null : memoryChild('node-fpgrowth', name, minCount);
    const cPeak = c.timing.peak_rss_mib_max;
    const grow = (r: MemoryRun) => `${r.miningMiB.toFixed(1)} MiB (${(r.miningMiB / cPeak).toFixed(2)}x C's whole peak)`;
    memRows.push(`| ${name} @ ${minCount} | mining took ${grow(m)}; whole process ${m.peakRssMiB.toFixed(0)} MiB (${(m.peakRssMiB / cPeak).toFixed(1)}x C), of which Node and the loaded number[][] ${base.peakRssMiB.toFixed(0)} MiB | ${p ? `node-fpgrowth: mining took ${grow(p)}, whole process ${p.peakRssMiB.toFixed(0)} MiB; ` : ''}Borgelt C: whole process ${cPeak.toFixed(1)} MiB (recorded) |`);
  }
}
if (!args.has('--no-memory')) {
  const s = syntheticChild(1_000_000, 3000, 0.001);
  memRows.push(`| synthetic 1M baskets, 3000 items, minSupport 0.001 (${s.itemsets} itemsets, ${s.seconds.toFixed(2)} s) | crm-mining: peak RSS ${s.peakRssMiB.toFixed(0)} MiB (${s.rssBeforeMiB.toFixed(0)} MiB with the data loaded), heap after ${s.heapUsedMiB.toFixed(0)} MiB | target < 1024 MiB |`);
}

console.log(`Node ${process.version}, ${cpus()[0]?.model} x ${cpus().length}, load average ${load0.toFixed(2)} at start, ${loadavg()[0]!.toFixed(2)} at end (machine shared with other runs).`);
console.log('Times: in-process medians of 7 runs after 2 warm-ups (node-fpgrowth: 3 runs after 1), same number[][] input; CPU = this process\'s user + system time during the call.\n');
console.log('| task | crm-mining | peer | ratio |\n|---|---|---|---|');
for (const r of timeRows) console.log(r);
if (memRows.length) {
  console.log('\n| memory task | crm-mining | peers |\n|---|---|---|');
  for (const r of memRows) console.log(r);
  console.log('\n"Mining took" = peak RSS of a fresh plain-Node process minus its RSS with the data already loaded as number[][] (parsed byte by byte, collected): the memory the call itself needs. It is compared with the whole peak of the C program, which includes its runtime and its own copy of the data. Node alone starts at about 39 MiB.');
}
