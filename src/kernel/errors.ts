/**
 * Errors that say where.
 *
 * Two kinds of failure matter to a planner, and each gets its own error class:
 *
 * - {@link ParameterError}: bad input found *before* a run. The message names the parameter path and
 *   the offending value, e.g. `sites[3].swabbers: expected an integer ≥ 1, got -1`.
 * - {@link SimulationError}: a failure *during* a run. The message names the simulated time (and the
 *   clock time when the simulation has an epoch), the process or entity, and the step it was in, e.g.
 *   `resident#17 at t=412.50 (19:06:52) in [swab]: …`.
 *
 * Both extend {@link SurgesimError} so callers can catch everything the library throws on purpose.
 *
 * @module
 */

/**
 * Base class of every error surgesim throws on purpose.
 *
 * @example
 * ```ts
 * try { sim.run(); } catch (e) { if (e instanceof SurgesimError) console.error(e.message); }
 * ```
 */
export class SurgesimError extends Error {
  /** Error name shown in stack traces and `String(error)`: `'SurgesimError'`, and each subclass's own name. */
  override name = 'SurgesimError';
}

/**
 * Render a value for an error message: short, unambiguous, never throws.
 *
 * Strings are quoted, `NaN`/`Infinity` are shown as such, objects are shown as compact JSON (cut at 80
 * characters) so that the offending value is visible in the message.
 *
 * @example
 * ```ts
 * formatValue(-1);        // '-1'
 * formatValue('6 hours'); // '"6 hours"'
 * ```
 */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (typeof value === 'symbol') return value.toString();
  try {
    const json = JSON.stringify(value, (_k, v) =>
      typeof v === 'number' && !Number.isFinite(v) ? String(v) : v,
    );
    if (json === undefined) return Object.prototype.toString.call(value);
    return json.length > 80 ? `${json.slice(0, 77)}...` : json;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * A parameter failed validation before the run started.
 *
 * `path` is the parameter's location in the input (`sites[3].swabbers`), `expected` says what would
 * have been valid, `value` is what was given.
 *
 * @example
 * ```ts
 * throw new ParameterError('sites[3].swabbers', 'an integer ≥ 1', -1);
 * // sites[3].swabbers: expected an integer ≥ 1, got -1
 * ```
 */
export class ParameterError extends SurgesimError {
  /** Error name shown in stack traces and `String(error)`: always `'ParameterError'`. */
  override name = 'ParameterError';
  constructor(
    /** Where the bad value sits in the input, e.g. `sites[3].swabbers`. */
    readonly path: string,
    /** What a valid value looks like, e.g. `an integer ≥ 1`. */
    readonly expected: string,
    /** The value that was given. */
    readonly value: unknown,
  ) {
    super(`${path}: expected ${expected}, got ${formatValue(value)}`);
  }
}

/** Where a run-time failure happened; every field is optional except the time. */
export interface SimulationErrorContext {
  /** Simulated time of the failure (model units, usually seconds). */
  readonly time: number;
  /** Clock-time rendering of `time` when the simulation has an epoch, e.g. `19:06:52`. */
  readonly clock?: string | undefined;
  /** The process or entity, e.g. `resident#17`. */
  readonly entity?: string | undefined;
  /** The step it was in, e.g. `swab` or `waiting on request(registration)`. */
  readonly step?: string | undefined;
}

/**
 * Something went wrong during a run. The message starts with where and when:
 * `resident#17 at t=412.50 (19:06:52) in [swab]: cause`.
 *
 * The original error, if any, is kept as `cause`.
 *
 * @example
 * ```ts
 * throw new SimulationError('release of a request that is not held', { time: sim.now, entity: 'clerk#2' });
 * ```
 */
export class SimulationError extends SurgesimError {
  /** Error name shown in stack traces and `String(error)`: `'SimulationError'` (subclasses such as `DeadlockError` set their own). */
  override name = 'SimulationError';
  /** Simulated time of the failure. */
  readonly time: number;
  /** Clock time of the failure, when known. */
  readonly clock: string | undefined;
  /** Process or entity that failed, when known. */
  readonly entity: string | undefined;
  /** What it was doing, when known. */
  readonly step: string | undefined;
  /** The message without the location prefix. */
  readonly detail: string;

  constructor(detail: string, context: SimulationErrorContext, options?: { cause?: unknown }) {
    const where = [
      context.entity ?? 'simulation',
      `at t=${formatTime(context.time)}${context.clock ? ` (${context.clock})` : ''}`,
      context.step ? `in [${context.step}]` : undefined,
    ]
      .filter(Boolean)
      .join(' ');
    super(`${where}: ${detail}`, options);
    this.time = context.time;
    this.clock = context.clock;
    this.entity = context.entity;
    this.step = context.step;
    this.detail = detail;
  }
}

/** Two decimals for ordinary times, full precision when that would hide the value. */
function formatTime(t: number): string {
  if (!Number.isFinite(t)) return String(t);
  const fixed = t.toFixed(2);
  return Number(fixed) === t || Math.abs(t) >= 0.01 ? fixed : String(t);
}
