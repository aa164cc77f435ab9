import { defineConfig } from 'vitest/config';

// Two projects: `unit` runs on a fresh clone (npm test); `data` needs ../shared/data (npm run test:data).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.data.test.ts', 'test/runtime/**', 'node_modules/**'],
          setupFiles: ['test/helpers/fast-check-setup.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'data',
          include: ['test/**/*.data.test.ts'],
          setupFiles: ['test/helpers/fast-check-setup.ts'],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
      {
        // Needs `npm run build` first: checks the published package in Node (ESM + CJS), Deno and Chromium.
        test: {
          name: 'runtime',
          include: ['test/runtime/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
});
