// Shared by the bench/sql scripts: the machine line, and writing one script's section of
// bench/sql/RESULTS.md (between `<!-- name -->` and `<!-- /name -->`) without touching the others.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

export const RESULTS_PATH = new URL('./RESULTS.md', import.meta.url);

export function machine(): string {
  const cpu = cpus();
  return `Node ${process.version}; ${cpu[0]?.model ?? 'CPU'} x ${cpu.length}; ${(totalmem() / 2 ** 30).toFixed(0)} GiB; load average ${loadavg()[0]!.toFixed(2)}`;
}

export function writeSection(name: string, markdown: string): void {
  const head = '# bench/sql results\n\nEach section is written by its script; ratios are measured in one run on one machine (shared with other work: absolute times vary with load).\n';
  let text = existsSync(RESULTS_PATH) ? readFileSync(RESULTS_PATH, 'utf8') : head;
  const open = `<!-- ${name} -->`;
  const close = `<!-- /${name} -->`;
  const block = `${open}\n${markdown.trim()}\n${close}`;
  const a = text.indexOf(open);
  const b = text.indexOf(close);
  text = a >= 0 && b > a ? text.slice(0, a) + block + text.slice(b + close.length) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(RESULTS_PATH, text);
}

export const log = (s: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${s}\n`);
export const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
