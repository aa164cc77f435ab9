/**
 * `npx tsx examples/sql/duckdb.ts`: RFM and a churn-style tree scored inside DuckDB, on the Online
 * Retail sample shipped in examples/data (UCI, CC BY 4.0). DuckDB reads the gzipped CSV itself;
 * crm-mining writes the SQL. Needs `npm install @duckdb/node-api`.
 *
 * 1. DuckDB's CSV reader loads and cleans the invoice lines (T-RFM: a customer id, no cancellations,
 *    quantity and price > 0).
 * 2. RFM in SQL from the order lines (rfmOrdersToSql): recency, frequency, monetary, scores, cell
 *    and segment per customer, as rfmScore computes them.
 * 3. A tree fitted in JS on last quarter's outcome (did the customer buy in the 3 months after
 *    2011-09-09, from their RFM metrics on that day), exported with treeToSql and scored in DuckDB
 *    on today's metrics.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { fileURLToPath } from 'node:url';
import { rfmScore } from '../../src/rfm/index.js';
import { fitDecisionTree, type DecisionTreeModel } from '../../src/tree/index.js';
import { rfmOrdersToSql, sqlStringLiteral, treeToSql } from '../../src/sql/index.js';
import { ONLINE_RETAIL_SAMPLE } from '../data/onlineRetail.js';

export interface DuckDbExample {
  customers: number;
  /** Customers per RFM segment, from SQL. */
  segments: { segment: string; customers: number }[];
  /** Per customer (ascending id), from SQL: cell and the tree's probability of buying next quarter. */
  scored: { customer: number; cell: string; segment: string; pNextQuarter: number }[];
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

  // 2. RFM from the order lines, in one query per date. rfmOrdersToSql takes its settings (bins,
  //    segment table, what frequency and monetary mean) from an rfmScore result; with the default
  //    scoring: 'ranks' the bins are recomputed over the customers in the query, so the lines of
  //    any few customers will do to get one.
  const few = await rows(con, 'SELECT customer, order_id AS "orderId", CAST(epoch_ms(date) AS DOUBLE) AS date, amount FROM lines WHERE customer < 12400');
  const settings = rfmScore(few as { customer: number; orderId: string; date: number; amount: number }[], { orderId: 'orderId' });
  const rfmAsOf = (day: string) => rfmOrdersToSql(settings, { from: 'lines', columns: { orderId: 'order_id' }, asOf: day });

  // 3. Last quarter's outcome from the metrics on 2011-09-09, a small tree, its SQL.
  const before = await rows(con, `SELECT m.customer, m.recency, m.frequency, m.monetary,
      EXISTS (SELECT 1 FROM lines l WHERE l.customer = m.customer AND l.date >= TIMESTAMP '2011-09-10') AS bought
    FROM (${rfmAsOf('2011-09-09')}) AS m ORDER BY m.customer`);
  const features = before.map((r) => ({ recency: Number(r.recency), frequency: Number(r.frequency), monetary: Number(r.monetary) }));
  const tree = fitDecisionTree(features, before.map((r) => (r.bought ? 'yes' : 'no')), {
    columns: [{ name: 'recency', type: 'numeric' }, { name: 'frequency', type: 'numeric' }, { name: 'monetary', type: 'numeric' }], maxDepth: 4, minSamplesLeaf: 20,
  });
  const pNext = treeToSql(tree, { positiveClass: 'yes', table: 'm' });

  // Today: RFM cell, segment and the probability of buying next quarter, in one query.
  const scored = await rows(con, `SELECT m.customer, m.cell, m.segment, ${pNext} AS p_next_quarter
    FROM (${rfmAsOf('2011-12-09')}) AS m ORDER BY m.customer`);
  const segments = await rows(con, `SELECT segment, COUNT(*) AS customers FROM (${rfmAsOf('2011-12-09')}) GROUP BY segment ORDER BY customers DESC, segment`);
  con.closeSync();
  return {
    customers: scored.length,
    segments: segments.map((s) => ({ segment: String(s.segment), customers: Number(s.customers) })),
    scored: scored.map((r) => ({ customer: Number(r.customer), cell: String(r.cell), segment: String(r.segment), pNextQuarter: Number(r.p_next_quarter) })),
    tree,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = await runDuckDbExample();
  console.log(`${out.customers} customers scored in DuckDB.`);
  console.log('Customers per segment (SQL):');
  for (const s of out.segments) console.log(`  ${s.segment.padEnd(20)} ${String(s.customers).padStart(5)}`);
  const top = [...out.scored].sort((a, b) => b.pNextQuarter - a.pNextQuarter || a.customer - b.customer).slice(0, 5);
  console.log(`Most likely to buy next quarter (a ${out.tree.nodes.length}-node tree, scored in SQL):`);
  for (const c of top) console.log(`  customer ${c.customer}  cell ${c.cell}  ${c.segment.padEnd(20)} p = ${c.pNextQuarter.toFixed(3)}`);
}
