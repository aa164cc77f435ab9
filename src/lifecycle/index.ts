/**
 * Customer lifecycle: the stage of each customer at a date (prospect, new, active, reactivated, at
 * risk, lapsed, former) and the migration matrix between two dates.
 * @module crm-mining/lifecycle
 */
export {
  lifecycleStage,
  LIFECYCLE_STAGE_DEFAULTS,
  type LifecycleStageOptions,
  type LifecycleStageResult,
  type LifecycleCustomer,
  type LifecycleStageCount,
} from './lifecycleStage.js';
export {
  lifecycleTransitions,
  LIFECYCLE_TRANSITIONS_DEFAULTS,
  type LifecycleTransitionsOptions,
  type LifecycleTransitionsResult,
} from './lifecycleTransitions.js';
export { lifecycleMoves, type LifecycleMovesOptions, type LifecycleMovesResult, type LifecycleMove } from './lifecycleMoves.js';
export { LIFECYCLE_STAGES, type LifecycleStageName, type LifecycleThresholds, type LifecycleCommonOptions, type LifecycleLineCounts } from './history.js';
