/**
 * One column's split search at a node (internal): skips columns known constant, counts the
 * missing values (sorted last), marks columns found constant, and hands the column to its search
 * (splitBinary.ts, splitCategorical.ts, splitNumeric.ts).
 * @module
 */
import type { GrowState, NodeStats } from './growState.js';
import { scanBinary } from './splitBinary.js';
import { splitCategorical } from './splitCategorical.js';
import { splitNumeric } from './splitNumeric.js';

/** Scans column f at the node [start, end), updating st.best; returns true when the column is constant there. */
export function scanColumn(st: GrowState, f: number, start: number, end: number, stats: NodeStats, constant: Uint8Array): boolean {
  if (constant[f] === 1) return true;
  if (st.binary[f] === 1) return scanBinary(st, f, end - start, stats.sums, stats.w, constant);
  const { n, sx, order, slot, v, w, cm } = st;
  const sb = st.slotOf[f]! * n;
  // Missing values sit at the end of the range.
  let nmEnd = end;
  cm.fill(0);
  let wm = 0;
  while (nmEnd > start) {
    const xv = sx[sb + nmEnd - 1]!;
    if (xv === xv) break;
    const s = order[sb + nmEnd - 1]!;
    cm[slot[s]!] += v[s]!;
    wm += w[s]!;
    nmEnd--;
  }
  const nMiss = end - nmEnd;
  // A column constant here is constant in every descendant: skip it there, and skip its
  // partition (as scikit-learn's constant-feature tracking).
  if (nmEnd === start || (nMiss === 0 && sx[sb + start] === sx[sb + end - 1])) {
    constant[f] = 1;
    return true;
  }
  if (st.nCategories[f]! > 0) splitCategorical(st, f, f * n, sb, start, nmEnd, nMiss, wm, stats);
  else splitNumeric(st, f, sb, start, end, nmEnd, nMiss, wm, stats);
  return false;
}
