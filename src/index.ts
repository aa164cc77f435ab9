/**
 * crm-mining: data-mining algorithms for customer relationship management. The root export
 * re-exports every capability; import a subpath (`crm-mining/rfm`, `crm-mining/metrics`, ...) to
 * keep a browser bundle to what it uses.
 * @module crm-mining
 */
export * from './core/index.js';
export * from './rfm/index.js';
export * from './lifecycle/index.js';
export * from './cluster/index.js';
export * from './assoc/index.js';
export * from './tree/index.js';
export * from './linear/index.js';
export * from './metrics/index.js';
export * from './clv/index.js';
export * from './charts/index.js';
export * from './campaign/index.js';
export * from './scorecard/index.js';
export * from './anomaly/index.js';
export * from './sql/index.js';
export * from './forecast/index.js';
