/**
 * Lexicographic order of the recoded baskets (internal), so that the top-level FP-tree is built
 * from baskets sharing prefixes one after the other (fpGrowth.ts).
 * @module
 */
/** Lexicographic comparison of baskets x and y (CSR) from position `from`, shorter first on a tie. */
function compareBaskets(offsets: Int32Array, codes: Int32Array, x: number, y: number, from: number): number {
  let i = offsets[x]! + from, j = offsets[y]! + from;
  const ie = offsets[x + 1]!, je = offsets[y + 1]!;
  for (; i < ie && j < je; i++, j++) {
    const d = codes[i]! - codes[j]!;
    if (d !== 0) return d;
  }
  return (ie - i) - (je - j);
}

/**
 * Baskets in lexicographic order, by MSD radix steps: a counting sort on one code for large groups;
 * for smaller ones, the next few codes of each basket and its position packed into one exact double
 * and sorted natively (far faster than a comparator sort); groups that tie go on from the next code.
 */
export function lexicographicOrder(offsets: Int32Array, codes: Int32Array, n: number, f: number): Int32Array {
  const order = new Int32Array(n);
  for (let b = 0; b < n; b++) order[b] = b;
  const scratch = { keys: new Float64Array(n), tmp: new Int32Array(n), counts: new Int32Array(f + 2) };
  sortFrom(order, 0, n, 0, offsets, codes, f + 1, scratch);
  return order;
}

function sortFrom(order: Int32Array, r: number, e: number, depth: number, offsets: Int32Array, codes: Int32Array, base: number, scratch: { keys: Float64Array; tmp: Int32Array; counts: Int32Array }): void {
  const m = e - r;
  if (m < 2) return;
  if (m <= 16) {
    for (let i = r + 1; i < e; i++) {
      const v = order[i]!;
      let j = i;
      while (j > r && compareBaskets(offsets, codes, order[j - 1]!, v, depth) > 0) { order[j] = order[j - 1]!; j--; }
      order[j] = v;
    }
    return;
  }
  const { keys, tmp, counts } = scratch;
  if (m * 4 >= base) {
    // Large groups: one counting-sort step on the code at `depth` (0 = basket ended), O(m + items).
    counts.fill(0);
    for (let i = r; i < e; i++) {
      const b = order[i]!;
      const o = offsets[b]! + depth;
      counts[(o < offsets[b + 1]! ? codes[o]! + 1 : 0) + 1]!++;
    }
    for (let c = 1; c <= base; c++) counts[c]! += counts[c - 1]!;
    for (let i = r; i < e; i++) {
      const b = order[i]!;
      const o = offsets[b]! + depth;
      tmp[counts[o < offsets[b + 1]! ? codes[o]! + 1 : 0]!++] = b;
    }
    order.set(tmp.subarray(0, m), r);
    // ends[c] is the end of bucket c; bucket 0 (ended baskets) needs no more ordering. A copy,
    // because the recursion reuses `counts`.
    const ends = counts.slice(0, base);
    for (let c = 1; c < base; c++) {
      const from = r + ends[c - 1]!, to = r + ends[c]!;
      if (to - from > 1) sortFrom(order, from, to, depth + 1, offsets, codes, base, scratch);
    }
    return;
  }
  let lead = 0;
  for (let span = m; lead < 6 && span * base < 2 ** 52; span *= base) lead++;
  for (let i = 0; i < m; i++) {
    const b = order[r + i]!;
    const o = offsets[b]! + depth, end = offsets[b + 1]!;
    let key = 0;
    for (let d = 0; d < lead; d++) key = key * base + (o + d < end ? codes[o + d]! + 1 : 0);
    keys[i] = key * m + i;
  }
  const ks = keys.subarray(0, m);
  ks.sort();
  for (let i = 0; i < m; i++) tmp[i] = order[r + (ks[i]! % m)]!;
  order.set(tmp.subarray(0, m), r);
  // Groups that tie on the packed codes still need ordering from the next code on.
  let i = r;
  while (i < e) {
    const x = order[i]!;
    const ox = offsets[x]! + depth, ex = offsets[x + 1]!;
    let j = i + 1;
    // A basket that ends exactly here ties with longer ones on the packed codes: keep it in the group.
    if (ex - ox >= lead) {
      while (j < e) {
        const y = order[j]!;
        const oy = offsets[y]! + depth;
        if (offsets[y + 1]! - oy < lead) break;
        let same = true;
        for (let d = 0; d < lead && same; d++) same = codes[ox + d] === codes[oy + d];
        if (!same) break;
        j++;
      }
      if (j - i > 1) sortFrom(order, i, j, depth + lead, offsets, codes, base, scratch);
    }
    i = j;
  }
}
