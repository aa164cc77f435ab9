// Synthetic series with the lengths and periods of the M3 competition (3,003 series: 645 yearly of
// 14-41 values, 756 quarterly of 16-64, 1,428 monthly of 48-126, 174 other of 71-104 with period 1),
// for timing automatic ETS selection. The M3 data itself is not available here. Seeded.
import { createRandom } from '../../src/core/random.js';

export interface BenchSeries { values: number[]; period: number }

export function m3LikeSeries(seed = 1): BenchSeries[] {
  const r = createRandom(seed);
  const normal = () => { let u = r(); while (u <= 0) u = r(); return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r()); };
  const groups: [number, number, number, number][] = [[645, 1, 14, 41], [756, 4, 16, 64], [1428, 12, 48, 126], [174, 1, 71, 104]];
  const out: BenchSeries[] = [];
  for (const [count, period, minLen, maxLen] of groups) {
    for (let k = 0; k < count; k++) {
      const n = minLen + Math.floor(r() * (maxLen - minLen + 1));
      const level0 = 1000 + 5000 * r();
      const slope = (r() - 0.3) * 0.02 * level0;
      const amp = period > 1 ? 0.05 + 0.25 * r() : 0;
      const noise = 0.02 + 0.08 * r();
      const phase = Math.floor(r() * period);
      const values: number[] = [];
      let level = level0;
      for (let t = 0; t < n; t++) {
        level += slope + noise * 0.3 * level0 * normal();
        const season = period > 1 ? 1 + amp * Math.sin((2 * Math.PI * (t + phase)) / period) : 1;
        values.push(Math.max(level * season * (1 + noise * normal()), 10));
      }
      out.push({ values, period });
    }
  }
  return out;
}
