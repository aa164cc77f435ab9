// `npx tsx bench/scorecard/compare.ts`: fitWoeBinning on the 20 German-credit variables (1,000 rows,
// default options), median of 21 runs after 5 warm-ups. optbinning is not installed here (no PyPI),
// so its figure is the one the brief gives (about 0.5 s for the same 20 variables, BinningProcess).
import { fitWoeBinning, applyWoeBinning } from '../../src/scorecard/index.js';
import { GERMAN_CATEGORICAL, GERMAN_NUMERIC, loadGermanCredit } from '../../examples/data/germanCredit.js';
import { median, runsMs } from '../timing.js';

const rows = loadGermanCredit();
const labels = rows.map((r) => r.bad);
const options = { numeric: GERMAN_NUMERIC, categorical: GERMAN_CATEGORICAL };
const fitRuns = runsMs(() => fitWoeBinning(rows, labels, options), 21, 5); // the minimum is the figure with a free core
const fit = median(fitRuns);
const fitMin = Math.min(...fitRuns);
const model = fitWoeBinning(rows, labels, options);
const apply = median(runsMs(() => applyWoeBinning(model, rows), 21, 5));
const optbinningMs = 500;
process.stdout.write([
  `Load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)} on ${(await import('node:os')).cpus().length} cores.`,
  '',
  '### WoE binning, German credit (1,000 rows, 20 variables), median of 21',
  '',
  '| step | crm-mining ms (median / min) | optbinning (brief) ms | ratio (median) |',
  '| --- | ---: | ---: | ---: |',
  `| fitWoeBinning | ${fit.toFixed(2)} / ${fitMin.toFixed(2)} | ~${optbinningMs} | ${(optbinningMs / fit).toFixed(0)}x |`,
  `| applyWoeBinning | ${apply.toFixed(2)} | | |`,
  '',
].join('\n'));
