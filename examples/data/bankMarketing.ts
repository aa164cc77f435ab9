/**
 * A small, dependency-free loader for UCI Bank Marketing `bank-full.csv` (the shipped 20% sample or
 * the full file): gunzip with node:zlib, the `;`-separated format with double-quoted text fields,
 * typed columns, row objects, and `y` as 0/1. Used by the notebook, the guides and data tests.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dsvFormat } from 'd3-dsv';
import { parseTable, type ColumnSpec } from '../../src/io/index.js';

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

/** The file's columns typed for parseTable: every cell required, `y` a yes/no boolean. */
const SCHEMA = Object.fromEntries(FIELDS.map((name) => [name, {
  type: name === 'y' ? 'boolean' : (BANK_NUMERIC_COLUMNS as readonly string[]).includes(name) ? 'number' : 'string',
  blank: 'refuse',
  ...(name === 'y' ? { trueValues: ['yes'], falseValues: ['no'] } : {}),
}])) as Record<string, ColumnSpec>;

/** Parses the CSV text of `bank-full.csv` (`;`-separated) into columns; every bad cell is reported by line. */
export function parseBankMarketing(text: string): BankMarketingColumns {
  const t = parseTable(dsvFormat(';').parse(text), SCHEMA, { extraColumns: 'refuse' });
  const y = t.columns.y as (boolean | null)[];
  return { ...t.columns, y: Uint8Array.from(y, (v) => (v ? 1 : 0)), length: t.rows } as unknown as BankMarketingColumns;
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
