/**
 * How the replay's own fitted parameters were chosen, re-runnable: `npx tsx scenarios/qingxu/fit.ts`.
 *
 * - `hedong.staff.clerks` (F14: Hedong complete after 6 h): for whole numbers of clerks per point,
 *   the median last swab over replications; the fit is the smallest number whose median is within
 *   10 % of 6 h.
 * - `transfer.dispatch` (F15: the buses leave at 21:00): 21:00 minus the median time all 500 beds are
 *   ready, minus the time to board the first bus.
 *
 * (`siteSetup.workPerBed` and `unloading.pass` were fitted in `models/`; see models/README.md.)
 *
 * @module
 */
import { pathToFileURL } from 'node:url';
import { quantile } from 'simple-statistics';
import { Epoch, replicationSeed } from '../../src/index.js';
import { runDay } from './day.js';
import { runHedong } from './hedong.js';
import { QINGXU_DEFAULTS, QINGXU_EPOCH, type QingxuParams } from './params.js';

/**
 * One row of the clerk scan.
 *
 * @example
 * ```ts
 * const row: ClerkFitRow = { perPoint: 4, clerks: 200, medianFinishHours: 6.1, medianTested: 117_400 };
 * ```
 */
export interface ClerkFitRow {
  readonly perPoint: number;
  readonly clerks: number;
  readonly medianFinishHours: number;
  readonly medianTested: number;
}

/**
 * Scan whole numbers of clerks per Hedong point and report the median last swab (hours after 19:00)
 * and count at 01:00 over `replications` seeds.
 *
 * @example
 * ```ts
 * fitClerks(QINGXU_DEFAULTS, [3, 4, 5], 5, 1).find((r) => r.medianFinishHours <= 6.6)?.clerks; // 200
 * ```
 */
export function fitClerks(
  params: QingxuParams,
  perPoint: readonly number[],
  replications: number,
  seed: number,
): ClerkFitRow[] {
  return perPoint.map((k) => {
    const clerks = k * params.hedong.points;
    const h = { ...params.hedong, staff: { ...params.hedong.staff, clerks } };
    const runs = Array.from({ length: replications }, (_, i) =>
      runHedong(h, { seed: replicationSeed(seed, i) }),
    );
    return {
      perPoint: k,
      clerks,
      medianFinishHours: quantile(
        runs.map((r) => (r.finish ?? Number.POSITIVE_INFINITY) / 3600),
        0.5,
      ),
      medianTested: quantile(
        runs.map((r) => r.testedAtDeadline),
        0.5,
      ),
    };
  });
}

/**
 * The dispatch delay that puts the median first departure at `departure`: departure − median time
 * `gateBeds` beds are ready − median boarding time of the first bus (from runs of the day with no
 * dispatch delay).
 *
 * @example
 * ```ts
 * fitDispatch(QINGXU_DEFAULTS, '21:00', 20, 1); // ≈ 53 min, in seconds
 * ```
 */
export function fitDispatch(
  params: QingxuParams,
  departure: string,
  replications: number,
  seed: number,
): number {
  const p: QingxuParams = { ...params, transfer: { ...params.transfer, dispatch: '0 s' } };
  const runs = Array.from({ length: replications }, (_, i) => runDay(p, replicationSeed(seed, i)));
  const ready = quantile(
    runs.map((r) => r.siteSetup.gateReady ?? Number.NaN),
    0.5,
  );
  const board = quantile(
    runs.map((r) => (r.transfer.firstDeparture ?? Number.NaN) - (r.transfer.startedAt ?? Number.NaN)),
    0.5,
  );
  return new Epoch(QINGXU_EPOCH).at(departure) - ready - board;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = fitClerks(QINGXU_DEFAULTS, [3, 4, 5], 5, 1);
  console.log('hedong.staff.clerks — median last swab after 19:00 (F14: 6 h), 5 replications, seed 1');
  for (const r of rows)
    console.log(
      `  ${r.perPoint} per point (${r.clerks}): ${r.medianFinishHours.toFixed(2)} h, ${Math.round(r.medianTested).toLocaleString('en-US')} tested by 01:00`,
    );
  const fit = rows.find((r) => Math.abs(r.medianFinishHours - 6) <= 0.6);
  console.log(
    `  fit: ${fit ? `${fit.clerks} clerks (${fit.perPoint} per point)` : 'none within 10 % of 6 h'}`,
  );
  const dispatch = fitDispatch(QINGXU_DEFAULTS, '21:00', 20, 1);
  console.log(
    `transfer.dispatch — first bus at 21:00 (F15), 20 replications, seed 1: ${(dispatch / 60).toFixed(0)} min`,
  );
}
