/**
 * Mustering volunteers (F10): N people called at once, each arriving after a random delay, then
 * travelling to the village they are sent to. The questions: when have k of N arrived, and when does
 * each village have its whole team?
 *
 * The {@link Muster} runs inside a simulation, so other models can wait on {@link Muster.arrived}
 * (`k` people mustered) or {@link Muster.villageReady}; {@link runMuster} runs it alone and reports.
 * People are sent to villages in order of arrival, round robin, so each village's team fills evenly.
 *
 * @module
 */
import {
  type Distribution,
  type RunIdentity,
  type SimEvent,
  Simulation,
  SimulationError,
  validate,
} from '../../src/index.js';
import type { DurationSpec } from '../durations.js';
import type { ParameterSource } from '../provenance.js';
import { givenPaths, type ParameterUse, provenanceOf } from '../provenance.js';
import { clockTime, count, notBeforeNow, parseParams, perEpoch, strictObject, varying } from '../values.js';

/**
 * Inputs of the muster.
 *
 * @example
 * ```ts
 * const p: MusterParams = { people: 113, delay: { dist: 'uniform', min: 0, max: '1 h' }, villages: 10 };
 * ```
 */
export interface MusterParams {
  /** The call: a clock time (`"15:30"`, needs an epoch) or simulated seconds. */
  readonly call?: string | number;
  /** People called (integer ≥ 1). */
  readonly people?: number;
  /** Delay from the call to arrival at the muster point. */
  readonly delay?: DurationSpec;
  /** Villages the people are sent to (integer ≥ 1, ≤ people). */
  readonly villages?: number;
  /** Travel from the muster point to a village. */
  readonly travel?: DurationSpec;
}

/**
 * Resolved muster parameters, in seconds.
 *
 * @example
 * ```ts
 * const r: ResolvedMuster = resolveMuster(sim, { people: 20, villages: 2 });
 * ```
 */
export interface ResolvedMuster {
  /** Time of the call, simulated seconds. */
  readonly call: number;
  /** People called. */
  readonly people: number;
  /** Delay from the call to arrival at the muster point, seconds. */
  readonly delay: Distribution;
  /** Villages the people are sent to, round robin in order of arrival. */
  readonly villages: number;
  /** Travel from the muster point to a village, seconds. */
  readonly travel: Distribution;
}

/**
 * The defaults, with where each comes from.
 *
 * @example
 * ```ts
 * MUSTER_SOURCES.find((s) => s.path === 'people')!.sources; // ['F10']
 * ```
 */
export const MUSTER_SOURCES: readonly ParameterSource[] = [
  { path: 'call', value: '15:30', basis: 'sourced', sources: ['F10'], note: 'the call goes out at 15:30' },
  {
    path: 'people',
    value: 113,
    basis: 'sourced',
    sources: ['F10'],
    note: '113 party members from 7 county units',
  },
  {
    path: 'villages',
    value: 10,
    basis: 'sourced',
    sources: ['F10'],
    note: '10 villages of Wangda township (≈11 people each, cal §2)',
  },
  {
    path: 'delay',
    value: { dist: 'triangular', min: '5 min', mode: '20 min', max: '45 min' },
    basis: 'assumed',
    sources: ['F10'],
    note: 'shape assumed; bounded so that muster plus travel fits F10\'s "within 1 hour"',
  },
  {
    path: 'travel',
    value: { dist: 'uniform', min: '5 min', max: '15 min' },
    basis: 'assumed',
    sources: [],
    note: 'county town to Wangda villages by car',
  },
];

/** The schema of a muster's parameters for a simulation's epoch (it places the call). */
const musterSchema = perEpoch((epoch) =>
  strictObject({
    call: clockTime(epoch).prefault('15:30'),
    people: count(1, 1_000_000).default(113),
    villages: count(1, 1_000_000).default(10),
    delay: varying.prefault({ dist: 'triangular', min: '5 min', mode: '20 min', max: '45 min' }),
    travel: varying.prefault({ dist: 'uniform', min: '5 min', max: '15 min' }),
  }).transform((p, ctx): ResolvedMuster => {
    if (p.villages > p.people)
      ctx.addIssue({
        code: 'custom',
        path: ['villages'],
        message: `an integer in [1, ${p.people}] (at most people)`,
      });
    return p;
  }),
);

/**
 * Validate and resolve muster parameters against a simulation (for its epoch).
 *
 * @throws ParameterError (a `SpecError`) listing every bad parameter, each with its path and value.
 * @example
 * ```ts
 * resolveMuster(sim, { people: 20, villages: 2 }).people; // 20
 * ```
 */
export function resolveMuster(sim: Simulation, params: MusterParams = {}, path = 'muster'): ResolvedMuster {
  const r = parseParams(musterSchema(sim.epoch), params, path, 'muster');
  notBeforeNow(sim.now, r.call, `${path}.call`, params.call, 'muster');
  return r;
}

/**
 * A muster running in a simulation.
 *
 * @example
 * ```ts
 * const sim = new Simulation({ seed: 1, epoch: '2022-04-13T01:30+08:00' });
 * const m = new Muster(sim, resolveMuster(sim, {}));
 * sim.process(function* () { yield* m.arrived(100); console.log('100 mustered at', sim.clock()); }());
 * sim.run();
 * ```
 */
export class Muster {
  /** Arrival times at the muster point, sorted. */
  readonly arrivals: readonly number[];
  /** Arrival time in each village, per village (in order of arrival there). */
  readonly atVillage: readonly (readonly number[])[];
  private readonly arrivedEvents = new Map<number, SimEvent<number>>();
  private readonly villageEvents = new Map<number, SimEvent<number>>();

  constructor(
    /** The simulation the muster runs in. */
    readonly sim: Simulation,
    /** The validated parameters the muster runs with. */
    readonly params: ResolvedMuster,
  ) {
    const p = params;
    const delayRng = sim.stream('muster.delay');
    const travelRng = sim.stream('muster.travel');
    const times = Array.from({ length: p.people }, () => p.call + p.delay.sample(delayRng)).sort(
      (a, b) => a - b,
    );
    this.arrivals = times;
    const villages: number[][] = Array.from({ length: p.villages }, () => []);
    times.forEach((t, i) => {
      villages[i % p.villages]!.push(t + p.travel.sample(travelRng));
    });
    for (const v of villages) v.sort((a, b) => a - b);
    this.atVillage = villages;
  }

  /**
   * An event that succeeds (with the time) when `k` people have mustered.
   *
   * @example
   * ```ts
   * yield* muster.arrived(57);
   * ```
   */
  arrived(k: number): SimEvent<number> {
    if (!(Number.isInteger(k) && k >= 1 && k <= this.params.people))
      throw new SimulationError(`arrived(k): expected an integer in [1, ${this.params.people}], got ${k}`, {
        time: this.sim.now,
      });
    return this.at(this.arrivedEvents, k, this.arrivals[k - 1]!);
  }

  /**
   * An event that succeeds (with the time) when village `v` (0-based) has its whole team.
   *
   * @example
   * ```ts
   * yield* muster.villageReady(3);
   * ```
   */
  villageReady(v: number): SimEvent<number> {
    if (!(Number.isInteger(v) && v >= 0 && v < this.params.villages))
      throw new SimulationError(
        `villageReady(v): expected an integer in [0, ${this.params.villages - 1}], got ${v}`,
        { time: this.sim.now },
      );
    const team = this.atVillage[v]!;
    return this.at(this.villageEvents, v, team[team.length - 1]!);
  }

  /**
   * Time k people had mustered.
   *
   * @example
   * ```ts
   * muster.timeOf(113); // the last arrival
   * ```
   */
  timeOf(k: number): number {
    const t = this.arrivals[k - 1];
    if (t === undefined)
      throw new SimulationError(`timeOf(k): expected an integer in [1, ${this.params.people}], got ${k}`, {
        time: this.sim.now,
      });
    return t;
  }

  private at(cache: Map<number, SimEvent<number>>, key: number, time: number): SimEvent<number> {
    let ev = cache.get(key);
    if (ev === undefined) {
      const e = this.sim.event<number>();
      // Scheduled at the absolute time (not now + difference, which can be off by rounding).
      if (time <= this.sim.now) e.succeed(time);
      else this.sim.at(time, () => e.succeed(time));
      ev = e;
      cache.set(key, ev);
    }
    return ev;
  }
}

/**
 * Result of {@link runMuster}: plain JSON.
 *
 * @example
 * ```ts
 * const r = runMuster({}, { seed: 1 });
 * r.minutesTo.all; r.withinOneHour; r.villagesReady;
 * ```
 */
export interface MusterResult extends RunIdentity {
  /** Time of the call, simulated seconds. */
  readonly call: number;
  /** People called. */
  readonly people: number;
  /** Minutes after the call until k mustered, for k = 50 %, 90 % and all of N. */
  readonly minutesTo: { readonly half: number; readonly ninetyPercent: number; readonly all: number };
  /** People in their village within 1 h of the call (F10's figure). */
  readonly withinOneHour: number;
  /** Minutes after the call until each village had its whole team. */
  readonly villagesReady: readonly number[];
  /** Minutes after the call until every village had its whole team. */
  readonly allVillagesReady: number;
  /** Arrival times at the muster point, minutes after the call. */
  readonly arrivals: readonly number[];
  /** Each parameter used, its value and whether it was given or a default (with its source). */
  readonly provenance: readonly ParameterUse[];
}

/**
 * Run a muster alone and report.
 *
 * @throws ParameterError naming the path and value of a bad parameter.
 * @example
 * ```ts
 * runMuster({ people: 113 }, { seed: 3 }).minutesTo.ninetyPercent;
 * ```
 */
export function runMuster(
  params: MusterParams = {},
  options: { seed?: number; epoch?: string } = {},
): MusterResult {
  validate.knownKeys(options, 'options', ['seed', 'epoch']);
  const sim = new Simulation({
    epoch: options.epoch ?? '2022-04-13T01:30+08:00',
    scenario: 'muster',
    ...(options.seed !== undefined && { seed: options.seed }),
  });
  const p = resolveMuster(sim, params);
  const m = new Muster(sim, p);
  const min = (t: number) => (t - p.call) / 60;
  const villages = m.atVillage.map((v) => min(v[v.length - 1]!));
  return {
    ...sim.identity(),
    call: p.call,
    people: p.people,
    minutesTo: {
      half: min(m.timeOf(Math.ceil(p.people / 2))),
      ninetyPercent: min(m.timeOf(Math.ceil(0.9 * p.people))),
      all: min(m.timeOf(p.people)),
    },
    withinOneHour: m.atVillage.reduce((s, v) => s + v.filter((t) => t - p.call <= 3600).length, 0),
    villagesReady: villages,
    allVillagesReady: Math.max(...villages),
    arrivals: m.arrivals.map(min),
    provenance: provenanceOf(MUSTER_SOURCES, givenPaths(params)),
  };
}
