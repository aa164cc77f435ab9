/**
 * Scores raw rows with a logistic model and the design it was fitted on, checking that the two
 * belong together.
 * @module
 */
import { CrmError } from '../core/errors.js';
import { checkModel } from '../core/model.js';
import { applyDesign, type DesignModel, type DesignRows } from './fitDesign.js';
import { predictLogisticProba, type LogisticModel } from './logistic.js';

/**
 * P(y = 1) for raw row objects: `predictLogisticProba(model, applyDesign(design, rows))`, after
 * checking that the model was fitted on this design (its `featureNames` are `design.names`, in
 * order), so that a model is never scored on another design's columns. O(n * cols).
 * @param model - From `fitLogistic(applyDesign(design, train), labels, { featureNames: design.names })` (or its JSON).
 * @param design - From {@link fitDesign} (or its JSON).
 * @param rows - Raw row objects holding every declared column of the design, or columns or an Arrow table holding them.
 * @returns One probability per row.
 * @throws CrmError `INVALID_MODEL` (either model damaged, or the model's featureNames differ from
 * the design's names), and what applyDesign and predictLogisticProba throw.
 * @example
 * const rows = [{ visits: 1, plan: 'a' }, { visits: 2, plan: 'b' }, { visits: 3, plan: 'a' }, { visits: 4, plan: 'b' }];
 * const design = fitDesign(rows, { columns: [{ name: 'visits', type: 'numeric' }, { name: 'plan', type: 'categorical', dropFirst: true }] });
 * const model = fitLogistic(applyDesign(design, rows), [0, 1, 0, 1], { featureNames: design.names });
 * scoreLogistic(model, design, [{ visits: 2, plan: 'b' }]).length; // => 1
 */
export function scoreLogistic(model: LogisticModel, design: DesignModel, rows: DesignRows): number[] {
  const fn = 'scoreLogistic';
  const m = checkModel<LogisticModel>(model, 'logistic', 1, fn);
  const d = checkModel<DesignModel>(design, 'design', 1, fn);
  const names = Array.isArray(m.featureNames) ? m.featureNames : [];
  const want = Array.isArray(d.names) ? d.names : [];
  const at = names.length !== want.length ? Math.min(names.length, want.length) : names.findIndex((n, j) => n !== want[j]);
  if (at >= 0) {
    throw new CrmError('INVALID_MODEL', `${fn}: the model was not fitted on this design: its featureNames (${names.length}) ${names.length === want.length ? `differ at column ${at} ('${String(names[at])}' vs '${String(want[at])}')` : `do not match the design's ${want.length} names`}. Fit with fitLogistic(applyDesign(design, rows), labels, { featureNames: design.names }).`, {
      kind: 'logistic',
      field: 'featureNames',
    });
  }
  try {
    const x = applyDesign(d, rows);
    return x.length === 0 ? [] : predictLogisticProba(m, x);
  } catch (e) {
    if (e instanceof CrmError) throw new CrmError(e.code, `${fn}: ${e.message.replace(/^(applyDesign|predictLogisticProba): /, '')}`, { ...e.details });
    throw e;
  }
}
