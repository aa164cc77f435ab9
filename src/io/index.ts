/**
 * Loading help: a declared schema that turns the strings a CSV parser gives (d3-dsv, papaparse,
 * Deno's std csv) into typed columns ready for rfmScore, lifecycleStage, summarizeTransactions and
 * the feature-table functions, with explicit date formats and every bad cell reported by line and
 * column. Parsing CSV text itself is left to the parser. Imports only core.
 * @module crm-mining/io
 */
export {
  parseTable,
  type BadCell,
  type ColumnOf,
  type ColumnSpec,
  type ColumnType,
  type ParsedTable,
  type ParseTableOptions,
  type TableSchema,
  type TypeOf,
} from './parseTable.js';
export { compileDateFormat, type DateFormat, type DateReader, type TimeZone } from './dateFormat.js';
