/**
 * A small, dependency-free loader for UCI Bank Marketing `bank-full.csv` (the shipped 20% sample or
 * the full file): gunzip with node:zlib, the `;`-separated format with double-quoted text fields,
 * typed columns, row objects, and `y` as 0/1. Used by the notebook, the guides and data tests.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The sample shipped in the repository (see examples/data/README.md). */
export const BANK_MARKETING_SAMPLE = join(dirname(fileURLToPath(import.meta.url)), 'bank-marketing-sample.csv.gz');

/** The header line of `bank-full.csv`, exactly as in the file. */
export const BANK_MARKETING_HEADER =
  '"age";"job";"marital";"education";"default";"balance";"housing";"loan";"contact";"day";"month";"duration";"campaign";"pdays";"previous";"poutcome";"y"';

/** Numeric columns, in file order. `duration` is known only after the call: leakage, not a feature. */
export const BANK_NUMERIC_COLUMNS = ['age', 'balance', 'day', 'duration', 'campaign', 'pdays', 'previous'] as const;
/** Text (categorical) columns, in file order, without the target `y`. `"unknown"` is kept as a level. */
export const BANK_CATEGORICAL_COLUMNS = ['job', 'marital', 'education', 'default', 'housing', 'loan', 'contact', 'month', 'poutcome'] as const;

export type BankNumericColumn = (typeof BANK_NUMERIC_COLUMNS)[number];
export type BankCategoricalColumn = (typeof BANK_CATEGORICAL_COLUMNS)[number];

/** One column per field, one entry per contact, in file order (which is date order). */
export type BankMarketingColumns = { [K in BankNumericColumn]: Float64Array } & { [K in BankCategoricalColumn]: string[] } & {
  /** Target: 1 when the client subscribed a term deposit (`"yes"`), else 0. */
  y: Uint8Array;
  /** Number of contacts (lines after the header). */
  length: number;
};

/** One contact as an object: numbers as numbers, text as strings, `y` as 0/1. */
export type BankMarketingRow = { [K in BankNumericColumn]: number } & { [K in BankCategoricalColumn]: string } & { y: 0 | 1 };

const FIELDS = BANK_MARKETING_HEADER.split(';').map((f) => f.slice(1, -1));
const NUMERIC = new Set<string>(BANK_NUMERIC_COLUMNS);

/** Parses the CSV text of `bank-full.csv` into columns; checks the header, quoting, every number and `y`. */
export function parseBankMarketing(text: string): BankMarketingColumns {
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  const header = lines[0]?.charCodeAt(0) === 0xfeff ? lines[0].slice(1) : lines[0];
  if (header !== BANK_MARKETING_HEADER) throw new Error(`not bank-full.csv: the header must be ${BANK_MARKETING_HEADER}`);
  const n = lines.length - 1;
  const cols = { length: n, y: new Uint8Array(n) } as Record<string, unknown>;
  for (const name of BANK_NUMERIC_COLUMNS) cols[name] = new Float64Array(n);
  for (const name of BANK_CATEGORICAL_COLUMNS) cols[name] = new Array<string>(n);
  const target = FIELDS.length - 1;
  for (let i = 0; i < n; i++) {
    const parts = lines[i + 1]!.split(';');
    if (parts.length !== FIELDS.length) throw new Error(`line ${i + 2} has ${parts.length} fields, expected ${FIELDS.length}`);
    for (let j = 0; j < target; j++) {
      const raw = parts[j]!;
      const name = FIELDS[j]!;
      if (NUMERIC.has(name)) {
        const v = Number(raw);
        if (raw === '' || !Number.isFinite(v)) throw new Error(`line ${i + 2}: ${name} ${JSON.stringify(raw)} is not a number`);
        (cols[name] as Float64Array)[i] = v;
      } else {
        (cols[name] as string[])[i] = unquote(raw, name, i + 2);
      }
    }
    const y = unquote(parts[target]!, 'y', i + 2);
    if (y !== 'yes' && y !== 'no') throw new Error(`line ${i + 2}: y must be "yes" or "no"; got ${JSON.stringify(y)}`);
    (cols.y as Uint8Array)[i] = y === 'yes' ? 1 : 0;
  }
  return cols as BankMarketingColumns;
}

// The file quotes every text value and never embeds `;` or `"` in one, so a split on `;` is exact.
function unquote(raw: string, name: string, line: number): string {
  if (raw.length < 2 || raw[0] !== '"' || raw[raw.length - 1] !== '"') {
    throw new Error(`line ${line}: ${name} ${JSON.stringify(raw)} is not a double-quoted text value`);
  }
  return raw.slice(1, -1);
}

/** Reads and parses a `.csv` or `.csv.gz` file in the `bank-full.csv` format (the shipped sample by default). */
export function loadBankMarketing(path: string = BANK_MARKETING_SAMPLE): BankMarketingColumns {
  const raw = readFileSync(path);
  return parseBankMarketing((path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'));
}

/** The columns as one object per contact, in file order (for APIs that take rows with accessors). */
export function bankMarketingRows(cols: BankMarketingColumns): BankMarketingRow[] {
  const rows = new Array<BankMarketingRow>(cols.length);
  for (let i = 0; i < cols.length; i++) {
    const row: Record<string, number | string> = {};
    for (const name of FIELDS) {
      row[name] = name === 'y' ? cols.y[i]! : (cols[name as BankNumericColumn | BankCategoricalColumn][i] as number | string);
    }
    rows[i] = row as BankMarketingRow;
  }
  return rows;
}
