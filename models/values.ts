/**
 * The value kinds of the models' parameters, and the one way a model reads its parameters.
 *
 * A model's parameters are a zod schema built from the value kinds of the campaign spec
 * (`campaign/schema.ts`: durations `"40 s"`, varying durations `{ dist, … }`, clock times `"19:00"`,
 * shares `"93%"`, counts), so that a model called from TypeScript and the same values written in a
 * spec are checked by one definition and fail with one error format. The kinds here add what a model
 * needs beyond the spec's check: the value *resolved* (seconds, a `Distribution`, seconds after the
 * simulation's epoch). {@link parseParams} runs a schema and throws one `SpecError` (a
 * `ParameterError`) listing every problem, each naming its path and value, with a did-you-mean for
 * unknown keys.
 *
 * Clock times are read here and only here ({@link clockTime}): a model's engine takes seconds.
 *
 * @module
 */
import * as z from 'zod';
import {
  DISTRIBUTION_NAMES,
  type Distribution,
  duration,
  type Epoch,
  ParameterError,
  rate,
} from '../src/index.js';
import { fromZodIssues, knownKeysMessage, SpecError, type SpecIssue } from './campaign/issues.js';
import { Clock, Duration, percent, Rate, Share } from './campaign/schema.js';
import { durationDistribution } from './durations.js';

/**
 * A value kind that checks with `schema` and then resolves with `resolve`; a `ParameterError` thrown
 * by `resolve` becomes an issue at the value, or inside it when `resolve` passed the library parser
 * the path `'@'` (its `expected` text is the message).
 *
 * @example
 * ```ts
 * const hours = resolving(z.number(), (v) => v * 3600);
 * hours.parse(2); // 7200
 * ```
 */
export function resolving<I extends z.ZodType, O>(schema: I, resolve: (value: z.output<I>) => O) {
  return schema.transform((value, ctx): O => {
    // The spec's kinds also take expressions ("=…") and references ("#name"); only a campaign spec
    // has what they need (mathjs, the spec's times), so a model's parameters take plain values.
    if (typeof value === 'string' && /^\s*[=#]/.test(value)) {
      ctx.issues.push({
        code: 'custom',
        message: 'a plain value (expressions "=…" and references "#name" belong in campaign specs)',
        input: value,
        path: [],
      });
      return z.NEVER;
    }
    try {
      return resolve(value);
    } catch (e) {
      if (!(e instanceof ParameterError)) throw e;
      // A parser given the path '@' names the place inside the value; any other path is its default.
      const path = e.path.startsWith('@') ? pathKeys(e.path) : [];
      ctx.issues.push({ code: 'custom', message: e.expected, input: value, path });
      return z.NEVER;
    }
  });
}

/**
 * The keys of a path a library parser was given (`'@'` stands for the value itself, so
 * `'@.slots[2].end'` → `['slots', 2, 'end']`; any other root is kept as the first key).
 *
 * @example
 * ```ts
 * pathKeys('@.shifts[0].end'); // ['shifts', 0, 'end']
 * ```
 */
export function pathKeys(path: string): (string | number)[] {
  const keys: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g))
    keys.push(m[2] === undefined ? m[1]! : Number(m[2]));
  return keys[0] === '@' ? keys.slice(1) : keys;
}

/**
 * Run a library parser or factory inside a schema's transform: a `ParameterError` it throws (its
 * path written from the parameters' root, e.g. `arrivals.profile.weights`) becomes an issue there.
 *
 * @example
 * ```ts
 * const process = attempt(ctx, () => fixedPopulation(spec, 'arrivals'));
 * ```
 */
export function attempt<T>(ctx: z.core.$RefinementCtx, run: () => T): T | undefined {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof ParameterError)) throw e;
    ctx.addIssue({ code: 'custom', message: e.expected, path: pathKeys(e.path) });
    return undefined;
  }
}

/**
 * A strict object: an unknown key is an issue whose message lists the known keys (the did-you-mean
 * of {@link parseParams} reads them).
 *
 * @example
 * ```ts
 * strictObject({ beds: z.number() }).safeParse({ bed: 3 }).success; // false
 * ```
 */
export function strictObject<T extends z.core.$ZodLooseShape>(shape: T) {
  const keys = Object.keys(shape);
  return z.strictObject(shape, {
    error: (iss) => (iss.code === 'unrecognized_keys' ? knownKeysMessage(keys) : undefined),
  });
}

/**
 * A count: an integer in `[min, max]` (beds, trucks, people). The upper bound keeps a mistyped count
 * (an extra zero or five) from turning into an allocation failure or a run that never ends.
 *
 * @example
 * ```ts
 * count(1, 1000).parse(500); // 500
 * ```
 */
export function count(min: number, max: number) {
  const expected = `an integer in [${min}, ${max}]`;
  return z
    .number({ error: expected })
    .int({ error: expected })
    .min(min, { error: expected })
    .max(max, { error: expected });
}

/**
 * A duration in seconds: `"40 s"`, `"2 h 30 min"` or a number of seconds (the spec's `Duration`).
 *
 * @example
 * ```ts
 * seconds.parse('2 h 30 min'); // 9000
 * ```
 */
export const seconds = resolving(Duration, (v) => duration(v));

/**
 * A duration that may vary, as a `Distribution` of seconds with support in [0, ∞): a duration or a
 * distribution `{ dist: 'lognormal', mean: '12.91 s', sd: '10.53 s' }` (the spec's `Varying`). A
 * distribution's parameters are checked by the one parser the spec's `DistSpec` uses
 * (`durationDistribution`), once: the models read several per replication.
 *
 * @example
 * ```ts
 * varying.parse({ dist: 'uniform', min: '1 s', max: '3 s' }).mean; // 2
 * ```
 */
export const varying: z.ZodType<Distribution, unknown> = resolving(
  z.union([Duration, z.looseObject({ dist: z.enum(DISTRIBUTION_NAMES) })]),
  (v) => durationDistribution(v, '@'),
);

/**
 * A rate per second: `"30 per h"`, `"331 /min"` or a number per second (the spec's `Rate`).
 *
 * @example
 * ```ts
 * perSecond.parse('30 per h'); // 1/120
 * ```
 */
export const perSecond = resolving(Rate, (v) => rate(v));

/**
 * A share in [0, 1]: a number or a percentage (`"93%"`), the spec's `Share`.
 *
 * @example
 * ```ts
 * share.parse('18.9%'); // 0.189
 * ```
 */
export const share = resolving(Share, (v) => (typeof v === 'number' ? v : (percent(v as string) as number)));

/** What a clock time is when the simulation has no epoch to place it. */
const NO_EPOCH = 'simulated seconds (clock times need a simulation with an epoch)';

/**
 * A point in simulated time: seconds ≥ 0, or a clock time (`"19:00"`, `"+1d 01:00"`, the grammar of
 * `Epoch.at`) placed with `epoch`. A clock time before the epoch is refused (`before: 'error'`), or,
 * when bare, read as the next day (`before: 'next-day'`: an evening site's `"01:00"` deadline).
 * The one clock parser of the models: their engines take seconds.
 *
 * @example
 * ```ts
 * clockTime(new Epoch('2022-04-13T16:00+08:00')).parse('21:00'); // 18000
 * clockTime(undefined).parse(3600);                              // 3600
 * ```
 */
export function clockTime(epoch: Epoch | undefined, before: 'error' | 'next-day' = 'error') {
  return resolving(
    z.union([
      z
        .number({ error: 'a clock time like "19:00" or simulated seconds ≥ 0' })
        .min(0, { error: 'a clock time like "19:00" or simulated seconds ≥ 0' })
        .max(1e9, { error: 'a clock time like "19:00" or simulated seconds ≥ 0' }),
      Clock,
    ]),
    (v) => {
      if (typeof v === 'number') return v;
      if (epoch === undefined) throw new ParameterError('@', NO_EPOCH, v);
      return epoch.at(v as string, { before });
    },
  );
}

/**
 * A schema that depends on the simulation's epoch (its clock times), built once per epoch: building a
 * schema costs far more than parsing with it, and a model reads its parameters once per replication.
 *
 * @example
 * ```ts
 * const schema = perEpoch((epoch) => strictObject({ start: clockTime(epoch) }));
 * schema(sim.epoch).parse({ start: '16:00' });
 * ```
 */
export function perEpoch<S>(build: (epoch: Epoch | undefined) => S): (epoch: Epoch | undefined) => S {
  const built = new Map<string | undefined, S>();
  return (epoch) => {
    let schema = built.get(epoch?.iso);
    if (schema === undefined) {
      schema = build(epoch);
      built.set(epoch?.iso, schema);
    }
    return schema;
  };
}

/**
 * Refuse a time before the simulation's current time (a model installed into a running simulation
 * cannot start in its past), as one problem at `path`.
 *
 * @example
 * ```ts
 * notBeforeNow(sim, r.start, 'siteSetup.start', params.start, 'isolation-site setup');
 * ```
 */
export function notBeforeNow(now: number, time: number, path: string, value: unknown, subject: string): void {
  if (time < now)
    throw new SpecError([{ path, expected: `a time at or after now (${now})`, value }], subject);
}

/** Issues at a model's path: `siteSetup` + `beds` → `siteSetup.beds`; `sites[0]` + `[1]` → `sites[0][1]`. */
function under(path: string, issue: SpecIssue): SpecIssue {
  if (!path) return issue;
  const at = !issue.path ? path : issue.path.startsWith('[') ? path + issue.path : `${path}.${issue.path}`;
  return { ...issue, path: at };
}

/**
 * Check and resolve a model's parameters with its schema. Every problem is collected and thrown at
 * once as a `SpecError` (a `ParameterError`; `issues` holds each `{ path, expected, value }`, paths
 * under `path`), before any simulation work.
 *
 * @param schema - the model's parameter schema (with its value kinds and cross-field checks)
 * @param input - what the caller wrote (typed `unknown`: it often comes from JSON)
 * @param path - where the parameters sit in a larger input (`sites[3]`), prefixed to every issue
 * @param subject - what is checked, the head of the message (`sampling site`)
 * @example
 * ```ts
 * parseParams(strictObject({ beds: count(1, 1000) }), { beds: 0 }, 'site', 'isolation site');
 * // throws "isolation site: 1 problem\n  site.beds: expected an integer in [1, 1000], got 0"
 * ```
 */
export function parseParams<S extends z.ZodType>(
  schema: S,
  input: unknown,
  path: string,
  subject: string,
): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new SpecError(
    fromZodIssues(r.error.issues, input).map((i) => under(path, i)),
    subject,
  );
}
