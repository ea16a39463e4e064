/**
 * Results of a sampling site as plain JSON and tidy tables.
 *
 * Waits are summarised per stage and person type (count, mean, p95, max; the percentiles come from
 * the Tally's sketch, within 1 %). Queue lengths and utilisation come from the simulation's standard
 * resource monitors (time-weighted). `accounting` says where everyone is at the end of the run and
 * `atDeadline` at the deadline; both add up to the population. `endReason` says why the site's
 * service ended and `notServed` who came and was not swabbed (`arrived = tested + notServed.total`).
 *
 * @module
 */
import type { Simulation, Tally } from '../../src/index.js';
import type { ClosingPolicy, StaffRole } from './closing.js';
import {
  type EndReason,
  type NotServed,
  type SamplingSiteModel,
  STAGES,
  type Stage,
  type WhereCounts,
} from './model.js';
import { PERSON_TYPES, type PersonType, staffPositions } from './params.js';

/**
 * Summary of waits: count, mean, p95, max (seconds; null when nobody waited at that stage).
 *
 * @example
 * ```ts
 * const w: WaitSummary = { count: 10, mean: 3.2, p95: 9, max: 12 };
 * ```
 */
export interface WaitSummary {
  /** People observed: whose wait (or time in site) was recorded; 0 when nobody was. */
  readonly count: number;
  /** Mean wait, seconds; null when `count` is 0. */
  readonly mean: number | null;
  /** 95th percentile of the waits, seconds (from the Tally's sketch, within 1 %); null when `count` is 0. */
  readonly p95: number | null;
  /** Longest wait, seconds; null when `count` is 0. */
  readonly max: number | null;
}

/**
 * One role's staffing figures.
 *
 * @example
 * ```ts
 * const r: RoleResult = { role: 'swabbers', positions: 4, utilisation: 0.8, queueMean: 3, queueMax: 20, served: 2500 };
 * ```
 */
export interface RoleResult {
  /** Role name: `marshals`, `clerks`, `assistedClerks` (only when the site has them) or `swabbers`. */
  readonly role: string;
  /** Positions of the role: the head count, or for a roster its `positions` (default the roster's length). */
  readonly positions: number;
  /** Busy units over time ÷ capacity over time, from the opening to the end of the run. */
  readonly utilisation: number | null;
  /** Time-weighted mean queue length. */
  readonly queueMean: number | null;
  /** Longest queue. */
  readonly queueMax: number;
  /** People served (units granted, less those handed back at once by people who had already left). */
  readonly served: number;
}

/**
 * Overtime of one role after the closing time (`overtime` policy).
 *
 * @example
 * ```ts
 * const o: RoleOvertime = { role: 'swabbers', crew: 4, until: 16200, hours: 2 };
 * ```
 */
export interface RoleOvertime {
  /** Role name. */
  readonly role: StaffRole;
  /** People of the role kept on at closing (on duty then, at most its positions). */
  readonly crew: number;
  /** When the role's last person inside was done with it (the closing time if nobody was), seconds. */
  readonly until: number;
  /** Person-hours worked after closing: `crew × (until − closing) / 3600`. */
  readonly hours: number;
}

/**
 * What the closing time did at a site.
 *
 * @example
 * ```ts
 * const c: ClosingResult = { at: 14400, clock: '23:00', policy: 'send-home', reached: true, sentHome: 120, turnedAway: 0, overtime: [], overtimeHours: 0 };
 * ```
 */
export interface ClosingResult {
  /** Closing time, simulated seconds. */
  readonly at: number;
  /** The same as a clock time (null without an epoch). */
  readonly clock: string | null;
  /** The policy for the people inside. */
  readonly policy: ClosingPolicy;
  /** Whether the closing time came while people were inside or still to come. */
  readonly reached: boolean;
  /** People sent home (`send-home`), counted in `notServed` by stage. */
  readonly sentHome: number;
  /** People turned away at the shut gate: they would have arrived after closing (counted in `accounting.notArrived`). */
  readonly turnedAway: number;
  /** Per role, the crew kept on and its hours after closing (`overtime`; empty for `send-home`). */
  readonly overtime: readonly RoleOvertime[];
  /** Total person-hours after closing, all roles. */
  readonly overtimeHours: number;
}

/**
 * Everything a site run reports (plain JSON).
 *
 * @example
 * ```ts
 * const r: SamplingSiteResults = runSamplingSite({ population: 500 }, { seed: 1 });
 * r.lastSwabClock; // '02:13' with an epoch
 * ```
 */
export interface SamplingSiteResults {
  /** Site name, copied from the parameters. */
  readonly name: string;
  /** People expected at the site. */
  readonly population: number;
  /** People who have arrived by the end of the run. */
  readonly arrived: number;
  /** People swabbed by the end of the run. */
  readonly tested: number;
  /** Time of the last swab, seconds (null if nobody was swabbed). */
  readonly lastSwab: number | null;
  /** The same as a clock time, when the simulation has an epoch. */
  readonly lastSwabClock: string | null;
  /** Why the site's service ended (see {@link EndReason}). */
  readonly endReason: EndReason;
  /** When the site finished: everyone who came had left, every tube had reached the lab and the deadline had passed; null if the run stopped first. */
  readonly finishedAt: number | null;
  /** People who came and were not swabbed, by the stage where they waited and since when. */
  readonly notServed: NotServed;
  /** People left waiting at a stage whose staff had all gone for good (part of `notServed`). */
  readonly stranded: number;
  /** What the closing time did, or null when the site has none. */
  readonly closing: ClosingResult | null;
  /** Where people are at the end of the run. */
  readonly accounting: WhereCounts;
  /** Where people were at the deadline (null if the run ended before it). */
  readonly atDeadline: WhereCounts | null;
  /** People not yet swabbed at the deadline (null if the run ended before it). */
  readonly notTestedAtDeadline: number | null;
  /** Deadline, simulated seconds (default six hours after the opening). */
  readonly deadline: number;
  /** Waits by stage then person type, plus `all` types. */
  readonly waits: Readonly<Record<Stage, Readonly<Record<PersonType | 'all', WaitSummary>>>>;
  /** Arrival to end of swab, by person type plus `all`. */
  readonly timeInSite: Readonly<Record<PersonType | 'all', WaitSummary>>;
  /** Staffing figures per role, in the order marshals, clerks, assisted clerks (if any), swabbers. */
  readonly roles: readonly RoleResult[];
  /** Sample tubes and courier trips, counted to the end of the run. */
  readonly tubes: {
    /** Swabs pooled per tube (the `pool` parameter). */
    readonly pool: number;
    /** Tubes sealed: every full tube and, at close, the last partial one. */
    readonly sealed: number;
    /** Of the sealed tubes, those sealed at close with fewer than `pool` swabs (0 or 1). */
    readonly partial: number;
    /** Tubes handed to a courier. */
    readonly dispatched: number;
    /** Tubes delivered at the lab (dispatched and past their transport time). */
    readonly delivered: number;
    /** Courier trips that left with at least one tube. */
    readonly trips: number;
    /** Simulated seconds at which the last courier reached the lab, or null if none has. */
    readonly lastDelivery: number | null;
  };
  /** Bins of `bin` seconds from the opening: arrivals and swabs per bin and cumulative swabs. */
  readonly series: readonly SeriesRow[];
}

/**
 * One row of the tested-over-time table.
 *
 * @example
 * ```ts
 * const row: SeriesRow = { site: 'a', start: 0, clock: '19:00', arrived: 310, tested: 280, cumulative: 280 };
 * ```
 */
export interface SeriesRow {
  /** Site name. */
  readonly site: string;
  /** Start of the bin, seconds. */
  readonly start: number;
  /** Start of the bin as a clock time (null without an epoch). */
  readonly clock: string | null;
  /** People who arrived in this bin. */
  readonly arrived: number;
  /** People swabbed in this bin. */
  readonly tested: number;
  /** People swabbed from the opening to the end of this bin. */
  readonly cumulative: number;
}

/** The four figures a site reports; read directly (a full `summary()` would search the sketch for four quantiles). */
function summary(t: Tally): WaitSummary {
  const n = t.count;
  return {
    count: n,
    mean: n > 0 ? t.mean! : null,
    p95: n > 0 ? t.quantile(0.95)! : null,
    max: n > 0 ? t.max! : null,
  };
}

function merged(ts: readonly Tally[], name: string, make: (n: string) => Tally): WaitSummary {
  const all = make(name);
  for (const t of ts) all.merge(t);
  return summary(all);
}

/**
 * Collect a site's results at the current simulated time.
 *
 * @example
 * ```ts
 * sim.run();
 * const r = siteResults(site, (n) => new Tally(n));
 * ```
 */
export function siteResults(
  site: SamplingSiteModel,
  makeTally: (name: string) => Tally,
): SamplingSiteResults {
  const sim: Simulation = site.sim;
  const p = site.params;
  const clock = (t: number) => (sim.epoch ? sim.clock(t) : null);
  const waits = {} as Record<Stage, Record<PersonType | 'all', WaitSummary>>;
  for (const stage of STAGES) {
    const row = {} as Record<PersonType | 'all', WaitSummary>;
    for (const t of PERSON_TYPES) row[t] = summary(site.waits[stage][t]);
    row.all = merged(
      PERSON_TYPES.map((t) => site.waits[stage][t]),
      `wait.${stage}`,
      makeTally,
    );
    waits[stage] = row;
  }
  const timeInSite = {} as Record<PersonType | 'all', WaitSummary>;
  for (const t of PERSON_TYPES) timeInSite[t] = summary(site.sojourn[t]);
  timeInSite.all = merged(
    PERSON_TYPES.map((t) => site.sojourn[t]),
    'sojourn',
    makeTally,
  );
  const roles: RoleResult[] = [];
  const stations = [
    ['marshals', site.marshals, p.marshals],
    ['clerks', site.clerks, p.clerks],
    ...(site.assistedClerks ? [['assistedClerks', site.assistedClerks, p.assistedClerks] as const] : []),
    ['swabbers', site.swabbers, p.swabbers],
  ] as const;
  for (const [role, st, staff] of stations) {
    const m = sim.monitorOf(st.resource)?.report(sim.now);
    roles.push({
      role,
      positions: staffPositions(staff),
      utilisation: m?.utilisation ?? null,
      queueMean: m?.queue.mean ?? null,
      queueMax: m?.queue.max ?? 0,
      served: st.resource.accounting().grants - st.handedBack,
    });
  }
  const closing = p.closing;
  let closingResult: ClosingResult | null = null;
  if (closing !== undefined) {
    const overtime: RoleOvertime[] = [];
    const crew = p.overtimeCrew;
    if (crew !== undefined && site.closedEarly)
      for (const [role, st] of stations) {
        const until = st.lastFree > closing.at ? st.lastFree : closing.at;
        const n = crew[role];
        overtime.push({ role, crew: n, until, hours: (n * (until - closing.at)) / 3600 });
      }
    closingResult = {
      at: closing.at,
      clock: clock(closing.at),
      policy: closing.policy,
      reached: site.closedEarly,
      sentHome: site.sentHome,
      turnedAway: site.turnedAway,
      overtime,
      overtimeHours: overtime.reduce((a, o) => a + o.hours, 0),
    };
  }
  const series: SeriesRow[] = [];
  const tested = site.testedSeries();
  const arrived = site.arrivedSeries();
  let cumulative = 0;
  for (let k = 0; k < Math.max(tested.length, arrived.length); k++) {
    const n = tested[k] ?? 0;
    cumulative += n;
    const start = p.open + k * p.bin;
    series.push({
      site: p.name,
      start,
      clock: clock(start),
      arrived: arrived[k] ?? 0,
      tested: n,
      cumulative,
    });
  }
  const last = Number.isNaN(site.lastSwab) ? null : site.lastSwab;
  const d = site.atDeadline;
  return {
    name: p.name,
    population: p.population,
    arrived: site.arrived,
    tested: site.tested,
    lastSwab: last,
    lastSwabClock: last === null ? null : clock(last),
    endReason: site.endReason(),
    finishedAt: site.finished ? site.finishedAt : null,
    notServed: site.notServed(),
    stranded: site.stranded,
    closing: closingResult,
    accounting: site.whereNow(),
    atDeadline: d,
    notTestedAtDeadline: d === null ? null : d.population - d.tested,
    deadline: p.deadline,
    waits,
    timeInSite,
    roles,
    tubes: {
      pool: p.pool,
      sealed: site.tubesSealed,
      partial: site.partialTubes,
      dispatched: site.tubesDispatched,
      delivered: site.tubesDelivered,
      trips: site.trips,
      lastDelivery: Number.isNaN(site.lastDelivery) ? null : site.lastDelivery,
    },
    series,
  };
}

/**
 * Tidy table of waits: one row per stage and person type.
 *
 * @example
 * ```ts
 * waitRows(results); // [{ site, stage: 'check', type: 'qr', count, mean, p95, max }, ...]
 * ```
 */
export function waitRows(
  r: SamplingSiteResults,
): Array<{ site: string; stage: Stage; type: PersonType | 'all' } & WaitSummary> {
  const rows: Array<{ site: string; stage: Stage; type: PersonType | 'all' } & WaitSummary> = [];
  for (const stage of STAGES)
    for (const type of [...PERSON_TYPES, 'all'] as const)
      rows.push({ site: r.name, stage, type, ...r.waits[stage][type] });
  return rows;
}
