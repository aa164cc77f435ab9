// `npx tsx bench/forecast/compare.ts`: time and accuracy of crm-mining's forecasting methods
// against R's forecast package (Rscript, same series, same run): naive, seasonal naive, Theta
// (thetaf), ETS with automatic selection (ets) and the default combination ('auto' = mean of ETS
// and Theta) on (1) every tenth synthetic series of the M3 categories and lengths (about 300; set
// FORECAST_EVERY) and (2) the yearly, quarterly and monthly series bundled with R. For the real M3
// series, see bench/forecast/m3.ts. Prints markdown on stdout; progress goes to stderr.
import { REPO_ROOT } from '../../test/helpers/shared.js';
import { compareTable, PAIRS } from './evaluate.js';
import { rDatasets, syntheticM3 } from './m3data.js';

const every = Number(process.env.FORECAST_EVERY ?? 10);
const synthetic = syntheticM3(3003, every);
const bundled = rDatasets(REPO_ROOT);
const out = [
  `### Synthetic series of M3 lengths and categories, every ${every}th of 3,003 (${synthetic.length} series; M3 horizons 6/8/18/8)`,
  '',
  compareTable(REPO_ROOT, synthetic, PAIRS, true),
  '',
  `### The ${bundled.length} yearly, quarterly and monthly series bundled with R (datasets), M3 horizons`,
  '',
  compareTable(REPO_ROOT, bundled, PAIRS, true),
  '',
  'Times are one loop over all series in one process (Node here, Rscript there); speed-up = R s / crm-mining s. sMAPE is the M3 definition, 200|y-f|/(|y|+|f|); MASE is scaled by the in-sample seasonal naive MAE; both averaged over series.',
  '',
];
process.stdout.write(out.join('\n'));
