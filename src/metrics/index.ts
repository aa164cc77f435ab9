/**
 * Evaluation of scoring models: classification rates, ROC and PR curves, probability scores,
 * lift and gain, profit, calibration, and seeded splits for model selection. Imports only core.
 * @module crm-mining/metrics
 */
export type { BinaryLabel, RankingOptions } from './input.js';
export { confusionMatrix, accuracy, precision, recall, f1, type ConfusionMatrix } from './confusionMatrix.js';
export { rocAuc, rocCurve, type RocCurve } from './rocAuc.js';
export { averagePrecision, prCurve, type PrCurve } from './averagePrecision.js';
export { logLoss, brierScore, type LogLossOptions } from './logLoss.js';
export { ksStatistic, type KsResult } from './ksStatistic.js';
export { calibrationTable, type CalibrationOptions, type CalibrationBin } from './calibrationTable.js';
export { liftTable, type LiftTableOptions, type LiftGroup } from './liftTable.js';
export { profitCurve, type ProfitCurveOptions, type ProfitCurve } from './profitCurve.js';
export {
  trainTestSplit,
  stratifiedKFold,
  type ClassLabel,
  type SplitIndices,
  type TrainTestSplitOptions,
  type StratifiedKFoldOptions,
} from './trainTestSplit.js';
export { pick, type PickRows } from './pick.js';
export { crossValidate, type CrossValidateData, type CrossValidateOptions, type CrossValidateResult } from './crossValidate.js';
