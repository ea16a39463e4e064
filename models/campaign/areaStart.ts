/**
 * Starting a testing area from a state instead of from its opening: per point, the people who have
 * already left (by outcome), the people waiting now (by stage), the arrival times of the people still
 * to come, and the head counts of staff from now on. A forecast from a mid-day snapshot builds this
 * (`models/forecast`); {@link AreaRun} applies it point by point when it is given one.
 *
 * It is kept apart from the area's own arrival model on purpose: a started area takes the arrivals
 * it is given, whatever model produced them, so the area's calling model can change without this.
 *
 * @module
 */
import { type Flow, ParameterError, type Resource, type Simulation } from '../../src/index.js';

/**
 * One point's state at the start.
 *
 * @example
 * ```ts
 * const p: AreaPointStart = { left: { tested: 1200 }, waiting: { registration: 250 },
 *   arrivals: Float64Array.from([80_000, 80_020]), staff: { clerks: [{ at: 78_000, count: 3 }, { at: 79_800, count: 4 }] } };
 * ```
 */
export interface AreaPointStart {
  /** People who have already left the point, by outcome (`tested`, `reneged`…). */
  readonly left: Readonly<Record<string, number>>;
  /** People waiting now, by the stage they wait for (a top-level seize's stage of the flow). */
  readonly waiting: Readonly<Record<string, number>>;
  /** Arrival times of the people still to come: ascending, none before the start. */
  readonly arrivals: Float64Array | readonly number[];
  /**
   * Head counts of a role from given times on (ascending; the first is usually the start): the
   * point's count of that role is set to `count` at `at`. Only roles staffed by a plain head count
   * (no shifts, no work limit) can be set. Roles not named keep the plan's count.
   */
  readonly staff?: Readonly<Record<string, readonly { readonly at: number; readonly count: number }[]>>;
}

/**
 * An area's state at the start: one entry per point, in point order.
 *
 * @example
 * ```ts
 * const start: AreaStart = { points: [{ left: { tested: 1200 }, waiting: {}, arrivals: [] }] };
 * new AreaRun(sim, plan, start);
 * ```
 */
export interface AreaStart {
  /** Per point, in point order: as many as the plan has points. */
  readonly points: readonly AreaPointStart[];
}

/**
 * The people of a point in a start: those who left, those waiting, those to come.
 *
 * @example
 * ```ts
 * startPopulation({ left: { tested: 10 }, waiting: { swab: 2 }, arrivals: [5] }); // 13
 * ```
 */
export function startPopulation(p: AreaPointStart): number {
  let n = p.arrivals.length;
  for (const x of Object.values(p.left)) n += x;
  for (const x of Object.values(p.waiting)) n += x;
  return n;
}

/**
 * Apply one point's start to its flow and staff, now: settle those who left, put those waiting at
 * their stages, schedule those to come, and set the staff counts.
 *
 * @throws ParameterError naming `start.points[k]…` for an unknown outcome or stage, a count that is
 *   not a whole number, or staff for a role that is not a plain head count.
 * @example
 * ```ts
 * startPoint(sim, flow, resources, start.points[0]!, 'start.points[0]', new Set(['clerks']));
 * ```
 */
export function startPoint(
  sim: Simulation,
  flow: Flow,
  resources: Readonly<Record<string, Resource>>,
  p: AreaPointStart,
  path: string,
  headCounts: ReadonlySet<string>,
): void {
  for (const [role, changes] of Object.entries(p.staff ?? {})) {
    if (!headCounts.has(role))
      throw new ParameterError(
        `${path}.staff.${role}`,
        `a role staffed by a plain head count (${[...headCounts].join(', ') || 'none'}); rostered roles follow their roster`,
        role,
      );
    const r = resources[role]!;
    let prev = sim.now;
    changes.forEach((c, j) => {
      if (!(c.at >= prev) || !Number.isInteger(c.count) || c.count < 0)
        throw new ParameterError(
          `${path}.staff.${role}[${j}]`,
          `{ at ≥ ${prev} (ascending, not before now), count: a whole number ≥ 0 }`,
          c,
        );
      prev = c.at;
      if (c.at === sim.now) r.setCapacity(c.count);
      else sim.at(c.at, () => r.setCapacity(c.count));
    });
  }
  for (const [outcome, n] of Object.entries(p.left)) {
    try {
      flow.settle(outcome, n);
    } catch (e) {
      throw e instanceof ParameterError ? new ParameterError(`${path}.left.${outcome}`, e.expected, n) : e;
    }
  }
  const stages = flow.entryStages;
  for (const [stage, n] of Object.entries(p.waiting)) {
    if (!stages.includes(stage))
      throw new ParameterError(
        `${path}.waiting.${stage}`,
        `a stage a person can wait at (${stages.join(', ')})`,
        stage,
      );
    if (!Number.isInteger(n) || n < 0)
      throw new ParameterError(`${path}.waiting.${stage}`, 'a whole number ≥ 0', n);
    for (let k = 0; k < n; k++) flow.enterAtStage(stage);
  }
  flow.enterAt(p.arrivals);
}
