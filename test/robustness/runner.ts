// Runs a suite's cases in a child process; a case that runs longer than `budgetMs` is a hang and a
// dead child (V8 aborts on runaway arrays or memory cannot be caught in-process) is a crash: either
// is recorded, and a new child resumes after that case.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Failure { fn: string; what: string; why: string }
export interface SuiteRun { failures: Failure[]; cases: number; byFunction: Map<string, number> }

const CHILD = fileURLToPath(new URL('./worker.ts', import.meta.url));

export function runSuite(suite: string, budgetMs = 10_000): Promise<SuiteRun> {
  const failures: Failure[] = [];
  const byFunction = new Map<string, number>();
  let count = 0;
  return new Promise((resolve, reject) => {
    const start = (from: number): void => {
      const child: ChildProcess = fork(CHILD, [suite, String(from)], {
        execArgv: ['--import', 'tsx', '--max-old-space-size=1536', '--stack-size=984'],
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      let current: { i: number; fn: string; what: string } | null = null;
      let done = false;
      let timer: NodeJS.Timeout | undefined;
      const record = (why: string) => {
        const c = current!;
        failures.push({ fn: c.fn, what: c.what, why });
        byFunction.set(c.fn, (byFunction.get(c.fn) ?? 0) + 1);
        count++;
        done = true;
        child.kill('SIGKILL');
        start(c.i + 1);
      };
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          if (!current) { done = true; child.kill('SIGKILL'); reject(new Error(`${suite}: the child did not start within 120 s`)); return; }
          record(`did not return within ${budgetMs} ms (hang)`);
        }, current ? budgetMs : 120_000);
      };
      arm();
      child.on('message', (msg: { type: string; i: number; fn: string; what: string; why?: string }) => {
        if (msg.type === 'start') { current = msg; arm(); }
        else if (msg.type === 'result') {
          count++;
          byFunction.set(msg.fn, (byFunction.get(msg.fn) ?? 0) + 1);
          if (msg.why) failures.push({ fn: msg.fn, what: msg.what, why: msg.why });
          current = null;
          arm();
        } else if (msg.type === 'end') { done = true; clearTimeout(timer); child.kill(); resolve({ failures, cases: count, byFunction }); }
      });
      child.on('exit', (code, signal) => {
        if (done) return;
        clearTimeout(timer);
        if (!current) { reject(new Error(`${suite}: the child exited (${code ?? signal}) between cases`)); return; }
        record(`crashed the process (exit ${code ?? signal})`);
      });
    };
    start(0);
  });
}
