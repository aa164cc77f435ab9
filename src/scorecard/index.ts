/**
 * Credit scorecards: weight-of-evidence binning, information value, points from a logistic fit on
 * WoE features, scoring, population stability and KS / Gini.
 * @module crm-mining/scorecard
 */
export {
  woeBinNumeric, woeBinCategorical, fitWoeBinning, applyWoeBinning, checkWoeBinningModel,
  type MonotonicTrend, type WoeBin, type NumericVariableBinning, type CategoricalVariableBinning, type VariableBinning,
  type WoeBinningOptions, type FitWoeBinningOptions, type ResolvedWoeBinningOptions, type WoeBinningModel, type ApplyWoeBinningOptions, type WoeRows,
} from './woeBinning.js';
export {
  buildScorecard, scoreScorecard, checkScorecardModel,
  type LogisticOnWoe, type ScorecardOptions, type ScorecardBin, type ScorecardVariable, type ScorecardModel, type ScoreScorecardOptions,
} from './scorecard.js';
export { populationStability, populationStabilityFromCounts, type PopulationStabilityResult } from './populationStability.js';
export { scoreDiscrimination, type ScoreDiscrimination } from './scoreDiscrimination.js';
