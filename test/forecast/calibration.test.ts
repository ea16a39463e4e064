/**
 * Calibration: simulated days are the truth. Each of 200 days draws its inputs (turnout, arrival
 * window, pace) from the forecast's own prior and runs with its own seed; a snapshot of it is taken
 * at 09:30 (people tested and people in the point, per point — what a command post counts), and the
 * forecast from that snapshot gives a 90 % interval for the finish. If the forecast is calibrated,
 * the truth's finish falls inside in 90 % of the days; with 200 days the count is binomial, sd 2.1
 * points, so 85–95 % is the acceptance band (a calibrated forecast misses it about 2 % of the time;
 * the seeds are fixed, so the figure is reproducible). The coverage is printed.
 */
import { describe, expect, it } from 'vitest';
import { forecastCampaign } from '../../models/forecast/forecast.js';
import { DEFAULT_PRIOR, simulateParticles } from '../../models/forecast/infer.js';
import { seededRng } from '../../src/index.js';
import { drawTheta, tinyPlan, truthDay } from './helpers.js';

const T = 9.5 * 3600;

function study(trials: number, queues: 'none' | 'total'): { coverage: number; width: number } {
  const bank = simulateParticles(tinyPlan.testing.town!, 'town', tinyPlan.epoch, T, DEFAULT_PRIOR, 300, 1000);
  let hits = 0;
  let width = 0;
  for (let i = 0; i < trials; i++) {
    const rng = seededRng(i, 'truth.theta');
    const theta = drawTheta(DEFAULT_PRIOR, [rng.next(), rng.next(), rng.next()]);
    const truth = truthDay(tinyPlan, 5000 + i, theta, T, queues);
    const f = forecastCampaign(tinyPlan, truth.snapshot, {
      replications: 19,
      seed: 10_000 + i,
      particleBank: { town: bank },
      accept: 0.2,
    });
    const { lower, upper } = f.areas.town!.finish;
    if (truth.finish !== null && lower !== null && upper !== null) {
      if (truth.finish >= lower && truth.finish <= upper) hits++;
      width += upper - lower;
    }
  }
  return { coverage: hits / trials, width: width / trials };
}

describe('forecast calibration (200 simulated days, snapshot at 09:30)', () => {
  it('the truth finish falls in the 90 % interval in 85–95 % of the days (counted queues)', () => {
    const { coverage, width } = study(200, 'total');
    console.log(
      `forecast calibration, tested + queued counted: coverage ${(coverage * 100).toFixed(1)} % of 200 days (mean 90 % interval width ${(width / 60).toFixed(1)} min)`,
    );
    expect(coverage).toBeGreaterThanOrEqual(0.85);
    expect(coverage).toBeLessThanOrEqual(0.95);
  }, 300_000);
});
