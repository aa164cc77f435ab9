// The model-JSON suite: every model and result kind survives JSON and structuredClone exactly in
// every function that reads it; a damaged copy is refused with a CrmError or, where the damaged
// field is not read, gives the same output; out-of-range values never give NaN, a raw exception
// or a hang.
import * as api from '../../src/index.js';
import type { Case } from './cases.js';
import { models } from './calls.js';
import { judge, sameValue } from './judge.js';

type Model = Record<string, unknown>;
type Consumer = [string, (m: unknown) => unknown];

const X = () => [[0.1, 1], [0.5, 0], [1.2, 1], [1.9, 0], [2.4, 1], [3.1, 0], [0.7, 1], [2.2, 0]];
const Xy = () => [0, 0, 1, 0, 1, 1, 0, 1];
const pts = () => [[0, 0], [1, 1], [0, 1], [10, 10], [11, 11], [10, 11], [20, 0], [21, 1]];
const treeRows = () => [{ tenure: 1, plan: 'basic' }, { tenure: 8, plan: 'gold' }, { tenure: 30, plan: 'basic' }];
const summary = () => ({ frequency: [2, 0, 5, 1], recency: [30.4, 0, 35, 10], T: [38.9, 20, 39, 30], monetary: [22.3, 0, 40, 15] });
const a = api as unknown as Record<string, (...args: unknown[]) => unknown>;

/** Which functions read each model or result kind. */
const CONSUMERS: Record<keyof typeof models, Consumer[]> = {
  kmeans: [['predictKMeans', (m) => a.predictKMeans!(m, pts())]],
  decisionTree: [
    ['predictDecisionTree', (m) => a.predictDecisionTree!(m, treeRows())],
    ['predictDecisionTreeProba', (m) => a.predictDecisionTreeProba!(m, treeRows())],
    ['treeRules', (m) => a.treeRules!(m)],
    ['predictDecisionTreeRisk', (m) => a.predictDecisionTreeRisk!(m, treeRows(), { positiveClass: 'churn' })],
    ['applyDecisionTree', (m) => a.applyDecisionTree!(m, treeRows())],
    ['explainDecisionTree', (m) => a.explainDecisionTree!(m, treeRows())],
    ['pruneDecisionTree', (m) => a.pruneDecisionTree!(m, 0.01)],
    ['decisionTreePruningPath', (m) => a.decisionTreePruningPath!(m)],
  ],
  decisionTreeArrays: [['treePermutationImportance', (m) => a.treePermutationImportance!(m, X(), Xy())]],
  regressionTree: [['predictRegressionTree', (m) => a.predictRegressionTree!(m, X())]],
  logistic: [
    ['predictLogisticProba', (m) => a.predictLogisticProba!(m, X())],
    ['predictLogistic', (m) => a.predictLogistic!(m, X())],
  ],
  standardizer: [['applyStandardizer', (m) => a.applyStandardizer!(m, X())]],
  oneHot: [['applyOneHot', (m) => a.applyOneHot!(m, [{ plan: 'gold' }, { plan: 'basic' }])]],
  design: [
    ['applyDesign', (m) => a.applyDesign!(m, treeRows())],
    ['designToSql', (m) => a.designToSql!(m)],
    ['logisticToSql', (m) => a.logisticToSql!(a.fitLogistic!(a.applyDesign!(models.design(), treeRows()), [0, 1, 1], { lambda: 0.1, featureNames: (models.design() as { names: string[] }).names }), { design: m })],
    ['scoreLogistic', (m) => a.scoreLogistic!(a.fitLogistic!(a.applyDesign!(models.design(), treeRows()), [0, 1, 1], { lambda: 0.1, featureNames: (models.design() as { names: string[] }).names }), m, treeRows())],
  ],
  scaler: [['applyScaler', (m) => a.applyScaler!(m, api.toDense(X()))]],
  clusterScaling: [['applyClusterScaling', (m) => a.applyClusterScaling!(m, X())]],
  hierarchical: [
    ['cutTree', (m) => a.cutTree!(m, { k: 3 })],
    ['dendrogramChart', (m) => a.dendrogramChart!(m)],
  ],
  frequentItemsets: [['associationRules', (m) => a.associationRules!(m, { minConfidence: 0.2 })]],
  associationRules: [
    ['recommendItems', (m) => a.recommendItems!(['tea'], m)],
    ['recommendForCustomers', (m) => a.recommendForCustomers!([{ customer: 'a', item: 'tea' }, { customer: 'b', item: 'milk' }], m)],
  ],
  rfm: [
    ['summarizeRfmSegments', (m) => a.summarizeRfmSegments!(m)],
    ['rfmGridChart', (m) => a.rfmGridChart!(m)],
    ['joinClvRfm', (m) => a.joinClvRfm!(models.clvSegments(), m)],
    ['rfmOrdersToSql', (m) => a.rfmOrdersToSql!(m, { from: 'order_lines' })],
  ],
  pareto: [['paretoChart', (m) => a.paretoChart!(m)]],
  bgNbd: [
    ['predictBgNbdProbabilityAlive', (m) => a.predictBgNbdProbabilityAlive!(m, summary())],
    ['predictBgNbdExpectedPurchases', (m) => a.predictBgNbdExpectedPurchases!(m, summary(), 10)],
    ['predictBgNbdNewCustomerPurchases', (m) => a.predictBgNbdNewCustomerPurchases!(m, 10)],
    ['bgNbdToSql', (m) => a.bgNbdToSql!(m)],
    ['customerLifetimeValue', (m) => a.customerLifetimeValue!(m, models.gammaGamma(), summary(), { horizon: 52, discountRate: 0.01 })],
  ],
  gammaGamma: [
    ['predictGammaGammaAverageValue', (m) => a.predictGammaGammaAverageValue!(m, { frequency: [2, 5], monetary: [22, 40] })],
    ['customerLifetimeValue', (m) => a.customerLifetimeValue!(models.bgNbd(), m, summary(), { horizon: 52, discountRate: 0.01 })],
  ],
  clv: [['clvSegments', (m) => a.clvSegments!(m, { highShare: 0.34, lowShare: 0.34 })], ['customerRows', (m) => a.customerRows!(m)]],
  clvSummary: [['customerRows', (m) => a.customerRows!(m)]],
  clvSegments: [['joinClvRfm', (m) => a.joinClvRfm!(m, models.rfm())]],
  transitions: [['migrationChart', (m) => a.migrationChart!(m)]],
  profile: [['clusterProfileChart', (m) => a.clusterProfileChart!(m)]],
  woeBinning: [
    ['applyWoeBinning', (m) => a.applyWoeBinning!(m, [{ age: 25, job: 'a' }, { age: 65, job: 'b' }])],
    ['buildScorecard', (m) => a.buildScorecard!(m, { featureNames: ['age', 'job'], coefficients: [-1, -0.5], intercept: 0 })],
  ],
  scorecard: [['scoreScorecard', (m) => a.scoreScorecard!(m, [{ age: 25, job: 'a' }, { age: 65, job: 'b' }])]],
  isolationForest: [['predictIsolationForestScore', (m) => a.predictIsolationForestScore!(m, pts())]],
  localOutlierFactor: [['predictLocalOutlierFactorScore', (m) => a.predictLocalOutlierFactorScore!(m, [[1.5, 1], [30, 30]])]],
  theta: [['forecastTheta', (m) => a.forecastTheta!(m, 3)]],
  forecast: [['forecastChart', (m) => a.forecastChart!([12, 15, 20, 11, 13, 17, 22, 12], m)], ['forecastAccuracy', (m) => a.forecastAccuracy!([14, 19, 26], m, { insample: [12, 15, 20, 11, 13, 17, 22, 12], period: 4 })]],
  ets: [
    ['forecastEts', (m) => a.forecastEts!(m, 6)],
    ['forecastEts', (m) => a.forecastEts!(m, 6, { method: 'simulate', paths: 200 })],
  ],
  etsBoxCox: [
    ['forecastEts', (m) => a.forecastEts!(m, 6)],
    ['forecastEts', (m) => a.forecastEts!(m, 6, { method: 'simulate', paths: 200 })],
  ],
};

type Path = (string | number)[];
interface Leaf { path: Path; value: unknown; inArray: boolean }

/** Leaves and arrays of a plain-data model, breadth-first, capped so one model stays cheap. */
function leaves(model: unknown, maxNumbers = 40, maxArrays = 25): { numbers: Leaf[]; strings: Leaf[]; booleans: Leaf[]; arrays: Leaf[] } {
  const out = { numbers: [] as Leaf[], strings: [] as Leaf[], booleans: [] as Leaf[], arrays: [] as Leaf[] };
  const queue: [unknown, Path, boolean][] = [[model, [], false]];
  while (queue.length) {
    const [v, path, inArray] = queue.shift()!;
    if (typeof v === 'number') { if (out.numbers.length < maxNumbers) out.numbers.push({ path, value: v, inArray }); continue; }
    if (typeof v === 'string') { out.strings.push({ path, value: v, inArray }); continue; }
    if (typeof v === 'boolean') { out.booleans.push({ path, value: v, inArray }); continue; }
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      if (path.length && out.arrays.length < maxArrays) out.arrays.push({ path, value: v, inArray });
      v.forEach((x, i) => queue.push([x, [...path, i], true]));
    } else {
      for (const [k, x] of Object.entries(v)) queue.push([x, [...path, k], false]);
    }
  }
  return out;
}

function setAt(root: unknown, path: Path, f: (old: unknown) => unknown, remove = false): unknown {
  const copy = JSON.parse(JSON.stringify(root)) as Model;
  if (path.length === 0) return f(copy);
  let o = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove) delete o[last];
  else o[last] = f(o[last]);
  return copy;
}

/**
 * Ids and labels may be numbers or strings, so turning one into the other is a different valid
 * result (a customer 42), not damage a reader can see: for these keys only null is tried.
 */
const ID_KEYS = new Set(['customer', 'label', 'item', 'segment']);
const isIdPath = (p: Path) => p.some((k) => typeof k === 'string' && ID_KEYS.has(k));

const pathText = (p: Path) => p.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('') || '(model)';

/** A damaged copy must be refused, or give exactly the untampered output (the field is not read). */
function breakCase(fn: string, read: (m: unknown) => unknown, fresh: () => unknown, what: string, damage: (m: unknown) => unknown): Case {
  return {
    fn,
    what,
    run: () => {
      const baseline = read(fresh());
      const out = judge(read as (...x: unknown[]) => unknown, [damage(fresh())]);
      if (!out.ok) return out.why;
      if (out.kind === 'refused') return undefined;
      return sameValue(JSON.parse(JSON.stringify(out.value ?? null)), JSON.parse(JSON.stringify(baseline ?? null))) ? undefined : 'accepted a damaged model and returned a different result';
    },
  };
}

/** An out-of-range value may be used, but never gives NaN, a raw exception or a hang. */
function valueCase(fn: string, read: (m: unknown) => unknown, fresh: () => unknown, what: string, damage: (m: unknown) => unknown): Case {
  return { fn, what, run: () => { const out = judge(read as (...x: unknown[]) => unknown, [damage(fresh())]); return out.ok ? undefined : out.why; } };
}

export function modelCases(): Case[] {
  const out: Case[] = [];
  for (const [kind, make] of Object.entries(models) as [keyof typeof models, () => unknown][]) {
    for (const [fn, read] of CONSUMERS[kind]) {
      const label = `${fn}(${kind})`;
      out.push({
        fn: label,
        what: 'JSON and structuredClone round trips give identical output',
        run: () => {
          const m = make();
          const want = JSON.stringify(read(m));
          if (JSON.stringify(read(JSON.parse(JSON.stringify(m)))) !== want) return 'the JSON round trip changed the output';
          if (JSON.stringify(read(structuredClone(m))) !== want) return 'the structuredClone round trip changed the output';
          return undefined;
        },
      });
      const model = make();
      for (const [what, damage] of [
        ['model = []', () => []],
        ['model = null', () => null],
        ['model = "x"', () => 'x'],
        ['kind deleted', (m: unknown) => setAt(m, ['kind'], () => undefined, true)],
        ['kind = "other"', (m: unknown) => setAt(m, ['kind'], () => 'other')],
      ] as [string, (m: unknown) => unknown][]) {
        if (what.startsWith('kind') && !(model && typeof model === 'object' && 'kind' in model)) continue;
        // recommendItems documents `rules` as the result or a (possibly filtered) rules array, and an
        // empty filtered array recommends nothing (test/assoc/rules.test.ts, docs/assoc.md): `[]` is
        // a documented input there, so it must give exactly [] rather than be refused.
        if (label === 'recommendItems(associationRules)' && what === 'model = []') {
          out.push({ fn: label, what: `${what} (documented: an empty rules array gives [])`, run: () => {
            const o = judge(read as (...x: unknown[]) => unknown, [damage(make())]);
            return !o.ok ? o.why : o.kind === 'returned' && sameValue(o.value, []) ? undefined : `expected [] for an empty rules array; got ${o.kind === 'refused' ? o.code : JSON.stringify(o.value)}`;
          } });
          continue;
        }
        out.push(breakCase(label, read, make, what, damage));
      }
      if (model && typeof model === 'object' && 'version' in model) {
        // The next schema version (one this code has not seen); older versions a reader keeps are its own tests'.
        const next = Number((model as { version: unknown }).version) + 1;
        out.push(breakCase(label, read, make, `version = ${next}`, (m) => setAt(m, ['version'], () => next)));
        out.push(breakCase(label, read, make, 'version = "1"', (m) => setAt(m, ['version'], () => '1')));
      }
      const l = leaves(model);
      for (const leaf of l.numbers) {
        const p = pathText(leaf.path);
        out.push(breakCase(label, read, make, `${p} = null`, (m) => setAt(m, leaf.path, () => null)));
        if (!isIdPath(leaf.path)) {
          out.push(breakCase(label, read, make, `${p} = "NaN"`, (m) => setAt(m, leaf.path, () => 'NaN')));
          out.push(breakCase(label, read, make, `${p} = "${String(leaf.value)}" (a string)`, (m) => setAt(m, leaf.path, (v) => String(v))));
        }
        out.push(valueCase(label, read, make, `${p} = 1e308`, (m) => setAt(m, leaf.path, () => 1e308)));
        out.push(valueCase(label, read, make, `${p} = -1`, (m) => setAt(m, leaf.path, () => -1)));
      }
      for (const leaf of l.strings.filter((s) => !s.inArray && !isIdPath(s.path))) {
        out.push(breakCase(label, read, make, `${pathText(leaf.path)} = 42`, (m) => setAt(m, leaf.path, () => 42)));
      }
      for (const leaf of l.booleans) {
        out.push(breakCase(label, read, make, `${pathText(leaf.path)} = "yes"`, (m) => setAt(m, leaf.path, () => 'yes')));
      }
      for (const leaf of l.arrays) {
        const p = pathText(leaf.path);
        out.push(breakCase(label, read, make, `${p} replaced by {}`, (m) => setAt(m, leaf.path, () => ({}))));
        out.push(valueCase(label, read, make, `${p} truncated`, (m) => setAt(m, leaf.path, (v) => (v as unknown[]).slice(0, -1))));
        out.push(valueCase(label, read, make, `${p} emptied`, (m) => setAt(m, leaf.path, () => [])));
      }
      if (model && typeof model === 'object' && !Array.isArray(model)) {
        for (const key of Object.keys(model).filter((k) => k !== 'kind')) {
          out.push(valueCase(label, read, make, `${key} deleted`, (m) => setAt(m, [key], () => undefined, true)));
        }
      }
    }
  }
  return out;
}
