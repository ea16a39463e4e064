/**
 * Options shared by every experiment (replications, sweeps, comparisons, parallel runs): how many
 * replications, from which base seed, at what confidence level, and an optional precision target for
 * sequential stopping. Each option is checked here, before any replication runs, and a bad one throws
 * a {@link ParameterError} naming its path (`replicate.options.level`) and the value given.
 *
 * The checked form ({@link ResolvedReplicateOptions}) is what every result echoes back, so a result
 * says exactly how it was made: defaults filled in, nothing implicit.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { integer } from '../kernel/validate.js';
import { MAX_SEED, validateSeed } from '../random/seed.js';

/**
 * A precision target: keep replicating until the confidence half-width of every listed output field
 * is at most `halfWidth` (absolute, in the field's unit) or at most `relativeHalfWidth` × |mean|.
 * Give exactly one of the two.
 *
 * @example
 * ```ts
 * const t: PrecisionTarget = { fields: ['meanWait'], relativeHalfWidth: 0.05 }; // ±5 % of the mean
 * ```
 */
export interface PrecisionTarget {
  /** Output fields (flattened paths such as `"wait"` or `"stations[1].L"`) that must reach the target. */
  readonly fields: readonly string[];
  /** Absolute half-width target, > 0. */
  readonly halfWidth?: number;
  /** Relative half-width target (fraction of |mean|), > 0. */
  readonly relativeHalfWidth?: number;
}

/**
 * Options of {@link replicate} and of everything built on it.
 *
 * @example
 * ```ts
 * const opts: ReplicateOptions = { replications: 20, seed: 42, level: 0.95 };
 * const seq: ReplicateOptions = {
 *   replications: 10, seed: 42, target: { fields: ['wait'], halfWidth: 0.5 }, maxReplications: 500,
 * };
 * ```
 */
export interface ReplicateOptions {
  /**
   * Number of replications, an integer ≥ 2 (a confidence interval needs two). With a `target`, the
   * number run before the target is first checked (the minimum).
   */
  readonly replications: number;
  /**
   * Base seed, an integer in [0, 2^53 − 1]; replication i runs with `replicationSeed(seed, i)`. When
   * omitted a seed is drawn from the platform's cryptographic source and reported in the result.
   */
  readonly seed?: number;
  /** Confidence level of every interval, strictly between 0 and 1. Default 0.95. */
  readonly level?: number;
  /** Optional precision target for sequential stopping. */
  readonly target?: PrecisionTarget;
  /** With a target: the most replications to run, an integer ≥ `replications`. Default 1000. */
  readonly maxReplications?: number;
}

/** A checked precision target: exactly one of the two kinds is non-null. */
export interface ResolvedTarget {
  /** Output fields (flattened paths such as `"stations[1].L"`) that must reach the target; non-empty. */
  readonly fields: readonly string[];
  /** Absolute half-width target, > 0, or null when the target is relative. */
  readonly halfWidth: number | null;
  /** Relative half-width target (fraction of |mean|), > 0, or null when the target is absolute. */
  readonly relativeHalfWidth: number | null;
}

/** The options a result was made with, every default filled in. */
export interface ResolvedReplicateOptions {
  /** Replications to run (with a target: the minimum before the target is first checked), an integer ≥ 2. */
  readonly replications: number;
  /** Base seed, given or drawn; replication i runs with `replicationSeed(seed, i)`. */
  readonly seed: number;
  /** Confidence level of every interval, strictly between 0 and 1 (default 0.95). */
  readonly level: number;
  /** The checked precision target, or null for a fixed number of replications. */
  readonly target: ResolvedTarget | null;
  /** Null without a target. */
  readonly maxReplications: number | null;
}

/** Default cap on replications when a precision target is given. */
export const DEFAULT_MAX_REPLICATIONS = 1000;

const OPTION_KEYS = ['replications', 'seed', 'level', 'target', 'maxReplications'] as const;

/**
 * Check replication options and fill in the defaults.
 *
 * @param options - the caller's options.
 * @param path - where they sit, for error messages (e.g. `"sweep.options"`).
 * @param extraKeys - further keys the caller accepts (checked by the caller), so that a misspelt key
 *   such as `replication` is reported rather than silently ignored.
 * @throws {@link ParameterError} naming the option path and the bad value.
 * @example
 * ```ts
 * resolveReplicateOptions({ replications: 10, seed: 1 }, 'replicate.options');
 * // { replications: 10, seed: 1, level: 0.95, target: null, maxReplications: null }
 * resolveReplicateOptions({ replications: 1 }, 'replicate.options');
 * // throws "replicate.options.replications: expected an integer ≥ 2 (a confidence interval needs two), got 1"
 * ```
 */
export function resolveReplicateOptions(
  options: unknown,
  path: string,
  extraKeys: readonly string[] = [],
): ResolvedReplicateOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new ParameterError(path, 'an options object', options);
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!(OPTION_KEYS as readonly string[]).includes(key) && !extraKeys.includes(key))
      throw new ParameterError(
        `${path}.${key}`,
        `no such option (known: ${[...OPTION_KEYS, ...extraKeys].join(', ')})`,
        o[key],
      );
  }
  const replications = o.replications;
  if (typeof replications !== 'number' || !Number.isInteger(replications) || replications < 2)
    throw new ParameterError(
      `${path}.replications`,
      'an integer ≥ 2 (a confidence interval needs two)',
      replications,
    );
  const seed = o.seed === undefined ? drawSeed() : validateSeed(o.seed, `${path}.seed`);
  const level = resolveLevel(o.level, `${path}.level`);
  if (o.target === undefined) {
    if (o.maxReplications !== undefined)
      throw new ParameterError(
        `${path}.maxReplications`,
        'no value without a precision target (maxReplications caps sequential stopping)',
        o.maxReplications,
      );
    return { replications, seed, level, target: null, maxReplications: null };
  }
  const target = resolveTarget(o.target, `${path}.target`);
  const maxReplications =
    o.maxReplications === undefined
      ? Math.max(DEFAULT_MAX_REPLICATIONS, replications)
      : integer(o.maxReplications, `${path}.maxReplications`, replications);
  return { replications, seed, level, target, maxReplications };
}

/**
 * A confidence level strictly between 0 and 1 (default 0.95 when undefined).
 *
 * @example
 * ```ts
 * resolveLevel(undefined, 'level'); // 0.95
 * resolveLevel(1, 'level');         // throws "level: expected a number strictly between 0 and 1, got 1"
 * ```
 */
export function resolveLevel(value: unknown, path: string): number {
  if (value === undefined) return 0.95;
  if (typeof value !== 'number' || !(value > 0 && value < 1))
    throw new ParameterError(path, 'a number strictly between 0 and 1', value);
  return value;
}

function resolveTarget(value: unknown, path: string): ResolvedTarget {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ParameterError(path, 'an object { fields, halfWidth } or { fields, relativeHalfWidth }', value);
  const t = value as Record<string, unknown>;
  for (const key of Object.keys(t)) {
    if (key !== 'fields' && key !== 'halfWidth' && key !== 'relativeHalfWidth')
      throw new ParameterError(
        `${path}.${key}`,
        'no such key (known: fields, halfWidth, relativeHalfWidth)',
        t[key],
      );
  }
  const fields = t.fields;
  if (!Array.isArray(fields) || fields.length === 0)
    throw new ParameterError(`${path}.fields`, 'a non-empty array of output field names', fields);
  fields.forEach((f, i) => {
    if (typeof f !== 'string' || f.length === 0)
      throw new ParameterError(`${path}.fields[${i}]`, 'a non-empty string', f);
  });
  const hasAbs = t.halfWidth !== undefined;
  const hasRel = t.relativeHalfWidth !== undefined;
  if (hasAbs === hasRel)
    throw new ParameterError(path, 'exactly one of halfWidth and relativeHalfWidth', value);
  const key = hasAbs ? 'halfWidth' : 'relativeHalfWidth';
  const v = t[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)
    throw new ParameterError(`${path}.${key}`, 'a finite number > 0', v);
  return {
    fields: [...(fields as string[])],
    halfWidth: hasAbs ? v : null,
    relativeHalfWidth: hasRel ? v : null,
  };
}

/**
 * A seed from the platform's cryptographic source (Web Crypto, in Node and browsers alike); used
 * only when the caller gives none, and always reported in the result.
 *
 * @example
 * ```ts
 * const seed = drawSeed(); // an integer in [0, 2^53 − 1]
 * ```
 */
export function drawSeed(): number {
  const words = new Uint32Array(2);
  globalThis.crypto.getRandomValues(words);
  return ((words[0]! & 0x1fffff) * 2 ** 32 + words[1]!) % (MAX_SEED + 1);
}
