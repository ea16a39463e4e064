/**
 * Calendar time and units: the edge between what people write and what the kernel computes with.
 *
 * The kernel clock is a plain number and models use **seconds**. This area converts, once and at the
 * edge, in both directions:
 *
 * - inputs with units → numbers: {@link duration} (`"6 h"` → 21600), {@link rate} (`"331 per min"` →
 *   5.52 per second), and {@link parseUnits} for a model's whole parameter object;
 * - simulated seconds ↔ clock time: an {@link Epoch} (`2022-04-13T01:30+08:00`) renders `t` as
 *   `"19:00"` or `"01:30 (+1 d)"`, as ISO strings or instants for charts, and reads clock times back;
 * - numbers → text for reports: {@link formatDuration} (`"2 h 05 min"`), {@link formatRate} (`"331 /min"`).
 *
 * Browser-safe: no Node built-ins, and never the machine's timezone (epochs carry fixed offsets).
 *
 * ```ts
 * const epoch = new Epoch('2022-04-13T19:00+08:00');
 * const site = parseUnits({ swabTime: '40 s', opensAt: '19:30' }, { swabTime: 'duration', opensAt: 'clock' },
 *                         'sites[0]', { epoch });
 * epoch.toClock(site.opensAt + 6 * 3600); // '01:30 (+1 d)'
 * ```
 *
 * @module
 */
export { type AtOptions, type BeforeEpoch, type ClockOptions, Epoch } from './epoch.js';
export { type DurationFormatOptions, formatDuration, formatRate, type RateFormatOptions } from './format.js';
export {
  type Parsed,
  type ParseUnitsOptions,
  parseUnits,
  RecordSpec,
  recordOf,
  type UnitKind,
  type UnitSpec,
} from './parseUnits.js';
export {
  DURATION_EXPECTED,
  type DurationInput,
  duration,
  RATE_EXPECTED,
  type RateInput,
  rate,
} from './units.js';
