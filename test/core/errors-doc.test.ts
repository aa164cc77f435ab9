import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { ERROR_CODES } from '../../src/core/errors.js';

// docs/errors.md is generated from ERROR_CODES; `UPDATE_DOCS=1 npm test` rewrites it.
const TAIL = '\n## What changed';

function render(): string {
  const rows = Object.entries(ERROR_CODES).map(([code, text]) => `| \`${code}\` | ${text} |`);
  return [
    '# Error codes',
    '',
    'Every function of crm-mining throws a `CrmError` on input it cannot use. Its `code` is stable public API',
    '(never renamed); its `message` says what was wrong, the value received and what to do; its `details`',
    'hold the option, row or column concerned.',
    '',
    '```ts',
    "import { CrmError } from 'crm-mining';",
    'try { /* ... */ } catch (e) { if (e instanceof CrmError && e.code === \'SINGLE_CLASS\') { /* ... */ } }',
    '```',
    '',
    '| code | meaning and what to do |',
    '| --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

test('docs/errors.md lists every error code (regenerate with UPDATE_DOCS=1 npm test)', () => {
  const path = new URL('../../docs/errors.md', import.meta.url);
  const text = readFileSync(path, 'utf8');
  if (process.env.UPDATE_DOCS) writeFileSync(path, render() + text.slice(text.indexOf(TAIL) >= 0 ? text.indexOf(TAIL) : text.length));
  // The table is generated; the hand-written part starts at TAIL.
  expect(readFileSync(path, 'utf8').slice(0, render().length)).toBe(render());
});
