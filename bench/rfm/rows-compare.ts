// `npx tsx bench/rfm/rows-compare.ts`: the paths users take, row objects as a CSV parser gives them
// (string customer and invoice ids, ISO date strings, numeric amounts), through rfmScore,
// lifecycleStage and summarizeTransactions (and rfmScore on the columns parseTable gives), against their pandas peers (bench/rfm/orders_pandas.py)
// on the 397,884 cleaned Online Retail lines, in the same run. Parsing and cleaning are timed on
// neither side. The JS medians take half their runs before pandas and half after. Sides must agree
// on customer counts (and lifecycle stage counts, CLV frequency sums), or the script fails.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { rfmScore } from '../../src/rfm/index.js';
import { lifecycleStage } from '../../src/lifecycle/index.js';
import { summarizeTransactions } from '../../src/clv/index.js';
import { DATA_DIR } from '../../test/helpers/shared.js';
import { loadCleanOnlineRetail } from '../../test/rfm/onlineRetail.js';
import { median, runsMs } from '../timing.js';

const file = join(DATA_DIR, 'online_retail.csv.gz');
if (!existsSync(file)) {
  process.stderr.write(`${file} is absent: nothing to compare.\n`);
  process.exit(0);
}
const d = loadCleanOnlineRetail();
const rows = Array.from(d.customer, (c, i) => ({
  CustomerID: String(c), InvoiceNo: String(d.orderId[i]), InvoiceDate: new Date(d.date[i]!).toISOString(), amount: d.amount[i]!,
}));
// What parseTable gives for the same file (crm-mining/io): integer ids in a Float64Array, invoice
// numbers as strings, dates as epoch ms.
const parsed = { customer: Float64Array.from(d.customer), date: Float64Array.from(d.date), amount: Float64Array.from(d.amount), orderId: Array.from(d.orderId, String) };
const names = { customer: 'CustomerID', date: 'InvoiceDate' } as const;
const cases = {
  rfmParsed: () => rfmScore(parsed),
  rfm: () => rfmScore(rows, { ...names, amount: 'amount', orderId: 'InvoiceNo' }),
  lifecycle: () => lifecycleStage(rows, names),
  clv: () => summarizeTransactions(rows, { ...names, amount: 'amount', calibrationEnd: '2011-09-30', laterCustomers: 'drop' }),
};
const REPS = 9;
/** CPU ms of the process (user + system, GC threads included) per run: steadier than wall time on a loaded machine. */
function cpuRunsMs(f: () => unknown, reps: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const u = process.cpuUsage();
    f();
    const d = process.cpuUsage(u);
    out.push((d.user + d.system) / 1000);
  }
  return out;
}
// Settle the heap first: the 397,884 row objects just built are promoted by the first collections,
// which otherwise land in whichever case is timed first (rfmParsed: 50+ ms wall for 14 CPU ms).
for (let i = 0; i < 3; i++) for (const f of Object.values(cases)) f();
const before = Object.fromEntries(Object.entries(cases).map(([k, f]) => [k, runsMs(f, REPS, 3)]));
const cpuBefore = Object.fromEntries(Object.entries(cases).map(([k, f]) => [k, cpuRunsMs(f, REPS)]));
process.stderr.write('pandas ...\n');
const py = JSON.parse(execFileSync('/usr/bin/python3', [join(import.meta.dirname, 'orders_pandas.py'), file, '7'], { encoding: 'utf8' })) as {
  rfm_ms: [number, number]; lifecycle_ms: [number, number]; clv_ms: [number, number];
  checks: { rfm_customers: number; lifecycle: Record<string, number>; clv_customers: number; clv_frequency: number; clv_holdout: number };
};
const after = Object.fromEntries(Object.entries(cases).map(([k, f]) => [k, runsMs(f, REPS, 1)]));
const cpuAfter = Object.fromEntries(Object.entries(cases).map(([k, f]) => [k, cpuRunsMs(f, REPS)]));

const r = cases.rfm();
const l = cases.lifecycle();
const s = cases.clv();
const stageCounts = Object.fromEntries(l.stages.filter((x) => x.customers > 0).map((x) => [x.stage, x.customers]));
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const agree = r.customers.length === py.checks.rfm_customers &&
  JSON.stringify(Object.entries(stageCounts).sort()) === JSON.stringify(Object.entries(py.checks.lifecycle).sort()) &&
  s.customers.length === py.checks.clv_customers && sum(s.frequency) === py.checks.clv_frequency && sum(s.holdoutFrequency) === py.checks.clv_holdout;
if (!agree) throw new Error(`the sides disagree: ${JSON.stringify({ rfm: r.customers.length, stageCounts, clv: [s.customers.length, sum(s.frequency), sum(s.holdoutFrequency)], py: py.checks })}`);

const rowsOut = [
  ['rfmScore on the columns parseTable gives (Float64Array ids, string invoice ids)', 'pandas groupby + rank + qcut (rfm_pandas.py)', 'rfmParsed'],
  ['rfmScore', 'pandas groupby + rank + qcut (rfm_pandas.py)', 'rfm'],
  ['lifecycleStage', 'pandas lifecycle rule (lifecycle_oracle.py)', 'lifecycle'],
  ['summarizeTransactions (calibrationEnd 2011-09-30)', "pandas daily groupby, lifetimes' summary_data_from_transaction_data rule", 'clv'],
] as const;
const lines = rowsOut.map(([ours, peer, k]) => {
  const js = median([...before[k]!, ...after[k]!]);
  const cpu = median([...cpuBefore[k]!, ...cpuAfter[k]!]);
  const [p, pc] = py[`${k === 'rfmParsed' ? 'rfm' : k}_ms`];
  return `| ${ours} | ${js.toFixed(1)} (before/after: ${median(before[k]!).toFixed(1)} / ${median(after[k]!).toFixed(1)}) | ${cpu.toFixed(1)} | ${peer} | ${p.toFixed(1)} | ${pc.toFixed(1)} | ${(js / p).toFixed(2)} | ${(cpu / pc).toFixed(2)} |`;
});
process.stdout.write(
  `### Row objects with string ids (397,884 cleaned Online Retail lines), ${2 * REPS} JS runs vs pandas median of 7, same run\n\n` +
    '| crm-mining on row objects | median ms | CPU ms | pandas peer | median ms | CPU ms | ratio (ours / pandas) | CPU ratio |\n| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |\n' +
    `${lines.join('\n')}\n\nTarget: ratio <= 0.50. Node ${process.version}; the machine is shared, so absolute times vary with load.\n`,
);
