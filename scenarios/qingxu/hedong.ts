/**
 * Hedong-wide testing from 19:00 (F12–F14) as one simulation: the area's people split over its
 * sampling points, the staff pools split in proportion, every point a `SamplingSiteModel` on one
 * calendar with its own named streams (`hedong.site[k].…`), the couriers feeding one lab. Waits are
 * merged over all points (one tally per stage and person type), so the p95 waits are the area's,
 * not an average of the points'.
 *
 * Used by the staffing searches (until they run on the campaign spec): {@link hedongSites} turns
 * {@link HedongParams} into site inputs and {@link runHedong} runs one replication.
 *
 * @module
 */
import { splitProportional } from '../../models/area-testing.js';
import { boundedCount, durationDistribution } from '../../models/durations.js';
import { Lab } from '../../models/lab.js';
import { SamplingSiteModel, STAGES } from '../../models/sampling/model.js';
import { PERSON_TYPES, resolveSite, type SamplingSiteInput } from '../../models/sampling/params.js';
import { siteResults } from '../../models/sampling/results.js';
import { duration, Epoch, ParameterError, Simulation, Tally, validate } from '../../src/index.js';
import { type HedongParams, QINGXU_EPOCH } from './params.js';

/**
 * Roles staffed at every Hedong point.
 *
 * @example
 * ```ts
 * HEDONG_ROLES.map((r) => hedongParameters().staff[r]); // [100, 200, 0, 180]
 * ```
 */
export const HEDONG_ROLES = ['marshals', 'clerks', 'assistedClerks', 'swabbers'] as const;

/** A Hedong staff role. @example `const r: HedongRole = 'clerks';` */
export type HedongRole = (typeof HEDONG_ROLES)[number];

/** Wait quantiles over every person of the area (seconds). @example `w.p95` */
export interface AreaWait {
  readonly count: number;
  readonly mean: number | null;
  readonly p95: number | null;
  readonly max: number | null;
}

/**
 * One replication of Hedong. Times are seconds after the opening (`open`, 19:00 by default: the
 * simulation's epoch is {@link hedongEpoch}).
 *
 * @example
 * ```ts
 * const r = runHedong(hedongParameters(), { seed: 1 });
 * r.testedAtDeadline; r.finish; r.waits.registration.assisted.p95;
 * ```
 */
export interface HedongResult {
  /** Residents (parameter) and people who come (residents × participation, rounded). */
  readonly residents: number;
  readonly population: number;
  readonly points: number;
  /** The opening: 0 on Hedong's own clock (shifted like every other time when composed into a day). */
  readonly opensAt: number;
  readonly tested: number;
  /** Swabbed by the deadline (F14's count). */
  readonly testedAtDeadline: number;
  readonly notTestedAtDeadline: number;
  readonly deadline: number;
  /** Last swab anywhere in the area (null if nobody was swabbed). */
  readonly finish: number | null;
  /** Waits before each stage and time in the point, by person type and `all`, over the whole area. */
  readonly waits: Readonly<Record<(typeof STAGES)[number], Readonly<Record<string, AreaWait>>>>;
  readonly timeInPoint: Readonly<Record<string, AreaWait>>;
  /**
   * Per role: people; utilisation while the points worked (busy time ÷ positions × time from the opening
   * to each point's last swab); longest queue at one point; mean over the points of the time-weighted queue while they worked.
   */
  readonly roles: Readonly<
    Record<
      string,
      {
        readonly people: number;
        readonly utilisation: number | null;
        readonly peakQueue: number;
        readonly meanQueue: number | null;
      }
    >
  >;
  /** Staff person-hours: each point's staff from the opening to its last swab. */
  readonly staffHours: number;
  /** Area-wide bins: arrived and swabbed per bin, cumulative swabs, people in the points at the bin's end. */
  readonly series: readonly {
    readonly start: number;
    readonly arrived: number;
    readonly tested: number;
    readonly cumulative: number;
    readonly inPoints: number;
  }[];
  /**
   * People queued before each stage over all points, sampled every {@link QUEUE_SAMPLE} seconds from
   * the opening until the points are empty.
   */
  readonly queues: readonly {
    readonly time: number;
    readonly check: number;
    readonly registration: number;
    readonly swab: number;
  }[];
  /** Tubes sealed at the points and delivered to the lab. */
  readonly tubes: { readonly sealed: number; readonly delivered: number };
  readonly lab: { readonly resulted: number; readonly lastResult: number | null };
  /** Per point: population, tested, last swab, p95 registration wait, p95 time in the point by person type. */
  readonly perPoint: readonly {
    readonly population: number;
    readonly tested: number;
    readonly lastSwab: number | null;
    readonly registrationP95: number | null;
    readonly timeInPointP95: Readonly<Record<string, number | null>>;
  }[];
  /** End of the run: `notArrived + queued + inService + tested = population`, summed over points. */
  readonly accounting: {
    readonly population: number;
    readonly notArrived: number;
    readonly queued: number;
    readonly inService: number;
    readonly tested: number;
  };
}

const day = new Epoch(QINGXU_EPOCH);

/**
 * Seconds from the day's epoch (13 April 01:30) to Hedong's opening; a time before 01:30 is the next
 * day.
 *
 * @example
 * ```ts
 * hedongOpening(hedongParameters()); // 63_000 (19:00)
 * ```
 */
export function hedongOpening(h: HedongParams, path = 'hedong.open'): number {
  return day.at(h.open, { path, before: 'next-day' });
}

/**
 * The epoch of Hedong's simulation: the opening (F12: 19:00 on 13 April), so waits, utilisation and
 * clock times count from there.
 *
 * @example
 * ```ts
 * hedongEpoch(hedongParameters()).iso; // '2022-04-13T19:00:00+08:00'
 * ```
 */
export function hedongEpoch(h: HedongParams, path = 'hedong.open'): Epoch {
  return new Epoch(day.toISO(hedongOpening(h, path)));
}

/**
 * Interval of the area-wide queue samples in {@link HedongResult.queues}, seconds (5 min).
 *
 * @example
 * ```ts
 * runHedong(hedongParameters(), { seed: 1 }).queues[1]?.time; // 300
 * ```
 */
export const QUEUE_SAMPLE = 300;

/** Seconds after the opening of a clock time; a time before the opening is the next day ("01:00"). */
function clockAfterOpening(epoch: Epoch, clock: string, path: string): number {
  return epoch.at(clock, { path, before: 'next-day' });
}

/**
 * People who come to be tested: residents × participation, rounded.
 *
 * @example
 * ```ts
 * hedongTurnout(hedongParameters()); // 117,506
 * ```
 */
export function hedongTurnout(h: HedongParams): number {
  return Math.round(h.population * h.participation);
}

/**
 * Staff of each point: every pool split in proportion to the points' populations (largest
 * remainders; at least one of each role but the assisted lane).
 *
 * @example
 * ```ts
 * hedongStaffSplit(hedongParameters())[0]?.swabbers; // 4
 * ```
 */
export function hedongStaffSplit(h: HedongParams): Record<HedongRole, number>[] {
  const pops = splitProportional(hedongTurnout(h), new Array(h.points).fill(1));
  const parts = Object.fromEntries(
    HEDONG_ROLES.map((role) => {
      const min = role === 'assistedClerks' ? 0 : 1;
      const pool = h.staff[role];
      if (pool < min * h.points)
        throw new ParameterError(
          `hedong.staff.${role}`,
          `at least ${min * h.points} (${min} at each of ${h.points} points)`,
          pool,
        );
      return [role, splitProportional(pool, pops, min)];
    }),
  ) as Record<HedongRole, number[]>;
  return pops.map((_, k) => ({
    marshals: parts.marshals[k]!,
    clerks: parts.clerks[k]!,
    assistedClerks: parts.assistedClerks[k]!,
    swabbers: parts.swabbers[k]!,
  }));
}

/**
 * Check the Hedong parameters, naming the path (`hedong.staff.clerks`) and the bad value.
 *
 * @throws ParameterError before any work.
 * @example
 * ```ts
 * validateHedong({ ...hedongParameters(), points: 0 }); // throws "hedong.points: expected …"
 * ```
 */
export function validateHedong(h: HedongParams, path = 'hedong'): void {
  boundedCount(h.population, `${path}.population`, 0, 100_000_000);
  validate.probability(h.participation, `${path}.participation`);
  boundedCount(h.points, `${path}.points`, 1, 100_000);
  for (const role of HEDONG_ROLES) boundedCount(h.staff[role], `${path}.staff.${role}`, 0, 10_000_000);
  let sum = 0;
  for (const t of PERSON_TYPES) sum += validate.probability(h.mix[t], `${path}.mix.${t}`);
  if (Math.abs(sum - 1) > 1e-9) throw new ParameterError(`${path}.mix`, 'shares summing to 1', h.mix);
  const epoch = hedongEpoch(h, `${path}.open`);
  clockAfterOpening(epoch, h.deadline, `${path}.deadline`);
  if (h.arrivals.pattern !== 'call' && h.arrivals.pattern !== 'slots')
    throw new ParameterError(`${path}.arrivals.pattern`, '"call" or "slots"', h.arrivals.pattern);
  duration(h.arrivals.within, `${path}.arrivals.within`);
  if (!Array.isArray(h.arrivals.slots))
    throw new ParameterError(`${path}.arrivals.slots`, 'a list of { start, end, share }', h.arrivals.slots);
  h.arrivals.slots.forEach((s, i) => {
    clockAfterOpening(epoch, s.start, `${path}.arrivals.slots[${i}].start`);
    clockAfterOpening(epoch, s.end, `${path}.arrivals.slots[${i}].end`);
  });
  durationDistribution(h.checkTime, `${path}.checkTime`);
  for (const t of PERSON_TYPES) durationDistribution(h.registration[t], `${path}.registration.${t}`);
  durationDistribution(h.swabTime, `${path}.swabTime`);
  durationDistribution(h.tubeChange, `${path}.tubeChange`);
  if (typeof h.suit.rotate !== 'boolean')
    throw new ParameterError(`${path}.suit.rotate`, 'true or false', h.suit.rotate);
  for (const k of ['maxContinuous', 'rest', 'changeover'] as const) duration(h.suit[k], `${path}.suit.${k}`);
  if (!(Number.isFinite(h.suit.reserves) && h.suit.reserves >= 0 && h.suit.reserves <= 1))
    throw new ParameterError(`${path}.suit.reserves`, 'a share of the swabbers in [0, 1]', h.suit.reserves);
  boundedCount(h.lab.machines, `${path}.lab.machines`, 1, 100_000);
  // Everything else (pool, courier, lab, slot shares) is checked by the site model on the first
  // point, with the path rewritten to this parameter's.
  const sites = hedongSites(h);
  try {
    resolveSite(sites[0], '', epoch);
  } catch (e) {
    if (e instanceof ParameterError) throw new ParameterError(`${path}.${e.path}`, e.expected, e.value);
    throw e;
  }
}

/**
 * The site inputs of the Hedong points (population and staff split, arrivals, service times).
 *
 * @example
 * ```ts
 * hedongSites(hedongParameters()).length; // 50
 * ```
 */
export function hedongSites(h: HedongParams): SamplingSiteInput[] {
  const epoch = hedongEpoch(h);
  const staff = hedongStaffSplit(h);
  const pops = splitProportional(hedongTurnout(h), new Array(h.points).fill(1));
  const arrivals: SamplingSiteInput['arrivals'] =
    h.arrivals.pattern === 'slots'
      ? {
          kind: 'slots',
          slots: h.arrivals.slots.map((s, i) => ({
            start: clockAfterOpening(epoch, s.start, `hedong.arrivals.slots[${i}].start`),
            end: clockAfterOpening(epoch, s.end, `hedong.arrivals.slots[${i}].end`),
            share: s.share,
          })),
        }
      : { kind: 'call', at: 0, within: h.arrivals.within };
  const deadline = clockAfterOpening(epoch, h.deadline, 'hedong.deadline');
  return pops.map((population, k) => {
    const s = staff[k]!;
    const swabbers: SamplingSiteInput['swabbers'] = h.suit.rotate
      ? {
          count: s.swabbers,
          reserves: Math.ceil(s.swabbers * h.suit.reserves),
          workLimit: {
            maxContinuous: h.suit.maxContinuous,
            rest: h.suit.rest,
            changeover: h.suit.changeover,
          },
        }
      : s.swabbers;
    return {
      name: `point-${k + 1}`,
      population,
      mix: h.mix,
      arrivals,
      checkTime: h.checkTime,
      registration: h.registration,
      swabTime: h.swabTime,
      tubeChange: h.tubeChange,
      pool: h.pool,
      marshals: s.marshals,
      clerks: s.clerks,
      assistedClerks: s.assistedClerks,
      swabbers,
      courier: h.courier,
      deadline,
    };
  });
}

/**
 * Run one replication of Hedong.
 *
 * @param h - the parameters (validated here).
 * @param options - seed (the points' streams are named `hedong.site[k].…`), replication, monitors.
 * @example
 * ```ts
 * const r = runHedong(hedongParameters(), { seed: 7 });
 * console.log(r.testedAtDeadline, r.finish);
 * ```
 */
export function runHedong(
  h: HedongParams,
  options: { readonly seed: number; readonly replication?: number; readonly monitors?: boolean },
): HedongResult {
  validateHedong(h);
  const epoch = hedongEpoch(h);
  const sim = new Simulation({
    seed: options.seed,
    epoch,
    scenario: 'qingxu-hedong',
    ...(options.replication !== undefined && { replication: options.replication }),
    ...(options.monitors !== undefined && { monitors: options.monitors }),
  });
  const lab = new Lab(sim, h.lab, 'hedong.lab');
  const inputs = hedongSites(h);
  const staff = hedongStaffSplit(h);
  const models = inputs.map(
    (x, k) =>
      new SamplingSiteModel(
        sim,
        resolveSite(x, `hedong.sites[${k}]`, epoch),
        `hedong.site[${k}].`,
        lab.receive,
      ),
  );
  // Sample the queues every 5 min until everyone is swabbed (a day at most): O(points) per sample.
  const queues: { time: number; check: number; registration: number; swab: number }[] = [];
  const sample = (): void => {
    const q = { time: sim.now, check: 0, registration: 0, swab: 0 };
    let left = 0;
    for (const m of models) {
      q.check += m.marshals.resource.queueLength;
      q.registration += m.clerks.resource.queueLength + (m.assistedClerks?.resource.queueLength ?? 0);
      q.swab += m.swabbers.resource.queueLength;
      left += m.params.population - m.tested;
    }
    queues.push(q);
    if (left > 0 && sim.now < 86_400) sim.schedule(QUEUE_SAMPLE, sample);
  };
  sim.schedule(0, sample);
  sim.run();
  const end = sim.now;
  const sites = models.map((m) => siteResults(m, (n) => new Tally(n)));
  const merge = (tallies: readonly Tally[]): AreaWait => {
    const t = new Tally('area');
    for (const x of tallies) t.merge(x);
    const s = t.summary();
    return { count: s.count, mean: s.mean, p95: s.p95, max: s.max };
  };
  const byType = (pick: (m: SamplingSiteModel, t: (typeof PERSON_TYPES)[number]) => Tally) => {
    const out: Record<string, AreaWait> = {};
    for (const t of PERSON_TYPES) out[t] = merge(models.map((m) => pick(m, t)));
    out.all = merge(models.flatMap((m) => PERSON_TYPES.map((t) => pick(m, t))));
    return out;
  };
  const waits = Object.fromEntries(
    STAGES.map((stage) => [stage, byType((m, t) => m.waits[stage][t])]),
  ) as HedongResult['waits'];
  const timeInPoint = byType((m, t) => m.sojourn[t]);

  const roles: Record<
    string,
    { people: number; utilisation: number | null; peakQueue: number; meanQueue: number | null }
  > = {};
  for (const role of HEDONG_ROLES) {
    let people = 0;
    let busy = 0;
    let positions = 0;
    let peak = 0;
    let queueSum = 0;
    let queueN = 0;
    sites.forEach((r, k) => {
      people += staff[k]![role];
      const rr = r.roles.find((x) => x.role === role);
      if (!rr || rr.positions === 0) return;
      // The monitors average over the whole run (to the lab's last result); rescale to the point's
      // working time, from the opening to its last swab.
      if (rr.utilisation !== null && r.lastSwab !== null && r.lastSwab > 0) {
        busy += rr.utilisation * rr.positions * end;
        positions += rr.positions * r.lastSwab;
      }
      peak = Math.max(peak, rr.queueMax);
      if (rr.queueMean !== null && r.lastSwab !== null && r.lastSwab > 0) {
        queueSum += (rr.queueMean * end) / r.lastSwab;
        queueN++;
      }
    });
    if (h.suit.rotate && role === 'swabbers')
      people += staff.reduce((a, s) => a + Math.ceil(s.swabbers * h.suit.reserves), 0);
    roles[role] = {
      people,
      utilisation: positions > 0 ? busy / positions : null,
      peakQueue: peak,
      meanQueue: queueN > 0 ? queueSum / queueN : null,
    };
  }

  const bins = new Map<number, { arrived: number; tested: number }>();
  for (const r of sites)
    for (const row of r.series) {
      const b = bins.get(row.start) ?? { arrived: 0, tested: 0 };
      b.arrived += row.arrived;
      b.tested += row.tested;
      bins.set(row.start, b);
    }
  let cumArrived = 0;
  let cumulative = 0;
  const series = [...bins.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([start, b]) => {
      cumArrived += b.arrived;
      cumulative += b.tested;
      return { start, arrived: b.arrived, tested: b.tested, cumulative, inPoints: cumArrived - cumulative };
    });

  let finish: number | null = null;
  let staffHours = 0;
  const acc = { population: 0, notArrived: 0, queued: 0, inService: 0, tested: 0 };
  sites.forEach((r, k) => {
    if (r.lastSwab !== null && (finish === null || r.lastSwab > finish)) finish = r.lastSwab;
    const s = staff[k]!;
    const people =
      s.marshals +
      s.clerks +
      s.assistedClerks +
      s.swabbers +
      (h.suit.rotate ? Math.ceil(s.swabbers * h.suit.reserves) : 0);
    staffHours += (people * Math.max(0, r.lastSwab ?? 0)) / 3600;
    const a = r.accounting;
    acc.population += a.population;
    acc.notArrived += a.notArrived;
    acc.queued += STAGES.reduce((x, st) => x + a.queued[st], 0);
    acc.inService += STAGES.reduce((x, st) => x + a.inService[st], 0);
    acc.tested += a.tested;
  });
  const notTested = sites.reduce((a, r) => a + (r.notTestedAtDeadline ?? 0), 0);
  const population = sites.reduce((a, r) => a + r.population, 0);
  const labResults = lab.results();
  return {
    residents: h.population,
    population,
    points: h.points,
    opensAt: 0,
    tested: acc.tested,
    testedAtDeadline: population - notTested,
    notTestedAtDeadline: notTested,
    deadline: sites[0]?.deadline ?? 0,
    finish,
    waits,
    timeInPoint,
    roles,
    staffHours,
    series,
    queues,
    tubes: {
      sealed: sites.reduce((a, r) => a + r.tubes.sealed, 0),
      delivered: sites.reduce((a, r) => a + r.tubes.delivered, 0),
    },
    lab: { resulted: labResults.resulted, lastResult: labResults.lastResult },
    perPoint: sites.map((r) => ({
      population: r.population,
      tested: r.tested,
      lastSwab: r.lastSwab,
      registrationP95: r.waits.registration.all.p95,
      timeInPointP95: Object.fromEntries(PERSON_TYPES.map((t) => [t, r.timeInSite[t].p95])),
    })),
    accounting: acc,
  };
}
