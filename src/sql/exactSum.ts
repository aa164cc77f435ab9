/**
 * An exactly rounded SUM of doubles in portable SQL (internal). SQL SUM(DOUBLE) adds in whatever
 * order the engine picks, so totals differ in the last bits from rfmScore's compensated sum, and
 * customers tied to the last bit (or netted to about zero) then rank and score differently. Here
 * each value is split, with exact double operations, into four integer limbs of 30 bits at the
 * scales 2^10, 2^-20, 2^-50 and 2^-80; the limbs are summed as BIGINTs (exact in every engine),
 * carried, and joined back with two roundings: the correctly rounded sum in all but cases within
 * about 2^-73 (relative) of a rounding boundary.
 *
 * Exact while every |value| >= 2^-28 (smaller ones lose the bits below 2^-80), a group has fewer
 * than 2^23 (8.4 million) lines, and |total| < 2^33 (8.6e9); beyond that, within an ulp or so.
 * @module
 */
import { sqlDoubleLiteral, sqlDoubleType, type SqlDialect } from './dialect.js';

/** Binary exponents of the limbs, most significant first; 30 bits apart. */
const SCALES = [10, -20, -50, -80] as const;
const BITS = 30;

/** floor(x) of a double as a double (Spark's FLOOR returns BIGINT, which overflows for x * 2^80). */
function floorSql(x: string, dialect: SqlDialect): string {
  if (dialect !== 'spark') return `FLOOR(${x})`;
  // x % 1 is fmod (exact); x - x % 1 truncates towards zero.
  return `CASE WHEN ${x} % 1 < 0 THEN ${x} - ${x} % 1 - 1 ELSE ${x} - ${x} % 1 END`;
}

/**
 * The integer limbs of the double expression `x` (a column reference: it is repeated): limb j is
 * floor(x / 2^e_j) - floor(x / 2^e_{j-1}) * 2^30, exact because each operation's exact result is a
 * representable double; limb 0 carries the sign.
 */
export function limbsSql(x: string, dialect: SqlDialect): string[] {
  const pow = (e: number) => sqlDoubleLiteral(2 ** e, dialect);
  const big = dialect === 'bigquery' ? 'INT64' : 'BIGINT';
  const f = (e: number) => floorSql(`${x} * ${pow(-e)}`, dialect);
  return SCALES.map((e, j) => `CAST(${j === 0 ? f(e) : `${f(e)} - ${f(SCALES[j - 1]!)} * ${pow(BITS)}`} AS ${big})`);
}

/**
 * The double nearest sum_j S_j 2^e_j from the four limb sums (column references, BIGINT or wider;
 * each below 2^53 in magnitude): carries make limbs 1..3 lie in [0, 2^30); then
 * high = s0 * 2^30 + s1 (units of 2^-20) and low = s2 * 2^30 + s3 (units of 2^-80) are added once.
 */
export function joinLimbsSql(sums: readonly string[], dialect: SqlDialect): string {
  const dbl = sqlDoubleType(dialect);
  const pow = (e: number) => sqlDoubleLiteral(2 ** e, dialect);
  const d = sums.map((s) => `CAST(${s} AS ${dbl})`);
  // From the least significant limb up: s_j + carry of the limb below, split into carry and digit.
  let carried = d[3]!;
  const digits: string[] = [];
  for (let j = 3; j >= 1; j--) {
    const carry = floorSql(`(${carried}) * ${pow(-BITS)}`, dialect);
    digits[j] = `(${carried}) - ${carry} * ${pow(BITS)}`;
    carried = `${d[j - 1]!} + ${carry}`;
  }
  const high = `((${carried}) * ${pow(BITS)} + (${digits[1]!}))`;
  const low = `((${digits[2]!}) * ${pow(BITS)} + (${digits[3]!}))`;
  return `(${high} * ${pow(SCALES[1])} + ${low} * ${pow(SCALES[3])})`;
}
