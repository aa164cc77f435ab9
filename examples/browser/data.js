// The small data sets of the browser example, seeded so every runtime sees the same ones.
export function examplePoints(createRandom) {
  const r = createRandom(7);
  const points = [];
  for (let i = 0; i < 600; i++) {
    const c = i % 3;
    points.push([c * 3 + r() * 2, (c === 2 ? 4 : 0) + r() * 2]);
  }
  return points;
}

export const EXAMPLE_BASKETS = [
  ['bread', 'milk'], ['bread', 'diapers', 'beer', 'eggs'], ['milk', 'diapers', 'beer', 'cola'],
  ['bread', 'milk', 'diapers', 'beer'], ['bread', 'milk', 'diapers', 'cola'], ['milk', 'eggs'],
  ['bread', 'eggs'], ['diapers', 'beer'], ['bread', 'milk', 'eggs'], ['beer', 'cola'],
];
