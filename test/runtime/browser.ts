// Headless Chromium (playwright-core gives each launch a fresh, empty profile) (Debian's /usr/bin/chromium) driven by playwright-core, for runtime tests.
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { REPO_ROOT } from '../helpers/shared.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches Chromium with the flags this closed network needs (no background connections). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'
    ],
  });
}

/** The built package (dist/index.js) bundled for the browser as one ESM file, dependencies included. */
export function browserBundle(entry = join(REPO_ROOT, 'dist', 'index.js'), minify = false): string {
  const r = buildSync({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'browser', minify, write: false, target: 'es2022' });
  return r.outputFiles[0]!.text;
}
