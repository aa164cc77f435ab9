/**
 * Uplift among the customers a campaign would target: the top k by predicted uplift.
 * @module
 */
import { CrmError } from '../core/errors.js';
import { checkInteger, checkNumber, checkOneOf, resolveOptions } from '../core/validate.js';
import { readCampaign, readScores, type BinaryFlag } from './input.js';

/** How the top k is taken: over all rows, or separately within each arm. */
export type UpliftStrategy = 'overall' | 'byGroup';

/**
 * Row order by decreasing score; tied rows are taken last row first, which is scikit-uplift's
 * `np.argsort(uplift, kind='mergesort')[::-1]`. Only the cuts inside a block of ties depend on it.
 */
export function descendingOrder(s: Float64Array): Uint32Array {
  const order = new Uint32Array(s.length);
  for (let i = 0; i < s.length; i++) order[i] = i;
  order.sort((a, b) => s[b]! - s[a]! || b - a);
  return order;
}

/** Options of {@link upliftAtK}: give exactly one of `fraction` and `count`. */
export interface UpliftAtKOptions {
  /** Share of customers to target, in (0, 1); the top floor(fraction x size) are taken. @defaultValue 0.3 when count is not given */
  fraction?: number;
  /** Number of customers to target, an integer in [1, n - 1] ('byGroup': at most each arm's size). */
  count?: number;
  /**
   * `'overall'`: the top k of all rows, then treated rate minus control rate among them;
   * `'byGroup'`: the top k of each arm (k = floor(fraction x arm size), or count in each). @defaultValue 'overall'
   */
  strategy?: UpliftStrategy;
}

/** Result of {@link upliftAtK}. */
export interface UpliftAtK {
  readonly kind: 'upliftAtK';
  readonly strategy: UpliftStrategy;
  /** Treated and control rows taken. */
  readonly treated: number;
  readonly control: number;
  readonly treatedRate: number;
  readonly controlRate: number;
  /** treatedRate - controlRate. */
  readonly uplift: number;
}

/**
 * Uplift at k: the conversion rate of treated minus that of controls among the customers with the
 * highest predicted uplift. Equals scikit-uplift `uplift_at_k(..., strategy, k)` (strategy
 * 'overall' or 'by_group'; k a fraction or a count; ties cut as in `descendingOrder`). O(n log n).
 * Source: scikit-uplift `sklift.metrics.uplift_at_k`.
 * @param outcomes - 1 = converted, 0 = not; length n.
 * @param uplift - Predicted uplift; finite; length n.
 * @param treatment - 1 = treated, 0 = control; both arms present; length n.
 * @param options - See {@link UpliftAtKOptions}.
 * @returns The rows taken per arm, their rates and the uplift.
 * @throws CrmError `INVALID_OPTION` (k out of range, both or neither of fraction and count),
 * `INVALID_INPUT` (the top k holds no treated or no control row), `NOT_BINARY`, `MISSING_VALUE`,
 * `NON_FINITE`, `LENGTH_MISMATCH`, `EMPTY_INPUT`, `SINGLE_CLASS`.
 * @example
 * upliftAtK([1, 0, 0, 1], [0.9, 0.5, 0.4, 0.1], [1, 0, 1, 0], { fraction: 0.5 }).uplift; // => 1
 */
export function upliftAtK(outcomes: ArrayLike<BinaryFlag>, uplift: ArrayLike<number>, treatment: ArrayLike<BinaryFlag>, options?: UpliftAtKOptions): UpliftAtK {
  const o = resolveOptions('upliftAtK', { strategy: 'overall' as UpliftStrategy }, options, ['fraction', 'count']);
  const strategy = checkOneOf('strategy', o.strategy, ['overall', 'byGroup'] as const);
  const { y, w, treated, control } = readCampaign('upliftAtK', outcomes, treatment);
  const n = y.length;
  const s = readScores('upliftAtK', uplift, n);
  if (o.fraction !== undefined && o.count !== undefined) {
    throw new CrmError('INVALID_OPTION', 'upliftAtK: give either fraction (a share) or count (a number of customers), not both.', { option: 'count' });
  }
  const fraction = o.count === undefined ? checkNumber('fraction', o.fraction ?? 0.3, { min: 0, max: 1, exclusiveMin: true, exclusiveMax: true, hint: 'To give a number of customers, use count instead.' }) : undefined;
  const count =
    o.count === undefined
      ? undefined
      : checkInteger('count', o.count, {
          min: 1,
          max: strategy === 'overall' ? n - 1 : Math.min(treated, control),
          hint: strategy === 'overall' ? `There are ${n} rows; the top k must leave at least one out.` : `The smaller arm has ${Math.min(treated, control)} rows.`,
        });
  const order = descendingOrder(s);
  let kt = 0;
  let kc = 0;
  let yt = 0;
  let yc = 0;
  if (strategy === 'overall') {
    const size = count ?? Math.floor(n * fraction!);
    for (let r = 0; r < size; r++) {
      const i = order[r]!;
      if (w[i] === 1) {
        kt++;
        yt += y[i]!;
      } else {
        kc++;
        yc += y[i]!;
      }
    }
  } else {
    const wantT = count ?? Math.floor(treated * fraction!);
    const wantC = count ?? Math.floor(control * fraction!);
    for (let r = 0; r < n && (kt < wantT || kc < wantC); r++) {
      const i = order[r]!;
      if (w[i] === 1) {
        if (kt < wantT) {
          kt++;
          yt += y[i]!;
        }
      } else if (kc < wantC) {
        kc++;
        yc += y[i]!;
      }
    }
  }
  if (kt === 0 || kc === 0) {
    throw new CrmError(
      'INVALID_INPUT',
      `upliftAtK: the top ${strategy === 'overall' ? kt + kc : `${kt} treated and ${kc} control`} rows hold no ${kt === 0 ? 'treated' : 'control'} row, so there is no rate to compare. Take a larger k.`,
      { treated: kt, control: kc },
    );
  }
  const treatedRate = yt / kt;
  const controlRate = yc / kc;
  return { kind: 'upliftAtK', strategy, treated: kt, control: kc, treatedRate, controlRate, uplift: treatedRate - controlRate };
}
