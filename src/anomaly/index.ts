/**
 * Anomaly scores: robust z-scores, per-customer order anomalies, isolation forest and local outlier factor.
 * @module anomaly
 */
export {};
