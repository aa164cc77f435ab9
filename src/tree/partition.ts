/**
 * Applying a split (internal): the samples of the node are marked left or right and the
 * children's statistics summed (evaluateSplit), then every sorted list's range is split stably
 * into [left | right] (partition), so children stay sorted. O(d n_node).
 * @module
 */
import { impurityOf } from './criterion.js';
import type { BestSplit, Evaluated, GrowState, NodeRecord } from './growState.js';

/**
 * Marks each sample of the node left or right (st.goesLeft) and returns the children's records.
 * goesLeft stays valid until this node is evaluated again: nodes own disjoint samples.
 */
export function evaluateSplit(st: GrowState, rec: NodeRecord, split: BestSplit): Evaluated {
  const { n, C, x, samples, goesLeft, slot, v, w, y } = st;
  const crit = st.params.criterion;
  const { start, end } = rec;
  const f = split.feature;
  const base = f * n;
  const sl = new Float64Array(C);
  const sr = new Float64Array(C);
  let wL = 0;
  let wR = 0;
  let qL = 0;
  let qR = 0;
  let nL = 0;
  let nMiss = 0;
  const present = split.mask !== null ? new Uint8Array(split.mask.length) : null;
  for (let k = start; k < end; k++) {
    const s = samples[k]!;
    const xv = x[base + s]!;
    let left: boolean;
    if (xv !== xv) {
      left = split.missingLeft;
      nMiss++;
    } else if (present !== null) {
      present[xv] = 1;
      left = split.missingOnly || split.mask![xv] === 1;
    } else left = xv <= split.threshold;
    goesLeft[s] = left ? 1 : 0;
    const q = y !== null ? v[s]! * y[s]! : 0;
    if (left) {
      sl[slot[s]!] += v[s]!;
      wL += w[s]!;
      qL += q;
      nL++;
    } else {
      sr[slot[s]!] += v[s]!;
      wR += w[s]!;
      qR += q;
    }
  }
  const mid = start + nL;
  const depth = rec.depth + 1;
  const left: NodeRecord = { start, end: mid, depth, parent: -1, isLeft: true, constant: rec.constant.slice(), skConstants: rec.skConstantsOut, skConstantsOut: 0, stats: { sums: sl, sq: qL, w: wL, n: nL, impurity: impurityOf(crit, C, sl, qL, wL) } };
  const right: NodeRecord = { start: mid, end, depth, parent: -1, isLeft: false, constant: rec.constant.slice(), skConstants: rec.skConstantsOut, skConstantsOut: 0, stats: { sums: sr, sq: qR, w: wR, n: end - mid, impurity: impurityOf(crit, C, sr, qR, wR) } };
  const ps = rec.stats;
  // scikit-learn's impurity_improvement, operation for operation (best-first priorities tie as there).
  const improvement = (ps.w / st.totalW) * (ps.impurity - (wR / ps.w) * right.stats.impurity - (wL / ps.w) * left.stats.impurity);
  return { left, right, nMiss, improvement, split, present };
}

/** Splits the node's range of `samples` and of every sorted list into [left | right], stably, following goesLeft. */
export function partition(st: GrowState, start: number, end: number, constant: Uint8Array): void {
  const { n, d, samples, goesLeft, scratch, scratchX, order, sx, binary, slotOf } = st;
  let li = start;
  let ri = 0;
  for (let k = start; k < end; k++) {
    const s = samples[k]!;
    const gl = goesLeft[s]!;
    samples[li] = s;
    scratch[ri] = s;
    li += gl;
    ri += 1 - gl;
  }
  samples.set(scratch.subarray(0, ri), li);
  for (let g = 0; g < d; g++) {
    if (constant[g] === 1 || binary[g] === 1) continue;
    const b = slotOf[g]! * n;
    let li = b + start;
    let ri = 0;
    for (let k = b + start; k < b + end; k++) {
      // Branch-free: write to both sides and advance one (li <= k, so nothing unread is lost).
      const s = order[k]!;
      const xv = sx[k]!;
      const gl = goesLeft[s]!;
      order[li] = s;
      sx[li] = xv;
      scratch[ri] = s;
      scratchX[ri] = xv;
      li += gl;
      ri += 1 - gl;
    }
    order.set(scratch.subarray(0, ri), li);
    sx.set(scratchX.subarray(0, ri), li);
  }
}
