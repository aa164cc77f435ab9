/**
 * Customer value: RFM scores and segments, and the 80/20 (Pareto) view.
 * @module crm-mining/rfm
 */
export {
  rfmScore,
  type RfmOptions,
  type RfmCutPoints,
  type RfmCustomer,
  type RfmCounts,
  type RfmResult,
  type ResolvedRfmOptions,
} from './rfmScore.js';
export { DEFAULT_RFM_SEGMENTS, RFM_OTHER_SEGMENT, rfmSegmentOf, type RfmSegmentRule, type RfmScoreRange } from './rfmSegment.js';
export { summarizeRfmSegments, type RfmSegmentSummary } from './summarizeRfmSegments.js';
export {
  paretoAnalysis,
  type ParetoOptions,
  type ParetoResult,
  type ParetoTopShare,
  type ParetoGolden,
  type LorenzPoint,
} from './paretoAnalysis.js';
