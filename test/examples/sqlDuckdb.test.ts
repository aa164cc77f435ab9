// examples/sql/duckdb.ts (the README's SQL example) runs on the shipped sample, and what DuckDB
// computes there equals what the JS functions compute from the same file parsed independently
// (examples/data/onlineRetail.ts, not DuckDB's CSV reader).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { rfmScore } from '../../src/rfm/index.js';
import { predictDecisionTreeProba } from '../../src/tree/index.js';
import { runDuckDbExample } from '../../examples/sql/duckdb.js';
import { cleanOnlineRetail, loadOnlineRetail } from '../../examples/data/onlineRetail.js';
import { REPO_ROOT } from '../helpers/shared.js';

test('runDuckDbExample(): SQL cells, segments and tree probabilities equal rfmScore and predictDecisionTreeProba for all 862 customers', async () => {
  const out = await runDuckDbExample();
  const clean = cleanOnlineRetail(loadOnlineRetail());
  const js = rfmScore({ customer: clean.customer, date: clean.date, amount: clean.amount, orderId: clean.orderId }, { asOf: '2011-12-09' });
  expect(out.customers).toBe(862);
  expect(out.scored.map((c) => c.customer)).toEqual(js.customers.map((c) => c.customer));
  expect(out.scored.map((c) => c.cell)).toEqual(js.customers.map((c) => c.cell));
  expect(out.scored.map((c) => c.segment)).toEqual(js.customers.map((c) => c.segment));
  const counts = new Map<string, number>();
  for (const c of js.customers) counts.set(c.segment, (counts.get(c.segment) ?? 0) + 1);
  expect(Object.fromEntries(out.segments.map((s) => [s.segment, s.customers]))).toEqual(Object.fromEntries(counts));
  // The tree scored in SQL on DuckDB's metrics, against the JS tree on rfmScore's metrics.
  const yes = out.tree.classes.indexOf('yes');
  const p = predictDecisionTreeProba(out.tree, js.customers.map((c) => ({ recency: c.recency, frequency: c.frequency, monetary: c.monetary }))).map((r) => r[yes]!);
  const worst = Math.max(...out.scored.map((c, i) => Math.abs(c.pNextQuarter - p[i]!)));
  expect(worst).toBeLessThanOrEqual(1e-12);
  expect(out.tree.nodes.length).toBeGreaterThan(3);
});

test('npx tsx examples/sql/duckdb.ts prints the customer count, the segments and the top customers', () => {
  const text = execFileSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'examples', 'sql', 'duckdb.ts')], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, CRM_SHARED_DIR: '/nonexistent' } });
  expect(text).toContain('862 customers scored in DuckDB.');
  expect(text).toMatch(/Champions\s+\d+/);
  expect(text.split('\n').filter((l) => /^ {2}customer \d+ {2}cell \d{3} /.test(l))).toHaveLength(5);
});
