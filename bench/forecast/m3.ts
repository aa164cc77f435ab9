// `npx tsx bench/forecast/m3.ts [--r] [--every k] [--methods theta,auto] [M3C csv files...]`:
// accuracy (M3 sMAPE and MASE on the holdout, by category and overall) and time of crm-mining's
// forecasting methods on the M3 competition series, and with --r those of R's forecast package on
// the same series in the same run.
//
// The M3 data is not shipped (its licence is the IIF's): save the sheets M3Year, M3Quart, M3Month
// and M3Other of M3C.xls (https://forecasters.org/resources/time-series-data/m3-competition/) as
// CSV and pass the files. The layout is the M3C one: Series,N,NF,Category,Starting Year,[Starting
// Month|Starting Quarter,]values...; the last NF values of each row are the holdout. Without files
// the script runs on synthetic series of the M3 categories, counts and lengths (bench/forecast/m3data.ts).
import { M3_CATEGORIES, readM3C, syntheticM3 } from './m3data.js';
import { compareTable, PAIRS } from './evaluate.js';
import { REPO_ROOT } from '../../test/helpers/shared.js';
import { benchArgs } from '../args.js';

const args = benchArgs(process.argv.slice(2), ['--every', '--methods'], ['--r']);
const withR = args.flag('--r');
const every = Number(args.value('--every', '1'));
const wanted = args.value('--methods', PAIRS.map((p) => p[0]).join(',')).split(',');
const files = args.rest;
let series = files.length > 0 ? readM3C(files) : syntheticM3(3003, 1);
if (every > 1) series = series.filter((_, i) => i % every === 0);
const counts = Object.keys(M3_CATEGORIES).map((c) => `${series.filter((s) => s.category === c).length} ${c}`).join(', ');
process.stdout.write(`### ${files.length > 0 ? `M3 (${files.join(', ')})` : 'Synthetic series of M3 lengths (seed 3003)'}: ${series.length} series (${counts})\n\n`);
process.stdout.write(compareTable(REPO_ROOT, series, PAIRS.filter((p) => wanted.includes(p[0])), withR) + '\n');
