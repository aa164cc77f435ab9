// Every method against R's forecast package (fixtures from test/forecast/fixtures/make-fixtures.R).
import { describe, expect, test } from 'vitest';
import { backtest, drift, fitTheta, forecastAccuracy, forecastTheta, naive, seasonalNaive, type Forecast } from '../../src/forecast/index.js';
import { maxRelDiff, rSeries, rTsCV, type RInterval } from './rFixtures.js';

function sameAsR(f: Forecast, r: RInterval, tol: number): void {
  expect(maxRelDiff(f.mean, r.mean)).toBeLessThan(tol);
  expect(maxRelDiff(f.lower['80']!, r.lower80)).toBeLessThan(tol);
  expect(maxRelDiff(f.lower['95']!, r.lower95)).toBeLessThan(tol);
  expect(maxRelDiff(f.upper['80']!, r.upper80)).toBeLessThan(tol);
  expect(maxRelDiff(f.upper['95']!, r.upper95)).toBeLessThan(tol);
}

describe('baselines equal R naive(), snaive() and rwf(drift = TRUE) to 1e-10', () => {
  for (const [name, s] of Object.entries(rSeries)) {
    test(name, () => {
      const o = { horizon: s.horizon, period: s.period };
      sameAsR(naive(s.values, o), s.naive, 1e-10);
      sameAsR(drift(s.values, o), s.drift, 1e-10);
      if (s.snaive) sameAsR(seasonalNaive(s.values, o), s.snaive, 1e-10);
    });
  }
});

describe('fitTheta / forecastTheta against R thetaf()', () => {
  for (const [name, s] of Object.entries(rSeries)) {
    test(name, () => {
      const model = fitTheta(s.values, { period: s.period });
      expect(model.seasonal).toBe(s.theta.seasonal);
      if (s.theta.seasonalIndex) expect(maxRelDiff(model.seasonalIndex, s.theta.seasonalIndex)).toBeLessThan(1e-12);
      // The drift does not depend on the SES fit: exact.
      expect(Math.abs(model.drift - s.theta.drift)).toBeLessThan(1e-10 * Math.max(1, Math.abs(s.theta.drift)));
      // R's Nelder-Mead stops near the optimum; the profile search reaches it: never a worse fit,
      // alpha within 2e-4 and forecasts within 2e-5 relative (docs/forecast.md lists the figures).
      expect(model.sigma2).toBeLessThanOrEqual(s.theta.sigma2 * (1 + 1e-12));
      expect(Math.abs(model.alpha - s.theta.alpha)).toBeLessThan(2e-4);
      const f = forecastTheta(model, s.horizon);
      const rel = Math.max(...f.mean.map((v, i) => Math.abs(v - s.theta.mean[i]!) / Math.abs(s.theta.mean[i]!)));
      expect(rel).toBeLessThan(2e-5);
      const width = Math.max(...f.mean.map((_, i) => Math.abs((f.upper['95']![i]! - f.lower['95']![i]!) / (s.theta.upper95[i]! - s.theta.lower95[i]!) - 1)));
      expect(width).toBeLessThan(2e-4);
    });
  }
});

describe('forecastAccuracy equals R accuracy() on a holdout', () => {
  for (const [name, s] of Object.entries(rSeries)) {
    if (!s.accuracy) continue;
    test(name, () => {
      const acc = s.accuracy!;
      const train = s.values.slice(0, s.values.length - acc.holdout);
      const test = s.values.slice(s.values.length - acc.holdout);
      const check = (f: ArrayLike<number> | Forecast, r: Record<string, number>) => {
        const a = forecastAccuracy(test, f, { insample: train, period: s.period });
        expect(a.me).toBeCloseTo(r.ME!, 9);
        for (const [mine, theirs] of [[a.rmse, r.RMSE], [a.mae, r.MAE], [a.mape, r.MAPE], [a.mpe, r.MPE], [a.mase, r.MASE]] as const) {
          expect(Math.abs(mine! - theirs!) / Math.max(1, Math.abs(theirs!))).toBeLessThan(1e-12);
        }
        return a;
      };
      // R's own Theta forecast, so only accuracy() is compared here.
      check(acc.theta.mean, acc.theta);
      check(naive(train, { horizon: acc.holdout }), acc.naive);
      check(seasonalNaive(train, { horizon: acc.holdout, period: s.period }), acc.snaive);
    });
  }
});

describe('backtest errors equal R tsCV()', () => {
  const cases = [
    ['naiveWWW', 'naive', 2],
    ['snaiveUSAccDeaths', 'seasonalNaive', 13],
    ['driftBJsales', 'drift', 3],
  ] as const;
  for (const [key, method, initial] of cases) {
    test(`${key}: ${method}`, () => {
      const r = rTsCV[key]!;
      const s = rSeries[r.series]!;
      const bt = backtest(s.values, method, { horizon: r.h, initial, period: s.period });
      let compared = 0;
      // tsCV rows are origins 1..n; our origins are the training lengths 1..n-1.
      for (let k = 0; k < bt.origins.length; k++) {
        const t = bt.origins[k]!;
        const row = r.errors[t - 1]!;
        for (let j = 0; j < r.h; j++) {
          const mine = bt.errors[k]![j];
          const theirs = row[j];
          if (theirs === null || theirs === undefined) {
            // R gives NA where the method cannot fit (too short) or past the end.
            if (t + j >= s.values.length) expect(mine).toBeNull();
            continue;
          }
          expect(Math.abs(mine! - theirs)).toBeLessThan(1e-9 * Math.max(1, Math.abs(theirs)));
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(50);
    });
  }
});
