/**
 * Unloading progress: the cumulative number of items unloaded over time, one line per human chain (or
 * bay) through its observations (straight between them, as rows are usually binned samples), on a
 * clock-time axis. A flat stretch shows a chain waiting for a truck or blocked
 * by full storage.
 *
 * @module
 */
import type { TopLevelSpec } from 'vega-lite';
import { clockAxisTitle, clockEncoding, type EpochLike, toEpoch, wallClock } from './clock.js';
import { type ChartOptions, frame, label, mapRows, num } from './options.js';

/**
 * One observation: chain `chain` had unloaded `unloaded` items by `time`.
 *
 * @example
 * ```ts
 * const row: UnloadingRow = { time: 1200, chain: 'chain 1', unloaded: 640 };
 * ```
 */
export interface UnloadingRow {
  /** Seconds since the epoch. */
  readonly time: number;
  /** The chain (or bay) name. */
  readonly chain: string;
  /** Cumulative items unloaded by this chain. */
  readonly unloaded: number;
}

/**
 * Input of {@link unloadingSpec}.
 *
 * @example
 * ```ts
 * const input: UnloadingInput = { epoch: '2022-04-13T19:00+08:00', rows, unit: 'boxes' };
 * ```
 */
export interface UnloadingInput extends ChartOptions {
  /** The scenario's epoch (simulated time 0). */
  readonly epoch: EpochLike;
  /** Cumulative counts per chain, each chain in time order. */
  readonly rows: readonly UnloadingRow[];
  /** The unit of an item, shown in the axis title (default `items`). */
  readonly unit?: string;
}

/**
 * A vega-lite spec of items unloaded over time per chain.
 *
 * @example
 * ```ts
 * const spec = unloadingSpec({
 *   epoch: '2022-04-13T19:00+08:00',
 *   unit: 'boxes',
 *   rows: [{ time: 0, chain: 'A', unloaded: 0 }, { time: 900, chain: 'A', unloaded: 400 }],
 * });
 * ```
 */
export function unloadingSpec(input: UnloadingInput): TopLevelSpec {
  const epoch = toEpoch(input.epoch);
  const unit = input.unit === undefined ? 'items' : label(input.unit, 'unit');
  const values = mapRows(input.rows, 'rows', (r, p) => ({
    clock: wallClock(epoch, r.time, `${p}.time`),
    chain: label(r.chain, `${p}.chain`),
    unloaded: num(r.unloaded, `${p}.unloaded`),
  }));
  const head = frame(input, 'Unloading progress per chain');
  return {
    ...head,
    data: { values },
    mark: { type: 'line', interpolate: 'linear', strokeWidth: 1.8 },
    encoding: {
      x: clockEncoding(
        'clock',
        clockAxisTitle(epoch),
        values.map((v) => v.clock),
        head.width,
      ),
      y: { field: 'unloaded', type: 'quantitative', title: `Unloaded (cumulative, ${unit})` },
      color: { field: 'chain', type: 'nominal', title: 'Chain' },
    },
  };
}
