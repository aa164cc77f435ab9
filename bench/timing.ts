// Timing helpers shared by the compare scripts in bench/<capability>/.

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Milliseconds of `reps` timed runs after `warmup` untimed ones. */
export function runsMs(f: () => unknown, reps: number, warmup: number): number[] {
  for (let i = 0; i < warmup; i++) f();
  const ts: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    f();
    ts.push(performance.now() - t);
  }
  return ts;
}
