/**
 * crm-mining: data-mining algorithms for customer relationship management. The root export
 * re-exports every capability; import a subpath (`crm-mining/rfm`, ...) to keep bundles small.
 * @module crm-mining
 */
export * from './core/index.js';
