// Access to ../shared (real data and reference results) for the `data` test project and benches.
// Tests that need it live in *.data.test.ts and run with `npm run test:data`.
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED_DIR = process.env.CRM_SHARED_DIR ?? resolve(REPO_ROOT, '..', 'shared');
export const DATA_DIR = join(SHARED_DIR, 'data');
export const ANCHORS_DIR = join(SHARED_DIR, 'anchors');
export const RESULTS_DIR = join(ANCHORS_DIR, 'results');
export const hasSharedData = existsSync(DATA_DIR);

/**
 * The Deno binary: installed by `npm run setup:deno` into .tools/ (the npm registry here has only the
 * Linux build of the `deno` package, so it cannot be a devDependency that `npm ci` checks), else `deno`
 * on PATH.
 */
export const DENO = existsSync(join(REPO_ROOT, '.tools/node_modules/.bin/deno')) ? join(REPO_ROOT, '.tools/node_modules/.bin/deno') : 'deno';

/** Bytes of a data file (gunzipped when it ends in .gz). */
export function readDataBytes(name: string, dir = DATA_DIR): Buffer {
  const buf = readFileSync(join(dir, name));
  return name.endsWith('.gz') ? gunzipSync(buf) : buf;
}

/** Text of a data file (gunzipped when it ends in .gz). */
export function readDataText(name: string, dir = DATA_DIR): string {
  return readDataBytes(name, dir).toString('utf8');
}

/** A reference result JSON from ../shared/anchors/results. */
export function readResult<T = any>(name: string): T {
  return JSON.parse(readFileSync(join(RESULTS_DIR, name), 'utf8')) as T;
}

/** RFC 4180 CSV for tests and benches (the shipped loaders use d3-dsv); `sep` defaults to ','. */
export { parseCsvRfc4180 as parseCsv } from './csv.js';
