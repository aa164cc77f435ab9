import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createIdTable, digitStringOrder, digitValue, idOf, indexMap, numberOrder } from '../../src/core/idTable.js';

/** The reference: a plain Map numbering keys in first-seen order (SameValueZero). */
function mapIds(input: readonly unknown[]): { ids: number[]; keys: unknown[] } {
  const m = new Map<unknown, number>();
  const keys: unknown[] = [];
  const ids = input.map((k) => {
    let id = m.get(k);
    if (id === undefined) { id = keys.length; m.set(k, id); keys.push(k); }
    return id;
  });
  return { ids, keys };
}

// Keys on every path: small integers (typed array), huge, negative and fractional numbers, -0, NaN
// and Infinity (Map), digit strings with and without leading zeros (typed array or Map), the digit
// strings of the same numbers, strings that look like numbers, '__proto__', and objects.
const key = fc.oneof(
  fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }).map(String), fc.integer({ min: 0, max: 3_000 }), fc.integer({ min: 0, max: 3_000 }).map(String),
  fc.integer({ min: 0, max: 99 }).map((v) => `0${v}`), fc.integer({ min: -50, max: -1 }), fc.double({ min: -10, max: 10 }), fc.string({ maxLength: 3 }),
  fc.constantFrom<unknown>('0', '00', '007', 'a', '1e3', '1.5', ' 1', '999999999', '1000000000', '4294967296', '__proto__', 'constructor', -0, 2.5, 1e12, 2 ** 31, 4294967296, Number.MAX_SAFE_INTEGER, Number.NaN, Infinity, -Infinity, null, undefined, true),
);

describe('idTable', () => {
  test('idOf gives the ids and keys a plain Map gives, on mixed keys (every path)', () => {
    fc.assert(fc.property(fc.array(key, { maxLength: 60 }), fc.constantFrom(50, 1 << 20), (input, limit) => {
      const t = createIdTable<unknown>(limit);
      const got = input.map((k) => idOf(t, k));
      const want = mapIds(input);
      expect(got).toEqual(want.ids);
      // toEqual tells -0 from 0 and NaN equals NaN: keys[id] is the key as first given.
      expect(t.keys).toEqual(want.keys);
      expect(t.digitStrings).toBe(t.keys.filter((k) => typeof k === 'string' && digitValue(k) >= 0 && digitValue(k) < limit).length);
    }), { numRuns: 300 });
  });

  test('idOf numbers keys in first-seen order: ids are 0, 1, 2, ... and a repeated key keeps its id', () => {
    fc.assert(fc.property(fc.array(key, { maxLength: 60 }), (input) => {
      const t = createIdTable<unknown>();
      let next = 0;
      for (const k of input) {
        const id = idOf(t, k);
        if (id === next) next++;
        else expect(id).toBeLessThan(next);
        expect(Object.is(t.keys[id], k) || (typeof k === 'number' && t.keys[id] === k)).toBe(true);
      }
      expect(t.keys.length).toBe(next);
      // Asked again, in any order, every key gives its id and nothing is added.
      for (let id = next - 1; id >= 0; id--) expect(idOf(t, t.keys[id])).toBe(id);
      expect(t.keys.length).toBe(next);
    }));
  });

  test("idOf keeps 1 and '1' apart, and '01' from '1'; NaN is one key and -0 is 0", () => {
    const t = createIdTable<number | string>();
    expect([idOf(t, 1), idOf(t, '1'), idOf(t, '01'), idOf(t, 1), idOf(t, Number.NaN), idOf(t, Number.NaN), idOf(t, -0), idOf(t, 0)]).toEqual([0, 1, 2, 0, 3, 3, 4, 4]);
    expect(Object.is(t.keys[4], -0)).toBe(true);
  });

  test('numberOrder and digitStringOrder give the ids in ascending and in code-unit order of the keys', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.oneof(fc.integer({ min: 0, max: 3_000 }), fc.integer({ min: 0, max: 999_999 })), { maxLength: 40 }), (values) => {
      const nums = createIdTable<number>();
      const strs = createIdTable<string>();
      for (const v of values) { idOf(nums, v); idOf(strs, String(v)); }
      expect(Array.from(numberOrder(nums), (id) => nums.keys[id])).toEqual(values.slice().sort((a, b) => a - b));
      expect(Array.from(digitStringOrder(strs), (id) => strs.keys[id])).toEqual(values.map(String).sort());
    }));
  });

  test('indexMap(keys) maps each key to its position; the last of equal keys wins; typed arrays too', () => {
    expect([...indexMap(['a', 'b', 'c'])]).toEqual([['a', 0], ['b', 1], ['c', 2]]);
    expect(indexMap(['a', 'b', 'a']).get('a')).toBe(2);
    expect(indexMap(Float64Array.from([0.5, 2])).get(2)).toBe(1);
    expect(indexMap([]).size).toBe(0);
  });

  test('digitValue reads 1 to 9 digits without a leading zero, as Number would', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('0', '1', '9', 'a', ' '), maxLength: 11 }), (s) => {
      const want = /^(0|[1-9][0-9]{0,8})$/.test(s) ? Number(s) : -1;
      expect(digitValue(s)).toBe(want);
    }));
  });
});
