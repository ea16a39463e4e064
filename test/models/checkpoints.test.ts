import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkpointStaffing,
  Muster,
  resolveMuster,
  runCheckpointFlow,
  runMuster,
} from '../../models/checkpoints.js';
import { confidenceInterval, formatValue, ParameterError, Simulation } from '../../src/index.js';

function expectParameterError(f: () => unknown, path: string, value: unknown): void {
  let error: unknown;
  try {
    f();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ParameterError);
  expect((error as ParameterError).path).toBe(path);
  expect((error as ParameterError).message).toContain(formatValue(value));
}

describe('checkpoint staffing', () => {
  it('F9 defaults: 33 posts on 2 × 12 h need 66 keepers, 3 × 8 h need 99', () => {
    const a = checkpointStaffing();
    expect([a.onDuty, a.headcount, a.perPosition, a.covered, a.atLeast12hPerDay]).toEqual([
      33,
      66,
      2,
      true,
      true,
    ]);
    expect(a.hoursPerPersonPerDay).toBe(12.25);
    expect(a.personHoursPerDay).toBeCloseTo(66 * 12.25, 9);
    const b = checkpointStaffing({ pattern: '3x8' });
    expect([b.headcount, b.hoursPerPersonPerDay, b.atLeast12hPerDay]).toEqual([99, 8.25, false]);
  });

  it('headcount = posts × positions × shifts, and the roster covers every moment', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 0, max: 3600 }),
        fc.integer({ min: 1, max: 3 }),
        (posts, positionsPerPost, shiftsPerDay, handover, days) => {
          const s = checkpointStaffing({
            posts,
            positionsPerPost,
            pattern: { shiftsPerDay },
            handover,
            days,
            start: 7 * 3600,
          });
          expect(s.headcount).toBe(posts * positionsPerPost * shiftsPerDay);
          expect(s.roster.length).toBe(s.headcount);
          expect(s.covered).toBe(true);
          expect(s.hoursPerPersonPerDay).toBeCloseTo((86400 / shiftsPerDay + handover) / 3600, 12);
          expect(s.atLeast12hPerDay).toBe(86400 / shiftsPerDay + handover >= 12 * 3600);
        },
      ),
      { numRuns: 60, seed: 31 },
    );
  });
  it('one shift a day over several days allows no handover', () => {
    expectParameterError(
      () => checkpointStaffing({ pattern: { shiftsPerDay: 1 }, handover: 60, days: 2 }),
      'checkpoints.handover',
      60,
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), (posts) => {
        expect(
          checkpointStaffing({ posts, pattern: { shiftsPerDay: 1 }, handover: 0, days: 3 }).covered,
        ).toBe(true);
      }),
      { numRuns: 10, seed: 36 },
    );
  });
});

describe('checkpoint flow', () => {
  it('M/M/1 check: mean wait matches ρ / (μ − λ) = 60 s within a 99.9 % interval', () => {
    const means: number[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      const r = runCheckpointFlow(
        {
          arrivalRate: '30 per h',
          steps: [{ name: 'check', time: { dist: 'exponential', mean: 60 } }],
          pattern: { shiftsPerDay: 1 },
          handover: 0,
          period: '5 d',
        },
        { seed },
      );
      means.push(r.wait.mean!);
      expect(r.offeredLoad).toBeCloseTo(0.5, 12);
    }
    const ci = confidenceInterval(means, 0.999);
    expect(ci.lower).toBeLessThanOrEqual(60);
    expect(ci.upper).toBeGreaterThanOrEqual(60);
  });

  it('constant check times and no arrivals: nothing happens; every person is accounted for', () => {
    const none = runCheckpointFlow({ arrivalRate: 0 }, { seed: 1 });
    expect([none.arrived, none.checked, none.wait.count]).toEqual([0, 0, 0]);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 600, max: 86400 }),
        fc.integer({ min: 0, max: 1000 }),
        (perHour, positions, period, seed) => {
          const r = runCheckpointFlow({ arrivalRate: `${perHour} per h`, positions, period }, { seed });
          expect(r.checked + r.inCheck + r.waiting).toBe(r.arrived);
          expect(r.inCheck).toBeLessThanOrEqual(positions);
          expect(r.wait.count).toBe(r.checked + r.inCheck);
          expect(r.keepers).toBe(positions * 2);
        },
      ),
      { numRuns: 40, seed: 32 },
    );
  });
});

describe('muster', () => {
  it('constant delays and travel: everyone at 10 min, every village at 15 min', () => {
    const r = runMuster({ people: 20, villages: 4, delay: '10 min', travel: '5 min' }, { seed: 1 });
    expect(r.minutesTo).toEqual({ half: 10, ninetyPercent: 10, all: 10 });
    expect(r.villagesReady).toEqual([15, 15, 15, 15]);
    expect(r.withinOneHour).toBe(20);
  });

  it('k-th arrival of N uniform delays over T has mean k·T/(N + 1)', () => {
    const N = 113;
    const T = 3600;
    const R = 300;
    for (const k of [1, 57, 113]) {
      let sum = 0;
      for (let seed = 0; seed < R; seed++) {
        const sim = new Simulation({ seed, epoch: '2022-04-13T01:30+08:00' });
        const m = new Muster(
          sim,
          resolveMuster(sim, { people: N, delay: { dist: 'uniform', min: 0, max: T }, call: 0 }),
        );
        sum += m.timeOf(k);
      }
      const mean = (k * T) / (N + 1);
      // Exact standard error of the mean of R order statistics.
      const se = Math.sqrt((k * (N - k + 1) * T * T) / ((N + 1) ** 2 * (N + 2)) / R);
      expect(Math.abs(sum / R - mean)).toBeLessThan(4 * se);
    }
  });

  it('teams fill round robin; arrived(k) and villageReady(v) fire at the right times', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 1000 }),
        (people, v, seed) => {
          const villages = Math.min(v, people);
          const sim = new Simulation({ seed });
          const m = new Muster(sim, resolveMuster(sim, { people, villages, call: 100 }));
          const sizes = m.atVillage.map((t) => t.length);
          expect(sizes.reduce((a, b) => a + b, 0)).toBe(people);
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
          const log: number[] = [];
          const k = Math.ceil(people / 2);
          sim.process(
            (function* () {
              log.push(yield* m.arrived(k), sim.now);
              log.push(yield* m.villageReady(villages - 1), sim.now);
            })(),
          );
          sim.run();
          const last = m.atVillage[villages - 1]!;
          expect(log).toEqual([
            m.timeOf(k),
            m.timeOf(k),
            last[last.length - 1]!,
            Math.max(m.timeOf(k), last[last.length - 1]!),
          ]);
        },
      ),
      { numRuns: 40, seed: 33 },
    );
  });

  it('F10 defaults: all 113 in their villages within the hour', () => {
    const r = runMuster({}, { seed: 1 });
    expect(r.people).toBe(113);
    expect(r.villagesReady.length).toBe(10);
    expect(r.allVillagesReady).toBeLessThanOrEqual(60);
    expect(r.withinOneHour).toBe(113);
    expect(r.provenance.find((p) => p.path === 'people')!.used).toBe('default');
  });
});

describe('checkpoints and muster: bad input', () => {
  it('each bad parameter gives a ParameterError with its path and value', () => {
    type Case = [run: (v: unknown) => unknown, path: string, value: unknown];
    const cases: Case[] = [
      [(v) => checkpointStaffing({ posts: v as number }), 'checkpoints.posts', 0],
      [(v) => checkpointStaffing({ positionsPerPost: v as number }), 'checkpoints.positionsPerPost', 1.5],
      [(v) => checkpointStaffing({ pattern: v as '2x12' }), 'checkpoints.pattern', '4x6'],
      [
        (v) => checkpointStaffing({ pattern: { shiftsPerDay: v as number } }),
        'checkpoints.pattern.shiftsPerDay',
        0,
      ],
      [(v) => checkpointStaffing({ pattern: '2x12', handover: v as string }), 'checkpoints.handover', '13 h'],
      [(v) => checkpointStaffing({ days: v as number }), 'checkpoints.days', -1],
      [(v) => runCheckpointFlow({ arrivalRate: v as string }), 'checkpointFlow.arrivalRate', '30 per kg'],
      [(v) => runCheckpointFlow({ steps: v as [] }), 'checkpointFlow.steps', []],
      [
        (v) => runCheckpointFlow({ steps: [{ name: 'x', time: v as string }] }),
        'checkpointFlow.steps[0].time',
        '-5 s',
      ],
      [(v) => runCheckpointFlow({ positions: v as number }), 'checkpointFlow.positions', 0],
      [(v) => runCheckpointFlow({ period: v as string }), 'checkpointFlow.period', 0],
      [
        (v) => runCheckpointFlow({ arrivalRate: v as string, period: '300 d' }),
        'checkpointFlow.arrivalRate',
        '10 per s',
      ],
      [(v) => runMuster({ people: v as number }), 'muster.people', 0],
      [(v) => runMuster({ villages: v as number }), 'muster.villages', 500],
      [(v) => runMuster({ delay: v as string }), 'muster.delay', 'soon'],
      [
        (v) => runMuster({ travel: { dist: 'normal', mean: v as number, sd: 60 } }),
        'muster.travel',
        { dist: 'normal', mean: 600, sd: 60 },
      ],
      [(v) => runMuster({ call: v as string }), 'muster.call', '99:00'],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...cases), ([run, path, value]) => {
        const v = path === 'muster.travel' ? 600 : value;
        expectParameterError(() => run(v), path, value);
      }),
      { numRuns: 60, seed: 34 },
    );
  });

  it('arbitrary junk never crashes with anything but a ParameterError', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (a, b, c) => {
        for (const f of [
          () => checkpointStaffing({ posts: a, pattern: b, handover: c } as any),
          () =>
            runCheckpointFlow({ arrivalRate: a, steps: b, period: '1 h', positions: c } as any, { seed: 1 }),
          () => runMuster({ people: a, villages: b, delay: c } as any, { seed: 1 }),
        ])
          try {
            f();
          } catch (e) {
            expect(e).toBeInstanceOf(ParameterError);
          }
      }),
      { numRuns: 100, seed: 35 },
    );
  });
});
