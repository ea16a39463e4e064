/**
 * A snapshot of a simulated day, forecast with no changes and no uncertainty in the inputs, agrees in
 * distribution with simply continuing that day. Each of 200 days (own seed) is snapshot at 09:30 with
 * its queues by stage, then run on; the forecast from the snapshot (one replication, its own seed)
 * gives one finish time per day. Two tests, each with a false-alarm rate of 1 %:
 *
 * - the paired differences forecast − truth (independent across days) have a mean whose 99 %
 *   t-interval contains 0;
 * - the two samples of finishes pass a two-sample Kolmogorov–Smirnov test at α = 0.01 (asymptotic
 *   critical value 1.628·√((n + m)/(n·m)); the pairs are positively dependent, which only makes it
 *   more conservative).
 */
import { describe, expect, it } from 'vitest';
import { forecastCampaign } from '../../models/forecast/forecast.js';
import { FIXED_PRIOR } from '../../models/forecast/infer.js';
import { tinyPlan, truthDay } from './helpers.js';

const T = 9.5 * 3600;
const NOMINAL = { turnout: 1, within: 1, pace: 1 };

function ks(a: readonly number[], b: readonly number[]): number {
  const xs = [...a].sort((x, y) => x - y);
  const ys = [...b].sort((x, y) => x - y);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < xs.length && j < ys.length) {
    const v = Math.min(xs[i]!, ys[j]!);
    while (i < xs.length && xs[i]! <= v) i++;
    while (j < ys.length && ys[j]! <= v) j++;
    d = Math.max(d, Math.abs(i / xs.length - j / ys.length));
  }
  return d;
}

describe('forecast from a full snapshot vs continuing the day', () => {
  it('agrees in distribution (paired mean and KS, each at a 1 % false-alarm rate)', () => {
    const truth: number[] = [];
    const forecast: number[] = [];
    for (let i = 0; i < 200; i++) {
      const day = truthDay(tinyPlan, 700 + i, NOMINAL, T, 'stage');
      const f = forecastCampaign(tinyPlan, day.snapshot, {
        replications: 1,
        seed: 90_000 + i,
        prior: FIXED_PRIOR,
      });
      truth.push(day.finish!);
      forecast.push(f.areas.town?.values.finish[0] ?? Number.NaN);
    }
    const n = truth.length;
    const d = forecast.map((x, i) => x - truth[i]!);
    const mean = d.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    const half = 2.601 * (sd / Math.sqrt(n)); // t(0.995, 199)
    const D = ks(truth, forecast);
    const critical = 1.628 * Math.sqrt((2 * n) / (n * n));
    console.log(
      `no-change agreement: forecast − truth finish ${mean.toFixed(1)} s, 99 % interval ±${half.toFixed(1)} s; KS D = ${D.toFixed(3)} (critical ${critical.toFixed(3)})`,
    );
    expect(Math.abs(mean)).toBeLessThanOrEqual(half);
    expect(D).toBeLessThanOrEqual(critical);
  }, 120_000);
});
