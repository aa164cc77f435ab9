/**
 * Declarative option tables (scikit-learn's `_parameter_constraints` are the model): one table per
 * function gives, for every option, its default, the values it accepts, a one-line description and
 * whether it is stored on the fitted model. {@link resolveOptionTable} checks an options object
 * against the table, and the conformance test (test/core/options-conformance.test.ts) walks every
 * table: unknown keys, a bad value per constraint, each JSDoc `@defaultValue` against the table and
 * the stored options against the fitted model.
 *
 * The public `XOptions` interfaces keep their per-field JSDoc (typedoc renders them); a table is
 * declared with {@link defineOptions}, which makes the compiler refuse a table whose keys or value
 * types drift from the interface, so the type, the default and the check cannot disagree.
 * @module
 */
import { CrmError, describeValue } from './errors.js';
import type { Progress } from './progress.js';
import type { Accessor } from './orders.js';
import { checkBoolean, checkFunction, checkInteger, checkNumber, checkOneOf, resolveOptions } from './validate.js';

/** What data-dependent bounds can read (rows, columns, ...), given by the function at resolve time. */
export type OptionContext = Readonly<Record<string, number>>;

/** A bound fixed in the table, or computed from the call's {@link OptionContext} (e.g. `k <= rows`). */
export type Bound = number | ((ctx: OptionContext) => number);

/** One accepted form of an option's value; `T` is the TypeScript type the form admits. */
export type Constraint<T = unknown> =
  | { readonly type: 'interval'; readonly integer: boolean; readonly min?: Bound; readonly max?: Bound; readonly exclusiveMin?: boolean; readonly exclusiveMax?: boolean; readonly hint?: string | ((ctx: OptionContext) => string); readonly __t?: T }
  | { readonly type: 'oneOf'; readonly values: readonly unknown[]; readonly __t?: T }
  | { readonly type: 'boolean'; readonly __t?: T }
  | { readonly type: 'function'; readonly __t?: T }
  | { readonly type: 'arrayOf'; readonly of: Constraint; readonly nonEmpty: boolean; readonly __t?: T }
  | {
      readonly type: 'custom';
      /** What the form is, for messages: "a plain object mapping labels to weights". */
      readonly describe: string;
      /** True when the value has this form. */
      readonly test: (value: unknown) => boolean;
      /**
       * Optional deeper check of a value of this form that throws its own CrmError naming the
       * option (e.g. one weight of a map out of range).
       */
      readonly check?: (name: string, value: unknown, ctx: OptionContext) => void;
      /** Values of this form's neighbourhood that must be refused: the conformance test tries each. */
      readonly bad: readonly unknown[];
      readonly __t?: T;
    };

/** One option of a table. */
export interface OptionSpec<T = unknown> {
  /** Used when the option is absent or `undefined`; `undefined` for options with no default. */
  readonly default: T | undefined;
  /** For a default computed from the data (`min(256, n)`): the text the JSDoc states for it. */
  readonly computedDefault?: string;
  /** A value must satisfy at least one form (`null` is accepted only with `nullable`). */
  readonly accepts: readonly Constraint[];
  /** `null` is accepted (its meaning, e.g. "no limit", is in the description). */
  readonly nullable: boolean;
  /** The caller must give it (no default). */
  readonly required: boolean;
  /** One line, as in the function's JSDoc. */
  readonly description: string;
  /**
   * How it appears on `model.options`: `'as-given'` (the resolved value), `'derived'` (a value
   * computed from it, e.g. `algorithm: 'auto'` stored as the algorithm that ran), `'no'`
   * (callbacks, generators, per-row data, run control).
   */
  readonly stored: 'as-given' | 'derived' | 'no';
  /** Deprecated names still read as this option (docs/vocabulary.md); giving both is refused. */
  readonly aliases?: readonly string[];
  /** Phantom: the option's TypeScript type. */
  readonly __t?: T;
}

/** A table: option name to spec. */
export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** The resolved value type of one spec (with `null` when nullable). */
export type SpecValue<S> = S extends OptionSpec<infer T> ? T : never;

/** The options a resolved table yields: defaults filled in, so a defaulted option is never undefined. */
export type ResolvedOptions<Tb extends OptionTable> = {
  -readonly [K in keyof Tb]: Tb[K]['default'] extends undefined ? SpecValue<Tb[K]> | undefined : SpecValue<Tb[K]>;
};

// ---- constraint builders --------------------------------------------------------------------

interface IntervalOpts {
  min?: Bound;
  max?: Bound;
  exclusiveMin?: boolean;
  exclusiveMax?: boolean;
  hint?: string | ((ctx: OptionContext) => string);
}

/**
 * A finite number in an interval; bounds may read the call's context.
 * @example
 * number({ min: 0, exclusiveMin: true }).type; // => 'interval'
 */
export function number(o: IntervalOpts = {}): Constraint<number> {
  return { type: 'interval', integer: false, ...o };
}

/**
 * An integer in an interval; bounds may read the call's context.
 * @example
 * integer({ min: 1 }).integer; // => true
 */
export function integer(o: IntervalOpts = {}): Constraint<number> {
  return { type: 'interval', integer: true, ...o };
}

/**
 * One of a fixed set of values (strings, numbers, booleans).
 * @example
 * oneOf(['gini', 'entropy'] as const).values; // => ['gini', 'entropy']
 */
export function oneOf<const V extends readonly (string | number | boolean)[]>(values: V): Constraint<V[number]> {
  return { type: 'oneOf', values };
}

/**
 * `true` or `false`.
 * @example
 * boolean().type; // => 'boolean'
 */
export function boolean(): Constraint<boolean> {
  return { type: 'boolean' };
}

/**
 * A function (accessor, callback, fit function); its signature is given as `F`.
 * @example
 * func<(x: number) => number>().type; // => 'function'
 */
export function func<F>(): Constraint<F> {
  return { type: 'function' };
}

/**
 * An array whose every element satisfies `of`.
 * @example
 * arrayOf(oneOf(['a', 'b'] as const)).type; // => 'arrayOf'
 */
export function arrayOf<T>(of: Constraint<T>, o: { nonEmpty?: boolean } = {}): Constraint<readonly T[]> {
  return { type: 'arrayOf', of: of as Constraint, nonEmpty: o.nonEmpty ?? false };
}

/**
 * Any other form, with a test, a description for messages and values it must refuse.
 * @example
 * custom<Date>({ describe: 'a Date', test: (v) => v instanceof Date, bad: ['2024'] }).type; // => 'custom'
 */
export function custom<T>(o: {
  describe: string;
  test: (value: unknown) => boolean;
  check?: (name: string, value: unknown, ctx: OptionContext) => void;
  bad: readonly unknown[];
}): Constraint<T> {
  return { type: 'custom', ...o };
}

type Accepted<C> = C extends Constraint<infer T> ? T : never;

/**
 * One option: its default, the forms it accepts, its description and how it is stored.
 * @example
 * opt({ default: 10, accepts: [integer({ min: 1 })], description: 'Restarts.', stored: 'as-given' }).default; // => 10
 */
export function opt<
  const C extends readonly Constraint[],
  N extends boolean = false,
  D extends Accepted<C[number]> | (N extends true ? null : never) | undefined = undefined,
>(o: {
  default?: D;
  computedDefault?: string;
  accepts: C;
  nullable?: N;
  required?: boolean;
  description: string;
  stored?: OptionSpec['stored'];
  aliases?: readonly string[];
}): OptionSpec<Accepted<C[number]> | (N extends true ? null : never)> & { readonly default: D } {
  return {
    default: o.default as D,
    ...(o.computedDefault === undefined ? {} : { computedDefault: o.computedDefault }),
    accepts: o.accepts,
    nullable: o.nullable ?? false,
    required: o.required ?? false,
    description: o.description,
    stored: o.stored ?? 'no',
    ...(o.aliases === undefined ? {} : { aliases: o.aliases }),
  };
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * Declares the table of an options interface `I`. The compiler refuses a table that misses a key of
 * `I`, has one `I` does not, or whose accepted values differ from the field's type (a field typed
 * `never`, an option refused with its own message, takes any spec); the runtime table is returned
 * frozen.
 * @example
 * interface O { seed?: number }
 * defineOptions<O>()({ seed: opt({ default: 0, accepts: [integer()], description: 'Seed.' }) }).seed.default; // => 0
 */
export function defineOptions<I extends object>(): DefineOptions<I> {
  return (table) => Object.freeze(table);
}

/** What {@link defineOptions} returns: the checker of one interface's table. */
export type DefineOptions<I extends object> = <Tb extends { [K in keyof Required<I>]: OptionSpec }>(
  table: Tb & { [K in keyof Tb]: K extends keyof I ? ([Exclude<I[K], undefined>] extends [never] ? unknown : Same<SpecValue<Tb[K]>, Exclude<I[K], undefined>> extends true ? unknown : { typeMismatch: K }) : { notInInterface: K } },
) => Readonly<Tb>;

// ---- checking -------------------------------------------------------------------------------

function bound(b: Bound | undefined, ctx: OptionContext): number | undefined {
  return typeof b === 'function' ? b(ctx) : b;
}

function matches(c: Constraint, v: unknown, ctx: OptionContext): boolean {
  switch (c.type) {
    case 'interval': {
      if (typeof v !== 'number' || !Number.isFinite(v) || (c.integer && !Number.isInteger(v))) return false;
      const lo = bound(c.min, ctx);
      const hi = bound(c.max, ctx);
      return (lo === undefined || (c.exclusiveMin ? v > lo : v >= lo)) && (hi === undefined || (c.exclusiveMax ? v < hi : v <= hi));
    }
    case 'oneOf':
      return c.values.includes(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'function':
      return typeof v === 'function';
    case 'arrayOf':
      return Array.isArray(v) && (!c.nonEmpty || v.length > 0) && v.every((e) => matches(c.of, e, ctx));
    case 'custom':
      return c.test(v);
  }
}

function describeConstraint(c: Constraint, ctx: OptionContext): string {
  switch (c.type) {
    case 'interval': {
      const lo = bound(c.min, ctx);
      const hi = bound(c.max, ctx);
      const range = `${lo === undefined ? '(-Infinity' : `${c.exclusiveMin ? '(' : '['}${lo}`}, ${hi === undefined ? 'Infinity)' : `${hi}${c.exclusiveMax ? ')' : ']'}`}`;
      return `${c.integer ? 'an integer' : 'a finite number'} in ${range}`;
    }
    case 'oneOf':
      return `one of ${c.values.map((a) => (typeof a === 'string' ? `'${a}'` : String(a))).join(', ')}`;
    case 'boolean':
      return 'true or false';
    case 'function':
      return 'a function';
    case 'arrayOf':
      return `${c.nonEmpty ? 'a non-empty array' : 'an array'} of ${describeConstraint(c.of, ctx).replace(/^(a|an|one of) /, (m) => (m === 'one of ' ? 'values among ' : ''))}s`.replace(/ss$/, 's');
    case 'custom':
      return c.describe;
  }
}

/** Throws the error of a lone constraint exactly as the validate.ts checks word it. */
function throwSingle(name: string, c: Constraint, v: unknown, ctx: OptionContext): never {
  if (c.type === 'interval') {
    const hint = typeof c.hint === 'function' ? c.hint(ctx) : c.hint;
    const b = { min: bound(c.min, ctx), max: bound(c.max, ctx), exclusiveMin: c.exclusiveMin, exclusiveMax: c.exclusiveMax, hint };
    if (c.integer) checkInteger(name, v, b);
    else checkNumber(name, v, b);
  } else if (c.type === 'oneOf' && c.values.every((x) => typeof x === 'string')) {
    checkOneOf(name, v, c.values as string[]);
  } else if (c.type === 'boolean') {
    checkBoolean(name, v);
  } else if (c.type === 'function') {
    checkFunction(name, v);
  }
  throw invalidOption(name, describeConstraint(c, ctx), v);
}

function invalidOption(name: string, expected: string, value: unknown): CrmError {
  return new CrmError('INVALID_OPTION', `${name} must be ${expected}; got ${describeValue(value)}.`, { option: name, value });
}

/**
 * True when `value` is accepted by the spec (null only when nullable), without the deeper custom
 * checks. O(size of the value).
 * @example
 * optionAccepts(opt({ accepts: [integer({ min: 1 })], description: 'Depth.' }), 0); // => false
 */
export function optionAccepts(spec: OptionSpec, value: unknown, ctx: OptionContext = {}): boolean {
  return (value === null && spec.nullable) || spec.accepts.some((c) => matches(c, value, ctx));
}

/**
 * Checks one value against a spec; returns it unchanged. O(size of the value) for arrays.
 * @throws CrmError `INVALID_OPTION` naming the option, what it accepts and the value received
 * @example
 * checkOption('maxDepth', opt({ default: null, nullable: true, accepts: [integer({ min: 1 })], description: 'Depth.' }), 3); // => 3
 */
export function checkOption(name: string, spec: OptionSpec, value: unknown, ctx: OptionContext = {}): unknown {
  if (value === null && spec.nullable) return value;
  const ok = spec.accepts.filter((c) => matches(c, value, ctx));
  if (ok.length === 0) {
    const forms = spec.accepts.filter((c) => !(c.type === 'custom' && value === null));
    if (forms.length === 1 && !spec.nullable) throwSingle(name, forms[0]!, value, ctx);
    const text = [...spec.accepts.map((c) => describeConstraint(c, ctx)), ...(spec.nullable ? ['null'] : [])];
    const hints = spec.accepts.map((c) => (c.type === 'interval' ? (typeof c.hint === 'function' ? c.hint(ctx) : c.hint) : undefined)).filter(Boolean);
    const expected = text.length <= 2 ? text.join(' or ') : `${text.slice(0, -1).join(', ')} or ${text[text.length - 1]}`;
    const err = invalidOption(name, expected, value);
    if (hints.length > 0) err.message += ` ${hints.join(' ')}`;
    throw err;
  }
  for (const c of ok) if (c.type === 'custom' && c.check) c.check(name, value, ctx);
  return value;
}

/**
 * Resolves an options object against a table: refuses a non-object and unknown keys (with a "did
 * you mean" suggestion, via {@link resolveOptions}), fills defaults, refuses a missing required
 * option, and checks every present value against its spec; every message starts with `fn: `. The
 * input is not mutated.
 * Cost: O(options) plus the size of array-valued options.
 * @param fn - the public function's name, for messages.
 * @param ctx - numbers that data-dependent bounds read (rows, columns).
 * @param only - check only these keys now (the rest are merged but left to a later call), for
 *   functions that must read data before some bounds are known.
 * @throws CrmError `INVALID_OPTION`
 * @example
 * const T = { seed: opt({ default: 0, accepts: [integer()], description: 'Seed.' }) };
 * resolveOptionTable('fitX', T, { seed: 7 }); // => { seed: 7 }
 */
export function resolveOptionTable<Tb extends OptionTable>(
  fn: string,
  table: Tb,
  options: object | undefined,
  ctx: OptionContext = {},
  only?: readonly (keyof Tb & string)[],
): ResolvedOptions<Tb> {
  const defaults: Record<string, unknown> = {};
  const extra: string[] = [];
  for (const [key, spec] of Object.entries(table)) {
    if (spec.default !== undefined) defaults[key] = spec.default;
    else extra.push(key);
  }
  const aliasOf = new Map<string, string>();
  for (const [key, spec] of Object.entries(table)) for (const a of spec.aliases ?? []) aliasOf.set(a, key);
  const o = resolveOptions(fn, defaults, aliasOf.size === 0 ? options : renameAliases(fn, options, aliasOf), extra) as Record<string, unknown>;
  prefixed(fn, () => { for (const key of only ?? Object.keys(table)) checkResolved(table, o, key, ctx); });
  return o as ResolvedOptions<Tb>;
}

/** A copy of `options` with deprecated names under their current one (the input is not mutated). */
function renameAliases(fn: string, options: object | undefined, aliasOf: ReadonlyMap<string, string>): object | undefined {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) return options;
  const out: Record<string, unknown> = { ...options };
  for (const [alias, key] of aliasOf) {
    if (!(alias in out)) continue;
    const v = out[alias];
    delete out[alias];
    if (v === undefined) continue;
    if (out[key] !== undefined && out[key] !== v) {
      throw new CrmError('INVALID_OPTION', `${fn}: ${alias} is the old name of ${key}; give only ${key}.`, { option: key });
    }
    out[key] = v;
  }
  return out;
}

/** Re-throws a CrmError with `fn: ` in front of its message, so every option error names its function. */
function prefixed(fn: string, run: () => void): void {
  try {
    run();
  } catch (e) {
    if (e instanceof CrmError && !e.message.startsWith(`${fn}:`)) throw new CrmError(e.code, `${fn}: ${e.message}`, { ...e.details });
    throw e;
  }
}

/**
 * Checks keys of an already merged options object (the second half of a split resolve, once data
 * has given the context); messages start with `fn: ` as those of {@link resolveOptionTable}. O(keys).
 * @throws CrmError `INVALID_OPTION`
 * @example
 * const T = { k: opt({ accepts: [integer({ min: 1, max: (c) => c.rows! })], required: true, description: 'Clusters.' }) };
 * checkOptionTable('fitX', T, { k: 2 }, ['k'], { rows: 5 }); // => undefined
 */
export function checkOptionTable<Tb extends OptionTable>(fn: string, table: Tb, resolved: object, keys: readonly (keyof Tb & string)[], ctx: OptionContext = {}): void {
  prefixed(fn, () => { for (const key of keys) checkResolved(table, resolved as Record<string, unknown>, key, ctx); });
}

function checkResolved(table: OptionTable, o: Record<string, unknown>, key: string, ctx: OptionContext): void {
  const spec = table[key]!;
  const v = o[key];
  if (v === undefined) {
    if (spec.required) {
      throw new CrmError('INVALID_OPTION', `${key} is required: ${spec.description}`, { option: key });
    }
    return;
  }
  checkOption(key, spec, v, ctx);
}

/**
 * The defaults of a table as a frozen object (the `X_DEFAULTS` exports are built from it).
 * @example
 * optionDefaults({ seed: opt({ default: 0, accepts: [integer()], description: 'Seed.' }) }); // => { seed: 0 }
 */
export function optionDefaults<Tb extends OptionTable>(table: Tb): { readonly [K in keyof Tb as Tb[K]['default'] extends undefined ? never : K]: Exclude<SpecValue<Tb[K]>, undefined> } {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(table)) if (spec.default !== undefined) out[key] = spec.default;
  return Object.freeze(out) as never;
}

/**
 * "No limit" for a count or size option: `Infinity`, accepted next to `null` (the documented
 * spelling, which survives JSON) wherever an option has no limit (docs/vocabulary.md).
 */
export const NO_LIMIT = custom<number>({ describe: 'Infinity (no limit)', test: (v) => v === Infinity, bad: [-Infinity] });

/** `null` and `Infinity` both mean "no limit"; the value to compute with. */
export function limitOf(v: number | null | undefined): number {
  return v === null || v === undefined ? Infinity : v;
}

/**
 * An accessor option: a function `(row, index) => value`, a non-empty property name, or a column
 * index of array rows (the rule and message of core/accessor.ts `checkAccessor`).
 * @example
 * accessor<string>().type; // => 'custom'
 */
export function accessor<T>(): Constraint<Accessor<unknown, T>> {
  return custom<Accessor<unknown, T>>({
    describe: 'a function (row, index) => value or a property name',
    test: (v) => typeof v === 'function' || (typeof v === 'string' && v !== '') || (typeof v === 'number' && Number.isInteger(v) && v >= 0),
    bad: [{}, true, '', -1],
  });
}

/** `true` for an array or typed array (the form per-row weights and columns take). */
function isArrayLike(v: unknown): boolean {
  return Array.isArray(v) || ArrayBuffer.isView(v);
}

/**
 * Per-row sample weights as a table row: the form is checked here, the values (finite, >= 0, not
 * all zero, one per row) by `checkWeights` once the rows are known. Absent means all ones.
 */
export const WEIGHTS_OPTION = opt({
  accepts: [custom<ArrayLike<number>>({ describe: 'an array of non-negative weights, one per row', test: isArrayLike, bad: ['1', 1, {}] })],
  description: 'Non-negative weight per row; absent = all 1.',
});

/** The generator option of stochastic functions; used instead of `seed`, never stored. */
export const RANDOM_OPTION = opt({
  accepts: [func<() => number>()],
  description: 'Generator to use instead of seed (not stored on the model).',
});

/** The seed option of stochastic functions; stored on the model. */
export const SEED_OPTION = opt({
  default: 0,
  accepts: [integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER })],
  description: 'Seed of the generator.',
  stored: 'as-given',
});

/**
 * The rows of a table for a function that passes them on but stores nothing (kmeansElbow fits
 * k-means per k and returns inertias).
 * @example
 * notStored({ seed: SEED_OPTION }).seed.stored; // => 'no'
 */
export function notStored<Tb extends OptionTable>(table: Tb): Tb {
  const out: Record<string, OptionSpec> = {};
  for (const [key, spec] of Object.entries(table)) out[key] = { ...spec, stored: 'no' };
  return out as Tb;
}

/** The run-control options (`signal`, `onProgress`) as table rows; never stored on models. */
export const RUN_CONTROL_OPTIONS = {
  signal: opt({
    accepts: [custom<AbortSignal>({ describe: 'an AbortSignal', test: (v) => v !== null && typeof v === 'object' && typeof (v as AbortSignal).aborted === 'boolean', bad: [{}, 'stop', 1] })],
    description: 'Checked at every progress point: once aborted, the run stops with ABORTED.',
  }),
  onProgress: opt({
    accepts: [func<(progress: Progress) => void>()],
    description: 'Called at every progress point.',
  }),
} as const;

/**
 * The `columns` option of the functions that read feature tables (docs/input.md): the names or
 * accessors of the features. Only the form is checked here; each entry is checked against the data
 * by core/table.ts. Never stored.
 * @example
 * columnsOption<readonly string[]>().stored; // => 'no'
 */
export function columnsOption<T extends readonly unknown[]>(): OptionSpec<T> & { readonly default: undefined } {
  return opt({
    accepts: [custom<T>({ describe: 'an array of column names or accessors', test: Array.isArray, bad: ['recency', {}] })],
    description: 'Features to read from row objects (required), columns or an Arrow table (default: every column); not for number[][] (docs/input.md).',
  });
}
