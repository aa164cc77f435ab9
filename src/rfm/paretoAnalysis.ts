/**
 * The 80/20 view of customer value: top shares, the Lorenz curve, the Gini coefficient and the
 * smallest set of customers holding a given share of the total.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { checkInteger, checkNumber, checkOneOf, resolveOptions } from '../core/validate.js';
import type { Id } from '../core/orders.js';
import { addCompensated, type RfmResult } from './rfmScore.js';

/** Options of {@link paretoAnalysis}. */
export interface ParetoOptions {
  /** Fractions of customers (in (0, 1]) whose share of the total is reported, largest values first. @defaultValue [0.01, 0.05, 0.1, 0.2, 0.5] */
  topFractions?: readonly number[];
  /** Share of the total the golden customers must hold, in (0, 1]. @defaultValue 0.8 */
  targetShare?: number;
  /** At most this many Lorenz points (>= 2); longer curves are sampled at evenly spaced customer counts. @defaultValue 1001 */
  maxLorenzPoints?: number;
  /** With an RFM result: which per-customer value to use. @defaultValue 'revenue' */
  value?: 'revenue' | 'monetary';
}

/** Share of the total held by the top `topFraction` of customers. */
export interface ParetoTopShare {
  readonly topFraction: number;
  /** round(topFraction * n) customers. */
  readonly customers: number;
  readonly valueShare: number;
}

/** One point of the Lorenz curve: the poorest `customerShare` of customers hold `valueShare`. */
export interface LorenzPoint {
  readonly customerShare: number;
  readonly valueShare: number;
}

/** The smallest set of customers holding at least `targetShare` of the total. */
export interface ParetoGolden {
  readonly targetShare: number;
  /** Size of the set. */
  readonly customers: number;
  readonly customerShare: number;
  /** Share they actually hold (>= targetShare). */
  readonly valueShare: number;
  /** Positions in the input values (or in `rfmResult.customers`), largest value first, ties by position. */
  readonly indices: number[];
  /** Customer ids in the same order, when the input is an RFM result; otherwise null. */
  readonly ids: Id[] | null;
}

/** Result of {@link paretoAnalysis}: plain, JSON-friendly data. */
export interface ParetoResult {
  readonly kind: 'pareto';
  readonly version: 1;
  /** Number of customers (values). */
  readonly n: number;
  /** Sum of the values (compensated sum). */
  readonly total: number;
  readonly topShares: ParetoTopShare[];
  /** Ascending Lorenz curve from (0, 0) to (1, 1), ready to plot. */
  readonly lorenz: LorenzPoint[];
  /** Gini coefficient, population form: mean absolute difference / (2 * mean), in [0, 1 - 1/n]. */
  readonly gini: number;
  readonly golden: ParetoGolden;
  readonly options: Required<ParetoOptions>;
}

const PARETO_DEFAULTS = Object.freeze({
  topFractions: Object.freeze([0.01, 0.05, 0.1, 0.2, 0.5]) as readonly number[],
  targetShare: 0.8,
  maxLorenzPoints: 1001,
  value: 'revenue' as 'revenue' | 'monetary',
});

function readValues(input: unknown, value: 'revenue' | 'monetary', fn: string): { values: Float64Array; ids: Id[] | null } {
  if (input !== null && typeof input === 'object' && !Array.isArray(input) && !ArrayBuffer.isView(input)) {
    const kind = (input as { kind?: unknown }).kind;
    if (kind !== 'rfm') {
      throw new CrmError('WRONG_RESULT_KIND', `${fn}: expected an array of values or the result of rfmScore; got an object of kind ${describeValue(kind)}.`, { kind });
    }
    const customers = (input as RfmResult).customers as unknown;
    if (!Array.isArray(customers)) {
      throw new CrmError('WRONG_RESULT_KIND', `${fn}: the rfmScore result has customers ${describeValue(customers)}, not an array; pass the result as rfmScore returns it.`, { field: 'customers' });
    }
    const values = new Float64Array(customers.length);
    for (let i = 0; i < customers.length; i++) {
      const v = (customers[i] as Record<string, unknown> | null)?.[value];
      if (typeof v !== 'number') {
        throw new CrmError('WRONG_RESULT_KIND', `${fn}: customers[${i}].${value} is ${describeValue(v)}, not a number; pass the result as rfmScore returns it.`, { row: i, field: value });
      }
      values[i] = v;
    }
    return { values: checkValues(values, fn, `customers[${'$'}].${value}`), ids: (customers as RfmResult['customers']).map((c) => c.customer) };
  }
  if (!Array.isArray(input) && !(ArrayBuffer.isView(input) && !(input instanceof DataView))) {
    throw new CrmError('INVALID_INPUT', `${fn}: values must be an array of numbers or an rfmScore result; got ${describeValue(input)}.`);
  }
  const arr = input as ArrayLike<unknown>;
  const values = new Float64Array(arr.length);
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i];
    if (typeof v !== 'number') throw new CrmError('INVALID_INPUT', `${fn}: values[${i}] is ${describeValue(v)}; values must be numbers.`, { row: i });
    values[i] = v;
  }
  return { values: checkValues(values, fn, 'values[$]'), ids: null };
}

function checkValues(values: Float64Array, fn: string, name: string): Float64Array {
  if (values.length === 0) throw new CrmError('EMPTY_INPUT', `${fn}: there are no values; pass at least one customer.`);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const where = name.replace('$', String(i));
    if (!Number.isFinite(v)) throw new CrmError('NON_FINITE', `${fn}: ${where} is ${v}; values must be finite.`, { row: i });
    if (v < 0) {
      throw new CrmError('NEGATIVE_VALUE', `${fn}: ${where} is ${v}; shares and the Gini coefficient need values >= 0. Net returns can make a customer's value negative: score with returns: 'exclude', or clip at 0.`, { row: i });
    }
  }
  return values;
}

/**
 * The 80/20 analysis of customer values: the share held by the top x% of customers, the Lorenz
 * curve, the Gini coefficient, and the smallest set of ("golden") customers holding a target
 * share. O(n log n).
 *
 * Method: Lorenz (1905) concentration curve; Gini (1912) mean difference; the golden set is the
 * top-k customers for the smallest k reaching the target (no set of k - 1 customers can).
 * @param values - One non-negative value per customer, or an {@link RfmResult} (then each
 *   customer's `revenue`, or `monetary` with `value: 'monetary'`).
 * @param options - See {@link ParetoOptions}.
 * @returns Top shares, Lorenz points, Gini, golden customers, resolved options.
 * Values above 2^500 are divided by a power of two before summing (exact; shares and Gini are
 * unit-free); a total beyond the double range is refused with `NON_FINITE`.
 * @throws CrmError `EMPTY_INPUT`, `INVALID_INPUT` (not numbers, or all zero), `NON_FINITE` (also a total that overflows),
 *   `NEGATIVE_VALUE`, `WRONG_RESULT_KIND`, `INVALID_OPTION`.
 * @example
 * const p = paretoAnalysis([50, 30, 10, 5, 5], { topFractions: [0.2], targetShare: 0.8 });
 * [p.topShares[0].valueShare, p.golden.indices, p.gini]; // => [0.5, [0, 1], 0.46]
 */
export function paretoAnalysis(values: readonly number[] | Float64Array | RfmResult, options?: ParetoOptions): ParetoResult {
  const fn = 'paretoAnalysis';
  const o = resolveOptions(fn, PARETO_DEFAULTS, options as Record<string, unknown> | undefined);
  const targetShare = checkNumber('targetShare', o.targetShare, { min: 0, max: 1, exclusiveMin: true });
  const maxLorenzPoints = checkInteger('maxLorenzPoints', o.maxLorenzPoints, { min: 2 });
  const value = checkOneOf('value', o.value, ['revenue', 'monetary'] as const);
  if (!Array.isArray(o.topFractions)) {
    throw new CrmError('INVALID_OPTION', `${fn}: topFractions must be an array of fractions in (0, 1]; got ${describeValue(o.topFractions)}.`, { option: 'topFractions' });
  }
  const topFractions = (o.topFractions as unknown[]).map((f, i) => checkNumber(`topFractions[${i}]`, f, { min: 0, max: 1, exclusiveMin: true }));
  const { values: x, ids } = readValues(values, value, fn);
  const n = x.length;
  // Shares and the Gini coefficient are scale-free: values so large that their sums (or n times
  // them) could overflow are divided by a power of two first, which is exact (D11).
  let max = 0;
  for (let i = 0; i < n; i++) if (x[i]! > max) max = x[i]!;
  const exponent = max > 2 ** 500 ? Math.floor(Math.log2(max)) + 1 : 0;
  const half = exponent >> 1;
  if (exponent > 0) for (let i = 0; i < n; i++) x[i] = x[i]! * 2 ** -half * 2 ** -(exponent - half);

  // top[k] = sum of the k largest values, compensated; every share is a ratio to top[n].
  const sorted = Float64Array.from(x).sort();
  const top = new Float64Array(n + 1);
  const acc = new Float64Array(1);
  const comp = new Float64Array(1);
  const gini = new Float64Array(1);
  const giniComp = new Float64Array(1);
  for (let k = 1; k <= n; k++) {
    const v = sorted[n - k]!;
    addCompensated(acc, comp, 0, v);
    top[k] = acc[0]! + comp[0]!;
    // Ascending position i = n - k + 1 weighs x_(i) by 2i - n - 1.
    addCompensated(gini, giniComp, 0, (n - 2 * k + 1) * v);
  }
  const total = top[n]!;
  const unscaledTotal = exponent === 0 ? total : total * 2 ** half * 2 ** (exponent - half);
  if (!Number.isFinite(unscaledTotal)) {
    throw new CrmError('NON_FINITE', `${fn}: values too large: their total overflows (the largest is ${max}); rescale them, e.g. to thousands. Shares and the Gini coefficient do not depend on the unit.`, { maxValue: max });
  }
  if (total === 0) {
    throw new CrmError('INVALID_INPUT', `${fn}: all ${n} values are zero, so shares of the total are undefined.`);
  }

  const lorenz: LorenzPoint[] = [];
  const points = Math.min(n + 1, maxLorenzPoints);
  for (let j = 0; j < points; j++) {
    const k = points === n + 1 ? j : Math.round((j * n) / (points - 1));
    lorenz.push({ customerShare: k / n, valueShare: (total - top[n - k]!) / total });
  }

  let k = 1;
  while (top[k]! < targetShare * total) k++;
  return {
    kind: 'pareto',
    version: 1,
    n,
    total: unscaledTotal,
    topShares: topFractions.map((f) => {
      const count = Math.round(f * n);
      return { topFraction: f, customers: count, valueShare: top[count]! / total };
    }),
    lorenz,
    gini: (gini[0]! + giniComp[0]!) / (n * total),
    golden: goldenSet(x, sorted, k, ids, targetShare, top[k]! / total),
    options: { topFractions: [...topFractions], targetShare, maxLorenzPoints, value },
  };
}

/** The k largest values, ties at the cut taken by lowest position, largest first. O(n + k log k). */
function goldenSet(x: Float64Array, sorted: Float64Array, k: number, ids: Id[] | null, targetShare: number, valueShare: number): ParetoGolden {
  const n = x.length;
  const cut = sorted[n - k]!;
  let above = 0;
  for (let i = 0; i < n; i++) if (x[i]! > cut) above++;
  let atCut = k - above;
  const indices: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    if (v > cut) indices.push(i);
    else if (v === cut && atCut > 0) { indices.push(i); atCut--; }
  }
  indices.sort((a, b) => x[b]! - x[a]! || a - b);
  return {
    targetShare,
    customers: k,
    customerShare: k / n,
    valueShare,
    indices,
    ids: ids ? indices.map((i) => ids[i]!) : null,
  };
}
