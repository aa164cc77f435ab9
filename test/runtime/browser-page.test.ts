// examples/browser in headless Chromium: k-means fitted in a Web Worker (the model crosses
// postMessage as plain data), rules mined on the page; the numbers shown must equal Node's.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { REPO_ROOT } from '../helpers/shared.js';
import { browserBundle, launchChromium } from './browser.js';
// @ts-expect-error plain JavaScript module of the example
import { EXAMPLE_BASKETS, examplePoints } from '../../examples/browser/data.js';

const PAGE_DIR = join(REPO_ROOT, 'examples', 'browser');
let server: Server;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  const bundle = browserBundle();
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!)).replace(/^(\.\.[/\\])+/, '');
    const file = path === '/' ? 'index.html' : path.slice(1);
    try {
      const body = file === 'crm-mining.js' ? bundle : readFileSync(join(PAGE_DIR, file), 'utf8');
      res.writeHead(200, { 'content-type': file.endsWith('.html') ? 'text/html' : 'text/javascript' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  origin = `http://127.0.0.1:${address.port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  server?.close();
});

test('the browser example shows the k-means and rule figures Node computes', async () => {
  const lib = await import(pathToFileURL(join(REPO_ROOT, 'dist', 'index.js')).href);
  const points = examplePoints(lib.createRandom);
  const model = lib.fitKMeans(points, { k: 3, seed: 1 });
  const sets = lib.fpGrowth(EXAMPLE_BASKETS, { minCount: 2 });
  const rules = lib.associationRules(sets, { minConfidence: 0.6 }).rules;
  const sizes = [0, 1, 2].map((c) => model.labels.filter((l: number) => l === c).length);

  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => document.getElementById('status')?.textContent !== 'running', undefined, { timeout: 60_000 });
  const text = async (id: string) => (await page.textContent(`#${id}`))?.trim();
  expect(errors).toEqual([]);
  expect(await text('status')).toBe('done');
  expect(await text('inertia')).toBe(model.inertia.toFixed(6));
  expect(await text('sizes')).toBe(sizes.join(', '));
  expect(await text('same-labels')).toBe('true');
  expect(await text('itemsets')).toBe(String(sets.itemsets.length));
  expect(await text('rules')).toBe(String(rules.length));
  expect(await text('top-rule')).toBe(`${rules[0].antecedent.join(' + ')} -> ${rules[0].consequent.join(' + ')} (lift ${rules[0].lift.toFixed(3)})`);
  await page.close();
});
