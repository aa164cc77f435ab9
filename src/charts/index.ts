/**
 * Charts as Vega-Lite specifications: plain JSON, no runtime dependency. Render them with
 * `vega-embed` in a page, display them in a Jupyter notebook, or compile them with `vega-lite`.
 * @module crm-mining/charts
 */
export { VEGA_LITE_SCHEMA, type VegaLiteSpec, type ChartOptions } from './spec.js';
export { paretoChart, type ParetoChartInput } from './paretoChart.js';
export { rfmGridChart, type RfmGridChartInput } from './rfmGridChart.js';
export { migrationChart, type MigrationChartInput } from './migrationChart.js';
export { rocChart, type RocChartInput } from './rocChart.js';
export { gainChart, liftChart, type LiftChartGroup } from './liftCharts.js';
export { elbowChart, silhouetteChart, dendrogramChart, clusterProfileChart, type ElbowChartInput, type DendrogramChartInput, type ClusterProfileChartInput } from './clusterCharts.js';
export { featureImportanceChart, type FeatureImportanceChartInput } from './featureImportanceChart.js';
export { qiniChart, upliftByPercentileChart, type QiniChartInput, type UpliftByPercentileChartInput } from './qiniChart.js';
export { woeChart, type WoeChartInput } from './woeChart.js';
export { scoreDistributionChart, type ScoreDistributionChartInput } from './scoreDistributionChart.js';
export { forecastChart, type ForecastChartInput, type ForecastChartHistory } from './forecastChart.js';
