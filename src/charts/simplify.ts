/**
 * Fewer points for long curves (ROC, Lorenz, silhouette) without changing what is drawn: first the
 * exact step (drop points on a straight line between their neighbours), then, only if more than
 * `maxPoints` remain, Douglas-Peucker refinement in order of deviation up to the budget.
 * @module
 * @internal
 */
import { heapPop, heapPush } from '../core/heap.js';

/** What {@link simplifyCurve} kept. */
export interface Simplified {
  /** Indices of the kept points, increasing; always the first and the last, and every anchor. */
  readonly kept: number[];
  /**
   * Largest distance (in the units of the normalised coordinates) from a dropped point to the drawn
   * polyline: 0 when only collinear points were dropped.
   */
  readonly maxDeviation: number;
}

/** Distance of point p from the segment a-b, in coordinates scaled by sx, sy. */
function deviation(x: ArrayLike<number>, y: ArrayLike<number>, a: number, b: number, p: number, sx: number, sy: number): number {
  const ax = x[a]! * sx, ay = y[a]! * sy;
  const dx = x[b]! * sx - ax, dy = y[b]! * sy - ay;
  const px = x[p]! * sx - ax, py = y[p]! * sy - ay;
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return Math.hypot(px, py);
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / len2));
  return Math.hypot(px - t * dx, py - t * dy);
}

/**
 * Keeps the vertices of the polyline (x[i], y[i]) where its direction changes, then, when more than
 * `maxPoints` remain, the first, the last, the anchors and the points farthest from the polyline
 * drawn so far (Douglas-Peucker, largest deviation first) until `maxPoints` are kept.
 * Deviations are measured with x divided by its range and y by its range. O(n log n) typical.
 * @param x - Abscissae, in drawing order.
 * @param y - Ordinates; same length.
 * @param maxPoints - Budget (>= 2); anchors beyond it are still kept.
 * @param anchors - Indices that must be kept (e.g. marked points on the curve).
 * @example
 * simplifyCurve([0, 0, 0, 0.5, 1], [0, 0.5, 1, 1, 1], 1000).kept; // => [0, 2, 4]
 */
export function simplifyCurve(x: ArrayLike<number>, y: ArrayLike<number>, maxPoints: number, anchors: readonly number[] = []): Simplified {
  const n = x.length;
  if (n <= 2) return { kept: Array.from({ length: n }, (_, i) => i), maxDeviation: 0 };
  const forced = new Uint8Array(n);
  forced[0] = 1;
  forced[n - 1] = 1;
  for (const a of anchors) forced[a] = 1;
  // Exact step: a point on the straight line through its kept predecessor and its successor adds nothing.
  const vertices: number[] = [0];
  for (let i = 1; i < n - 1; i++) {
    const p = vertices[vertices.length - 1]!;
    const cross = (x[i]! - x[p]!) * (y[i + 1]! - y[p]!) - (x[i + 1]! - x[p]!) * (y[i]! - y[p]!);
    const between = (x[i]! - x[p]!) * (x[i + 1]! - x[i]!) >= 0 && (y[i]! - y[p]!) * (y[i + 1]! - y[i]!) >= 0;
    if (forced[i] || cross !== 0 || !between) vertices.push(i);
  }
  vertices.push(n - 1);
  if (vertices.length <= maxPoints) return { kept: vertices, maxDeviation: 0 };

  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    if (x[i]! < minX) minX = x[i]!;
    if (x[i]! > maxX) maxX = x[i]!;
    if (y[i]! < minY) minY = y[i]!;
    if (y[i]! > maxY) maxY = y[i]!;
  }
  const sx = maxX > minX ? 1 / (maxX - minX) : 1;
  const sy = maxY > minY ? 1 / (maxY - minY) : 1;
  // Segments between consecutive kept points, in a max-heap by the deviation of their farthest vertex.
  interface Segment { a: number; b: number; far: number; dev: number }
  const segmentOf = (ia: number, ib: number): Segment => {
    let far = -1;
    let dev = -1;
    for (let t = ia + 1; t < ib; t++) {
      const v = deviation(x, y, vertices[ia]!, vertices[ib]!, vertices[t]!, sx, sy);
      if (v > dev) { dev = v; far = t; }
    }
    return { a: ia, b: ib, far, dev };
  };
  const heap: Segment[] = [];
  const wider = (p: Segment, q: Segment): boolean => p.dev > q.dev;
  const push = (s: Segment): void => {
    if (s.far >= 0) heapPush(heap, s, wider);
  };
  const pop = (): Segment => heapPop(heap, wider);
  const keep = new Uint8Array(vertices.length);
  let count = 0;
  let start = 0;
  for (let t = 0; t < vertices.length; t++) {
    if (!forced[vertices[t]!]) continue;
    keep[t] = 1;
    count++;
    if (t > 0) push(segmentOf(start, t));
    start = t;
  }
  while (count < maxPoints && heap.length > 0) {
    const s = pop();
    keep[s.far] = 1;
    count++;
    push(segmentOf(s.a, s.far));
    push(segmentOf(s.far, s.b));
  }
  const kept: number[] = [];
  for (let t = 0; t < vertices.length; t++) if (keep[t]) kept.push(vertices[t]!);
  // The remaining heap holds every dropped vertex's segment; the original points dropped in the exact
  // step lie on the lines between vertices, so they deviate no more than the vertices around them.
  let maxDeviation = 0;
  for (const s of heap) if (s.dev > maxDeviation) maxDeviation = s.dev;
  return { kept, maxDeviation };
}
