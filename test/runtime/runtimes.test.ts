// Same seed, same result in Node, Deno and Chromium, on the built package.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { DENO, REPO_ROOT } from '../helpers/shared.js';
import { browserBundle, launchChromium } from './browser.js';
// @ts-expect-error plain JavaScript module shared with Deno and the browser
import { fingerprint } from './fingerprint.mjs';

let nodeResult: unknown;
let browser: Browser;

beforeAll(async () => {
  const lib = await import(pathToFileURL(join(REPO_ROOT, 'dist', 'index.js')).href);
  nodeResult = fingerprint(lib);
  browser = await launchChromium();
});
afterAll(async () => { await browser?.close(); });

describe('same seed, same result', () => {
  test('Deno imports every subpath and computes what Node computes', () => {
    const out = execFileSync(DENO, ['run', '--allow-read', '--allow-env', 'test/runtime/deno-fingerprint.mjs'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    const parsed = JSON.parse(out.trim().split('\n').pop()!);
    for (const [sub, count] of Object.entries(parsed.counts)) expect(count, sub).toBeGreaterThan(0);
    expect(parsed.fingerprint).toEqual(nodeResult);
  });

  test('Chromium runs the browser bundle and computes what Node computes', async () => {
    const page = await browser.newPage();
    const bundle = browserBundle();
    const fp = readFileSync(join(REPO_ROOT, 'test/runtime/fingerprint.mjs'), 'utf8');
    await page.setContent('<!doctype html><title>fp</title>');
    // A string, not a function: vitest rewrites import() inside functions it transforms.
    const result = await page.evaluate(`(async () => {
      const toUrl = (s) => URL.createObjectURL(new Blob([s], { type: 'text/javascript' }));
      const lib = await import(toUrl(${JSON.stringify(bundle)}));
      const f = await import(toUrl(${JSON.stringify(fp)}));
      return JSON.parse(JSON.stringify(f.fingerprint(lib)));
    })()`);
    expect(result).toEqual(JSON.parse(JSON.stringify(nodeResult)));
    await page.close();
  });
});
