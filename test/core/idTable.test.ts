import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createDenseIdTable, createIdTable, denseIdOf, digitValue, idOf, indexMap } from '../../src/core/idTable.js';

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

  test('denseIdOf numbers ids as a Map over the raw keys would, and refuses what is not an id (brute force)', () => {
    const key = fc.oneof(
      fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }).map(String), fc.integer({ min: 0, max: 3_000 }), fc.integer({ min: 0, max: 3_000 }).map(String),
      fc.constantFrom('0', '00', '007', 'a', '1e3', '999999999', '1000000000', -3, -0, 2.5, 1e12, 4294967296, '', Number.NaN, Infinity, null, undefined, true),
    );
    fc.assert(fc.property(fc.array(key, { maxLength: 40 }), fc.constantFrom(50, 1 << 20), (input, limit) => {
      const t = createDenseIdTable(limit);
      const got = input.map((k) => denseIdOf(t, k));
      // First-seen keys by SameValueZero (-0 is 0, kept as first given).
      const seen: unknown[] = [];
      const want = input.map((k) => {
        if (!((typeof k === 'string' && k !== '') || (typeof k === 'number' && Number.isFinite(k)))) return -1;
        if (!seen.includes(k)) seen.push(k);
        return seen.indexOf(k);
      });
      expect(got).toEqual(want);
      expect(t.keys).toEqual(seen);
      expect(t.digitStrings).toBe(t.keys.filter((k) => typeof k === 'string' && digitValue(k) >= 0 && digitValue(k) < limit).length);
    }));
  });

  test('digitValue reads 1 to 9 digits without a leading zero, as Number would', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('0', '1', '9', 'a', ' '), maxLength: 11 }), (s) => {
      const want = /^(0|[1-9][0-9]{0,8})$/.test(s) ? Number(s) : -1;
      expect(digitValue(s)).toBe(want);
    }));
  });
});

