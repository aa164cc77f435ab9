// Raw rows of Telco churn and bank marketing scored in DuckDB by logisticToSql(model, { design }):
// the design (standardised numbers, one-hot categories) and the model fitted in JS on the training
// split, every row compared with scoreLogistic.
import { expect, test } from 'vitest';
import { applyDesign, fitDesign, fitLogistic } from '../../src/linear/index.js';
import { loadTreeDataset } from '../tree/load.js';
import { compareDesignLogistic } from './engineChecks.js';
import { describeEngines } from './engines.js';

describeEngines('logisticToSql with a design on raw rows', (engine) => {
  test.each([['telco', 7_043], ['bank', 45_211]] as const)('%s: every row equal to scoreLogistic to 1e-12', async (name, n) => {
    const ds = loadTreeDataset(name, { blankAsNull: true });
    const train = ds.train.map((i) => ds.rows[i]!).filter((r) => Object.values(r).every((v) => v !== null));
    const trainY = ds.train.filter((i) => Object.values(ds.rows[i]!).every((v) => v !== null)).map((i) => ds.y[i]!);
    const design = fitDesign(train, { columns: ds.columns.map((c, k) => (c.type === 'numeric'
      ? { name: c.name, type: 'numeric' as const, standardize: k % 2 === 0 }
      : { name: c.name, type: 'categorical' as const, dropFirst: k % 3 !== 0 })) });
    const model = fitLogistic(applyDesign(design, train), trainY, { featureNames: design.names, lambda: 1 });
    const c = await compareDesignLogistic(engine(), model, design, ds.rows);
    expect(c.rows).toBe(n);
    expect(c.scored + c.refused).toBe(n);
    expect(c.refusedAsNull).toBe(c.refused);
    expect(c.maxDiff).toBeLessThanOrEqual(1e-12);
    console.log(`${name} design logistic: ${design.names.length} features from ${design.columns.length} raw columns, ${c.scored} rows scored, ${c.refused} refused (NULL in SQL), max |SQL - JS| ${c.maxDiff.toExponential(1)}`);
  });
});
