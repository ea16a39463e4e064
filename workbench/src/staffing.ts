/**
 * The least-staff question asked from the page: the least number of one role in one testing area
 * for which everyone who came is tested by the deadline with a stated probability. The one place the
 * workbench calls the library's staffing search (`searchStaff`, src/planning): sequential exact
 * tests on common random numbers, so every level is tried on the same replications.
 *
 * Only the asked area runs: the question's spec keeps the times, flows and that area (annotations
 * dropped, since figures and other components are left out), so a question about a small site does
 * not pay for the whole day.
 *
 * @module
 */
import { type CampaignPlan, checkSpec, planCampaign, runCampaign } from '../../models/index.js';
import { ParameterError, replicationSeed, type StaffSearchResult, searchStaff } from '../../src/index.js';

/** A least-staff question about one role of one testing area. */
export interface LeastStaffQuestion {
  /** The whole spec, as edited. */
  readonly spec: unknown;
  /** The testing area's key. */
  readonly area: string;
  /** The staff role's key in the area's `staff`. */
  readonly role: string;
  /** Required probability that everyone who came is tested by the deadline, in (0, 1). */
  readonly target: number;
  /** Least and most staff to consider (over the whole area). */
  readonly min: number;
  readonly max: number;
  /** Base seed (common random numbers across levels). */
  readonly seed: number;
  /** Most replications at one level. */
  readonly maxReplications: number;
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The value without its annotations (`{ value, basis, … }` → value), all the way down. */
export function plainValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plainValue);
  if (!isObject(v)) return v;
  if ('value' in v && 'basis' in v) return plainValue(v.value);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plainValue(x)]));
}

/** The spec of one area with `role` set to `staff` people (a role with shifts keeps its shifts). */
function areaSpec(q: LeastStaffQuestion, staff: number): Obj {
  const spec = plainValue(q.spec) as Obj;
  const area = (spec.testing as Obj | undefined)?.[q.area];
  if (!isObject(area)) throw new ParameterError('area', 'a testing area of the spec', q.area);
  const roles = area.staff as Obj;
  if (!isObject(roles) || !(q.role in roles))
    throw new ParameterError(
      `testing.${q.area}.staff`,
      `a role of the area (${Object.keys(roles ?? {}).join(', ')})`,
      q.role,
    );
  const old = roles[q.role];
  const role = isObject(old) ? { ...old, count: staff } : staff;
  const keep = ['$schema', 'name', 'title', 'description', 'epoch', 'sources', 'times', 'flows'];
  return {
    ...Object.fromEntries(keep.filter((k) => k in spec).map((k) => [k, spec[k]])),
    testing: { [q.area]: { ...area, staff: { ...roles, [q.role]: role } } },
  };
}

/**
 * Answer the question. `progress` is called after every simulation with the count so far.
 *
 * @example
 * ```ts
 * await findLeastStaff({ spec, area: 'yunda', role: 'swabbers', target: 0.9, min: 1, max: 12, seed: 1, maxReplications: 40 });
 * ```
 */
export function findLeastStaff(
  q: LeastStaffQuestion,
  progress: (done: number) => void = () => {},
): Promise<StaffSearchResult> {
  const plans = new Map<number, CampaignPlan>();
  const planAt = (staff: number): CampaignPlan => {
    let plan = plans.get(staff);
    if (!plan) {
      const spec = areaSpec(q, staff);
      checkSpec(spec);
      plan = planCampaign(spec).plan;
      plans.set(staff, plan);
    }
    return plan;
  };
  let done = 0;
  return searchStaff({
    roles: [{ role: q.role, min: q.min, max: q.max }],
    evaluate: async (batch) =>
      batch.map((r) => {
        const seed = replicationSeed(q.seed, r.replication);
        const result = runCampaign(planAt(r.plan[q.role]!), seed).testing[q.area];
        progress(++done);
        return result !== undefined && result.notTestedAtDeadline === 0;
      }),
    target: q.target,
    maxReplications: q.maxReplications,
  });
}
