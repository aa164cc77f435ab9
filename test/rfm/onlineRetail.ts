// Loads UCI Online Retail (../shared/data) cleaned as task T-RFM, as columns ready for rfmScore.
// Shared by the data test and the benches. Parsing and cleaning live here, not in the library:
// the file's dates are `M/D/YYYY H:MM` local strings, which the library refuses as ambiguous.
import { parseCsv, readDataText } from '../helpers/shared.js';
import { parseRetailDate } from '../../examples/data/onlineRetail.js';

export interface CleanOnlineRetail {
  /** Lines in the raw file. */
  rawLines: number;
  customer: Float64Array;
  /** Epoch ms, the file's wall-clock time read as UTC. */
  date: Float64Array;
  amount: Float64Array;
  /** Invoice numbers (numeric after cleaning: C and A invoices are gone). */
  orderId: Float64Array;
}

/** T-RFM cleaning: CustomerID present, InvoiceNo not starting with C, Quantity > 0, UnitPrice > 0. */
export function loadCleanOnlineRetail(): CleanOnlineRetail {
  const rows = parseCsv(readDataText('online_retail.csv.gz'));
  const header = rows[0]!;
  const col = (name: string) => header.indexOf(name);
  const [inv, qty, dt, price, cust] = ['InvoiceNo', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID'].map(col) as number[];
  const n = rows.length - 1;
  const customer = new Float64Array(n);
  const date = new Float64Array(n);
  const amount = new Float64Array(n);
  const orderId = new Float64Array(n);
  let k = 0;
  for (let i = 1; i <= n; i++) {
    const r = rows[i]!;
    if (r[cust!] === '' || r[inv!]!.startsWith('C')) continue;
    const q = Number(r[qty!]);
    const p = Number(r[price!]);
    if (!(q > 0 && p > 0)) continue;
    customer[k] = Number(r[cust!]);
    date[k] = parseRetailDate(r[dt!]!);
    amount[k] = q * p;
    orderId[k] = Number(r[inv!]);
    if (!Number.isInteger(orderId[k]) || !Number.isInteger(customer[k])) throw new Error(`unexpected ids in row ${i}`);
    k++;
  }
  return { rawLines: n, customer: customer.slice(0, k), date: date.slice(0, k), amount: amount.slice(0, k), orderId: orderId.slice(0, k) };
}
