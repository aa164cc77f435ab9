/**
 * Special functions for the CLV likelihoods and predictions: log-gamma, digamma and the Gauss
 * hypergeometric series. Internal to `clv` (not exported from its index).
 * @module
 */

// Godfrey's Lanczos coefficients (g = 7, n = 9), as in Numerical Recipes 3rd ed. §6.1 and
// Python's `math.lgamma` fallback: relative error about 1e-15 for x >= 0.5.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * log Γ(x) for x > 0 (Lanczos approximation, reflection below 0.5). O(1).
 * @example
 * lnGamma(5); // => 3.1780538303
 */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  const y = x - 1;
  let s = LANCZOS[0]!;
  for (let i = 1; i < 9; i++) s += LANCZOS[i]! / (y + i);
  const t = y + 7.5;
  return HALF_LOG_2PI + (y + 0.5) * Math.log(t) - t + Math.log(s);
}

/**
 * ψ(x) = d/dx log Γ(x) for x > 0: recurrence up to x >= 10, then the asymptotic series
 * (Abramowitz & Stegun 6.3.18); absolute error below 1e-14. O(1 + max(0, 10 - x)).
 * @example
 * digamma(1); // => -0.5772156649
 */
export function digamma(x: number): number {
  let shift = 0;
  while (x < 10) { shift -= 1 / x; x += 1; }
  const inv = 1 / x, inv2 = inv * inv;
  const tail = inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132)))));
  return shift + Math.log(x) - 0.5 * inv - tail;
}

/**
 * Gauss hypergeometric ₂F₁(a, b; c; z) for 0 <= z < 1 by its power series, or NaN after
 * `maxTerms` terms. Stops as soon as a rigorous bound on the tail is below 1e-16 of the sum: once
 * k > -min(a, b, c), the term ratios (a+j)(b+j)/((c+j)(j+1)) z are products of factors monotone in
 * j, so every later ratio is at most q = z max(1, (a+k)/(c+k)) max(1, (b+k)/(1+k)) (or the same with
 * a and b swapped, whichever is smaller), and the tail at most |term| q / (1 - q). (The earlier
 * rule waited for k > |a| + |b|, which never came within the term cap for b ~ 2e5 although the
 * terms had long vanished.) When the terms cancel (their absolute sum over 1e3 times the sum, e.g.
 * a = -199.8), Euler's transformation (1-z)^(c-a-b) ₂F₁(c-a, c-b; c; z) is summed too and the
 * better-conditioned of the two kept. O(terms): about log(1e-16) / log(q), i.e. ~37 / (1 - z) when
 * a, b, c are moderate.
 * @example
 * hyp2f1(1, 1, 2, 0.5); // => 1.3862943611
 */
export function hyp2f1(a: number, b: number, c: number, z: number, maxTerms = 1_000_000): number {
  if (z === 0) return 1;
  const direct = hyp2f1Series(a, b, c, z, maxTerms);
  if (direct !== null && direct[1] <= 1e3 * Math.abs(direct[0])) return direct[0];
  const euler = hyp2f1Series(c - a, c - b, c, z, maxTerms);
  if (euler === null) return direct === null ? Number.NaN : direct[0];
  const factor = Math.exp((c - a - b) * Math.log1p(-z));
  if (direct === null || euler[1] / Math.abs(euler[0]) < direct[1] / Math.abs(direct[0])) return factor * euler[0];
  return direct[0];
}

/** The power series of ₂F₁ and the sum of the absolute values of its terms; null when cut. */
function hyp2f1Series(a: number, b: number, c: number, z: number, maxTerms: number): [number, number] | null {
  let term = 1, sum = 1, abs = 1;
  const past = -Math.min(a, b, c);
  for (let k = 0; k < maxTerms; k++) {
    term *= (((a + k) * (b + k)) / ((c + k) * (k + 1))) * z;
    sum += term;
    abs += Math.abs(term);
    if (term === 0) return [sum, abs];
    if ((k & 7) === 7 && k + 1 > past) {
      // Either parameter can be paired with c; the smaller bound holds. (It holds at any k past
      // `past`; testing every 8th term saves its divisions.)
      const j = k + 1;
      const q = z * Math.min(
        Math.max(1, (a + j) / (c + j)) * Math.max(1, (b + j) / (j + 1)),
        Math.max(1, (b + j) / (c + j)) * Math.max(1, (a + j) / (j + 1)));
      if (q < 1 && Math.abs(term) * q <= 1e-16 * (1 - q) * Math.abs(sum)) return [sum, abs];
    }
  }
  return null;
}
