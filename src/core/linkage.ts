/**
 * Structural check of a linkage result (scipy's linkage matrix as returned by
 * `hierarchical`), shared by `cutTree` (crm-mining/cluster) and `dendrogramChart`
 * (crm-mining/charts), which must not import each other.
 * @module
 */
import { CrmError, describeValue } from './errors.js';

/** Linkages whose merge heights never decrease (all but centroid and median, as scipy). */
const MONOTONE = new Set(['single', 'complete', 'average', 'weighted', 'ward']);
const KNOWN = new Set([...MONOTONE, 'centroid', 'median']);

/** A linkage result once checked: n leaves and n - 1 merges `[left, right, height, size]`. */
export interface CheckedLinkage {
  readonly n: number;
  readonly merges: readonly (readonly [number, number, number, number])[];
}

/**
 * Checks a linkage result in O(n): kind `'hierarchical'`, `n` an integer >= 1, exactly n - 1
 * merges, each joining two distinct clusters that exist (leaves 0..n-1, or clusters n..n+i-1
 * formed by earlier rows) and have not been merged yet, finite heights >= 0, non-decreasing for
 * the linkages that guarantee it (all but centroid and median), and sizes equal to the sum of the
 * two sizes (scipy's `is_valid_linkage` conditions). Bounded: one pass over the merges.
 * @param value - What the caller passed as a linkage result.
 * @param fn - The public function checking, for messages.
 * @returns The result, typed.
 * @throws CrmError `WRONG_RESULT_KIND` (not a `hierarchical` result), `INVALID_MODEL` (damaged structure).
 * @example
 * checkLinkage({ kind: 'hierarchical', n: 3, merges: [[0, 1, 1, 2], [2, 3, 4, 3]] }, 'cutTree').n; // => 3
 */
export function checkLinkage(value: unknown, fn: string): CheckedLinkage {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || (value as { kind?: unknown }).kind !== 'hierarchical') {
    throw new CrmError(
      'WRONG_RESULT_KIND',
      `${fn} needs the result of hierarchical (crm-mining/cluster); got ${describeValue(value)}${value && typeof value === 'object' && 'kind' in value ? ` of kind ${describeValue((value as { kind: unknown }).kind)}` : ''}.`,
      { fn, producer: 'hierarchical' },
    );
  }
  const r = value as { n?: unknown; merges?: unknown; linkage?: unknown };
  const bad = (what: string, details: object = {}): CrmError =>
    new CrmError('INVALID_MODEL', `${fn}: the linkage result is damaged: ${what}. Recompute it with hierarchical().`, { fn, ...details });
  const n = r.n;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw bad(`n is ${describeValue(n)}, not an integer >= 1`);
  if (!Array.isArray(r.merges)) throw bad(`merges is ${describeValue(r.merges)}, not an array`);
  const merges = r.merges as unknown[];
  if (merges.length !== n - 1) throw bad(`it has ${merges.length} merges for n = ${n} leaves; a linkage has n - 1`);
  if (r.linkage !== undefined && (typeof r.linkage !== 'string' || !KNOWN.has(r.linkage))) throw bad(`linkage is ${describeValue(r.linkage)}`);
  const monotone = typeof r.linkage === 'string' && MONOTONE.has(r.linkage);
  // size[c] > 0 while cluster c exists and is not merged yet; 0 before it exists and once merged.
  const size = new Float64Array(2 * n - 1);
  for (let i = 0; i < n; i++) size[i] = 1;
  let previous = 0;
  for (let i = 0; i < merges.length; i++) {
    const m = merges[i];
    if (!Array.isArray(m) || m.length !== 4 || !m.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw bad(`merge ${i} is ${describeValue(m)}, not four finite numbers [left, right, height, size]`, { row: i });
    }
    const [a, b, h, s] = m as number[];
    for (const c of [a!, b!]) {
      if (!Number.isInteger(c) || c < 0 || c >= n + i) throw bad(`merge ${i} joins cluster ${c}, which does not exist yet (clusters 0..${n + i - 1} do)`, { row: i });
      if (size[c] === 0) throw bad(`merge ${i} joins cluster ${c}, which an earlier merge already joined`, { row: i });
    }
    if (a === b) throw bad(`merge ${i} joins cluster ${a} with itself`, { row: i });
    if (h! < 0) throw bad(`merge ${i} has height ${h}; heights are distances, >= 0`, { row: i });
    if (monotone && h! < previous) throw bad(`merge ${i} has height ${h}, below the previous ${previous}; ${String(r.linkage)} linkage heights never decrease`, { row: i });
    if (s !== size[a!]! + size[b!]!) throw bad(`merge ${i} has size ${s}, but its clusters hold ${size[a!]! + size[b!]!} leaves`, { row: i });
    size[n + i] = s!;
    size[a!] = 0;
    size[b!] = 0;
    previous = h!;
  }
  return value as CheckedLinkage;
}
