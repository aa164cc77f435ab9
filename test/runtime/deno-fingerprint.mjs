// Run by Deno (`deno run --allow-read`): imports every subpath of the built package and prints the
// fingerprint of the root export as JSON.
import { fingerprint } from './fingerprint.mjs';

const pkg = JSON.parse(await Deno.readTextFile(new URL('../../package.json', import.meta.url)));
const counts = {};
for (const sub of Object.keys(pkg.exports)) {
  if (sub === './package.json') continue;
  const path = `../../${pkg.exports[sub].import.default.slice(2)}`;
  counts[sub] = Object.keys(await import(new URL(path, import.meta.url).href)).length;
}
const lib = await import(new URL('../../dist/index.js', import.meta.url).href);
console.log(JSON.stringify({ counts, fingerprint: fingerprint(lib) }));
