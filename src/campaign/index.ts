/**
 * Campaign measurement: did a campaign work (conversion per arm with intervals, z and chi-square
 * tests, difference and ratio of rates, power and sample size), and on whom (two-model and
 * class-transformation uplift on any scorer, uplift and Qini curves, Qini coefficient, uplift at k
 * and by decile). Imports only core.
 * @module crm-mining/campaign
 */
export type { ArmCounts, BinaryFlag } from './input.js';
export { proportionInterval, type ProportionInterval, type ProportionIntervalMethod, type ProportionIntervalOptions } from './proportionInterval.js';
export { armRates, type ArmLabel, type ArmRate, type ArmRates } from './armRates.js';
export {
  twoProportionZTest,
  proportionsChiSquareTest,
  type Alternative,
  type TwoProportionZTest,
  type TwoProportionZTestOptions,
  type ProportionsChiSquareTest,
} from './proportionTests.js';
export {
  rateDifference,
  rateRatio,
  type RateDifference,
  type RateDifferenceMethod,
  type RateDifferenceOptions,
  type RateRatio,
  type RateRatioMethod,
  type RateRatioOptions,
} from './rateComparison.js';
export {
  cohensH,
  twoProportionPower,
  twoProportionSampleSize,
  minimumDetectableEffect,
  type PlanningOptions,
  type TwoProportionPlan,
  type TwoProportionPowerOptions,
  type TwoProportionSampleSizeOptions,
  type MinimumDetectableEffectOptions,
} from './power.js';
export {
  fitTwoModelUplift,
  predictTwoModelUplift,
  fitClassTransformationUplift,
  predictClassTransformationUplift,
  type UpliftFit,
  type UpliftPredict,
  type UpliftData,
  type TwoModelUplift,
  type ClassTransformationUplift,
  type ClassTransformationBalance,
  type ClassTransformationOptions,
} from './upliftModels.js';
export {
  upliftCurve,
  qiniCurve,
  perfectUpliftCurve,
  perfectQiniCurve,
  upliftAucScore,
  qiniAucScore,
  curveArea,
  type UpliftCurve,
  type QiniOptions,
} from './upliftCurves.js';
export { upliftAtK, type UpliftAtK, type UpliftAtKOptions, type UpliftStrategy } from './upliftAtK.js';
export { upliftByPercentile, weightedAverageUplift, type UpliftByPercentile, type UpliftByPercentileOptions, type UpliftGroup } from './upliftByPercentile.js';
