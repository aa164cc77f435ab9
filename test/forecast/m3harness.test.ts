// The M3 accuracy harness (bench/forecast) reads files in the M3C layout and scores forecasts with
// the M3 sMAPE and MASE; checked here on a tiny file and a hand computation.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { readM3C, syntheticM3 } from '../../bench/forecast/m3data.js';
import { score } from '../../bench/forecast/evaluate.js';

test('readM3C reads the M3C layout: period from the header or the M3 numbering, last NF values held out', () => {
  const dir = mkdtempSync(join(tmpdir(), 'm3c-'));
  try {
    const monthly = join(dir, 'M3Month.csv');
    writeFileSync(monthly, 'Series,N,NF,Category,Starting Year,Starting Month,1,2,3,4,5,6\nN1402,6,2,MICRO,1990,1,10,20,30,40,50,60\n');
    const other = join(dir, 'M3Other.csv');
    writeFileSync(other, '"Series","N","NF","Category","Starting Year","1","2","3","4"\n"N0646",4,1,"MICRO",0,1,2,3,4\n');
    const [m, q] = readM3C([monthly, other]);
    expect(m).toEqual({ id: 'N1402', category: 'monthly', period: 12, train: [10, 20, 30, 40], test: [50, 60] });
    expect(q).toEqual({ id: 'N0646', category: 'quarterly', period: 4, train: [1, 2, 3], test: [4] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('score: M3 sMAPE and MASE by hand, a missing forecast counted as failed', () => {
  const s = [{ id: 'a', category: 'yearly' as const, period: 1, train: [1, 2, 4], test: [5, 5] }];
  const out = score(s, { seconds: 0, forecasts: [[4, 6]] });
  // sMAPE: (200/9 + 200/11) / 2; MASE: MAE 1 / in-sample naive MAE 1.5.
  expect(out.smape).toBeCloseTo((200 / 9 + 200 / 11) / 2, 12);
  expect(out.mase).toBeCloseTo(1 / 1.5, 12);
  expect(score(s, { seconds: 0, forecasts: [null] }).failed).toBe(1);
});

test('syntheticM3 has the M3 counts, lengths and horizons', () => {
  const all = syntheticM3(3003, 1);
  expect(all.length).toBe(3003);
  const monthly = all.filter((s) => s.category === 'monthly');
  expect(monthly.length).toBe(1428);
  expect(monthly.every((s) => s.test.length === 18 && s.train.length >= 48 && s.train.length <= 126 && s.train.every((v) => v > 0))).toBe(true);
});
