/**
 * Beds ready over time at an isolation site, against the number needed by a deadline ("327 needed by
 * 21:00"): a step line of beds ready on a clock-time axis, with the requirement as a dashed line and a
 * point at the deadline.
 *
 * @module
 */
import type { TopLevelSpec } from 'vega-lite';
import { clockAxisTitle, clockEncoding, type EpochLike, toEpoch, wallClock } from './clock.js';
import { type ChartOptions, frame, mapRows, num } from './options.js';
import { deadline, type TargetMarker, targetLayers } from './target.js';

/**
 * One observation: `ready` beds were ready at `time`.
 *
 * @example
 * ```ts
 * const row: BedsRow = { time: 5400, ready: 180 };
 * ```
 */
export interface BedsRow {
  /** Seconds since the epoch. */
  readonly time: number;
  /** Beds ready at that time. */
  readonly ready: number;
}

/**
 * Input of {@link bedsReadySpec}.
 *
 * @example
 * ```ts
 * const input: BedsReadyInput = { epoch: '2022-04-13T17:00+08:00', rows, needed: { count: 327, by: 14_400 } };
 * ```
 */
export interface BedsReadyInput extends ChartOptions {
  /** The scenario's epoch (simulated time 0). */
  readonly epoch: EpochLike;
  /** Beds ready over time, in time order. */
  readonly rows: readonly BedsRow[];
  /** Beds needed and by when; labelled `N needed by HH:MM` unless a label is given. */
  readonly needed?: TargetMarker;
  /** Site name shown in the default title, e.g. `河东`. */
  readonly site?: string;
}

/**
 * A vega-lite spec of beds ready over time with the "N needed by T" marker.
 *
 * @example
 * ```ts
 * const spec = bedsReadySpec({
 *   epoch: '2022-04-13T17:00+08:00',
 *   site: '河东',
 *   rows: [{ time: 0, ready: 0 }, { time: 7200, ready: 200 }, { time: 14_000, ready: 330 }],
 *   needed: { count: 327, by: 14_400 },
 * });
 * ```
 */
export function bedsReadySpec(input: BedsReadyInput): TopLevelSpec {
  const epoch = toEpoch(input.epoch);
  const values = mapRows(input.rows, 'rows', (r, p) => ({
    clock: wallClock(epoch, r.time, `${p}.time`),
    ready: num(r.ready, `${p}.ready`),
  }));
  const title = input.site === undefined ? 'Beds ready over time' : `Beds ready over time — ${input.site}`;
  const head = frame(input, title);
  return {
    ...head,
    layer: [
      {
        data: { values },
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2, color: '#009E73' },
        encoding: {
          x: clockEncoding(
            'clock',
            clockAxisTitle(epoch),
            [...values.map((v) => v.clock), ...deadline(epoch, input.needed)],
            head.width,
          ),
          y: { field: 'ready', type: 'quantitative', title: 'Beds ready (beds)' },
        },
      },
      ...(input.needed === undefined ? [] : targetLayers(epoch, input.needed, 'needed')),
    ],
  };
}
