/**
 * Waiting-time distribution by person type (walk-in residents, the elderly carried by volunteers,
 * callback households, …) as box plots on one axis: median, quartiles and whiskers at 1.5 IQR, with
 * outliers as points. Waits are given in seconds, as the simulation records them, and shown in minutes
 * (or another unit).
 *
 * @module
 */
import type { TopLevelSpec } from 'vega-lite';
import { oneOf } from '../kernel/validate.js';
import { type ChartOptions, frame, label, mapRows, num } from './options.js';

/**
 * One person's wait.
 *
 * @example
 * ```ts
 * const row: WaitRow = { personType: 'elderly', wait: 840 };
 * ```
 */
export interface WaitRow {
  /** The person type. */
  readonly personType: string;
  /** The wait in seconds. */
  readonly wait: number;
}

/** Display units of waits, with their length in seconds. */
const UNITS = { s: 1, min: 60, h: 3600 } as const;

/**
 * Input of {@link waitingTimeSpec}.
 *
 * @example
 * ```ts
 * const input: WaitingTimeInput = { rows, unit: 'min', stage: 'swab' };
 * ```
 */
export interface WaitingTimeInput extends ChartOptions {
  /** One row per person (a sample of persons is fine). */
  readonly rows: readonly WaitRow[];
  /** Display unit (default `min`). */
  readonly unit?: keyof typeof UNITS;
  /** Stage named in the axis title, e.g. `swab`. */
  readonly stage?: string;
}

/**
 * A vega-lite box-plot spec of waiting times by person type.
 *
 * @example
 * ```ts
 * const spec = waitingTimeSpec({
 *   rows: [{ personType: 'resident', wait: 600 }, { personType: 'elderly', wait: 1500 }],
 *   stage: 'registration',
 * });
 * ```
 */
export function waitingTimeSpec(input: WaitingTimeInput): TopLevelSpec {
  const unit =
    input.unit === undefined
      ? 'min'
      : oneOf(input.unit, 'unit', Object.keys(UNITS) as (keyof typeof UNITS)[]);
  const scale = UNITS[unit];
  const values = mapRows(input.rows, 'rows', (r, p) => ({
    personType: label(r.personType, `${p}.personType`),
    wait: num(r.wait, `${p}.wait`) / scale,
  }));
  const stage = input.stage === undefined ? 'Waiting time' : `Waiting time at ${label(input.stage, 'stage')}`;
  const types = [...new Set(values.map((v) => v.personType))];
  return {
    ...frame(input, 'Waiting time by person type', 60 * Math.max(1, types.length)),
    data: { values },
    mark: { type: 'boxplot', extent: 1.5, size: 22 },
    encoding: {
      y: { field: 'personType', type: 'nominal', title: 'Person type', sort: types },
      x: { field: 'wait', type: 'quantitative', title: `${stage} (${unit})` },
      color: { field: 'personType', type: 'nominal', legend: null, sort: types },
    },
  };
}
