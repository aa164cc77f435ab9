// Every function the package exports has a JSDoc with a runnable @example (examples.test.ts runs them).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import * as lib from '../../src/index.js';
import { REPO_ROOT } from '../helpers/shared.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') ? [readFileSync(p, 'utf8')] : [];
  });
}

test('every exported function has a JSDoc with an @example', () => {
  const text = sources(join(REPO_ROOT, 'src')).join('\n');
  const missing = Object.entries(lib)
    .filter(([, v]) => typeof v === 'function')
    .map(([name]) => name)
    .filter((name) => {
      const m = new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*?)\\*/\\s*export (?:async )?(?:function|class|const) ${name}\\b`).exec(text);
      return !m || !m[1]!.includes('@example');
    });
  expect(missing).toEqual([]);
});
