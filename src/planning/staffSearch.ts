/**
 * Least staff under a deadline, decided sequentially on batches of replications that can run
 * anywhere: the search asks for a *batch* of replications (plans × replication indices) through one
 * async function, so they may run on this thread, on worker threads or on a job queue, and stops as
 * soon as the answer is clear.
 *
 * **One plan, decided sequentially (exact binomial tests with α spent over looks).** Whether a plan
 * meets "P(a replication meets the criterion) ≥ target" is tested on growing numbers of
 * replications, the *looks*: `firstLook` (4), then n★, 2n★, 4n★ … up to `maxReplications`, where n★
 * is the least n at which n successes of n can clear the target. At each look the exact binomial
 * test of p = target is made both ways (equivalently: the one-sided Clopper–Pearson bound clears
 * the target): *meets* when s or more successes of n would be rarer than the look's α under
 * p = target, *misses* when s or fewer would be. α = 1 − confidence is spent over the looks
 * (Bonferroni, as in group-sequential designs with an α-spending schedule): 1/20 at the first look,
 * 4/5 at n★ and the rest evenly over the later looks, so a plan's verdict is wrong with probability
 * ≤ α whichever look stops it. A plan far below the target misses at the first look (0 or 1 of 4),
 * a plan that never fails meets at n★ (63 replications for 95 % at 95 %); only plans near the target
 * need more, up to the cap, where an undecided plan is *inconclusive* and counted as missing (the
 * plan errs towards more staff). This is a sequential probability test in Wald's sense, with the
 * group-sequential looks of Pocock/O'Brien–Fleming designs in place of one-at-a-time steps.
 *
 * **Common random numbers.** Replication i of every plan is asked for with the same index i, which
 * the evaluator turns into the same seed, so plans differ by staff, not by luck; a replication run
 * once is never run again (the search keeps every outcome by plan and index).
 *
 * **The search: screen, bisect, confirm.** Roles are searched one after another, the earlier ones
 * at their found levels, the later ones at their upper bounds (least role by role, as in coordinate
 * search; put the dearest role first). Within a role the levels are bracketed from a starting
 * estimate by doubling steps and bisected, assuming more staff is never worse. Each level is
 * *screened*: it is out when its test misses, and passes when the first look has no failure, so
 * clear levels cost 4 replications either way (a level with failures at the first look goes on to the
 * full test). The plan found is then *confirmed*: its test continues to a verdict; if it does not
 * meet, the last role gets one more and is confirmed again (and when that role is at its bound, the
 * role before it gets one more and the roles after it are searched again).
 *
 * **What the answer guarantees.** The plan returned has met its own test: if its true probability
 * were below the target, that would happen with probability ≤ α. A plan is returned only at its least
 * passing levels, and with common random numbers and a replication whose success can only improve
 * with more staff, the passing levels are upward closed, so the only way to return a failing plan is
 * a wrong *meets* at the plan itself (the fixed-sequence principle for nested hypotheses: no further
 * multiplicity correction). Each role's level is least in the sense that one fewer was shown to miss
 * (with the later roles at their bounds) by a test of the same α. Without pathwise monotonicity the
 * bound holds per plan tested; `test/planning/staffSearch.test.ts` checks the realised error rate on
 * random monotone problems against a brute-force search.
 *
 * @module
 */

import { ParameterError } from '../kernel/errors.js';
import { integer, positiveInt } from '../kernel/validate.js';
import { log } from '../random/math.js';
import { binomialCdf, clopperPearson, type ProportionInterval } from './interval.js';

/**
 * Bounds and optional starting estimate of one role.
 *
 * @example
 * ```ts
 * const r: RoleBounds = { role: 'clerks', min: 50, max: 400, start: 200 };
 * ```
 */
export interface RoleBounds {
  /** The role's name: its key in the plan. */
  readonly role: string;
  /** Least staffing to consider, an integer ≥ 0. */
  readonly min: number;
  /** Most staffing to consider, an integer ≥ min; the role sits here until its turn. */
  readonly max: number;
  /** Starting estimate (e.g. from Erlang C), clamped to [min, max]. Default min. */
  readonly start?: number;
}

/**
 * One replication the search asks for: a plan (staff by role) and a replication index, which the
 * evaluator turns into a seed — the same index at every plan (common random numbers).
 *
 * @example
 * ```ts
 * const r: StaffReplication = { plan: { clerks: 5, swabbers: 2 }, replication: 7 };
 * ```
 */
export interface StaffReplication {
  /** Staff by role. */
  readonly plan: Readonly<Record<string, number>>;
  /** Replication index, from 0. */
  readonly replication: number;
}

/**
 * Runs a batch of replications and says, for each in order, whether it met the criterion. The
 * answers must depend on the requests only (not on how or where they ran), so that the search's
 * answer does not depend on the number of threads or machines.
 *
 * @example
 * ```ts
 * const serial: StaffBatch = async (batch) => batch.map((r) => simulate(r.plan, replicationSeed(1, r.replication)).done <= deadline);
 * ```
 */
export type StaffBatch = (batch: readonly StaffReplication[]) => Promise<readonly boolean[]>;

/**
 * Options of {@link searchStaff}.
 *
 * @example
 * ```ts
 * const o: StaffSearchOptions = { roles: [{ role: 'clerks', min: 1, max: 12, start: 4 }], evaluate, target: 0.95 };
 * ```
 */
export interface StaffSearchOptions {
  /** The roles, searched in this order (dearest first). */
  readonly roles: readonly RoleBounds[];
  /** Runs a batch of replications (see {@link StaffBatch}). */
  readonly evaluate: StaffBatch;
  /** Required probability that a replication meets the criterion, in (0, 1). */
  readonly target: number;
  /** Confidence of every verdict, in (0, 1); α = 1 − confidence is spent over the looks. Default 0.95. */
  readonly confidence?: number;
  /** Replications at the first look, an integer ≥ 1 (default 4). */
  readonly firstLook?: number;
  /** Most replications of one plan, an integer (default 400); must allow a plan to meet. */
  readonly maxReplications?: number;
}

/**
 * How one plan was decided (so far): `misses`/`meets` by a test, `passes` the screen (no failure at
 * the first look), `inconclusive` at the cap.
 *
 * @example
 * ```ts
 * const v: PlanVerdict = { plan: { clerks: 5 }, verdict: 'meets', probability: clopperPearson(63, 63) };
 * ```
 */
export interface PlanVerdict {
  /** The plan. */
  readonly plan: Readonly<Record<string, number>>;
  /** The verdict after the replications in `probability`. */
  readonly verdict: 'meets' | 'misses' | 'passes' | 'inconclusive';
  /** Successes of the plan's replications with one-sided Clopper–Pearson bounds at the confidence. */
  readonly probability: ProportionInterval;
}

/**
 * The answer of {@link searchStaff}.
 *
 * @example
 * ```ts
 * if (r.feasible) console.log(r.plan, r.probability.lower, r.simulations);
 * ```
 */
export interface StaffSearchResult {
  /** Whether a plan within the bounds met the target. */
  readonly feasible: boolean;
  /** The plan (least role by role), or null. */
  readonly plan: Readonly<Record<string, number>> | null;
  /** The plan's successes and bounds; when infeasible, those of the last plan decided. */
  readonly probability: ProportionInterval;
  /** Replications run. */
  readonly simulations: number;
  /** Every plan's last verdict, in the order first tried. */
  readonly path: readonly PlanVerdict[];
  /** The looks (replication counts at which plans are decided). */
  readonly looks: readonly number[];
  /** One sentence: the plan and its probability, or why there is none. */
  readonly message: string;
}

/** The looks and the α each may spend (see the module comment). */
function staffLooks(
  target: number,
  confidence: number,
  firstLook: number,
  cap: number,
): { readonly n: readonly number[]; readonly alpha: readonly number[] } {
  const alpha = 1 - confidence;
  const main = leastMeeting(target, confidence);
  const later: number[] = [];
  for (let m = 2 * main; m < cap; m *= 2) later.push(m);
  if (main < cap) later.push(cap);
  const first = firstLook < main ? [firstLook] : [];
  const spare = (first.length === 0 ? alpha / 20 : 0) + (later.length === 0 ? 0.15 * alpha : 0);
  return {
    n: [...first, main, ...later],
    alpha: [
      ...first.map(() => alpha / 20),
      0.8 * alpha + spare,
      ...later.map(() => (0.15 * alpha) / later.length),
    ],
  };
}

/** n★: the least n at which n successes of n clear the target with 4/5 of α. */
function leastMeeting(target: number, confidence: number): number {
  return Math.ceil(log(0.8 * (1 - confidence)) / log(target) - 1e-9);
}

const key = (plan: Readonly<Record<string, number>>): string => JSON.stringify(plan);

/**
 * Find the least plan, role by role, whose probability of meeting the criterion is shown to reach
 * the target (see the module comment for the procedure and what it guarantees).
 *
 * @param options - roles with bounds and starting estimates, the batch evaluator, target, confidence
 * @throws ParameterError naming the option (or `roles[i].…`) before any replication runs.
 * @example
 * ```ts
 * const r = await searchStaff({
 *   roles: [{ role: 'clerks', min: 1, max: 12, start: 4 }, { role: 'swabbers', min: 1, max: 12, start: 2 }],
 *   evaluate: async (batch) => batch.map((q) => simulate(q.plan, replicationSeed(1, q.replication)).finish <= 6 * 3600),
 *   target: 0.95,
 * });
 * r.plan; // e.g. { clerks: 5, swabbers: 2 }
 * ```
 */
export async function searchStaff(options: StaffSearchOptions): Promise<StaffSearchResult> {
  const { roles, evaluate, target, confidence, firstLook, cap } = checkOptions(options);
  const looks = staffLooks(target, confidence, firstLook, cap);
  const outcomes = new Map<string, boolean[]>();
  const verdicts = new Map<string, PlanVerdict>();
  let simulations = 0;
  let lastDecided: PlanVerdict | undefined;

  /** Run the plan to `n` replications (those not yet run). */
  const runTo = async (plan: Readonly<Record<string, number>>, n: number): Promise<boolean[]> => {
    const k = key(plan);
    const done = outcomes.get(k) ?? [];
    if (done.length < n) {
      const batch = Array.from({ length: n - done.length }, (_, i) => ({
        plan,
        replication: done.length + i,
      }));
      const answers = await evaluate(batch);
      if (!Array.isArray(answers) || answers.length !== batch.length)
        throw new ParameterError(
          'evaluate',
          `a function answering every request of a batch (${batch.length}) with true or false`,
          answers,
        );
      simulations += batch.length;
      done.push(...answers.map((a) => a === true));
      outcomes.set(k, done);
    }
    return done;
  };

  const record = (plan: Readonly<Record<string, number>>, verdict: PlanVerdict['verdict'], n: number) => {
    const s = (outcomes.get(key(plan)) ?? []).slice(0, n).filter(Boolean).length;
    const v: PlanVerdict = { plan, verdict, probability: clopperPearson(s, n, confidence) };
    verdicts.set(key(plan), v);
    lastDecided = v;
    return v;
  };

  /** Continue the plan's test from look `from` until a verdict (or the screen's pass). */
  const decide = async (
    plan: Readonly<Record<string, number>>,
    screen: boolean,
  ): Promise<PlanVerdict['verdict']> => {
    for (let k = 0; k < looks.n.length; k++) {
      const n = looks.n[k]!;
      const s = (await runTo(plan, n)).slice(0, n).filter(Boolean).length;
      const alpha = looks.alpha[k]!;
      // Exact binomial tests of p = target: s or fewer (misses), s or more (meets) too rare under it.
      if (binomialCdf(s, n, target) <= alpha) return record(plan, 'misses', n).verdict;
      if (binomialCdf(n - s, n, 1 - target) <= alpha) return record(plan, 'meets', n).verdict;
      if (screen && k === 0 && s === n) return record(plan, 'passes', n).verdict;
    }
    return record(plan, 'inconclusive', looks.n[looks.n.length - 1]!).verdict;
  };

  const screened = async (plan: Readonly<Record<string, number>>): Promise<boolean> => {
    const known = verdicts.get(key(plan))?.verdict;
    const v = known ?? (await decide(plan, true));
    return v === 'meets' || v === 'passes';
  };

  /** Least level of role `r` that passes its screen, the others as in `plan`; null if none. */
  const leastLevel = async (
    r: RoleBounds,
    plan: Readonly<Record<string, number>>,
  ): Promise<number | null> => {
    const ok = (level: number) => screened({ ...plan, [r.role]: level });
    const start = Math.min(r.max, Math.max(r.min, r.start ?? r.min));
    let lo: number;
    let hi: number;
    if (await ok(start)) {
      hi = start;
      lo = r.min - 1;
      for (let step = 1; hi > r.min; step *= 2) {
        const s = Math.max(r.min, hi - step);
        if (!(await ok(s))) {
          lo = s;
          break;
        }
        hi = s;
      }
    } else {
      lo = start;
      hi = Number.NaN;
      for (let step = 1; lo < r.max; step *= 2) {
        const s = Math.min(r.max, lo + step);
        if (await ok(s)) {
          hi = s;
          break;
        }
        lo = s;
      }
      if (Number.isNaN(hi)) return null;
    }
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (await ok(mid)) hi = mid;
      else lo = mid;
    }
    return hi;
  };

  /** Search roles from `i` on, the earlier ones fixed in `fixed`; the confirmed plan or null. */
  const search = async (
    i: number,
    fixed: Readonly<Record<string, number>>,
  ): Promise<Readonly<Record<string, number>> | null> => {
    const r = roles[i]!;
    const atMax = Object.fromEntries(roles.slice(i + 1).map((x) => [x.role, x.max]));
    const least = await leastLevel(r, { ...fixed, ...atMax });
    if (least === null) return null;
    for (let level = least; level <= r.max; level++) {
      const next = { ...fixed, [r.role]: level };
      if (i + 1 < roles.length) {
        const found = await search(i + 1, next);
        if (found !== null) return found;
      } else if ((await decide(next, false)) === 'meets') return next;
    }
    return null;
  };

  const plan = await search(0, {});
  const path = [...verdicts.values()];
  const last = plan === null ? lastDecided : verdicts.get(key(plan));
  const probability = last?.probability ?? clopperPearson(0, 1, confidence);
  const pct = `${(confidence * 100).toFixed(0)} %`;
  return {
    feasible: plan !== null,
    plan,
    probability,
    simulations,
    path,
    looks: looks.n,
    message:
      plan === null
        ? `no plan within the bounds meets the target ${target}: the last plan tried, ${describe(last?.plan ?? {})}, ${last?.verdict ?? 'misses'} with ${probability.successes} of ${probability.trials} (${pct} upper bound ${probability.upper.toFixed(3)})`
        : `${describe(plan)} meets the target ${target}: ${probability.successes} of ${probability.trials} replications (${pct} lower bound ${probability.lower.toFixed(3)}); ${simulations} simulations in all`,
  };
}

/** "5 clerks, 2 swabbers". */
function describe(plan: Readonly<Record<string, number>>): string {
  return Object.entries(plan)
    .map(([role, n]) => `${n} ${role}`)
    .join(', ');
}

function checkOptions(options: StaffSearchOptions) {
  if (typeof options !== 'object' || options === null)
    throw new ParameterError('options', 'an object', options);
  if (!Array.isArray(options.roles) || options.roles.length === 0)
    throw new ParameterError('roles', 'a non-empty list of roles', options.roles);
  if (typeof options.evaluate !== 'function')
    throw new ParameterError('evaluate', 'a function (batch) => Promise<boolean[]>', options.evaluate);
  const open = (v: unknown, path: string): number => {
    if (!(typeof v === 'number' && v > 0 && v < 1)) throw new ParameterError(path, 'a number in (0, 1)', v);
    return v;
  };
  const target = open(options.target, 'target');
  const confidence = options.confidence === undefined ? 0.95 : open(options.confidence, 'confidence');
  const firstLook = options.firstLook === undefined ? 4 : positiveInt(options.firstLook, 'firstLook');
  const cap =
    options.maxReplications === undefined ? 400 : positiveInt(options.maxReplications, 'maxReplications');
  const needed = leastMeeting(target, confidence);
  if (cap < needed)
    throw new ParameterError(
      'maxReplications',
      `an integer ≥ ${needed}: fewer replications can never show a probability ≥ ${target} at ${(confidence * 100).toFixed(0)} % confidence`,
      options.maxReplications,
    );
  const seen = new Set<string>();
  const roles = options.roles.map((r, i) => {
    if (typeof r?.role !== 'string' || r.role === '')
      throw new ParameterError(`roles[${i}].role`, 'a non-empty string', r?.role);
    if (seen.has(r.role)) throw new ParameterError(`roles[${i}].role`, 'a role named once', r.role);
    seen.add(r.role);
    const min = integer(r.min, `roles[${i}].min`, 0);
    const max = integer(r.max, `roles[${i}].max`, 0);
    if (max < min) throw new ParameterError(`roles[${i}].max`, `an integer ≥ min (${min})`, r.max);
    const start = r.start === undefined ? undefined : integer(r.start, `roles[${i}].start`, 0);
    return { role: r.role, min, max, ...(start !== undefined && { start }) };
  });
  return { roles, evaluate: options.evaluate, target, confidence, firstLook, cap };
}
