/**
 * Moves of staff during the day, in a small language a command post writes as it speaks:
 *
 * ```text
 * 20 swabbers from town to hedong at 21:40     take 20 of town's swabbers, add them to hedong's
 * 10 clerks to hedong at 22:00                 10 more clerks for hedong (from outside the spec)
 * 4 marshals from hedong at 23:00              4 of hedong's marshals stand down
 * ```
 *
 * A move takes staff of one role from one area and adds them to another's, at one time; the role
 * must be staffed by a head count in both areas (a rostered role follows its roster).
 *
 * @module
 */
import { Epoch, ParameterError } from '../../src/index.js';
import { didYouMean } from '../campaign/issues.js';
import type { CampaignPlan } from '../campaign/run.js';

/**
 * One move, resolved: `count` people of `role` leave `from` (null: from outside) and join `to`
 * (null: they stand down) at `at` (seconds after the epoch).
 *
 * @example
 * ```ts
 * const m: StaffMove = { count: 20, role: 'swabbers', from: 'town', to: 'hedong', at: 72_600, text: '20 swabbers from town to hedong at 21:40' };
 * ```
 */
export interface StaffMove {
  /** People moved. */
  readonly count: number;
  /** Their role (the same in both areas). */
  readonly role: string;
  /** The testing area they leave, or null for staff from outside. */
  readonly from: string | null;
  /** The testing area they join, or null when they stand down. */
  readonly to: string | null;
  /** When (seconds after the epoch). */
  readonly at: number;
  /** The move as written. */
  readonly text: string;
}

const GRAMMAR =
  '"<count> <role> [from <area>] [to <area>] at <clock>", e.g. "20 swabbers from town to hedong at 21:40"';
const MOVE = /^\s*(\S+)\s+(\S+)(?:\s+from\s+(\S+))?(?:\s+to\s+(\S+))?\s+at\s+(.+?)\s*$/i;

/**
 * Read one move and check it against the plan: a whole count ≥ 1, areas of the spec, a role staffed
 * by a head count in each area named, a time of the spec's day at or after `after` (the snapshot).
 *
 * @throws ParameterError naming `path` (`--move[0]`), what was expected and the text.
 * @example
 * ```ts
 * parseMove('20 swabbers from yunda to hedong at 21:40', plan, 72_000).count; // 20
 * ```
 */
export function parseMove(text: string, plan: CampaignPlan, after: number, path = 'move'): StaffMove {
  const m = MOVE.exec(text);
  if (!m) throw new ParameterError(path, `a move written as ${GRAMMAR}`, text);
  const [, n, role, from, to, clock] = m as unknown as [
    string,
    string,
    string,
    string | undefined,
    string | undefined,
    string,
  ];
  const count = Number(n);
  if (!Number.isInteger(count) || count < 1)
    throw new ParameterError(`${path}.count`, 'a whole number of people ≥ 1', n);
  if (from === undefined && to === undefined)
    throw new ParameterError(path, `a move with "from <area>", "to <area>" or both: ${GRAMMAR}`, text);
  if (from !== undefined && from === to)
    throw new ParameterError(`${path}.to`, `an area other than "from" (${from})`, to);
  const areas = Object.keys(plan.testing);
  for (const [key, area] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (area === undefined) continue;
    const a = plan.testing[area];
    if (!a) {
      const guess = didYouMean(area, areas);
      throw new ParameterError(
        `${path}.${key}`,
        `a testing area of the spec (${areas.join(', ')})${guess ? `; did you mean "${guess}"?` : ''}`,
        area,
      );
    }
    const s = a.staff[role];
    if (!s) {
      const roles = Object.keys(a.staff);
      const guess = didYouMean(role, roles);
      throw new ParameterError(
        `${path}.role`,
        `a role of ${area} (${roles.join(', ')})${guess ? `; did you mean "${guess}"?` : ''}`,
        role,
      );
    }
    if (s.shifts || s.workLimit)
      throw new ParameterError(
        `${path}.role`,
        `a role ${area} staffs by a head count (${role} follows a roster)`,
        role,
      );
  }
  let at: number;
  try {
    at = new Epoch(plan.epoch).at(clock, { path: `${path}.at`, before: 'error' });
  } catch (e) {
    if (e instanceof ParameterError) throw new ParameterError(`${path}.at`, e.expected, clock);
    throw e;
  }
  if (at < after)
    throw new ParameterError(
      `${path}.at`,
      `a time at or after the snapshot (${new Epoch(plan.epoch).toClock(after)})`,
      clock,
    );
  return { count, role, from: from ?? null, to: to ?? null, at, text: text.trim() };
}
