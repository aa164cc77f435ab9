// fitEts's `prune` reaches the ETS of the method-name entry points (forecastSeries, forecastMany,
// backtest, forecastManyParallel), where it is the default too. The series is one where pruning changes the selected form
// (an M3-like quarterly series, bench/forecast/m3like.ts index 1314), so a dropped option shows.
import { describe, expect, test } from 'vitest';
import { backtest } from '../../src/forecast/backtest.js';
import { fitEts, forecastEts } from '../../src/forecast/ets.js';
import { forecastMany } from '../../src/forecast/forecastMany.js';
import { forecastSeries } from '../../src/forecast/forecastSeries.js';
import { runForecastMany } from '../../src/forecast/manyPool.js';
import { FORECAST_WORKER, sourceSpawner } from '../helpers/sourceWorker.js';

const Y = [3490.0947804270063, 4613.263760161368, 5311.924082620895, 4973.810265930656, 3951.768415767166, 4822.297289439161, 6473.802898821032, 5005.816183734113, 5179.127582126857, 5907.2174258930645, 5923.307913664041, 5358.4352966457745, 5435.014615837046, 5289.563463243151, 6633.357120555311, 5118.378856133391, 4322.460467470102, 5278.575865511699, 6064.963118452724, 6085.835704622593, 5131.871141137626, 5421.087625040159, 6510.574623503098, 6717.141187573129, 5629.717740922405, 7216.076589275879, 7094.309346072215, 5934.846606497063, 5465.384704089287, 6942.324968523605, 6922.352865237379, 7379.581231262365, 7085.567999901429, 6686.610237099805, 6239.20918890378, 7340.730947605519, 6941.471644758858, 6713.016489227279, 6908.834382813861, 7475.297776524052, 6480.932515012847, 7133.377172769309, 7901.6609613829805, 6293.796074998972, 5706.225921998242];
const SERIES = { kind: 'salesSeries', period: 4, values: Y } as const;
const H = 4;

const pruned = fitEts({ values: Y, period: 4 }, { prune: true });
const full = fitEts({ values: Y, period: 4 }, { prune: false });

describe('prune on the method-name entry points', () => {
  test('the fixture is one where pruning changes the form, so the checks below can fail', () => {
    expect(pruned.method).not.toBe(full.method);
  });

  test("forecastSeries 'ets': the default prunes as fitEts's default, prune false is R's full path", () => {
    const d = forecastSeries(SERIES, { horizon: H, method: 'ets' });
    const f = forecastSeries(SERIES, { horizon: H, method: 'ets', prune: false });
    expect(fitEts({ values: Y, period: 4 }).method).toBe(pruned.method);
    expect(d.method).toBe(`ets ${pruned.method}`);
    expect(f.method).toBe(`ets ${full.method}`);
    expect(d.mean).toEqual(forecastEts(pruned, H).mean.slice(0, H));
    expect(forecastSeries(SERIES, { horizon: H, method: 'ets', prune: true })).toEqual(d);
  });

  test("forecastSeries 'auto' passes prune to its ETS half", () => {
    const d = forecastSeries(SERIES, { horizon: H });
    const f = forecastSeries(SERIES, { horizon: H, prune: false });
    expect(d.warnings).toContain(`Combination of ets ${pruned.method} and theta.`);
    expect(f.warnings).toContain(`Combination of ets ${full.method} and theta.`);
  });

  test('forecastMany and forecastManyParallel (real workers) give forecastSeries per series', async () => {
    const many = { a: SERIES, b: { ...SERIES, values: Y.slice(0, 40) } };
    for (const prune of [false, true]) {
      const seq = forecastMany(many, { horizon: H, method: 'ets', prune });
      expect(seq.forecasts[0]).toEqual(forecastSeries(SERIES, { horizon: H, method: 'ets', prune }));
      const par = await runForecastMany('forecastMany', many, { horizon: H, method: 'ets', prune, workers: 2 }, sourceSpawner(FORECAST_WORKER));
      expect(par).toEqual(seq);
    }
    expect(forecastMany(many, { horizon: H, method: 'ets' }).forecasts[0]!.method).toBe(`ets ${pruned.method}`);
  }, 60_000);

  test('backtest with or without prune at its last origin forecasts as forecastSeries with the same', () => {
    const n = Y.length;
    for (const prune of [false, true]) {
      const b = backtest(SERIES, 'ets', { horizon: 1, origins: [n - 1], prune });
      const f = forecastSeries({ ...SERIES, values: Y.slice(0, n - 1) }, { horizon: 1, method: 'ets', prune });
      expect(b.forecasts[0]![0]).toBe(f.mean[0]);
    }
  });

  test('a bad prune value is refused naming the option', () => {
    expect(() => forecastSeries(Y, { horizon: 1, prune: 'yes' as never })).toThrow(/prune/);
    expect(() => forecastMany([Y], { horizon: 1, prune: 1 as never })).toThrow(/prune/);
  });
});
