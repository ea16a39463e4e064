/**
 * Demand: how the people of a testing area are called and come. A call goes out in waves (by
 * village, building or work unit, each at its own time and with its own turnout); each person who
 * comes arrives after a notice-to-arrival delay; a share of them come late (an extra delay); a
 * mop-up call later reaches a share of the absentees; an open site also draws walk-ups nobody
 * called; and people who cannot come are swabbed at home by visiting teams.
 *
 * Everyone called is accounted for, exactly once: arrived on time, late, mopped up, home-sampled or
 * absent ({@link DemandDraw.counts}). Each point draws its people from its own stream, so changing
 * one point never changes another's arrivals; the home teams draw from the area's `home` stream.
 *
 * @module
 */
import { type Distribution, exponential, type Rng } from '../../src/index.js';
import { splitProportional } from '../area-testing.js';

/**
 * One wave of the call: a group (village, building, unit) called at `at`, with its share of the
 * residents who are called to a point and the share of them who come.
 *
 * @example
 * ```ts
 * const w: CallingWave = { name: 'east', at: 0, share: 0.5, turnout: 0.9 };
 * ```
 */
export interface CallingWave {
  /** The group's name (for tables). */
  readonly name: string;
  /** When the group is called, seconds after the epoch. */
  readonly at: number;
  /** Its share of the residents called to a point (the waves' shares sum to 1). */
  readonly share: number;
  /** Share of the group who come. */
  readonly turnout: number;
}

/**
 * The calling model of an area, resolved (seconds, distributions).
 *
 * @example
 * ```ts
 * const d: DemandPlan = { kind: 'waves', waves: [{ name: 'all', at: 0, share: 1, turnout: 0.9 }],
 *   delay: constant({ value: 600 }), late: null, mopUp: null, walkUp: null, home: null };
 * ```
 */
export interface DemandPlan {
  /** The kind of calling. */
  readonly kind: 'waves';
  /** The waves, in any order. */
  readonly waves: readonly CallingWave[];
  /** From a person's call to their arrival at the point. */
  readonly delay: Distribution;
  /** Of those who come, a share arrives late, after `delay` more; null for none. */
  readonly late: { readonly share: number; readonly delay: Distribution } | null;
  /** A second call at `at` brings a share of the absentees, after `delay`; null for none. */
  readonly mopUp: { readonly at: number; readonly share: number; readonly delay: Distribution } | null;
  /** People nobody called who walk up to the open points (Poisson, whole area); null for none. */
  readonly walkUp: { readonly rate: number; readonly from: number; readonly until: number } | null;
  /** Residents who cannot come, swabbed at home by `teams` from `from`, one `visit` each; null for none. */
  readonly home: {
    readonly share: number;
    readonly teams: number;
    readonly from: number;
    readonly visit: Distribution;
  } | null;
}

/**
 * Who was called and how they came, counted per person.
 *
 * @example
 * ```ts
 * const c: DemandCounts = { called: 10, onTime: 6, late: 1, moppedUp: 1, absent: 1, home: 1, walkUp: 0 };
 * ```
 */
export interface DemandCounts {
  /** Residents called (every resident of the area: to a point or for a home visit). */
  readonly called: number;
  /** Came after the notice-to-arrival delay. */
  readonly onTime: number;
  /** Came late. */
  readonly late: number;
  /** Came after the mop-up call. */
  readonly moppedUp: number;
  /** Never came. */
  readonly absent: number;
  /** Left to the home teams. */
  readonly home: number;
  /** Walk-ups (not among the called). */
  readonly walkUp: number;
}

/**
 * One point's draw: arrival times (ascending) and the counts.
 *
 * @example
 * ```ts
 * const d = drawPointDemand(plan, 1000, 50, 1, rng);
 * d.times.length === d.counts.onTime + d.counts.late + d.counts.moppedUp + d.counts.walkUp; // true
 * ```
 */
export interface DemandDraw {
  /** Arrival times at the point, ascending, seconds after the epoch. */
  readonly times: Float64Array;
  /** The counts (home is 0 here: home visits are drawn for the area). */
  readonly counts: DemandCounts;
}

/**
 * Residents of the area left to the home teams, and those called to the points.
 *
 * @example
 * ```ts
 * splitHome(plan, 1000); // { home: 20, toPoints: 980 } with home.share 2 %
 * ```
 */
export function splitHome(plan: DemandPlan, residents: number): { home: number; toPoints: number } {
  const home = plan.home ? Math.round(residents * plan.home.share) : 0;
  return { home, toPoints: residents - home };
}

/**
 * Draw one point's people: its `residents` (called to this point) split over the waves by share
 * (largest remainders), each person coming with the wave's turnout, late with the late share, and
 * an absentee coming after the mop-up with the mop-up share; walk-ups at `walkUpRate` per second
 * (this point's part of the area's rate).
 *
 * @example
 * ```ts
 * const d = drawPointDemand(plan, 1000, 0.01, sim.stream('area.point[0].calling'));
 * ```
 */
export function drawPointDemand(
  plan: DemandPlan,
  residents: number,
  walkUpRate: number,
  rng: Rng,
): DemandDraw {
  const byWave = splitProportional(
    residents,
    plan.waves.map((w) => w.share),
  );
  const times: number[] = [];
  let onTime = 0;
  let late = 0;
  let moppedUp = 0;
  let absent = 0;
  plan.waves.forEach((w, i) => {
    for (let n = byWave[i]!; n > 0; n--) {
      if (rng.next() < w.turnout) {
        const t = w.at + plan.delay.sample(rng);
        if (plan.late && rng.next() < plan.late.share) {
          times.push(t + plan.late.delay.sample(rng));
          late++;
        } else {
          times.push(t);
          onTime++;
        }
      } else if (plan.mopUp && rng.next() < plan.mopUp.share) {
        times.push(plan.mopUp.at + plan.mopUp.delay.sample(rng));
        moppedUp++;
      } else absent++;
    }
  });
  let walkUp = 0;
  if (plan.walkUp && walkUpRate > 0) {
    const gap = exponential({ rate: walkUpRate });
    for (let t = plan.walkUp.from + gap.sample(rng); t < plan.walkUp.until; t += gap.sample(rng)) {
      times.push(t);
      walkUp++;
    }
  }
  const sorted = Float64Array.from(times).sort();
  return {
    times: sorted,
    counts: { called: residents, onTime, late, moppedUp, absent, home: 0, walkUp },
  };
}

/**
 * The home teams' day: `people` visits shared by the teams, each team taking the next visit as soon
 * as it is free (from `from`); visit times drawn in order.
 *
 * @example
 * ```ts
 * homeVisits(plan.home!, 40, rng).last; // when the last home swab is done
 * ```
 */
export function homeVisits(
  home: NonNullable<DemandPlan['home']>,
  people: number,
  rng: Rng,
): { readonly done: Float64Array; readonly last: number | null } {
  const free = new Float64Array(home.teams).fill(home.from);
  const done = new Float64Array(people);
  for (let i = 0; i < people; i++) {
    let k = 0;
    for (let j = 1; j < free.length; j++) if (free[j]! < free[k]!) k = j;
    free[k] = free[k]! + home.visit.sample(rng);
    done[i] = free[k]!;
  }
  done.sort();
  return { done, last: people > 0 ? done[people - 1]! : null };
}
