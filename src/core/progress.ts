/**
 * Progress and abort for long runs: one event type and one pair of options (`onProgress`,
 * `signal`) shared by every fit that can take seconds.
 *
 * The runs are synchronous, so a timer (`AbortSignal.timeout()`, `setTimeout(() => ac.abort())`)
 * cannot fire while one is going: the signal is read at each progress point, and it can only have
 * fired by then if the caller aborted it from inside `onProgress` (for example on a deadline), or
 * before the call. To stop a run from outside, run it in a Worker and terminate the worker.
 * docs/progress.md says this with examples.
 * @module
 */
import { CrmError, describeValue } from './errors.js';

/** What a long run reports through `onProgress`; the same shape in every module. */
export interface Progress {
  /** The public function reporting, e.g. `'fitKMeans'`. */
  readonly fn: string;
  /** What is counted: `'restart'`, `'iteration'`, `'merge'`, `'item'`, `'node'`, `'customer'`, `'fold'`, ... */
  readonly phase: string;
  /** Units done so far. */
  readonly completed: number;
  /** Units planned; an upper bound where the run may stop early (iterations). */
  readonly total: number;
  /** Results found so far where that is meaningful (itemsets, rules); otherwise absent. */
  readonly found?: number;
}

/** The two run-control options every long run accepts. They are never stored on models. */
export interface RunControl {
  /** Checked at every progress point: once aborted, the run stops with `ABORTED`. @defaultValue undefined */
  signal?: AbortSignal;
  /** Called at every progress point (between iterations, restarts, top-level items, ...). @defaultValue undefined */
  onProgress?: (progress: Progress) => void;
}

/** Keys of {@link RunControl}, for `resolveOptions`' extra keys. */
export const RUN_CONTROL_KEYS = ['signal', 'onProgress'] as const;

/** Reports progress and honours the signal; returned by {@link runControl}. */
export type Tick = (phase: string, completed: number, total: number, found?: number) => void;

/**
 * Checks `signal` and `onProgress` once, throws `ABORTED` if the signal has already fired, and
 * returns the function a long run calls at each progress point.
 * @throws CrmError `INVALID_OPTION` for a signal that is not an AbortSignal or a non-function onProgress; `ABORTED`
 * @example
 * const seen: string[] = [];
 * const tick = runControl('fitKMeans', { onProgress: (p) => seen.push(`${p.phase} ${p.completed}/${p.total}`) });
 * tick('restart', 1, 4);
 * seen; // => ['restart 1/4']
 */
export function runControl(fn: string, options: RunControl | undefined): Tick {
  const onProgress = options?.onProgress;
  const signal = options?.signal;
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new CrmError('INVALID_OPTION', `${fn}: onProgress must be a function (progress) => void; got ${describeValue(onProgress)}.`, { option: 'onProgress' });
  }
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || typeof (signal as AbortSignal).aborted !== 'boolean')) {
    throw new CrmError('INVALID_OPTION', `${fn}: signal must be an AbortSignal; got ${describeValue(signal)}.`, { option: 'signal' });
  }
  const check = (completed: number, total: number, phase: string): void => {
    if (signal?.aborted) {
      const when = phase === '' ? 'before it started' : `after ${completed} of ${total} (${phase})`;
      throw new CrmError('ABORTED', `${fn} was aborted through its AbortSignal ${when}.`, {
        reason: signal.reason,
        completed,
        total,
      });
    }
  };
  check(0, 0, '');
  if (onProgress === undefined && signal === undefined) return () => {};
  return (phase, completed, total, found) => {
    check(completed, total, phase);
    if (onProgress !== undefined) {
      onProgress(found === undefined ? { fn, phase, completed, total } : { fn, phase, completed, total, found });
      check(completed, total, phase);
    }
  };
}
