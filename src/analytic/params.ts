/**
 * Shared input handling for the closed-form results: reading a parameter object (rejecting unknown
 * keys, which in scenario data are usually typos), joining parameter paths, and the stability check
 * that every infinite-queue model needs.
 *
 * Every public function of this area takes an optional `path` prefix so that a caller that validates a
 * larger structure (a scenario's `sites[2]`) gets errors that point into its own input.
 *
 * @internal
 * @module
 */
import { ParameterError } from '../kernel/errors.js';

/**
 * Join a path prefix and a key: `at('sites[0]', 'servers')` → `sites[0].servers`, `at('routing', 2)`
 * → `routing[2]`; with an empty prefix, just the key.
 *
 * @example
 * ```ts
 * at('', 'arrivalRate');      // 'arrivalRate'
 * at('nodes[1]', 'servers');  // 'nodes[1].servers'
 * ```
 * @internal
 */
export function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/**
 * Check that `value` is a plain object whose keys all belong to `allowed`, and return it as a record.
 *
 * @example
 * ```ts
 * readParams({ arrivalRate: 1, serviceRate: 2 }, '', 'M/M/1', ['arrivalRate', 'serviceRate']);
 * ```
 * @internal
 */
export function readParams(
  value: unknown,
  path: string,
  model: string,
  allowed: readonly string[],
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ParameterError(path || 'params', `an object with the parameters of ${model}`, value);
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (allowed.includes(key)) continue;
    throw new ParameterError(
      at(path, key),
      `a known parameter of ${model} (${allowed.join(', ')})`,
      record[key],
    );
  }
  return record;
}

/**
 * How a model states its service speed, for {@link requireStable}: a rate μ or a mean time 1/μ, under
 * the parameter name the caller used.
 *
 * @example
 * ```ts
 * const s: ServiceSpeed = { mean: 40, name: 'serviceTime' };
 * ```
 * @internal
 */
export type ServiceSpeed =
  | { readonly rate: number; readonly name?: string }
  | { readonly mean: number; readonly name?: string };

/**
 * Throw unless the arrival rate is below the service capacity (`servers · μ`), naming the parameters
 * involved: at or above it the queue grows without bound and no steady state exists. Leave `servers`
 * undefined for single-server models, whose parameters have no `servers`.
 *
 * @example
 * ```ts
 * requireStable(0.9, '', { rate: 1 });        // fine
 * requireStable(2, '', { rate: 1 }, 2);       // throws "arrivalRate: expected an arrival rate < servers × serviceRate = 2 × 1 = 2 …, got 2"
 * requireStable(2, '', { mean: 1 }, 2);       // "… < servers / serviceMean = 2 / 1 = 2 …"
 * ```
 * @internal
 */
export function requireStable(
  arrivalRate: number,
  path: string,
  service: ServiceSpeed,
  servers?: number,
): void {
  const c = servers ?? 1;
  const byRate = 'rate' in service;
  // Checked in the form the formulas later divide by (cμ − λ, or c − λ·E[S]), so neither can be ≤ 0.
  if (byRate ? arrivalRate < c * service.rate : arrivalRate * service.mean < c) return;
  const capacity = byRate ? c * service.rate : c / service.mean;
  const name = service.name ?? (byRate ? 'serviceRate' : 'serviceMean');
  const value = byRate ? service.rate : service.mean;
  const op = byRate ? '×' : '/';
  const bound =
    servers === undefined
      ? byRate
        ? `${name} = ${value}`
        : `1 / ${name} = 1 / ${value} = ${capacity}`
      : `servers ${op} ${name} = ${servers} ${op} ${value} = ${capacity}`;
  throw new ParameterError(
    at(path, 'arrivalRate'),
    `an arrival rate < ${bound} (otherwise the queue grows without bound)`,
    arrivalRate,
  );
}
