/**
 * A two-stage testing site (registration at clerks' desks, then a swab), with the sampling-site
 * model as a user runs it (`runSamplingSite`, default monitors on). Staffed at the calibration's
 * table ratio used by `benchAreaTesting` (a swabber per 600 people, a clerk per 300, two marshals per
 * 2 500), everyone called at once and arriving within 3 h.
 */
import { runSamplingSite } from '../models/sampling-site.js';

/** The site's input for `people` people. */
export function twoStageInput(people: number) {
  return {
    population: people,
    clerks: Math.ceil(people / 300),
    swabbers: Math.ceil(people / 600),
    marshals: Math.ceil(people / 1250),
    arrivals: { kind: 'call', at: 0, within: 10_800 },
  } as const;
}

/**
 * Run the site once; throws if anyone is left untested (the bench would then time a broken run).
 *
 * @example
 * ```ts
 * twoStageSite(20_000, 1).lastSwab; // ≈ 3 h
 * ```
 */
export function twoStageSite(people: number, seed: number): { tested: number; lastSwab: number | null } {
  const r = runSamplingSite(twoStageInput(people), { seed });
  if (r.tested !== people) throw new Error(`two-stage site: tested ${r.tested} of ${people}`);
  return { tested: r.tested, lastSwab: r.lastSwab };
}
