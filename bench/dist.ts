// For compare scripts that time the built package (dist/), which is what users import (bench/assoc
// does); tsx's on-the-fly transform of src/ runs hot loops measurably slower (about 10-15% on
// fpGrowth). This rebuilds dist/ first when any file under src/ is newer than it.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds dist/ when it is missing or older than src/, then imports `dist/<subpath>/index.js`. */
export async function importBuilt<T>(subpath: string): Promise<T> {
  const marker = join(REPO, 'dist', 'index.js');
  if (!existsSync(marker) || statSync(marker).mtimeMs < newest(join(REPO, 'src'))) {
    process.stderr.write('bench: building dist/ (src/ is newer)\n');
    execFileSync('npm', ['run', 'build'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return (await import(join(REPO, 'dist', subpath, 'index.js'))) as T;
}
