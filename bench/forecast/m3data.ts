// Series for the forecasting benchmarks: the M3 competition file (M3C layout) when you have it,
// synthetic series of the M3 lengths and categories, and the series bundled with R.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom } from '../../src/core/random.js';

/** One series with its M3 holdout: fit on `train`, forecast `test.length` steps. */
export interface BenchSeries {
  readonly id: string;
  readonly category: 'yearly' | 'quarterly' | 'monthly' | 'other';
  readonly period: number;
  readonly train: number[];
  readonly test: number[];
}

/** M3's horizons and periods by category. */
export const M3_CATEGORIES = {
  yearly: { period: 1, h: 6, count: 645, n: [14, 41] },
  quarterly: { period: 4, h: 8, count: 756, n: [16, 64] },
  monthly: { period: 12, h: 18, count: 1428, n: [48, 126] },
  other: { period: 1, h: 8, count: 174, n: [71, 96] },
} as const;

/** The M3 numbering: N0001-N0645 yearly, N0646-N1401 quarterly, N1402-N2829 monthly, N2830-N3003 other. */
function categoryOfId(id: string): BenchSeries['category'] | undefined {
  const k = Number(/\d+/.exec(id)?.[0]);
  if (!Number.isFinite(k)) return undefined;
  return k <= 645 ? 'yearly' : k <= 1401 ? 'quarterly' : k <= 2829 ? 'monthly' : k <= 3003 ? 'other' : undefined;
}

/** Splits one CSV line (commas; double quotes around fields allowed). */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '', quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if ((ch === ',' || ch === ';' || ch === '\t') && !quoted) { out.push(cur.trim()); cur = ''; }
    else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/**
 * Reads M3 series from CSV files in the M3C layout: a header `Series,N,NF,Category,Starting
 * Year,[Starting Month|Starting Quarter,]1,2,...` and one row per series with its N values (the
 * last NF are the holdout), as the M3C.xls sheets (M3Year, M3Quart, M3Month, M3Other) saved as
 * CSV. The period comes from the header (Starting Month: 12, Starting Quarter: 4), else from the
 * M3 numbering of the Series id (N0646-N1401 quarterly, N1402-N2829 monthly, else 1).
 */
export function readM3C(paths: readonly string[]): BenchSeries[] {
  const out: BenchSeries[] = [];
  for (const path of paths) {
    const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
    const header = splitCsv(lines[0]!).map((h) => h.toLowerCase());
    const col = (name: string) => header.findIndex((h) => h === name);
    const iSeries = col('series'), iN = col('n'), iNF = col('nf');
    if (iSeries < 0 || iN < 0 || iNF < 0) throw new Error(`${path}: the header must have Series, N and NF columns (M3C layout); got ${header.slice(0, 8).join(', ')}`);
    const monthly = header.includes('starting month'), quarterly = header.includes('starting quarter');
    // Values start after the named columns; some exports add an unnamed column there and number
    // the value columns 1, 2, ..., so a column headed '1' marks the first value where present.
    const numbered = header.indexOf('1');
    const first = numbered > 0 ? numbered : Math.max(iSeries, iN, iNF, col('category'), col('starting year'), col('starting month'), col('starting quarter')) + 1;
    for (const line of lines.slice(1)) {
      const cells = splitCsv(line);
      const id = cells[iSeries]!;
      const n = Number(cells[iN]), nf = Number(cells[iNF]);
      const values = cells.slice(first, first + n).map(Number);
      const rest = cells.slice(first + n).some((c) => c.trim() !== '');
      if (values.length !== n || rest || values.some((v) => !Number.isFinite(v))) throw new Error(`${path}: series ${id} should have exactly ${n} numbers from column ${first}`);
      const category = monthly ? 'monthly' : quarterly ? 'quarterly' : categoryOfId(id) ?? 'other';
      const period = category === 'monthly' ? 12 : category === 'quarterly' ? 4 : 1;
      out.push({ id, category, period, train: values.slice(0, n - nf), test: values.slice(n - nf) });
    }
  }
  return out;
}

/**
 * Synthetic series with M3's categories, counts, lengths and horizons: a positive level, a
 * damped random trend, multiplicative seasonality of random strength (quarterly and monthly),
 * and noise of random size, seeded. `every` keeps one series in `every` of each category.
 */
export function syntheticM3(seed = 3003, every = 1): BenchSeries[] {
  const r = createRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const out: BenchSeries[] = [];
  let id = 0;
  for (const [category, c] of Object.entries(M3_CATEGORIES) as [BenchSeries['category'], (typeof M3_CATEGORIES)['yearly']][]) {
    for (let k = 0; k < c.count; k++) {
      id++;
      const n = c.n[0] + Math.floor(r() * (c.n[1] - c.n[0] + 1));
      const total = n + c.h;
      const level0 = 1000 + 9000 * r();
      const trend = (r() - 0.4) * 0.02 * level0;
      const phi = 0.9 + 0.1 * r();
      const noise = 0.01 + 0.08 * r();
      const strength = c.period > 1 ? 0.3 * r() : 0;
      const season = Array.from({ length: c.period }, (_, j) => 1 + strength * Math.sin((2 * Math.PI * j) / c.period + r()));
      const y: number[] = [];
      let level = level0, b = trend;
      for (let t = 0; t < total; t++) {
        level = Math.max(10, level + b + noise * level * 0.5 * normal());
        b *= phi;
        y.push(Math.max(1, level * season[t % c.period]! * (1 + noise * normal())));
      }
      if (k % every !== 0) continue;
      out.push({ id: `S${String(id).padStart(4, '0')}`, category, period: c.period, train: y.slice(0, n), test: y.slice(n) });
    }
  }
  return out;
}

/**
 * The yearly, quarterly and monthly series bundled with R (package datasets) long enough for an
 * M3 holdout (6, 8, 18 steps), the last 300 values of the longest, via bench/forecast/r_datasets.R.
 */
export function rDatasets(root: string): BenchSeries[] {
  const dir = mkdtempSync(join(tmpdir(), 'crm-forecast-'));
  try {
    const file = join(dir, 'datasets.json');
    execFileSync('Rscript', [join(root, 'bench', 'forecast', 'r_datasets.R'), file], { stdio: ['ignore', 'ignore', 'inherit'] });
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { id: string; period: number; values: number[] }[];
    return raw.map((s) => {
      const category = s.period === 12 ? 'monthly' : s.period === 4 ? 'quarterly' : 'yearly';
      const h = M3_CATEGORIES[category].h;
      const v = s.values.slice(-300);
      return { id: s.id, category, period: s.period, train: v.slice(0, v.length - h), test: v.slice(v.length - h) };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
