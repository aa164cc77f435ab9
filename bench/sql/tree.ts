// `npx tsx bench/sql/tree.ts [rows]` (default 10,000,000): a churn tree fitted in JS on 100k
// seeded synthetic customers (4 numeric columns with 1% NULLs, 2 categorical; missing: 'learn',
// maxDepth 8), then scored on `rows` customers two ways in one run, on the same rows:
//   - DuckDB (in this process) running treeToSql's probability over a table of the rows,
//     materialised as a table (CREATE TABLE AS), the rows loaded from a CSV beforehand;
//   - predictDecisionTreeProba in this process, on row objects, 1M rows at a time (the rows of a
//     chunk are built before the clock starts; the sum of the chunks' times is reported).
// Checks every probability: the SQL's and the JS ones, row by row (fetched 1M at a time).
// Wall and CPU time (user + system of this process, DuckDB's threads included) of each.
// Writes its section of bench/sql/RESULTS.md. CRM_BENCH_REPS (default 3).
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { createRandom } from '../../src/core/random.js';
import { fitDecisionTree, predictDecisionTreeProba, type TreeColumn } from '../../src/tree/index.js';
import { treeToSql } from '../../src/sql/index.js';
import { median } from '../timing.js';
import { log, machine, writeSection } from './results.js';

const n = Number(process.argv[2] ?? 10_000_000);
const reps = Number(process.env.CRM_BENCH_REPS ?? 3);
const CHUNK = 1_000_000;
const dir = join(process.env.CRM_BENCH_DIR ?? tmpdir(), 'crm-mining-bench-sql');
mkdirSync(dir, { recursive: true });
const csv = join(dir, `customers-${n}.csv`);
const loadAtStart = machine();

const COLUMNS: TreeColumn[] = [
  { name: 'tenure', type: 'numeric' },
  { name: 'monthly', type: 'numeric' },
  { name: 'total', type: 'numeric' },
  { name: 'tickets', type: 'numeric' },
  { name: 'contract', type: 'categorical' },
  { name: 'internet', type: 'categorical' },
];
const CONTRACTS = ['Month-to-month', 'One year', 'Two year'];
const INTERNET = ['DSL', 'Fiber optic', 'No'];
interface Customer extends Record<string, number | string | null> { tenure: number | null; monthly: number | null; total: number | null; tickets: number | null; contract: string; internet: string }

/** Customers `start .. start + count - 1` of the seeded stream (each chunk has its own seed), and churn labels. */
function customers(start: number, count: number): { rows: Customer[]; churn: string[] } {
  const random = createRandom(1000 + Math.floor(start / CHUNK));
  const rows: Customer[] = new Array(count);
  const churn: string[] = new Array(count);
  const miss = (v: number) => (random() < 0.01 ? null : v);
  for (let i = 0; i < count; i++) {
    const tenure = Math.floor(random() * 73);
    const monthly = Math.round(1800 + random() * 10_200) / 100;
    const contract = CONTRACTS[Math.floor(random() * random() * 3)]!;
    const internet = INTERNET[Math.floor(random() * 3)]!;
    const tickets = Math.floor(-Math.log(1 - random()) * 1.5);
    const z = -1.5 + (contract === 'Month-to-month' ? 1.2 : -0.8) + (internet === 'Fiber optic' ? 0.7 : 0) - tenure / 30 + tickets * 0.4 + (monthly - 60) / 60;
    churn[i] = random() < 1 / (1 + Math.exp(-z)) ? 'Yes' : 'No';
    rows[i] = { tenure: miss(tenure), monthly: miss(monthly), total: miss(Math.round(tenure * monthly * (0.9 + random() * 0.2) * 100) / 100), tickets: miss(tickets), contract, internet };
  }
  return { rows, churn };
}

log('fitting the tree on 100,000 customers ...');
const train = customers(50 * CHUNK, 100_000); // a stream of its own, not among the scored rows
const model = fitDecisionTree(train.rows, train.churn, { columns: COLUMNS, missing: 'learn', maxDepth: 8, minSamplesLeaf: 20 });
const yes = model.classes.indexOf('Yes');
const sql = treeToSql(model, { positiveClass: 'Yes', dialect: 'duckdb' });
log(`${model.nodes.length} nodes, depth ${model.depth}, ${sql.length} chars of SQL`);

// ---- JS, chunk by chunk; also writes the CSV DuckDB loads. One untimed warm-up on the training rows.
predictDecisionTreeProba(model, train.rows);
const jsMs: number[][] = Array.from({ length: reps }, () => []);
const jsCpu: number[][] = Array.from({ length: reps }, () => []);
const cpuMs = (since: NodeJS.CpuUsage) => { const u = process.cpuUsage(since); return (u.user + u.system) / 1000; };
const fd = openSync(csv, 'w');
writeSync(fd, 'id,tenure,monthly,total,tickets,contract,internet\n');
const jsProba: Float64Array = new Float64Array(n);
for (let start = 0; start < n; start += CHUNK) {
  const count = Math.min(CHUNK, n - start);
  const { rows } = customers(start, count);
  for (let r = 0; r < reps; r++) {
    const c = process.cpuUsage();
    const t = performance.now();
    const p = predictDecisionTreeProba(model, rows);
    jsMs[r]!.push(performance.now() - t);
    jsCpu[r]!.push(cpuMs(c));
    if (r === 0) for (let i = 0; i < count; i++) jsProba[start + i] = p[i]![yes]!;
  }
  const v = (x: number | null) => (x === null ? '' : String(x));
  writeSync(fd, rows.map((c, i) => `${start + i},${v(c.tenure)},${v(c.monthly)},${v(c.total)},${v(c.tickets)},${c.contract},${c.internet}`).join('\n') + '\n');
  log(`JS chunk ${start / CHUNK + 1}/${Math.ceil(n / CHUNK)}: ${jsMs.map((m) => m.at(-1)!.toFixed(0)).join(', ')} ms`);
}
closeSync(fd);
const sum = (m: number[]) => m.reduce((a, b) => a + b, 0);
const jsTotals = jsMs.map(sum);
const jsCpuTotals = jsCpu.map(sum);

// ---- DuckDB.
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const threads = (await con.runAndReadAll("SELECT current_setting('threads')")).getRows()[0]![0];
log('DuckDB: loading the CSV ...');
let t = performance.now();
await con.run(`CREATE TABLE customers AS SELECT * FROM read_csv('${csv.replaceAll("'", "''")}', header = true,
  columns = {'id': 'INTEGER', 'tenure': 'DOUBLE', 'monthly': 'DOUBLE', 'total': 'DOUBLE', 'tickets': 'DOUBLE', 'contract': 'VARCHAR', 'internet': 'VARCHAR'})`);
const loadMs = performance.now() - t;
const duckMs: number[] = [];
const duckCpu: number[] = [];
for (let r = 0; r < reps; r++) {
  log(`DuckDB run ${r + 1}/${reps} ...`);
  const c = process.cpuUsage();
  t = performance.now();
  await con.run(`CREATE OR REPLACE TABLE scored AS SELECT id, ${sql} AS churn_risk FROM customers`);
  duckMs.push(performance.now() - t);
  duckCpu.push(cpuMs(c));
}

// ---- Every row: SQL probability against JS.
let worst = 0;
let checked = 0;
for (let start = 0; start < n; start += CHUNK) {
  const rows = (await con.runAndReadAll(`SELECT id, churn_risk FROM scored WHERE id >= ${start} AND id < ${start + CHUNK} ORDER BY id`)).getRows();
  for (const [id, p] of rows) {
    const d = Math.abs((p as number) - jsProba[id as number]!);
    if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
    checked++;
  }
}
log(`checked ${checked} rows, max |SQL - JS| ${worst}`);
if (checked !== n || worst > 1e-12) throw new Error(`SQL and JS differ: ${checked} rows checked, max difference ${worst}`);

const md = `## Scoring ${n.toLocaleString('en')} rows with an exported tree

Command: \`npx tsx bench/sql/tree.ts ${n}\`, ${new Date().toISOString().slice(0, 10)}. ${loadAtStart} at start, ${machine().split('; ').pop()} at end.
Tree: fitDecisionTree on 100,000 seeded synthetic customers (4 numeric columns with 1% NULLs, 2 categorical), missing: 'learn', maxDepth 8: ${model.nodes.length} nodes, depth ${model.depth}, ${sql.length.toLocaleString('en')} characters of SQL.

| system | median wall ms | runs wall ms | median CPU ms | rows per wall second | ratio to JS (wall / CPU) |
| --- | ---: | --- | ---: | ---: | ---: |
| DuckDB: CREATE TABLE scored AS SELECT id, treeToSql(model, { positiveClass: 'Yes' }) FROM customers (${threads} threads) | ${median(duckMs).toFixed(0)} | ${duckMs.map((x) => x.toFixed(0)).join(', ')} | ${median(duckCpu).toFixed(0)} | ${(n / (median(duckMs) / 1000) / 1e6).toFixed(1)}M | ${(median(duckMs) / median(jsTotals)).toFixed(2)} / ${(median(duckCpu) / median(jsCpuTotals)).toFixed(2)} |
| crm-mining predictDecisionTreeProba on row objects (1 thread, sum over ${Math.ceil(n / CHUNK)} chunks of 1M rows) | ${median(jsTotals).toFixed(0)} | ${jsTotals.map((x) => x.toFixed(0)).join(', ')} | ${median(jsCpuTotals).toFixed(0)} | ${(n / (median(jsTotals) / 1000) / 1e6).toFixed(1)}M | 1.00 / 1.00 |

Every one of the ${n.toLocaleString('en')} probabilities checked: max |SQL - JS| = ${worst}. Loading the CSV into DuckDB took ${(loadMs / 1000).toFixed(1)} s (not in the table).
`;
process.stdout.write(md);
writeSection(`tree-${n}`, md);
con.closeSync();
if (!process.env.CRM_BENCH_KEEP) rmSync(csv, { force: true });
