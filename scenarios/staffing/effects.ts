/**
 * What the replayed Hedong evening is sensitive to: what one more person in each role buys (one
 * more clerk or swabber at every point) and a tornado over the uncertain parameters, both on two
 * figures — people swabbed by the 6-h deadline and the time of the last swab — with common random
 * numbers and paired intervals. The base is the replay's staffing (4 clerks per point, 180 swab
 * tables) with the 119,246 people the staffing question names.
 *
 * Every replication is run once and its figures cached by (parameters, seed), so the two figures
 * and the per-hour effects share the same simulations; `simulations` counts distinct runs.
 *
 * @module
 */

import {
  marginalStaff,
  type PairedDifference,
  pairedDifference,
  replicationSeed,
  type TornadoParameter,
  type TornadoRow,
  tornado,
} from '../../src/index.js';
import { type HedongParams, runHedong } from '../qingxu/index.js';
import { staffingBase } from './plan.js';

/** The hypothesis for Hedong's residents that the turnout range applies to (params.ts, cal §1e/§2). */
const HEDONG_RESIDENTS = 126_351;

/** Figures of one replication. */
interface Figures {
  /** People swabbed by the deadline. */
  readonly atDeadline: number;
  /** Last swab, hours after the opening. */
  readonly lastSwab: number;
  /** People swabbed in each hour after the opening (index 0 = 19:00–20:00). */
  readonly perHour: readonly number[];
}

/**
 * A cache of replications by (parameters, seed).
 *
 * @example
 * ```ts
 * const runs = new HedongRuns();
 * runs.figures(staffingBase(0.1), 7).atDeadline;
 * ```
 */
export class HedongRuns {
  private readonly cache = new Map<string, Figures>();

  /** Distinct replications run so far. */
  get simulations(): number {
    return this.cache.size;
  }

  /**
   * The figures of one replication, run on first use.
   *
   * @param h - Hedong parameters
   * @param seed - replication seed
   * @example
   * ```ts
   * new HedongRuns().figures(staffingBase(0.1), 7).lastSwab; // hours
   * ```
   */
  figures(h: HedongParams, seed: number): Figures {
    const key = `${seed}:${JSON.stringify(h)}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const r = runHedong(h, { seed, monitors: false });
    if (r.finish === null) {
      // runHedong stops after a day; a plan that leaves people untested that long is not a figure.
      throw new Error(
        `Hedong replication (seed ${seed}) left ${r.population - r.tested} people untested: no last swab`,
      );
    }
    const perHour: number[] = [];
    for (const b of r.series) {
      const k = Math.floor(b.start / 3600);
      perHour[k] = (perHour[k] ?? 0) + b.tested;
    }
    const f: Figures = {
      atDeadline: r.testedAtDeadline,
      lastSwab: r.finish / 3600,
      perHour: Array.from(perHour, (x) => x ?? 0),
    };
    this.cache.set(key, f);
    return f;
  }
}

/** A figure the effects are stated on. @example `const k: FigureKey = 'atDeadline';` */
export type FigureKey = 'atDeadline' | 'lastSwab';

/** Labels and units of the figures. @example `FIGURES.lastSwab.label` */
export const FIGURES: Readonly<Record<FigureKey, { readonly label: string; readonly unit: string }>> = {
  atDeadline: { label: 'people swabbed by 6 h', unit: 'people' },
  lastSwab: { label: 'last swab', unit: 'h after 19:00' },
};

/**
 * What `step` more of a role (one more at every point) buys.
 *
 * @example
 * ```ts
 * const m: RoleEffect = marginalEvening({ seed: 1, replications: 4, scale: 0.04 }).roles[0];
 * ```
 */
export interface RoleEffect {
  readonly role: 'clerks' | 'swabbers';
  /** Added to the area: one per point. */
  readonly added: number;
  readonly base: { readonly atDeadline: number; readonly lastSwab: number };
  readonly atDeadline: PairedDifference;
  readonly lastSwab: PairedDifference;
  /** Paired change of the people swabbed in each hour after the opening. */
  readonly perHour: readonly { readonly start: number; readonly effect: PairedDifference }[];
}

/**
 * Result of {@link marginalEvening}.
 *
 * @example
 * ```ts
 * const r: MarginalResult = marginalEvening({ seed: 1, replications: 4, scale: 0.04 });
 * ```
 */
export interface MarginalResult {
  readonly staff: { readonly clerks: number; readonly swabbers: number };
  readonly points: number;
  readonly replications: number;
  readonly roles: readonly RoleEffect[];
  readonly simulations: number;
}

/**
 * One more clerk and one more swabber at every point of the replayed evening: the paired change of
 * the people swabbed by 6 h, of the last swab, and of the people swabbed in each hour.
 *
 * @param options - seed, replications (≥ 2), scale (share of the points kept), a shared run cache
 *
 * @example
 * ```ts
 * const r = marginalEvening({ seed: 1, replications: 10 });
 * r.roles.find((x) => x.role === 'clerks')?.lastSwab.mean; // hours earlier (negative)
 * ```
 */
export function marginalEvening(options: {
  readonly seed: number;
  readonly replications: number;
  readonly scale?: number;
  readonly runs?: HedongRuns;
}): MarginalResult {
  const base = staffingBase(options.scale ?? 1);
  const runs = options.runs ?? new HedongRuns();
  const before = runs.simulations;
  const staff = { clerks: base.staff.clerks, swabbers: base.staff.swabbers };
  const params = (plan: Readonly<Record<string, number>>): HedongParams => ({
    ...base,
    staff: { ...base.staff, clerks: plan.clerks as number, swabbers: plan.swabbers as number },
  });
  const on = (key: FigureKey) =>
    marginalStaff({
      plan: staff,
      figure: (plan, seed) => runs.figures(params(plan), seed)[key],
      replications: options.replications,
      seed: options.seed,
      step: base.points,
    });
  const byDeadline = on('atDeadline');
  const byLast = on('lastSwab');
  // marginalStaff's seeds (replicationSeed(seed, i)), so the per-hour effects reuse its runs.
  const seeds = Array.from({ length: options.replications }, (_, i) => replicationSeed(options.seed, i));
  const roles = (['clerks', 'swabbers'] as const).map((role): RoleEffect => {
    const d = byDeadline.find((x) => x.role === role);
    const l = byLast.find((x) => x.role === role);
    if (!d || !l) throw new Error(`no marginal effect for ${role}`);
    const plus = params({ ...staff, [role]: staff[role] + base.points });
    const a = seeds.map((s) => runs.figures(params(staff), s).perHour);
    const b = seeds.map((s) => runs.figures(plus, s).perHour);
    const hours = Math.max(...a.map((x) => x.length), ...b.map((x) => x.length));
    const perHour = Array.from({ length: hours }, (_, k) => ({
      start: k * 3600,
      effect: pairedDifference(
        `swabbed in hour ${k}`,
        seeds.map((_, i) => a[i]?.[k] ?? 0),
        seeds.map((_, i) => b[i]?.[k] ?? 0),
      ),
    }));
    return {
      role,
      added: base.points,
      base: { atDeadline: d.base, lastSwab: l.base },
      atDeadline: d.effect,
      lastSwab: l.effect,
      perHour,
    };
  });
  return {
    staff,
    points: base.points,
    replications: options.replications,
    roles,
    simulations: runs.simulations - before,
  };
}

/**
 * The uncertain parameters of the evening and their ranges, each with its basis (the rows of
 * `QINGXU_ASSUMPTIONS` and cal §2/§4). Registration times are uniform over their sourced ranges; as
 * the range says where the times lie but not their mean, the low end uses the range's lower half
 * and the high end its upper half. Swab time keeps its shape (median 10 s, p90 25 s) and is scaled.
 *
 * @param points - the points of the (possibly scaled) area, for per-point staffing
 * @param share - the share of Hedong's people kept (1 for the whole area)
 *
 * @example
 * ```ts
 * eveningParameters(50, 1).map((p) => p.name);
 * ```
 */
export function eveningParameters(
  points: number,
  share: number,
): (TornadoParameter<HedongParams> & { readonly range: string; readonly basis: string })[] {
  const uniform = (min: number, max: number) => ({ dist: 'uniform', min: `${min} s`, max: `${max} s` });
  const registration = (
    h: HedongParams,
    type: 'qr' | 'id' | 'assisted',
    min: number,
    max: number,
  ): HedongParams => ({
    ...h,
    registration: { ...h.registration, [type]: uniform(min, max) } as HedongParams['registration'],
  });
  const assisted = (h: HedongParams, a: number): HedongParams => ({
    ...h,
    mix: { ...h.mix, assisted: a, id: 1 - h.mix.qr - a },
  });
  const swab = (h: HedongParams, f: number): HedongParams => ({
    ...h,
    swabTime: { dist: 'lognormal', mean: `${(12.91 * f).toFixed(2)} s`, sd: `${(10.53 * f).toFixed(2)} s` },
  });
  const staff = (h: HedongParams, role: 'clerks' | 'swabbers', n: number): HedongParams => ({
    ...h,
    staff: { ...h.staff, [role]: n },
  });
  const people = (turnout: number) => Math.round(HEDONG_RESIDENTS * turnout * share);
  return [
    {
      name: 'turnout',
      range: `85–98 % of ${HEDONG_RESIDENTS.toLocaleString('en')} (${people(0.85)}–${people(0.98)} people)`,
      basis: 'hedong.participation: ≈93 %, range 85–98 % (cal §4); residents hypothesis 126,351 (cal §1e)',
      low: (h) => ({ ...h, population: people(0.85) }),
      high: (h) => ({ ...h, population: people(0.98) }),
    },
    {
      name: 'assisted share',
      range: '10–25 %',
      basis: 'hedong.mix.assisted: Shanxi 60+ 18.9 %, range 10–25 % (cal §4); the ID share takes up the rest',
      low: (h) => assisted(h, 0.1),
      high: (h) => assisted(h, 0.25),
    },
    {
      name: 'assisted registration',
      range: '60–120 s | 120–180 s',
      basis: 'hedong.registration.assisted: 60–180 s, no measured figure (cal §4)',
      low: (h) => registration(h, 'assisted', 60, 120),
      high: (h) => registration(h, 'assisted', 120, 180),
    },
    {
      name: 'ID registration',
      range: '20–30 s | 30–40 s',
      basis: 'hedong.registration.id: manual entry 20–40 s (cal §4)',
      low: (h) => registration(h, 'id', 20, 30),
      high: (h) => registration(h, 'id', 30, 40),
    },
    {
      name: 'QR registration',
      range: '5–6.5 s | 6.5–8 s',
      basis: 'hedong.registration.qr: code scan 5–8 s (cal §1b, §4)',
      low: (h) => registration(h, 'qr', 5, 6.5),
      high: (h) => registration(h, 'qr', 6.5, 8),
    },
    {
      name: 'swab time',
      range: '×0.6–×1.5 (mean 7.7–19.4 s)',
      basis:
        'hedong.swabTime: median 10 s, p90 25 s (cal §4), scaled between Baoying’s <5 s swab and Jinhu’s 29 s sustained per person (cal §1b)',
      low: (h) => swab(h, 0.6),
      high: (h) => swab(h, 1.5),
    },
    {
      name: 'clerks per point',
      range: '3–5',
      basis: 'hedong.staff.clerks: fitted at 4 per point to “complete after 6 h” (F14); ±1',
      low: (h) => staff(h, 'clerks', 3 * points),
      high: (h) => staff(h, 'clerks', 5 * points),
    },
    {
      name: 'swab tables',
      range: `${Math.round(150 * share)}–${Math.round(200 * share)}`,
      basis: 'hedong.staff.swabbers: 1 table per 600–800 people, 149–199 tables (cal §2)',
      low: (h) => staff(h, 'swabbers', Math.round(150 * share)),
      high: (h) => staff(h, 'swabbers', Math.round(200 * share)),
    },
  ];
}

/**
 * A tornado table on one figure, with each row's range and basis.
 *
 * @example
 * ```ts
 * const t: EveningTornado = sensitivityEvening({ seed: 1, replications: 3, scale: 0.04 }).atDeadline;
 * ```
 */
export interface EveningTornado {
  readonly figure: FigureKey;
  readonly base: number;
  readonly rows: readonly (TornadoRow & { readonly range: string; readonly basis: string })[];
}

/**
 * Sensitivity of the replayed evening: tornado tables on the people swabbed by 6 h and on the last
 * swab, over {@link eveningParameters}, on common seeds.
 *
 * @param options - seed, replications (≥ 2), scale, a shared run cache
 *
 * @example
 * ```ts
 * const s = sensitivityEvening({ seed: 1, replications: 8 });
 * s.lastSwab.rows[0]?.name; // the parameter that moves the last swab most
 * ```
 */
export function sensitivityEvening(options: {
  readonly seed: number;
  readonly replications: number;
  readonly scale?: number;
  readonly runs?: HedongRuns;
}): {
  readonly atDeadline: EveningTornado;
  readonly lastSwab: EveningTornado;
  readonly replications: number;
  readonly simulations: number;
} {
  const base = staffingBase(options.scale ?? 1);
  const share = base.points / (staffingBase(1).points || 1);
  const parameters = eveningParameters(base.points, share);
  const runs = options.runs ?? new HedongRuns();
  const before = runs.simulations;
  const table = (figure: FigureKey): EveningTornado => {
    let sum = 0;
    let n = 0;
    const rows = tornado({
      base,
      parameters,
      figure: (p, seed) => {
        const v = runs.figures(p, seed)[figure];
        if (p === base) {
          sum += v;
          n += 1;
        }
        return v;
      },
      replications: options.replications,
      seed: options.seed,
    });
    return {
      figure,
      base: sum / n,
      rows: rows.map((r) => {
        const p = parameters.find((x) => x.name === r.name);
        return { ...r, range: p?.range ?? '', basis: p?.basis ?? '' };
      }),
    };
  };
  const atDeadline = table('atDeadline');
  const lastSwab = table('lastSwab');
  return {
    atDeadline,
    lastSwab,
    replications: options.replications,
    simulations: runs.simulations - before,
  };
}
