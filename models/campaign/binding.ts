/**
 * Which constraint bound a testing area, hour by hour: **capacity** (people queue and the staff are
 * busy: more staff at that stage would test more people that hour) or **demand** (staff wait for
 * people: the count is set by how people are called and come, and more staff would not help), or
 * **idle** (nobody came and nobody was in a point).
 *
 * The rule, stated so that it can be tested ({@link BINDING_RULE}): a role is **saturated** at a
 * point in a 5-minute sample when at least as many people wait for it there as it has people on duty
 * there, and at least one (a person added there would have found work at once, and would still have
 * a queue behind). A role **binds** in an hour when it is saturated in at least half of its
 * point-samples of the hour. The hour is capacity-bound when some role binds (the binding role is the
 * one saturated most often), idle when nobody arrived in the hour and no sample saw anyone in a
 * point, and demand-bound otherwise. Judging point by point keeps apart an area where every point
 * queues from one where some points have finished and others still queue: the share says how much.
 * Utilisation (Σ busy ÷ Σ on duty) and the mean queue are reported beside it.
 *
 * @module
 */
import { Epoch, type ScenarioFigure } from '../../src/index.js';
import type { CampaignPlan, CampaignResult } from './run.js';

/**
 * The thresholds of the rule.
 *
 * @example
 * ```ts
 * BINDING_RULE.utilisation; // 0.85
 * ```
 */
export const BINDING_RULE = {
  /** A role is saturated at a point when at least this many people wait per person on duty there (and ≥ 1). */
  queuePerServer: 1,
  /** A role binds when saturated in at least this share of its point-samples of the hour. */
  share: 0.5,
  /** Width of the periods, seconds. */
  period: 3600,
  /** The rule in words, carried into results. */
  text: 'capacity when, in at least half of the 5-minute samples of the hour at its points, some role had at least as many people waiting as on duty (and at least one); idle when nobody arrived and nobody was in a point; demand otherwise',
} as const;

/**
 * One 5-minute sample of an area: per role the people busy, on duty and waiting, over all points,
 * the points where the role was saturated and the points that have the role; and the people in the
 * points.
 *
 * @example
 * ```ts
 * const s: BindingSample = { time: 0, inPoints: 12,
 *   roles: { swabbers: { busy: 2, onDuty: 2, waiting: 10, saturated: 1, points: 1 } } };
 * ```
 */
export interface BindingSample {
  /** Seconds after the epoch. */
  readonly time: number;
  /** People in the points (queuing or in service). */
  readonly inPoints: number;
  /** Per role. */
  readonly roles: Readonly<
    Record<
      string,
      {
        readonly busy: number;
        readonly onDuty: number;
        readonly waiting: number;
        readonly saturated: number;
        readonly points: number;
      }
    >
  >;
}

/**
 * Whether a role is saturated at one point: at least as many waiting as on duty, and at least one.
 *
 * @example
 * ```ts
 * saturated(4, 4); // true
 * saturated(3, 4); // false
 * ```
 */
export function saturated(waiting: number, onDuty: number): boolean {
  return waiting >= Math.max(1, BINDING_RULE.queuePerServer * onDuty);
}

/**
 * One hour of an area: the state, the binding role (null unless capacity-bound), and per role the
 * share of point-samples saturated, the utilisation, mean waiting and mean on duty.
 *
 * @example
 * ```ts
 * const h: BindingHour = { start: 0, state: 'capacity', role: 'clerks', arrived: 900,
 *   roles: { clerks: { saturated: 1, utilisation: 0.99, waiting: 400, onDuty: 4 } } };
 * ```
 */
export interface BindingHour {
  /** Start of the hour, seconds after the epoch. */
  readonly start: number;
  /** What bound: capacity, demand, or idle. */
  readonly state: 'capacity' | 'demand' | 'idle';
  /** The binding role (capacity hours), else null. */
  readonly role: string | null;
  /** People who arrived in the hour. */
  readonly arrived: number;
  /**
   * Per role over all points: share of point-samples saturated, utilisation (null when nobody was on
   * duty), mean people waiting, mean people on duty.
   */
  readonly roles: Readonly<
    Record<
      string,
      {
        readonly saturated: number;
        readonly utilisation: number | null;
        readonly waiting: number;
        readonly onDuty: number;
      }
    >
  >;
}

/**
 * An area's binding constraint over its hours, with the rule and the count of hours of each state.
 *
 * @example
 * ```ts
 * r.testing.hedong.binding.hours[0].state; // 'capacity'
 * ```
 */
export interface BindingResult {
  /** The rule, in words. */
  readonly rule: string;
  /** Hour by hour from the opening. */
  readonly hours: readonly BindingHour[];
  /** Hours capacity-bound. */
  readonly capacityHours: number;
  /** Hours demand-bound. */
  readonly demandHours: number;
}

/**
 * Apply the rule: the hours from `open` (one per `BINDING_RULE.period`) that hold a sample or an
 * arrival, each with its state.
 *
 * @param samples - the area's samples, in time order.
 * @param arrivals - arrival times (any order) or per-hour arrival counts keyed by hour index.
 * @example
 * ```ts
 * bindingHours(0, samples, [0, 10, 20]).hours[0]!.state;
 * ```
 */
export function bindingHours(
  open: number,
  samples: readonly BindingSample[],
  arrivals: ArrayLike<number>,
): BindingResult {
  const P = BINDING_RULE.period;
  const byHour = new Map<number, BindingSample[]>();
  const arrived = new Map<number, number>();
  for (const s of samples) {
    const h = Math.floor((s.time - open) / P);
    if (h < 0) continue;
    const list = byHour.get(h) ?? [];
    list.push(s);
    byHour.set(h, list);
  }
  for (let i = 0; i < arrivals.length; i++) {
    const h = Math.max(0, Math.floor((arrivals[i]! - open) / P));
    arrived.set(h, (arrived.get(h) ?? 0) + 1);
  }
  const last = Math.max(-1, ...byHour.keys(), ...arrived.keys());
  const hours: BindingHour[] = [];
  for (let h = 0; h <= last; h++) {
    const list = byHour.get(h) ?? [];
    const came = arrived.get(h) ?? 0;
    const roles: Record<
      string,
      { saturated: number; utilisation: number | null; waiting: number; onDuty: number }
    > = {};
    let role: string | null = null;
    let worst = -1;
    const names = new Set(list.flatMap((s) => Object.keys(s.roles)));
    for (const r of names) {
      let busy = 0;
      let duty = 0;
      let waiting = 0;
      let sat = 0;
      let pts = 0;
      for (const s of list) {
        const x = s.roles[r];
        if (!x) continue;
        busy += x.busy;
        duty += x.onDuty;
        waiting += x.waiting;
        sat += x.saturated;
        pts += x.points;
      }
      const n = list.length;
      const share = pts > 0 ? sat / pts : 0;
      roles[r] = {
        saturated: share,
        utilisation: duty > 0 ? busy / duty : null,
        waiting: waiting / n,
        onDuty: duty / n,
      };
      if (share >= BINDING_RULE.share && share > worst) {
        worst = share;
        role = r;
      }
    }
    const anyone = list.some((s) => s.inPoints > 0);
    const state = role !== null ? 'capacity' : came === 0 && !anyone ? 'idle' : 'demand';
    hours.push({ start: open + h * P, state, role, arrived: came, roles });
  }
  return {
    rule: BINDING_RULE.text,
    hours,
    capacityHours: hours.filter((h) => h.state === 'capacity').length,
    demandHours: hours.filter((h) => h.state === 'demand').length,
  };
}

/**
 * One metric per testing area and hour from its opening to its deadline: 1 when the hour was
 * capacity-bound, 0 when it was not (demand-bound, idle, or after the area finished) — so the
 * scenario table's mean is the share of replications in which capacity bound that hour, and two
 * runs always compare (no missing values).
 *
 * @example
 * ```ts
 * bindingMetrics(plan)[0]!.id; // 'binding.hedong.h1'
 * ```
 */
export function bindingMetrics(plan: CampaignPlan): ScenarioFigure<CampaignResult>[] {
  const epoch = new Epoch(plan.epoch);
  const out: ScenarioFigure<CampaignResult>[] = [];
  for (const [name, area] of Object.entries(plan.testing)) {
    const hours = Math.max(1, Math.ceil((area.deadline - area.open) / BINDING_RULE.period));
    for (let h = 0; h < hours; h++) {
      const start = area.open + h * BINDING_RULE.period;
      const end = start + BINDING_RULE.period;
      out.push({
        id: `binding.${name}.h${h + 1}`,
        label: `${name} ${epoch.toClock(start)}–${epoch.toClock(end)}: capacity-bound (1) or not (0)`,
        unit: 'fraction',
        value: (r) => (r.testing[name]?.binding.hours[h]?.state === 'capacity' ? 1 : 0),
      });
    }
  }
  return out;
}
