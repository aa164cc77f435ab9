/**
 * Customer lifetime value: per-customer summaries from order lines, BG/NBD (purchases and
 * probability alive), Gamma-Gamma (value per purchase), discounted CLV, value-based segments and
 * value at risk, lined up with RFM.
 * @module crm-mining/clv
 */
export {
  summarizeTransactions, type SummarizeTransactionsOptions, type ClvSummary, type ClvTimeUnit,
} from './summarizeTransactions.js';
export { type ClvSummaryColumns } from './summaryData.js';
export { type ClvFitOptions, type ResolvedClvFitOptions, type ClvFitDiagnostics, type ClvFitStart } from './fitSupport.js';
export {
  fitBgNbd, bgNbdLogLikelihood, predictBgNbdProbabilityAlive, predictBgNbdExpectedPurchases, predictBgNbdNewCustomerPurchases,
  type BgNbdModel, type BgNbdOptions, type BgNbdParams, type ResolvedBgNbdOptions, type BgNbdDiagnostics,
} from './bgNbd.js';
export {
  fitGammaGamma, gammaGammaLogLikelihood, predictGammaGammaAverageValue,
  type GammaGammaModel, type GammaGammaOptions, type GammaGammaParams, type ResolvedGammaGammaOptions,
} from './gammaGamma.js';
export {
  customerLifetimeValue, type CustomerLifetimeValueOptions, type CustomerLifetimeValueResult,
} from './customerLifetimeValue.js';
export {
  clvSegments, joinClvRfm,
  type ClvSegmentsOptions, type ClvSegmentsResult, type ClvSegmentRow, type ClvSegmentTotal, type ClvTier, type ClvStatus,
  type RfmLikeResult, type ClvRfmRow, type ClvRfmJoin,
} from './clvSegments.js';
export {
  customerRows, customerColumns, type ClvSummaryRow, type ClvValueRow, type CustomerRowOf, type CustomerColumns,
} from './customerRows.js';
export { simulateBgNbd, type SimulateBgNbdOptions, type SimulatedBgNbdSummary } from './simulateBgNbd.js';
