/**
 * Sales forecasting: sales series from order lines (per day, ISO week, month, quarter or year, per
 * group, gaps filled with zero); ETS (with an optional Box-Cox transform), the Theta method, their combination (the default) and the
 * naive, seasonal naive and drift baselines, with prediction intervals; rolling-origin backtests
 * with accuracy measures; and many series at once.
 * @module crm-mining/forecast
 */
export { FREQUENCY_PERIOD, DEFAULT_LEVELS, type Forecast, type Frequency, type SeriesInput, type SeriesShape, type IntervalBounds } from './series.js';
export { naive, seasonalNaive, drift, type BaselineOptions } from './baselines.js';
export { fitTheta, forecastTheta, type ThetaModel, type ThetaOptions, type ForecastThetaOptions } from './theta.js';
export { forecastAccuracy, type ForecastAccuracy, type ForecastAccuracyOptions } from './forecastAccuracy.js';
export { forecastSeries, FORECAST_METHODS, type ForecastMethod, type ForecastMethodName, type CustomForecastMethod, type ForecastSeriesOptions } from './forecastSeries.js';
export { backtest, type BacktestOptions, type BacktestResult } from './backtest.js';
export { forecastMany, type ForecastManyOptions, type ForecastManyResult, type ManySeriesInput } from './forecastMany.js';
export { salesSeries, type SalesSeries, type SalesSeriesByGroup, type SalesSeriesOptions, type SalesSeriesDiagnostics, type SalesValue } from './salesSeries.js';
export { boxCox, invBoxCox, boxCoxLambda, type InvBoxCoxOptions, type BoxCoxLambdaOptions } from './boxCox.js';
export { fitEts, forecastEts, type EtsSeries, type EtsOptions, type EtsSpec, type EtsModel, type EtsForecastOptions, type EtsForecast } from './ets.js';
export type { EtsBounds } from './etsBounds.js';
export type { EtsOptCrit } from './etsFit.js';
