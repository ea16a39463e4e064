/**
 * `surgesim staff`: the least staff per point, role by role, that finishes a testing area of a
 * campaign spec by a deadline with a stated probability and confidence — for the spec as written
 * and for variants written as spec changes — with, on request, what one more person per point buys
 * and a tornado of the area's uncertain parameters (Node only).
 *
 * ```text
 * surgesim staff <spec> --area hedong --roles clerks,swabbers [--deadline 6h] [--target 0.95]
 *   [--confidence 0.95] [--set path=value]… [--variants FILE] [--marginal N] [--tornado FILE]
 *   [--seed S] [--workers N] [--json] [--out DIR [--force]]
 * ```
 *
 * The search is `searchStaff` (src/planning): sequential exact tests on common random numbers,
 * screen, bisect, confirm. Its replications, the variants' searches, the paired effects and the
 * bottleneck run are all asked for in batches of runs (spec changes × seeds) through one
 * {@link SpecRuns} function — worker threads here ({@link threadSpecRuns}); any runner that answers
 * the same runs with `runSpecArea` gives the same result — and the variants are searched at the
 * same time, so the threads stay busy. Replication i of every plan has the seed
 * `replicationSeed(seed, i)`: the answer depends on the seed only, not on the number of threads.
 *
 * @module
 */
import { parseArgs } from 'node:util';
import * as z from 'zod';
import {
  type CampaignPlan,
  checkSpecChanges,
  overrideSpec,
  type SpecChanges,
  SpecChangesSchema,
  specChanges,
  specChangesOverrides,
  withSpecChanges,
} from '../../models/campaign/index.js';
import { stripAnnotations } from '../../models/campaign/plan.js';
import { strict } from '../../models/campaign/schema.js';
import { type PairedDifference, pairedDifference } from '../experiment/compare.js';
import { combineOverrides, overrideFromAssignment } from '../experiment/scenario.js';
import { idleCores } from '../experiment/workerModules.js';
import { ParameterError } from '../kernel/errors.js';
import { bottlenecksByHour, type HourBottleneck } from '../planning/bottleneck.js';
import { marginalStaff, type TornadoRow, tornado } from '../planning/paired.js';
import { type StaffSearchResult, searchStaff } from '../planning/staffSearch.js';
import { log } from '../random/math.js';
import { replicationSeed, validateSeed } from '../random/seed.js';
import type { OutputFolder } from '../report/outputFolder-node.js';
import { duration } from '../time/units.js';
import { version } from '../version.js';
import { readCampaign } from './campaign.js';
import { readChangesFile } from './changesFile.js';
import { type CliIo, parseDecimal, parseInteger, reportError, UsageError } from './io.js';
import { parseWorkers, queueFlags } from './script.js';
import type { AreaFigures, SpecRun, SpecRuns } from './specRuns.js';

type Obj = Record<string, unknown>;
type Plan = Readonly<Record<string, number>>;

/** The command's flags. */
export const STAFF_OPTIONS = {
  area: { type: 'string' },
  roles: { type: 'string' },
  deadline: { type: 'string' },
  target: { type: 'string' },
  confidence: { type: 'string' },
  min: { type: 'string' },
  max: { type: 'string' },
  start: { type: 'string' },
  set: { type: 'string', multiple: true },
  variants: { type: 'string' },
  marginal: { type: 'string' },
  tornado: { type: 'string' },
  'tornado-replications': { type: 'string' },
  'max-replications': { type: 'string' },
  seed: { type: 'string' },
  workers: { type: 'string', short: 'w' },
  redis: { type: 'string' },
  prefix: { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `surgesim staff --help`. */
export const STAFF_USAGE = `usage: surgesim staff <spec> --area NAME --roles a,b [options]

The least staff per point of each role (searched in the order given, dearest first) with which the
area's last person is tested within the deadline after its opening, with probability at least the
target, shown at the confidence (sequential exact tests on common random numbers; see
docs/staffing-search.md).

options:
  --area NAME             the testing area (a key of the spec's "testing")
  --roles a,b             the staff roles to search, per point (keys of the area's "staff")
  --deadline D            time after the opening, e.g. "6 h" (default: the area's deadline)
  --target P              probability to reach, in (0, 1) (default 0.95)
  --confidence C          confidence of every verdict, in (0, 1) (default 0.95)
  --min N, --max N        per-point bounds of every role (default 1 and 12)
  --start a=4,b=2         starting estimates per point (default: the spec's staff)
  --set path=value        change the spec (repeatable), e.g. --set testing.hedong.turnout=1
  --variants FILE         variants of the spec, each searched as well as the spec as written:
                          { "variants": { "<id>": { "changed", "basis", "set": { path: value },
                          "replace": { path: value } } } } (the alternatives' format)
  --marginal N            paired replications of one more person per point in each role, on the
                          spec as written (0: none; default 0)
  --tornado FILE          parameter ranges: { "parameters": { "<name>": { "range", "basis",
                          "low": { "set": { path: value }, "replace": … }, "high": { … } } } }:
                          paired changes of the figures at each end
  --tornado-replications N  paired replications per end (default 6)
  --max-replications N    most replications of one plan (default 400)
  --seed S                base seed, a whole number (default 1)
  -w, --workers N         threads running simulations (default: one per idle core, here now ${idleCores()})
  --redis URL             run the simulations on 'surgesim worker' processes serving this Redis
                          (redis://host:6379) instead of threads here; the answer is the same
  --prefix P              with --redis: the key prefix the workers serve (default surgesim)
  --json                  the result as JSON on stdout and nothing else
  --out DIR               write staffing.json (and the tornado charts with --tornado) to DIR
  --force                 with --out: replace an earlier surgesim output folder
  -q, --quiet             no notes on stderr
  --debug                 print stack traces of errors
  -h, --help              this text

The answer depends on the seed only, not on --workers or --redis.`;

const Id = z.string().regex(/^[a-z0-9][a-z0-9:+%_-]*$/, 'a short lower-case id');
const nonEmpty = (r: Record<string, unknown>) => Object.keys(r).length > 0;

/** `--variants FILE`: variants written as the alternatives are (what changed, its basis, the changes). */
const StaffVariantsSchema = strict({
  description: z.string().optional(),
  variants: z
    .record(Id, withSpecChanges({ changed: z.string().min(1), basis: z.string().min(1) }))
    .refine(nonEmpty, { message: 'at least one variant' }),
});

/** `--tornado FILE`: parameter ranges, each end a change of the spec. */
const StaffTornadoSchema = strict({
  description: z.string().optional(),
  parameters: z
    .record(
      z.string().min(1),
      strict({
        range: z.string().min(1),
        basis: z.string().min(1),
        low: SpecChangesSchema,
        high: SpecChangesSchema,
      }),
    )
    .refine(nonEmpty, { message: 'at least one parameter' }),
});

/**
 * A variant: changes of the spec, searched as well as the spec as written.
 *
 * @example
 * ```ts
 * const v: StaffVariant = { id: 'qr', label: 'QR pre-registration',
 *   changes: { set: { 'testing.hedong.people.type.qr': 0.8 }, replace: {} } };
 * ```
 */
export interface StaffVariant {
  /** Short id (its key in the file). */
  readonly id: string;
  /** What a planner reads (the entry's `changed`). */
  readonly label: string;
  /** The changes of the spec. */
  readonly changes: SpecChanges;
}

/**
 * One parameter's range for the tornado: changes of the spec at its low and high ends.
 *
 * @example
 * ```ts
 * const t: StaffTornadoParameter = { name: 'turnout', range: '85–98 %', basis: 'cal §4',
 *   low: { set: { 'testing.hedong.turnout': 0.85 }, replace: {} },
 *   high: { set: { 'testing.hedong.turnout': 0.98 }, replace: {} } };
 * ```
 */
export interface StaffTornadoParameter {
  /** Row label (its key in the file). */
  readonly name: string;
  /** The range, for the table. */
  readonly range: string;
  /** Where the range comes from. */
  readonly basis: string;
  /** Changes at the low end. */
  readonly low: SpecChanges;
  /** Changes at the high end. */
  readonly high: SpecChanges;
}

/**
 * The checked inputs of a staffing search.
 *
 * @example
 * ```ts
 * const s = checkStaffInputs(['qingxu', '--area', 'hedong', '--roles', 'clerks']);
 * ```
 */
export interface StaffInputs {
  /** The spec as read (before `--set`). */
  readonly spec: unknown;
  /** `--set` changes, nested. */
  readonly overrides: Obj;
  /** The testing area searched. */
  readonly area: string;
  /** The searched roles, in search order. */
  readonly roles: readonly string[];
  /** Per-point bounds and starts by role. */
  readonly bounds: readonly {
    readonly role: string;
    readonly min: number;
    readonly max: number;
    readonly start: number;
  }[];
  /** Seconds after the opening. */
  readonly deadline: number;
  /** Probability to reach. */
  readonly target: number;
  /** Confidence of every verdict. */
  readonly confidence: number;
  /** Most replications of one plan. */
  readonly maxReplications: number;
  /** Base seed: replication i has `replicationSeed(seed, i)`. */
  readonly seed: number;
  /** Points of the area. */
  readonly points: number;
  /** People who come (residents × turnout). */
  readonly people: number;
  /** The spec as written, then the variants, each with its changes and `--set` as one override. */
  readonly variants: readonly (StaffVariant & { readonly overrides: Obj })[];
  /** Paired replications of one more per point (0: none). */
  readonly marginal: number;
  /** Tornado ranges, with each end's changes as one override (without `--set`). */
  readonly tornado: readonly (StaffTornadoParameter & {
    readonly lowOverrides: Obj;
    readonly highOverrides: Obj;
  })[];
  /** Paired replications per tornado end. */
  readonly tornadoReplications: number;
  /** Threads running simulations. */
  readonly workers: number;
  /** Staff of the searched roles over the whole area in the spec as written (with `--set`). */
  readonly staff: Plan;
  /** Output flags. */
  readonly output: {
    readonly json: boolean;
    readonly quiet: boolean;
    readonly out?: string;
    readonly force: boolean;
  };
  /** `--redis`, `--prefix` and `--workers` as given, for the queue runner (see `queueFlags`). */
  readonly queue: { readonly redis?: string; readonly prefix?: string; readonly workers?: string };
}

/**
 * What `surgesim staff` answers.
 *
 * @example
 * ```ts
 * report.plans.map((p) => [p.id, p.result.plan]);
 * ```
 */
export interface StaffReport {
  /** The spec's name. */
  readonly spec: string;
  /** The testing area searched. */
  readonly area: string;
  /** The searched roles, in search order. */
  readonly roles: readonly string[];
  /** Seconds after the opening. */
  readonly deadline: number;
  /** Probability to reach. */
  readonly target: number;
  /** Confidence of every verdict. */
  readonly confidence: number;
  /** Base seed. */
  readonly seed: number;
  /** Points of the area. */
  readonly points: number;
  /** People who come (the spec as written). */
  readonly people: number;
  /** Per variant: its search and the area totals of its plan. */
  readonly plans: readonly {
    readonly id: string;
    readonly label: string;
    readonly result: StaffSearchResult;
    readonly totals: Plan | null;
  }[];
  /** The spec as written, one replication: the stage with the longest queue, hour by hour. */
  readonly bottlenecks: readonly HourBottleneck[];
  /** One more person per point in each role, on the spec as written; null when not asked. */
  readonly marginal: {
    readonly replications: number;
    readonly staff: Plan;
    readonly roles: readonly {
      readonly role: string;
      readonly added: number;
      readonly base: { readonly atDeadline: number; readonly lastSwab: number };
      readonly atDeadline: PairedDifference;
      /** Hours. */
      readonly lastSwab: PairedDifference;
      readonly perHour: readonly { readonly start: number; readonly effect: PairedDifference }[];
    }[];
  } | null;
  /** Tornado tables on the people tested by the deadline and the last test (hours); null when not asked. */
  readonly tornado: {
    readonly replications: number;
    readonly atDeadline: {
      readonly base: number;
      readonly rows: readonly (TornadoRow & { readonly range: string; readonly basis: string })[];
    };
    readonly lastSwab: {
      readonly base: number;
      readonly rows: readonly (TornadoRow & { readonly range: string; readonly basis: string })[];
    };
  } | null;
  /** Simulations run in all. */
  readonly simulations: number;
  /** surgesim's version. */
  readonly version: string;
}

/**
 * The changes as one override on top of `overrides` (`--set`), checked against the spec: every path
 * exists, the changed spec is valid, and the runs, which merge overrides into the spec as written,
 * get the same values (annotations aside: a merged value equal to the spec's keeps its annotation).
 * A `replace` whose value lacks keys of the one it replaces, or has keys the spec does not allow
 * there, cannot be merged and is refused.
 */
function changesOverride(spec: unknown, overrides: Obj, changes: SpecChanges, where: string): Obj {
  const changed = checkSpecChanges(overrideSpec(spec, overrides), changes, where);
  const merged = combineOverrides([overrides, specChangesOverrides(changes)]);
  let same: boolean;
  try {
    const plain = (v: unknown) => JSON.stringify(stripAnnotations(v).plain);
    same = plain(overrideSpec(spec, merged)) === plain(changed);
  } catch {
    same = false; // the merge itself fails: a replaced value with keys the old one had not
  }
  if (!same) {
    const replaced = Object.keys(changes.replace).length > 0;
    throw new ParameterError(
      `${where}.${replaced ? 'replace' : 'set'}`,
      'changes the runs can merge into the spec as written (a replaced value keeps every key of the one it replaces and adds none the spec lacks there, unless its kind changes)',
      replaced ? changes.replace : changes.set,
    );
  }
  return merged;
}

function probability(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const x = parseDecimal(value, flag);
  if (!(x > 0 && x < 1)) throw new ParameterError(flag, 'a number in (0, 1)', value);
  return x;
}

const unwrap = (v: unknown): unknown =>
  v !== null && typeof v === 'object' && 'value' in (v as Obj) && 'basis' in (v as Obj)
    ? (v as Obj).value
    : v;

/** The spec's value at a path, through annotations. */
function at(spec: unknown, keys: readonly string[]): unknown {
  let v = unwrap(spec);
  for (const k of keys) v = v !== null && typeof v === 'object' ? unwrap((v as Obj)[k]) : undefined;
  return v;
}

/** The plan of a spec with overrides (checked), or the error under `path`. */
async function planned(spec: unknown, overrides: Obj): Promise<CampaignPlan> {
  const { checkSpec, overrideSpec, planCampaign } = await import('../../models/campaign/index.js');
  const merged = overrideSpec(spec, overrides);
  checkSpec(merged);
  return planCampaign(merged).plan;
}

/**
 * Check every flag, the spec, the variants and the tornado file before anything runs.
 *
 * @throws UsageError / ParameterError naming the flag or path and the value (exit code 2).
 * @example
 * ```ts
 * const inputs = await checkStaffInputs(['qingxu', '--area', 'hedong', '--roles', 'clerks,swabbers']);
 * ```
 */
export async function checkStaffInputs(argv: readonly string[], io?: CliIo): Promise<StaffInputs> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: STAFF_OPTIONS,
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1)
    throw new UsageError(
      `staff needs one campaign spec (a .json file or a shipped name), got ${positionals.length}`,
    );
  if (values.area === undefined) throw new UsageError('staff needs --area NAME (a testing area of the spec)');
  if (values.roles === undefined) throw new UsageError('staff needs --roles a,b (staff roles of the area)');
  const target = probability(values.target, '--target', 0.95);
  const confidence = probability(values.confidence, '--confidence', 0.95);
  const seed = values.seed === undefined ? 1 : parseInteger(values.seed, '--seed', 0);
  validateSeed(seed, '--seed');
  const min = values.min === undefined ? 1 : parseInteger(values.min, '--min', 0);
  const max = values.max === undefined ? 12 : parseInteger(values.max, '--max', Math.max(1, min));
  const maxReplications =
    values['max-replications'] === undefined
      ? 400
      : parseInteger(values['max-replications'], '--max-replications', 1);
  const needed = Math.ceil(log(0.8 * (1 - confidence)) / log(target) - 1e-9);
  if (maxReplications < needed)
    throw new ParameterError(
      '--max-replications',
      `at least ${needed}: fewer can never show P ≥ ${target} at ${confidence} confidence`,
      values['max-replications'],
    );
  const marginal = values.marginal === undefined ? 0 : parseInteger(values.marginal, '--marginal', 0);
  if (marginal === 1)
    throw new ParameterError('--marginal', '0 (none) or a whole number ≥ 2', values.marginal);
  const tornadoReplications =
    values['tornado-replications'] === undefined
      ? 6
      : parseInteger(values['tornado-replications'], '--tornado-replications', 2);
  if (values['tornado-replications'] !== undefined && values.tornado === undefined)
    throw new UsageError('--tornado-replications needs --tornado FILE');
  if (values.force && values.out === undefined) throw new UsageError('--force needs --out DIR');
  const workers = parseWorkers(values.workers, values.quiet || values.json ? undefined : io);

  const { spec } = readCampaign(positionals[0]!);
  const overrides = combineOverrides((values.set ?? []).map(overrideFromAssignment));
  const plan = await planned(spec, overrides);
  const area = plan.testing[values.area];
  if (area === undefined)
    throw new ParameterError(
      '--area',
      `a testing area of the spec (${Object.keys(plan.testing).join(', ')})`,
      values.area,
    );
  const roles = values.roles
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  if (roles.length === 0) throw new ParameterError('--roles', 'at least one role', values.roles);
  for (const r of roles) {
    if (!(r in area.staff))
      throw new ParameterError(
        '--roles',
        `roles of ${values.area}'s staff (${Object.keys(area.staff).join(', ')})`,
        r,
      );
    if (area.staff[r]?.shifts !== undefined)
      throw new ParameterError(
        '--roles',
        'a role without shifts (a searched role is on duty from the opening)',
        r,
      );
  }
  if (new Set(roles).size !== roles.length)
    throw new ParameterError('--roles', 'each role once', values.roles);
  const starts: Obj = {};
  for (const part of (values.start ?? '').split(',').filter((s) => s.trim() !== '')) {
    const [role, n] = part.split('=').map((s) => s.trim());
    if (!roles.includes(role ?? '') || n === undefined)
      throw new ParameterError('--start', `role=N for the searched roles (${roles.join(', ')})`, part);
    starts[role!] = parseInteger(n, `--start ${role}`, min);
  }
  const bounds = roles.map((role) => {
    const perPoint = Math.round((area.staff[role]?.count ?? 0) / area.points);
    const start = (starts[role] as number | undefined) ?? Math.min(max, Math.max(min, perPoint));
    return { role, min, max, start };
  });
  const deadline =
    values.deadline === undefined ? area.deadline - area.open : duration(values.deadline, '--deadline');
  if (!(deadline > 0)) throw new ParameterError('--deadline', 'a duration > 0', values.deadline);

  const variants: (StaffVariant & { overrides: Obj })[] = [
    { id: 'as-written', label: 'the spec as written', changes: { set: {}, replace: {} }, overrides },
  ];
  if (values.variants !== undefined) {
    const file = values.variants;
    for (const [id, v] of Object.entries(readChangesFile(StaffVariantsSchema, file, '--variants').variants)) {
      const where = `${file}: variants.${id}`;
      if (id === 'as-written')
        throw new ParameterError(`${where}`, 'an id other than "as-written" (the spec as written)', id);
      const changes = specChanges(v);
      variants.push({
        id,
        label: v.changed,
        changes,
        overrides: changesOverride(spec, overrides, changes, where),
      });
    }
  }
  const tornadoParameters: StaffInputs['tornado'][number][] = [];
  if (values.tornado !== undefined) {
    const file = values.tornado;
    const doc = readChangesFile(StaffTornadoSchema, file, '--tornado');
    for (const [name, t] of Object.entries(doc.parameters)) {
      const where = `${file}: parameters[${JSON.stringify(name)}]`;
      const low = specChanges(t.low);
      const high = specChanges(t.high);
      // Each end is run on the base with its staff set explicitly (see pairedEffects), so only its
      // own changes are kept; the check is of the spec with `--set` and the end.
      changesOverride(spec, overrides, low, `${where}.low`);
      changesOverride(spec, overrides, high, `${where}.high`);
      tornadoParameters.push({
        name,
        range: t.range,
        basis: t.basis,
        low,
        high,
        lowOverrides: specChangesOverrides(low),
        highOverrides: specChangesOverrides(high),
      });
    }
  }
  return {
    spec,
    overrides,
    area: values.area,
    roles,
    bounds,
    deadline,
    target,
    confidence,
    maxReplications,
    seed,
    points: area.points,
    people: Math.round(area.residents * area.turnout),
    variants,
    marginal,
    tornado: tornadoParameters,
    tornadoReplications,
    workers,
    staff: Object.fromEntries(roles.map((r) => [r, area.staff[r]?.count ?? 0])),
    output: {
      json: values.json === true,
      quiet: values.quiet === true,
      force: values.force === true,
      ...(values.out !== undefined && { out: values.out }),
    },
    queue: {
      ...(values.redis !== undefined && { redis: values.redis }),
      ...(values.prefix !== undefined && { prefix: values.prefix }),
      ...(values.workers !== undefined && { workers: values.workers }),
    },
  };
}

/** The change that puts `total` of a role in the area (a count, or the count of a role object). */
function staffOverride(spec: unknown, inputs: StaffInputs, role: string, total: number): Obj {
  const current = at(spec, ['testing', inputs.area, 'staff', role]);
  const value = current !== null && typeof current === 'object' ? { count: total } : total;
  return { testing: { [inputs.area]: { staff: { [role]: value } } } };
}

/** Overrides for staff totals by role on top of `base`. */
function withTotals(inputs: StaffInputs, base: Obj, plan: Plan): Obj {
  return combineOverrides([
    base,
    ...Object.entries(plan).map(([role, n]) => staffOverride(inputs.spec, inputs, role, n)),
  ]);
}

/**
 * Run the search (every variant at once), the bottleneck run and the paired effects on `runs`.
 *
 * @param inputs - from {@link checkStaffInputs}
 * @param runs - the batch runner (threads, or any other that answers with `runSpecArea`)
 * @example
 * ```ts
 * const { runs, close } = threadSpecRuns(inputs.spec, inputs.area, inputs.workers);
 * const report = await staffReport(inputs, runs);
 * ```
 */
export async function staffReport(inputs: StaffInputs, runs: SpecRuns): Promise<StaffReport> {
  let simulations = 0;
  const counted: SpecRuns = async (batch) => {
    simulations += batch.length;
    return runs(batch);
  };
  const met = (f: AreaFigures): boolean =>
    f.tested === f.population && f.finish !== null && f.finish - f.opensAt <= inputs.deadline;
  const searches = inputs.variants.map(async (v) => {
    const result = await searchStaff({
      roles: inputs.bounds,
      target: inputs.target,
      confidence: inputs.confidence,
      maxReplications: inputs.maxReplications,
      evaluate: async (batch) =>
        (
          await counted(
            batch.map((q) => ({
              overrides: withTotals(
                inputs,
                v.overrides,
                Object.fromEntries(Object.entries(q.plan).map(([r, n]) => [r, n * inputs.points])),
              ),
              seed: replicationSeed(inputs.seed, q.replication),
            })),
          )
        ).map(met),
    });
    const totals = result.plan
      ? Object.fromEntries(Object.entries(result.plan).map(([r, n]) => [r, n * inputs.points]))
      : null;
    return { id: v.id, label: v.label, result, totals };
  });
  const [plans, effects] = await Promise.all([Promise.all(searches), pairedEffects(inputs, counted)]);
  return {
    spec: (at(inputs.spec, ['name']) as string) ?? '',
    area: inputs.area,
    roles: inputs.roles,
    deadline: inputs.deadline,
    target: inputs.target,
    confidence: inputs.confidence,
    seed: inputs.seed,
    points: inputs.points,
    people: inputs.people,
    plans,
    ...effects,
    simulations,
    version,
  };
}

/** The bottleneck run, the marginal effects and the tornado: one batch of distinct runs. */
async function pairedEffects(
  inputs: StaffInputs,
  runs: SpecRuns,
): Promise<Pick<StaffReport, 'bottlenecks' | 'marginal' | 'tornado'>> {
  const staff = inputs.staff;
  // The spec as written with its staff set explicitly, so that every setting below is the base plus
  // one change, and equal settings (a tornado end equal to one more per point) are run once.
  const base = withTotals(inputs, inputs.overrides, staff);
  const plus = (role: string) =>
    withTotals(inputs, base, { ...staff, [role]: (staff[role] ?? 0) + inputs.points });
  const ends = inputs.tornado.map((t) => ({
    low: combineOverrides([base, t.lowOverrides]),
    high: combineOverrides([base, t.highOverrides]),
  }));
  const n = Math.max(inputs.marginal, inputs.tornado.length > 0 ? inputs.tornadoReplications : 0, 1);
  const seeds = Array.from({ length: n }, (_, i) => replicationSeed(inputs.seed, i));
  const settings: [Obj, number][] = [[base, n]];
  if (inputs.marginal > 0) for (const r of inputs.roles) settings.push([plus(r), inputs.marginal]);
  for (const e of ends)
    settings.push([e.low, inputs.tornadoReplications], [e.high, inputs.tornadoReplications]);
  const key = (o: Obj, seed: number) => `${seed}:${JSON.stringify(o)}`;
  const wanted = new Map<string, SpecRun>();
  for (const [o, count] of settings)
    for (const seed of seeds.slice(0, count)) wanted.set(key(o, seed), { overrides: o, seed });
  const batch = [...wanted.values()];
  const answers = await runs(batch);
  const figures = new Map(batch.map((r, i) => [key(r.overrides, r.seed), answers[i]!]));
  const figure = (o: Obj, seed: number): AreaFigures => {
    const f = figures.get(key(o, seed));
    if (f === undefined) throw new Error(`no run for seed ${seed}`);
    return f;
  };
  const lastSwab = (f: AreaFigures): number => {
    if (f.finish === null)
      throw new ParameterError('marginal/tornado', 'settings under which someone is tested', 'nobody tested');
    return (f.finish - f.opensAt) / 3600;
  };
  const first = figure(base, seeds[0]!);
  const bottlenecks = bottlenecksByHour(first.queues);

  let marginal: StaffReport['marginal'] = null;
  if (inputs.marginal > 0) {
    const m = inputs.marginal;
    const on = (read: (f: AreaFigures) => number) =>
      marginalStaff({
        plan: staff,
        figure: (plan, seed) => read(figure(withTotals(inputs, base, plan), seed)),
        replications: m,
        seed: inputs.seed,
        step: inputs.points,
      });
    const byDeadline = on((f) => f.testedAtDeadline);
    const byLast = on(lastSwab);
    const mSeeds = seeds.slice(0, m);
    marginal = {
      replications: m,
      staff,
      roles: inputs.roles.map((role) => {
        const d = byDeadline.find((x) => x.role === role)!;
        const l = byLast.find((x) => x.role === role)!;
        const a = mSeeds.map((s) => figure(base, s).perHour);
        const b = mSeeds.map((s) => figure(plus(role), s).perHour);
        const hours = Math.max(...a.map((x) => x.length), ...b.map((x) => x.length));
        return {
          role,
          added: inputs.points,
          base: { atDeadline: d.base, lastSwab: l.base },
          atDeadline: d.effect,
          lastSwab: l.effect,
          perHour: Array.from({ length: hours }, (_, k) => ({
            start: k * 3600,
            effect: pairedDifference(
              `tested in hour ${k}`,
              a.map((x) => x[k] ?? 0),
              b.map((x) => x[k] ?? 0),
            ),
          })),
        };
      }),
    };
  }

  let tornadoReport: StaffReport['tornado'] = null;
  if (inputs.tornado.length > 0) {
    const t = inputs.tornadoReplications;
    const table = (read: (f: AreaFigures) => number) => {
      const rows = tornado<Obj>({
        base,
        parameters: inputs.tornado.map((p, i) => ({
          name: p.name,
          low: () => ends[i]!.low,
          high: () => ends[i]!.high,
        })),
        figure: (o, seed) => read(figure(o, seed)),
        replications: t,
        seed: inputs.seed,
      });
      const baseValue = seeds.slice(0, t).reduce((s, seed) => s + read(figure(base, seed)), 0) / t;
      return {
        base: baseValue,
        rows: rows.map((r) => {
          const p = inputs.tornado.find((x) => x.name === r.name);
          return { ...r, range: p?.range ?? '', basis: p?.basis ?? '' };
        }),
      };
    };
    tornadoReport = {
      replications: t,
      atDeadline: table((f) => f.testedAtDeadline),
      lastSwab: table(lastSwab),
    };
  }
  return { bottlenecks, marginal, tornado: tornadoReport };
}

const signed = (x: number, digits: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(digits)}`;

function effect(e: PairedDifference, digits: number, scale = 1): string {
  const v = (x: number | null): string => (x === null ? '–' : signed(x * scale, digits));
  return `${v(e.mean)} [${v(e.lower)}, ${v(e.upper)}]`;
}

/** "+3 h 20 min" after the opening as a duration. */
function hours(h: number): string {
  const m = Math.round(h * 60);
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/**
 * The report as text.
 *
 * @example
 * ```ts
 * io.out(`${formatStaffReport(report)}\n`);
 * ```
 */
export function formatStaffReport(r: StaffReport): string {
  const lines = [
    `Least staff per point (${r.roles.join(', ')}, searched in that order) to test everyone who comes to ${r.area} (${r.people.toLocaleString('en')} people, ${r.points} points) within ${hours(r.deadline / 3600)} of the opening, with P ≥ ${r.target} at ${(r.confidence * 100).toFixed(0)} % confidence (seed ${r.seed}):`,
  ];
  for (const p of r.plans) {
    const i = p.result.probability;
    lines.push(
      p.result.plan && p.totals
        ? `  ${p.label}: ${r.roles.map((role) => `${p.result.plan![role]} ${role}`).join(' + ')} per point = ${r.roles.map((role) => `${p.totals![role]} ${role}`).join(', ')}; ${i.successes} of ${i.trials} in time (lower bound ${i.lower.toFixed(3)}); ${p.result.simulations} simulations`
        : `  ${p.label}: ${p.result.message}; ${p.result.simulations} simulations`,
    );
  }
  lines.push(
    'The spec as written, bottleneck by the hour (mean people queued before each stage, one replication):',
  );
  for (const h of r.bottlenecks) {
    const s = Object.entries(h.stages)
      .map(([k, v]) => `${k} ${v.mean.toFixed(0)}`)
      .join(', ');
    lines.push(`  hour ${h.start / 3600 + 1}: ${h.bottleneck ?? 'none'} (${s})`);
  }
  const m = r.marginal;
  if (m) {
    lines.push(
      `What one more person per point buys on the spec as written (${r.roles.map((x) => `${m.staff[x]} ${x}`).join(', ')}, ${r.points} points; ${m.replications} paired replications, 95 % intervals):`,
    );
    for (const e of m.roles) {
      lines.push(
        `  +${e.added} ${e.role}: tested by the deadline ${effect(e.atDeadline, 0)} (base ${e.base.atDeadline.toFixed(0)}); last test ${effect(e.lastSwab, 1, 60)} min (base ${hours(e.base.lastSwab)} after the opening)`,
      );
      lines.push(
        `    tested per hour: ${e.perHour.map((h, k) => `h${k + 1} ${effect(h.effect, 0)}`).join('; ')}`,
      );
    }
  }
  const t = r.tornado;
  if (t) {
    lines.push(
      `Sensitivity of the spec as written (${t.replications} paired replications per end; change at the low | high end, 95 % intervals):`,
    );
    lines.push(`  people tested by the deadline (base ${t.atDeadline.base.toFixed(0)}):`);
    for (const row of t.atDeadline.rows)
      lines.push(
        `    ${row.name.padEnd(22)} ${row.range.padEnd(40)} ${effect(row.low, 0)} | ${effect(row.high, 0)}`,
      );
    lines.push(`  last test, minutes (base ${(t.lastSwab.base * 60).toFixed(1)} min after the opening):`);
    for (const row of t.lastSwab.rows)
      lines.push(
        `    ${row.name.padEnd(22)} ${row.range.padEnd(40)} ${effect(row.low, 1, 60)} | ${effect(row.high, 1, 60)}`,
      );
  }
  lines.push(`Simulations in all: ${r.simulations}`);
  return lines.join('\n');
}

/**
 * `surgesim staff …`: check everything, run on threads, print.
 *
 * @param argv - the arguments after `staff`
 * @param io - where to write
 * @returns 0 success, 2 bad arguments (nothing ran), 1 a failed run
 * @example
 * ```ts
 * process.exitCode = await staffCommand(['qingxu', '--area', 'hedong', '--roles', 'clerks,swabbers'], processIo());
 * ```
 */
export async function staffCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.out(`${STAFF_USAGE}\n`);
      return 0;
    }
    const inputs = await checkStaffInputs(argv, io);
    const values = inputs.output;
    const queue = await queueFlags({ ...inputs.queue, quiet: values.quiet || values.json }, io);
    let folder: OutputFolder | undefined;
    if (values.out !== undefined) {
      const { prepareOutputFolder } = await import('../report/outputFolder-node.js');
      folder = await prepareOutputFolder(values.out, { force: values.force === true, flag: '--out' });
    }
    const { queueSpecRuns, threadSpecRuns } = await import('./specRuns.js');
    const { runs, close } =
      queue === null
        ? threadSpecRuns(inputs.spec, inputs.area, inputs.workers)
        : queueSpecRuns(queue, inputs.spec, inputs.area);
    try {
      const report = await staffReport(inputs, runs);
      io.out(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatStaffReport(report)}\n`);
      if (folder !== undefined) {
        await writeOutputs(folder, report);
        for (const f of await folder.commit()) if (!values.quiet) io.err(`wrote ${f}\n`);
      }
    } finally {
      await close();
      await folder?.abort();
    }
    return 0;
  } catch (e) {
    return reportError(e, io, { prefix: 'surgesim staff', help: "see 'surgesim staff --help'", debug });
  }
}

/** staffing.json and, with a tornado, its two charts as SVG and PNG. */
async function writeOutputs(folder: OutputFolder, report: StaffReport): Promise<void> {
  await folder.write('staffing.json', `${JSON.stringify(report, null, 2)}\n`);
  if (report.tornado) {
    // The renderer (vega, fonts) is loaded only when a chart is written.
    const { renderSvg, svgToPng } = await import('../report/node.js');
    const { tornadoSpec } = await import('../report/index.js');
    for (const [name, t, title] of [
      ['tornado-at-deadline', report.tornado.atDeadline, 'change in people tested by the deadline'],
      ['tornado-last-test', report.tornado.lastSwab, 'change in the last test (h)'],
    ] as const) {
      const svg = await renderSvg(tornadoSpec(t.rows, title));
      await folder.write(`${name}.svg`, svg);
      await folder.write(`${name}.png`, svgToPng(svg).png);
    }
  }
}
