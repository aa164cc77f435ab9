/**
 * Shared building blocks: errors, option checks, seeded randomness, dense matrices, ranking.
 * @module core
 */
export { CrmError, ERROR_CODES, isCrmError, type ErrorCode } from './errors.js';
export { createRandom, fork, type Random } from './random.js';
export { type DenseMatrix, type ToDenseOptions, toDense, fromColumns, toRows } from './dense.js';
export { rank, quantiles, type TieMethod } from './rank.js';
export { fitScaler, applyScaler, type Scaler, type NamedScaler, type ScalingMethod } from './scaling.js';
export { type DateInput, type LaterLines, DAY_MS } from './dates.js';
export { type Diagnostics } from './model.js';
export { type Id, type Accessor, type OrderColumns, type OrderAccessors, type OrderInput } from './orders.js';
export { type Progress, type RunControl } from './progress.js';
export { type FeatureTable, type ColumnTable, type NumericAccessor, type NumericKey, type KeyOfType, type RowOf, type AnyRow } from './table.js';
export { type ArrowTableLike, type ArrowVectorLike, type ArrowTypeLike } from './arrow.js';
