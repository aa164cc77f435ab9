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

/**
 * RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. Returns rows of strings, header included.
 * A separator other than ',' may be given (bank files use ';').
 */
export function parseCsv(text: string, sep = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  const sepCode = sep.charCodeAt(0);
  while (i < n) {
    const ch = text.charCodeAt(i);
    if (ch === 34 /* " */ && field === '') {
      i++;
      let start = i;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quote in CSV');
        field += text.slice(start, q);
        if (text.charCodeAt(q + 1) === 34) { field += '"'; i = q + 2; start = i; continue; }
        i = q + 1;
        break;
      }
      continue;
    }
    if (ch === sepCode) { row.push(field); field = ''; i++; continue; }
    if (ch === 10 || ch === 13) {
      row.push(field); field = '';
      rows.push(row); row = [];
      if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
      i++;
      continue;
    }
    let end = i;
    while (end < n) {
      const c = text.charCodeAt(end);
      if (c === sepCode || c === 10 || c === 13) break;
      end++;
    }
    field += text.slice(i, end);
    i = end;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}
