/**
 * The registry of option tables, walked by test/core/options-conformance.test.ts. Internal: not
 * exported from the package (it imports every capability, so a bundle importing it would hold all).
 * @module
 */
import type { OptionTable } from './core/options.js';
import { KMEANS_OPTIONS } from './cluster/kmeans.js';
import { HIERARCHICAL_OPTIONS } from './cluster/hierarchical.js';
import { CLUSTER_SCALING_OPTIONS } from './cluster/clusterScaling.js';
import { ISOLATION_FOREST_OPTIONS } from './anomaly/isolationForest.js';
import { LOCAL_OUTLIER_FACTOR_OPTIONS } from './anomaly/localOutlierFactor.js';
import { LOGISTIC_OPTIONS } from './linear/logistic.js';
import { BG_NBD_OPTIONS } from './clv/bgNbd.js';
import { GAMMA_GAMMA_OPTIONS } from './clv/gammaGamma.js';
import { FREQUENT_ITEMSETS_OPTIONS } from './assoc/itemsets.js';
import { ASSOCIATION_RULES_OPTIONS } from './assoc/rules.js';
import { RFM_OPTIONS } from './rfm/rfmScore.js';
import { FIT_WOE_BINNING_OPTIONS } from './scorecard/woeBinning.js';
import { CLASS_TRANSFORMATION_OPTIONS } from './campaign/upliftModels.js';
import { ONE_HOT_OPTIONS, STANDARDIZER_OPTIONS } from './linear/design.js';
import { DESIGN_OPTIONS } from './linear/fitDesign.js';
import { CLV_OPTIONS } from './clv/customerLifetimeValue.js';
import { CLV_SEGMENTS_OPTIONS } from './clv/clvSegments.js';
import { KMEANS_ELBOW_OPTIONS } from './cluster/kmeansElbow.js';
import { DECISION_TREE_OPTIONS, REGRESSION_TREE_OPTIONS } from './tree/options.js';
import { ETS_FORECAST_OPTIONS, ETS_OPTIONS } from './forecast/ets.js';
import { FORECAST_THETA_OPTIONS, THETA_OPTIONS } from './forecast/theta.js';
import { BASELINE_OPTIONS } from './forecast/baselines.js';
import { FORECAST_SERIES_OPTIONS } from './forecast/forecastSeries.js';
import { FORECAST_MANY_OPTIONS } from './forecast/forecastMany.js';
import { BACKTEST_OPTIONS } from './forecast/backtest.js';
import { BOX_COX_LAMBDA_OPTIONS, INV_BOX_COX_OPTIONS } from './forecast/boxCox.js';
import { SALES_SERIES_OPTIONS } from './forecast/salesSeries.js';
import { FORECAST_ACCURACY_OPTIONS } from './forecast/forecastAccuracy.js';

/** Where a table is used and documented. */
export interface OptionTableEntry {
  readonly table: OptionTable;
  /** Index of the options argument in the function's signature. */
  readonly optionsArg: number;
  /** `file#Interface` of the interfaces whose fields document the options (searched in order). */
  readonly docs: readonly string[];
  /** The property of the result that holds the stored options (`'.'`: the result itself); `null` when nothing is stored. */
  readonly storedOn: string | null;
}

const RUN_CONTROL_DOC = 'src/core/progress.ts#RunControl';

/** Every function with an option table, by public name. */
export const OPTION_TABLES: Readonly<Record<string, OptionTableEntry>> = {
  fitKMeans: { table: KMEANS_OPTIONS, optionsArg: 1, docs: ['src/cluster/kmeans.ts#KMeansOptions', 'src/cluster/shared.ts#ClusterColumnsOption', RUN_CONTROL_DOC], storedOn: 'options' },
  hierarchical: { table: HIERARCHICAL_OPTIONS, optionsArg: 1, docs: ['src/cluster/hierarchical.ts#HierarchicalOptions', 'src/cluster/shared.ts#ClusterColumnsOption', RUN_CONTROL_DOC], storedOn: '.' },
  fitIsolationForest: { table: ISOLATION_FOREST_OPTIONS, optionsArg: 1, docs: ['src/anomaly/isolationForest.ts#IsolationForestOptions', 'src/anomaly/points.ts#AnomalyColumnsOption', RUN_CONTROL_DOC], storedOn: 'options' },
  fitLocalOutlierFactor: { table: LOCAL_OUTLIER_FACTOR_OPTIONS, optionsArg: 1, docs: ['src/anomaly/localOutlierFactor.ts#LocalOutlierFactorOptions', 'src/anomaly/points.ts#AnomalyColumnsOption', RUN_CONTROL_DOC], storedOn: 'options' },
  fitLogistic: { table: LOGISTIC_OPTIONS, optionsArg: 2, docs: ['src/linear/logistic.ts#LogisticOptions', 'src/linear/logisticInput.ts#LogisticColumnsOptions', RUN_CONTROL_DOC], storedOn: 'options' },
  fitBgNbd: { table: BG_NBD_OPTIONS, optionsArg: 1, docs: ['src/clv/bgNbd.ts#BgNbdOptions', 'src/clv/fitSupport.ts#ClvFitOptions'], storedOn: 'options' },
  fitGammaGamma: { table: GAMMA_GAMMA_OPTIONS, optionsArg: 1, docs: ['src/clv/gammaGamma.ts#GammaGammaOptions', 'src/clv/fitSupport.ts#ClvFitOptions'], storedOn: 'options' },
  fpGrowth: { table: FREQUENT_ITEMSETS_OPTIONS, optionsArg: 1, docs: ['src/assoc/itemsets.ts#FrequentItemsetsOptions', 'src/assoc/transactions.ts#AssocInputOptions', 'src/assoc/transactions.ts#AssocLineAccessors', RUN_CONTROL_DOC], storedOn: '.' },
  apriori: { table: FREQUENT_ITEMSETS_OPTIONS, optionsArg: 1, docs: ['src/assoc/itemsets.ts#FrequentItemsetsOptions', 'src/assoc/transactions.ts#AssocInputOptions', 'src/assoc/transactions.ts#AssocLineAccessors', RUN_CONTROL_DOC], storedOn: '.' },
  associationRules: { table: ASSOCIATION_RULES_OPTIONS, optionsArg: 1, docs: ['src/assoc/rules.ts#AssociationRulesOptions', RUN_CONTROL_DOC], storedOn: null },
  rfmScore: { table: RFM_OPTIONS, optionsArg: 1, docs: ['src/rfm/rfmScore.ts#RfmOptions', 'src/core/orders.ts#OrderAccessors'], storedOn: 'options' },
  fitWoeBinning: { table: FIT_WOE_BINNING_OPTIONS, optionsArg: 2, docs: ['src/scorecard/woeBinning.ts#FitWoeBinningOptions', 'src/scorecard/woeBinning.ts#WoeBinningOptions'], storedOn: 'options' },
  fitClassTransformationUplift: { table: CLASS_TRANSFORMATION_OPTIONS, optionsArg: 2, docs: ['src/campaign/upliftModels.ts#ClassTransformationOptions'], storedOn: '.' },
  fitOneHot: { table: ONE_HOT_OPTIONS, optionsArg: 1, docs: ['src/linear/design.ts#OneHotOptions'], storedOn: 'options' },
  fitStandardizer: { table: STANDARDIZER_OPTIONS, optionsArg: 1, docs: ['src/linear/design.ts#StandardizerOptions'], storedOn: null },
  fitDesign: { table: DESIGN_OPTIONS, optionsArg: 1, docs: ['src/linear/fitDesign.ts#DesignOptions'], storedOn: '.' },
  customerLifetimeValue: { table: CLV_OPTIONS, optionsArg: 3, docs: ['src/clv/customerLifetimeValue.ts#CustomerLifetimeValueOptions', RUN_CONTROL_DOC], storedOn: '.' },
  clvSegments: { table: CLV_SEGMENTS_OPTIONS, optionsArg: 1, docs: ['src/clv/clvSegments.ts#ClvSegmentsOptions'], storedOn: 'options' },
  kmeansElbow: { table: KMEANS_ELBOW_OPTIONS, optionsArg: 1, docs: ['src/cluster/kmeansElbow.ts#KMeansElbowOptions', 'src/cluster/kmeans.ts#KMeansOptions', 'src/cluster/shared.ts#ClusterColumnsOption', RUN_CONTROL_DOC], storedOn: null },
  fitClusterScaling: { table: CLUSTER_SCALING_OPTIONS, optionsArg: 2, docs: ['src/cluster/clusterScaling.ts#ClusterScalingOptions', 'src/cluster/shared.ts#ClusterColumnsOption'], storedOn: null },
  fitDecisionTree: { table: DECISION_TREE_OPTIONS, optionsArg: 2, docs: ['src/tree/types.ts#DecisionTreeOptions', 'src/tree/types.ts#TreeGrowthOptions'], storedOn: 'options' },
  fitRegressionTree: { table: REGRESSION_TREE_OPTIONS, optionsArg: 2, docs: ['src/tree/types.ts#RegressionTreeOptions', 'src/tree/types.ts#TreeGrowthOptions'], storedOn: 'options' },
  fitEts: { table: ETS_OPTIONS, optionsArg: 1, docs: ['src/forecast/ets.ts#EtsOptions'], storedOn: 'options' },
  fitTheta: { table: THETA_OPTIONS, optionsArg: 1, docs: ['src/forecast/theta.ts#ThetaOptions'], storedOn: 'options' },
  forecastEts: { table: ETS_FORECAST_OPTIONS, optionsArg: 2, docs: ['src/forecast/ets.ts#EtsForecastOptions'], storedOn: null },
  forecastTheta: { table: FORECAST_THETA_OPTIONS, optionsArg: 2, docs: ['src/forecast/theta.ts#ForecastThetaOptions'], storedOn: null },
  naive: { table: BASELINE_OPTIONS, optionsArg: 1, docs: ['src/forecast/baselines.ts#BaselineOptions'], storedOn: null },
  seasonalNaive: { table: BASELINE_OPTIONS, optionsArg: 1, docs: ['src/forecast/baselines.ts#BaselineOptions'], storedOn: null },
  drift: { table: BASELINE_OPTIONS, optionsArg: 1, docs: ['src/forecast/baselines.ts#BaselineOptions'], storedOn: null },
  forecastSeries: { table: FORECAST_SERIES_OPTIONS, optionsArg: 1, docs: ['src/forecast/forecastSeries.ts#ForecastSeriesOptions'], storedOn: null },
  forecastMany: { table: FORECAST_MANY_OPTIONS, optionsArg: 1, docs: ['src/forecast/forecastMany.ts#ForecastManyOptions', RUN_CONTROL_DOC], storedOn: null },
  backtest: { table: BACKTEST_OPTIONS, optionsArg: 2, docs: ['src/forecast/backtest.ts#BacktestOptions', RUN_CONTROL_DOC], storedOn: '.' },
  invBoxCox: { table: INV_BOX_COX_OPTIONS, optionsArg: 2, docs: ['src/forecast/boxCox.ts#InvBoxCoxOptions'], storedOn: null },
  boxCoxLambda: { table: BOX_COX_LAMBDA_OPTIONS, optionsArg: 1, docs: ['src/forecast/boxCox.ts#BoxCoxLambdaOptions'], storedOn: null },
  salesSeries: { table: SALES_SERIES_OPTIONS, optionsArg: 1, docs: ['src/forecast/salesSeries.ts#SalesSeriesOptions'], storedOn: null },
  forecastAccuracy: { table: FORECAST_ACCURACY_OPTIONS, optionsArg: 2, docs: ['src/forecast/forecastAccuracy.ts#ForecastAccuracyOptions'], storedOn: null },
};
