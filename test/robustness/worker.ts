// Child process of runner.ts: runs the cases of one suite from a given index and reports each one
// before and after it runs, so the parent can name a case that hangs or crashes the process.
import { cases } from './cases.js';

const [suite = 'bad-input', fromText = '0'] = process.argv.slice(2);
const list = cases(suite);
const send = (m: object) => new Promise<void>((res) => process.send!(m, () => res()));
for (let i = Number(fromText); i < list.length; i++) {
  const c = list[i]!;
  await send({ type: 'start', i, fn: c.fn, what: c.what });
  let why: string | undefined;
  try {
    why = c.run();
  } catch (e) {
    why = `harness error: ${String(e).slice(0, 200)}`;
  }
  await send({ type: 'result', i, fn: c.fn, what: c.what, why });
}
await send({ type: 'end' });
