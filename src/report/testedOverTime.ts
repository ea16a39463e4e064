/**
 * People tested over time against a target: the cumulative count of people swabbed, drawn as a line
 * through the observations (straight between them: rows are usually binned samples, and a step would
 * show the count lagging by a bin) on a clock-time axis, with the target level (e.g. 119,246 by 01:00) as a dashed line and a
 * point at the deadline.
 *
 * @module
 */
import type { TopLevelSpec } from 'vega-lite';
import { clockAxisTitle, clockEncoding, type EpochLike, toEpoch, wallClock } from './clock.js';
import { type ChartOptions, frame, mapRows, num } from './options.js';
import { deadline, type TargetMarker, targetLayers } from './target.js';

/**
 * One observation of the cumulative count: `tested` people had been tested by `time`.
 *
 * @example
 * ```ts
 * const row: TestedRow = { time: 3600, tested: 12_400 };
 * ```
 */
export interface TestedRow {
  /** Seconds since the epoch. */
  readonly time: number;
  /** Cumulative people tested at that time. */
  readonly tested: number;
}

/**
 * Input of {@link testedOverTimeSpec}.
 *
 * @example
 * ```ts
 * const input: TestedOverTimeInput = { epoch: '2022-04-13T19:00+08:00', rows, target: { count: 119_246, by: 21_600 } };
 * ```
 */
export interface TestedOverTimeInput extends ChartOptions {
  /** The scenario's epoch (simulated time 0). */
  readonly epoch: EpochLike;
  /** The cumulative count, in time order. */
  readonly rows: readonly TestedRow[];
  /** The required count and its deadline. */
  readonly target?: TargetMarker;
}

/**
 * A vega-lite spec of people tested over time against a target.
 *
 * @example
 * ```ts
 * const spec = testedOverTimeSpec({
 *   epoch: '2022-04-13T19:00+08:00',
 *   title: '清徐 — people tested',
 *   rows: [{ time: 0, tested: 0 }, { time: 3600, tested: 20_000 }, { time: 21_600, tested: 121_000 }],
 *   target: { count: 119_246, by: 21_600 },
 * });
 * ```
 */
export function testedOverTimeSpec(input: TestedOverTimeInput): TopLevelSpec {
  const epoch = toEpoch(input.epoch);
  const values = mapRows(input.rows, 'rows', (r, p) => ({
    clock: wallClock(epoch, r.time, `${p}.time`),
    tested: num(r.tested, `${p}.tested`),
  }));
  const head = frame(input, 'People tested over time');
  return {
    ...head,
    layer: [
      {
        data: { values },
        mark: { type: 'line', interpolate: 'linear', strokeWidth: 2 },
        encoding: {
          x: clockEncoding(
            'clock',
            clockAxisTitle(epoch),
            [...values.map((v) => v.clock), ...deadline(epoch, input.target)],
            head.width,
          ),
          y: { field: 'tested', type: 'quantitative', title: 'People tested (cumulative, persons)' },
        },
      },
      ...(input.target === undefined ? [] : targetLayers(epoch, input.target, 'target')),
    ],
  };
}
