/**
 * Arrival processes as data, the counterpart of `parseDistribution`: a scenario writes
 * `{ process: 'poisson', rate: 0.5, end: 3600 }` and gets an {@link ArrivalProcess}, with errors
 * naming the path inside the scenario. Every process's `toJSON()` is such a spec, except the thinned
 * process, whose rate is a function and so cannot be data.
 *
 * @module
 */
import { match } from 'ts-pattern';
import { ParameterError } from '../../kernel/errors.js';
import { oneOf } from '../../kernel/validate.js';
import { at } from '../distribution.js';
import {
  type PiecewisePoissonParams,
  type PoissonProcessParams,
  piecewisePoissonProcess,
  poissonProcess,
} from './poisson.js';
import { type FixedPopulationParams, fixedPopulation } from './population.js';
import type { ArrivalProcess } from './process.js';
import { batchArrivals, type ScheduledParams, scheduledArrivals } from './scheduled.js';

/**
 * The names `parseArrivalProcess` understands, in the `process` field of a spec.
 *
 * @example
 * ```ts
 * ARRIVAL_PROCESS_NAMES.includes('poisson'); // true
 * ```
 */
export const ARRIVAL_PROCESS_NAMES = [
  'poisson',
  'piecewise-poisson',
  'fixed-population',
  'scheduled',
  'batch',
] as const;

/**
 * An arrival process written as data.
 *
 * @example
 * ```ts
 * const spec: ArrivalProcessSpec = { process: 'batch', epochs: { process: 'scheduled', times: [600, 1200] }, size: 40 };
 * ```
 */
export type ArrivalProcessSpec =
  | ({ readonly process: 'poisson' } & PoissonProcessParams)
  | ({ readonly process: 'piecewise-poisson' } & PiecewisePoissonParams)
  | ({ readonly process: 'fixed-population' } & FixedPopulationParams)
  | ({ readonly process: 'scheduled' } & ScheduledParams)
  | {
      readonly process: 'batch';
      /** When batches come: a spec (or an already built process). */
      readonly epochs: ArrivalProcessSpec | ArrivalProcess;
      /** Entities per batch: an integer ≥ 1 or a distribution spec of integers ≥ 0. */
      readonly size: unknown;
    };

/** Copy of a spec without its `process` key (the builders reject keys they do not know). */
function withoutKind(spec: Record<string, unknown>): Record<string, unknown> {
  const { process: _kind, ...rest } = spec;
  return rest;
}

/**
 * Turn a spec into an {@link ArrivalProcess}, validating everything (nested `epochs` included).
 *
 * @param spec - an {@link ArrivalProcessSpec}, typed `unknown` because it usually comes from data.
 * @param path - where the spec sits in the input, e.g. `sites[2].arrivals`.
 * @throws `ParameterError` naming the path and bad value.
 * @example
 * ```ts
 * const walkIns = parseArrivalProcess({ process: 'poisson', rate: 1200 / 3600, end: 6 * 3600 }, 'walkIns');
 * const again = parseArrivalProcess(JSON.parse(JSON.stringify(walkIns))); // same process
 * ```
 */
export function parseArrivalProcess(spec: unknown, path = ''): ArrivalProcess {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec))
    throw new ParameterError(path || 'arrivals', 'an object { process, ...parameters }', spec);
  const raw = spec as Record<string, unknown>;
  const name = oneOf(raw.process, at(path, 'process'), ARRIVAL_PROCESS_NAMES);
  const p = withoutKind(raw) as never;
  return match<(typeof ARRIVAL_PROCESS_NAMES)[number], ArrivalProcess>(name)
    .with('poisson', () => poissonProcess(p, path))
    .with('piecewise-poisson', () => piecewisePoissonProcess(p, path))
    .with('fixed-population', () => fixedPopulation(p, path))
    .with('scheduled', () => scheduledArrivals(p, path))
    .with('batch', () => {
      const e = raw.epochs as ArrivalProcess | undefined;
      const epochs =
        typeof e === 'object' && e !== null && typeof e.times === 'function'
          ? e
          : parseArrivalProcess(raw.epochs, at(path, 'epochs'));
      return batchArrivals({ ...withoutKind(raw), epochs } as never, path);
    })
    .exhaustive();
}
