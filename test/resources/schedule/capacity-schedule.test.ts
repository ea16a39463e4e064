/**
 * Capacity schedules and the serve helper: log tests (one assertion on the whole log) of a capacity
 * drop in the middle of service under each policy and each preemption action.
 *
 * The common scenario: a swab desk with 2 units; the schedule says 2 from t=0, 1 from t=10, 2 from
 * t=30. Three residents a, b, c arrive at t=0 needing 25 s each. a and b start at 0; c waits.
 */
import { describe, expect, test } from 'vitest';
import { Environment } from '../../../src/kernel/index.js';
import { Resource } from '../../../src/resources/resource.js';
import {
  applyCapacitySchedule,
  capacityAt,
  type PreemptAction,
  serve,
  validateCapacitySchedule,
} from '../../../src/resources/schedule/index.js';

const STEPS = [
  { from: 0, capacity: 2 },
  { from: 10, capacity: 1 },
  { from: 30, capacity: 2 },
];

function dropMidService(policy: 'finish' | 'preempt', onPreempt: PreemptAction = 'resume') {
  const env = new Environment();
  const desk = new Resource(env, { name: 'swab', capacity: 2 });
  applyCapacitySchedule(desk, { steps: STEPS, policy });
  const log: unknown[][] = [];
  desk.observer = { changed: (t, busy, queued, cap) => log.push(['desk', t, busy, queued, cap]) };
  // With 'resample', each resident draws from its own list: b's second draw is 5 s.
  const draws: Record<string, number[]> = { a: [25], b: [25, 5], c: [25] };
  for (const name of ['a', 'b', 'c'])
    env.process(
      (function* () {
        const duration = onPreempt === 'resample' ? () => draws[name]?.shift() ?? 25 : 25;
        const s = yield* serve(desk, duration, { onPreempt });
        log.push([
          name,
          s.outcome,
          env.now,
          { waited: s.waited, done: s.workDone, lost: s.workLost, preempted: s.preemptions },
        ]);
      })(),
      { name },
    );
  env.run();
  return log;
}

describe('a capacity drop while units are busy', () => {
  test('finish: both users finish; the retired unit is not reused; c starts when b leaves', () => {
    expect(dropMidService('finish')).toEqual([
      ['desk', 0, 1, 0, 2], // a granted
      ['desk', 0, 2, 0, 2], // b granted
      ['desk', 0, 2, 1, 2], // c queues
      ['desk', 10, 2, 1, 1], // capacity 1: nobody interrupted
      ['desk', 25, 1, 1, 1], // a leaves: busy 1 = capacity 1, c keeps waiting
      ['a', 'served', 25, { waited: 0, done: 25, lost: 0, preempted: 0 }],
      ['desk', 25, 1, 0, 1], // b leaves, c granted in the same release
      ['b', 'served', 25, { waited: 0, done: 25, lost: 0, preempted: 0 }],
      ['desk', 30, 1, 0, 2],
      ['desk', 50, 0, 0, 2],
      ['c', 'served', 50, { waited: 25, done: 25, lost: 0, preempted: 0 }],
    ]);
  });

  test('preempt + resume: b (latest granted) is interrupted at 10, requeues behind c, serves the remaining 15 s from 30', () => {
    expect(dropMidService('preempt', 'resume')).toEqual([
      ['desk', 0, 1, 0, 2],
      ['desk', 0, 2, 0, 2],
      ['desk', 0, 2, 1, 2],
      ['desk', 10, 1, 1, 1], // b preempted
      ['desk', 10, 1, 2, 1], // b requeues behind c
      ['desk', 25, 1, 1, 1], // a leaves, c granted
      ['a', 'served', 25, { waited: 0, done: 25, lost: 0, preempted: 0 }],
      ['desk', 30, 2, 0, 2], // capacity 2: b granted
      ['desk', 45, 1, 0, 2],
      ['b', 'served', 45, { waited: 20, done: 25, lost: 0, preempted: 1 }],
      ['desk', 50, 0, 0, 2],
      ['c', 'served', 50, { waited: 25, done: 25, lost: 0, preempted: 0 }],
    ]);
  });

  test('preempt + restart: b starts its 25 s over at 30 and loses the 10 s it had done', () => {
    expect(dropMidService('preempt', 'restart').filter((row) => row[0] !== 'desk')).toEqual([
      ['a', 'served', 25, { waited: 0, done: 25, lost: 0, preempted: 0 }],
      ['c', 'served', 50, { waited: 25, done: 25, lost: 0, preempted: 0 }],
      ['b', 'served', 55, { waited: 20, done: 25, lost: 10, preempted: 1 }],
    ]);
  });

  test('preempt + resample: b draws a new service time (5 s) after losing 10 s', () => {
    expect(dropMidService('preempt', 'resample').filter((row) => row[0] !== 'desk')).toEqual([
      ['a', 'served', 25, { waited: 0, done: 25, lost: 0, preempted: 0 }],
      ['b', 'served', 35, { waited: 20, done: 5, lost: 10, preempted: 1 }],
      ['c', 'served', 50, { waited: 25, done: 25, lost: 0, preempted: 0 }],
    ]);
  });

  test('preempt + abandon: b leaves at 10 with its 10 s of work lost', () => {
    expect(dropMidService('preempt', 'abandon').filter((row) => row[0] !== 'desk')).toEqual([
      ['b', 'abandoned', 10, { waited: 0, done: 0, lost: 10, preempted: 1 }],
      ['a', 'served', 25, { waited: 0, done: 25, lost: 0, preempted: 0 }],
      ['c', 'served', 50, { waited: 25, done: 25, lost: 0, preempted: 0 }],
    ]);
  });
});

describe('schedules on the calendar', () => {
  test('a daily schedule repeats; each change is one calendar entry, due at the change', () => {
    const env = new Environment();
    const desk = new Resource(env, { name: 'desk', capacity: 1 });
    const log: unknown[][] = [];
    desk.observer = { changed: (t, _b, _q, cap) => log.push([t, cap]) };
    const h = applyCapacitySchedule(desk, {
      steps: [
        { from: 6 * 3600, capacity: 4 },
        { from: 22 * 3600, capacity: 1 },
      ],
      period: 86400,
    });
    // At t=0 (midnight) the night step of the previous day holds: 1 (unchanged, no call).
    expect([desk.capacity, h.next, env.pending]).toEqual([1, 6 * 3600, 1]);
    env.run(2 * 86400 + 1);
    expect(log).toEqual([
      [21600, 4],
      [79200, 1],
      [108000, 4],
      [165600, 1],
    ]);
    h.stop();
    expect([h.next, Number.isFinite(h.next)]).toEqual([Number.POSITIVE_INFINITY, false]);
  });

  test('a change applies before ordinary events at the same instant', () => {
    const env = new Environment();
    const desk = new Resource(env, { name: 'desk', capacity: 1 });
    desk.setCapacity(0);
    applyCapacitySchedule(desk, { steps: [{ from: 100, capacity: 1 }] });
    const log: unknown[][] = [];
    env.schedule(100, () => log.push(['arrival sees capacity', desk.capacity]));
    env.run();
    expect(log).toEqual([['arrival sees capacity', 1]]);
  });

  test('a schedule applied mid-cycle sets the capacity in force at once', () => {
    const env = new Environment({ startTime: 90000 });
    const desk = new Resource(env, { name: 'desk', capacity: 1 });
    const h = applyCapacitySchedule(desk, {
      steps: [
        { from: 0, capacity: 2 },
        { from: 7200, capacity: 8 },
      ],
      period: 86400,
    });
    expect([desk.capacity, h.next]).toEqual([2, 86400 + 7200]);
  });

  test('capacityAt is the pure reading of the same schedule', () => {
    const daily = {
      steps: [
        { from: 3600, capacity: 2 },
        { from: 7200, capacity: 6 },
      ],
      period: 86400,
    };
    expect([0, 3600, 7199, 7200, 86400 + 3599, 86400 + 3600, -1].map((t) => capacityAt(daily, t))).toEqual([
      6, 2, 2, 6, 6, 2, 6,
    ]);
    expect([
      capacityAt({ steps: [{ from: 10, capacity: 3 }] }, 9),
      capacityAt({ steps: [{ from: 10, capacity: 3 }] }, 10),
    ]).toEqual([undefined, 3]);
  });
});

describe('bad schedules throw before the run, naming the path', () => {
  const cases: [string, unknown, string][] = [
    ['empty', { steps: [] }, 'schedule.steps: expected a non-empty array of { from, capacity }, got []'],
    [
      'out of order',
      {
        steps: [
          { from: 0, capacity: 1 },
          { from: 7200, capacity: 2 },
          { from: 3600, capacity: 1 },
        ],
      },
      'schedule.steps[2].from: expected a time after steps[1].from (7200), got 3600',
    ],
    [
      'negative capacity',
      { steps: [{ from: 0, capacity: -1 }] },
      'schedule.steps[0].capacity: expected an integer ≥ 0 or Infinity, got -1',
    ],
    [
      'fractional capacity',
      { steps: [{ from: 0, capacity: 1.5 }] },
      'schedule.steps[0].capacity: expected an integer ≥ 0 or Infinity, got 1.5',
    ],
    [
      'from beyond the period',
      { steps: [{ from: 90000, capacity: 1 }], period: 86400 },
      'schedule.steps[0].from: expected a time within the period [0, 86400), got 90000',
    ],
    [
      'bad period',
      { steps: [{ from: 0, capacity: 1 }], period: 0 },
      'schedule.period: expected a finite number > 0, got 0',
    ],
    [
      'bad policy',
      { steps: [{ from: 0, capacity: 1 }], policy: 'drop' },
      'schedule.policy: expected one of "finish", "preempt", got "drop"',
    ],
    [
      'time as a string',
      { steps: [{ from: '2 h', capacity: 1 }] },
      'schedule.steps[0].from: expected a finite number, got "2 h"',
    ],
  ];
  test.each(cases)('%s', (_name, schedule, message) => {
    expect(() => validateCapacitySchedule(schedule as never)).toThrow(message);
  });

  test('applyCapacitySchedule names the resource in the path', () => {
    const env = new Environment();
    const desk = new Resource(env, { name: 'swab', capacity: 1 });
    expect(() => applyCapacitySchedule(desk, { steps: [{ from: 0, capacity: -2 }] })).toThrow(
      'resource(swab).schedule.steps[0].capacity: expected an integer ≥ 0 or Infinity, got -2',
    );
    expect(env.pending).toBe(0);
  });
});

test('serve rejects a bad preemption action, naming the parameter and the process', () => {
  const env = new Environment();
  const desk = new Resource(env, { name: 'desk', capacity: 1 });
  env.process(
    (function* () {
      yield* serve(desk, 10, { onPreempt: 'requeue' as never });
    })(),
    { name: 'resident#1' },
  );
  expect(() => env.run()).toThrow(
    'resident#1 at t=0.00: serve.onPreempt: expected one of "resume", "restart", "resample", "abandon", got "requeue"',
  );
});
