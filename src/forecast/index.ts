/**
 * Forecasting of CRM time series (revenue, orders, active customers per period).
 * @module crm-mining/forecast
 */
export * from './ets.js';
