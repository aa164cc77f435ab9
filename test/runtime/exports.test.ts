// The published package: every subpath imports from ESM and CommonJS consumers with the same names,
// and the subpaths in package.json match the capability folders in src/.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DENO, REPO_ROOT } from '../helpers/shared.js';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
const subpaths = Object.keys(pkg.exports).filter((k) => k !== './package.json');
/**
 * Subpaths below a capability, each with its source file. Not re-exported by the root: the
 * parallel runner loads its worker script from its own folder, and keeps worker code out of the root bundle.
 */
const NESTED: Record<string, string> = { './forecast/parallel': './src/forecast/parallel.ts' };

function names(specifier: string, kind: 'esm' | 'cjs'): string[] {
  const script =
    kind === 'esm'
      ? `import * as m from '${specifier}'; console.log(JSON.stringify(Object.keys(m).filter((k) => k !== 'default').sort()))`
      : `const m = require('${specifier}'); console.log(JSON.stringify(Object.keys(m).sort()))`;
  const args = kind === 'esm' ? ['--input-type=module', '-e', script] : ['-e', script];
  return JSON.parse(execFileSync(process.execPath, args, { cwd: REPO_ROOT, encoding: 'utf8' }));
}

describe('package exports', () => {
  test('every capability folder in src/ has a subpath, and every subpath a folder', () => {
    const folders = readdirSync(join(REPO_ROOT, 'src'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'core' && existsSync(join(REPO_ROOT, 'src', d.name, 'index.ts')))
      .map((d) => `./${d.name}`)
      .sort();
    expect(subpaths.filter((s) => s !== '.' && !(s in NESTED)).sort()).toEqual(folders);
    for (const s of Object.keys(NESTED)) expect(subpaths, s).toContain(s);
  });

  test.each(subpaths)('%s imports from ESM and CommonJS with the same names', (sub) => {
    const specifier = sub === '.' ? 'crm-mining' : `crm-mining/${sub.slice(2)}`;
    const esm = names(specifier, 'esm');
    expect(esm.length).toBeGreaterThan(0);
    expect(names(specifier, 'cjs')).toEqual(esm);
  });

  test('the root export re-exports every subpath', () => {
    const root = new Set(names('crm-mining', 'esm'));
    for (const sub of subpaths.filter((s) => s !== '.' && !(s in NESTED))) {
      for (const n of names(`crm-mining/${sub.slice(2)}`, 'esm')) expect(root.has(n), `${n} from ${sub}`).toBe(true);
    }
  });
});

describe('JSR', () => {
  test('deno.json exports the same subpaths as package.json, from the TypeScript sources', () => {
    const deno = JSON.parse(readFileSync(join(REPO_ROOT, 'deno.json'), 'utf8'));
    const expected = Object.fromEntries(subpaths.map((s) => [s, s === '.' ? './src/index.ts' : (NESTED[s] ?? `./src/${s.slice(2)}/index.ts`)]));
    expect(deno.exports).toEqual(expected);
    expect(deno.version).toBe(pkg.version);
  });
  test('deno publish --dry-run accepts the package (types, license, no slow types)', () => {
    execFileSync(DENO, ['publish', '--dry-run', '--allow-dirty'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: 'pipe' });
  });
});
