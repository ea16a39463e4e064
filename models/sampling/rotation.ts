/**
 * Protective-suit rotation of a head-count team: the roster that staggers the reliefs.
 *
 * A work limit (`maxContinuous` T, `rest` R, `changeover` C) stops each person after T of continuous
 * work. If everyone starts at the opening, everyone reaches T together, and the stage is empty for
 * R + C (or, with reserves, all but the reserves' positions are). A real team relieves its people in
 * turn. `staggeredTeam` builds that as a roster: over the cycle P = T + R + C, position i's phase at
 * the opening is φᵢ = i·P/n, so reliefs fall every P/n and at most ⌈n·(R + C)/P⌉ positions are off
 * at once (without reserves):
 *
 * - φᵢ < T: the person works a shortened first stint of T − φᵢ (a first shift that ends then), is off
 *   for R + C, and comes back ready at the post (a second shift); from then on the work limit runs
 *   the rotation.
 * - φᵢ ≥ T: the person would be in their relief at the opening, so they start at P − φᵢ (this
 *   happens when (n − 1)·P/n ≥ T, e.g. 4 people with T = 2 h and R + C = 40 min: the fourth starts
 *   40 min after the opening).
 * - Reserves stand by from the opening; they take any vacant position (a late start's at the
 *   opening, a relieved person's with the changeover). A person coming back from the staggered
 *   first relief while every position is held stands by for the next relief.
 *
 * A person returning from the staggered first relief is ready at the post (the off time R + C
 * already includes donning); a person returning from a work-limit relief stands by after R and
 * changes over when they take up a position. The two agree whenever a position is vacant on return.
 *
 * @module
 */
import type { Roster } from '../../src/index.js';

/**
 * How a team under a work limit rotates: reliefs spread over the cycle, or everyone at once.
 *
 * @example
 * ```ts
 * const rotation: Rotation = 'staggered';
 * ```
 */
export type Rotation = 'staggered' | 'together';

/**
 * The roster of `count` positions worked by `count + reserves` people present from `open` for
 * `presence` seconds, with reliefs `staggered` over the cycle or all `together` (everyone starts at
 * the opening and the work limit alone decides). Names are `${name}-1`, `${name}-2`, ….
 *
 * @example
 * ```ts
 * // 4 swabbers, 2 h in the suit, 30 min rest, 10 min to change: a relief every 40 min.
 * const roster = staggeredTeam('swabbers', 4, 0, { maxContinuous: 7200, rest: 1800, changeover: 600 }, 0, 86400, 'staggered');
 * roster[1]?.shifts; // [{ start: 0, end: 4800 }, { start: 7200, end: 86400 }]
 * ```
 */
export function staggeredTeam(
  name: string,
  count: number,
  reserves: number,
  limit: { readonly maxContinuous: number; readonly rest: number; readonly changeover: number } | undefined,
  open: number,
  presence: number,
  rotation: Rotation,
): Roster {
  const end = open + presence;
  const whole = (k: number) => ({ name: `${name}-${k + 1}`, shifts: [{ start: open, end }] });
  const people: Roster[number][] = Array.from({ length: count + reserves }, (_, k) => whole(k));
  if (limit === undefined || rotation === 'together' || count < 2) return people;
  const { maxContinuous: T, rest: R, changeover: C } = limit;
  if (R + C <= 0) return people; // a relief costs nothing: no stage ever empties
  const P = T + R + C;
  for (let i = 1; i < count; i++) {
    const phase = (i * P) / count;
    const shifts =
      phase < T
        ? [
            { start: open, end: open + T - phase },
            { start: open + T - phase + R + C, end },
          ]
        : [{ start: open + P - phase, end }];
    people[i] = { name: people[i]!.name, shifts };
  }
  return people;
}
