/**
 * 0/1 columns of two-class trees (internal): one-hot columns keep no sorted list. Their counts at
 * a node come from one pass over the node's rows and the 1s of each row (compressed rows: a
 * one-hot row has one 1 per original category), so they are never presorted or partitioned.
 * @module
 */
import { giniProxy } from './criterion.js';
import type { GrowState } from './growState.js';

/** Marks the numeric columns holding only 0 and 1, when `eligible` (two-class Gini trees). O(d n). */
export function findBinaryColumns(x: Float64Array, n: number, d: number, nCategories: Int32Array, eligible: boolean): { binary: Uint8Array; nBinary: number } {
  const binary = new Uint8Array(d);
  let nBinary = 0;
  if (eligible) {
    for (let f = 0; f < d; f++) {
      if (nCategories[f]! > 0) continue;
      let ok = true;
      for (let i = f * n; i < (f + 1) * n && ok; i++) ok = x[i] === 0 || x[i] === 1;
      binary[f] = ok ? 1 : 0;
      if (ok) nBinary++;
    }
  }
  return { binary, nBinary };
}

/** Per row, the 0/1 columns that are 1: hotCol[hotStart[i] .. hotStart[i + 1]). */
export function buildHotRows(x: Float64Array, n: number, d: number, binary: Uint8Array, nBinary: number): { hotStart: Int32Array; hotCol: Int32Array } {
  const hotStart = new Int32Array(n + 1);
  let hotCol = new Int32Array(0);
  if (nBinary > 0) {
    for (let f = 0; f < d; f++) if (binary[f] === 1) for (let i = 0; i < n; i++) hotStart[i + 1] += x[f * n + i]!;
    for (let i = 0; i < n; i++) hotStart[i + 1] += hotStart[i]!;
    hotCol = new Int32Array(hotStart[n]!);
    const fill = hotStart.slice(0, n);
    for (let f = 0; f < d; f++) if (binary[f] === 1) for (let i = 0; i < n; i++) if (x[f * n + i] === 1) hotCol[fill[i]!++] = f;
  }
  return { hotStart, hotCol };
}

/** Count, weight and class-1 weight of the 1s of every 0/1 column over samples[start..end). */
export function countHotColumns(st: GrowState, start: number, end: number): void {
  const { samples, v, pos, hotStart, hotCol, hiN, hiW, hiP } = st;
  hiN.fill(0);
  hiW.fill(0);
  hiP.fill(0);
  for (let k = start; k < end; k++) {
    const s = samples[k]!;
    const vs = v[s]!;
    const ps = pos[s]!;
    for (let h = hotStart[s]!; h < hotStart[s + 1]!; h++) {
      const f = hotCol[h]!;
      hiN[f]++;
      hiW[f] += vs;
      hiP[f] += ps;
    }
  }
}

/**
 * Scans 0/1 column f at a node of nNode rows with slot totals `tot` and weight `wt` (after
 * countHotColumns), updating st.best; returns true when the column is constant there.
 */
export function scanBinary(st: GrowState, f: number, nNode: number, tot: Float64Array, wt: number, constant: Uint8Array): boolean {
  const nHi = st.hiN[f]!;
  const wHi = st.hiW[f]!;
  const pHi = st.hiP[f]!;
  if (nHi === 0 || nHi === nNode) {
    constant[f] = 1;
    return true;
  }
  const minLeaf = st.params.minSamplesLeaf;
  const nl = nNode - nHi;
  if (nl < minLeaf || nHi < minLeaf) return false;
  const t1 = st.C === 2 ? tot[1]! : 0;
  const wl = wt - wHi;
  const l1 = t1 - pHi;
  const l0 = wl - l1;
  const r0 = tot[0]! - l0;
  const r1 = t1 - l1;
  const p = giniProxy(l0 * l0 + l1 * l1, wl, r0 * r0 + r1 * r1, wHi);
  if (wl > 0 && wHi > 0 && p > st.bestProxy) {
    st.bestProxy = p;
    st.best = { proxy: p, feature: f, threshold: 0.5, mask: null, missingLeft: false, missingOnly: false };
  }
  return false;
}
