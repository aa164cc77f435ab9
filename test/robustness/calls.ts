// One valid call per public function, on small data: the baseline that the bad-input walk and the
// model-JSON suite mutate. Each `args` builds fresh inputs, so a call cannot see another's changes.
import * as api from '../../src/index.js';

type Args = () => unknown[];

const orders = () => [
  { customer: 'a', date: '2024-01-01', amount: 10, orderId: 'o1', item: 'tea' },
  { customer: 'a', date: '2024-01-15', amount: 30, orderId: 'o2', item: 'milk' },
  { customer: 'b', date: '2024-01-05', amount: 5, orderId: 'o3', item: 'tea' },
  { customer: 'b', date: '2024-02-05', amount: 7, orderId: 'o4', item: 'cake' },
  { customer: 'c', date: '2024-02-10', amount: 50, orderId: 'o5', item: 'milk' },
  { customer: 'c', date: '2024-02-11', amount: 20, orderId: 'o6', item: 'tea' },
];
const points = () => [[0, 0], [1, 1], [0, 1], [10, 10], [11, 11], [10, 11], [20, 0], [21, 1]];
const pointLabels = () => [0, 0, 0, 1, 1, 1, 2, 2];
const y = () => [1, 0, 1, 0, 1, 1, 0, 0];
const scores = () => [0.9, 0.2, 0.7, 0.4, 0.8, 0.3, 0.6, 0.1];
const X = () => [[0.1, 1], [0.5, 0], [1.2, 1], [1.9, 0], [2.4, 1], [3.1, 0], [0.7, 1], [2.2, 0]];
const Xy = () => [0, 0, 1, 0, 1, 1, 0, 1];
const treeRows = () => [
  { tenure: 1, plan: 'basic' }, { tenure: 3, plan: 'gold' }, { tenure: 5, plan: 'basic' }, { tenure: 8, plan: 'gold' },
  { tenure: 12, plan: 'basic' }, { tenure: 20, plan: 'gold' }, { tenure: 30, plan: 'basic' }, { tenure: 40, plan: 'gold' },
];
const treeColumns = () => [{ name: 'tenure', type: 'numeric' }, { name: 'plan', type: 'categorical' }];
const treeY = () => ['churn', 'churn', 'churn', 'stay', 'churn', 'stay', 'stay', 'stay'];
const treatment = () => [1, 1, 0, 0, 1, 0, 1, 0];
const meanFit = (_x: number[][], t: number[]) => t.reduce((a, b) => a + b, 0) / t.length;
const constPredict = (m: number, x: number[][]) => x.map(() => m);
const baskets = () => [['tea', 'milk'], ['tea', 'milk'], ['tea', 'milk', 'cake'], ['tea'], ['milk', 'cake']];
const summary = () => ({ frequency: [2, 0, 5, 1], recency: [30.4, 0, 35, 10], T: [38.9, 20, 39, 30], monetary: [22.3, 0, 40, 15] });
const bgModel = () => ({ kind: 'bgNbd', version: 1, timeUnit: 'weeks', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } });
const ggModel = () => ({ kind: 'gammaGamma', version: 1, params: { p: 6.25, q: 3.74, v: 15.44 } });
const clvResult = () => ({ kind: 'clv', customers: ['a', 'b', 'c'], clv: [90, 5, 40], clvIfAlive: [100, 50, 40], probabilityAlive: [0.9, 0.1, 1], expectedPurchases: [3, 0.2, 2], expectedAverageValue: [30, 25, 20] });

const creditRows = () => [20, 30, 40, 50, 60, 70].map((age, i) => ({ age, job: i % 2 ? 'b' : 'a' }));
const creditY = () => [1, 1, 0, 1, 0, 0];
const woe = () => api.fitWoeBinning(creditRows(), creditY(), { numeric: ['age'], categorical: ['job'], minBinShare: 0, maxPrebins: 2 });
const card = () => api.buildScorecard(woe(), { featureNames: ['age', 'job'], coefficients: [-1, -0.5], intercept: 0 }, { pdo: 20, baseScore: 600, baseOdds: 1 });

const monthly = () => [12, 15, 20, 11, 13, 17, 22, 12, 14, 18, 24, 13, 15, 20, 25, 14];
const salesLines = () => [
  { date: '2024-01-03', amount: 10, orderId: 'o1', quantity: 2, price: 5, region: 'north' },
  { date: '2024-02-10', amount: 7, orderId: 'o2', quantity: 1, price: 7, region: 'south' },
  { date: '2024-03-15', amount: 12, orderId: 'o3', quantity: 3, price: 4, region: 'north' },
  { date: '2024-05-20', amount: 9, orderId: 'o4', quantity: 3, price: 3, region: 'south' },
];
const quarterly = () => ({ values: [30, 41, 52, 35, 33, 45, 57, 38, 36, 49, 61, 41, 39, 52, 66, 44], period: 4 });

/** Fitted models and results, each built fresh. */
export const models = {
  kmeans: () => api.fitKMeans(points(), { k: 3, seed: 1 }),
  decisionTree: () => api.fitDecisionTree(treeRows(), treeY(), { columns: treeColumns() } as never),
  decisionTreeArrays: () => api.fitDecisionTree(X(), Xy()),
  regressionTree: () => api.fitRegressionTree(X(), [1, 2, 3, 4, 5, 6, 7, 8]),
  logistic: () => api.fitLogistic(X(), Xy(), { lambda: 0.1 }),
  standardizer: () => api.fitStandardizer(X()),
  oneHot: () => api.fitOneHot([{ plan: 'gold' }, { plan: 'basic' }], { columns: ['plan'] }),
  design: () => api.fitDesign(treeRows(), { columns: [{ name: 'tenure', type: 'numeric', standardize: true }, { name: 'plan', type: 'categorical' }] }),
  scaler: () => api.fitScaler(api.toDense(X()), 'zscore'),
  clusterScaling: () => api.fitClusterScaling(X(), ['log1p', 'zscore']),
  hierarchical: () => api.hierarchical(points(), { linkage: 'average' }),
  frequentItemsets: () => api.fpGrowth(baskets(), { minCount: 1 }),
  associationRules: () => api.associationRules(api.fpGrowth(baskets(), { minCount: 1 }), { minConfidence: 0.2 }),
  rfm: () => api.rfmScore(orders(), { asOf: '2024-03-01T00:00:00Z' }),
  pareto: () => api.paretoAnalysis([50, 30, 10, 5, 3, 2]),
  bgNbd: () => bgModel(),
  gammaGamma: () => ggModel(),
  clv: () => clvResult(),
  clvSummary: () => api.summarizeTransactions(orders(), { calibrationEnd: '2024-02-20T00:00:00Z', observationEnd: '2024-03-01T00:00:00Z', timeUnit: 'weeks' }),
  clvSegments: () => api.clvSegments(clvResult() as never, { highShare: 0.34, lowShare: 0.34 }),
  transitions: () => api.lifecycleTransitions(orders(), { from: '2024-01-20T00:00:00Z', to: '2024-03-01T00:00:00Z' }),
  profile: () => api.profileSegments(points(), pointLabels(), { features: ['x', 'y'] }),
  woeBinning: () => woe(),
  scorecard: () => card(),
  isolationForest: () => api.fitIsolationForest(points(), { seed: 1, trees: 10 }),
  localOutlierFactor: () => api.fitLocalOutlierFactor(points(), { neighbors: 2 }),
  theta: () => api.fitTheta(monthly(), { period: 4 }),
  forecast: () => api.forecastTheta(api.fitTheta(monthly(), { period: 4 }), 3),
  ets: () => api.fitEts(quarterly(), { model: 'MAM' }),
  etsBoxCox: () => api.fitEts(quarterly(), { model: 'AAA', lambda: 0.5, biasAdjust: true }),
} satisfies Record<string, () => unknown>;

const m = models;

/** One valid call for each exported function (by name). */
export const calls: Record<string, Args> = {
  // core
  CrmError: () => ['EMPTY_INPUT', 'no rows'],
  isCrmError: () => [new api.CrmError('EMPTY_INPUT', 'x'), 'EMPTY_INPUT'],
  createRandom: () => [7],
  fork: () => [api.createRandom(7)],
  toDense: () => [X()],
  fromColumns: () => [[[1, 2, 3], [4, 5, 6]]],
  toRows: () => [api.toDense(X())],
  rank: () => [[3, 1, 2, 2]],
  quantiles: () => [[1, 2, 3, 4, 5], [0.25, 0.5]],
  fitScaler: () => [api.toDense(X()), 'zscore'],
  applyScaler: () => [m.scaler(), api.toDense(X())],
  // rfm
  rfmScore: () => [orders(), { asOf: '2024-03-01T00:00:00Z', orderId: 'orderId' }],
  rfmSegmentOf: () => [5, 4, 3],
  summarizeRfmSegments: () => [m.rfm()],
  paretoAnalysis: () => [[50, 30, 10, 5, 3, 2]],
  // lifecycle
  lifecycleStage: () => [orders(), { asOf: '2024-03-01T00:00:00Z' }],
  lifecycleTransitions: () => [orders(), { from: '2024-01-20T00:00:00Z', to: '2024-03-01T00:00:00Z' }],
  lifecycleMoves: () => [orders(), { from: '2024-01-20T00:00:00Z', to: '2024-03-01T00:00:00Z', movedOnly: false }],
  // cluster
  fitKMeans: () => [points(), { k: 3, seed: 1 }],
  predictKMeans: () => [m.kmeans(), points()],
  kmeansElbow: () => [points(), { maxK: 3 }],
  hierarchical: () => [points(), { linkage: 'average' }],
  cutTree: () => [m.hierarchical(), { k: 3 }],
  estimateHierarchicalMemory: () => [100, 2, 'average', false],
  silhouette: () => [points(), pointLabels()],
  silhouetteSamples: () => [points(), pointLabels()],
  daviesBouldin: () => [points(), pointLabels()],
  calinskiHarabasz: () => [points(), pointLabels()],
  fitClusterScaling: () => [X(), ['log1p', 'zscore']],
  applyClusterScaling: () => [m.clusterScaling(), X()],
  profileSegments: () => [points(), pointLabels(), { features: ['x', 'y'] }],
  // assoc
  fpGrowth: () => [baskets(), { minCount: 1 }],
  apriori: () => [baskets(), { minCount: 1 }],
  associationRules: () => [m.frequentItemsets(), { minConfidence: 0.2 }],
  recommendItems: () => [['tea'], m.associationRules()],
  targetCustomers: () => [orders(), ['tea', 'milk']],
  recommendForCustomers: () => [orders(), m.associationRules(), { topN: 2, exclude: ['cake'] }],
  targetCustomersForItemsets: () => [orders(), [['tea', 'milk'], ['milk', 'cake']], { minHeld: 1 }],
  // tree
  fitDecisionTree: () => [treeRows(), treeY(), { columns: treeColumns() }],
  fitRegressionTree: () => [X(), [1, 2, 3, 4, 5, 6, 7, 8]],
  predictDecisionTree: () => [m.decisionTree(), treeRows()],
  predictDecisionTreeProba: () => [m.decisionTree(), treeRows()],
  predictRegressionTree: () => [m.regressionTree(), X()],
  treeRules: () => [m.decisionTree()],
  predictDecisionTreeRisk: () => [m.decisionTree(), treeRows(), { positiveClass: 'churn' }],
  applyDecisionTree: () => [m.decisionTree(), treeRows()],
  explainDecisionTree: () => [m.decisionTree(), treeRows(), { positiveClass: 'churn', target: 'status', digits: 3 }],
  pruneDecisionTree: () => [m.decisionTree(), 0.01],
  decisionTreePruningPath: () => [m.decisionTree()],
  treePermutationImportance: () => [m.decisionTreeArrays(), X(), Xy()],
  // linear
  fitLogistic: () => [X(), Xy(), { lambda: 0.1 }],
  predictLogisticProba: () => [m.logistic(), X()],
  predictLogistic: () => [m.logistic(), X()],
  fitStandardizer: () => [X()],
  applyStandardizer: () => [m.standardizer(), X()],
  fitOneHot: () => [[{ plan: 'gold' }, { plan: 'basic' }], { columns: ['plan'] }],
  applyOneHot: () => [m.oneHot(), [{ plan: 'gold' }, { plan: 'basic' }]],
  fitDesign: () => [treeRows(), { columns: [{ name: 'tenure', type: 'numeric', standardize: true }, { name: 'plan', type: 'categorical', dropFirst: true, unknown: 'refuse' }] }],
  applyDesign: () => [m.design(), treeRows()],
  scoreLogistic: () => {
    const design = m.design();
    return [api.fitLogistic(api.applyDesign(design, treeRows()), Xy(), { lambda: 0.1, featureNames: design.names }), design, treeRows()];
  },
  // metrics
  rocAuc: () => [y(), scores()],
  rocCurve: () => [y(), scores()],
  prCurve: () => [y(), scores()],
  averagePrecision: () => [y(), scores()],
  ksStatistic: () => [y(), scores()],
  logLoss: () => [y(), scores()],
  brierScore: () => [y(), scores()],
  calibrationTable: () => [y(), scores(), { bins: 2 }],
  liftTable: () => [y(), scores(), { groups: 2 }],
  profitCurve: () => [y(), scores(), { valuePerResponse: 10, costPerContact: 4 }],
  confusionMatrix: () => [y(), [1, 0, 1, 1, 0, 1, 0, 0]],
  accuracy: () => [y(), [1, 0, 1, 1, 0, 1, 0, 0]],
  precision: () => [y(), [1, 0, 1, 1, 0, 1, 0, 0]],
  recall: () => [y(), [1, 0, 1, 1, 0, 1, 0, 0]],
  f1: () => [y(), [1, 0, 1, 1, 0, 1, 0, 0]],
  trainTestSplit: () => [y(), { testFraction: 0.25, seed: 1 }],
  stratifiedKFold: () => [y(), { folds: 2 }],
  pick: () => [X(), [3, 0, 1]],
  crossValidate: () => [
    () => null,
    (_m: unknown, x: number[][]) => x.map((r) => r[0]!),
    { features: [[1], [2], [3], [4]], labels: [0, 0, 1, 1] },
    [{ train: [0, 2], test: [1, 3] }, { train: [1, 3], test: [0, 2] }],
  ],
  // clv
  summarizeTransactions: () => [orders(), { calibrationEnd: '2024-02-20T00:00:00Z', observationEnd: '2024-03-01T00:00:00Z', timeUnit: 'weeks' }],
  bgNbdLogLikelihood: () => [bgModel().params, summary()],
  fitBgNbd: () => [summary()],
  predictBgNbdProbabilityAlive: () => [bgModel(), summary()],
  predictBgNbdExpectedPurchases: () => [bgModel(), summary(), 10],
  predictBgNbdNewCustomerPurchases: () => [bgModel(), 10],
  gammaGammaLogLikelihood: () => [ggModel().params, { frequency: [2, 5, 1], monetary: [22.3, 40, 15] }],
  fitGammaGamma: () => [{ frequency: [2, 5, 1, 3, 4], monetary: [22.3, 40, 15, 30, 12] }],
  predictGammaGammaAverageValue: () => [ggModel(), { frequency: [2, 5, 1], monetary: [22.3, 40, 15] }],
  customerLifetimeValue: () => [bgModel(), ggModel(), summary(), { horizon: 52, discountRate: 0.01 }],
  simulateBgNbd: () => [bgModel().params, { customers: 3, T: 39, seed: 1 }],
  clvSegments: () => [clvResult(), { highShare: 0.34, lowShare: 0.34 }],
  joinClvRfm: () => [m.clvSegments(), m.rfm()],
  customerRows: () => [clvResult()],
  customerColumns: () => [[{ customer: 'a', frequency: 2, monetary: null }, { customer: 'b', frequency: 0, monetary: null }]],
  // charts
  paretoChart: () => [m.pareto()],
  rfmGridChart: () => [m.rfm()],
  migrationChart: () => [m.transitions()],
  elbowChart: () => [api.kmeansElbow(points(), { maxK: 3 })],
  silhouetteChart: () => [api.silhouetteSamples(points(), pointLabels()), pointLabels()],
  dendrogramChart: () => [m.hierarchical()],
  clusterProfileChart: () => [m.profile()],
  rocChart: () => [api.rocCurve(y(), scores())],
  gainChart: () => [api.liftTable(y(), scores(), { groups: 2 })],
  liftChart: () => [api.liftTable(y(), scores(), { groups: 2 })],
  featureImportanceChart: () => [api.treePermutationImportance(m.decisionTreeArrays(), X(), Xy())],
  // campaign
  proportionInterval: () => [{ successes: 12, trials: 100 }],
  armRates: () => [[1, 0, 0, 1, 0, 0, 1, 0], ['mail', 'mail', 'mail', 'none', 'none', 'none', 'mail', 'none']],
  twoProportionZTest: () => [{ successes: 60, trials: 500 }, { successes: 40, trials: 500 }],
  proportionsChiSquareTest: () => [[{ successes: 60, trials: 500 }, { successes: 40, trials: 500 }]],
  rateDifference: () => [{ successes: 60, trials: 500 }, { successes: 40, trials: 500 }],
  rateRatio: () => [{ successes: 60, trials: 500 }, { successes: 40, trials: 500 }],
  cohensH: () => [0.12, 0.1],
  twoProportionPower: () => [{ controlRate: 0.1, treatedRate: 0.12, treatedSize: 3000 }],
  twoProportionSampleSize: () => [{ controlRate: 0.1, treatedRate: 0.12 }],
  minimumDetectableEffect: () => [{ controlRate: 0.1, treatedSize: 3835 }],
  upliftAtK: () => [y(), scores(), treatment(), { fraction: 0.5 }],
  upliftByPercentile: () => [y(), scores(), treatment(), { bins: 2 }],
  weightedAverageUplift: () => [y(), scores(), treatment(), { bins: 2 }],
  upliftCurve: () => [y(), scores(), treatment()],
  qiniCurve: () => [y(), scores(), treatment()],
  perfectUpliftCurve: () => [y(), treatment()],
  perfectQiniCurve: () => [y(), treatment()],
  curveArea: () => [api.qiniCurve(y(), scores(), treatment())],
  upliftAucScore: () => [y(), scores(), treatment()],
  qiniAucScore: () => [y(), scores(), treatment()],
  fitTwoModelUplift: () => [meanFit, { features: X(), outcomes: y(), treatment: treatment() }],
  predictTwoModelUplift: () => [constPredict, api.fitTwoModelUplift(meanFit, { features: X(), outcomes: y(), treatment: treatment() }), X()],
  fitClassTransformationUplift: () => [meanFit, { features: X(), outcomes: y(), treatment: treatment() }],
  predictClassTransformationUplift: () => [constPredict, api.fitClassTransformationUplift(meanFit, { features: X(), outcomes: y(), treatment: treatment() }), X()],
  qiniChart: () => [api.qiniCurve(y(), scores(), treatment())],
  upliftByPercentileChart: () => [api.upliftByPercentile(y(), scores(), treatment(), { bins: 2 })],
  // scorecard
  woeBinNumeric: () => [[1, 2, 3, 4, 5, 6, 7, 8], [1, 1, 1, 0, 1, 0, 0, 0], { maxPrebins: 4, minBinShare: 0 }],
  woeBinCategorical: () => [['a', 'a', 'b', 'b', 'a', 'b'], [1, 1, 0, 1, 0, 0], { minBinShare: 0 }],
  fitWoeBinning: () => [creditRows(), creditY(), { numeric: ['age'], categorical: ['job'], minBinShare: 0, maxPrebins: 2 }],
  applyWoeBinning: () => [woe(), creditRows()],
  checkWoeBinningModel: () => [woe(), 'demo'],
  buildScorecard: () => [woe(), { featureNames: ['age', 'job'], coefficients: [-1, -0.5], intercept: 0 }, { pdo: 20, baseScore: 600, baseOdds: 1 }],
  checkScorecardModel: () => [card(), 'demo'],
  scoreScorecard: () => [card(), creditRows()],
  populationStabilityFromCounts: () => [[50, 30, 20], [40, 30, 30]],
  populationStability: () => [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 2, 3, 3, 5, 6, 7, 8, 9, 12]],
  scoreDiscrimination: () => [[1, 1, 0, 0], [500, 620, 580, 700]],
  woeChart: () => [woe().variables[0]],
  scoreDistributionChart: () => [{ scores: [500, 620, 580, 700], labels: [1, 1, 0, 0] }],
  // anomaly
  robustZScores: () => [[[1, 5], [2, 6], [3, 5], [4, 7], [100, 6]]],
  orderAnomalies: () => [[20, 22, 19, 21, 20, 23, 250].map((amount, i) => ({ customer: 'c1', date: Date.UTC(2024, 0, i + 1), amount })), { minHistory: 5 }],
  fitIsolationForest: () => [points(), { seed: 1, trees: 10 }],
  predictIsolationForestScore: () => [models.isolationForest(), points()],
  checkIsolationForestModel: () => [models.isolationForest(), 'demo'],
  fitLocalOutlierFactor: () => [points(), { neighbors: 2 }],
  predictLocalOutlierFactorScore: () => [models.localOutlierFactor(), [[1.5, 1], [30, 30]]],
  checkLocalOutlierFactorModel: () => [models.localOutlierFactor(), 'demo'],
  // sql
  quoteSqlIdentifier: () => ['a"b', 'duckdb'],
  sqlStringLiteral: () => ["it's", 'duckdb'],
  sqlDoubleLiteral: () => [0.1, 'duckdb'],
  treeToSql: () => [m.decisionTree(), { positiveClass: 'churn' }],
  logisticToSql: () => [m.logistic(), { output: 'probability' }],
  kmeansToSql: () => [m.kmeans(), { columns: ['x', 'y'] }],
  rfmToSql: () => [m.rfm(), { dialect: 'duckdb' }],
  rfmOrdersToSql: () => [m.rfm(), { from: 'order_lines' }],
  lifecycleOrdersToSql: () => [{ atRiskDays: 20, lapsedDays: 40, formerDays: 80, newDays: 20 }, { from: 'order_lines' }],
  bgNbdToSql: () => [m.bgNbd(), { dialect: 'duckdb' }],
  designToSql: () => [m.design(), { dialect: 'duckdb' }],
  // forecast
  salesSeries: () => [salesLines(), { frequency: 'month', value: 'revenue', partialPeriods: 'keep' }],
  naive: () => [monthly(), { horizon: 3 }],
  seasonalNaive: () => [monthly(), { horizon: 3, period: 4 }],
  drift: () => [monthly(), { horizon: 3, level: [80, 95] }],
  fitTheta: () => [monthly(), { period: 4 }],
  forecastTheta: () => [m.theta(), 3, { level: [80, 95] }],
  forecastAccuracy: () => [[14, 19, 26], m.forecast(), { insample: monthly(), period: 4 }],
  forecastSeries: () => [monthly(), { horizon: 3, method: 'theta', period: 4 }],
  backtest: () => [monthly(), 'naive', { horizon: 2, initial: 12, step: 1 }],
  forecastMany: () => [{ a: monthly(), b: monthly().map((v) => v * 2) }, { horizon: 2, method: 'naive' }],
  forecastChart: () => [monthly(), m.forecast(), { historyPoints: 8 }],
  // forecast (ETS)
  fitEts: () => [quarterly(), { damped: false }],
  forecastEts: () => [m.ets(), 6, { level: [80, 95], paths: 200 }],
  boxCox: () => [[1, 4, 9, 16], 0.5],
  invBoxCox: () => [[0, 2, 4, 6], 0.5, { biasAdjust: true, variance: 0.1 }],
  boxCoxLambda: () => [quarterly().values, { lower: -1, upper: 2, period: 4 }],
  // io
  parseTable: () => [
    [{ id: 'a', when: '12/1/2010 8:26', amount: '3.5', paid: 'yes', plan: 'gold' }, { id: 'b', when: '12/2/2010 9:00', amount: '', paid: 'no', plan: 'basic' }],
    { customer: { type: 'string', from: 'id' }, date: { type: 'date', from: 'when', format: 'M/D/YYYY H:mm', timeZone: '+01:00' }, amount: 'number', paid: 'boolean', plan: 'categorical' },
    { maxErrors: 5 },
  ],
  compileDateFormat: () => ['D/M/YYYY', 'UTC', 'parseTable'],
};
