/**
 * Segmentation by clustering: k-means (Lloyd, Hamerly, mini-batch), hierarchical clustering with
 * scipy's linkage matrix, cluster quality indices, an elbow helper, segment profiles and scaling.
 * @module crm-mining/cluster
 */
export {
  fitKMeans, predictKMeans, KMEANS_DEFAULTS, KMEANS_LIMITS,
  type KMeansOptions, type KMeansModel, type ResolvedKMeansOptions, type KMeansDiagnostics, type KMeansAlgorithm, type KMeansInit,
} from './kmeans.js';
export { kmeansElbow, MAX_ELBOW_K, type KMeansElbowOptions, type KMeansElbowResult } from './kmeansElbow.js';
export {
  hierarchical, estimateHierarchicalMemory, HIERARCHICAL_DEFAULTS, LINKAGE_METHODS,
  type HierarchicalOptions, type HierarchicalResult, type LinkageMethod, type LinkageRow,
} from './hierarchical.js';
export { cutTree, type CutTreeOptions } from './cutTree.js';
export { silhouette, silhouetteSamples, daviesBouldin, calinskiHarabasz, SILHOUETTE_DEFAULTS, type SilhouetteOptions, type SilhouetteSamplesOptions } from './quality.js';
export { profileSegments, type ProfileSegmentsOptions, type SegmentProfile, type SegmentSummary } from './profileSegments.js';
export { fitClusterScaling, applyClusterScaling, type ClusterScaling, type ClusterScalingOptions } from './clusterScaling.js';
export type { ClusterPoints, ClusterData, ClusterColumnsOption, ClusterProgress, ClusterRunControl } from './shared.js';
