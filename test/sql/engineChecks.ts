// Engine-neutral checks of the order-line exporters: each loads rows through an SqlEngine, runs the
// exported SQL, and counts where the engine's answer differs from the JS function's. DuckDB runs
// them here; the same functions take a PostgreSQL engine.
import { rfmScore, type RfmOptions, type RfmResult } from '../../src/rfm/index.js';
import { bgNbdToSql, lifecycleOrdersToSql, logisticToSql, rfmOrdersToSql, type RfmOrdersToSqlOptions } from '../../src/sql/index.js';
import { predictBgNbdProbabilityAlive, type BgNbdModel } from '../../src/clv/index.js';
import { lifecycleStage, type LifecycleStageOptions, type LifecycleStageResult } from '../../src/lifecycle/index.js';
import { scoreLogistic, type DesignModel, type LogisticModel } from '../../src/linear/index.js';
import type { DuckColumn, SqlEngine } from './duck.js';

/** One order line; `date` in epoch ms. */
export interface OrderLine {
  customer: number | string | null;
  orderId: number | string;
  date: number;
  amount: number;
  /** When present, loaded too (for `columns: { quantity, price }`); amount must be their product. */
  quantity?: number;
  price?: number;
}

export interface RfmComparison {
  /** Customers rfmScore scored, and rows the query returned. */
  customers: number;
  rows: number;
  /** Customers whose field differs (exactly; monetary and revenue beyond 1e-12 relative). */
  mismatches: Record<string, number>;
  /** Largest |SQL - JS| / max(1, |JS|) of monetary. */
  monetaryDiff: number;
  result: RfmResult;
}

const EXACT = ['customer', 'recency', 'frequency', 'tenure', 'r', 'f', 'm', 'cell', 'segment'] as const;

/**
 * Loads the lines (customer ids as `idType`, dates as TIMESTAMP or epoch-ms DOUBLE), runs
 * rfmOrdersToSql with the settings of `rfmScore(lines, rfmOptions)`, and compares every customer.
 * rfmScore runs with `laterLines: 'drop'` and `missingCustomer: 'drop'`, as the SQL reads lines.
 */
export async function compareRfmOrders(
  engine: SqlEngine,
  lines: readonly OrderLine[],
  rfmOptions: RfmOptions<OrderLine> = {},
  sqlOptions: Partial<RfmOrdersToSqlOptions> = {},
  idType: 'DOUBLE' | 'VARCHAR' = 'DOUBLE',
): Promise<RfmComparison> {
  const dates = sqlOptions.dates ?? 'timestamp';
  const columns: DuckColumn[] = [
    { name: 'customer', type: idType },
    { name: 'orderId', type: 'VARCHAR' },
    { name: 'date', type: dates === 'timestamp' ? 'TIMESTAMP' : 'DOUBLE' },
    { name: 'amount', type: 'DOUBLE' },
  ];
  if (lines.length > 0 && lines[0]!.quantity !== undefined) columns.push({ name: 'quantity', type: 'DOUBLE' }, { name: 'price', type: 'DOUBLE' });
  const table = await engine.load(columns, lines);
  const result = rfmScore(lines, { orderId: 'orderId', laterLines: 'drop', missingCustomer: 'drop', ...rfmOptions } as RfmOptions<OrderLine>);
  const asOf = rfmOptions.asOf;
  const sql = rfmOrdersToSql(result, { from: table, dialect: engine.dialect, ...(asOf === undefined ? {} : { asOf }), ...sqlOptions });
  const rows = await engine.run(sql);
  const mismatches: Record<string, number> = Object.fromEntries([...EXACT, 'monetary', 'revenue'].map((k) => [k, 0]));
  let monetaryDiff = 0;
  const n = Math.min(rows.length, result.customers.length);
  for (let i = 0; i < n; i++) {
    const js = result.customers[i]! as unknown as Record<string, unknown>;
    const row = rows[i]!;
    for (const k of EXACT) {
      const v = k === 'customer' && idType === 'VARCHAR' ? String(js[k]) : js[k];
      if (row[k] !== v) mismatches[k]!++;
    }
    for (const k of ['monetary', 'revenue'] as const) {
      const d = Math.abs((row[k] as number) - (js[k] as number)) / Math.max(1, Math.abs(js[k] as number));
      if (!(d <= 1e-12)) mismatches[k]!++;
      if (k === 'monetary') monetaryDiff = Math.max(monetaryDiff, d);
    }
  }
  return { customers: result.customers.length, rows: rows.length, mismatches, monetaryDiff, result };
}

/** Every count zero. */
export const NONE = (m: Record<string, number>) => Object.fromEntries(Object.keys(m).map((k) => [k, 0]));

/** Loads a CLV summary, runs bgNbdToSql, and returns the largest |SQL - JS| of P(alive) (Infinity for a non-number). */
export async function compareBgNbd(engine: SqlEngine, model: BgNbdModel, summary: { frequency: ArrayLike<number>; recency: ArrayLike<number>; T: ArrayLike<number> }): Promise<{ rows: number; maxDiff: number }> {
  const n = summary.frequency.length;
  const rows = Array.from({ length: n }, (_, i) => ({ id: i, frequency: summary.frequency[i], recency: summary.recency[i], T: summary.T[i] }));
  const table = await engine.load([{ name: 'id', type: 'DOUBLE' }, { name: 'frequency', type: 'DOUBLE' }, { name: 'recency', type: 'DOUBLE' }, { name: 'T', type: 'DOUBLE' }], rows);
  const q = (s: string) => (engine.dialect === 'duckdb' || engine.dialect === 'postgres' ? `"${s}"` : s);
  const out = await engine.run(`SELECT ${q('id')}, ${bgNbdToSql(model, { dialect: engine.dialect })} AS ${q('p')} FROM ${table} ORDER BY ${q('id')}`);
  const js = predictBgNbdProbabilityAlive(model, summary);
  let maxDiff = 0;
  for (let i = 0; i < n; i++) {
    const v = out[i]?.p;
    maxDiff = Math.max(maxDiff, typeof v === 'number' ? Math.abs(v - js[i]!) : Infinity);
  }
  return { rows: out.length, maxDiff };
}

/**
 * Loads raw rows (numeric columns DOUBLE, categorical VARCHAR, plus a row number), scores them with
 * logisticToSql(model, { design }), and compares with scoreLogistic row by row: rows scoreLogistic
 * refuses must give NULL, the others agree to `maxDiff`.
 */
export async function compareDesignLogistic(engine: SqlEngine, model: LogisticModel, design: DesignModel, rows: readonly Record<string, unknown>[]): Promise<{ rows: number; scored: number; refusedAsNull: number; refused: number; maxDiff: number }> {
  const columns: DuckColumn[] = [{ name: 'row_id', type: 'DOUBLE' }, ...design.columns.map((c) => ({ name: c.name, type: c.type === 'numeric' ? 'DOUBLE' as const : 'VARCHAR' as const }))];
  const table = await engine.load(columns, rows.map((r, i) => ({ ...r, row_id: i })));
  const out = await engine.run(`SELECT "row_id", ${logisticToSql(model, { design, dialect: engine.dialect })} AS "p" FROM ${table} ORDER BY "row_id"`);
  let maxDiff = 0, scored = 0, refused = 0, refusedAsNull = 0;
  rows.forEach((r, i) => {
    let js: number | null;
    try { js = scoreLogistic(model, design, [r])[0]!; } catch { js = null; }
    const v = out[i]?.p;
    if (js === null) { refused++; if (v === null) refusedAsNull++; return; }
    scored++;
    maxDiff = Math.max(maxDiff, typeof v === 'number' ? Math.abs(v - js) : Infinity);
  });
  return { rows: out.length, scored, refused, refusedAsNull, maxDiff };
}

const LIFECYCLE_FIELDS = ['customer', 'stage', 'purchases', 'purchaseDays', 'firstPurchase', 'lastPurchase', 'daysSinceFirst', 'daysSinceLast', 'longestGapDays', 'lastComeback'] as const;

/**
 * Loads order lines (customer, date), runs lifecycleOrdersToSql with the thresholds of
 * `lifecycleStage(lines, options)` (laterLines and missingCustomer 'drop', as the SQL reads lines)
 * and counts, per field, the customers that differ.
 */
export async function compareLifecycle(
  engine: SqlEngine,
  lines: readonly { customer: number | string | null; date: number }[],
  options: LifecycleStageOptions = {},
  dates: 'timestamp' | 'epochMs' = 'timestamp',
): Promise<{ customers: number; rows: number; mismatches: Record<string, number>; result: LifecycleStageResult }> {
  const table = await engine.load([{ name: 'customer', type: typeof lines[0]?.customer === 'string' ? 'VARCHAR' : 'DOUBLE' }, { name: 'date', type: dates === 'timestamp' ? 'TIMESTAMP' : 'DOUBLE' }], lines);
  const result = lifecycleStage(lines as unknown as Record<string, unknown>[], { laterLines: 'drop', missingCustomer: 'drop', ...options });
  const sql = lifecycleOrdersToSql(result.thresholds, { from: table, dialect: engine.dialect, dates, ...(options.asOf === undefined ? {} : { asOf: options.asOf }) });
  const rows = await engine.run(sql);
  const mismatches: Record<string, number> = Object.fromEntries(LIFECYCLE_FIELDS.map((k) => [k, 0]));
  result.customers.forEach((c, i) => {
    const row = rows[i] ?? {};
    for (const k of LIFECYCLE_FIELDS) if (row[k] !== (c as unknown as Record<string, unknown>)[k]) mismatches[k]!++;
  });
  return { customers: result.customers.length, rows: rows.length, mismatches, result };
}
