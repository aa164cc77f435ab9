import { existsSync, readdirSync } from 'node:fs';
import { defineConfig } from 'tsup';

/** One entry per capability folder with an index.ts (core is internal, re-exported by the root). */
const subpaths = readdirSync('src', { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'core' && existsSync(`src/${d.name}/index.ts`))
  .map((d) => d.name);

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    ...Object.fromEntries(subpaths.map((s) => [`${s}/index`, `src/${s}/index.ts`])),
    // forecastManyParallel and the worker script it loads by URL from its own folder.
    'forecast/parallel': 'src/forecast/parallel.ts',
    'forecast/parallelWorker': 'src/forecast/parallelWorker.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  splitting: true,
  treeshake: true,
  sourcemap: false,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  external: ['ml-matrix', 'seedrandom', /^node:/],
});
