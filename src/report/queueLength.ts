/**
 * Queue length per stage over time: one step line per stage (check, registration, swab, …) on a
 * clock-time axis. Queue lengths change only at events, so the lines hold their value until the next
 * observation (`step-after`), as a time-weighted monitor records them.
 *
 * @module
 */
import type { TopLevelSpec } from 'vega-lite';
import { clockAxisTitle, clockEncoding, type EpochLike, toEpoch, wallClock } from './clock.js';
import { type ChartOptions, frame, label, mapRows, num } from './options.js';

/**
 * One observation: `length` people were queuing at `stage` from `time` on.
 *
 * @example
 * ```ts
 * const row: QueueLengthRow = { time: 1800, stage: 'swab', length: 42 };
 * ```
 */
export interface QueueLengthRow {
  /** Seconds since the epoch. */
  readonly time: number;
  /** Stage (queue) name. */
  readonly stage: string;
  /** People waiting. */
  readonly length: number;
}

/**
 * Input of {@link queueLengthSpec}.
 *
 * @example
 * ```ts
 * const input: QueueLengthInput = { epoch: '2022-04-13T19:00+08:00', rows };
 * ```
 */
export interface QueueLengthInput extends ChartOptions {
  /** The scenario's epoch (simulated time 0). */
  readonly epoch: EpochLike;
  /** Observations of all stages, each stage in time order. */
  readonly rows: readonly QueueLengthRow[];
  /** Order of the stages in the legend (default: order of first appearance). */
  readonly stages?: readonly string[];
}

/**
 * A vega-lite spec of queue length per stage over time.
 *
 * @example
 * ```ts
 * const spec = queueLengthSpec({
 *   epoch: '2022-04-13T19:00+08:00',
 *   rows: [{ time: 0, stage: 'swab', length: 0 }, { time: 600, stage: 'swab', length: 35 }],
 * });
 * ```
 */
export function queueLengthSpec(input: QueueLengthInput): TopLevelSpec {
  const epoch = toEpoch(input.epoch);
  const values = mapRows(input.rows, 'rows', (r, p) => ({
    clock: wallClock(epoch, r.time, `${p}.time`),
    stage: label(r.stage, `${p}.stage`),
    length: num(r.length, `${p}.length`),
  }));
  const order = input.stages ?? [...new Set(values.map((v) => v.stage))];
  const head = frame(input, 'Queue length per stage');
  return {
    ...head,
    data: { values },
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.8 },
    encoding: {
      x: clockEncoding(
        'clock',
        clockAxisTitle(epoch),
        values.map((v) => v.clock),
        head.width,
      ),
      y: { field: 'length', type: 'quantitative', title: 'Queue length (persons)' },
      color: { field: 'stage', type: 'nominal', title: 'Stage', sort: [...order] },
    },
  };
}
