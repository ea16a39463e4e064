/**
 * Normalise a model's whole input once: a declarative map says which fields are durations, rates,
 * counts or clock times, and {@link parseUnits} returns a copy in which those fields are plain numbers
 * (seconds, events per second, seconds since the epoch), with errors naming the exact path inside the
 * input (`sites[2].swabTime`).
 *
 * A spec mirrors the shape of the input:
 *
 * - a **kind** (`'duration'`, `'rate'`, `'count'`, `'number'`, `'clock'`) for a leaf field;
 * - an **object** `{ field: spec, … }` for a nested object;
 * - a **one-element array** `[spec]` for an array whose every element follows `spec`;
 * - {@link recordOf}`(spec)` for an object with free keys whose every value follows `spec`.
 *
 * Fields the spec does not mention are copied unchanged (models validate them as usual), and a field
 * that is `undefined` or absent stays so (whether it is required is the model's call). The input is
 * never mutated: objects and arrays on the spec's paths are copied, everything else is shared.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { finite, integer } from '../kernel/validate.js';
import type { BeforeEpoch, Epoch } from './epoch.js';
import { duration, rate } from './units.js';

/**
 * What a leaf field holds and becomes:
 * - `'duration'`: seconds, from a number of seconds or `"40 s"`, `"1 h 30 min"` (see {@link duration});
 * - `'rate'`: events per second, from a number or `"331 per min"` (see {@link rate});
 * - `'count'`: an integer ≥ 0, as given (`331`);
 * - `'number'`: any finite number, as given;
 * - `'clock'`: seconds since the epoch, from a number or a clock time such as `"19:00"` (see
 *   {@link Epoch.at}; needs the `epoch` option for strings).
 *
 * @example
 * ```ts
 * const kind: UnitKind = 'duration';
 * ```
 */
export type UnitKind = 'duration' | 'rate' | 'count' | 'number' | 'clock';

/**
 * A spec for an object with free keys, every value following `of`; build it with {@link recordOf}.
 *
 * @example
 * ```ts
 * const times: RecordSpec<'duration'> = recordOf('duration');
 * ```
 */
export class RecordSpec<S extends UnitSpec = UnitSpec> {
  /** @param of - the spec every value follows */
  constructor(readonly of: S) {}
}

/**
 * The shape of a field map for {@link parseUnits}: a kind, an object of specs, a one-element array
 * (every element) or a {@link RecordSpec} (every value).
 *
 * @example
 * ```ts
 * const spec: UnitSpec = {
 *   setupTime: 'duration',
 *   sites: [{ swabTime: 'duration', arrivalRate: 'rate', swabbers: 'count', opensAt: 'clock' }],
 * };
 * ```
 */
export type UnitSpec =
  | UnitKind
  | readonly [UnitSpec]
  | RecordSpec<UnitSpec>
  | { readonly [field: string]: UnitSpec };

/**
 * The type {@link parseUnits} returns: `T` with every field the spec names turned into a number
 * (keeping `undefined` where the field is optional).
 *
 * @example
 * ```ts
 * type In = { swabTime: DurationInput; name: string };
 * type Out = Parsed<In, { swabTime: 'duration' }>; // { swabTime: number; name: string }
 * ```
 */
export type Parsed<T, S> = S extends UnitKind
  ? number | Extract<T, undefined>
  : S extends readonly [infer E]
    ? ParsedArray<T, E>
    : S extends RecordSpec<infer E>
      ? ParsedRecord<T, E>
      : ParsedObject<T, S>;

// Each helper is distributive over T, so `undefined` in an optional field's type passes through.
type ParsedArray<T, E> = T extends readonly (infer U)[] ? Parsed<U, E>[] : T;
type ParsedRecord<T, E> = T extends object ? { [K in keyof T]: Parsed<T[K], E> } : T;
type ParsedObject<T, S> = T extends object
  ? { [K in keyof T]: K extends keyof S ? Parsed<T[K], S[K]> : T[K] }
  : T;

/**
 * Options of {@link parseUnits}.
 *
 * @example
 * ```ts
 * const opts: ParseUnitsOptions = { epoch: new Epoch('2022-04-13T19:00+08:00'), before: 'next-day' };
 * ```
 */
export interface ParseUnitsOptions {
  /** The epoch that `'clock'` strings are read against; without it only numbers are accepted there. */
  readonly epoch?: Epoch;
  /** How `'clock'` strings before the epoch are treated (see {@link BeforeEpoch}); default `'negative'`. */
  readonly before?: BeforeEpoch;
}

/**
 * Mark a spec as applying to every value of an object with free keys (a map from name to value).
 *
 * @example
 * ```ts
 * parseUnits({ serviceTimes: { registration: '40 s', swab: '20 s' } }, { serviceTimes: recordOf('duration') });
 * // { serviceTimes: { registration: 40, swab: 20 } }
 * ```
 */
export function recordOf<const S extends UnitSpec>(of: S): RecordSpec<S> {
  return new RecordSpec(of);
}

/** `sites` + `2` → `sites[2]`; `sites[2]` + `swabTime` → `sites[2].swabTime`; no prefix: the key alone. */
function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function leaf(kind: UnitKind, value: unknown, path: string, options: ParseUnitsOptions): number {
  switch (kind) {
    case 'duration':
      return duration(value, path);
    case 'rate':
      return rate(value, path);
    case 'count':
      return integer(value, path, 0);
    case 'number':
      return finite(value, path);
    case 'clock':
      if (typeof value === 'number') return finite(value, path);
      if (typeof value === 'string' && options.epoch !== undefined)
        return options.epoch.at(value, { path, before: options.before ?? 'negative' });
      throw new ParameterError(
        path,
        options.epoch === undefined
          ? 'a number of seconds since the epoch (clock times need an epoch)'
          : 'a clock time like "19:00" or a number of seconds since the epoch',
        value,
      );
    default:
      // Only reachable from untyped code: a misspelt kind in a model's spec.
      throw new ParameterError(
        `spec of ${path || 'input'}`,
        'one of "duration", "rate", "count", "number", "clock"',
        kind,
      );
  }
}

function walk(value: unknown, spec: UnitSpec, path: string, options: ParseUnitsOptions): unknown {
  if (value === undefined) return undefined;
  if (typeof spec === 'string') return leaf(spec, value, path, options);
  if (Array.isArray(spec)) {
    if (!Array.isArray(value)) throw new ParameterError(path || 'input', 'an array', value);
    const item = spec[0] as UnitSpec;
    return value.map((v, i) => walk(v, item, at(path, i), options));
  }
  if (!isPlainObject(value)) throw new ParameterError(path || 'input', 'an object', value);
  const out: Record<string, unknown> = { ...value };
  if (spec instanceof RecordSpec) {
    for (const key of Object.keys(value)) out[key] = walk(value[key], spec.of, at(path, key), options);
    return out;
  }
  const fields = spec as { readonly [field: string]: UnitSpec };
  for (const key of Object.keys(fields)) {
    // Absent fields stay absent rather than appearing as `key: undefined`.
    if (!Object.hasOwn(value, key)) continue;
    out[key] = walk(value[key], fields[key]!, at(path, key), options);
  }
  return out;
}

/**
 * Turn every field the spec names into a plain number, throwing a `ParameterError` at the first bad
 * value with its full path. See the module comment for the spec's shape.
 *
 * @param input - the model's input as written (strings with units, clock times, numbers)
 * @param spec - which fields are durations, rates, counts, numbers or clock times
 * @param path - the prefix of error paths, e.g. `'sites[0]'` (default: none)
 * @param options - the epoch for `'clock'` fields
 * @example
 * ```ts
 * parseUnits({ swabTime: '40 s', arrivalRate: '331 per min', name: 'A' },
 *            { swabTime: 'duration', arrivalRate: 'rate' }, 'sites[0]');
 * // { swabTime: 40, arrivalRate: 5.5166…, name: 'A' }
 *
 * parseUnits({ sites: [{ swabTime: '40 s' }, { swabTime: '40 kg' }] }, { sites: [{ swabTime: 'duration' }] });
 * // throws 'sites[1].swabTime: expected a duration like "40 s" or a number of seconds ("kg" is not a unit of time), got "40 kg"'
 * ```
 */
export function parseUnits<T, const S extends UnitSpec>(
  input: T,
  spec: S,
  path = '',
  options: ParseUnitsOptions = {},
): Parsed<T, S> {
  return walk(input, spec, path, options) as Parsed<T, S>;
}
