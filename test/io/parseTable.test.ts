import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { csvParse, csvParseRows, csvFormat } from 'd3-dsv';
import { compileDateFormat, parseTable } from '../../src/io/index.js';
import { CrmError } from '../../src/core/errors.js';
import { rfmScore } from '../../src/rfm/index.js';

function errorOf(f: () => unknown): CrmError {
  try { f(); } catch (e) { if (e instanceof CrmError) return e; throw e; }
  throw new Error('did not throw');
}

const pad = (v: number, w: number) => String(v).padStart(w, '0');

describe('compileDateFormat', () => {
  const parts = fc.record({
    y: fc.integer({ min: 1, max: 9999 }), mo: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }),
    h: fc.integer({ min: 0, max: 23 }), mi: fc.integer({ min: 0, max: 59 }), s: fc.integer({ min: 0, max: 59 }),
    zone: fc.integer({ min: -18 * 60, max: 18 * 60 }),
  });
  const formats: [string, (p: { y: number; mo: number; d: number; h: number; mi: number; s: number }) => string, boolean, boolean][] = [
    ['M/D/YYYY H:mm', (p) => `${p.mo}/${p.d}/${pad(p.y, 4)} ${p.h}:${pad(p.mi, 2)}`, true, false],
    ['D/M/YYYY', (p) => `${p.d}/${p.mo}/${pad(p.y, 4)}`, false, false],
    ['DD.MM.YYYY HH:mm:ss', (p) => `${pad(p.d, 2)}.${pad(p.mo, 2)}.${pad(p.y, 4)} ${pad(p.h, 2)}:${pad(p.mi, 2)}:${pad(p.s, 2)}`, true, true],
    ['YYYY-MM-DD', (p) => `${pad(p.y, 4)}-${pad(p.mo, 2)}-${pad(p.d, 2)}`, false, false],
  ];
  test('formats round trip: the text of a date reads back as that instant (Date.UTC oracle, all zones)', () => {
    fc.assert(fc.property(parts, fc.integer({ min: 0, max: formats.length - 1 }), (p, f) => {
      const [format, write, time, seconds] = formats[f]!;
      const zone = `${p.zone < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(p.zone) / 60), 2)}:${pad(Math.abs(p.zone) % 60, 2)}`;
      const read = compileDateFormat(format, zone, 'test');
      const expected = new Date(Date.UTC(2000, p.mo - 1, 1, time ? p.h : 0, time ? p.mi : 0, seconds ? p.s : 0));
      expected.setUTCFullYear(p.y);
      const dim = new Date(Date.UTC(2000, p.mo, 0)).getUTCDate();
      const leapOk = !(p.mo === 2 && p.d === 29) || (p.y % 4 === 0 && (p.y % 100 !== 0 || p.y % 400 === 0));
      const valid = p.d <= dim && leapOk;
      expected.setUTCDate(p.d);
      expect(read(write(p))).toBe(valid ? expected.getTime() - p.zone * 60_000 : undefined);
    }), { numRuns: 2000 });
  });

  test("'ISO' reads as parseDate does, the zone applying only to texts without one", () => {
    const read = compileDateFormat('ISO', '+01:00', 'test');
    expect(read('2011-12-09T12:50:00')).toBe(Date.UTC(2011, 11, 9, 11, 50));
    expect(read('2011-12-09T12:50:00Z')).toBe(Date.UTC(2011, 11, 9, 12, 50));
    expect(read('2011-12-09T12:50:00-02:00')).toBe(Date.UTC(2011, 11, 9, 14, 50));
    expect(read('12/09/2011')).toBeUndefined();
  });

  test('bad formats and zones are INVALID_OPTION with the accepted forms', () => {
    expect(errorOf(() => compileDateFormat('M/D', 'UTC', 'f')).message).toMatch(/must give the year \(YYYY\), month/);
    expect(errorOf(() => compileDateFormat('M/D/YYYY M', 'UTC', 'f')).message).toMatch(/gives the M field twice/);
    expect(errorOf(() => compileDateFormat('YYYY-MM-DD', 'Europe/London', 'f')).message).toMatch(/fixed offset such as '\+01:00'.*Named zones/);
    expect(errorOf(() => compileDateFormat('YYYY-MM-DD', '+19:00', 'f')).code).toBe('INVALID_OPTION');
  });
});

describe('parseTable', () => {
  const csv = 'InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice,Paid,Country\n' +
    '536365,17850,12/1/2010 8:26,6,2.55,yes,United Kingdom\n' +
    '536366,,12/1/2010 8:28,6,1.85,no,France\n' +
    '536367,13047,12/1/2010 8:34,32,,TRUE,United Kingdom\n';
  const schema = {
    orderId: { type: 'string', from: 'InvoiceNo' },
    customer: { type: 'string', from: 'CustomerID' },
    date: { type: 'date', from: 'InvoiceDate', format: 'M/D/YYYY H:mm' },
    quantity: { type: 'integer', from: 'Quantity' },
    price: { type: 'number', from: 'UnitPrice' },
    paid: { type: 'boolean', from: 'Paid' },
    country: { type: 'categorical', from: 'Country' },
  } as const;

  test('d3-dsv csvParse objects and csvParseRows arrays give the same typed columns; blanks are missing and counted', () => {
    const a = parseTable(csvParse(csv), schema);
    const b = parseTable(csvParseRows(csv), schema);
    expect(b).toEqual(a);
    expect(a.rows).toBe(3);
    expect(a.columns.customer).toEqual(['17850', null, '13047']);
    expect(Array.from(a.columns.date)).toEqual([Date.UTC(2010, 11, 1, 8, 26), Date.UTC(2010, 11, 1, 8, 28), Date.UTC(2010, 11, 1, 8, 34)]);
    expect(Array.from(a.columns.quantity)).toEqual([6, 6, 32]);
    expect(Array.from(a.columns.price)).toEqual([2.55, 1.85, NaN]);
    expect(a.columns.paid).toEqual([true, false, true]);
    expect(a.blanks).toEqual({ orderId: 0, customer: 1, date: 0, quantity: 0, price: 1, paid: 0, country: 0 });
    expect(a.levels).toEqual({ country: ['France', 'United Kingdom'] });
  });

  test('the columns feed rfmScore directly (with missingCustomer: drop)', () => {
    const t = parseTable(csvParse(csv), { customer: { type: 'string', from: 'CustomerID' }, date: { type: 'date', from: 'InvoiceDate', format: 'M/D/YYYY H:mm' }, amount: { type: 'number', from: 'Quantity' } });
    const r = rfmScore(t.columns, { missingCustomer: 'drop' });
    expect(r.customers.map((c) => [c.customer, c.monetary])).toEqual([['13047', 32], ['17850', 6]]);
  });

  test('every bad cell is listed with its line (header = line 1) and column, in one error', () => {
    const bad = 'id,amount,when\n1,3.5,2024-01-02\n2,abc,2024-13-01\n3,0x10,\n4,Infinity,2024-02-30\n';
    const e = errorOf(() => parseTable(csvParse(bad), { id: 'integer', amount: 'number', when: { type: 'date', format: 'YYYY-MM-DD', blank: 'refuse' } }));
    expect(e.code).toBe('INVALID_INPUT');
    const cells = (e.details as { cells: { line: number; column: string }[]; count: number }).cells;
    expect(cells.map((c) => [c.line, c.column])).toEqual([[3, 'amount'], [3, 'when'], [4, 'amount'], [4, 'when'], [5, 'amount'], [5, 'when']]);
    expect(e.message).toMatch(/^parseTable: 6 cells could not be read: line 3 \(record 1\), column 'amount': 'abc' is not a number; line 3 \(record 1\), column 'when': '2024-13-01' is not a date in format YYYY-MM-DD; line 4 .*'0x10' is not a number; line 4 \(record 2\), column 'when': the cell is blank/);
    const few = errorOf(() => parseTable(csvParse(bad), { amount: 'number' }, { maxErrors: 1 }));
    expect(few.message).toMatch(/3 cells could not be read \(the first 1 listed\)/);
    expect((few.details as { count: number }).count).toBe(3);
  });

  test('the error code says what kind of cell failed when all are of one kind', () => {
    expect(errorOf(() => parseTable([{ d: '1/2/2024' }], { d: { type: 'date', format: 'YYYY-MM-DD' } })).code).toBe('INVALID_DATE');
    expect(errorOf(() => parseTable([{ a: ' ' }], { a: { type: 'number', blank: 'refuse' } })).code).toBe('MISSING_VALUE');
    expect(errorOf(() => parseTable([{ a: 'x' }], { a: { type: 'categorical', levels: ['y'] } })).message).toMatch(/'x' is not one of the levels y/);
  });

  test('decimal comma, day-first dates, papaparse dynamicTyping cells', () => {
    const t = parseTable([{ x: '1.234,5', d: '3/4/2024', n: 7, b: true }], { x: { type: 'number', decimal: ',' }, d: { type: 'date', format: 'D/M/YYYY' }, n: 'integer', b: 'boolean' });
    expect(t.columns.x[0]).toBe(1234.5);
    expect(t.columns.d[0]).toBe(Date.UTC(2024, 3, 3));
    expect(t.columns.n[0]).toBe(7);
    expect(t.columns.b[0]).toBe(true);
  });

  test('a misspelt header is INVALID_OPTION with a guess; bad schemas and records are refused', () => {
    expect(errorOf(() => parseTable(csvParse(csv), { c: { type: 'string', from: 'CustomerId' } })).message).toMatch(/has no property 'CustomerId' \(the schema.c.from option\).*Did you mean 'CustomerID'\?/);
    expect(errorOf(() => parseTable(csvParse(csv), { InvoiceDate: 'date' })).message).toMatch(/needs a format: 'ISO'/);
    expect(errorOf(() => parseTable(csvParse(csv), { InvoiceNo: 'text' as never })).code).toBe('INVALID_OPTION');
    expect(errorOf(() => parseTable(csvParse(csv), { InvoiceNo: { type: 'string', form: 'x' } as never })).message).toMatch(/unknown key 'form'/);
    expect(errorOf(() => parseTable(csv as never, { a: 'number' })).message).toMatch(/Parse the CSV text first/);
    expect(errorOf(() => parseTable([], { a: 'number' })).code).toBe('EMPTY_INPUT');
    expect(errorOf(() => parseTable([['a']], { a: 'number' })).code).toBe('EMPTY_INPUT');
    expect(errorOf(() => parseTable([['a', 'b'], ['1']], { a: 'number' })).message).toMatch(/line 2 \(record 0\), column '\(record\)': the record has 1 fields but the header has 2/);
    expect(errorOf(() => parseTable(csvParse(csv), { InvoiceNo: 'string' }, { extraColumns: 'refuse' })).message).toMatch(/columns the schema does not name: CustomerID/);
    expect(errorOf(() => parseTable(csvParse(csv), { InvoiceNo: 'string' }, { maxErrors: 0 })).code).toBe('INVALID_OPTION');
  });

  test('numbers round trip through csvFormat; the records are not mutated', () => {
    fc.assert(fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 20 }), (xs) => {
      const records = csvParse(csvFormat(xs.map((x) => ({ x }))));
      const copy = JSON.parse(JSON.stringify(records));
      const t = parseTable(records, { x: 'number' });
      // csvFormat writes -0 as "0" (String(-0)), so it reads back as 0.
      expect(Array.from(t.columns.x)).toEqual(xs.map((x) => (Object.is(x, -0) ? 0 : x)));
      expect(JSON.parse(JSON.stringify(records))).toEqual(copy);
    }), { numRuns: 300 });
  });
});
