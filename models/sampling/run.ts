/**
 * Running sites to their end: the calendar stops when every site has finished (everyone who came has
 * left, every tube has reached the lab, the deadline has passed) and the lab has a result for every
 * tube — not when the last roster or rotation entry runs out. A head-count team rotating suits is on
 * a week-long roster; staff events after the work is done must not stretch the run (and dilute
 * utilisation over days).
 *
 * @module
 */
import type { Simulation } from '../../src/index.js';
import type { Lab } from '../lab.js';
import type { SamplingSiteModel } from './model.js';

/**
 * Run `sim` until every site has finished and the lab (if any) is settled, or until `until` when
 * given (sites not finished by then report `time-limit`). The run always ends: a site's courier
 * rounds, staff checks and arrivals are finite, and a site waiting for staff who never return is
 * finished by its roster's last accepting time. Should the calendar empty before, the kernel says so
 * (an error naming what the run waited for), rather than returning a half-finished result.
 *
 * @example
 * ```ts
 * const sim = new Simulation({ seed: 1 });
 * const site = samplingSite({ population: 300 }).install(sim);
 * runSites(sim, [site], null);
 * site.finished; // true
 * ```
 */
export function runSites(
  sim: Simulation,
  sites: readonly SamplingSiteModel[],
  lab: Lab | null,
  until?: number,
): void {
  if (until !== undefined) {
    sim.run(until);
    return;
  }
  const done = sim.event();
  let open = 0;
  const check = (): void => {
    if (open === 0 && (lab === null || lab.settled) && !done.triggered) done.succeed();
  };
  for (const s of sites)
    if (!s.finished) {
      open++;
      s.onFinished = () => {
        open--;
        check();
      };
    }
  if (lab !== null) lab.onSettled = check;
  check();
  sim.run(done);
}
