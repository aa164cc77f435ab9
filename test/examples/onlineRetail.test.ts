import { describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import {
  cleanOnlineRetail,
  loadOnlineRetail,
  ONLINE_RETAIL_SAMPLE,
  parseOnlineRetail,
  parseRetailDate,
  retailDateToIso,
} from '../../examples/data/onlineRetail.js';
import { parseCsvRfc4180 } from '../helpers/csv.js';

describe('examples/data/onlineRetail', () => {
  test('parseRetailDate reads M/D/YYYY H:MM as UTC and refuses anything else', () => {
    expect(retailDateToIso('12/1/2010 8:26')).toBe('2010-12-01T08:26:00.000Z');
    expect(parseRetailDate('12/9/2011 12:50')).toBe(Date.UTC(2011, 11, 9, 12, 50));
    for (const bad of ['2010-12-01 08:26', '2/30/2011 8:00', '12/1/2010', '12/1/2010 24:00', '']) {
      expect(() => parseRetailDate(bad)).toThrow();
    }
  });

  test('parseCsvRfc4180 handles quoted commas, doubled quotes, CRLF and a trailing empty field', () => {
    expect(parseCsvRfc4180('a,"b, c","7"" SINGLE"\r\nx,,\r\n')).toEqual([['a', 'b, c', '7" SINGLE'], ['x', '', '']]);
    expect(parseCsvRfc4180('a,b\nc,')).toEqual([['a', 'b'], ['c', '']]);
    expect(() => parseCsvRfc4180('"open')).toThrow(/unterminated/);
  });

  test('parseOnlineRetail refuses a wrong header or a non-numeric quantity', () => {
    expect(() => parseOnlineRetail('a,b\n1,2\n')).toThrow(/has no property 'InvoiceNo'/);
    const head = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\r\n';
    expect(() => parseOnlineRetail(`${head}1,2,x,abc,12/1/2010 8:26,1.5,,UK\r\n`)).toThrow(/line 2/);
    const ok = parseOnlineRetail(`${head}C1,2,"x, y",-3,12/1/2010 8:26,1.5,,UK\r\n`);
    expect([ok.invoiceNo[0], ok.description[0], ok.quantity[0], ok.customerId[0]]).toEqual(['C1', 'x, y', -3, null]);
  });

  test('the shipped sample has the documented content (sha256, counts)', () => {
    const text = gunzipSync(readFileSync(ONLINE_RETAIL_SAMPLE));
    expect(createHash('sha256').update(text).digest('hex')).toBe('f6f66e45c599c7449b7c7225f236bd3ece54322442227a21a5d52c0490241988');
    const cols = loadOnlineRetail();
    const n = cols.invoiceNo.length;
    expect(n).toBe(110_112);
    expect(new Set(cols.customerId.filter((c) => c !== null)).size).toBe(870);
    expect(cols.customerId.filter((c) => c === null).length).toBe(27_797);
    expect(cols.invoiceNo.filter((v) => v.startsWith('C')).length).toBe(1_789);
    expect(new Set(cols.invoiceNo).size).toBe(5_192);
    let min = Infinity, max = -Infinity;
    for (const t of cols.invoiceDate) { min = Math.min(min, t); max = Math.max(max, t); }
    expect([new Date(min).toISOString(), new Date(max).toISOString()]).toEqual(['2010-12-01T08:45:00.000Z', '2011-12-09T12:25:00.000Z']);
  });

  test('cleanOnlineRetail applies T-RFM and counts every excluded line once (pandas: 80,592 lines, 862 customers)', () => {
    const cols = loadOnlineRetail();
    const c = cleanOnlineRetail(cols);
    expect(c.excluded).toEqual({ noCustomer: 27_797, cancelled: 1_719, nonPositiveQuantity: 0, nonPositivePrice: 4 });
    expect(c.kept).toBe(80_592);
    expect(c.kept + Object.values(c.excluded).reduce((a, b) => a + b, 0)).toBe(c.lines);
    expect(new Set(c.customer).size).toBe(862);
    expect(new Set(c.orderId).size).toBe(3_710);
    let cents = 0;
    for (const a of c.amount) { expect(a).toBeGreaterThan(0); cents += Math.round(a * 100); }
    expect(cents).toBe(179_591_640);
  });
});
