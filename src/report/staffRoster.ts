/**
 * Staff on shift versus busy, as a roster Gantt chart: one row per person, a light bar for each shift
 * (coloured by role) and a dark, thinner bar inside it for each stretch the person was busy serving.
 * Where the light bar shows without a dark one, staff were on shift but idle; where people queue while
 * the bars end, the roster was short.
 *
 * @module
 */
import type { TopLevelSpec } from 'vega-lite';
import { ParameterError } from '../kernel/errors.js';
import type { Epoch } from '../time/epoch.js';
import { clockAxisTitle, clockEncoding, type EpochLike, toEpoch, wallClock } from './clock.js';
import { type ChartOptions, frame, label, mapRows } from './options.js';

/**
 * One interval of one person: a shift, or a stretch of busy time.
 *
 * @example
 * ```ts
 * const shift: StaffIntervalRow = { person: 'swabber 4', start: 0, end: 14_400, role: 'swab' };
 * ```
 */
export interface StaffIntervalRow {
  /** The person (or post) name. */
  readonly person: string | number;
  /** Start, seconds since the epoch. */
  readonly start: number;
  /** End, seconds since the epoch (not before start). */
  readonly end: number;
  /** Role, colours the shift bars (shifts only). */
  readonly role?: string;
}

/**
 * Input of {@link staffRosterSpec}.
 *
 * @example
 * ```ts
 * const input: StaffRosterInput = { epoch: '2022-04-13T19:00+08:00', shifts, busy };
 * ```
 */
export interface StaffRosterInput extends ChartOptions {
  /** The scenario's epoch (simulated time 0). */
  readonly epoch: EpochLike;
  /** One row per person-shift. */
  readonly shifts: readonly StaffIntervalRow[];
  /** Busy intervals, drawn over the shifts; omit for a plain roster. */
  readonly busy?: readonly StaffIntervalRow[];
}

function intervals(epoch: Epoch, rows: readonly StaffIntervalRow[], path: string) {
  return mapRows(rows, path, (r, p) => {
    const start = wallClock(epoch, r.start, `${p}.start`);
    const end = wallClock(epoch, r.end, `${p}.end`);
    if (end < start) throw new ParameterError(`${p}.end`, `a time not before start ${r.start}`, r.end);
    return {
      person: label(r.person, `${p}.person`),
      start,
      end,
      role: r.role === undefined ? 'staff' : label(r.role, `${p}.role`),
    };
  });
}

/**
 * A vega-lite roster Gantt spec: shifts per person with busy time overlaid. Without an explicit
 * `height` each person gets an 18-pixel row.
 *
 * @example
 * ```ts
 * const spec = staffRosterSpec({
 *   epoch: '2022-04-13T19:00+08:00',
 *   shifts: [{ person: 'A', start: 0, end: 14_400, role: 'swab' }],
 *   busy: [{ person: 'A', start: 600, end: 3000 }],
 * });
 * ```
 */
export function staffRosterSpec(input: StaffRosterInput): TopLevelSpec {
  const epoch = toEpoch(input.epoch);
  const shifts = intervals(epoch, input.shifts, 'shifts');
  const busy = input.busy === undefined ? [] : intervals(epoch, input.busy, 'busy');
  const people = [...new Set([...shifts.map((s) => s.person), ...busy.map((b) => b.person)])];
  const y = { field: 'person', type: 'nominal' as const, title: 'Staff', sort: people };
  const base = frame(input, 'Staff on shift and busy');
  return {
    ...base,
    height: input.height === undefined ? { step: 18 } : base.height,
    layer: [
      {
        data: { values: shifts },
        mark: { type: 'bar', opacity: 0.35, cornerRadius: 2 },
        encoding: {
          x: clockEncoding(
            'start',
            clockAxisTitle(epoch),
            [...shifts, ...busy].flatMap((r) => [r.start, r.end]),
            base.width,
          ),
          x2: { field: 'end' },
          y,
          color: { field: 'role', type: 'nominal', title: 'On shift (role)' },
        },
      },
      ...(busy.length === 0
        ? []
        : [
            {
              data: { values: busy },
              mark: { type: 'bar' as const, color: '#222', height: { band: 0.4 } },
              encoding: { x: { field: 'start', type: 'temporal' as const }, x2: { field: 'end' }, y },
            },
          ]),
    ],
  };
}
