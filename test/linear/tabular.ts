// Telco and Bank as T-LOGIT builds them (../shared/anchors/py/t_logit.py): numeric columns
// standardised with the training mean/std (ddof 0), categoricals one-hot with the first sorted
// level dropped, split from results/split_<name>.json. Shared by the data tests and bench/linear.
import { applyOneHot, applyStandardizer, fitOneHot, fitStandardizer } from '../../src/linear/index.js';
import { parseCsv, readDataText, readResult } from '../helpers/shared.js';

export interface TabularDesign {
  names: string[];
  xTrain: number[][];
  yTrain: number[];
  xTest: number[][];
  yTest: number[];
}

const SPECS = {
  telco: { file: 'WA_Fn-UseC_-Telco-Customer-Churn.csv.gz', sep: ',', target: 'Churn', drop: ['customerID'] },
  bank: { file: 'bank-full.csv.gz', sep: ';', target: 'y', drop: [] as string[] },
} as const;

export function loadDesign(name: 'telco' | 'bank', dropColumns: readonly string[] = []): TabularDesign {
  const spec = SPECS[name];
  const [header, ...body] = parseCsv(readDataText(spec.file), spec.sep).filter((r) => r.length > 1);
  const cols = header!.filter((c) => c !== spec.target && !(spec.drop as readonly string[]).includes(c));
  const at = (c: string) => header!.indexOf(c);
  const y = body.map((r) => (r[at(spec.target)]!.trim().toLowerCase() === 'yes' ? 1 : 0));
  // pandas reads a column as numeric when every value parses; Telco's blank TotalCharges become 0 (TASKS.md).
  const numeric = cols.filter((c) => body.every((r) => {
    const v = r[at(c)]!.trim();
    return (name === 'telco' && c === 'TotalCharges' && v === '') || (v !== '' && Number.isFinite(Number(v)));
  }));
  const categorical = cols.filter((c) => !numeric.includes(c));
  const rows = body.map((r) => Object.fromEntries(cols.map((c) => [c, r[at(c)]!.trim()])));
  const num = body.map((r) => numeric.map((c) => Number(r[at(c)]!.trim() || 0)));
  const split = readResult<{ test_indices: number[] }>(`split_${name}.json`);
  const isTest = new Uint8Array(y.length);
  for (const i of split.test_indices) isTest[i] = 1;
  const train = y.map((_, i) => i).filter((i) => !isTest[i]);
  const test = split.test_indices;
  const scaler = fitStandardizer(train.map((i) => num[i]!));
  const encoding = fitOneHot(train.map((i) => rows[i]!), { columns: categorical, dropFirst: true });
  const names = [...numeric, ...encoding.names];
  const keep = names.map((n) => !dropColumns.includes(n));
  const build = (idx: number[]) => {
    const z = applyStandardizer(scaler, idx.map((i) => num[i]!));
    const oh = applyOneHot(encoding, idx.map((i) => rows[i]!));
    return idx.map((_, k) => [...z[k]!, ...oh[k]!].filter((_, j) => keep[j]));
  };
  return {
    names: names.filter((_, j) => keep[j]),
    xTrain: build(train),
    yTrain: train.map((i) => y[i]!),
    xTest: build(test),
    yTest: test.map((i) => y[i]!),
  };
}
