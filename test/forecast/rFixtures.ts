// R's forecast package results (test/forecast/fixtures/make-fixtures.R).
import { readFileSync } from 'node:fs';

export interface RInterval { mean: number[]; lower80: number[]; lower95: number[]; upper80: number[]; upper95: number[] }
export interface RSeries {
  values: number[];
  period: number;
  horizon: number;
  naive: RInterval;
  snaive: RInterval | null;
  drift: RInterval;
  theta: RInterval & { alpha: number; drift: number; sigma2: number; seasonal: boolean; seasonalIndex?: number[] };
  ses: { alpha: number; l0: number; sigma2: number; mse: number };
  accuracy?: {
    holdout: number;
    theta: Record<string, number> & RInterval;
    naive: Record<string, number>;
    snaive: Record<string, number>;
  };
}

const raw = JSON.parse(readFileSync(new URL('./fixtures/forecast-r.json', import.meta.url), 'utf8')) as Record<string, unknown>;
export const rSeries = Object.fromEntries(Object.entries(raw).filter(([k]) => k !== 'tsCV' && k !== 'versions')) as Record<string, RSeries>;
export const rTsCV = raw.tsCV as Record<string, { series: string; h: number; errors: (number | null)[][] }>;

/** Largest |a - b| / max(1, |b|) over two arrays of equal length. */
export function maxRelDiff(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return Infinity;
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  return d;
}
