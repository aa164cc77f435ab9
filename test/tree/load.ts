// Loads Telco churn and bank-full as T-TREE prepares them (../shared/anchors/py/t_tree.py): Telco
// drops customerID, blank TotalCharges -> 0, target Churn == 'Yes'; bank target y == 'yes'. The
// one-hot design is pandas get_dummies with all levels: numeric columns first, then each
// categorical column's sorted levels.
import { parseCsv, readDataText, readResult } from '../helpers/shared.js';
import type { TreeColumn } from '../../src/tree/index.js';

export interface TreeDataset {
  name: 'telco' | 'bank';
  /** Row objects with native values (numbers and category strings). */
  rows: Record<string, number | string>[];
  columns: TreeColumn[];
  /** One-hot design (all levels) and its column names. */
  oneHot: number[][];
  oneHotNames: string[];
  y: number[];
  train: number[];
  test: number[];
}

const NUMERIC: Record<string, string[]> = {
  telco: ['SeniorCitizen', 'tenure', 'MonthlyCharges', 'TotalCharges'],
  bank: ['age', 'balance', 'day', 'duration', 'campaign', 'pdays', 'previous'],
};

/** `blankAsNull`: Telco's 11 blank TotalCharges become null (missing) instead of 0 in `rows`. */
export function loadTreeDataset(name: 'telco' | 'bank', options: { blankAsNull?: boolean } = {}): TreeDataset {
  const table = name === 'telco'
    ? parseCsv(readDataText('WA_Fn-UseC_-Telco-Customer-Churn.csv.gz'))
    : parseCsv(readDataText('bank-full.csv.gz'), ';');
  const header = table[0]!;
  const body = table.slice(1).filter((r) => r.length === header.length);
  const target = name === 'telco' ? 'Churn' : 'y';
  const positive = name === 'telco' ? 'Yes' : 'yes';
  const names = header.filter((h) => h !== target && h !== 'customerID');
  const numeric = new Set(NUMERIC[name]);
  const columns: TreeColumn[] = names.map((h) => ({ name: h, type: numeric.has(h) ? 'numeric' : 'categorical' }));
  const rows = body.map((r) => {
    const o: Record<string, number | string> = {};
    for (const c of columns) {
      const raw = r[header.indexOf(c.name)]!;
      o[c.name] = c.type === 'numeric' ? (raw.trim() === '' ? (options.blankAsNull ? (null as never) : 0) : Number(raw)) : raw;
    }
    return o;
  });
  const y = body.map((r) => (r[header.indexOf(target)] === positive ? 1 : 0));
  const cats = columns.filter((c) => c.type === 'categorical').map((c) => ({
    name: c.name,
    levels: [...new Set(rows.map((o) => o[c.name] as string))].sort(),
  }));
  const nums = columns.filter((c) => c.type === 'numeric').map((c) => c.name);
  const oneHotNames = [...nums, ...cats.flatMap((c) => c.levels.map((l) => `${c.name}_${l}`))];
  const oneHot = rows.map((o) => [
    ...nums.map((k) => o[k] as number),
    ...cats.flatMap((c) => c.levels.map((l) => (o[c.name] === l ? 1 : 0))),
  ]);
  const split = readResult<{ test_indices: number[] }>(`split_${name}.json`);
  const testSet = new Set(split.test_indices);
  const test = split.test_indices.slice();
  const train = rows.map((_, i) => i).filter((i) => !testSet.has(i));
  return { name, rows, columns, oneHot, oneHotNames, y, train, test };
}

/** Exact ROC AUC by the rank-sum formula, ties counted one half (independent of src/metrics). */
export function exactAuc(labels: readonly number[], scores: readonly number[]): number {
  const idx = labels.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let rankSumPos = 0;
  let nPos = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]!] === scores[idx[i]!]) j++;
    const avgRank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) if (labels[idx[k]!] === 1) { rankSumPos += avgRank; nPos++; }
    i = j + 1;
  }
  const nNeg = labels.length - nPos;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}
