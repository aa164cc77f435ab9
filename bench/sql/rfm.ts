// `npx tsx bench/sql/rfm.ts [lines]` (default 5,000,000; the README figure is 50,000,000):
// RFM of seeded synthetic order lines three ways in one run, on the same lines:
//   - DuckDB (in this process, @duckdb/node-api) running the library's SQL over a table of lines,
//   - pandas (/usr/bin/python3, bench/sql/rfm_pandas.py) reading the same CSV,
//   - rfmScore in this process on the same lines as columns (typed arrays).
// Loading (CSV into DuckDB, read_csv in pandas) is timed apart from the RFM computation, which
// is what the ratios compare. Checks that the three give the same cell to every customer.
// Wall and CPU time of each (CPU: user + system of the process, all its threads, during the call;
// on a shared machine wall time depends on the load, CPU time much less).
// Writes its section of bench/sql/RESULTS.md. Needs about 3 GiB (Node) + 6 GiB (pandas) at 50M.
// CRM_BENCH_REPS (default 3; pandas runs once beyond 10M lines), CRM_BENCH_KEEP=1 keeps the CSV
// and CRM_BENCH_REUSE=1 reads a kept one instead of writing it again (the lines are seeded).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { rfmScore, type RfmResult } from '../../src/rfm/index.js';
import { rfmOrdersToSql, rfmToSql } from '../../src/sql/index.js';
import { median } from '../timing.js';
import { ORDERS_AS_OF, orderLines, writeOrdersCsv } from './orders.js';
import { log, machine, mib, writeSection } from './results.js';

const n = Number(process.argv[2] ?? 5_000_000);
const reps = Number(process.env.CRM_BENCH_REPS ?? 3);
const pandasReps = n > 10_000_000 ? 1 : reps;
const dir = join(process.env.CRM_BENCH_DIR ?? tmpdir(), 'crm-mining-bench-sql');
mkdirSync(dir, { recursive: true });
const csv = join(dir, `orders-${n}.csv`);
const pandasCells = join(dir, `pandas-cells-${n}.csv`);
const loadAtStart = machine();

log(`generating ${n.toLocaleString('en')} lines (seed 42) ...`);
let t = performance.now();
const lines = orderLines(n, 42);
const genMs = performance.now() - t;
t = performance.now();
const reuse = process.env.CRM_BENCH_REUSE === '1' && existsSync(csv);
if (!reuse) writeOrdersCsv(csv, lines);
const csvMs = performance.now() - t;
log(`generated in ${(genMs / 1000).toFixed(1)} s, CSV written in ${(csvMs / 1000).toFixed(1)} s`);

// ---- rfmScore in process, columns path.
const columns = { customer: lines.customer, orderId: lines.orderId, date: lines.date, amount: lines.amount };
const jsMs: number[] = [];
const jsCpu: number[] = [];
const cpuMs = (since: NodeJS.CpuUsage) => { const u = process.cpuUsage(since); return (u.user + u.system) / 1000; };
let result: RfmResult | null = null;
for (let i = 0; i < reps; i++) {
  log(`rfmScore run ${i + 1}/${reps} ...`);
  const c = process.cpuUsage();
  t = performance.now();
  result = rfmScore(columns, { asOf: ORDERS_AS_OF });
  jsMs.push(performance.now() - t);
  jsCpu.push(cpuMs(c));
}
const js = result!;
const jsRss = process.resourceUsage().maxRSS * 1024;
log(`rfmScore: ${js.customers.length.toLocaleString('en')} customers, median ${median(jsMs).toFixed(0)} ms`);

// ---- DuckDB: the library's SQL over the lines table.
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const threads = (await con.runAndReadAll("SELECT current_setting('threads')")).getRows()[0]![0];
log('DuckDB: loading the CSV ...');
t = performance.now();
await con.run(`CREATE TABLE lines AS SELECT customer, order_id, make_timestamp(ts * 1000000) AS date, amount
  FROM read_csv('${csv.replaceAll("'", "''")}', header = true, columns = {'customer': 'INTEGER', 'order_id': 'INTEGER', 'ts': 'BIGINT', 'amount': 'DOUBLE'})`);
const duckLoadMs = performance.now() - t;

// Per-customer metrics by a plain GROUP BY in rfmScore's units (recency in whole days to the end
// of asOf day), then rfmToSql's ranks scoring: rfmScore's ties 'first' rule, as pandas qcut of
// rank(method='first'). The result only supplies bins and segments (the SQL holds no data).
const asOfSeconds = Date.parse(`${ORDERS_AS_OF}T00:00:00Z`) / 1000 + 86_400;
const s = rfmToSql(js, { scoring: 'ranks', dialect: 'duckdb' });
const groupBySql = `WITH per_customer AS (
  SELECT customer, MAX(date) AS last, COUNT(DISTINCT order_id) AS frequency, SUM(amount) AS monetary FROM lines GROUP BY customer
), metrics AS (
  SELECT customer, FLOOR((${asOfSeconds} - epoch(last)) / 86400) AS recency, frequency, monetary FROM per_customer
)
SELECT customer, recency, frequency, monetary, ${s.r} AS r, ${s.f} AS f, ${s.m} AS m, ${s.cell} AS cell, ${s.segment} AS segment FROM metrics`;

async function timeDuck(label: string, sql: string): Promise<[number[], number[]]> {
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < reps; i++) {
    log(`DuckDB ${label} run ${i + 1}/${reps} ...`);
    const c = process.cpuUsage();
    t = performance.now();
    await con.run(`CREATE OR REPLACE TABLE scored AS ${sql}`);
    ms.push(performance.now() - t);
    cpu.push(cpuMs(c));
  }
  return [ms, cpu];
}
const [ordersMs, ordersCpu] = await timeDuck('rfmOrdersToSql', rfmOrdersToSql(js, { from: 'lines', columns: { orderId: 'order_id' }, asOf: ORDERS_AS_OF, dialect: 'duckdb' }));
const ordersCells = (await con.runAndReadAll('SELECT customer, cell FROM scored ORDER BY customer')).getRows();
const [duckMs, duckCpu] = await timeDuck('GROUP BY + rfmToSql', groupBySql);
const duckCells = (await con.runAndReadAll('SELECT customer, cell FROM scored ORDER BY customer')).getRows();
// The aggregation alone, to show what the scoring adds.
const metricsOnlySql = groupBySql.slice(0, groupBySql.lastIndexOf('SELECT customer, recency')) + 'SELECT * FROM metrics';
const [duckMetricsMs, duckMetricsCpu] = await timeDuck('GROUP BY alone', metricsOnlySql);


// ---- pandas, in its own process, on the same CSV.
log(`pandas (${pandasReps} run${pandasReps > 1 ? 's' : ''}) ...`);
const py = JSON.parse(execFileSync('/usr/bin/python3', [new URL('./rfm_pandas.py', import.meta.url).pathname, csv, pandasCells, String(pandasReps)], { encoding: 'utf8', maxBuffer: 1 << 20 })) as { seconds: number[]; cpu_seconds: number[]; load_seconds: number; customers: number; max_rss_mib: number };
const pandasMs = py.seconds.map((x) => x * 1000);
const pandasCpu = py.cpu_seconds.map((x) => x * 1000);
const pdCells = readFileSync(pandasCells, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));

// ---- Same cell for every customer?
const jsCells = js.customers.map((c) => [c.customer, c.cell] as const);
let duckDiff = 0;
let ordersDiff = 0;
let pandasDiff = 0;
const count = jsCells.length;
if (duckCells.length !== count || ordersCells.length !== count || pdCells.length !== count) throw new Error(`customer counts differ: rfmScore ${count}, DuckDB ${duckCells.length}, pandas ${pdCells.length}`);
for (let i = 0; i < count; i++) {
  const [id, cell] = jsCells[i]!;
  if (Number(duckCells[i]![0]) !== id) throw new Error(`DuckDB customer order differs at ${i}`);
  if (Number(pdCells[i]![0]) !== id) throw new Error(`pandas customer order differs at ${i}`);
  if (duckCells[i]![1] !== cell) duckDiff++;
  if (Number(ordersCells[i]![0]) !== id) throw new Error(`rfmOrdersToSql customer order differs at ${i}`);
  if (ordersCells[i]![1] !== cell) ordersDiff++;
  if (pdCells[i]![1] !== cell) pandasDiff++;
}
log(`cells differing from rfmScore: DuckDB rfmOrdersToSql ${ordersDiff}, DuckDB GROUP BY + rfmToSql ${duckDiff}, pandas ${pandasDiff} of ${count}`);

const ratio = (a: number[], b: number[]) => (median(a) / median(b)).toFixed(2);
const row = (name: string, ms: number[], cpu: number[], note: string) =>
  `| ${name} | ${median(ms).toFixed(0)} | ${ms.map((x) => x.toFixed(0)).join(', ')} | ${median(cpu).toFixed(0)} | ${ratio(ms, pandasMs)} / ${ratio(cpu, pandasCpu)} | ${ratio(ms, jsMs)} / ${ratio(cpu, jsCpu)} | ${note} |`;
const md = `## RFM of ${n.toLocaleString('en')} synthetic order lines (${count.toLocaleString('en')} customers)

Command: \`npx tsx bench/sql/rfm.ts ${n}\`, ${new Date().toISOString().slice(0, 10)}. ${loadAtStart} at start, ${machine().split('; ').pop()} at end.
Lines: bench/sql/orders.ts, seed 42 (heavy-tailed customer activity, 1..7 lines per order, hourly dates over 2022-2023, amounts in cents);
RFM as of the end of ${ORDERS_AS_OF}, 5 bins, frequency = distinct orders, monetary = total, ties broken by customer id (rank 'first').
Times are the RFM computation on data already loaded: DuckDB materialises the scored table (CREATE TABLE AS, ${threads} threads), pandas returns its frame (1 thread), rfmScore returns its result (1 thread).

| system | median wall ms | runs wall ms | median CPU ms | ratio to pandas (wall / CPU) | ratio to rfmScore (wall / CPU) | note |
| --- | ---: | --- | ---: | ---: | ---: | --- |
${row('DuckDB: rfmOrdersToSql(result, { from: \'lines\' }), the library\'s whole query (exact sums)', ordersMs, ordersCpu, `cells differing from rfmScore: ${ordersDiff}`)}
${row('DuckDB: GROUP BY metrics + rfmToSql(result, { scoring: \'ranks\' })', duckMs, duckCpu, `load CSV ${(duckLoadMs / 1000).toFixed(1)} s; cells differing from rfmScore: ${duckDiff}`)}
${row('DuckDB: the GROUP BY metrics alone (no scores)', duckMetricsMs, duckMetricsCpu, 'what the aggregation costs')}
${row('pandas 1.5: groupby + rank(method=\'first\') + qcut', pandasMs, pandasCpu, `read_csv ${py.load_seconds.toFixed(1)} s; peak RSS ${py.max_rss_mib.toFixed(0)} MiB; cells differing from rfmScore: ${pandasDiff}`)}
${row('crm-mining rfmScore (columns: Int32Array ids, epoch-ms dates)', jsMs, jsCpu, `peak RSS of the Node process ${mib(jsRss)} MiB (before DuckDB loaded)`)}

rfmOrdersToSql is the library's query from order lines (sums exact to the last bit, as rfmScore's compensated sum); the GROUP BY rows are a plain aggregation written here (COUNT(DISTINCT order_id), SUM(amount), MAX(date)) with the library's scoring SQL on top, and that aggregation alone.
Loading the CSV into DuckDB is in the note of the GROUP BY row (the same table serves all three DuckDB rows).
Generating the lines took ${(genMs / 1000).toFixed(1)} s, writing the CSV ${reuse ? '(reused from an earlier run of the same seed)' : `${(csvMs / 1000).toFixed(1)} s`} (not timed in the table).
`;
process.stdout.write(md);
writeSection(`rfm-${n}`, md);
con.closeSync();
if (!process.env.CRM_BENCH_KEEP) rmSync(csv, { force: true });
rmSync(pandasCells, { force: true });
