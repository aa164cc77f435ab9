// How a call on bad input is judged: a CrmError with a known code, or a result with no NaN,
// Infinity or undefined in it, and inputs left as they were. Anything else is a defect.
import { CrmError, ERROR_CODES } from '../../src/core/errors.js';

/** Values a careless caller or a damaged file can hand over. */
export const GARBAGE: readonly [string, () => unknown][] = [
  ['undefined', () => undefined],
  ['null', () => null],
  ['NaN', () => NaN],
  ['Infinity', () => Infinity],
  ['-Infinity', () => -Infinity],
  ['-1', () => -1],
  ['0', () => 0],
  ['1.5', () => 1.5],
  ['1e308', () => 1e308],
  ['2^31+1', () => 2 ** 31 + 1],
  ['""', () => ''],
  ['"abc"', () => 'abc'],
  ['"__proto__"', () => '__proto__'],
  ['true', () => true],
  ['{}', () => ({})],
  ['[]', () => []],
  ['[[]]', () => [[]]],
  ['[null]', () => [null]],
  ['[NaN]', () => [NaN]],
  ['Object.create(null)', () => Object.create(null)],
  ['function', () => () => 1],
  ['Invalid Date', () => new Date(NaN)],
  ['10n', () => 10n],
  ['Symbol', () => Symbol('s')],
];

/** Where a result may hold Infinity by documented convention (thresholds above every score, "no limit" options). */
const INFINITY_OK = /(^|\.)(thresholds?|options|maxLength|maxDepth|maxLeafNodes|maxConsequentLength)(\.|\[|$)/;

/** The first NaN, Infinity or hole/undefined inside an array of a result, as a path; or undefined. */
export function badNumberIn(value: unknown, path = 'result', seen = new Set<unknown>()): string | undefined {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return `${path} is NaN`;
    if (!Number.isFinite(value) && !INFINITY_OK.test(path)) return `${path} is ${value}`;
    return undefined;
  }
  if (value === null || typeof value !== 'object' || seen.has(value)) return undefined;
  seen.add(value);
  if (ArrayBuffer.isView(value)) {
    const a = value as unknown as ArrayLike<number | bigint>;
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (typeof v === 'number' && !Number.isFinite(v)) return `${path}[${i}] is ${v}`;
    }
    return undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value) || value[i] === undefined) return `${path}[${i}] is undefined`;
      const bad = badNumberIn(value[i], `${path}[${i}]`, seen);
      if (bad) return bad;
    }
    return undefined;
  }
  for (const [k, v] of Object.entries(value)) {
    const bad = badNumberIn(v, `${path}.${k}`, seen);
    if (bad) return bad;
  }
  return undefined;
}

/** A deep copy that keeps functions by reference (for before/after comparison of inputs). */
export function snapshot(value: unknown, seen = new Map<unknown, unknown>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return seen.get(value);
  if (value instanceof Date) return new Date(value.getTime());
  if (ArrayBuffer.isView(value)) return (value as unknown as { slice(): unknown }).slice();
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    seen.set(value, out);
    for (let i = 0; i < value.length; i++) if (i in value) out[i] = snapshot(value[i], seen);
    return out;
  }
  const out: Record<string, unknown> = Object.create(Object.getPrototypeOf(value));
  seen.set(value, out);
  for (const k of Reflect.ownKeys(value)) {
    const d = Object.getOwnPropertyDescriptor(value, k)!;
    if ('value' in d) Object.defineProperty(out, k, { ...d, value: snapshot(d.value, seen) });
  }
  return out;
}

/** Deep equality that treats NaN as equal to NaN, -0 as 0, compares holes, and functions by reference. */
export function sameValue(a: unknown, b: unknown, seen = new Set<unknown>()): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || (Number.isNaN(a) && Number.isNaN(b));
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (seen.has(a)) return true;
  seen.add(a);
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && Object.is(a.getTime(), b.getTime());
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Reflect.ownKeys(a), kb = Reflect.ownKeys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!sameValue((a as Record<PropertyKey, unknown>)[k], (b as Record<PropertyKey, unknown>)[k], seen)) return false;
  }
  return true;
}

/** A parseTable result: its columns mark blank cells NaN (numbers, dates) by design, counted in `blanks` (docs/io.md). */
function isParsedTable(v: unknown): v is { columns: Record<string, unknown> } {
  return v !== null && typeof v === 'object' && ['columns', 'rows', 'blanks', 'levels'].every((k) => k in v);
}

/** The result with the NaN of its number columns replaced by 0, so that Infinity and holes are still caught. */
function withoutMissing(v: { columns: Record<string, unknown> }): unknown {
  const columns = Object.fromEntries(Object.entries(v.columns).map(([k, c]) => [k, c instanceof Float64Array ? c.map((x) => (Number.isNaN(x) ? 0 : x)) : c]));
  return { ...v, columns };
}

/** What one call did. */
export type Outcome =
  | { ok: true; kind: 'refused'; code: string }
  | { ok: true; kind: 'returned'; value: unknown }
  | { ok: false; why: string };

/** Runs `f(...args)` and judges it: refused with a CrmError, or returned clean data; inputs unchanged. */
export function judge(f: (...a: unknown[]) => unknown, args: unknown[], isClass = false): Outcome {
  const before = snapshot(args);
  let outcome: Outcome;
  try {
    const value = isClass ? new (f as unknown as new (...a: unknown[]) => unknown)(...args) : f(...args);
    const bad = isClass ? undefined : badNumberIn(isParsedTable(value) ? withoutMissing(value) : value);
    outcome = bad ? { ok: false, why: `returned a result where ${bad}` } : { ok: true, kind: 'returned', value };
  } catch (e) {
    if (e instanceof CrmError && e.code in ERROR_CODES) outcome = { ok: true, kind: 'refused', code: e.code };
    else outcome = { ok: false, why: `threw ${(e as Error)?.name ?? typeof e}: ${String((e as Error)?.message ?? e).slice(0, 160)}` };
  }
  if (!sameValue(before, args)) return { ok: false, why: 'mutated its input' };
  return outcome;
}
