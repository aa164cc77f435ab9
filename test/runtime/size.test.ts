// Size budget per subpath: the subpath bundled for the browser with its dependencies, minified and
// gzipped. The README's size table is this test's output (run `npm run test:runtime`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildSync } from 'esbuild';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../helpers/shared.js';

/** Budgets in KiB, minified + gzipped, dependencies (ml-matrix, seedrandom) included. */
export const BUDGET_KIB: Record<string, number> = {
  '.': 200, './rfm': 17, './lifecycle': 12, './cluster': 28, './assoc': 22, './tree': 26, './linear': 45, './metrics': 10, './clv': 28, './campaign': 14, './charts': 14, './scorecard': 14, './anomaly': 20, './sql': 15, './io': 6, './forecast': 54, './forecast/parallel': 56,
};

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
const subpaths = Object.keys(pkg.exports).filter((k) => k !== './package.json');

function bundle(sub: string, minify: boolean): string {
  const entry = join(REPO_ROOT, pkg.exports[sub].import.default);
  return buildSync({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'browser', minify, write: false }).outputFiles[0]!.text;
}

describe('bundle size', () => {
  const rows: string[] = [];
  test.each(subpaths)('%s stays within its budget', (sub) => {
    const kib = gzipSync(bundle(sub, true)).length / 1024;
    rows.push(`| \`crm-mining${sub === '.' ? '' : sub.slice(1)}\` | ${kib.toFixed(1)} KiB | ${BUDGET_KIB[sub]} KiB |`);
    expect(BUDGET_KIB[sub], `no budget for ${sub}`).toBeDefined();
    expect(kib).toBeLessThanOrEqual(BUDGET_KIB[sub]!);
  });
  test('importing crm-mining/metrics does not pull in FP-growth or the tree code', () => {
    const text = bundle('./metrics', false);
    expect(text).not.toMatch(/fpGrowth|fitDecisionTree|fitKMeans/);
  });
  test('prints the size table', () => {
    console.log(['| subpath | min+gzip | budget |', '| --- | --- | --- |', ...rows].join('\n'));
  });
});
