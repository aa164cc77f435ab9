/**
 * `npm run demo`: RFM segments, the 80/20 view and lifecycle stages on the Online Retail sample shipped
 * in examples/data (UCI, CC BY 4.0). No network and nothing outside the repository.
 */
import { rfmScore, summarizeRfmSegments, paretoAnalysis } from '../src/rfm/index.js';
import { lifecycleStage, lifecycleTransitions } from '../src/lifecycle/index.js';
import { cleanOnlineRetail, loadOnlineRetail } from './data/onlineRetail.js';

const started = performance.now();
const out: string[] = [];
const say = (line = '') => out.push(line);

const int = (x: number) => Math.round(x).toLocaleString('en-US');
const pct = (x: number, digits = 1) => `${(100 * x).toFixed(digits)}%`;
const money = (x: number) => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

/** A text table: numbers right-aligned, text left-aligned, a rule under the header. */
function table(header: string[], rows: (string | number)[][], alignRight: boolean[] = header.map((_, i) => i > 0)): void {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, j) => Math.max(...cells.map((r) => r[j]!.length)));
  const line = (r: string[]) => r.map((c, j) => (alignRight[j] ? c.padStart(widths[j]!) : c.padEnd(widths[j]!))).join('  ').trimEnd();
  say(`  ${line(header)}`);
  say(`  ${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const r of cells.slice(1)) say(`  ${line(r)}`);
  say();
}

// 1. Load and clean (task T-RFM: a customer id, not a cancellation, quantity and price > 0).
const raw = loadOnlineRetail();
const clean = cleanOnlineRetail(raw);
say('crm-mining demo: UCI Online Retail, a 20% customer sample shipped in examples/data');
say('(UCI Machine Learning Repository, donor Daqing Chen; Chen, Sain & Guo 2012; CC BY 4.0)');
say();
say(`Read ${int(clean.lines)} invoice lines; kept ${int(clean.kept)} purchase lines of ${int(new Set(clean.customer).size)} customers.`);
table(
  ['Excluded lines', 'lines'],
  [
    ['no CustomerID (guest checkout)', int(clean.excluded.noCustomer)],
    ['cancellation (InvoiceNo starts with C)', int(clean.excluded.cancelled)],
    ['quantity <= 0', int(clean.excluded.nonPositiveQuantity)],
    ['unit price <= 0', int(clean.excluded.nonPositivePrice)],
  ],
);

// 2. RFM segments.
const orders = { customer: clean.customer, date: clean.date, amount: clean.amount, orderId: clean.orderId };
const rfm = rfmScore(orders);
say(`RFM scores (quintiles, 5 = best) as of ${day(rfm.asOf)}: ${int(rfm.customers.length)} customers, revenue ${money(rfm.totalRevenue)}`);
table(
  ['Segment', 'customers', 'share', 'revenue', 'revenue share', 'mean recency (d)', 'mean orders'],
  summarizeRfmSegments(rfm).map((s) => [
    s.segment, int(s.customers), pct(s.customerShare), money(s.revenue), pct(s.revenueShare), s.meanRecency.toFixed(0), s.meanFrequency.toFixed(1),
  ]),
);

// 3. The 80/20 view.
const pareto = paretoAnalysis(rfm);
const top20 = pareto.topShares.find((t) => t.topFraction === 0.2)!;
say('Revenue concentration (80/20)');
table(
  ['Top customers', 'customers', 'revenue share'],
  pareto.topShares.map((t) => [pct(t.topFraction, 0), int(t.customers), pct(t.valueShare)]),
);
say(`  The top 20% of customers (${int(top20.customers)}) bring ${pct(top20.valueShare)} of the revenue.`);
say(`  Golden customers: ${int(pareto.golden.customers)} customers (${pct(pareto.golden.customerShare)}) hold ${pct(pareto.golden.valueShare)} of the revenue (target ${pct(pareto.golden.targetShare, 0)}).`);
say(`  Gini coefficient of revenue: ${pareto.gini.toFixed(3)}`);
say();

// 4. Lifecycle stages now, and the last quarter's migration.
const stageLabel: Record<string, string> = {
  prospect: 'prospect', new: 'new', active: 'active', reactivated: 'reactivated', atRisk: 'at risk', lapsed: 'lapsed', former: 'former',
};
const lifeOrders = { customer: clean.customer, date: clean.date };
const life = lifecycleStage(lifeOrders);
const th = life.thresholds;
say(`Lifecycle stages as of ${day(life.asOf)}`);
say(`  Typical interval between purchases: ${th.intervalDays!.toFixed(1)} days (median over ${int(th.repeatCustomers)} repeat customers).`);
say(`  At risk after ${th.atRiskDays} days without a purchase, lapsed after ${th.lapsedDays}, former after ${th.formerDays}; new or reactivated for ${th.newDays} days.`);
say();
table(['Stage', 'customers', 'share'], life.stages.map((s) => [stageLabel[s.stage]!, int(s.customers), pct(s.share)]));

const to = life.asOf;
const fromDate = new Date(to);
fromDate.setUTCMonth(fromDate.getUTCMonth() - 3);
const moves = lifecycleTransitions(lifeOrders, { from: fromDate.getTime(), to });
say(`Migration over the last quarter: stage on ${moves.from.slice(0, 10)} (rows) to stage on ${moves.to.slice(0, 10)} (columns)`);
const used = moves.stages.map((_, i) => i).filter((i) => moves.rowTotals[i]! > 0 || moves.columnTotals[i]! > 0);
table(
  ['from \\ to', ...used.map((j) => stageLabel[moves.stages[j]!]!), 'total'],
  [
    ...used.map((i) => [stageLabel[moves.stages[i]!]!, ...used.map((j) => int(moves.counts[i]![j]!)), int(moves.rowTotals[i]!)]),
    ['total', ...used.map((j) => int(moves.columnTotals[j]!)), int(moves.customers)],
  ],
);
const share = (a: string, b: string) => moves.shares[moves.stages.indexOf(a as never)]![moves.stages.indexOf(b as never)]!;
const count = (a: string, b: string) => moves.counts[moves.stages.indexOf(a as never)]![moves.stages.indexOf(b as never)]!;
say(`  ${int(count('active', 'atRisk'))} active customers became at risk (${pct(share('active', 'atRisk'))} of the active ones);`);
say(`  ${int(count('lapsed', 'reactivated') + count('former', 'reactivated'))} lapsed or former customers came back; ${int(count('prospect', 'new'))} customers bought for the first time.`);
say();
say(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
process.stdout.write(`${out.join('\n')}\n`);
