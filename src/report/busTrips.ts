/**
 * Bus trips as a Gantt chart: one row per bus, one bar per trip from departure to arrival, on a
 * clock-time axis; bars are coloured by route when routes are given. Gaps between bars are the time a
 * bus spends loading, unloading or returning.
 *
 * @module
 */
import type { TopLevelSpec } from 'vega-lite';
import { ParameterError } from '../kernel/errors.js';
import { clockAxisTitle, clockEncoding, type EpochLike, toEpoch, wallClock } from './clock.js';
import { type ChartOptions, frame, label, mapRows, num } from './options.js';

/**
 * One trip of one bus.
 *
 * @example
 * ```ts
 * const trip: BusTripRow = { bus: 'bus 3', departure: 600, arrival: 2400, passengers: 38, route: '河东' };
 * ```
 */
export interface BusTripRow {
  /** The bus name or number. */
  readonly bus: string | number;
  /** Departure, seconds since the epoch. */
  readonly departure: number;
  /** Arrival, seconds since the epoch (not before departure). */
  readonly arrival: number;
  /** People carried (shown in the tooltip). */
  readonly passengers?: number;
  /** Route or destination; colours the bars. */
  readonly route?: string;
}

/**
 * Input of {@link busTripsSpec}.
 *
 * @example
 * ```ts
 * const input: BusTripsInput = { epoch: '2022-04-13T19:00+08:00', rows };
 * ```
 */
export interface BusTripsInput extends ChartOptions {
  /** The scenario's epoch (simulated time 0). */
  readonly epoch: EpochLike;
  /** All trips. */
  readonly rows: readonly BusTripRow[];
}

/**
 * A vega-lite Gantt spec of bus trips (bus × departure → arrival). Without an explicit `height` each
 * bus gets a 20-pixel row.
 *
 * @example
 * ```ts
 * const spec = busTripsSpec({
 *   epoch: '2022-04-13T19:00+08:00',
 *   rows: [{ bus: 1, departure: 0, arrival: 1800, route: '河东' }, { bus: 1, departure: 3000, arrival: 4800 }],
 * });
 * ```
 */
export function busTripsSpec(input: BusTripsInput): TopLevelSpec {
  const epoch = toEpoch(input.epoch);
  const values = mapRows(input.rows, 'rows', (r, p) => {
    const departure = wallClock(epoch, r.departure, `${p}.departure`);
    const arrival = wallClock(epoch, r.arrival, `${p}.arrival`);
    if (arrival < departure)
      throw new ParameterError(`${p}.arrival`, `a time not before departure ${r.departure}`, r.arrival);
    return {
      bus: label(r.bus, `${p}.bus`),
      departure,
      arrival,
      route: r.route === undefined ? 'trip' : label(r.route, `${p}.route`),
      ...(r.passengers === undefined ? {} : { passengers: num(r.passengers, `${p}.passengers`) }),
    };
  });
  const buses = [...new Set(values.map((v) => v.bus))];
  const hasRoutes = input.rows.some((r) => r.route !== undefined);
  const base = frame(input, 'Bus trips');
  return {
    ...base,
    height: input.height === undefined ? { step: 20 } : base.height,
    data: { values },
    mark: { type: 'bar', cornerRadius: 2, ...(hasRoutes ? {} : { color: '#0072B2' }) },
    encoding: {
      x: clockEncoding(
        'departure',
        clockAxisTitle(epoch, `Departure → arrival, clock time (${epoch.label})`),
        values.flatMap((v) => [v.departure, v.arrival]),
        base.width,
      ),
      x2: { field: 'arrival' },
      y: { field: 'bus', type: 'nominal', title: 'Bus', sort: buses },
      ...(hasRoutes ? { color: { field: 'route', type: 'nominal' as const, title: 'Route' } } : {}),
      tooltip: [
        { field: 'bus', type: 'nominal' },
        { field: 'departure', type: 'temporal', format: '%H:%M', formatType: 'utc' },
        { field: 'arrival', type: 'temporal', format: '%H:%M', formatType: 'utc' },
        ...(values.some((v) => 'passengers' in v)
          ? [{ field: 'passengers', type: 'quantitative' as const, title: 'Passengers (persons)' }]
          : []),
      ],
    },
  };
}
