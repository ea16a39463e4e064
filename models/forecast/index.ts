/**
 * The rest of the day from a mid-day snapshot: snapshots (JSON or CSV) checked against a campaign's
 * plan, the uncertain inputs inferred from the counts, replications started from the observed state,
 * staff moves compared with common random numbers, tables and a fan chart. See
 * models/forecast/README.md.
 *
 * ```ts
 * import { forecastCampaign, formatForecast, parseSnapshot, planCampaign } from 'surgesim/models';
 * const { plan } = planCampaign(spec);
 * console.log(formatForecast(forecastCampaign(plan, parseSnapshot(text, plan), { replications: 40 })));
 * ```
 *
 * @module
 */
export { fanChartSpec } from './chart.js';
export {
  type AreaForecast,
  type CampaignForecast,
  type ForecastInterval,
  type ForecastOptions,
  forecastCampaign,
} from './forecast.js';
export { forecastReport, forecastTables, formatForecast } from './format.js';
export {
  DEFAULT_PRIOR,
  FIXED_PRIOR,
  type ForecastPrior,
  observeArea,
  type Particle,
  type ParticlePoint,
  simulateParticles,
  type Theta,
} from './infer.js';
export { parseMove, type StaffMove } from './moves.js';
export {
  type AreaObservation,
  checkSnapshot,
  type PointObservation,
  parseSnapshot,
  parseSnapshotCsv,
  type Snapshot,
  SnapshotError,
  type StaffObservation,
} from './snapshot.js';
