/**
 * Scoring where the data lives: fitted models (trees, logistic regression with its design, k-means,
 * BG/NBD probability alive) and RFM cut points as SQL expressions, and RFM and lifecycle stages
 * from order lines as queries, for DuckDB, PostgreSQL, Spark SQL, BigQuery and Snowflake. Strings
 * out; no database driver needed.
 * @module crm-mining/sql
 */
export { quoteSqlIdentifier, sqlStringLiteral, sqlDoubleLiteral, SQL_DIALECTS, type SqlDialect } from './dialect.js';
export type { SqlTarget } from './columns.js';
export { treeToSql, type TreeToSqlOptions, type TreeModelShape } from './treeToSql.js';
export { logisticToSql, type LogisticToSqlOptions, type LogisticModelShape } from './logisticToSql.js';
export { kmeansToSql, type KMeansToSqlOptions, type KMeansModelShape } from './kmeansToSql.js';
export { rfmToSql, type RfmToSqlOptions, type RfmSql, type RfmResultShape } from './rfmToSql.js';
export { rfmOrdersToSql, type RfmOrdersToSqlOptions, type RfmOrderColumns, type RfmSettingsShape } from './rfmOrdersToSql.js';
export { bgNbdToSql, type BgNbdToSqlOptions, type BgNbdModelShape } from './bgNbdToSql.js';
export { designToSql, type DesignToSqlOptions, type DesignModelShape } from './designToSql.js';
export { lifecycleOrdersToSql, type LifecycleOrdersToSqlOptions, type LifecycleThresholdsShape } from './lifecycleOrdersToSql.js';
export type { SqlDateColumn, SqlTableName } from './orderLines.js';
