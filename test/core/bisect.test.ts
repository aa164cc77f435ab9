import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { bisectLeft, bisectRight } from '../../src/core/bisect.js';

// Brute force: the first index of [lo, hi) passing the test, else hi.
const firstFrom = (a: ArrayLike<number>, lo: number, hi: number, ok: (v: number) => boolean): number => {
  for (let i = lo; i < hi; i++) if (ok(a[i]!)) return i;
  return hi;
};

const sortedWithRange = fc
  .array(fc.integer({ min: -5, max: 5 }), { maxLength: 30 })
  .map((a) => a.sort((p, q) => p - q))
  .chain((a) => fc.tuple(fc.constant(a), fc.integer({ min: 0, max: a.length }), fc.integer({ min: 0, max: a.length }), fc.double({ min: -6, max: 6, noNaN: true })));

describe('bisectLeft / bisectRight', () => {
  test('bisectLeft(a, x, lo, hi) is the first index of [lo, hi) with a[i] >= x (brute force, plain and typed arrays)', () => {
    fc.assert(fc.property(sortedWithRange, ([a, p, q, x0]) => {
      const [lo, hi] = p <= q ? [p, q] : [q, p];
      const x = Number.isInteger(lo + hi) && (lo + hi) % 2 === 0 ? Math.round(x0) : x0;
      for (const arr of [a, Float64Array.from(a), Int32Array.from(a)]) {
        expect(bisectLeft(arr, x, lo, hi)).toBe(firstFrom(arr, lo, hi, (v) => v >= x));
        expect(bisectRight(arr, x, lo, hi)).toBe(firstFrom(arr, lo, hi, (v) => v > x));
        expect(bisectLeft(arr, x)).toBe(firstFrom(arr, 0, arr.length, (v) => v >= x));
        expect(bisectRight(arr, x)).toBe(firstFrom(arr, 0, arr.length, (v) => v > x));
      }
    }));
  });

  test('bisectLeft and bisectRight bracket the run of x: equal elements lie in [left, right)', () => {
    const a = [1, 2, 2, 2, 7];
    expect([bisectLeft(a, 2), bisectRight(a, 2)]).toEqual([1, 4]);
    expect([bisectLeft(a, 0), bisectRight(a, 9)]).toEqual([0, 5]);
    expect([bisectLeft([], 1), bisectRight([], 1)]).toEqual([0, 0]);
    expect(bisectLeft(a, -Infinity)).toBe(0);
    expect(bisectRight(a, Infinity)).toBe(5);
  });
});
