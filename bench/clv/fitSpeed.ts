// Times fitBgNbd and fitGammaGamma on the CDNOW master file, for the current src/clv and, when
// CLV_BASELINE names a copy of an older src/ (e.g. /tmp/clvbase/src), for that copy too, in one run.
// Run: CLV_BASELINE=/tmp/clvbase/src npx tsx bench/clv/fitSpeed.ts
import { readCdnowOrders } from '../../test/clv/cdnow.js';
import * as current from '../../src/clv/index.js';

type Clv = typeof current;
const s = current.summarizeTransactions(readCdnowOrders('CDNOW_master.txt.gz'), { calibrationEnd: '1997-09-30', timeUnit: 'weeks' });
const keep = s.frequency.map((x, i) => x > 0 && s.monetary![i]! > 0);
const rep = { frequency: s.frequency.filter((_, i) => keep[i]), monetary: s.monetary!.filter((_, i) => keep[i]) };

function median(f: () => void, runs = 7): number {
  f();
  const t: number[] = [];
  for (let k = 0; k < runs; k++) { const t0 = performance.now(); f(); t.push(performance.now() - t0); }
  return t.sort((a, b) => a - b)[runs >> 1]!;
}
const libs: [string, Clv][] = [['current', current]];
if (process.env.CLV_BASELINE) libs.unshift(['baseline', (await import(`${process.env.CLV_BASELINE}/clv/index.ts`)) as Clv]);
for (let round = 0; round < 2; round++) {
  for (const [name, lib] of libs) {
    const bg = median(() => lib.fitBgNbd(s));
    const gg = median(() => lib.fitGammaGamma(rep));
    const m = lib.fitBgNbd(s);
    const pe = median(() => lib.predictBgNbdExpectedPurchases(m, s, 39));
    console.log(`${name}: fitBgNbd ${bg.toFixed(1)} ms, fitGammaGamma ${gg.toFixed(1)} ms, predictBgNbdExpectedPurchases(39) ${pe.toFixed(1)} ms (median of 7, round ${round})`);
  }
}
