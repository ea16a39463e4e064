/** Sample inputs for every chart builder, shaped like what the scenarios will feed them. */
import {
  bedsReadySpec,
  busTripsSpec,
  comparisonSpec,
  queueLengthSpec,
  staffRosterSpec,
  testedOverTimeSpec,
  unloadingSpec,
  waitingTimeSpec,
} from '../../src/report/index.js';

/** An evening start, so the night crosses midnight. */
export const EPOCH = '2022-04-13T19:00+08:00';

export const testedInput = {
  epoch: EPOCH,
  title: '清徐县 — people tested',
  // every 10 min for 8 h: a saturating curve that passes the target after 01:00
  rows: Array.from({ length: 49 }, (_, i) => ({
    time: i * 600,
    tested: Math.round(125_000 * (1 - Math.exp(-i / 14))),
  })),
  target: { count: 119_246, by: 6 * 3600 },
};

export const sampleSpecs = {
  tested: () => testedOverTimeSpec(testedInput),
  queues: () =>
    queueLengthSpec({
      epoch: EPOCH,
      rows: ['check', 'registration', 'swab'].flatMap((stage, k) =>
        Array.from({ length: 30 }, (_, i) => ({
          time: i * 300,
          stage,
          length: ((i * (k + 3)) % 17) * (k + 1),
        })),
      ),
    }),
  roster: () =>
    staffRosterSpec({
      epoch: EPOCH,
      title: '河东 sampling site — staff',
      shifts: [
        { person: 'swabber 1', start: 0, end: 4 * 3600, role: 'swab' },
        { person: 'swabber 2', start: 0, end: 4 * 3600, role: 'swab' },
        { person: 'swabber 1', start: 5 * 3600, end: 9 * 3600, role: 'swab' },
        { person: 'clerk 1', start: 1800, end: 8 * 3600, role: 'registration' },
      ],
      busy: [
        { person: 'swabber 1', start: 300, end: 2000 },
        { person: 'swabber 1', start: 2100, end: 9000 },
        { person: 'swabber 2', start: 600, end: 5000 },
        { person: 'clerk 1', start: 2000, end: 20_000 },
      ],
    }),
  waits: () =>
    waitingTimeSpec({
      stage: 'swab',
      rows: Array.from({ length: 90 }, (_, i) => ({
        personType: ['walk-in', 'elderly (carried)', 'callback'][i % 3]!,
        wait: ((i * 97) % 1800) + (i % 3) * 300,
      })),
    }),
  buses: () =>
    busTripsSpec({
      epoch: EPOCH,
      rows: [
        { bus: 'bus 1', departure: 0, arrival: 2400, passengers: 38, route: '河东' },
        { bus: 'bus 1', departure: 4200, arrival: 6600, passengers: 35, route: '河东' },
        { bus: 'bus 2', departure: 900, arrival: 3900, passengers: 40, route: '清源' },
        { bus: 'bus 2', departure: 5400, arrival: 8400, passengers: 12, route: '清源' },
      ],
    }),
  beds: () =>
    bedsReadySpec({
      epoch: '2022-04-13T17:00+08:00',
      site: '河东',
      rows: [
        { time: 0, ready: 0 },
        { time: 3600, ready: 90 },
        { time: 7200, ready: 210 },
        { time: 12_600, ready: 330 },
      ],
      needed: { count: 327, by: 4 * 3600 },
    }),
  unloading: () =>
    unloadingSpec({
      epoch: EPOCH,
      unit: 'boxes',
      rows: ['chain A', 'chain B'].flatMap((chain, k) =>
        Array.from({ length: 20 }, (_, i) => ({ time: i * 600, chain, unloaded: i * (40 + 10 * k) })),
      ),
    }),
  comparison: () =>
    comparisonSpec({
      title: 'Two more swab desks vs the replay',
      rows: [
        { figure: 'Mean wait at swab', unit: 'min', effect: -6.2, lower: -7.9, upper: -4.5 },
        { figure: 'Tested by 01:00', unit: 'persons', effect: 1200, lower: -300, upper: 2700 },
      ],
    }),
} as const;
