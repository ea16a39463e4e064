/**
 * The least registration clerks and swabbers per point that finish Hedong in six hours with 95 %
 * confidence, under four ways of running the evening (as it was, QR pre-registration, the replay's
 * village time slots, slots closing an hour before the deadline), and the hour-by-hour bottleneck of
 * the replayed evening. Built on the replay's parameters
 * (`scenarios/qingxu/params.ts`) so both agree; the population is set to the 119,246 people the
 * staffing question names (participation 1).
 *
 * Staff are searched per point (the replay splits totals evenly over Hedong's points), so a plan of
 * `k` clerks means `k × points` clerks in the area. The starting estimates are throughput bounds:
 * the stage's mean work per person times the people of a point over the six hours.
 *
 * @module
 */

import {
  bottlenecksByHour,
  type HourBottleneck,
  type LeastStaffRolesResult,
  leastStaffRoles,
  ParameterError,
} from '../../src/index.js';
import { type HedongParams, hedongParameters, runHedong } from '../qingxu/index.js';

/** People the staffing question names. */
export const HEDONG_PEOPLE = 119_246;
/** Six hours, seconds. */
export const SIX_HOURS = 6 * 3600;

/**
 * A way of running the evening, as overrides of the replay's Hedong parameters.
 *
 * @example
 * ```ts
 * const v: StaffingVariant = STAFFING_VARIANTS[1]; // QR pre-registration
 * ```
 */
export interface StaffingVariant {
  readonly id: string;
  readonly label: string;
  readonly apply: (h: HedongParams) => HedongParams;
}

/**
 * The variants: as it was; QR pre-registration (80 % scan a code, assisted share unchanged);
 * village time slots as the replay defines them (the last slot ends at the deadline, so nobody
 * arriving in its last minutes can be swabbed by then: infeasible at any staffing); and the same
 * slots closed an hour before the deadline, the design a planner would test.
 *
 * @example
 * ```ts
 * STAFFING_VARIANTS.map((v) => v.id); // ['as-it-was', 'qr', 'slots', 'slots-early']
 * ```
 */
export const STAFFING_VARIANTS: readonly StaffingVariant[] = [
  { id: 'as-it-was', label: 'as it was', apply: (h) => h },
  {
    id: 'qr',
    label: 'QR pre-registration (80 % scan)',
    apply: (h) => ({ ...h, mix: { ...h.mix, qr: 0.8, id: 1 - 0.8 - h.mix.assisted } }),
  },
  {
    id: 'slots',
    // The replay's four slots run to 01:00, the deadline itself, so the last slot's people cannot
    // all be swabbed by then: the search is expected to report this variant as infeasible.
    label: "village time slots (the replay's four, the last ending at the deadline)",
    apply: (h) => ({ ...h, arrivals: { ...h.arrivals, pattern: 'slots' } }),
  },
  {
    id: 'slots-early',
    // What a planner would test instead: the same four equal slots, closed an hour before the
    // deadline (19:00–00:00, 75 min each) so the last slot's queue has an hour to clear. The hour is
    // a planning margin, not a sourced figure; the search then sizes the staff to honour it.
    label: 'village time slots, four 75-min slots closing 1 h before the deadline (19:00–00:00)',
    apply: (h) => ({
      ...h,
      arrivals: {
        ...h.arrivals,
        pattern: 'slots',
        slots: [
          { start: '19:00', end: '20:15', share: 0.25 },
          { start: '20:15', end: '21:30', share: 0.25 },
          { start: '21:30', end: '22:45', share: 0.25 },
          { start: '22:45', end: '00:00', share: 0.25 },
        ],
      },
    }),
  },
];

/**
 * Options of {@link planHedongStaffing}.
 *
 * @example
 * ```ts
 * const o: StaffingPlanOptions = { seed: 1, variants: ['qr'], maxReplications: 80 };
 * ```
 */
export interface StaffingPlanOptions {
  readonly seed: number;
  /** Variant ids to plan (default all). */
  readonly variants?: readonly string[];
  readonly target?: number;
  readonly batch?: number;
  readonly maxReplications?: number;
  /** Scale the area down (points and people) for quick checks; 1 = Hedong. */
  readonly scale?: number;
  /** Per-point bounds searched for each role. */
  readonly bounds?: {
    readonly clerks: readonly [number, number];
    readonly swabbers: readonly [number, number];
  };
}

/**
 * One variant's plan.
 *
 * @example
 * ```ts
 * const p: VariantPlan = planHedongStaffing({ seed: 1 }).plans[0];
 * ```
 */
export interface VariantPlan {
  readonly id: string;
  readonly label: string;
  readonly points: number;
  readonly people: number;
  /** Throughput-bound starting estimates per point. */
  readonly estimate: { readonly clerks: number; readonly swabbers: number };
  readonly result: LeastStaffRolesResult;
  /** Area totals of the plan (per point × points), or null when infeasible. */
  readonly totals: { readonly clerks: number; readonly swabbers: number } | null;
}

/**
 * Plans of every variant and the replayed evening's hourly bottleneck.
 *
 * @example
 * ```ts
 * const r: StaffingPlanResult = planHedongStaffing({ seed: 1 });
 * ```
 */
export interface StaffingPlanResult {
  readonly target: number;
  readonly deadline: number;
  readonly plans: readonly VariantPlan[];
  readonly bottlenecks: readonly HourBottleneck[];
  readonly simulations: number;
}

function mean(d: unknown): number {
  // Durations in the replay's parameters are seconds or uniform/lognormal specs with a mean.
  if (typeof d === 'number') return d;
  if (typeof d === 'string') return Number.parseFloat(d);
  const o = d as Record<string, unknown>;
  if (o.dist === 'uniform') return (mean(o.min) + mean(o.max)) / 2;
  if (o.mean !== undefined) return mean(o.mean);
  throw new Error(`no mean for ${JSON.stringify(d)}`);
}

/**
 * Base Hedong parameters for the staffing question, optionally scaled down.
 *
 * @param scale - share of points and people kept, in (0, 1]
 * @throws ParameterError when scale is outside (0, 1]
 *
 * @example
 * ```ts
 * staffingBase(1).population; // 119246
 * ```
 */
export function staffingBase(scale = 1): HedongParams {
  if (!(typeof scale === 'number' && scale > 0 && scale <= 1))
    throw new ParameterError('scale', 'a number in (0, 1]', scale);
  const h = hedongParameters();
  const points = Math.max(1, Math.round(h.points * scale));
  const share = points / h.points;
  const staff = Object.fromEntries(
    Object.entries(h.staff).map(([k, v]) => [k, Math.round(v * share)]),
  ) as unknown as HedongParams['staff'];
  return { ...h, points, staff, population: Math.round(HEDONG_PEOPLE * share), participation: 1 };
}

/**
 * Plan each variant and find the replayed evening's bottleneck by the hour.
 *
 * @param options - seed, variants, target, sequential-rule settings, scale and bounds
 *
 * @example
 * ```ts
 * const r = planHedongStaffing({ seed: 1, variants: ['as-it-was'] });
 * r.plans[0]?.totals; // { clerks: …, swabbers: … }
 * ```
 */
export function planHedongStaffing(options: StaffingPlanOptions): StaffingPlanResult {
  const target = options.target ?? 0.95;
  const base = staffingBase(options.scale ?? 1);
  const bounds = options.bounds ?? { clerks: [1, 12], swabbers: [1, 12] };
  const chosen = STAFFING_VARIANTS.filter((v) => !options.variants || options.variants.includes(v.id));
  const plans: VariantPlan[] = [];
  let simulations = 0;
  for (const v of chosen) {
    const h = v.apply(base);
    const perPoint = h.population / h.points;
    const reg =
      h.mix.qr * mean(h.registration.qr) +
      h.mix.id * mean(h.registration.id) +
      h.mix.assisted * mean(h.registration.assisted);
    const swab = mean(h.swabTime) + mean(h.tubeChange) / h.pool;
    const estimate = {
      clerks: Math.ceil((perPoint * reg) / SIX_HOURS),
      swabbers: Math.ceil((perPoint * swab) / SIX_HOURS),
    };
    const clamp = (x: number, b: readonly [number, number]): number => Math.min(b[1], Math.max(b[0], x));
    const result = leastStaffRoles({
      roles: [
        {
          role: 'clerks',
          min: bounds.clerks[0],
          max: bounds.clerks[1],
          start: clamp(estimate.clerks, bounds.clerks),
        },
        {
          role: 'swabbers',
          min: bounds.swabbers[0],
          max: bounds.swabbers[1],
          start: clamp(estimate.swabbers, bounds.swabbers),
        },
      ],
      trial: (plan, seed) => {
        const r = runHedong(
          {
            ...h,
            staff: {
              ...h.staff,
              clerks: (plan.clerks ?? 0) * h.points,
              swabbers: (plan.swabbers ?? 0) * h.points,
            },
          },
          { seed, monitors: false },
        );
        return r.tested === r.population && r.finish !== null && r.finish <= SIX_HOURS;
      },
      target,
      seed: options.seed,
      ...(options.batch !== undefined && { batch: options.batch }),
      ...(options.maxReplications !== undefined && { maxReplications: options.maxReplications }),
    });
    simulations += result.simulations;
    plans.push({
      id: v.id,
      label: v.label,
      points: h.points,
      people: h.population,
      estimate,
      result,
      totals: result.plan
        ? { clerks: (result.plan.clerks ?? 0) * h.points, swabbers: (result.plan.swabbers ?? 0) * h.points }
        : null,
    });
  }
  // The replayed evening (replay staffing) with queue samples, one replication.
  const replay = runHedong(base, { seed: options.seed });
  simulations += 1;
  const bottlenecks = bottlenecksByHour(
    replay.queues.map((q) => ({
      time: q.time,
      queues: { check: q.check, registration: q.registration, swab: q.swab },
    })),
  );
  return { target, deadline: SIX_HOURS, plans, bottlenecks, simulations };
}
