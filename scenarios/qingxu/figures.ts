/**
 * What the replay reads out of each day: the figures the report gives (reported value, fact id,
 * tolerance, and the fitted parameter where one was fitted to it) and the planner metrics, plus the
 * charts of a representative replication for `--out` reports.
 *
 * Time figures are seconds: `clock` figures after the scenario epoch 01:30 (+08:00), `duration`
 * figures from the start of their activity (so a 10 % tolerance on the 9-hour unloading is 54 min,
 * not 10 % of the time since 01:30).
 *
 * @module
 */

import { representativeReplication } from '../../models/campaign/charts.js';
import { Epoch, type ScenarioChart, type ScenarioFigure, type ScenarioResult } from '../../src/index.js';
import {
  bedsReadySpec,
  busTripsSpec,
  queueLengthSpec,
  staffRosterSpec,
  testedOverTimeSpec,
  unloadingSpec,
  waitingTimeSpec,
} from '../../src/report/index.js';
import type { DayResult } from './day.js';
import { QINGXU_EPOCH, type QingxuParams } from './params.js';

export { representativeReplication };

const epoch = new Epoch(QINGXU_EPOCH);
const at = (clock: string) => epoch.at(clock, { before: 'next-day' });
const HOUR = 3600;
const minus = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);

/**
 * The figures the report gives, in table order. `fitted` names the parameter fitted to the figure
 * (then the figure checks the fit); a figure without it is a prediction.
 *
 * @example
 * ```ts
 * QINGXU_FIGURES.find((f) => f.id === 'hedong.tested6h')?.reported; // 119246
 * ```
 */
export const QINGXU_FIGURES: readonly ScenarioFigure<DayResult>[] = [
  {
    id: 'yunda.sampled',
    label: 'Yunda workers sampled from 03:00',
    unit: 'count',
    reported: 277,
    source: 'F5',
    tolerance: 0.1,
    fitted: 'yunda.workers is this count (input, F5): a check that everyone was sampled',
    value: (r) => r.yunda.tested,
  },
  {
    id: 'yunda.finished',
    label: 'Yunda sampling finished (not reported)',
    unit: 'clock',
    source: 'F5',
    better: 'lower',
    value: (r) => r.yunda.lastSwab,
  },
  {
    id: 'muster.withinHour',
    label: 'Party members in their villages within 1 h of 15:30',
    unit: 'count',
    reported: 113,
    source: 'F10',
    tolerance: 0.1,
    fitted:
      'muster.delay (≤ 45 min) and muster.travel (≤ 15 min) are bounded so that F10’s hour holds by construction: a check, not a prediction',
    better: 'higher',
    value: (r) => r.muster.withinOneHour,
  },
  {
    id: 'checkpoints.hoursPerKeeper',
    label: 'Hours on duty per checkpoint keeper a day',
    unit: 'duration',
    reported: 12 * HOUR,
    source: 'F9',
    tolerance: 0.1,
    fitted: 'checkpoints.pattern = 2x12 is read from F9 (≥ 12 h a day); the handover adds to it',
    value: (r) => r.checkpoints.hoursPerPersonPerDay * HOUR,
  },
  {
    id: 'beds.allReady',
    label: '500 beds ready, time after 16:00',
    unit: 'duration',
    reported: 4 * HOUR,
    source: 'F11',
    tolerance: 0.1,
    fitted: 'siteSetup.workPerBed',
    better: 'lower',
    value: (r) => minus(r.siteSetup.allReady, r.siteSetup.start),
  },
  {
    id: 'transfer.firstDeparture',
    label: 'First bus leaves the park',
    unit: 'clock',
    reported: at('21:00'),
    source: 'F15',
    tolerance: 0.1,
    fitted: 'transfer.dispatch',
    better: 'lower',
    value: (r) => r.transfer.firstDeparture,
  },
  {
    id: 'transfer.moved',
    label: 'Workers moved to the isolation site',
    unit: 'count',
    reported: 327,
    source: 'F15',
    tolerance: 0.1,
    fitted: 'transfer.people is this count (input, F15): a check that everyone arrived',
    value: (r) => r.transfer.counts.atSite,
  },
  {
    id: 'transfer.busesUsed',
    label: 'Buses used',
    unit: 'count',
    reported: 17,
    source: 'F15',
    tolerance: 0.1,
    fitted: 'transfer.buses = 17 (F15) with loading "even" (every bus one trip): an input, not a prediction',
    value: (r) => r.transfer.busesUsed,
  },
  {
    id: 'hedong.tested6h',
    label: 'Hedong tested by the deadline (01:00 = 19:00 + 6 h)',
    unit: 'count',
    reported: 119_246,
    source: 'F14',
    tolerance: 0.05,
    better: 'higher',
    value: (r) => r.hedong.testedAtDeadline,
  },
  {
    id: 'hedong.complete',
    label: 'Hedong last swab, time after the opening',
    unit: 'duration',
    reported: 6 * HOUR,
    source: 'F14',
    tolerance: 0.1,
    fitted: 'hedong.staff.clerks',
    better: 'lower',
    value: (r) => (r.hedong.finish === null ? null : r.hedong.finish - r.hedong.opensAt),
  },
  {
    id: 'unloading.hours',
    label: 'Supplies stored, time after 22:00',
    unit: 'duration',
    reported: 9 * HOUR,
    source: 'F17',
    tolerance: 0.1,
    fitted: 'unloading.pass',
    better: 'lower',
    value: (r) => (r.unloading.hours === null ? null : r.unloading.hours * HOUR),
  },
];

const p95 = (
  stage: 'check' | 'registration' | 'swab' | 'timeInPoint',
  type: 'qr' | 'id' | 'assisted' | 'all',
): ScenarioFigure<DayResult> => ({
  id: `hedong.p95.${stage}.${type}`,
  label:
    stage === 'timeInPoint'
      ? `Hedong p95 time in the point, ${type === 'all' ? 'everyone' : type}`
      : `Hedong p95 wait before ${stage}, ${type === 'all' ? 'everyone' : type}`,
  unit: 'seconds',
  better: 'lower',
  value: (r) =>
    (stage === 'timeInPoint' ? r.hedong.timeInPoint[type] : r.hedong.waits[stage][type])?.p95 ?? null,
});

const role = (
  name: 'marshals' | 'clerks' | 'swabbers',
  what: 'utilisation' | 'peakQueue',
): ScenarioFigure<DayResult> =>
  what === 'utilisation'
    ? {
        id: `hedong.utilisation.${name}`,
        label: `Hedong ${name} utilisation (19:00 to each point's last swab)`,
        unit: 'fraction',
        value: (r) => r.hedong.roles[name]?.utilisation ?? null,
      }
    : {
        id: `hedong.peakQueue.${name}`,
        label: `Hedong longest queue at one point, ${name === 'marshals' ? 'check' : name === 'clerks' ? 'registration' : 'swab'}`,
        unit: 'count',
        better: 'lower',
        value: (r) => r.hedong.roles[name]?.peakQueue ?? null,
      };

/**
 * Planner metrics (no reported value), in table order.
 *
 * @example
 * ```ts
 * QINGXU_METRICS.map((m) => m.id);
 * ```
 */
export const QINGXU_METRICS: readonly ScenarioFigure<DayResult>[] = [
  {
    id: 'hedong.notTested',
    label: 'Hedong people not tested at the deadline (of those who came)',
    unit: 'count',
    better: 'lower',
    value: (r) => r.hedong.notTestedAtDeadline,
  },
  {
    id: 'hedong.finish',
    label: 'Hedong last swab',
    unit: 'clock',
    better: 'lower',
    value: (r) => r.hedong.finish,
  },
  {
    id: 'hedong.peakQueued',
    label: 'Hedong people queuing at all points, peak (5-min samples)',
    unit: 'count',
    better: 'lower',
    value: (r) => r.hedong.queues.reduce((m, q) => Math.max(m, q.check + q.registration + q.swab), 0),
  },
  role('clerks', 'peakQueue'),
  role('swabbers', 'peakQueue'),
  role('marshals', 'peakQueue'),
  p95('registration', 'qr'),
  p95('registration', 'id'),
  p95('registration', 'assisted'),
  p95('swab', 'all'),
  p95('timeInPoint', 'qr'),
  p95('timeInPoint', 'id'),
  p95('timeInPoint', 'assisted'),
  role('clerks', 'utilisation'),
  role('swabbers', 'utilisation'),
  role('marshals', 'utilisation'),
  {
    id: 'hedong.tubes',
    label: 'Hedong tubes to the lab',
    unit: 'count',
    value: (r) => r.hedong.tubes.sealed,
  },
  {
    id: 'hedong.lastResult',
    label: 'Hedong last lab result',
    unit: 'clock',
    better: 'lower',
    value: (r) => r.hedong.lab.lastResult,
  },
  {
    id: 'siteSetup.neededReady',
    label: 'Beds for all 327 workers ready',
    unit: 'clock',
    better: 'lower',
    value: (r) => r.siteSetup.neededReady,
  },
  {
    id: 'siteSetup.utilisation',
    label: 'Set-up volunteers busy',
    unit: 'fraction',
    value: (r) => r.siteSetup.crewUtilisation,
  },
  {
    id: 'transfer.finish',
    label: 'Last worker at the isolation site',
    unit: 'clock',
    better: 'lower',
    value: (r) => r.transfer.finish,
  },
  {
    id: 'transfer.exposure',
    label: 'Park workers’ exposure from 14:30 until boarding',
    unit: 'person-minutes',
    better: 'lower',
    value: (r) => r.transfer.exposurePersonMinutes,
  },
  {
    id: 'unloading.finish',
    label: 'Supplies all stored',
    unit: 'clock',
    better: 'lower',
    value: (r) => r.unloading.finishedAt,
  },
  {
    id: 'checkpoints.headcount',
    label: 'Checkpoint keepers tied up',
    unit: 'count',
    better: 'lower',
    value: (r) => r.checkpoints.headcount,
  },
  {
    id: 'checkpoints.postWait',
    label: 'Mean wait at a checkpoint',
    unit: 'seconds',
    better: 'lower',
    value: (r) => r.checkpoints.post.waitMean,
  },
  {
    id: 'muster.allVillages',
    label: 'Every village team complete, after 15:30',
    unit: 'duration',
    better: 'lower',
    value: (r) => r.muster.minutesToAllVillages * 60,
  },
  {
    id: 'staffHours.hedong',
    label: 'Staff hours, Hedong points (19:00 to last swab)',
    unit: 'person-hours',
    value: (r) => r.staffHours.hedong,
  },
  {
    id: 'staffHours.siteSetup',
    label: 'Volunteer hours, isolation-site set-up',
    unit: 'person-hours',
    value: (r) => r.staffHours.siteSetup,
  },
  {
    id: 'staffHours.unloading',
    label: 'Volunteer hours, unloading',
    unit: 'person-hours',
    value: (r) => r.staffHours.unloading,
  },
  {
    id: 'staffHours.checkpoints',
    label: 'Keeper hours a day, checkpoints',
    unit: 'person-hours',
    value: (r) => r.staffHours.checkpointsPerDay,
  },
  {
    id: 'staffHours.total',
    label: 'Staff hours, all activities modelled',
    unit: 'person-hours',
    value: (r) => r.staffHours.total,
  },
];

/**
 * Charts of the representative replication (see {@link representativeReplication}): Hedong tested
 * over time against F14, the queues before each stage, p95 time in the point per point and person type,
 * beds ready against the 327 needed, the bus trips, the unloading, and the checkpoint roster.
 *
 * @param result - a scenario result with `runs` (kept when charts are wanted).
 * @example
 * ```ts
 * const r = runScenario(scenario, { replications: 5, seed: 1, keepRuns: true });
 * qingxuCharts(r).map((c) => c.name);
 * ```
 */
export function qingxuCharts(result: ScenarioResult<QingxuParams, DayResult>): ScenarioChart[] {
  const runs = result.runs;
  if (!runs || runs.length === 0) return [];
  const k = representativeReplication(result.values['hedong.tested6h'] ?? []);
  const r = runs[k] ?? runs[0]!;
  const note = `replication ${k + 1} of ${runs.length} (median Hedong count), seed ${result.seed}`;
  const bin = r.hedong.series.length > 1 ? r.hedong.series[1]!.start - r.hedong.series[0]!.start : 0;
  const charts: ScenarioChart[] = [
    {
      name: 'hedong-tested',
      title: 'Hedong: people tested over time',
      caption: `Cumulative swabs over all ${r.hedong.points} points; the target is F14's count at 01:00. ${note}.`,
      spec: testedOverTimeSpec({
        title: 'Hedong: people tested over time',
        epoch: QINGXU_EPOCH,
        rows: [
          { time: r.hedong.series[0]?.start ?? at('19:00'), tested: 0 },
          ...r.hedong.series.map((s) => ({ time: s.start + bin, tested: s.cumulative })),
        ],
        target: { count: 119_246, by: at('01:00') },
      }),
    },
    {
      name: 'hedong-queues',
      title: 'Hedong: people queuing before each stage',
      caption: `People waiting before the check, registration and swab, summed over all ${r.hedong.points} points, sampled every 5 minutes. ${note}.`,
      spec: queueLengthSpec({
        title: 'Hedong: people queuing before each stage (all points)',
        epoch: QINGXU_EPOCH,
        rows: r.hedong.queues.flatMap((q) =>
          (['check', 'registration', 'swab'] as const).map((stage) => ({
            time: q.time,
            stage,
            length: q[stage],
          })),
        ),
        stages: ['check', 'registration', 'swab'],
      }),
    },
    {
      name: 'hedong-time-in-point',
      title: 'Hedong: 95th-percentile time in the point, by person type',
      caption: `Each observation is one sampling point's 95th percentile of arrival-to-swab time for that person type (not one person's time). ${note}.`,
      spec: waitingTimeSpec({
        title: 'Hedong: 95th-percentile time in the point, one observation per point',
        rows: r.hedong.perPoint.flatMap((p) =>
          Object.entries(p.timeInPointP95).flatMap(([type, v]) =>
            v === null ? [] : [{ personType: type, wait: v }],
          ),
        ),
        stage: 'the sampling point (p95 per point)',
      }),
    },
    {
      name: 'beds-ready',
      title: 'Isolation site: beds ready',
      caption: `Set-up from 16:00 (F11); 327 beds needed for the 21:00 transfer (F15). ${note}.`,
      spec: bedsReadySpec({
        title: 'Isolation site: beds ready',
        epoch: QINGXU_EPOCH,
        rows: [{ time: r.siteSetup.start, ready: 0 }, ...r.siteSetup.curve],
        needed: { count: 327, by: at('21:00') },
      }),
    },
    {
      name: 'bus-trips',
      title: 'Closed-loop transfer: bus trips',
      caption: `Each bar is one trip from the park to the isolation site. ${note}.`,
      spec: busTripsSpec({
        title: 'Closed-loop transfer: bus trips, park to isolation site',
        epoch: QINGXU_EPOCH,
        rows: r.transfer.trips.map((t) => ({
          bus: t.bus,
          departure: t.departedAt,
          arrival: t.arrivedAt,
          passengers: t.load,
        })),
      }),
    },
    {
      name: 'unloading',
      title: 'Supplies unloaded by the human chain',
      caption: `Cumulative items stored, all chains together. ${note}.`,
      spec: unloadingSpec({
        title: 'Supplies stored by the human chain',
        epoch: QINGXU_EPOCH,
        rows: (() => {
          let sum = 0;
          const w =
            r.unloading.throughput.length > 1
              ? r.unloading.throughput[1]!.start - r.unloading.throughput[0]!.start
              : 0;
          return [
            { time: r.unloading.start, chain: 'all chains', unloaded: 0 },
            ...r.unloading.throughput.map((b) => {
              sum += b.items;
              return {
                time: Math.min(b.start + w, r.unloading.finishedAt ?? b.start + w),
                chain: 'all chains',
                unloaded: sum,
              };
            }),
          ];
        })(),
      }),
    },
    {
      name: 'checkpoint-roster',
      title: 'Checkpoint keepers: the first posts’ roster',
      caption: 'Two 12-hour shifts with a 15-minute handover from 14:30 (F9), first three posts.',
      spec: staffRosterSpec({
        title: 'Checkpoint keepers: roster of the first three posts',
        epoch: QINGXU_EPOCH,
        shifts: r.checkpoints.shifts.map((s) => ({ ...s, role: 'keeper' })),
      }),
    },
  ];
  return charts;
}
