/**
 * A fitted decision or regression tree as one SQL CASE expression.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { checkModel } from '../core/model.js';
import { checkInteger, checkOneOf, resolveOptions } from '../core/validate.js';
import { columnRef, damagedModel, type SqlTarget } from './columns.js';
import { categoryLiteral, checkDialect, isNanSql, sqlDoubleLiteral, type SqlDialect } from './dialect.js';

/** A tree node as the exporter reads it (the fields of crm-mining/tree's `DecisionTreeNode` it uses). */
interface NodeShape {
  feature: number;
  threshold: number | null;
  categoriesLeft: number[] | null;
  missingLeft: boolean | null;
  left: number;
  right: number;
  value: number[];
}

/** A tree model as plain data: what {@link treeToSql} reads of a `DecisionTreeModel` or `RegressionTreeModel`. */
export interface TreeModelShape {
  readonly kind: 'decisionTree' | 'regressionTree';
  readonly version: 1;
  readonly options: { readonly missing: 'refuse' | 'learn'; readonly unknownCategory: 'missing' | 'error' };
  readonly columns: readonly { readonly name: string; readonly type: 'numeric' | 'categorical'; readonly categories: readonly (string | number | boolean)[] | null }[];
  readonly nodes: readonly unknown[];
  readonly classes?: readonly (string | number | boolean)[];
}

/** Options of {@link treeToSql}. */
export interface TreeToSqlOptions extends SqlTarget {
  /**
   * `probability` of `positiveClass` (classification), the predicted `class` (most probable, ties
   * to the first class, as predictDecisionTree), or the leaf `value` (regression).
   * @defaultValue 'probability' for a decision tree, 'value' for a regression tree
   */
  output?: 'probability' | 'class' | 'value';
  /** The class whose probability `probability` gives. @defaultValue the second class of a two-class tree; required otherwise */
  positiveClass?: string | number | boolean;
  /** SQL column name per model column, for tables that name them differently (`{ x0: 'tenure' }`). @defaultValue {} */
  columns?: Readonly<Record<string, string>> | null;
  /** Deepest tree written (nested CASEs; engines cap expression depth, DuckDB at 1000). @defaultValue 200 */
  maxDepth?: number;
}

const DEFAULTS = Object.freeze({
  dialect: 'duckdb' as SqlDialect,
  table: null as string | null,
  output: undefined as TreeToSqlOptions['output'],
  positiveClass: undefined as TreeToSqlOptions['positiveClass'],
  columns: null as TreeToSqlOptions['columns'],
  maxDepth: 200,
});

/** Structural check: every field used, indices in range, each node reached once (no cycles), depth bounded. */
function checkTree(fn: string, model: unknown, maxDepth: number): { m: TreeModelShape; nodes: NodeShape[]; nValues: number } {
  const kind = model !== null && typeof model === 'object' ? (model as { kind?: unknown }).kind : undefined;
  const k = kind === 'regressionTree' ? 'regressionTree' : 'decisionTree';
  const m = checkModel<TreeModelShape>(model, k, 1, fn);
  const bad = (field: string, value: unknown, expected: string): never => {
    throw damagedModel(fn, k, field, value, expected);
  };
  const o = m.options as unknown as Record<string, unknown> | null;
  if (o === null || typeof o !== 'object') bad('options', o, 'the resolved options object');
  if (o!.missing !== 'refuse' && o!.missing !== 'learn') bad('options.missing', o!.missing, "'refuse' or 'learn'");
  if (o!.unknownCategory !== 'missing' && o!.unknownCategory !== 'error') bad('options.unknownCategory', o!.unknownCategory, "'missing' or 'error'");
  const cols = m.columns as unknown;
  if (!Array.isArray(cols) || cols.length === 0) bad('columns', cols, 'a non-empty array of { name, type, categories }');
  const d = (cols as unknown[]).length;
  for (let j = 0; j < d; j++) {
    const c = (cols as Record<string, unknown>[])[j];
    if (c === null || typeof c !== 'object') bad(`columns[${j}]`, c, '{ name, type, categories }');
    if (typeof c!.name !== 'string' || c!.name === '') bad(`columns[${j}].name`, c!.name, 'a non-empty string');
    if (c!.type === 'categorical') {
      const cats = c!.categories;
      if (!Array.isArray(cats)) bad(`columns[${j}].categories`, cats, 'an array of categories');
      const types = new Set<string>();
      for (let t = 0; t < (cats as unknown[]).length; t++) {
        const v = (cats as unknown[])[t];
        if (!(typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))) bad(`columns[${j}].categories[${t}]`, v, 'a string, finite number or boolean');
        types.add(typeof v);
      }
      if (types.size > 1) {
        throw new CrmError('INVALID_MODEL', `${fn}: column '${c!.name as string}' mixes category types (${[...types].join(', ')}); one SQL column holds one type. Fit on a column of one type.`, { kind: k, field: `columns[${j}].categories` });
      }
    } else if (c!.type !== 'numeric') bad(`columns[${j}].type`, c!.type, "'numeric' or 'categorical'");
  }
  let nValues = 1;
  if (k === 'decisionTree') {
    const classes = m.classes as unknown;
    if (!Array.isArray(classes) || classes.length === 0) bad('classes', classes, 'a non-empty array of class labels');
    for (let t = 0; t < (classes as unknown[]).length; t++) {
      const v = (classes as unknown[])[t];
      if (!(typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))) bad(`classes[${t}]`, v, 'a string, finite number or boolean');
    }
    nValues = (classes as unknown[]).length;
  }
  const list = m.nodes as unknown;
  if (!Array.isArray(list) || list.length === 0) bad('nodes', list, 'a non-empty array of nodes (node 0 is the root)');
  const count = (list as unknown[]).length;
  const depth = new Int32Array(count).fill(-1);
  depth[0] = 0;
  const nodes: NodeShape[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const nd = (list as Record<string, unknown>[])[i];
    if (nd === null || typeof nd !== 'object') bad(`nodes[${i}]`, nd, 'a node object');
    if (depth[i] === -1) bad(`nodes[${i}]`, 'unreached', 'a node that an earlier node lists as its child');
    const value = nd!.value;
    if (!Array.isArray(value) || value.length !== nValues) bad(`nodes[${i}].value`, value, `an array of ${nValues} number(s)`);
    for (let c = 0; c < nValues; c++) if (typeof (value as unknown[])[c] !== 'number' || !Number.isFinite((value as number[])[c])) bad(`nodes[${i}].value[${c}]`, (value as unknown[])[c], 'a finite number');
    const f = nd!.feature;
    if (f === -1) {
      nodes[i] = { feature: -1, threshold: null, categoriesLeft: null, missingLeft: null, left: -1, right: -1, value: value as number[] };
      continue;
    }
    if (!Number.isInteger(f) || (f as number) < 0 || (f as number) >= d) bad(`nodes[${i}].feature`, f, `-1 (leaf) or a column index in [0, ${d - 1}]`);
    for (const side of ['left', 'right'] as const) {
      const ch = nd![side];
      // Children after their parent, each claimed once: the node list is a tree (no cycle, no shared child).
      if (!Number.isInteger(ch) || (ch as number) <= i || (ch as number) >= count || depth[ch as number] !== -1) bad(`nodes[${i}].${side}`, ch, `an unclaimed node index in [${i + 1}, ${count - 1}]`);
      depth[ch as number] = depth[i]! + 1;
    }
    if (depth[i]! + 1 > maxDepth) {
      throw new CrmError('TOO_LARGE', `${fn}: the tree is deeper than maxDepth (${maxDepth}); a nested CASE that deep can exceed the engine's expression depth limit. Prune the tree (pruneDecisionTree) or raise maxDepth.`, { option: 'maxDepth' });
    }
    if (typeof nd!.missingLeft !== 'boolean') bad(`nodes[${i}].missingLeft`, nd!.missingLeft, 'a boolean on an internal node');
    const col = (cols as Record<string, unknown>[])[f as number]!;
    if (col.type === 'numeric') {
      if (typeof nd!.threshold !== 'number' || !Number.isFinite(nd!.threshold)) bad(`nodes[${i}].threshold`, nd!.threshold, 'a finite number on a numeric split');
    } else {
      const left = nd!.categoriesLeft;
      const nCat = (col.categories as unknown[]).length;
      if (!Array.isArray(left)) bad(`nodes[${i}].categoriesLeft`, left, 'an array of category codes on a categorical split');
      for (const code of left as unknown[]) if (!Number.isInteger(code) || (code as number) < 0 || (code as number) >= nCat) bad(`nodes[${i}].categoriesLeft`, code, `category codes in [0, ${nCat - 1}]`);
    }
    nodes[i] = {
      feature: f as number,
      threshold: (nd!.threshold as number | null) ?? null,
      categoriesLeft: (nd!.categoriesLeft as number[] | null) ?? null,
      missingLeft: nd!.missingLeft as boolean,
      left: nd!.left as number,
      right: nd!.right as number,
      value: value as number[],
    };
  }
  return { m, nodes, nValues };
}

/**
 * A fitted tree as one SQL CASE expression over the table's columns, to score rows where they
 * live: `SELECT *, <expression> AS churn_risk FROM customers`. It routes rows exactly as
 * predictDecisionTreeProba / predictDecisionTree / predictRegressionTree do: numeric splits
 * `x <= threshold` (thresholds written to full double precision), categorical splits by IN
 * lists of the categories each side holds, and with `missing: 'learn'` a NULL (or NaN) value
 * takes the side the split learnt (`missingLeft`), as does a category training never saw when
 * `unknownCategory` is `'missing'`. Where JS throws (a NULL in a model fitted with
 * `missing: 'refuse'`, an unseen category with `unknownCategory: 'error'`) the SQL gives NULL.
 *
 * Cost: O(nodes + categories) to check and write; the text grows with the node count.
 * @param model - A model from fitDecisionTree or fitRegressionTree (crm-mining/tree), or its JSON.
 * @param options - See {@link TreeToSqlOptions}.
 * @returns A SQL expression (no trailing semicolon).
 * @throws CrmError `INVALID_MODEL` (damaged structure, or a categorical column mixing value types),
 *   `INVALID_OPTION` (output, positiveClass, columns, dialect), `TOO_LARGE` (deeper than `maxDepth`).
 * @example
 * const model = { kind: 'regressionTree', version: 1, options: { missing: 'refuse', unknownCategory: 'missing' },
 *   columns: [{ name: 'tenure', type: 'numeric', categories: null }],
 *   nodes: [{ feature: 0, threshold: 6, categoriesLeft: null, missingLeft: false, left: 1, right: 2, value: [15] },
 *     { feature: -1, left: -1, right: -1, value: [10] }, { feature: -1, left: -1, right: -1, value: [20] }] };
 * treeToSql(model);
 * // => 'CASE WHEN "tenure" <= CAST(6e+0 AS DOUBLE) THEN CAST(1e+1 AS DOUBLE) WHEN "tenure" > CAST(6e+0 AS DOUBLE) THEN CAST(2e+1 AS DOUBLE) END'
 */
export function treeToSql(model: TreeModelShape, options?: TreeToSqlOptions): string {
  const fn = 'treeToSql';
  const o = resolveOptions(fn, DEFAULTS, options);
  const dialect = checkDialect(fn, o.dialect);
  const maxDepth = checkInteger('maxDepth', o.maxDepth, { min: 1, max: 100000 });
  const { m, nodes, nValues } = checkTree(fn, model, maxDepth);
  const ref = columnRef(fn, dialect, o.table, o.columns, m.columns.map((c) => c.name));
  const isClassifier = m.kind === 'decisionTree';
  const output = o.output === undefined ? (isClassifier ? 'probability' : 'value') : checkOneOf('output', o.output, ['probability', 'class', 'value'] as const);
  if (isClassifier === (output === 'value')) {
    throw new CrmError('INVALID_OPTION', `${fn}: output '${output}' does not apply to a ${m.kind} model; use ${isClassifier ? "'probability' or 'class'" : "'value'"}.`, { option: 'output' });
  }
  let classIndex = 0;
  if (output === 'probability') {
    const classes = m.classes!;
    if (o.positiveClass === undefined) {
      if (classes.length !== 2) {
        throw new CrmError('INVALID_OPTION', `${fn}: the tree has ${classes.length} classes (${classes.slice(0, 8).map((c) => describeValue(c)).join(', ')}); pass positiveClass to say whose probability to write.`, { option: 'positiveClass' });
      }
      classIndex = 1;
    } else {
      classIndex = classes.indexOf(o.positiveClass);
      if (classIndex < 0) {
        throw new CrmError('INVALID_OPTION', `${fn}: positiveClass ${describeValue(o.positiveClass)} is not a class of the model; its classes are ${classes.slice(0, 8).map((c) => describeValue(c)).join(', ')}.`, { option: 'positiveClass' });
      }
    }
  }
  const leafSql = (node: NodeShape): string => {
    if (output === 'class') {
      let best = 0;
      for (let c = 1; c < nValues; c++) if (node.value[c]! > node.value[best]!) best = c;
      return categoryLiteral(m.classes![best], dialect, fn);
    }
    return sqlDoubleLiteral(node.value[output === 'probability' ? classIndex : 0]!, dialect);
  };
  const learn = m.options.missing === 'learn';
  const unknownToMissing = m.options.unknownCategory === 'missing';
  // Recursion depth is bounded by maxDepth (checked above).
  const write = (k: number): string => {
    const node = nodes[k]!;
    if (node.feature < 0) return leafSql(node);
    const col = m.columns[node.feature]!;
    const x = ref(col.name);
    const left = write(node.left);
    const right = write(node.right);
    const missingSide = node.missingLeft ? left : right;
    if (col.type === 'numeric') {
      const t = sqlDoubleLiteral(node.threshold!, dialect);
      if (!learn) return `CASE WHEN ${x} <= ${t} THEN ${left} WHEN ${x} > ${t} THEN ${right} END`;
      // NULL fails both comparisons and NaN compares greater than every number (or false), so the
      // ELSE branch is the missing side; NaN needs an explicit test only when it must go left.
      if (node.missingLeft) return `CASE WHEN ${x} > ${t} AND NOT ${isNanSql(x, dialect)} THEN ${right} ELSE ${left} END`;
      return `CASE WHEN ${x} <= ${t} THEN ${left} ELSE ${right} END`;
    }
    const cats = col.categories!;
    const goesLeft = new Uint8Array(cats.length);
    for (const code of node.categoriesLeft!) goesLeft[code] = 1;
    const inList = (side: number): string | null => {
      const values: string[] = [];
      for (let c = 0; c < cats.length; c++) if (goesLeft[c] === side) values.push(categoryLiteral(cats[c], dialect, fn));
      return values.length === 0 ? null : `${x} IN (${values.join(', ')})`;
    };
    const nullBranch = learn ? missingSide : 'NULL';
    const unknownBranch = unknownToMissing ? missingSide : 'NULL';
    const parts: string[] = [];
    if (nullBranch !== unknownBranch) parts.push(`WHEN ${x} IS NULL THEN ${nullBranch}`);
    if (unknownBranch === 'NULL') {
      const l = inList(1);
      const r = inList(0);
      if (l) parts.push(`WHEN ${l} THEN ${left}`);
      if (r) parts.push(`WHEN ${r} THEN ${right}`);
      return parts.length === 0 ? 'NULL' : `CASE ${parts.join(' ')} END`;
    }
    // Unknown categories (and NULL, unless handled above) take the missing side: test the other side only.
    const other = inList(node.missingLeft ? 0 : 1);
    if (other) parts.push(`WHEN ${other} THEN ${node.missingLeft ? right : left}`);
    return parts.length === 0 ? missingSide : `CASE ${parts.join(' ')} ELSE ${missingSide} END`;
  };
  return write(0);
}
