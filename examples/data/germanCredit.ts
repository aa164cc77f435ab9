/**
 * A small, dependency-free loader for the Statlog German Credit data (`german.data`, UCI; 1,000
 * applicants, 20 attributes, class 1 = good, 2 = bad), shipped as `german-credit.data.gz`
 * (byte-identical to ../shared/data/german.data.gz). Used by the credit-scorecard guide and tests.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The copy shipped in the repository (see examples/data/README.md). */
export const GERMAN_CREDIT_FILE = join(dirname(fileURLToPath(import.meta.url)), 'german-credit.data.gz');

/** The 20 attributes in file order, named after german.doc; `true` marks the 7 numeric ones. */
export const GERMAN_CREDIT_ATTRIBUTES = [
  ['checkingStatus', false], ['duration', true], ['creditHistory', false], ['purpose', false], ['creditAmount', true],
  ['savings', false], ['employmentSince', false], ['installmentRate', true], ['personalStatus', false], ['otherDebtors', false],
  ['residenceSince', true], ['property', false], ['age', true], ['otherInstallmentPlans', false], ['housing', false],
  ['existingCredits', true], ['job', false], ['peopleLiable', true], ['telephone', false], ['foreignWorker', false],
] as const;

export const GERMAN_NUMERIC = GERMAN_CREDIT_ATTRIBUTES.filter((a) => a[1]).map((a) => a[0]);
export const GERMAN_CATEGORICAL = GERMAN_CREDIT_ATTRIBUTES.filter((a) => !a[1]).map((a) => a[0]);

/** One applicant: numeric attributes as numbers, categorical ones as their codes (`A11`, ...), `bad` 1 for class 2. */
export type GermanCreditRow = Record<string, number | string> & { bad: 0 | 1 };

/** Parses `german.data` text (21 space-separated fields per line). */
export function parseGermanCredit(text: string): GermanCreditRow[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return lines.map((line, i) => {
    const f = line.trim().split(/\s+/);
    if (f.length !== 21) throw new Error(`german.data line ${i + 1} has ${f.length} fields, expected 21`);
    const row: Record<string, number | string> = {};
    GERMAN_CREDIT_ATTRIBUTES.forEach(([name, numeric], j) => {
      row[name] = numeric ? Number(f[j]) : f[j]!;
      if (numeric && !Number.isFinite(row[name])) throw new Error(`german.data line ${i + 1}: ${name} is not a number`);
    });
    if (f[20] !== '1' && f[20] !== '2') throw new Error(`german.data line ${i + 1}: class must be 1 or 2`);
    row.bad = f[20] === '2' ? 1 : 0;
    return row as GermanCreditRow;
  });
}

/** Reads the shipped file (or another copy of `german.data[.gz]`). */
export function loadGermanCredit(path: string = GERMAN_CREDIT_FILE): GermanCreditRow[] {
  const buf = readFileSync(path);
  return parseGermanCredit((path.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8'));
}
