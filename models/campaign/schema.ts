/**
 * The campaign spec's schema: one document that describes a day of a mass-testing campaign —
 * testing areas and their flows, checkpoints, musters, isolation sites, transfers, supply
 * unloading, and the figures to read out — written as JSON or as the same shape in TypeScript.
 *
 * Why zod (4): it exports a JSON Schema natively (`z.toJSONSchema`, what editors and the workbench
 * read for completion and forms), its strict objects make an unknown key an error rather than a
 * silently ignored typo, and every issue carries the path of the bad value, which is what a planner
 * needs to fix a spec. valibot does the same checks but needs a separate package for JSON Schema.
 *
 * This schema checks the *shape* and the *syntax* of every value: types, ranges, unknown keys,
 * units (`"40 s"`), clock times (`"19:00"`), shares (`"93%"`) and distributions. The references
 * between parts (`"#name"` to `times`, `fittedTo`, `gate.site`) and the values of expressions
 * (`"=19:00 + 90 min"`: every value kind accepts one, see {@link Expression}) are checked by
 * `checkSpec` (validate.ts, resolve.ts) in the same pass; what needs the plan — a clock time before the epoch, the roles a
 * flow uses — by `planCampaign` (plan.ts), which also turns the values into seconds and
 * distributions.
 *
 * Every field may be written plain (`17`) or annotated with where it comes from
 * (`{ "value": 17, "basis": "sourced", "source": "F15", "note": "17 buses" }`): see {@link annotated}.
 *
 * @module
 */
import * as z from 'zod';
import { DISTRIBUTION_NAMES, duration, Epoch, ParameterError, rate } from '../../src/index.js';
import { durationDistribution } from '../durations.js';
import { type ExpressionKind, isExpression } from './expressions.js';
import { knownKeysMessage } from './issues.js';

/**
 * Largest count the spec accepts (people, beds, items): a typo with extra zeros is an error, not a
 * run that never ends.
 *
 * @example
 * ```ts
 * count(0).safeParse(MAX_COUNT + 1).success; // false
 * ```
 */
export const MAX_COUNT = 10_000_000;

/**
 * A strict object: unknown keys are errors, whose message carries the known keys (for the
 * did-you-mean of the issue).
 *
 * @example
 * ```ts
 * const Slot = strict({ start: z.string(), end: z.string() });
 * ```
 */
export function strict<T extends z.core.$ZodLooseShape>(shape: T) {
  const keys = Object.keys(shape);
  return z.strictObject(shape, {
    error: (iss) => (iss.code === 'unrecognized_keys' ? knownKeysMessage(keys) : undefined),
  });
}

// ---------------------------------------------------------------------------------------------
// Leaf values

/**
 * An expression: a string starting with `=`, evaluated by mathjs when the spec is checked
 * (`"=round(126351 * 93%)"`, `"=1 per 600 people"`, `"=(6 h) / 2"`, `"=19:00 + 90 min"`). Every
 * value kind below (counts, shares, durations, clock times, rates) accepts one; its result is
 * checked against the kind (see expressions.ts).
 *
 * @example
 * ```ts
 * Expression.parse('=2 h 30 min + 15 min'); // accepted; evaluated by checkSpec and planCampaign
 * ```
 */
export const Expression = z
  .string({ error: 'an expression starting with "="' })
  .regex(/^\s*=/, { error: 'an expression starting with "="' })
  .meta({
    id: 'Expression',
    description:
      'An expression evaluated with mathjs: "=round(126351 * 93%)", "=1 per 600 people", "=(6 h) / 2", "=19:00 + 90 min".',
  });

const REF_TEXT = 'a reference "#name" to one of the shared times';

/**
 * A reference to an entry of the spec's `times`: `"#registration"`. Every duration, varying
 * duration and step time may be one; the name must be a key of `times` (checked by `checkSpec` with
 * the whole spec at hand), and a field that takes a fixed duration must refer to one.
 *
 * @example
 * ```ts
 * Ref.parse('#swab'); // '#swab'
 * ```
 */
export const Ref = z
  .string({ error: REF_TEXT })
  .regex(/^#[A-Za-z0-9][A-Za-z0-9_-]*$/, { error: REF_TEXT })
  .meta({ id: 'Ref', description: 'A reference "#name" to an entry of the spec\'s times.' });

/** The value kind of each kind schema, and the schema its evaluated number must pass. */
const KINDS = new WeakMap<z.ZodType, { readonly kind: ExpressionKind; readonly plain: z.ZodType }>();

/**
 * A value kind: its plain forms, or an expression (or, for durations, a `#name` reference). The
 * union carries the kind's own message, so a wrong value is told what the kind is, not what each
 * form would have wanted.
 */
function kind<T extends z.ZodType>(
  of: ExpressionKind,
  forms: readonly z.ZodType[],
  plain: T,
  expected: string,
  meta: { id: string; description: string },
) {
  const schema = z.union([...forms, Expression], { error: expected }).meta(meta);
  KINDS.set(schema, { kind: of, plain });
  return schema;
}

/**
 * The kind of value a schema of this module stands for (`count`, `share`, `duration`, `clock`,
 * `rate`), with the schema an expression's value must pass; `undefined` for any other schema.
 *
 * @example
 * ```ts
 * valueKind(Duration)?.kind; // 'duration'
 * ```
 */
export function valueKind(schema: z.ZodType): { kind: ExpressionKind; plain: z.ZodType } | undefined {
  return KINDS.get(schema);
}

const COUNT_EXPECTED = (min: number) => `an integer in [${min}, ${MAX_COUNT}]`;

/**
 * A count (people, staff, beds): an integer ≥ `min`.
 *
 * @example
 * ```ts
 * count(1).parse(50); // 50
 * ```
 */
export function count(min: 0 | 1 = 0) {
  return min === 0 ? Count : PositiveCount;
}

function countSchema(min: number, id: string) {
  const expected = COUNT_EXPECTED(min);
  const plain = z
    .number({ error: expected })
    .int({ error: expected })
    .min(min, { error: expected })
    .max(MAX_COUNT, { error: expected });
  return kind('count', [plain], plain, `${expected} or an expression "=…"`, {
    id,
    description: `An integer ≥ ${min}, or an expression that gives one ("=round(126351 * 93%)", "=1 per 600 people").`,
  });
}

const Count = countSchema(0, 'Count');
const PositiveCount = countSchema(1, 'PositiveCount');

const SHARE_EXPECTED = 'a share: a number in [0, 1] or a percentage like "93%"';
const PERCENT_RE = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/;

/**
 * A share: a number in [0, 1] or a percentage (`"93%"`).
 *
 * @example
 * ```ts
 * Share.parse('93%'); // '93%' (planCampaign reads it as 0.93)
 * ```
 */
const SHARE_NUMBER = z
  .number({ error: SHARE_EXPECTED })
  .min(0, { error: SHARE_EXPECTED })
  .max(1, { error: SHARE_EXPECTED });
export const Share = kind(
  'share',
  [
    SHARE_NUMBER,
    z
      .string({ error: SHARE_EXPECTED })
      .refine((s) => percent(s) !== undefined, { error: SHARE_EXPECTED })
      .describe('A percentage like "93%".'),
  ],
  SHARE_NUMBER,
  SHARE_EXPECTED,
  { id: 'Share', description: 'A share: a number in [0, 1], a percentage like "93%", or an expression.' },
);

/**
 * The share a percentage string stands for (`"93%"` → 0.93), or `undefined` when it is not one in
 * [0 %, 100 %].
 *
 * @example
 * ```ts
 * percent('18.9%'); // 0.189
 * ```
 */
export function percent(text: string): number | undefined {
  const m = PERCENT_RE.exec(text);
  if (!m) return undefined;
  const v = Number(m[1]) / 100;
  return v <= 1 ? v : undefined;
}

/** The `expected` text of a ParameterError a parser throws, or `undefined` when it accepts the value. */
function problem(check: () => unknown): ParameterError | undefined {
  try {
    check();
    return undefined;
  } catch (e) {
    if (e instanceof ParameterError) return e;
    throw e;
  }
}

const DURATION_TEXT = 'a duration like "40 s", "2 h 30 min" or a number of seconds';

/**
 * A duration: `"40 s"`, `"2 h 30 min"` or a number of seconds.
 *
 * @example
 * ```ts
 * Duration.parse('2 h 30 min'); // accepted; planCampaign reads it as 9000 s
 * ```
 */
const DURATION_NUMBER = z
  .number({ error: DURATION_TEXT })
  .min(0, { error: DURATION_TEXT })
  .max(1e9, { error: DURATION_TEXT });
export const Duration = z
  .union([
    DURATION_NUMBER,
    Ref,
    Expression,
    z.string({ error: DURATION_TEXT }).superRefine((s, ctx) => {
      const p = problem(() => duration(s));
      if (p)
        ctx.addIssue({
          code: 'custom',
          message: p.expected.replace(/^a duration like "40 s" or a number of seconds/, DURATION_TEXT),
        });
    }),
  ])
  .meta({
    id: 'Duration',
    description:
      'A duration: "40 s", "2 h 30 min", a number of seconds, "#name" of a shared fixed time, or an expression.',
  });
KINDS.set(Duration, { kind: 'duration', plain: DURATION_NUMBER });

const RATE_TEXT = 'a rate like "30 per h" or a number per second';

/**
 * A rate: `"30 per h"`, `"331 /min"`, a number per second.
 *
 * @example
 * ```ts
 * Rate.parse('30 per h'); // accepted; planCampaign reads it as 1/120 per second
 * ```
 */
const RATE_NUMBER = z.number({ error: RATE_TEXT }).min(0, { error: RATE_TEXT });
export const Rate = z
  .union([
    RATE_NUMBER,
    Expression,
    z.string({ error: RATE_TEXT }).superRefine((s, ctx) => {
      const p = problem(() => rate(s));
      if (p) ctx.addIssue({ code: 'custom', message: p.expected });
    }),
  ])
  .meta({
    id: 'Rate',
    description: 'A rate: "30 per h", "331 /min", a number per second, or an expression.',
  });
KINDS.set(Rate, { kind: 'rate', plain: RATE_NUMBER });

/** An epoch only for checking the clock grammar; the spec's own epoch places the times. */
const GRAMMAR_EPOCH = new Epoch('2000-01-01T00:00Z');

const CLOCK_TEXT = 'a clock time like "19:00", "+1d 01:00", "01:00 (+1 d)" or "13 Apr 19:00"';

/**
 * A clock time: `"19:00"`, `"+1d 01:00"`, `"01:00 (+1 d)"`, `"13 Apr 19:00"` or an ISO date-time
 * (the grammar of `Epoch.at`).
 *
 * @example
 * ```ts
 * Clock.parse('+1d 01:00'); // accepted; planCampaign places it with the spec's epoch
 * ```
 */
export const Clock = kind(
  'clock',
  [
    z
      .string({ error: CLOCK_TEXT })
      .refine((s) => !isExpression(s) && problem(() => GRAMMAR_EPOCH.at(s)) === undefined, {
        error: CLOCK_TEXT,
      }),
  ],
  z.number().min(0, { error: 'a time at or after the epoch' }),
  CLOCK_TEXT,
  {
    id: 'Clock',
    description:
      'A clock time: "19:00", "+1d 01:00", "01:00 (+1 d)", "13 Apr 19:00", or an expression like "=19:00 + 90 min".',
  },
);

/**
 * A name: letters, digits, `_` and `-`, starting with a letter or digit (components, roles,
 * stages, attributes, flows).
 *
 * @example
 * ```ts
 * Name.parse('hedong'); // 'hedong'
 * ```
 */
export const Name = z
  .string({ error: 'a name (letters, digits, "_" and "-")' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, { error: 'a name (letters, digits, "_" and "-")' })
  .meta({ id: 'Name', description: 'A name: letters, digits, "_" and "-".' });

/** A distribution's parameter: a number, a time with units, or a list (of values, weights, data). */
const distParameter = z.union([z.number(), z.string(), z.array(z.union([z.number(), z.string()]))]);

/**
 * The parameters of the distributions of `DISTRIBUTION_NAMES`, with what they mean. Which ones a
 * distribution takes is checked by its factory (a `uniform` has `min` and `max`, and nothing else).
 */
const DIST_PARAMETERS = {
  value: 'constant: the value.',
  min: 'uniform, triangular, pert: the least value.',
  mode: 'triangular, pert: the most likely value.',
  max: 'uniform, triangular, pert: the greatest value.',
  mean: 'exponential, gamma, erlang, normal, lognormal, poisson: the mean.',
  sd: 'gamma, normal, lognormal: the standard deviation.',
  median: 'lognormal: the median (with p and quantile).',
  p: 'lognormal: the probability of quantile; bernoulli: the probability of 1.',
  quantile: 'lognormal: the value at probability p.',
  mu: 'lognormal: mean of the logarithm.',
  sigma: 'lognormal: standard deviation of the logarithm.',
  rate: 'exponential, gamma, erlang: events per time ("2 per min").',
  scale: 'weibull, gamma: the scale.',
  shape: 'weibull, gamma: the shape.',
  k: 'erlang: the number of phases.',
  alpha: 'beta: the first shape.',
  beta: 'beta: the second shape.',
  lambda: 'pert: the weight of the mode (default 4).',
  lo: 'normal: truncated below here.',
  hi: 'normal: truncated above here.',
  values: 'discrete: the values.',
  weights: 'discrete: their weights.',
  data: 'empirical: the observed values.',
} as const;

/**
 * A distribution of durations: `{ "dist": "lognormal", "mean": "12.91 s", "sd": "10.53 s" }`. The
 * names are those of `DISTRIBUTION_NAMES`; time parameters (`mean`, `sd`, `min`, `mode`, `max`,
 * `median`, `quantile`, `scale`, `value`) take units; `rate` takes `"2 per min"`.
 *
 * @example
 * ```ts
 * DistSpec.parse({ dist: 'uniform', min: '5 s', max: '8 s' }); // accepted
 * ```
 */
export const DistSpec = strict({
  dist: z.enum(DISTRIBUTION_NAMES).describe('The distribution (see DISTRIBUTION_NAMES).'),
  ...Object.fromEntries(
    Object.entries(DIST_PARAMETERS).map(([k, description]) => [
      k,
      distParameter.describe(description).optional(),
    ]),
  ),
})
  .superRefine((spec, ctx) => {
    // Expressions in the parameters are evaluated (and the distribution checked) by checkSpec.
    if (Object.values(spec).some(isExpression)) return;
    const p = problem(() => durationDistribution(spec, '@'));
    if (p)
      ctx.addIssue({
        code: 'custom',
        message: p.expected,
        path: p.path === '@' ? [] : p.path.slice(2).split('.'),
      });
  })
  .meta({
    id: 'DistSpec',
    description: 'A distribution of durations: { "dist": "lognormal", "mean": "12.91 s", "sd": "10.53 s" }.',
  });

/**
 * A duration that may vary: a {@link Duration} or a {@link DistSpec}.
 *
 * @example
 * ```ts
 * Varying.parse({ dist: 'triangular', min: '5 min', mode: '20 min', max: '45 min' }); // accepted
 * ```
 */
export const Varying = z
  .union([Duration, DistSpec])
  .meta({ id: 'Varying', description: 'A duration or a distribution of durations.' });

// ---------------------------------------------------------------------------------------------
// Annotations

/**
 * Where a value comes from: `sourced` (a reported fact), `derived` (arithmetic on sourced
 * values), `assumed` (a judgement, with the range considered in the note), `fitted` (chosen so that
 * the model reproduces a reported figure, named in `fittedTo`).
 *
 * @example
 * ```ts
 * Basis.parse('fitted'); // 'fitted'
 * ```
 */
export const Basis = z
  .enum(['sourced', 'derived', 'assumed', 'fitted'])
  .describe('How the value was obtained: sourced, derived, assumed or fitted.');

/** One annotation object per value schema, so the JSON Schema writes each once. */
const annotationOf = new WeakMap<z.ZodType, z.ZodType>();

/**
 * A value written plain or annotated with its provenance:
 * `{ value, basis, source?, note?, fittedTo? }`. A `fitted` value names the figure it was fitted
 * to (`fittedTo`), and only a fitted value may. planCampaign strips the annotation and records it
 * in the provenance table under the value's path — one place per fact.
 *
 * @example
 * ```ts
 * const Buses = annotated(count(1));
 * Buses.parse({ value: 17, basis: 'sourced', source: 'F15', note: '17 buses' }); // accepted
 * ```
 */
export function annotated<T extends z.ZodType>(schema: T) {
  let note = annotationOf.get(schema) as z.ZodType | undefined;
  if (!note) {
    const id = z.globalRegistry.get(schema)?.id;
    note = strict({
      // A shared kind is a reference to its described definition; any other value says what it is.
      value: id ? schema : schema.meta({ description: 'The value itself (as it would be written plain).' }),
      basis: Basis,
      source: z
        .union([z.string(), z.array(z.string())])
        .optional()
        .describe('The source id(s) the value rests on, e.g. "F15" or ["F13", "cal §2"].'),
      note: z
        .string()
        .optional()
        .describe('Why this value: the fact, the arithmetic, or the assumption and its range.'),
      fittedTo: z.string().optional().describe('For a fitted value: the id of the figure it was fitted to.'),
    }).superRefine((a, ctx) => {
      if (a.basis === 'fitted' && a.fittedTo === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['fittedTo'],
          message: 'the id of the figure a fitted value was fitted to',
        });
      if (a.basis !== 'fitted' && a.fittedTo !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['fittedTo'],
          message: 'no fittedTo unless the basis is "fitted"',
        });
    });
    if (id)
      note = note.meta({
        id: `Annotated${id}`,
        description: `An annotated ${id}: { value, basis, source, note, fittedTo }.`,
      });
    annotationOf.set(schema, note);
  }
  return z.union([schema, note as z.ZodType<{ value: z.input<T> }>]);
}

/** An annotated field with its description. */
function field<T extends z.ZodType>(schema: T, description: string) {
  return annotated(schema).describe(description);
}

// ---------------------------------------------------------------------------------------------
// Steps

/**
 * How long a step takes: a duration, a distribution, or one per value of an attribute —
 * `{ "by": "type", "qr": "6 s", "id": {…}, "*": "30 s" }` (`"*"` is every other value; a value may
 * be a `"#name"` reference).
 *
 * @example
 * ```ts
 * TimeSpec.parse({ by: 'type', qr: '6 s', id: '30 s', assisted: '2 min' }); // accepted
 * ```
 */
export const TimeSpec = z
  .union([
    Duration,
    DistSpec,
    z
      .object({ by: Name.describe('The attribute whose value picks the time.') })
      .catchall(annotated(Varying))
      .describe('A time per value of an attribute; "*" is every other value.'),
  ])
  .meta({
    id: 'TimeSpec',
    description: 'A duration, a distribution, or one per value of an attribute ({ "by": … }).',
  });

/**
 * A step of a flow, in the spec's form (plan.ts turns it into the flow layer's `FlowStep`s).
 *
 * @example
 * ```ts
 * const steps: StepSpec[] = [{ serve: 'check', by: 'marshals', time: '5 s' }, { leave: 'tested' }];
 * ```
 */
export type StepSpec =
  | { serve: string; by: string; time: unknown; patience?: unknown }
  | { seize: string; stage?: string | undefined; patience?: unknown }
  | { release: string }
  | { delay: unknown; stage?: string | undefined }
  | { branch: 'share'; routes: { share: unknown; steps: StepSpec[] }[] }
  | { branch: string; routes: Record<string, StepSpec[]> }
  | { pool: string; size: unknown; hold?: unknown }
  | { leave: string };

/**
 * A step: `serve` (seize a role, take `time`, release), `seize`, `release`, `delay`, `branch` (by
 * share or by attribute), `pool` (tube pooling: a batch) or `leave`.
 *
 * @example
 * ```ts
 * Step.parse({ serve: 'registration', by: 'clerks', time: { by: 'type', qr: '6 s', id: '30 s' } }); // accepted
 * ```
 */
export const Step: z.ZodType<StepSpec, StepSpec> = z
  .lazy(() =>
    z.union([
      strict({
        serve: Name.describe('The stage: the queue and service time are counted under this name.'),
        by: Name.describe("The staff role that serves (a key of the area's staff)."),
        time: field(TimeSpec, 'Service time (or "#name" of a shared time).'),
        patience: field(Varying, 'How long a person waits before leaving (outcome "reneged").').optional(),
      }).describe('Seize one of the role, take the time, release: one service stage.'),
      strict({
        seize: Name.describe('The staff role to wait for.'),
        stage: Name.optional().describe("The queue's name in results (default: the role)."),
        patience: field(Varying, 'How long a person waits before leaving (outcome "reneged").').optional(),
      }).describe('Wait for one of a staff role and keep it until released.'),
      strict({ release: Name.describe('The staff role to give back.') }).describe('Give back a seized role.'),
      strict({
        delay: field(TimeSpec, 'The time spent (or "#name" of a shared time).'),
        stage: Name.optional().describe('Where the time is counted in results.'),
      }).describe('Spend time (holding whatever is seized).'),
      strict({
        branch: z.literal('share').describe('Route by share.'),
        routes: z
          .array(
            strict({
              share: field(Share, 'Share of people taking this route.'),
              steps: z
                .array(Step)
                .describe("The route's steps; without a leave it continues after the branch."),
            }),
          )
          .min(1)
          .describe('The routes; their shares sum to 1.'),
      }).describe('Route people at random by share.'),
      strict({
        branch: Name.describe("The attribute whose value picks the route (a key of the area's people)."),
        routes: z
          .record(z.string(), z.array(Step))
          .describe('The route of each value; key "*" is every other value.'),
      }).describe('Route people by the value of an attribute.'),
      strict({
        pool: Name.describe('The pooled batch (e.g. "tube"): swabs join it until it is full.'),
        size: field(count(1), 'Items per batch (1, 5, 10, 20-in-1).'),
        hold: field(
          TimeSpec,
          'Extra time of the one who fills a batch (seal, label, new tube), or "#name".',
        ).optional(),
      }).describe("Pool: the person's item joins a batch; the batches go to the courier."),
      strict({
        leave: Name.describe(
          'The outcome counted. A testing area counts "tested": its flow needs at least one { "leave": "tested" }.',
        ),
      }).describe('End here with an outcome.'),
    ]),
  )
  .meta({ id: 'Step', description: 'A step of a flow.' });

// ---------------------------------------------------------------------------------------------
// Components

const WorkLimit = strict({
  maxContinuous: field(Duration, 'Longest continuous work before a relief.'),
  rest: field(Duration, 'Rest after a relief (default 0).').optional(),
  changeover: field(Duration, 'Time to suit up when taking a position (default 0).').optional(),
}).describe('Protective-suit rotation: continuous-work limit, rest and changeover.');

const Shift = strict({
  start: field(Clock, 'The shift starts.'),
  end: field(Clock, 'The shift ends (after its start).'),
  count: field(count(0), "People on duty in this shift (default: the role's count).").optional(),
}).describe('A shift of a role.');

const StaffRole = z.union([
  count(0),
  strict({
    count: field(count(0), 'Positions over all points (optional when shifts are given).').optional(),
    reserves: field(
      z.union([count(0), Share]),
      'Extra people who cover the breaks: an integer > 1 (people), or a share of the count like "10%" (rounded up).',
    ).optional(),
    workLimit: annotated(WorkLimit).optional().describe('Protective-suit rotation of the role.'),
    shifts: z.array(Shift).min(1).optional().describe('Shifts of the role, each with its count.'),
  }).superRefine((r, ctx) => {
    if (r.count === undefined && r.shifts === undefined)
      ctx.addIssue({ code: 'custom', path: ['count'], message: 'a count, unless shifts are given' });
  }),
]);

const Calling = z.discriminatedUnion('kind', [
  strict({
    kind: z.literal('call').describe('Everyone is called at once and comes within a window.'),
    at: field(Clock, 'When people are called (default: the opening).').optional(),
    within: field(
      Duration,
      'Everyone arrives within this time of the call, uniformly (default 3 h; "0 s": everyone at the call).',
    ).optional(),
  }),
  strict({
    kind: z.literal('slots').describe('Village time slots, each with its share of the people.'),
    slots: z
      .array(
        strict({
          start: field(Clock, 'Start of the slot.'),
          end: field(
            Clock,
            "End of the slot, at or after its start (at its start: the slot's people all come then).",
          ),
          share: field(Share, 'Share of the people in this slot; the shares sum to 1.'),
        }),
      )
      .min(1)
      .describe("The slots; they may overlap (each slot's people arrive uniformly over it)."),
  }),
  strict({
    kind: z
      .literal('waves')
      .describe(
        'The calling model: waves by group, a notice-to-arrival delay, late-comers, a mop-up call, walk-ups and home visits.',
      ),
    waves: z
      .array(
        strict({
          name: z.string().optional().describe('The group called (village, building, unit).'),
          at: field(Clock, 'When the group is called.'),
          share: field(Share, 'Its share of the residents called to the points; the shares sum to 1.'),
          turnout: field(Share, "Share of the group who come (default: the area's turnout).").optional(),
        }),
      )
      .min(1)
      .optional()
      .describe('The waves, each a group with its call time (give waves or schedule).'),
    schedule: annotated(
      strict({
        from: field(Clock, 'The first wave is called.'),
        every: field(Duration, 'Time between waves.'),
        count: field(count(1), 'Waves of equal shares.'),
      }),
    )
      .optional()
      .describe("Equal waves at a fixed interval, each with the area's turnout (give waves or schedule)."),
    delay: field(Varying, "From a person's call to their arrival at the point."),
    late: annotated(
      strict({
        share: field(Share, 'Share of those who come who come late.'),
        delay: field(Varying, 'Their extra delay.'),
      }),
    )
      .optional()
      .describe('Late-comers.'),
    mopUp: annotated(
      strict({
        at: field(Clock, 'When the absentees are called again.'),
        share: field(Share, 'Share of the absentees who then come.'),
        delay: field(Varying, 'From the mop-up call to arrival (default: the delay).').optional(),
      }),
    )
      .optional()
      .describe('A mop-up round for the absentees.'),
    walkUp: annotated(
      strict({
        rate: field(Rate, 'People nobody called who walk up, over the whole area ("300 per h").'),
        from: field(Clock, 'Walk-ups from (default: the opening).').optional(),
        until: field(Clock, 'Walk-ups until (default: the deadline).').optional(),
      }),
    )
      .optional()
      .describe('Walk-up demand at open sites.'),
    home: annotated(
      strict({
        share: field(Share, 'Share of the residents who cannot come and are swabbed at home.'),
        teams: field(count(1), 'Home sampling teams.'),
        visit: field(Varying, 'One visit: travel, swab, disinfection.'),
        from: field(Clock, 'The teams start (default: the opening).').optional(),
      }),
    )
      .optional()
      .describe('Home sampling teams for people who cannot come.'),
  }).superRefine((c, ctx) => {
    if ((c.waves === undefined) === (c.schedule === undefined))
      ctx.addIssue({ code: 'custom', path: ['waves'], message: 'either waves or a schedule (one of them)' });
  }),
]);

/**
 * A testing area: an operation over an area's residents with identical sampling points, each
 * running the area's flow. Its name is its key in `testing`.
 *
 * @example
 * ```ts
 * TestingSpec.parse({
 *   open: '19:00', residents: 3000, points: 3,
 *   staff: { clerks: 6, swabbers: 6 }, flow: 'point',
 * }); // accepted
 * ```
 */
export const TestingSpec = strict({
  open: field(Clock, 'Testing starts.'),
  deadline: field(
    Clock,
    'When "tested by the deadline" is read (default: 6 h after the opening).',
  ).optional(),
  closing: annotated(
    strict({
      at: field(Clock, 'When the points close.'),
      policy: z
        .enum(['send-home', 'overtime'])
        .describe('"send-home": people still waiting leave untested; "overtime": everyone queued is served.'),
    }),
  )
    .optional()
    .describe('Closing time and what happens to people still waiting.'),
  residents: field(count(0), 'Residents of the area.'),
  turnout: field(
    Share,
    'Share of residents who come (default 1): people = round(residents × turnout).',
  ).optional(),
  calling: annotated(Calling)
    .optional()
    .describe('How people are called (default: everyone at the opening, within 3 h).'),
  points: field(
    count(1),
    'Identical sampling points (default 1); people and staff are split over them.',
  ).optional(),
  people: annotated(
    z.record(
      Name,
      annotated(z.record(Name, field(Share, 'Share of people with this value.'))).describe(
        'The values of the attribute and their shares; they sum to 1.',
      ),
    ),
  )
    .optional()
    .describe(
      'Attributes of people and the share of each value, e.g. { "type": { "qr": "50%", … } }; shares sum to 1.',
    ),
  staff: annotated(
    z.record(
      Name,
      annotated(StaffRole).describe('A head count, { count, reserves, workLimit }, or { count?, shifts }.'),
    ),
  ).describe('Staff by role, over all points; every role must be one the flow uses.'),
  flow: z
    .union([
      Name.describe('The name of a flow in "flows".'),
      z.array(Step).describe('The steps, written here.'),
    ])
    .describe('What a person goes through at a point: a flow name or the steps.'),
  courier: annotated(
    strict({
      every: field(Duration, 'Interval between courier rounds (default 30 min).').optional(),
      boxSize: field(count(1), 'Tubes in a full box; a courier then leaves at once (default 50).').optional(),
      transport: field(Varying, 'Travel time to the lab (default 30 min).').optional(),
    }),
  )
    .optional()
    .describe('Sample transport of the pooled batches to the lab.'),
  lab: annotated(
    strict({
      machines: field(count(1), 'PCR machines.').optional(),
      batchSize: field(count(1), 'Tubes per run.').optional(),
      runTime: field(Duration, 'Time of a run.').optional(),
    }),
  )
    .optional()
    .describe('The lab that tests the tubes.'),
  bin: field(Duration, 'Width of the per-bin series (default 15 min).').optional(),
}).describe('A testing area.');

/**
 * Village checkpoints: posts staffed in shifts, and one post's flow of people registering.
 *
 * @example
 * ```ts
 * CheckpointSpec.parse({ from: '14:30', posts: 33, positionsPerPost: 1, pattern: '2x12',
 *   handover: '15 min', arrivalRate: '30 per h', steps: [{ name: 'register', time: '30 s' }] }); // accepted
 * ```
 */
export const CheckpointSpec = strict({
  from: field(Clock, 'Checkpoints staffed from this time.'),
  posts: field(count(1), 'Posts (one per sealed village).'),
  positionsPerPost: field(count(1), 'Keepers on duty at once per post.'),
  pattern: field(z.enum(['2x12', '3x8']), 'Shift pattern: two 12-h or three 8-h shifts a day.'),
  handover: field(Duration, 'Overlap at each change of shift.'),
  arrivalRate: field(Rate, 'People entering one checkpoint.'),
  steps: z
    .array(
      strict({ name: z.string().min(1).describe('The step.'), time: field(Varying, 'Time per person.') }),
    )
    .min(1)
    .describe('What each person goes through at a post, in order.'),
}).describe('Village checkpoints.');

/**
 * A muster of people called to a point and sent on to villages.
 *
 * @example
 * ```ts
 * MusterSpec.parse({ call: '15:30', people: 113, villages: 10, delay: '20 min', travel: '10 min' }); // accepted
 * ```
 */
export const MusterSpec = strict({
  call: field(Clock, 'When people are called.'),
  people: field(count(1), 'People called.'),
  villages: field(count(1), 'Villages they are sent to.'),
  delay: field(Varying, 'From the call to arriving at the muster point.'),
  travel: field(Varying, 'From the muster point to a village.'),
}).describe('A muster.');

/**
 * An isolation site set up by volunteers (clearing, frames, bedding, necessities).
 *
 * @example
 * ```ts
 * IsolationSpec.parse({ start: '16:00', beds: 500, volunteers: 110, arrivalWithin: '30 min',
 *   workPerBed: '42 min', split: { clear: 0.1, frame: 0.4, bedding: 0.35, necessities: 0.15 }, cv: 0.3, order: 'bed-first' }); // accepted
 * ```
 */
export const IsolationSpec = strict({
  start: field(Clock, 'Set-up starts.'),
  beds: field(count(1), 'Beds to set up.'),
  volunteers: field(count(1), 'Volunteers.'),
  arrivalWithin: field(Duration, 'Volunteers arrive uniformly within this time of the start.'),
  workPerBed: field(Duration, 'Person-time of work per bed, all tasks together.'),
  split: annotated(
    strict({
      clear: field(Share, 'Clearing the hall.'),
      frame: field(Share, 'Bed frames.'),
      bedding: field(Share, 'Bedding.'),
      necessities: field(Share, 'Necessities.'),
    }),
  ).describe('Shares of workPerBed per task; they sum to 1.'),
  cv: field(z.number().min(0).max(10), 'Coefficient of variation of the work per unit (lognormal).'),
  order: field(
    z.enum(['bed-first', 'task-first']),
    '"bed-first" finishes beds one by one; "task-first" all frames first.',
  ),
}).describe('An isolation site.');

/**
 * A closed-loop bus transfer of people to an isolation site, optionally gated by the site being
 * ready.
 *
 * @example
 * ```ts
 * // see campaigns/example-county.json for whole transfers
 * TransferSpec.shape.gate; // the gate: { site, beds, dispatch }
 * ```
 */
export const TransferSpec = strict({
  people: field(count(1), 'People to move.'),
  presentFrom: field(Clock, 'The people are at the pick-up point from.'),
  exposureFrom: field(Clock, 'Exposure is counted from.'),
  earliest: field(Clock, 'Boarding may not start before this time.'),
  gate: strict({
    site: Name.describe('The isolation site (a key of "isolation").'),
    beds: field(count(0), 'Beds that must be ready before the buses are called.'),
    dispatch: field(Duration, 'From the site being ready to the first bus boarding.'),
  })
    .optional()
    .describe('What the first bus waits for (none: boarding starts at earliest).'),
  buses: field(count(1), 'Buses.'),
  seats: field(count(1), 'Seats per bus.'),
  loadCap: field(Share, 'Share of seats that may be used.'),
  loading: field(z.enum(['even', 'fill']), '"even" spreads people over the trips; "fill" fills each bus.'),
  doors: field(count(1), 'Boarding points.'),
  board: field(Varying, 'Boarding time per person.'),
  alight: field(Varying, 'Alighting time per person.'),
  travel: field(Varying, 'One-way travel time.'),
  turnaround: field(Varying, 'Disinfection before the next trip.'),
  escort: annotated(
    strict({
      staff: field(count(0), 'Escort staff available.'),
      perBus: field(count(0), 'Escorts per bus.'),
    }),
  ).describe('Escorts: each bus leaves with perBus of them.'),
}).describe('A bus transfer.');

/**
 * Supply unloading by human chains.
 *
 * @example
 * ```ts
 * UnloadingSpec.parse({ start: '22:00', trucks: 30, items: 10000, volunteers: 120,
 *   chains: 1, bays: 2, dockTime: '5 min', switchTime: '1 min', pass: '2.2 s' }); // accepted
 * ```
 */
export const UnloadingSpec = strict({
  start: field(Clock, 'Trucks arrive.'),
  trucks: field(count(1), 'Truckloads.'),
  items: field(count(1), 'Items over all trucks.'),
  volunteers: field(count(1), 'Volunteers in the chains.'),
  chains: field(count(1), 'Parallel chains.'),
  bays: field(count(1), 'Trucks unloaded at once.'),
  dockTime: field(Duration, 'A truck backs in and opens.'),
  switchTime: field(Duration, 'The chain head moves to the next truck.'),
  pass: field(Varying, 'Pass interval per link.'),
}).describe('Supply unloading.');

/**
 * The units a figure is read in.
 *
 * @example
 * ```ts
 * FIGURE_UNITS.includes('person-hours'); // true
 * ```
 */
export const FIGURE_UNITS = [
  'count',
  'clock',
  'duration',
  'seconds',
  'person-minutes',
  'person-hours',
  'fraction',
] as const;

const figureShape = {
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { error: 'an id (letters, digits, ".", "_" and "-")' })
    .describe('Id, unique among figures and metrics (parameters name it in fittedTo).'),
  label: z.string().describe('What the figure is, for tables.'),
  unit: z.enum(FIGURE_UNITS).describe('The unit of the figure.'),
  read: z.string().min(1).describe('Path into the campaign result, e.g. "testing.hedong.testedAtDeadline".'),
  since: z
    .string()
    .min(1)
    .optional()
    .describe('A clock time or a result path: the figure is read − since (for durations).'),
  source: z.string().optional().describe('The source id of the reported value.'),
  tolerance: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe('Relative tolerance of the comparison, in [0, 1] (0.1 = 10 %).'),
  better: z
    .enum(['lower', 'higher'])
    .optional()
    .describe('Which direction is better, for planner comparisons.'),
  check: z
    .string()
    .min(1)
    .optional()
    .describe('The figure reads an input back (a check, not a test of the model): which input and why.'),
};

/**
 * A figure to read out and compare with its reported value.
 *
 * @example
 * ```ts
 * FigureSpec.parse({ id: 'F14', label: 'Hedong done after', unit: 'duration', read: 'testing.hedong.finish',
 *   since: '19:00', reported: '6 h', source: 'F14' }); // accepted
 * ```
 */
export const FigureSpec = strict({
  ...figureShape,
  reported: z
    .union([z.number(), z.string()])
    .optional()
    .describe('The reported value, in the figure\'s unit ("6 h", "21:00", 119246, "93%").'),
}).describe('A figure with its reported value.');

/**
 * A planner metric: a figure without a reported value.
 *
 * @example
 * ```ts
 * MetricSpec.parse({ id: 'wait', label: 'mean wait', unit: 'seconds', read: 'testing.village.waits.swab.mean', better: 'lower' }); // accepted
 * ```
 */
export const MetricSpec = strict(figureShape).describe('A planner metric (no reported value).');

/**
 * The campaign spec: one day of a campaign.
 *
 * @example
 * ```ts
 * const r = campaignSpec.safeParse(JSON.parse(text));
 * if (!r.success) console.log(r.error.issues.length);
 * ```
 */
export const campaignSpec = strict({
  $schema: z.string().optional().describe('The JSON Schema of the spec, for editors.'),
  name: Name.describe('Short name (letters, digits, "-"), used in file names.'),
  title: z.string().describe('Title of the day, for reports.'),
  description: z.string().optional().describe('What the day was, in a few sentences.'),
  epoch: z
    .string()
    .refine((s) => problem(() => new Epoch(s)) === undefined, {
      error: 'an ISO local date-time with a UTC offset, like "2022-04-13T01:30+08:00"',
    })
    .describe('Time 0 of the day: a local date-time with its UTC offset, e.g. "2022-04-13T01:30+08:00".'),
  sources: z
    .record(z.string(), z.string())
    .optional()
    .describe('Source id → one-line citation in our words.'),
  times: z
    .record(Name, field(TimeSpec, 'A shared time.'))
    .optional()
    .describe('Shared times, referred to elsewhere as "#name" (one place per fact).'),
  flows: z
    .record(Name, z.array(Step).min(1))
    .optional()
    .describe('Named flows: the steps a person goes through at a point, used by testing areas.'),
  testing: z.record(Name, TestingSpec).optional().describe('Testing areas, by name.'),
  checkpoints: z.record(Name, CheckpointSpec).optional().describe('Checkpoints, by name.'),
  musters: z.record(Name, MusterSpec).optional().describe('Musters, by name.'),
  isolation: z.record(Name, IsolationSpec).optional().describe('Isolation sites, by name.'),
  transfers: z.record(Name, TransferSpec).optional().describe('Bus transfers, by name.'),
  unloading: z.record(Name, UnloadingSpec).optional().describe('Supply unloading, by name.'),
  figures: z.array(FigureSpec).optional().describe('Figures to read out, with their reported values.'),
  metrics: z.array(MetricSpec).optional().describe('Planner metrics (no reported value).'),
}).describe('A campaign: one day of mass testing, transfers and supply, as data.');

/**
 * A campaign spec as written (JSON or a TypeScript object).
 *
 * @example
 * ```ts
 * const spec: CampaignSpec = { name: 'village', title: 'A village', epoch: '2022-04-13T00:00+08:00' };
 * ```
 */
export type CampaignSpec = z.input<typeof campaignSpec>;
