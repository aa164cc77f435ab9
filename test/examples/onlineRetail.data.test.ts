// The loader on the full UCI Online Retail (counts from ../shared/data/README.md and the T-RFM
// anchor), and the shipped sample redrawn from it by the documented rule, byte for byte.
import { describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { DATA_DIR, readDataText, readResult } from '../helpers/shared.js';
import { cleanOnlineRetail, loadOnlineRetail } from '../../examples/data/onlineRetail.js';
import { drawOnlineRetailSample } from '../../examples/data/makeSample.js';

describe('examples/data on the full Online Retail', () => {
  test('loadOnlineRetail reads every line with the documented quirks; cleaning gives T-RFM', () => {
    const cols = loadOnlineRetail(join(DATA_DIR, 'online_retail.csv.gz'));
    expect(cols.invoiceNo).toHaveLength(541_909);
    expect(cols.customerId.filter((c) => c === null)).toHaveLength(135_080);
    expect(new Set(cols.customerId.filter((c) => c !== null)).size).toBe(4_372);
    expect(new Set(cols.invoiceNo).size).toBe(25_900);
    expect(cols.invoiceNo.filter((v) => v.startsWith('C'))).toHaveLength(9_288);
    expect(cols.quantity.filter((q) => q < 0)).toHaveLength(10_624);
    expect(cols.description.filter((d) => d === '')).toHaveLength(1_454);
    expect(cols.description.filter((d) => d.includes('"'))).toHaveLength(1_239);
    const clean = cleanOnlineRetail(cols);
    const ref = readResult('rfm.py.json').runs[0].result;
    expect(clean.lines).toBe(ref.input_rows);
    expect(clean.kept).toBe(ref.clean_rows);
    expect(new Set(clean.customer).size).toBe(ref.customers);
    expect(new Set(clean.orderId).size).toBe(ref.sum_frequency); // an invoice belongs to one customer
    let cents = 0;
    for (const a of clean.amount) cents += Math.round(a * 1000); // amounts have at most 3 decimals
    expect((cents / 1000).toFixed(3)).toBe(ref.sum_monetary_float.toFixed(3));
  });

  test('drawOnlineRetailSample(full, 0.2, 2012) reproduces the shipped sample byte for byte', () => {
    const s = drawOnlineRetailSample(readDataText('online_retail.csv.gz'), 0.2, 2012);
    expect(createHash('sha256').update(s.csv).digest('hex')).toBe('f6f66e45c599c7449b7c7225f236bd3ece54322442227a21a5d52c0490241988');
    expect([s.lines, s.customers, s.ofCustomers, s.guestInvoices, s.ofGuestInvoices]).toEqual([110_112, 870, 4_372, 763, 3_710]);
  });
});
