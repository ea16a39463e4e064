/**
 * Running a campaign: one replication runs every component of the day — testing areas, checkpoints,
 * musters, isolation sites with the transfers they gate, unloading — each in its own simulation with
 * its own seed, and collects their results under the names the spec gave them
 * (`testing.hedong.testedAtDeadline`). Figures are read out of that result by path.
 *
 * Each component's seed is a fixed function of the replication's seed and the component's kind and
 * name ({@link componentSeed}): changing the buses never changes a testing area's random numbers, and
 * two campaigns compared replication by replication share their random numbers component by
 * component (common random numbers).
 *
 * @module
 */
import { ParameterError, Simulation, streamKey } from '../../src/index.js';
import { type AreaPlan, type AreaResult, AreaRun } from './area.js';
import {
  type CheckpointInput,
  type CheckpointResult,
  type IsolationInput,
  type IsolationResult,
  type MusterInput,
  type MusterResultSummary,
  runCheckpoints,
  runMusterPart,
  runSiteAndTransfers,
  runUnloadingPart,
  type TransferInput,
  type TransferResult,
  type UnloadingInput,
  type UnloadingResultSummary,
} from './components.js';

/**
 * A figure read out of each replication: a path into the {@link CampaignResult}, optionally minus a
 * time (`since`: a clock time in seconds after the epoch, or another path).
 *
 * @example
 * ```ts
 * const f: FigurePlan = { id: 'beds.allReady', label: '500 beds ready', unit: 'duration', read: 'isolation.site.allReady',
 *   since: 'isolation.site.start', reported: 14_400, source: 'F11', tolerance: 0.1, better: 'lower', fitted: null };
 * ```
 */
export interface FigurePlan {
  /** Stable id. */
  readonly id: string;
  /** What a planner reads. */
  readonly label: string;
  /** How the value is read and printed. */
  readonly unit: 'count' | 'clock' | 'duration' | 'seconds' | 'person-minutes' | 'person-hours' | 'fraction';
  /** Dotted path into the campaign result. */
  readonly read: string;
  /** Subtract this: seconds after the epoch, or a path into the result; null for nothing. */
  readonly since: number | string | null;
  /** Reported value in the figure's unit (seconds for times), or null. */
  readonly reported: number | null;
  /** Source id of the reported value, or null. */
  readonly source: string | null;
  /** Relative tolerance, or null. */
  readonly tolerance: number | null;
  /** Which direction is better, or null. */
  readonly better: 'lower' | 'higher' | null;
  /** Why this figure checks a fit or reads back an input (then it is no prediction), or null. */
  readonly fitted: string | null;
}

/**
 * A campaign ready to run: every component resolved, figures as paths.
 *
 * @example
 * ```ts
 * const r = runCampaign(plan, 7);
 * ```
 */
export interface CampaignPlan {
  /** Machine name. */
  readonly name: string;
  /** Title for tables and reports. */
  readonly title: string;
  /** What the campaign is. */
  readonly description: string | null;
  /** Local date-time with offset of time 0. */
  readonly epoch: string;
  /** Testing areas by name. */
  readonly testing: Readonly<Record<string, AreaPlan>>;
  /** Checkpoints by name. */
  readonly checkpoints: Readonly<Record<string, CheckpointInput>>;
  /** Musters by name. */
  readonly musters: Readonly<Record<string, MusterInput>>;
  /** Isolation sites by name. */
  readonly isolation: Readonly<Record<string, IsolationInput>>;
  /** Transfers by name. */
  readonly transfers: Readonly<Record<string, TransferInput>>;
  /** Unloading operations by name. */
  readonly unloading: Readonly<Record<string, UnloadingInput>>;
  /** Figures with reported values. */
  readonly figures: readonly FigurePlan[];
  /** Planner metrics. */
  readonly metrics: readonly FigurePlan[];
}

/**
 * One replication of a campaign: plain JSON, times in seconds after the campaign's epoch.
 *
 * @example
 * ```ts
 * runCampaign(plan, 1).testing.hedong?.testedAtDeadline;
 * ```
 */
export interface CampaignResult {
  /** The replication's seed. */
  readonly seed: number;
  /** Testing areas' results by name. */
  readonly testing: Readonly<Record<string, AreaResult>>;
  /** Checkpoints' results by name. */
  readonly checkpoints: Readonly<Record<string, CheckpointResult>>;
  /** Musters' results by name. */
  readonly musters: Readonly<Record<string, MusterResultSummary>>;
  /** Isolation sites' results by name. */
  readonly isolation: Readonly<Record<string, IsolationResult>>;
  /** Transfers' results by name. */
  readonly transfers: Readonly<Record<string, TransferResult>>;
  /** Unloading results by name. */
  readonly unloading: Readonly<Record<string, UnloadingResultSummary>>;
  /** Person-hours by component (`testing.hedong`, …) and `total`. */
  readonly staffHours: Readonly<Record<string, number>> & { readonly total: number };
}

/**
 * The seed of one component: a fixed function of the replication's seed and the component's kind and
 * name, so components never share random numbers and one component's numbers do not depend on the
 * others.
 *
 * @example
 * ```ts
 * componentSeed(42, 'testing', 'hedong') !== componentSeed(42, 'isolation', 'site'); // true
 * ```
 */
export function componentSeed(seed: number, kind: string, name: string): number {
  // 52 bits of the stream key: a valid seed, independent across components.
  return Number.parseInt(streamKey(seed, `campaign.${kind}.${name}`).slice(0, 13), 16);
}

/**
 * Run one replication of a campaign.
 *
 * @example
 * ```ts
 * const r = runCampaign(plan, 7);
 * r.staffHours.total;
 * ```
 */
export function runCampaign(plan: CampaignPlan, seed: number): CampaignResult {
  const staffHours: Record<string, number> = {};
  const testing: Record<string, AreaResult> = {};
  for (const [name, area] of Object.entries(plan.testing)) {
    const sim = new Simulation({
      seed: componentSeed(seed, 'testing', name),
      epoch: plan.epoch,
      scenario: `${plan.name}.testing.${name}`,
      onDeadlock: 'ignore',
    });
    const run = new AreaRun(sim, area);
    sim.run();
    testing[name] = run.results();
    staffHours[`testing.${name}`] = testing[name].staffHours;
  }
  const checkpoints: Record<string, CheckpointResult> = {};
  for (const [name, c] of Object.entries(plan.checkpoints)) {
    checkpoints[name] = runCheckpoints(
      c,
      `checkpoints.${name}`,
      componentSeed(seed, 'checkpoints', name),
      plan.epoch,
    );
    staffHours[`checkpoints.${name}`] = checkpoints[name].personHoursPerDay;
  }
  const musters: Record<string, MusterResultSummary> = {};
  for (const [name, m] of Object.entries(plan.musters))
    musters[name] = runMusterPart(m, `musters.${name}`, componentSeed(seed, 'musters', name), plan.epoch);
  const isolation: Record<string, IsolationResult> = {};
  const transfers: Record<string, TransferResult> = {};
  const gatedBy = new Map<string | null, Record<string, TransferInput>>();
  for (const [name, t] of Object.entries(plan.transfers)) {
    const site = t.gate?.site ?? null;
    if (site !== null && !(site in plan.isolation))
      throw new ParameterError(
        `transfers.${name}.gate.site`,
        `one of the isolation sites (${Object.keys(plan.isolation).join(', ')})`,
        site,
      );
    gatedBy.set(site, { ...gatedBy.get(site), [name]: t });
  }
  for (const [name, s] of Object.entries(plan.isolation)) {
    const r = runSiteAndTransfers(
      name,
      s,
      gatedBy.get(name) ?? {},
      componentSeed(seed, 'isolation', name),
      plan.epoch,
    );
    if (r.site) {
      isolation[name] = r.site;
      staffHours[`isolation.${name}`] = r.site.volunteerHours;
    }
    Object.assign(transfers, r.transfers);
  }
  for (const [name, t] of Object.entries(gatedBy.get(null) ?? {})) {
    const r = runSiteAndTransfers(
      `transfer-${name}`,
      null,
      { [name]: t },
      componentSeed(seed, 'transfers', name),
      plan.epoch,
    );
    Object.assign(transfers, r.transfers);
  }
  for (const [name, t] of Object.entries(transfers)) staffHours[`transfers.${name}`] = t.escortHours;
  const unloading: Record<string, UnloadingResultSummary> = {};
  for (const [name, u] of Object.entries(plan.unloading)) {
    unloading[name] = runUnloadingPart(
      u,
      `unloading.${name}`,
      componentSeed(seed, 'unloading', name),
      plan.epoch,
    );
    staffHours[`unloading.${name}`] = unloading[name].volunteerHours;
  }
  const total = Object.values(staffHours).reduce((a, b) => a + b, 0);
  return {
    seed,
    testing,
    checkpoints,
    musters,
    isolation,
    transfers,
    unloading,
    staffHours: { ...staffHours, total },
  };
}

const KINDS = ['testing', 'checkpoints', 'musters', 'isolation', 'transfers', 'unloading'] as const;

/**
 * The part of a plan that runs only the components named in `only` — `"testing.hedong"` for one
 * component, `"testing"` for every component of a kind — so a question about one area (how many clerks
 * does Hedong need?) does not pay for the rest of the day. A transfer gated by an isolation site brings
 * its site along (the buses wait for its beds). Each component keeps its own seed
 * ({@link componentSeed}), so a selected component's results are exactly those of the whole campaign;
 * figures that read a component left out read null.
 *
 * @throws ParameterError naming `only[i]` when an entry is not a kind or a `kind.name` of the plan.
 * @example
 * ```ts
 * runCampaign(campaignSubset(plan, ['testing.hedong']), 7).testing.hedong?.finish;
 * ```
 */
export function campaignSubset(plan: CampaignPlan, only: readonly string[]): CampaignPlan {
  const keep = new Map<(typeof KINDS)[number], Set<string>>(KINDS.map((k) => [k, new Set<string>()]));
  only.forEach((entry, i) => {
    const [kind, ...rest] = String(entry).split('.');
    const name = rest.join('.');
    const names = (KINDS as readonly string[]).includes(kind as string)
      ? Object.keys(plan[kind as (typeof KINDS)[number]])
      : null;
    if (names === null || (name !== '' && !names.includes(name))) {
      const known = KINDS.flatMap((k) => [k, ...Object.keys(plan[k]).map((n) => `${k}.${n}`)]);
      throw new ParameterError(
        `only[${i}]`,
        `a component kind or kind.name of the campaign (${known.join(', ')})`,
        entry,
      );
    }
    for (const n of name === '' ? names : [name]) keep.get(kind as (typeof KINDS)[number])!.add(n);
  });
  for (const name of keep.get('transfers')!) {
    const site = plan.transfers[name]?.gate?.site;
    if (site !== undefined && site !== null) keep.get('isolation')!.add(site);
  }
  const pick = <T>(kind: (typeof KINDS)[number], all: Readonly<Record<string, T>>): Record<string, T> =>
    Object.fromEntries(Object.entries(all).filter(([n]) => keep.get(kind)!.has(n)));
  return {
    ...plan,
    testing: pick('testing', plan.testing),
    checkpoints: pick('checkpoints', plan.checkpoints),
    musters: pick('musters', plan.musters),
    isolation: pick('isolation', plan.isolation),
    transfers: pick('transfers', plan.transfers),
    unloading: pick('unloading', plan.unloading),
  };
}

/**
 * The value at a dotted path of a result (`testing.hedong.waits.registration.assisted.p95`), or
 * undefined when the path does not exist. Keys may contain dots only as separators; component names
 * with `-` are fine.
 *
 * @example
 * ```ts
 * readPath({ a: { b: 2 } }, 'a.b'); // 2
 * ```
 */
export function readPath(result: unknown, path: string): unknown {
  let v: unknown = result;
  for (const key of splitPath(path)) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/**
 * A path's keys. A key holding dots (a staff-hours key such as `testing.hedong`) cannot be told apart
 * from nesting, so `staffHours.<kind>.<name>` is read as one key after `staffHours`.
 */
function splitPath(path: string): string[] {
  const keys = path.split('.');
  if (keys[0] === 'staffHours' && keys.length > 2) return ['staffHours', keys.slice(1).join('.')];
  return keys;
}

/**
 * A figure's value in one replication: the number at `read`, minus `since` (a time or another path);
 * null when either is missing (e.g. never reached).
 *
 * @example
 * ```ts
 * figureValue(plan.figures[0]!, runCampaign(plan, 1));
 * ```
 */
export function figureValue(f: FigurePlan, result: CampaignResult): number | null {
  const v = readPath(result, f.read);
  if (typeof v !== 'number') return null;
  if (f.since === null) return v;
  const s = typeof f.since === 'number' ? f.since : readPath(result, f.since);
  return typeof s === 'number' ? v - s : null;
}
