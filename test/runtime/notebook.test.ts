// Executes examples/notebooks/customer-analytics.ipynb on the Deno kernel (as CI does) and checks its
// key figures against the same analysis computed here with the built library.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DENO, REPO_ROOT } from '../helpers/shared.js';
import { renderSvg } from '../charts/render.js';
import { cleanOnlineRetail, loadOnlineRetail } from '../../examples/data/onlineRetail.js';
import { bankMarketingRows, loadBankMarketing } from '../../examples/data/bankMarketing.js';
import type * as Lib from '../../src/index.js';

const NOTEBOOK = join(REPO_ROOT, 'examples/notebooks/customer-analytics.ipynb');
const VEGA_LITE = 'application/vnd.vegalite.v5+json';

interface Output { output_type: string; name?: string; text?: string | string[]; data?: Record<string, unknown>; ename?: string; evalue?: string }
interface Cell { cell_type: string; execution_count?: number | null; outputs?: Output[] }

let lib: typeof Lib;
let cells: Cell[];
let checks: Map<string, any>;
let dir: string;

const text = (s: string | string[] | undefined) => (Array.isArray(s) ? s.join('') : (s ?? ''));

beforeAll(() => {
  if (!existsSync(join(REPO_ROOT, 'dist/index.js'))) throw new Error('dist/index.js is missing: run `npm run build` first.');
  // --force: a kernelspec left by an earlier install may point at a Deno binary that is gone.
  const install = spawnSync(DENO, ['jupyter', '--install', '--force'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (install.status !== 0) throw new Error(`deno jupyter --install failed:\n${install.stderr}`);
  dir = mkdtempSync(join(tmpdir(), 'crm-notebook-'));
  execFileSync('jupyter-nbconvert', ['--to', 'notebook', '--execute', NOTEBOOK, '--output-dir', dir, '--output', 'executed.ipynb', '--ExecutePreprocessor.timeout=180'], {
    cwd: REPO_ROOT, stdio: 'pipe', timeout: 240_000,
  });
  cells = JSON.parse(readFileSync(join(dir, 'executed.ipynb'), 'utf8')).cells;
  checks = new Map();
  for (const cell of cells) {
    for (const o of cell.outputs ?? []) {
      if (o.output_type !== 'stream') continue;
      for (const line of text(o.text).split('\n')) {
        const m = /^CHECK (\w+) (.*)$/.exec(line);
        if (m) checks.set(m[1]!, JSON.parse(m[2]!));
      }
    }
  }
}, 300_000);
beforeAll(async () => { lib = await import(pathToFileURL(join(REPO_ROOT, 'dist/index.js')).href); });
afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

const pick = <T,>(xs: readonly T[], idx: readonly number[]) => idx.map((i) => xs[i]!);

// Mann-Whitney AUC with midranks, written out here so the notebook's rocAuc is checked independently.
function bruteAuc(labels: readonly number[], scores: readonly number[]): number {
  let wins = 0, pos = 0, neg = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 1) continue;
    pos++;
    for (let j = 0; j < labels.length; j++) if (labels[j] === 0) wins += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0;
  }
  for (const y of labels) if (y === 0) neg++;
  return wins / (pos * neg);
}

describe('examples/notebooks/customer-analytics.ipynb on the Deno kernel', () => {
  test('every code cell ran, with no error output', () => {
    const code = cells.filter((c) => c.cell_type === 'code');
    expect(code.length).toBeGreaterThan(10);
    for (const c of code) expect(c.execution_count, 'cell not executed').toBeTypeOf('number');
    const errors = code.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === 'error' || (o.output_type === 'stream' && o.name === 'stderr'));
    expect(errors.map((o) => `${o.ename ?? o.name}: ${o.evalue ?? text(o.text)}`)).toEqual([]);
  });

  test('every key figure was printed (a missing one means lost output, see settle() in the notebook)', () => {
    expect([...checks.keys()].sort()).toEqual(['churn', 'churnData', 'clusters', 'crossSell', 'pareto', 'response', 'rules', 'sample', 'segments']);
  });

  test('charts are shown as Vega-Lite specifications that compile and render', async () => {
    const specs = cells.flatMap((c) => c.outputs ?? []).filter((o) => o.data?.[VEGA_LITE]).map((o) => o.data![VEGA_LITE] as Record<string, unknown>);
    // rfmGrid, pareto, elbow, cluster profile, feature importance, gain, lift, ROC
    expect(specs.length).toBe(8);
    for (const s of specs) {
      expect(s.$schema).toBe('https://vega.github.io/schema/vega-lite/v5.json');
      expect('mark' in s || 'layer' in s || 'vconcat' in s || 'hconcat' in s).toBe(true);
      expect(await renderSvg(s)).toMatch(/^<svg/);
    }
  });

  test('RFM: customer count, revenue and the segment table match the library run here', () => {
    const clean = cleanOnlineRetail(loadOnlineRetail());
    // Plain sums, independent of rfmScore.
    expect(checks.get('sample').customers).toBe(new Set(clean.customer).size);
    expect(checks.get('sample').revenue).toBeCloseTo(clean.amount.reduce((a, b) => a + b, 0), 6);
    const rfm = lib.rfmScore({ customer: clean.customer, date: clean.date, amount: clean.amount, orderId: clean.orderId });
    const segments = lib.summarizeRfmSegments(rfm);
    expect(checks.get('segments')).toEqual(segments.map((s) => [s.segment, s.customers, s.revenue]));
    expect(segments.reduce((a, s) => a + s.customers, 0)).toBe(rfm.customers.length);
    const pareto = lib.paretoAnalysis(rfm);
    expect(checks.get('pareto')).toEqual({ golden: pareto.golden.customers, goldenShare: pareto.golden.valueShare, gini: pareto.gini });
    expect(checks.get('pareto').goldenShare).toBeGreaterThanOrEqual(0.8);
  });

  test('baskets: number of baskets and rules, and the cross-sell list', () => {
    const raw = loadOnlineRetail();
    const lines: { invoice: string; customer: number; item: string }[] = [];
    for (let i = 0; i < raw.invoiceNo.length; i++) {
      const purchase = !raw.invoiceNo[i]!.startsWith('C') && raw.quantity[i]! > 0 && raw.unitPrice[i]! > 0;
      if (raw.customerId[i] === null || !purchase || raw.stockCode[i] === 'POST') continue;
      lines.push({ invoice: raw.invoiceNo[i]!, customer: raw.customerId[i]!, item: raw.description[i]!.trim() });
    }
    const got = checks.get('rules');
    expect(got.baskets).toBe(new Set(lines.map((l) => l.invoice)).size);
    const itemsets = lib.fpGrowth(lines, { item: 'item', orderId: 'invoice', minSupport: 0.02 });
    const rules = lib.associationRules(itemsets, { minConfidence: 0.5 });
    expect(got.rules).toBe(rules.rules.length);
    expect(got.rules).toBeGreaterThan(0);
    expect(got.itemsets).toBe(itemsets.itemsets.length);
    // The top rule's lift, recounted from the baskets.
    const [a, c] = got.top as [string[], string[]];
    const baskets = new Map<string, Set<string>>();
    for (const l of lines) (baskets.get(l.invoice) ?? baskets.set(l.invoice, new Set()).get(l.invoice)!).add(l.item);
    let nA = 0, nC = 0, nAC = 0;
    for (const b of baskets.values()) {
      const hasA = a.every((x) => b.has(x)), hasC = c.every((x) => b.has(x));
      nA += +hasA; nC += +hasC; nAC += +(hasA && hasC);
    }
    expect(got.top[2]).toBeCloseTo((nAC / nA) / (nC / baskets.size), 10);
    const cross = checks.get('crossSell');
    expect(cross.targets).toBe(lib.targetCustomers(lines, cross.set).length);
    expect(cross.targets).toBeGreaterThan(0);
  });

  test('clusters: sizes cover every customer', () => {
    const { sizes, silhouette } = checks.get('clusters');
    expect(sizes.reduce((s: number, x: number) => s + x, 0)).toBe(checks.get('sample').customers);
    expect(silhouette).toBeGreaterThan(0.25);
  });

  test('churn tree: the data set and the test AUC match a run here, and the AUC is well above chance', () => {
    const clean = cleanOnlineRetail(loadOnlineRetail());
    const cutoff = Date.UTC(2011, 8, 1), day = 86_400_000, horizon = cutoff + 90 * day;
    const last = new Map<number, number>(), first = new Map<number, number>(), spend = new Map<number, number>();
    const invoices = new Map<number, Set<string>>(), after = new Set<number>();
    for (let i = 0; i < clean.kept; i++) {
      const c = clean.customer[i]!, t = clean.date[i]!;
      if (t >= cutoff) { if (t < horizon) after.add(c); continue; }
      last.set(c, Math.max(last.get(c) ?? -Infinity, t));
      first.set(c, Math.min(first.get(c) ?? Infinity, t));
      spend.set(c, (spend.get(c) ?? 0) + clean.amount[i]!);
      (invoices.get(c) ?? invoices.set(c, new Set()).get(c)!).add(clean.orderId[i]!);
    }
    const ids = [...last.keys()].sort((x, y) => x - y);
    const rows = ids.map((c) => {
      const frequency = invoices.get(c)!.size, monetary = spend.get(c)!;
      // rfmScore counts recency in whole days from the day of the last order to the day of the cutoff.
      const recency = Math.round((cutoff - Math.floor(last.get(c)! / day) * day) / day);
      return { recency, frequency, monetary, meanOrder: monetary / frequency, tenure: (cutoff - first.get(c)!) / day };
    });
    const churned = ids.map((c) => (after.has(c) ? 0 : 1));
    expect(checks.get('churnData')).toEqual({ customers: ids.length, churned: ids.filter((c) => !after.has(c)).length });
    const split = lib.trainTestSplit(churned, { testFraction: 0.3, seed: 0 });
    const columns = ['recency', 'frequency', 'monetary', 'meanOrder', 'tenure'].map((name) => ({ name, type: 'numeric' as const }));
    const tree = lib.fitDecisionTree(pick(rows, split.train), pick(churned, split.train), { columns, maxDepth: 3, minSamplesLeaf: 20 });
    const k = tree.classes.indexOf(1);
    const risk = lib.predictDecisionTreeProba(tree, pick(rows, split.test)).map((p) => p[k]!);
    const got = checks.get('churn');
    expect([got.train, got.test]).toEqual([split.train.length, split.test.length]);
    expect(got.leaves).toBe(lib.treeRules(tree).length);
    expect(got.auc).toBeCloseTo(bruteAuc(pick(churned, split.test), risk), 12);
    expect(got.auc).toBeGreaterThan(0.65);
    expect(got.auc).toBeLessThan(0.9);
  });

  test('bank response model: AUC and the top-decile lift match a run here, recounted by hand', () => {
    const bank = bankMarketingRows(loadBankMarketing());
    const y = bank.map((r) => r.y);
    const numeric = ['age', 'balance', 'campaign', 'pdays', 'previous'] as const;
    const categorical = ['job', 'marital', 'education', 'default', 'housing', 'loan', 'contact', 'month', 'poutcome'];
    const split = lib.trainTestSplit(y, { testFraction: 0.3, seed: 0 });
    const train = pick(bank, split.train), test = pick(bank, split.test);
    const oneHot = lib.fitOneHot(train, { columns: categorical });
    const nums = (rows: typeof bank) => rows.map((r) => numeric.map((k) => r[k]));
    const scaler = lib.fitStandardizer(nums(train));
    const design = (rows: typeof bank) => {
      const a = lib.applyStandardizer(scaler, nums(rows)), b = lib.applyOneHot(oneHot, rows);
      return a.map((x, i) => [...x, ...b[i]!]);
    };
    const model = lib.fitLogistic(design(train), pick(y, split.train));
    const score = lib.predictLogisticProba(model, design(test));
    const testY = pick(y, split.test);
    const got = checks.get('response');
    expect(got.test).toBe(testY.length);
    expect(got.auc).toBeCloseTo(bruteAuc(testY, score), 12);
    expect(got.auc).toBeGreaterThan(0.7);
    // Top decile by hand: the floor(n / 10) best-scored contacts (no ties at the cut here).
    const order = score.map((s, i) => [s, i] as const).sort((p, q) => q[0] - p[0]);
    const n1 = Math.floor(testY.length / 10);
    expect(order[n1 - 1]![0]).toBeGreaterThan(order[n1]![0]);
    const rate = (idx: readonly (readonly [number, number])[]) => idx.reduce((s, [, i]) => s + testY[i]!, 0) / idx.length;
    expect(got.lift[0]).toBeCloseTo(rate(order.slice(0, n1)) / rate(order), 10);
    expect(got.lift[0]).toBeGreaterThan(2.5);
    expect(got.gain[got.gain.length - 1]).toBeCloseTo(1, 12);
  });
});
