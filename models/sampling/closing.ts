/**
 * When a sampling site stops: its closing time, and what the roster says about staff who will not
 * come back.
 *
 * A site may close at a fixed hour (`closing: { at: '23:00', policy }`). At that time the gate shuts:
 * people who have not yet arrived are turned away. The policy decides about the people inside:
 * - `send-home`: nobody starts a new step after closing. People waiting at any stage are sent home at
 *   once; people in the middle of a check or a registration are sent home when it ends; people being
 *   swabbed finish.
 * - `overtime`: everyone inside is served to the end by the staff on duty at closing (anyone whose
 *   shift has begun and not ended before the closing time), who stay until the site is empty. Nobody
 *   whose shift starts after closing comes.
 *
 * Without a closing time a site runs until everyone who came has been swabbed, or until no staff
 * will come back to a stage where people wait: a rostered role's last accepting time is known from
 * its roster ({@link rosterGoneAt}), so the site can tell "a gap in the roster" (wait) from "the last
 * shift is over" (the people waiting there are not served).
 *
 * @module
 */
import type { Roster } from '../../src/index.js';
import type { ResolvedStaff } from './params.js';

/** What happens to the people inside a site at its closing time. */
export const CLOSING_POLICIES = ['send-home', 'overtime'] as const;

/**
 * `send-home`: people not yet swabbed are sent home (counted as not served, by stage);
 * `overtime`: the staff on duty serve everyone inside, past the closing time.
 *
 * @example
 * ```ts
 * const p: ClosingPolicy = 'overtime';
 * ```
 */
export type ClosingPolicy = (typeof CLOSING_POLICIES)[number];

/**
 * A site's closing time as a planner writes it.
 *
 * @example
 * ```ts
 * const c: ClosingInput = { at: '23:00', policy: 'send-home' };
 * ```
 */
export interface ClosingInput {
  /** Closing time: a clock time (`"23:00"`, needs an epoch) or seconds; after the opening. */
  readonly at: number | string;
  /** What happens to the people still inside (default `send-home`). */
  readonly policy?: ClosingPolicy;
}

/**
 * A closing time after parsing.
 *
 * @example
 * ```ts
 * const c: ResolvedClosing = { at: 14400, policy: 'overtime' };
 * ```
 */
export interface ResolvedClosing {
  /** Closing time, simulated seconds. */
  readonly at: number;
  /** What happens to the people still inside. */
  readonly policy: ClosingPolicy;
}

/**
 * How long staff kept on in overtime are rostered past the closing time. The site ends the run when
 * it is empty, long before; a week is longer than any campaign (as for a head-count team's presence).
 */
export const OVERTIME_HORIZON = 7 * 86400;

/**
 * The time from which nobody on `roster` takes new work again: the latest end of a shift's accepting
 * time (its end less the handover window, as in `acceptingIntervals`). `-Infinity` for a roster
 * without shifts. Pure.
 *
 * @example
 * ```ts
 * rosterGoneAt([{ name: 'Li', shifts: [{ start: 0, end: 3600, handover: 600 }] }]); // 3000
 * ```
 */
export function rosterGoneAt(roster: Roster): number {
  let gone = Number.NEGATIVE_INFINITY;
  for (const e of roster) for (const s of e.shifts) gone = Math.max(gone, s.end - (s.handover ?? 0));
  return gone;
}

/**
 * True when a shift's person is on duty at closing time `at`: the shift has begun before it and ends
 * at it or later (a shift ending exactly at closing counts: the closing hour is the end of the day's
 * shift). Pure.
 *
 * @example
 * ```ts
 * onDutyAtClosing({ start: 0, end: 3600 }, 3600); // true
 * ```
 */
export function onDutyAtClosing(shift: Roster[number]['shifts'][number], at: number): boolean {
  return shift.start < at && at <= shift.end;
}

/**
 * The roster for the `overtime` policy: shifts on duty at closing `at` run on to at least
 * `at + OVERTIME_HORIZON` (breaks begun before closing are kept, later ones and the handover window
 * dropped: the crew stays until the site is empty); shifts starting at or after closing are dropped
 * (the site is closed); earlier shifts are unchanged. Pure.
 *
 * @example
 * ```ts
 * overtimeRoster([{ name: 'Li', shifts: [{ start: 0, end: 3600 }, { start: 7200, end: 9000 }] }], 3600);
 * // [{ name: 'Li', shifts: [{ start: 0, end: 3600 + OVERTIME_HORIZON }] }]
 * ```
 */
export function overtimeRoster(roster: Roster, at: number): Roster {
  return roster.map((e) => ({
    name: e.name,
    shifts: e.shifts.flatMap((s) => {
      if (s.start >= at) return [];
      if (!onDutyAtClosing(s, at)) return [s];
      const breaks = (s.breaks ?? []).filter((b) => b.start < at);
      return [
        {
          start: s.start,
          end: Math.max(s.end, at + OVERTIME_HORIZON),
          ...(breaks.length > 0 && { breaks }),
          ...(s.label !== undefined && { label: s.label }),
        },
      ];
    }),
  }));
}

/**
 * People of `roster` on duty at closing `at`, at most `positions` (those who stay in overtime). Pure.
 *
 * @example
 * ```ts
 * crewAtClosing([{ name: 'Li', shifts: [{ start: 0, end: 3600 }] }], 4, 3600); // 1
 * ```
 */
export function crewAtClosing(roster: Roster, positions: number, at: number): number {
  let n = 0;
  for (const e of roster) if (e.shifts.some((s) => onDutyAtClosing(s, at))) n++;
  return Math.min(n, positions);
}

/**
 * A staffed role of the site.
 *
 * @example
 * ```ts
 * const r: StaffRole = 'swabbers';
 * ```
 */
export type StaffRole = 'marshals' | 'clerks' | 'assistedClerks' | 'swabbers';

/** The site's staffed roles, in the order of the flow. */
export const STAFF_ROLES: readonly StaffRole[] = ['marshals', 'clerks', 'assistedClerks', 'swabbers'];

/**
 * Staff under the `overtime` policy, and the crew that stays per role. A named roster's people on
 * duty at closing stay ({@link overtimeRoster}); head counts and `{ count }` teams are there for the
 * whole run already, so all their positions stay. Pure.
 *
 * @example
 * ```ts
 * overtimeStaff({ marshals: { kind: 'count', count: 2 }, ... }, 7200).crew.marshals; // 2
 * ```
 */
export function overtimeStaff(
  staff: Readonly<Record<StaffRole, ResolvedStaff>>,
  at: number,
): { staff: Record<StaffRole, ResolvedStaff>; crew: Record<StaffRole, number> } {
  const out = {} as Record<StaffRole, ResolvedStaff>;
  const crew = {} as Record<StaffRole, number>;
  for (const r of STAFF_ROLES) {
    const s = staff[r];
    if (s.kind === 'count') {
      out[r] = s;
      crew[r] = s.count;
    } else if (!s.named) {
      out[r] = s;
      crew[r] = s.positions;
    } else {
      out[r] = { ...s, roster: overtimeRoster(s.roster, at) };
      crew[r] = crewAtClosing(s.roster, s.positions, at);
    }
  }
  return { staff: out, crew };
}
