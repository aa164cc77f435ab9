/**
 * `npx tsx examples/sql/duckdb.ts`: RFM and a churn-style tree scored inside DuckDB, on the Online
 * Retail sample shipped in examples/data (UCI, CC BY 4.0). DuckDB reads the gzipped CSV itself;
 * crm-mining writes the SQL. Needs `npm install @duckdb/node-api`.
 *
 * 1. DuckDB's CSV reader loads and cleans the invoice lines (T-RFM: a customer id, no cancellations,
 *    quantity and price > 0).
 * 2. RFM in SQL: per-customer metrics by GROUP BY, then rfmToSql's scores and segments.
 * 3. A tree fitted in JS on last quarter's outcome (did the customer buy in the 3 months after
 *    2011-09-09, from their RFM metrics on that day), exported with treeToSql and scored in DuckDB
 *    on today's metrics.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { fileURLToPath } from 'node:url';
import { rfmScore } from '../../src/rfm/index.js';
import { fitDecisionTree, type DecisionTreeModel } from '../../src/tree/index.js';
import { rfmToSql, sqlStringLiteral, treeToSql } from '../../src/sql/index.js';
import { ONLINE_RETAIL_SAMPLE } from '../data/onlineRetail.js';

export interface DuckDbExample {
  customers: number;
  /** Customers per RFM segment, from SQL. */
  segments: { segment: string; customers: number }[];
  /** Per customer (ascending id), from SQL: cell and the tree's probability of buying next quarter. */
  scored: { customer: number; cell: string; segment: string; pNextQuarter: number }[];
  /** rfmScore on the same lines in JS, for comparison. */
  jsCells: string[];
  /** The tree exported to SQL. */
  tree: DecisionTreeModel;
}

const rows = async (con: DuckDBConnection, sql: string) => (await con.runAndReadAll(sql)).getRowObjectsJS();

export async function runDuckDbExample(csvPath = ONLINE_RETAIL_SAMPLE): Promise<DuckDbExample> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();

  // 1. DuckDB reads the gzipped CSV; dates are M/D/YYYY H:MM (no zone), read as they are.
  await con.run(`CREATE TABLE lines AS
    SELECT CustomerID AS customer, InvoiceNo AS order_id, strptime(InvoiceDate, '%m/%d/%Y %H:%M') AS date, Quantity * UnitPrice AS amount
    FROM read_csv(${sqlStringLiteral(csvPath)}, header = true, types = {'InvoiceNo': 'VARCHAR', 'CustomerID': 'INTEGER', 'Quantity': 'DOUBLE', 'UnitPrice': 'DOUBLE'})
    WHERE CustomerID IS NOT NULL AND NOT starts_with(InvoiceNo, 'C') AND Quantity > 0 AND UnitPrice > 0`);

  // Recency in whole days to the end of `day`, frequency = distinct invoices, monetary = total.
  const metrics = (day: string) => `SELECT customer, FLOOR((epoch(TIMESTAMP '${day}' + INTERVAL 1 DAY) - epoch(MAX(date))) / 86400) AS recency,
    COUNT(DISTINCT order_id) AS frequency, SUM(amount) AS monetary
    FROM lines WHERE date < TIMESTAMP '${day}' + INTERVAL 1 DAY GROUP BY customer`;

  // 2. RFM. rfmScore in JS supplies the scoring settings (bins, segment table, ties 'first');
  //    scoring: 'ranks' recomputes its equal-count bins over the customers in the query.
  const lines = await rows(con, 'SELECT customer, order_id AS "orderId", CAST(epoch_ms(date) AS DOUBLE) AS date, amount FROM lines');
  const js = rfmScore(lines as { customer: number; orderId: string; date: number; amount: number }[], { orderId: 'orderId', asOf: '2011-12-09' });
  const rfm = rfmToSql(js, { scoring: 'ranks' });

  // 3. Last quarter's outcome from the metrics on 2011-09-09, a small tree, its SQL.
  const before = await rows(con, `SELECT m.*, EXISTS (SELECT 1 FROM lines l WHERE l.customer = m.customer AND l.date >= TIMESTAMP '2011-09-10') AS bought
    FROM (${metrics('2011-09-09')}) AS m ORDER BY customer`);
  const features = before.map((r) => ({ recency: Number(r.recency), frequency: Number(r.frequency), monetary: Number(r.monetary) }));
  const tree = fitDecisionTree(features, before.map((r) => (r.bought ? 'yes' : 'no')), {
    columns: [{ name: 'recency', type: 'numeric' }, { name: 'frequency', type: 'numeric' }, { name: 'monetary', type: 'numeric' }], maxDepth: 4, minSamplesLeaf: 20,
  });
  const pNext = treeToSql(tree, { positiveClass: 'yes' });

  // Today: scores, segment and probability of buying next quarter, all in one query.
  const scored = await rows(con, `SELECT customer, ${rfm.cell} AS cell, ${rfm.segment} AS segment, ${pNext} AS p_next_quarter
    FROM (${metrics('2011-12-09')}) AS m ORDER BY customer`);
  const segments = await rows(con, `SELECT segment, COUNT(*) AS customers FROM (SELECT ${rfm.segment} AS segment FROM (${metrics('2011-12-09')}) AS m) GROUP BY segment ORDER BY customers DESC, segment`);
  con.closeSync();
  return {
    customers: scored.length,
    segments: segments.map((s) => ({ segment: String(s.segment), customers: Number(s.customers) })),
    scored: scored.map((r) => ({ customer: Number(r.customer), cell: String(r.cell), segment: String(r.segment), pNextQuarter: Number(r.p_next_quarter) })),
    jsCells: js.customers.map((c) => c.cell),
    tree,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = await runDuckDbExample();
  const same = out.scored.filter((c, i) => c.cell === out.jsCells[i]).length;
  console.log(`${out.customers} customers scored in DuckDB; RFM cells equal to rfmScore's for ${same} of them.`);
  console.log('Customers per segment (SQL):');
  for (const s of out.segments) console.log(`  ${s.segment.padEnd(20)} ${String(s.customers).padStart(5)}`);
  const top = [...out.scored].sort((a, b) => b.pNextQuarter - a.pNextQuarter || a.customer - b.customer).slice(0, 5);
  console.log(`Most likely to buy next quarter (a ${out.tree.nodes.length}-node tree, scored in SQL):`);
  for (const c of top) console.log(`  customer ${c.customer}  cell ${c.cell}  ${c.segment.padEnd(20)} p = ${c.pNextQuarter.toFixed(3)}`);
}
