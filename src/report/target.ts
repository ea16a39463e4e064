/**
 * Target markers: a horizontal line at a required level ("119,246 tested", "327 beds") and, when the
 * requirement has a deadline, a vertical line at it and a labelled point where the two meet, so a
 * planner sees at a glance whether the curve passes above the point in time.
 *
 * @module
 */
import type { LayerSpec, UnitSpec } from 'vega-lite/types_unstable/spec/index.js';
import type { Epoch } from '../time/epoch.js';
import { num } from './options.js';
import { TARGET_COLOR } from './theme.js';

/**
 * A required level, optionally with a deadline.
 *
 * @example
 * ```ts
 * const target: TargetMarker = { count: 119_246, by: 23_400 }; // by 01:30 when the epoch is 19:00
 * ```
 */
export interface TargetMarker {
  /** The required level, in the chart's y units. */
  readonly count: number;
  /** The deadline, in seconds since the epoch; without it only the horizontal line is drawn. */
  readonly by?: number;
  /** The label; default `Target 119,246 by 01:00` (or `N needed by HH:MM` for beds). */
  readonly label?: string;
}

/** Thousands separators without depending on the machine's locale. */
export function groupDigits(n: number): string {
  const [int = '', frac] = String(Math.abs(n)).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/**
 * The layers that draw a target on a clock-time chart whose y field is `y`.
 *
 * @internal
 * @param verb - how the default label reads: `Target N by T` or `N needed by T`.
 * @example
 * ```ts
 * const layers = targetLayers(epoch, { count: 327, by: 7200 }, 'needed');
 * ```
 */
export function targetLayers(
  epoch: Epoch,
  target: TargetMarker,
  verb: 'target' | 'needed',
): (UnitSpec<string> | LayerSpec<string>)[] {
  const count = num(target.count, 'target.count');
  const by = target.by === undefined ? undefined : num(target.by, 'target.by');
  const when = by === undefined ? '' : ` by ${epoch.toClock(by, { day: 'none', seconds: 'never' })}`;
  const text =
    target.label ??
    (verb === 'target' ? `Target ${groupDigits(count)}${when}` : `${groupDigits(count)} needed${when}`);
  const layers: (UnitSpec<string> | LayerSpec<string>)[] = [
    {
      data: { values: [{ y: count }] },
      mark: { type: 'rule', color: TARGET_COLOR, strokeDash: [6, 4], strokeWidth: 1.5 },
      encoding: { y: { field: 'y', type: 'quantitative' } },
    },
  ];
  if (by === undefined) {
    layers.push({
      data: { values: [{ y: count, text }] },
      mark: {
        type: 'text',
        color: TARGET_COLOR,
        align: 'left',
        baseline: 'bottom',
        x: 4,
        dy: -3,
        fontWeight: 'bold',
      },
      encoding: { y: { field: 'y', type: 'quantitative' }, text: { field: 'text', type: 'nominal' } },
    });
    return layers;
  }
  const clock = epoch.toWallClockMillis(by);
  layers.push(
    {
      data: { values: [{ clock }] },
      mark: { type: 'rule', color: TARGET_COLOR, strokeDash: [2, 3] },
      encoding: { x: { field: 'clock', type: 'temporal', scale: { type: 'utc' } } },
    },
    {
      data: { values: [{ clock, y: count, text }] },
      layer: [
        { mark: { type: 'point', color: TARGET_COLOR, filled: true, size: 70 } },
        {
          mark: {
            type: 'text',
            color: TARGET_COLOR,
            align: 'right',
            baseline: 'bottom',
            dx: -6,
            dy: -4,
            fontWeight: 'bold',
          },
          encoding: { text: { field: 'text', type: 'nominal' } },
        },
      ],
      encoding: {
        x: { field: 'clock', type: 'temporal', scale: { type: 'utc' } },
        y: { field: 'y', type: 'quantitative' },
      },
    },
  );
  return layers;
}

/**
 * The deadline of a target as wall-clock milliseconds (empty when there is none), for choosing ticks.
 *
 * @internal
 * @example
 * ```ts
 * deadline(epoch, { count: 327, by: 7200 }); // [epoch.toWallClockMillis(7200)]
 * ```
 */
export function deadline(epoch: Epoch, target: TargetMarker | undefined): number[] {
  return target?.by === undefined ? [] : [epoch.toWallClockMillis(num(target.by, 'target.by'))];
}
