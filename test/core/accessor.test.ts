import { describe, expect, test } from 'vitest';
import { checkAccessor, missingPropertyError } from '../../src/core/accessor.js';
import { codeOf } from '../helpers/errors.js';

describe('accessors', () => {
  test('checkAccessor refuses null-prototype objects, {} and empty names', () => {
    for (const bad of [Object.create(null), {}, '', null, -1, 1.5, Symbol('s')]) {
      expect(codeOf(() => checkAccessor('f', 'customer', bad))).toBe('INVALID_OPTION');
    }
    expect(checkAccessor('f', 'customer', 'id')).toBe('id');
    expect(checkAccessor('f', 'customer', 0)).toBe(0);
  });
  test('missingPropertyError names the key, the keys the row has, and the closest one', () => {
    const e = missingPropertyError('rfmScore', 'orders', 0, { InvoiceNo: 1, CustomerID: 2 }, 'customer', 'CustomerId');
    expect(e?.code).toBe('INVALID_OPTION');
    expect(e?.message).toContain("orders[0] has no property 'CustomerId'");
    expect(e?.message).toContain('InvoiceNo, CustomerID');
    expect(e?.message).toContain("Did you mean 'CustomerID'?");
    expect(missingPropertyError('f', 'orders', 0, { a: undefined }, 'customer', 'a')).toBeUndefined();
    expect(missingPropertyError('f', 'orders', 0, { a: 1 }, 'customer', (r: unknown) => r)).toBeUndefined();
  });
});
