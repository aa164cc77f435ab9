/**
 * A small, dependency-free loader for UCI Online Retail (the shipped sample or the full file):
 * gunzip with node:zlib, RFC 4180 CSV parsing, `M/D/YYYY H:MM` dates read as UTC, and the cleaning
 * of task T-RFM (../shared/anchors/TASKS.md). Used by the demo, by data tests and by notebooks.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The sample shipped in the repository (see examples/data/README.md). */
export const ONLINE_RETAIL_SAMPLE = join(dirname(fileURLToPath(import.meta.url)), 'online-retail-sample.csv.gz');

/** The eight columns of the file, one entry per line. */
export interface OnlineRetailColumns {
  /** Kept as strings: a `C` prefix marks a cancellation, `A` a bad-debt adjustment. */
  invoiceNo: string[];
  stockCode: string[];
  description: string[];
  quantity: Float64Array;
  /** Epoch milliseconds, the file's local time read as UTC (the file has no zone). */
  invoiceDate: Float64Array;
  unitPrice: Float64Array;
  /** The 5-digit id as a number, or null when the field is empty. */
  customerId: (number | null)[];
  country: string[];
}

export const ONLINE_RETAIL_HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';

const DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})$/;

/** `12/1/2010 8:26` -> epoch ms of 2010-12-01T08:26Z. Throws on anything else. */
export function parseRetailDate(text: string): number {
  const m = DATE.exec(text);
  if (!m) throw new Error(`not an Online Retail date (M/D/YYYY H:MM): ${JSON.stringify(text)}`);
  const t = Date.UTC(+m[3]!, +m[1]! - 1, +m[2]!, +m[4]!, +m[5]!);
  // Date.UTC rolls 2/30 over to March; a round trip catches it.
  if (new Date(t).getUTCDate() !== +m[2]! || +m[4]! > 23) throw new Error(`invalid date: ${JSON.stringify(text)}`);
  return t;
}

/** `12/1/2010 8:26` -> `2010-12-01T08:26:00.000Z`. */
export function retailDateToIso(text: string): string {
  return new Date(parseRetailDate(text)).toISOString();
}

/**
 * RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. Rows of strings, header included.
 * `sep` is the one-character field separator (`;` for the Bank Marketing files).
 */
export function parseCsvRfc4180(text: string, sep = ','): string[][] {
  const SEP = sep.charCodeAt(0);
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let field: string;
    if (text.charCodeAt(i) === 34) {
      field = '';
      let start = ++i;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error(`unterminated quote in CSV at character ${start - 1}`);
        field += text.slice(start, q);
        if (text.charCodeAt(q + 1) === 34) { field += '"'; i = start = q + 2; continue; }
        i = q + 1;
        break;
      }
    } else {
      let end = i;
      while (end < n) {
        const c = text.charCodeAt(end);
        if (c === SEP || c === 10 || c === 13) break;
        end++;
      }
      field = text.slice(i, end);
      i = end;
    }
    row.push(field);
    const c = text.charCodeAt(i);
    if (c === SEP) {
      i++;
      if (i === n) { row.push(''); rows.push(row); row = []; }
      continue;
    }
    rows.push(row);
    row = [];
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    i++;
  }
  return rows;
}

/** Parses the CSV text of Online Retail into columns; checks the header and every number and date. */
export function parseOnlineRetail(text: string): OnlineRetailColumns {
  const rows = parseCsvRfc4180(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (rows.length === 0 || rows[0]!.join(',') !== ONLINE_RETAIL_HEADER) {
    throw new Error(`not Online Retail: the header must be ${ONLINE_RETAIL_HEADER}`);
  }
  const n = rows.length - 1;
  const cols: OnlineRetailColumns = {
    invoiceNo: new Array(n), stockCode: new Array(n), description: new Array(n),
    quantity: new Float64Array(n), invoiceDate: new Float64Array(n), unitPrice: new Float64Array(n),
    customerId: new Array(n), country: new Array(n),
  };
  for (let i = 0; i < n; i++) {
    const r = rows[i + 1]!;
    if (r.length !== 8) throw new Error(`line ${i + 2} has ${r.length} fields, expected 8`);
    const q = Number(r[3]), p = Number(r[5]);
    if (r[3] === '' || !Number.isFinite(q) || r[5] === '' || !Number.isFinite(p)) {
      throw new Error(`line ${i + 2}: Quantity ${r[3]} or UnitPrice ${r[5]} is not a number`);
    }
    cols.invoiceNo[i] = r[0]!;
    cols.stockCode[i] = r[1]!;
    cols.description[i] = r[2]!;
    cols.quantity[i] = q;
    cols.invoiceDate[i] = parseRetailDate(r[4]!);
    cols.unitPrice[i] = p;
    cols.customerId[i] = r[6] === '' ? null : Number(r[6]);
    cols.country[i] = r[7]!;
  }
  return cols;
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
  const m = keep.length;
  const out: CleanOnlineRetail = {
    customer: new Array(m), date: new Float64Array(m), amount: new Float64Array(m), orderId: new Array(m),
    excluded, lines: n, kept: m,
  };
  for (let k = 0; k < m; k++) {
    const i = keep[k]!;
    out.customer[k] = cols.customerId[i]!;
    out.date[k] = cols.invoiceDate[i]!;
    out.amount[k] = cols.quantity[i]! * cols.unitPrice[i]!;
    out.orderId[k] = cols.invoiceNo[i]!;
  }
  return out;
}
