/**
 * The FP-tree of FP-growth (internal): nodes in parallel typed arrays, grouped by item for the
 * conditional-tree walks of fpGrowth.ts.
 * @module
 */

/**
 * An FP-tree in parallel typed arrays. Node 0 is the root; a node's parent always has a smaller
 * index, so a reverse sweep visits children before parents. Items are local codes 0..k-1, where a
 * smaller code sits nearer the root. Separate arrays (not one interleaved record per node) keep the
 * hot walk up the tree, which reads only `parent` and `memo`, on fewer cache lines.
 */
export class FpTree {
  size = 1;
  k = 0;
  parent = new Int32Array(64);
  item = new Int32Array(64);
  count = new Int32Array(64);
  /**
   * While a conditional tree is built from this tree: `memo[v] - base` is the copy of node v when
   * `memo[v] >= base` (one array instead of stamp + node, one read per step of the walk).
   */
  memo = new Int32Array(64);
  firstChild = new Int32Array(64);
  sibling = new Int32Array(64);
  /** Nodes of item c are headNodes[headStart[c] .. headStart[c + 1]). */
  headStart = new Int32Array(16);
  headNodes = new Int32Array(64);
  /**
   * count and parent of headNodes[h], stored at h: the walks over an item's nodes then read them in
   * sequence instead of missing the cache twice per node in the count and parent arrays.
   */
  headCount = new Int32Array(64);
  headParent = new Int32Array(64);
  /** Support of each local item in this tree. */
  total = new Int32Array(16);
  /** Local code -> global code (rank in the top-level tree). */
  globalOf = new Int32Array(16);
  /** Direct index of the root's children by item: the root is where fan-out is large. */
  rootChild = new Int32Array(16);
  /** Memo values below base are stale. */
  base = 1;

  reset(k: number, capacity: number): void {
    this.k = k;
    if (this.globalOf.length < k + 1) {
      const len = Math.max(k + 1, this.globalOf.length * 2);
      this.headStart = new Int32Array(len);
      this.total = new Int32Array(len);
      this.globalOf = new Int32Array(len);
      this.rootChild = new Int32Array(len);
    }
    this.rootChild.fill(-1, 0, k);
    this.ensure(capacity);
    this.size = 1;
    this.parent[0] = -1;
    this.item[0] = -1;
    this.count[0] = 0;
    this.firstChild[0] = -1;
  }

  ensure(capacity: number): void {
    if (this.parent.length >= capacity) return;
    const len = Math.max(capacity, this.parent.length * 2);
    const grow = (a: Int32Array) => { const b = new Int32Array(len); b.set(a.subarray(0, this.size)); return b; };
    this.parent = grow(this.parent);
    this.item = grow(this.item);
    this.count = grow(this.count);
    this.firstChild = grow(this.firstChild);
    this.sibling = grow(this.sibling);
    this.memo = new Int32Array(len);
    this.headNodes = new Int32Array(len);
    this.headCount = new Int32Array(len);
    this.headParent = new Int32Array(len);
  }

  addNode(parent: number, item: number): number {
    if (this.size === this.parent.length) this.ensure(this.size + 1);
    const v = this.size++;
    this.parent[v] = parent;
    this.item[v] = item;
    this.count[v] = 0;
    this.firstChild[v] = -1;
    if (parent === 0) {
      this.rootChild[item] = v;
    } else {
      this.sibling[v] = this.firstChild[parent]!;
      this.firstChild[parent] = v;
    }
    return v;
  }

  /** The child of `parent` with `item`, created when missing. */
  child(parent: number, item: number): number {
    if (parent === 0) {
      const c = this.rootChild[item]!;
      return c >= 0 ? c : this.addNode(0, item);
    }
    const it = this.item, sib = this.sibling;
    for (let c = this.firstChild[parent]!; c >= 0; c = sib[c]!) if (it[c] === item) return c;
    return this.addNode(parent, item);
  }

  /** Counts were added where paths end; a reverse sweep pushes them up to every ancestor. */
  propagateCounts(): void {
    const { count, parent } = this;
    for (let v = this.size - 1; v >= 1; v--) count[parent[v]!]! += count[v]!;
  }

  /** Groups nodes by item (counting sort) into headStart/headNodes and sums each item's support. */
  index(): void {
    const { k, headStart, headNodes, headCount, headParent, total, item, count, parent, size } = this;
    headStart.fill(0, 0, k + 1);
    total.fill(0, 0, k);
    for (let v = 1; v < size; v++) { headStart[item[v]! + 1]!++; total[item[v]!]! += count[v]!; }
    for (let c = 0; c < k; c++) headStart[c + 1]! += headStart[c]!;
    // Fill each block from its end (headStart[c + 1]), which leaves headStart[c + 1] at the start of
    // block c: shift down by one. Filling from the back keeps blocks in ascending node order.
    for (let v = size - 1; v >= 1; v--) {
      const h = --headStart[item[v]! + 1]!;
      headNodes[h] = v;
      headCount[h] = count[v]!;
      headParent[h] = parent[v]!;
    }
    for (let c = 0; c < k; c++) headStart[c] = headStart[c + 1]!;
    headStart[k] = size - 1;
    // Memo is read only once the tree is complete: clear just the nodes it has (capacity can be far larger).
    this.memo.fill(0, 0, size);
    this.base = 1;
  }

  /** True when every node has at most one child (nodes are then created one under the other). */
  isSinglePath(): boolean {
    const parent = this.parent;
    for (let v = 2; v < this.size; v++) if (parent[v] !== v - 1) return false;
    return true;
  }
}
