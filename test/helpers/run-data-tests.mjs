// `npm run test:data`: the real-data tests on ../shared/data. Without that folder, say so and succeed.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = process.env.CRM_SHARED_DIR ?? resolve(root, '..', 'shared');
if (!existsSync(join(shared, 'data'))) {
  console.log(`test:data: ${join(shared, 'data')} not found; the real-data tests are skipped.`);
  process.exit(0);
}
const r = spawnSync('npx', ['vitest', 'run', '--project', 'data', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
