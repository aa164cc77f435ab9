// Walks every registered option table (src/optionTables.ts) against the real function: an unknown
// key and a misspelt key are refused with INVALID_OPTION (the typo with a suggestion); every
// accepted form gets values just outside it, each refused with a CrmError naming the option; each
// default equals the `@defaultValue` written in the options interface; and the options the table
// says are stored appear on the fitted model with the resolved value.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import * as api from '../../src/index.js';
import { CrmError } from '../../src/core/errors.js';
import { checkOption, optionAccepts, type Constraint, type OptionSpec } from '../../src/core/options.js';
import { OPTION_TABLES } from '../../src/optionTables.js';
import { calls } from '../robustness/calls.js';
import { REPO_ROOT } from '../helpers/shared.js';

const entries = Object.entries(OPTION_TABLES);

function baseline(fn: string): { f: (...a: unknown[]) => unknown; args: unknown[]; options: Record<string, unknown> } {
  const f = (api as Record<string, unknown>)[fn] as (...a: unknown[]) => unknown;
  const args = calls[fn]!();
  const i = OPTION_TABLES[fn]!.optionsArg;
  while (args.length <= i) args.push(undefined);
  return { f, args, options: (args[i] ?? {}) as Record<string, unknown> };
}

function callWith(fn: string, options: Record<string, unknown>): unknown {
  const { f, args } = baseline(fn);
  args[OPTION_TABLES[fn]!.optionsArg] = options;
  return f(...args);
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  return undefined;
}

/** Values just outside one form, written here from the form's definition (not from options.ts). */
function outside(c: Constraint): unknown[] {
  switch (c.type) {
    case 'interval': {
      const out: unknown[] = [NaN, Infinity, '1', null];
      if (typeof c.min === 'number') out.push(c.exclusiveMin ? c.min : c.min - (c.integer ? 1 : Math.max(1e-9, Math.abs(c.min) * 1e-6)));
      if (typeof c.max === 'number') out.push(c.exclusiveMax ? c.max : c.max + (c.integer ? 1 : Math.max(1e-9, Math.abs(c.max) * 1e-6)));
      if (c.integer) out.push((typeof c.min === 'number' && c.min > -1e15 ? c.min : 0) + 0.5);
      return out;
    }
    case 'oneOf': {
      const first = c.values[0];
      return ['not-a-value', typeof first === 'string' ? first.toUpperCase() + '_' : 'x', 7, null];
    }
    case 'boolean':
      return ['true', 1, null];
    case 'function':
      return ['f', {}, null];
    case 'arrayOf':
      return ['x', [Symbol.for('not-an-element')], ...outside(c.of).slice(0, 2).map((v) => [v]), ...(c.nonEmpty ? [[]] : [])];
    case 'custom':
      return [...c.bad];
  }
}

function show(v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x) => (typeof x === 'symbol' ? 'Symbol' : Number.isNaN(x) ? 'NaN' : x)) ?? String(v);
  } catch {
    return typeof v;
  }
}

function names(e: unknown, key: string): boolean {
  if (!(e instanceof CrmError)) return false;
  const d = e.details as Record<string, unknown>;
  return d.option === key || d.argument === key || e.message.includes(key);
}

/** The JSDoc of each field of the listed interfaces (`file#Interface`), first interface first. */
function fieldDocs(docs: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const ref of docs) {
    const [file, name] = ref.split('#') as [string, string];
    const text = readFileSync(join(REPO_ROOT, file), 'utf8');
    const start = text.search(new RegExp(`export interface ${name}\\b[^{]*\\{`));
    if (start < 0) throw new Error(`${ref}: interface not found`);
    const body = text.slice(start, start + text.slice(start).search(/\n\}/));
    for (const m of body.matchAll(/\/\*\*([\s\S]*?)\*\/\s*(?:readonly\s+)?([A-Za-z0-9_]+)\??\s*:/g)) {
      if (!out.has(m[2]!)) out.set(m[2]!, m[1]!);
    }
    for (const m of body.matchAll(/^\s*(?:readonly\s+)?([A-Za-z0-9_]+)\??\s*:/gm)) if (!out.has(m[1]!)) out.set(m[1]!, '');
  }
  return out;
}

/** The stated default of a field's JSDoc, as a value; `absent` when the doc states none. */
function statedDefault(doc: string): { value: unknown } | 'absent' {
  const text0 = doc.replace(/^\s*\* ?/gm, '');
  // The tag wins over prose ("Default: all numeric, named x0, x1..." explains what null means).
  const m = /@default(?:Value)?\s+([^\n]*?)\s*$/m.exec(text0) ?? /Default:\s+([^\n]*?)\s*$/m.exec(text0);
  if (!m) return 'absent';
  // A trailing gloss such as "1073741824 (1 GiB)" is not part of the value.
  const text = m[1]!.replace(/`/g, '').replace(/\.$/, '').replace(/\s+\([^)]*\)$/, '').trim();
  // A named constant (DEFAULT_RFM_SEGMENTS) is the package export of that name.
  if (/^[A-Z][A-Z0-9_]+$/.test(text) && text in api) return { value: (api as Record<string, unknown>)[text] };
  try {
    return { value: (0, eval)(`(${text})`) };
  } catch {
    return { value: text };
  }
}

describe.each(entries)('%s option table', (fn, entry) => {
  const table = entry.table as Record<string, OptionSpec>;

  test('the baseline call works and every key of the table is a known option', () => {
    expect(() => callWith(fn, baseline(fn).options)).not.toThrow();
    for (const key of Object.keys(table)) {
      // undefined is the same as leaving the option out (a required one then complains either way).
      const absent = { ...baseline(fn).options };
      delete absent[key];
      const e = thrown(() => callWith(fn, { ...absent, [key]: undefined }));
      const f = thrown(() => callWith(fn, absent));
      expect(String(e), `${fn}: ${key}: undefined`).toBe(String(f));
      if (table[key]!.required) expect((f as CrmError).details.option, `${key} is required`).toBe(key);
    }
  });

  test('an unknown key is INVALID_OPTION naming it; a misspelt key suggests the real one', () => {
    const e = thrown(() => callWith(fn, { ...baseline(fn).options, notAnOptionOfAnyFunction: 1 }));
    expect(e).toBeInstanceOf(CrmError);
    expect((e as CrmError).code).toBe('INVALID_OPTION');
    expect((e as CrmError).details.option).toBe('notAnOptionOfAnyFunction');
    const key = Object.keys(table).sort((a, b) => b.length - a.length)[0]!;
    const typo = key.slice(0, -1) + (key.endsWith('x') ? 'y' : 'x');
    const t = thrown(() => callWith(fn, { ...baseline(fn).options, [typo]: table[key]!.default }));
    expect((t as CrmError).code).toBe('INVALID_OPTION');
    expect((t as CrmError).message).toContain(`Did you mean '${key}'?`);
  });

  test.each(Object.keys(table))('%s: a value outside each accepted form is refused, naming the option', (key) => {
    const spec = table[key]!;
    const tried: unknown[] = [];
    for (const c of spec.accepts) {
      for (const v of outside(c)) {
        if (v === null && spec.nullable) continue;
        // A value outside one form may be inside another (init: a string or an array).
        if (spec.accepts.some((other) => other !== c && optionAccepts({ ...spec, accepts: [other], nullable: false }, v))) continue;
        expect(thrown(() => checkOption(key, spec, v)), `${key} = ${show(v)} is accepted by the table`).toBeInstanceOf(CrmError);
        tried.push(v);
        const e = thrown(() => callWith(fn, { ...baseline(fn).options, [key]: v }));
        expect(names(e, key), `${fn}({ ${key}: ${show(v)} }) gave ${String(e)}`).toBe(true);
      }
    }
    if (!spec.nullable) {
      const e = thrown(() => callWith(fn, { ...baseline(fn).options, [key]: null }));
      expect(names(e, key), `${fn}({ ${key}: null }) gave ${String(e)}`).toBe(true);
    }
    expect(tried.length + (spec.nullable ? 0 : 1)).toBeGreaterThan(0);
  });

  test('each default equals the @defaultValue of the options interface', () => {
    const docs = fieldDocs(entry.docs);
    const problems: string[] = [];
    for (const [key, spec] of Object.entries(table)) {
      const doc = docs.get(key);
      if (doc === undefined) { problems.push(`${key}: not a field of ${entry.docs.join(', ')}`); continue; }
      const stated = statedDefault(doc);
      if (spec.computedDefault !== undefined) {
        if (stated === 'absent' || String(stated.value) !== spec.computedDefault) problems.push(`${key}: the doc states ${stated === 'absent' ? 'no default' : String(stated.value)}, the table computes ${spec.computedDefault}`);
      } else if (spec.default === undefined) {
        if (stated !== 'absent' && stated.value !== undefined) problems.push(`${key}: the doc states ${String(stated.value)} but the table has no default`);
      } else if (stated === 'absent') {
        problems.push(`${key}: the table's default ${JSON.stringify(spec.default)} is not stated in the doc`);
      } else {
        try {
          expect(stated.value).toEqual(spec.default);
        } catch {
          problems.push(`${key}: the doc says ${JSON.stringify(stated.value)}, the table ${JSON.stringify(spec.default)}`);
        }
      }
    }
    expect(problems, problems.join('; ')).toEqual([]);
  });

  test('the options stored on the model are those the table marks stored', () => {
    const result = callWith(fn, baseline(fn).options) as Record<string, unknown>;
    if (entry.storedOn === null) {
      expect(Object.values(table).filter((s) => s.stored !== 'no')).toEqual([]);
      return;
    }
    const stored = (entry.storedOn === '.' ? result : result[entry.storedOn]) as Record<string, unknown>;
    expect(stored).toBeTypeOf('object');
    const given = baseline(fn).options;
    for (const [key, spec] of Object.entries(table)) {
      if (spec.stored === 'no') expect(Object.hasOwn(stored, key) && entry.storedOn !== '.', `${key} must not be stored`).toBe(false);
      else expect(Object.hasOwn(stored, key), `${key} is not on the model`).toBe(true);
      if (spec.stored === 'as-given') expect(stored[key], key).toEqual(given[key] ?? spec.default);
    }
    // The model stores nothing the table does not know (derived extras such as `weighted` aside).
    if (entry.storedOn === '.') return;
    const unknown = Object.keys(stored).filter((k) => !(k in table));
    expect(unknown.every((k) => /^(weighted|featureNames|columns|nFeatures)$/.test(k)), unknown.join(', ')).toBe(true);
  });
});

test('every fit function of the package that takes an options object has an option table', () => {
  const fits = Object.keys(api).filter((k) => /^fit[A-Z]/.test(k) && typeof (api as Record<string, unknown>)[k] === 'function');
  expect(fits.filter((k) => !(k in OPTION_TABLES) && !NO_OPTIONS_OBJECT.includes(k)).sort()).toEqual([]);
  // A function listed here must really take no options object (its last parameter is not one).
  for (const k of NO_OPTIONS_OBJECT) expect(fits, k).toContain(k);
});

/** Fit functions whose settings are positional (a method name) or absent. */
const NO_OPTIONS_OBJECT: readonly string[] = ['fitTwoModelUplift', 'fitScaler'];
