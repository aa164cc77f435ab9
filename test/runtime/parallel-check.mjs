// forecastManyParallel on the built package against forecastMany, in whatever runtime runs this
// file (Node ESM, Deno): prints one JSON line. Plain JavaScript so every runtime loads it as is.
const here = new URL('../../dist/forecast/', import.meta.url);
const { forecastMany } = await import(new URL('index.js', here).href);
const { forecastManyParallel } = await import(new URL('parallel.js', here).href);
const wave = (n, k) => Array.from({ length: n }, (_, i) => 50 + k * i + 10 * Math.sin((2 * Math.PI * i) / 4) + ((i * 31 * (k + 1)) % 7));
const many = { a: wave(24, 1), b: { kind: 'salesSeries', period: 4, values: wave(20, 2) }, c: [1, Number.NaN], d: new Float64Array(wave(16, 3)) };
const options = { horizon: 4, method: 'auto', period: 4, failures: 'skip' };
const seq = forecastMany(many, options);
const par = await forecastManyParallel(many, { ...options, workers: 2 });
// Messages name the function that ran; everything else must be identical.
const same = JSON.stringify(par).replaceAll('forecastManyParallel', 'forecastMany') === JSON.stringify(seq);
let refused = null;
try {
  await forecastManyParallel({ x: [1, 2], y: [Infinity] }, { horizon: 1, method: 'naive', workers: 2 });
} catch (e) {
  refused = { code: e.code, group: e.details.group };
}
console.log(JSON.stringify({ same, forecasts: par.forecasts.length, failed: par.failed.map((f) => f.group), refused }));
