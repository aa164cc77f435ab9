import { expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/shared.js';

// `npm run demo` must keep working on a fresh clone: run it as the script does, and check that each
// section is printed with numbers that hold together.
test('examples/demo.ts runs on the shipped sample and prints every section', () => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'examples', 'demo.ts')], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, CRM_SHARED_DIR: '/nonexistent' } });
  expect(out).toContain('kept 80,592 purchase lines of 862 customers');
  expect(out).toMatch(/RFM scores .* 862 customers, revenue 1,795,916\.40/);
  expect(out).toMatch(/The top 20% of customers \(172\) bring \d+\.\d% of the revenue/);
  expect(out).toMatch(/Gini coefficient of revenue: 0\.\d{3}/);
  expect(out).toMatch(/Lifecycle stages as of 2011-12-10/);
  expect(out).toMatch(/stage on 2011-09-10 \(rows\) to stage on 2011-12-10 \(columns\)/);
  const total = out.split('\n').filter((l) => /^\s+total\s/.test(l)).pop()!;
  expect(total.trim().split(/\s+/).pop()).toBe('862');
});
