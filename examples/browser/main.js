import { associationRules, createRandom, fpGrowth, predictKMeans } from './crm-mining.js';
import { EXAMPLE_BASKETS, examplePoints } from './data.js';

const show = (id, text) => { document.getElementById(id).textContent = text; };
const points = examplePoints(createRandom);
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });

worker.onmessage = (event) => {
  const model = event.data;
  const labels = predictKMeans(model, points);
  const sizes = Array.from({ length: model.centroids.length }, (_, c) => labels.filter((l) => l === c).length);
  show('inertia', model.inertia.toFixed(6));
  show('sizes', sizes.join(', '));
  show('same-labels', String(labels.every((l, i) => l === model.labels[i])));

  const itemsets = fpGrowth(EXAMPLE_BASKETS, { minCount: 2 });
  const rules = associationRules(itemsets, { minConfidence: 0.6 }).rules;
  const top = rules[0];
  show('itemsets', String(itemsets.itemsets.length));
  show('rules', String(rules.length));
  show('top-rule', `${top.antecedent.join(' + ')} -> ${top.consequent.join(' + ')} (lift ${top.lift.toFixed(3)})`);
  show('status', 'done');
  worker.terminate();
};
worker.onerror = (e) => show('status', `error: ${e.message}`);
worker.postMessage({ points, k: 3, seed: 1 });
