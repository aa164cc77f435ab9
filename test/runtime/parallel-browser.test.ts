// forecastManyParallel in headless Chromium on module Web Workers: the page runs the same check
// as Node and Deno (parallel-check.mjs) on dist/ served as files, as the docs say to deploy it
// without a bundler. The server maps the forecast module's one bare import (seedrandom) to an
// ESM build of it, as a CDN or an import map would; workers get no import map, so the mapping is
// done in the files served.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, normalize } from 'node:path';
import { buildSync } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { REPO_ROOT } from '../helpers/shared.js';
import { launchChromium } from './browser.js';

const VENDOR: Record<string, string> = {
  'seedrandom/lib/alea.js': "export { default } from 'seedrandom/lib/alea.js';",
};

function vendored(specifier: string): string {
  const r = buildSync({ stdin: { contents: VENDOR[specifier]!, resolveDir: REPO_ROOT }, bundle: true, format: 'esm', platform: 'browser', write: false, target: 'es2022' });
  return r.outputFiles[0]!.text;
}

/** The file as served: bare imports of the package's dependencies pointed at /vendor/. */
function served(path: string): string {
  let text = readFileSync(join(REPO_ROOT, path), 'utf8');
  for (const spec of Object.keys(VENDOR)) text = text.replaceAll(`'${spec}'`, `'/vendor/${encodeURIComponent(spec)}'`).replaceAll(`"${spec}"`, `"/vendor/${encodeURIComponent(spec)}"`);
  return text;
}

let server: Server;
let origin: string;
let browser: Browser;
const requested: string[] = [];

beforeAll(async () => {
  const vendor = Object.fromEntries(Object.keys(VENDOR).map((s) => [s, vendored(s)]));
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!)).replace(/^(\.\.[/\\])+/, '');
    requested.push(path);
    let body: string | undefined;
    if (path === '/') body = '<!doctype html><script type="module" src="/test/runtime/parallel-check.mjs"></script>';
    else if (path.startsWith('/vendor/')) body = vendor[path.slice('/vendor/'.length)];
    else if (path.startsWith('/dist/') || path === '/test/runtime/parallel-check.mjs') {
      try { body = served(path.slice(1)); } catch { body = undefined; }
    }
    if (body === undefined) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': path === '/' ? 'text/html' : 'text/javascript' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  server?.close();
});

test('Chromium: module Web Workers load parallelWorker.js next to parallel.js, and the result equals forecastMany', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const line = new Promise<string>((resolve) => page.on('console', (m) => { if (m.text().startsWith('{')) resolve(m.text()); }));
  await page.goto(`${origin}/`);
  const out = await Promise.race([line, new Promise<string>((_, reject) => setTimeout(() => reject(new Error(`no result; page errors: ${errors.join('; ')}`)), 60_000))]);
  expect(errors).toEqual([]);
  expect(JSON.parse(out)).toEqual({ same: true, forecasts: 3, failed: ['c'], refused: { code: 'NON_FINITE', group: 'y' } });
  // The workers ran the worker script (fetched once per worker start, so at least once).
  expect(requested).toContain('/dist/forecast/parallelWorker.js');
  await page.close();
}, 90_000);
