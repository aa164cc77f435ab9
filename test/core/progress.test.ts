import { describe, expect, test } from 'vitest';
import { runControl } from '../../src/core/progress.js';
import { codeOf } from '../helpers/errors.js';

describe('runControl', () => {
  test('runControl(fn, { onProgress }) passes one Progress shape with the function name', () => {
    const seen: unknown[] = [];
    const tick = runControl('fitX', { onProgress: (p) => seen.push(p) });
    tick('iteration', 1, 10);
    tick('item', 2, 5, 7);
    expect(seen).toEqual([
      { fn: 'fitX', phase: 'iteration', completed: 1, total: 10 },
      { fn: 'fitX', phase: 'item', completed: 2, total: 5, found: 7 },
    ]);
  });
  test('runControl stops with ABORTED when onProgress aborts, and before the start on a fired signal', () => {
    const ac = new AbortController();
    const tick = runControl('fitX', { signal: ac.signal, onProgress: () => ac.abort() });
    expect(codeOf(() => tick('iteration', 1, 10))).toBe('ABORTED');
    expect(codeOf(() => runControl('fitX', { signal: ac.signal }))).toBe('ABORTED');
  });
  test('runControl refuses a non-function onProgress and a non-signal', () => {
    expect(codeOf(() => runControl('fitX', { onProgress: 5 as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => runControl('fitX', { signal: {} as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => runControl('fitX', { signal: null as never }))).toBe('INVALID_OPTION');
  });
});
