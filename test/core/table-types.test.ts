// Type-level tests, checked by `npm run typecheck` (tsc compiles test/): numeric accessors accept
// only keys whose values are numbers, rows typed with an interface are accepted, and the data
// forms are all accepted by the same functions. The runtime assertions keep vitest happy.
import { expect, expectTypeOf, test } from 'vitest';
import type { NumericAccessor, NumericKey, KeyOfType } from '../../src/core/table.js';
import { fitKMeans } from '../../src/cluster/index.js';
import { fitLogistic, predictLogisticProba } from '../../src/linear/index.js';
import { fitIsolationForest } from '../../src/anomaly/index.js';
import { fpGrowth } from '../../src/assoc/index.js';

interface Customer {
  id: string;
  at: Date;
  recency: number;
  frequency: number;
  monetary?: number | null;
  vip: boolean;
}

const customers: Customer[] = [
  { id: 'a', at: new Date(0), recency: 1, frequency: 2, monetary: 3, vip: false },
  { id: 'b', at: new Date(0), recency: 5, frequency: 1, monetary: 9, vip: true },
  { id: 'c', at: new Date(0), recency: 9, frequency: 7, monetary: 1, vip: true },
];

test('NumericKey keeps the number-valued keys of an interface, optional and nullable ones included', () => {
  expectTypeOf<NumericKey<Customer>>().toEqualTypeOf<'recency' | 'frequency' | 'monetary'>();
  expectTypeOf<KeyOfType<Customer, boolean>>().toEqualTypeOf<'vip'>();
  expectTypeOf<KeyOfType<Customer, string>>().toEqualTypeOf<'id'>();
  // an index signature accepts any key
  expectTypeOf<NumericKey<Record<string, unknown>>>().toEqualTypeOf<string>();
  expectTypeOf<'recency'>().toMatchTypeOf<NumericAccessor<Customer>>();
  expectTypeOf<(c: Customer) => number>().toMatchTypeOf<NumericAccessor<Customer>>();
  expectTypeOf<'at'>().not.toMatchTypeOf<NumericAccessor<Customer>>();
  expectTypeOf<(c: Customer) => string>().not.toMatchTypeOf<NumericAccessor<Customer>>();
});

test('fitKMeans on interface rows checks the columns against the row type', () => {
  const m = fitKMeans(customers, { k: 2, seed: 1, columns: ['recency', 'frequency', (c) => c.at.getTime() / 1e12] });
  expect(m.labels.length).toBe(3);
  // @ts-expect-error: 'at' holds a Date, not a number
  expect(() => fitKMeans(customers, { k: 2, columns: ['recency', 'at'] })).toThrow();
  // @ts-expect-error: 'id' holds a string
  expect(() => fitKMeans(customers, { k: 2, columns: ['id'] })).toThrow();
  // @ts-expect-error: a misspelt key
  expect(() => fitKMeans(customers, { k: 2, columns: ['recenyc'] })).toThrow();
  // @ts-expect-error: an accessor returning a string
  expect(() => fitKMeans(customers, { k: 2, columns: [(c) => c.id] })).toThrow();
});

test('columns and Arrow-like tables take column names; matrices still type-check', () => {
  fitKMeans({ recency: [1, 5, 9], frequency: new Float64Array([2, 1, 7]) }, { k: 2, columns: ['recency'] });
  fitKMeans([[1, 2], [5, 1], [9, 7]], { k: 2 });
  fitIsolationForest(customers, { columns: ['recency', 'monetary'], trees: 2 });
  // @ts-expect-error: a Date column is not a feature
  expect(() => fitIsolationForest(customers, { columns: ['at'] })).toThrow();
  fpGrowth({ transaction: [1, 1, 2], item: ['a', 'b', 'a'] }, { minCount: 1 });
});

test('fitLogistic: target must name a number or boolean key', () => {
  const m = fitLogistic(customers, { columns: ['recency', 'frequency'], target: 'vip', lambda: 1 });
  expect(m.featureNames).toEqual(['recency', 'frequency']);
  expect(predictLogisticProba(m, customers)).toHaveLength(3);
  // @ts-expect-error: 'id' holds strings
  expect(() => fitLogistic(customers, { columns: ['recency'], target: 'id' })).toThrow();
  // @ts-expect-error: a target and a feature are checked alike
  expect(() => fitLogistic(customers, { columns: ['at'], target: 'vip' })).toThrow();
});
