/**
 * Loads UCI Online Retail (the shipped sample or the full file): gunzip with node:zlib, CSV parsing
 * by d3-dsv, typed columns by crm-mining/io's parseTable (`M/D/YYYY H:mm` dates read as UTC), and
 * the cleaning of task T-RFM (../shared/anchors/TASKS.md). Used by the demo, data tests and notebooks.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvParse } from 'd3-dsv';
import { compileDateFormat, parseTable } from '../../src/io/index.js';

/** The sample shipped in the repository (see examples/data/README.md). */
export const ONLINE_RETAIL_SAMPLE = join(dirname(fileURLToPath(import.meta.url)), 'online-retail-sample.csv.gz');

/** The file's columns, typed. Invoice numbers stay strings: a `C` prefix marks a cancellation, `A` a bad-debt adjustment. */
export const ONLINE_RETAIL_SCHEMA = {
  invoiceNo: { type: 'string', from: 'InvoiceNo', blank: 'refuse' },
  stockCode: { type: 'string', from: 'StockCode' },
  description: { type: 'string', from: 'Description' },
  quantity: { type: 'integer', from: 'Quantity', blank: 'refuse' },
  // The file has no zone: its wall-clock times are read as UTC.
  invoiceDate: { type: 'date', from: 'InvoiceDate', format: 'M/D/YYYY H:mm', blank: 'refuse' },
  unitPrice: { type: 'number', from: 'UnitPrice', blank: 'refuse' },
  customerId: { type: 'integer', from: 'CustomerID' },
  country: { type: 'categorical', from: 'Country' },
} as const;

/** The eight columns of the file, one entry per line (see {@link ONLINE_RETAIL_SCHEMA}). */
export type OnlineRetailColumns = ReturnType<typeof parseOnlineRetail>;

const readRetailDate = compileDateFormat('M/D/YYYY H:mm', 'UTC', 'parseRetailDate');

/** `12/1/2010 8:26` -> epoch ms of 2010-12-01T08:26Z. Throws on anything else. */
export function parseRetailDate(text: string): number {
  const t = readRetailDate(text);
  if (t === undefined) throw new Error(`not an Online Retail date (M/D/YYYY H:mm): ${JSON.stringify(text)}`);
  return t;
}

/** `12/1/2010 8:26` -> `2010-12-01T08:26:00.000Z`. */
export function retailDateToIso(text: string): string {
  return new Date(parseRetailDate(text)).toISOString();
}

/** Parses the CSV text of Online Retail into typed columns; every bad cell is reported by line. */
export function parseOnlineRetail(text: string) {
  const c = parseTable(csvParse(text), ONLINE_RETAIL_SCHEMA, { extraColumns: 'refuse' }).columns;
  // As the guides use them: a guest line's customer is null, a missing description ''.
  // invoiceNo refuses blanks, so it holds no null.
  return { ...c, invoiceNo: c.invoiceNo as string[], customerId: Array.from(c.customerId, (id) => (Number.isNaN(id) ? null : id)), description: c.description.map((d) => d ?? '') };
}

/** Reads and parses a `.csv` or `.csv.gz` file of Online Retail (the shipped sample by default). */
export function loadOnlineRetail(path: string = ONLINE_RETAIL_SAMPLE): OnlineRetailColumns {
  const raw = readFileSync(path);
  return parseOnlineRetail((path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'));
}

/** Cleaned order lines (T-RFM), ready for rfmScore and lifecycleStage as columns. */
export interface CleanOnlineRetail {
  customer: number[];
  /** Epoch ms (UTC). */
  date: Float64Array;
  /** Quantity x UnitPrice. */
  amount: Float64Array;
  orderId: string[];
  /** Lines excluded, each counted under the first rule it breaks, in this order. */
  excluded: { noCustomer: number; cancelled: number; nonPositiveQuantity: number; nonPositivePrice: number };
  /** Lines read and kept. */
  lines: number;
  kept: number;
}

/**
 * Task T-RFM cleaning: drop lines with no CustomerID, invoices starting with `C`, then keep
 * Quantity > 0 and UnitPrice > 0. amount = Quantity x UnitPrice.
 */
export function cleanOnlineRetail(cols: OnlineRetailColumns): CleanOnlineRetail {
  const n = cols.invoiceNo.length;
  const keep: number[] = [];
  const excluded = { noCustomer: 0, cancelled: 0, nonPositiveQuantity: 0, nonPositivePrice: 0 };
  for (let i = 0; i < n; i++) {
    if (cols.customerId[i] === null) excluded.noCustomer++;
    else if (cols.invoiceNo[i]!.startsWith('C')) excluded.cancelled++;
    else if (!(cols.quantity[i]! > 0)) excluded.nonPositiveQuantity++;
    else if (!(cols.unitPrice[i]! > 0)) excluded.nonPositivePrice++;
    else keep.push(i);
  }
  return {
    customer: keep.map((i) => cols.customerId[i]!),
    date: Float64Array.from(keep, (i) => cols.invoiceDate[i]!),
    amount: Float64Array.from(keep, (i) => cols.quantity[i]! * cols.unitPrice[i]!),
    orderId: keep.map((i) => cols.invoiceNo[i]!),
    excluded, lines: n, kept: keep.length,
  };
}
