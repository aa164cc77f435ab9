/**
 * Anomaly scores: robust z-scores, per-customer order anomalies, isolation forest and local
 * outlier factor.
 * @module crm-mining/anomaly
 */
export {
  fitIsolationForest, predictIsolationForestScore, checkIsolationForestModel,
  type IsolationForestOptions, type IsolationTree, type IsolationForestModel,
} from './isolationForest.js';
export {
  fitLocalOutlierFactor, predictLocalOutlierFactorScore, checkLocalOutlierFactorModel,
  type LocalOutlierFactorOptions, type LocalOutlierFactorModel,
} from './localOutlierFactor.js';
export { robustZScores, MAD_SCALE, MEAN_AD_SCALE, type RobustCombine, type RobustZScoresResult } from './robustZScores.js';
export { orderAnomalies, type OrderAnomaliesOptions, type OrderAnomaly, type OrderAnomaliesResult } from './orderAnomalies.js';
export { type AnomalyPoints, type AnomalyColumnsOption } from './points.js';
