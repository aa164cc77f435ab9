/**
 * Response and churn scoring: logistic regression (penalised or with Wald inference) and the
 * design helpers it needs (one-hot encoding, standardisation fitted on training data).
 * @module crm-mining/linear
 */
export {
  fitLogistic,
  predictLogisticProba,
  predictLogistic,
  type LogisticOptions,
  type LogisticPenalty,
  type ResolvedLogisticOptions,
  type LogisticModel,
  type LogisticTerm,
  type LogisticDiagnostics,
  type PredictLogisticOptions,
} from './logistic.js';
export {
  fitOneHot,
  applyOneHot,
  fitStandardizer,
  applyStandardizer,
  type CategoryValue,
  type OneHotOptions,
  type OneHotEncoding,
  type StandardizerOptions,
  type ApplyStandardizerOptions,
} from './design.js';
export {
  fitDesign,
  applyDesign,
  type DesignColumn,
  type DesignOptions,
  type DesignModel,
  type ResolvedDesignColumn,
  type DesignRows,
} from './fitDesign.js';
export { type LogisticFeatures, type LogisticColumnsOptions, type LogisticTarget } from './logisticInput.js';
export { scoreLogistic } from './scoreLogistic.js';
