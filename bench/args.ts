// The command line of the bench scripts: `--name value` options, bare `--flag`s and the rest
// (file names) in order. An option the script does not declare is refused, so a typo does not
// silently run the default benchmark.
export interface BenchArgs {
  /** The value of `--name value`, or the fallback. */
  value(name: string, fallback: string): string;
  /** Whether `--flag` was given. */
  flag(name: string): boolean;
  /** Everything that is neither an option nor an option's value. */
  readonly rest: string[];
}

/** Reads `argv` (without node and the script) given the names of the options that take a value and of the bare flags. */
export function benchArgs(argv: readonly string[], withValue: readonly string[], flags: readonly string[]): BenchArgs {
  const values = new Map<string, string>();
  const seen = new Set<string>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) { rest.push(a); continue; }
    if (withValue.includes(a)) {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      values.set(a, argv[++i]!);
    } else if (flags.includes(a)) seen.add(a);
    else throw new Error(`unknown option ${a}; known: ${[...withValue, ...flags].join(', ')}`);
  }
  return { value: (name, fallback) => values.get(name) ?? fallback, flag: (name) => seen.has(name), rest };
}
