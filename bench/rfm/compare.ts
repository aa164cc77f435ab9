// `npx tsx bench/rfm/compare.ts`: rfmScore against pandas groupby + qcut on the 397,884 cleaned,
// already parsed Online Retail lines, in the same run (parsing and cleaning timed on neither side),
// then rfmScore and paretoAnalysis on seeded synthetic logs of 1M and 5M lines with memory.
// Prints markdown tables on stdout; progress goes to stderr.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { paretoAnalysis, rfmScore } from '../../src/rfm/index.js';
import { DATA_DIR, hasSharedData, REPO_ROOT, ANCHORS_DIR } from '../../test/helpers/shared.js';
import { loadCleanOnlineRetail } from '../../test/rfm/onlineRetail.js';
import { syntheticOrders } from './synthetic.js';
import { median, runsMs } from '../timing.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const timeMs = (f: () => unknown, reps: number, warmup: number) => median(runsMs(f, reps, warmup));

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const log = (s: string) => process.stderr.write(`${s}\n`);
const out: string[] = [];

// Synthetic logs first, before the Online Retail parse inflates the process's memory.
const synth: string[] = [];
synth.push(
  '',
  '### Synthetic order logs (seeded; n / 10 customers, ~4 lines per order)',
  '',
  '| lines | customers scored | rfmScore median ms | ns per line | paretoAnalysis ms | input MiB | result MiB (JS heap retained) | RSS growth during one run MiB |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
);
for (const n of [1_000_000, 5_000_000]) {
  log(`synthetic ${n} lines ...`);
  const data = syntheticOrders(n, 42);
  const inputBytes = data.customer.byteLength + data.date.byteLength + data.amount.byteLength + data.orderId.byteLength;
  gc();
  // Memory first, from one run: sizes go in increasing order, so the process's max RSS after this
  // run is this run's peak (timing runs would add uncollected garbage).
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  const result = rfmScore(data);
  const peak = process.resourceUsage().maxRSS * 1024 - rssBefore;
  gc();
  // The result is plain objects on the JS heap (no typed arrays).
  const retained = process.memoryUsage().heapUsed - heapBefore;
  const ms = timeMs(() => rfmScore(data), n > 1_000_000 ? 3 : 5, 1);
  const paretoMs = timeMs(() => paretoAnalysis(result), 3, 1);
  synth.push(`| ${n.toLocaleString('en')} | ${result.customers.length.toLocaleString('en')} | ${ms.toFixed(0)} | ${((ms * 1e6) / n).toFixed(0)} | ${paretoMs.toFixed(0)} | ${mib(inputBytes)} | ${mib(retained)} | ${mib(peak)} |`);
}
if (hasSharedData && existsSync(join(DATA_DIR, 'online_retail.csv.gz'))) {
  log('loading Online Retail (not timed) ...');
  const d = loadCleanOnlineRetail();
  // Numeric ids as the issue asks: integer customer and invoice ids, epoch-ms dates, amounts.
  const columns = { customer: Int32Array.from(d.customer), date: d.date, amount: d.amount, orderId: Int32Array.from(d.orderId) };
  log('rfmScore ...');
  const before = runsMs(() => rfmScore(columns), 15, 3);
  log('pandas (../shared/anchors/py/rfm_pandas.py) ...');
  const script = join(ANCHORS_DIR, 'py', 'rfm_pandas.py');
  const pandasMs = 1000 * Number(execFileSync('/usr/bin/python3', [script, join(DATA_DIR, 'online_retail.csv.gz')], { cwd: REPO_ROOT, encoding: 'utf8' }).trim());
  const after = runsMs(() => rfmScore(columns), 15, 1);
  const ours = median([...before, ...after]);
  // The path users take: row objects as a CSV parser gives them, string customer and invoice ids,
  // ISO date strings (one per invoice, repeated on its lines), numeric amounts.
  const rows = Array.from(d.customer, (c, i) => ({
    CustomerID: String(c), InvoiceNo: String(d.orderId[i]), InvoiceDate: new Date(d.date[i]!).toISOString(), amount: d.amount[i]!,
  }));
  const rowOptions = { customer: 'CustomerID', orderId: 'InvoiceNo', date: 'InvoiceDate', amount: 'amount' } as const;
  log('rfmScore on row objects with string ids ...');
  const rowMs = median(runsMs(() => rfmScore(rows, rowOptions), 11, 2));
  out.push(
    '### RFM aggregation + scoring, Online Retail cleaned (397,884 lines, 4,338 customers)',
    '',
    '| system | median ms | ratio (ours / pandas) |',
    '| --- | ---: | ---: |',
    `| crm-mining rfmScore (columns, numeric ids; 30 runs, half before and half after pandas) | ${ours.toFixed(1)} (medians before/after: ${median(before).toFixed(1)} / ${median(after).toFixed(1)}) | ${(ours / pandasMs).toFixed(2)} |`,
    `| crm-mining rfmScore (row objects, string customer and invoice ids, ISO date strings; 11 runs) | ${rowMs.toFixed(1)} | ${(rowMs / pandasMs).toFixed(2)} |`,
    `| pandas groupby + rank + qcut (rfm_pandas.py, median of 5) | ${pandasMs.toFixed(1)} | 1.00 |`,
    '',
    'Target: ratio <= 0.50. Parsing and cleaning are timed on neither side.',
    '',
  );
} else {
  log('../shared/data/online_retail.csv.gz is absent: skipping the pandas comparison.');
  out.push('Online Retail comparison skipped: ../shared/data is absent.', '');
}

out.push(...synth);
out.push('', `Node ${process.version}; the machine is shared, so absolute times vary with load.`);
process.stdout.write(`${out.join('\n')}\n`);
