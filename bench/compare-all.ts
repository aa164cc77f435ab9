// `npm run bench:compare`: runs every bench/<capability>/compare.ts in turn (each measures the library
// and its peers side by side in one run) and writes their tables to bench/RESULTS.md with the machine.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);
const folders = readdirSync(join(root, 'bench'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, 'bench', d.name, 'compare.ts')))
  .map((d) => d.name)
  .filter((d) => only.length === 0 || only.includes(d));

const sections: string[] = [];
for (const f of folders) {
  process.stderr.write(`bench/${f}/compare.ts ...\n`);
  const out = execFileSync('npx', ['tsx', join('bench', f, 'compare.ts')], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  sections.push(`## ${f}\n\nCommand: \`npx tsx bench/${f}/compare.ts\`\n\n${out.trim()}\n`);
}
const head = [
  '# Benchmark results',
  '',
  `Date: ${new Date().toISOString().slice(0, 10)}; Node ${process.version}; CPU: ${cpus()[0]?.model ?? 'unknown'} x ${cpus().length}; memory ${(totalmem() / 2 ** 30).toFixed(0)} GiB.`,
  'Every ratio is measured side by side in one run on this machine; absolute times vary with load.',
  '',
].join('\n');
const text = `${head}\n${sections.join('\n')}`;
if (only.length === 0) writeFileSync(join(root, 'bench', 'RESULTS.md'), text);
process.stdout.write(text);
