import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createIdTable, idOf, indexMap } from '../../src/core/idTable.js';

describe('idTable', () => {
  test('idOf gives equal keys one id, new keys the next id, and keys[id] is the key (brute force with indexOf)', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom('a', 'b', '1', 'NaN'), fc.constant(NaN)), { maxLength: 40 }), (input) => {
      const t = createIdTable<number | string>();
      const got = input.map((k) => idOf(t, k));
      // Brute force: first-seen order by SameValueZero (Array.prototype.includes semantics).
      const seen: (number | string)[] = [];
      const want = input.map((k) => {
        const at = seen.findIndex((s) => s === k || (s !== s && k !== k));
        if (at >= 0) return at;
        seen.push(k);
        return seen.length - 1;
      });
      expect(got).toEqual(want);
      expect(t.keys).toEqual(seen);
      for (let id = 0; id < t.keys.length; id++) expect(t.ids.get(t.keys[id]!)).toBe(id);
    }));
  });

  test("idOf keeps 1 and '1' apart", () => {
    const t = createIdTable<number | string>();
    expect([idOf(t, 1), idOf(t, '1'), idOf(t, 1)]).toEqual([0, 1, 0]);
  });

  test('indexMap(keys) maps each key to its position; the last of equal keys wins; typed arrays too', () => {
    expect([...indexMap(['a', 'b', 'c'])]).toEqual([['a', 0], ['b', 1], ['c', 2]]);
    expect(indexMap(['a', 'b', 'a']).get('a')).toBe(2);
    expect(indexMap(Float64Array.from([0.5, 2])).get(2)).toBe(1);
    expect(indexMap([]).size).toBe(0);
  });
});
