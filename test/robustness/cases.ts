// The case lists of the robustness suites, in a fixed order so a worker can resume after a hang.
import * as api from '../../src/index.js';
import { calls } from './calls.js';
import { judge } from './judge.js';
import { modelCases } from './modelCases.js';
import { variants } from './variants.js';

/** One case: `run` returns why it failed, or undefined. */
export interface Case { fn: string; what: string; run: () => string | undefined }

const CLASSES = new Set(['CrmError']);

/** Exported functions walked by the bad-input suite. */
export function walkedFunctions(): string[] {
  return Object.entries(api).filter(([k, v]) => typeof v === 'function' && !CLASSES.has(k) && k in calls).map(([k]) => k).sort();
}

function badInputCases(): Case[] {
  const out: Case[] = [];
  for (const name of walkedFunctions()) {
    const f = (api as Record<string, unknown>)[name] as (...a: unknown[]) => unknown;
    out.push({ fn: name, what: 'baseline', run: () => { const o = judge(f, calls[name]!()); return o.ok && o.kind === 'returned' ? undefined : `the baseline call must return: ${o.ok ? o.kind : o.why}`; } });
    try {
      for (const [what, args] of variants(calls[name]!)) {
        out.push({ fn: name, what, run: () => { const o = judge(f, args()); return o.ok ? undefined : o.why; } });
      }
    } catch (e) {
      out.push({ fn: name, what: 'building the baseline arguments', run: () => `threw ${String(e).slice(0, 200)}` });
    }
  }
  return out;
}

const cache = new Map<string, Case[]>();
/** The cases of a suite: 'bad-input' or 'model-json'. */
export function cases(suite: string): Case[] {
  if (!cache.has(suite)) cache.set(suite, suite === 'bad-input' ? badInputCases() : modelCases());
  return cache.get(suite)!;
}
