// The mutated argument lists for one baseline call: garbage in each argument, in row 0, in cell
// [0][0], in each key of row 0 and of each options object, a hole, a ragged row and an unknown key.
import { GARBAGE } from './judge.js';

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

export function* variants(base: () => unknown[]): Generator<[string, () => unknown[]]> {
  const n = base().length;
  for (let i = 0; i < n; i++) {
    for (const [gName, g] of GARBAGE) {
      yield [`arg ${i} = ${gName}`, () => { const args = base(); args[i] = g(); return args; }];
    }
    const sample = base()[i];
    if (Array.isArray(sample) && sample.length > 0) {
      for (const [gName, g] of GARBAGE) {
        yield [`arg ${i}[0] = ${gName}`, () => { const args = base(); (args[i] as unknown[])[0] = g(); return args; }];
      }
      if (sample.length > 1) {
        yield [`arg ${i} with a hole at [1]`, () => { const args = base(); delete (args[i] as unknown[])[1]; return args; }];
      }
      const first = sample[0];
      if (Array.isArray(first) && first.length > 0) {
        for (const [gName, g] of GARBAGE) {
          yield [`arg ${i}[0][0] = ${gName}`, () => { const args = base(); ((args[i] as unknown[][])[0]!)[0] = g(); return args; }];
        }
        yield [`arg ${i} ragged (row 0 one longer)`, () => { const args = base(); (args[i] as unknown[][])[0]!.push(1); return args; }];
      }
      if (isPlainObject(first)) {
        for (const key of Object.keys(first)) {
          for (const [gName, g] of GARBAGE) {
            yield [`arg ${i}[0].${key} = ${gName}`, () => { const args = base(); ((args[i] as Record<string, unknown>[])[0]!)[key] = g(); return args; }];
          }
        }
      }
    }
    if (isPlainObject(sample) && !('kind' in sample)) {
      for (const key of Object.keys(sample)) {
        for (const [gName, g] of GARBAGE) {
          yield [`arg ${i}.${key} = ${gName}`, () => { const args = base(); (args[i] as Record<string, unknown>)[key] = g(); return args; }];
        }
      }
      yield [`arg ${i} with an unknown key`, () => { const args = base(); (args[i] as Record<string, unknown>).bogusOption = 1; return args; }];
    }
  }
}
