// Runs the code of every guide in docs/guides/: the ```ts blocks of a guide, in order, as one
// module, with `crm-mining` imports pointed at src/. Guides may read the sample data shipped in
// examples/data; lines ending in `// => value` are checked like JSDoc examples.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../helpers/shared.js';

const GUIDES = join(REPO_ROOT, 'docs', 'guides');
const TMP = join(REPO_ROOT, 'test', 'docs', '.guides-tmp');
const guides = (() => {
  try {
    return readdirSync(GUIDES).filter((f) => f.endsWith('.md')).sort();
  } catch {
    return [];
  }
})();

/** The ```ts blocks of a guide joined, imports rewritten, `// =>` lines turned into checks. */
export function guideModule(markdown: string): { code: string; checks: number } {
  const blocks = [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  let checks = 0;
  const lines = blocks.join('\n').split('\n').map((line) => {
    const at = line.lastIndexOf('// =>');
    if (at < 0) return line;
    const expr = line.slice(0, at).trim().replace(/;$/, '');
    if (/^(const|let|var|import|export)\b/.test(expr) || expr === '') return line;
    checks++;
    return `__check(${JSON.stringify(line.trim())}, (${expr}), (${line.slice(at + 5).trim()}));`;
  });
  const code = lines
    .join('\n')
    .replace(/from '(crm-mining)(\/[a-z]+)?'/g, (_m, _p, sub: string | undefined) => `from ${JSON.stringify(pathToFileURL(join(REPO_ROOT, 'src', sub ? `${sub.slice(1)}/index.ts` : 'index.ts')).href)}`)
    .replace(/from '\.\.\/\.\.\/examples\//g, `from '${pathToFileURL(join(REPO_ROOT, 'examples')).href}/`);
  return { code: `const __check = (globalThis as any).__guideCheck;\n${code}`, checks };
}

afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe.runIf(guides.length > 0)('guides in docs/guides run as written', () => {
  test.each(guides)('%s', async (name) => {
    const { code } = guideModule(readFileSync(join(GUIDES, name), 'utf8'));
    mkdirSync(TMP, { recursive: true });
    const file = join(TMP, name.replace(/\.md$/, '.ts'));
    writeFileSync(file, code);
    (globalThis as any).__guideCheck = (line: string, actual: unknown, expected: unknown) => {
      if (typeof expected === 'number' && typeof actual === 'number' && !Number.isInteger(expected)) {
        const decimals = String(expected).split('.')[1]!.length;
        expect(Number(actual.toFixed(decimals)), line).toBe(expected);
      } else expect(actual, line).toEqual(expected);
    };
    await import(pathToFileURL(file).href);
  });
});
