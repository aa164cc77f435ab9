// Runs every `@example` in src/: the code runs with the exports of its own file, its capability's
// index and core in scope; each line ending in `// => value` is an assertion on the value of the
// last expression statement up to that line (direct eval's completion value).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { transformSync } from 'esbuild';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../helpers/shared.js';

const SRC = join(REPO_ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return d.name.endsWith('.ts') && !d.name.endsWith('.d.ts') ? [p] : [];
  });
}

interface Example { name: string; lines: string[] }

function examplesOf(file: string): Example[] {
  const text = readFileSync(file, 'utf8');
  const out: Example[] = [];
  for (const m of text.matchAll(/\/\*\*([\s\S]*?)\*\//g)) {
    const body = m[1]!.split('\n').map((l) => l.replace(/^\s*\* ?/, ''));
    const at = body.findIndex((l) => l.startsWith('@example'));
    if (at < 0) continue;
    const lines: string[] = [];
    for (let i = at + 1; i < body.length && !body[i]!.startsWith('@'); i++) lines.push(body[i]!);
    while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();
    const after = text.slice(m.index! + m[0].length).match(/^\s*(?:export\s+)?(?:declare\s+)?(?:async\s+)?(?:function\*?|const|class|let|interface|type)\s+([A-Za-z0-9_$]+)/);
    out.push({ name: after?.[1] ?? `line ${text.slice(0, m.index).split('\n').length}`, lines });
  }
  return out;
}

const TYPED = /^(Float64Array|Float32Array|Int32Array|Uint32Array|Uint8Array|Int8Array|Uint16Array|Int16Array)\s*(\[.*\])$/;

function parseExpected(text: string): { value: unknown; typed?: string } {
  const t = TYPED.exec(text.trim());
  if (t) return { value: (0, eval)(`(${t[2]})`), typed: t[1] };
  return { value: (0, eval)(`(${text})`) };
}

function decimals(text: string): number | undefined {
  const m = /^-?\d+\.(\d+)$/.exec(text.trim());
  return m ? m[1]!.length : undefined;
}

const files = sourceFiles(SRC).filter((f) => examplesOf(f).length > 0);

describe.each(files.map((f) => [relative(REPO_ROOT, f), f] as const))('%s', (_rel, file) => {
  const examples = examplesOf(file);
  test.each(examples.map((e) => [e.name, e] as const))('@example of %s', async (_name, ex) => {
    const folder = relative(SRC, file).split('/')[0]!;
    const scope: Record<string, unknown> = {};
    for (const f of sourceFiles(join(SRC, 'core'))) Object.assign(scope, await import(f));
    if (folder !== 'core' && folder.endsWith('.ts') === false) Object.assign(scope, await import(join(SRC, folder, 'index.ts')));
    Object.assign(scope, await import(file));
    const names = Object.keys(scope).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k));
    let asserted = 0;
    for (let i = 0; i < ex.lines.length; i++) {
      const line = ex.lines[i]!;
      const idx = line.lastIndexOf('// =>');
      if (idx < 0) continue;
      const expectedText = line.slice(idx + 5).trim();
      const code = [...ex.lines.slice(0, i), line.slice(0, idx)].join('\n');
      const js = transformSync(code, { loader: 'ts' }).code;
      const run = new Function(...names, '__code', 'return eval(__code);');
      const actual = run(...names.map((n) => scope[n]), js);
      const exp = parseExpected(expectedText);
      if (exp.typed) {
        expect((actual as object).constructor.name, line).toBe(exp.typed);
        expect(Array.from(actual as ArrayLike<number>), line).toEqual(exp.value);
      } else if (typeof exp.value === 'number' && typeof actual === 'number' && decimals(expectedText) !== undefined) {
        const d = decimals(expectedText)!;
        expect(Number(actual.toFixed(d)), line).toBe(exp.value);
      } else {
        expect(actual, line).toEqual(exp.value);
      }
      asserted++;
    }
    expect(asserted, `the @example of ${ex.name} needs a line ending in // => value`).toBeGreaterThan(0);
  });
});
