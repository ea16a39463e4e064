/**
 * StaffedResource: log tests of people working to a roster. Each test makes one assertion on a whole
 * log (the staff trace, the entities' service records, or the capacity over time).
 */
import { describe, expect, test } from 'vitest';
import { Environment, type Proc } from '../../../src/kernel/index.js';
import {
  coverageGaps,
  type PreemptAction,
  type Roster,
  roundTheClock,
  StaffedResource,
  type StaffedResourceOptions,
  type StaffSeat,
  serve,
} from '../../../src/resources/schedule/index.js';

type Log = unknown[][];

/** Entities `[name, arrival, service]` served at `s` with `serve`; logs `[name, outcome, end, people, waited]`. */
function arrive(
  env: Environment,
  s: StaffedResource,
  entities: [string, number, number][],
  log: Log,
  onPreempt: PreemptAction = 'resume',
): void {
  for (const [name, at, service] of entities)
    env.process(
      (function* (): Proc<void> {
        yield* env.timeout(at);
        const r = yield* serve(s, service, { onPreempt });
        log.push([name, r.outcome, env.now, r.people, r.waited]);
      })(),
      { name },
    );
}

function staffed(env: Environment, options: Omit<StaffedResourceOptions, 'trace'>): StaffedResource {
  return new StaffedResource(env, { ...options, trace: true });
}

describe('round-the-clock posts', () => {
  test('a 24-hour post on 12-hour shifts needs exactly two people per position', () => {
    const roster = roundTheClock({ positions: 3, shiftsPerDay: 2 });
    const one = coverageGaps(roster, 3, { from: 0, to: 86400 });
    const short = coverageGaps(roster.slice(1), 3, { from: 0, to: 86400 });
    const env = new Environment();
    const s = staffed(env, { name: 'checkpoint', roster });
    const capacity: number[] = [];
    s.observer = { changed: (_t, _b, _q, c) => capacity.push(c) };
    const atStart = s.capacity;
    env.run(86400 + 1);
    const r = s.results();
    expect({
      people: roster.length,
      covered: one.covered,
      shortCovered: short.covered,
      shortGaps: short.gaps,
      atStart,
      capacityChanges: capacity,
      capacityAtEnd: s.capacity,
      worked: r.people.map((p) => [p.person, p.workedTime, p.onTime]),
    }).toEqual({
      people: 6,
      covered: true,
      shortCovered: false,
      shortGaps: [{ start: 0, end: 43200, required: 3, onShift: 2, shortfall: 1 }],
      atStart: 3,
      // The shift change at 43200 is one staff step with no net change for the inner resource; the
      // only change it sees is the night shift leaving at 86400.
      capacityChanges: [0],
      capacityAtEnd: 0,
      worked: [
        ['staff1.1', 43200, 43200],
        ['staff1.2', 43200, 43200],
        ['staff2.1', 43200, 43200],
        ['staff2.2', 43200, 43200],
        ['staff3.1', 43200, 43200],
        ['staff3.2', 43200, 43200],
      ],
    });
  });
});

describe('a gap in the roster', () => {
  test('shows up as zero capacity and as queueing until the next person arrives', () => {
    const env = new Environment();
    const roster: Roster = [
      { name: 'Li', shifts: [{ start: 0, end: 3600 }] },
      { name: 'Wang', shifts: [{ start: 7200, end: 10800 }] },
    ];
    const s = staffed(env, { name: 'desk', roster });
    const resource: Log = [];
    s.observer = { changed: (t, busy, queued, cap) => resource.push([t, busy, queued, cap]) };
    const log: Log = [];
    arrive(
      env,
      s,
      [
        ['e1', 3000, 100],
        ['e2', 4000, 100],
        ['e3', 5000, 100],
      ],
      log,
    );
    env.run();
    expect({ gaps: coverageGaps(roster, 1, { from: 0, to: 10800 }).gaps, resource, log }).toEqual({
      gaps: [{ start: 3600, end: 7200, required: 1, onShift: 0, shortfall: 1 }],
      resource: [
        [3000, 1, 0, 1],
        [3100, 0, 0, 1],
        [3600, 0, 0, 0], // Li leaves: no capacity
        [4000, 0, 1, 0], // e2 queues
        [5000, 0, 2, 0], // e3 queues
        [7200, 1, 1, 1], // Wang arrives: e2 granted, e3 still waits
        [7300, 1, 0, 1], // e2 done, e3 granted in the same release
        [7400, 0, 0, 1],
        [10800, 0, 0, 0],
      ],
      log: [
        ['e1', 'served', 3100, ['Li'], 0],
        ['e2', 'served', 7300, ['Wang'], 3200],
        ['e3', 'served', 7400, ['Wang'], 2300],
      ],
    });
  });
});

/** A shift change at t=100: A [0, 100), B [100, 200). e1 arrives at 90 needing 30 s, e2 at 95, e3 at 105. */
const CHANGE: Roster = [
  { name: 'A', shifts: [{ start: 0, end: 100, label: 'early' }] },
  { name: 'B', shifts: [{ start: 100, end: 200, label: 'late' }] },
];
const CHANGE_ENTITIES: [string, number, number][] = [
  ['e1', 90, 30],
  ['e2', 95, 30],
  ['e3', 105, 30],
];

describe('a shift ends while its person is serving', () => {
  test('finish: A finishes e1 in 20 s of overtime and takes nobody new; B takes the queue', () => {
    const env = new Environment();
    const s = staffed(env, { name: 'desk', roster: CHANGE, policy: 'finish' });
    const log: Log = [];
    arrive(env, s, CHANGE_ENTITIES, log);
    env.run();
    const r = s.results();
    expect({
      trace: s.trace,
      log,
      people: r.people.map((p) => [p.person, p.served, p.busyTime, p.overtime, p.workedTime, p.utilisation]),
      served: r.served,
    }).toEqual({
      trace: [
        [0, 'A', 'standby'],
        [0, 'A', 'on'],
        [90, 'A', 'serve', 'e1'],
        [100, 'B', 'standby'],
        [100, 'B', 'on'],
        [100, 'A', 'leaving'],
        [100, 'B', 'serve', 'e2'],
        [120, 'A', 'done', 'e1'],
        [120, 'A', 'off'],
        [130, 'B', 'done', 'e2'],
        [130, 'B', 'serve', 'e3'],
        [160, 'B', 'done', 'e3'],
        [200, 'B', 'off'],
      ],
      log: [
        ['e1', 'served', 120, ['A'], 0],
        ['e2', 'served', 130, ['B'], 5],
        ['e3', 'served', 160, ['B'], 25],
      ],
      // [person, served, busy, overtime, worked (rostered + overtime), busy / (on + finishing)]
      people: [
        ['A', 1, 30, 20, 120, 30 / 120],
        ['B', 2, 60, 0, 100, 60 / 100],
      ],
      served: 3,
    });
  });

  test('preempt: A hands e1 over to B, who continues it without interruption', () => {
    const env = new Environment();
    const s = staffed(env, { name: 'desk', roster: CHANGE, policy: 'preempt' });
    const log: Log = [];
    arrive(env, s, CHANGE_ENTITIES, log);
    env.run();
    const r = s.results();
    expect({ trace: s.trace, log, handovers: r.handovers, preemptions: r.preemptions }).toEqual({
      trace: [
        [0, 'A', 'standby'],
        [0, 'A', 'on'],
        [90, 'A', 'serve', 'e1'],
        [100, 'B', 'standby'],
        [100, 'B', 'on'],
        [100, 'A', 'leaving'],
        [100, 'B', 'handover', 'e1'],
        [100, 'A', 'off'],
        [120, 'B', 'done', 'e1'],
        [120, 'B', 'serve', 'e2'],
        [150, 'B', 'done', 'e2'],
        [150, 'B', 'serve', 'e3'],
        [180, 'B', 'done', 'e3'],
        [200, 'B', 'off'],
      ],
      log: [
        ['e1', 'served', 120, ['A', 'B'], 0],
        ['e2', 'served', 150, ['B'], 25],
        ['e3', 'served', 180, ['B'], 45],
      ],
      handovers: 1,
      preemptions: 0,
    });
  });

  test.each([
    ['resume', 170, 20],
    ['restart', 180, 30],
  ] as const)('preempt with nobody to hand over to: e1 is interrupted, waits for B and %s', (onPreempt, end, served) => {
    const env = new Environment();
    const roster: Roster = [
      { name: 'A', shifts: [{ start: 0, end: 100 }] },
      { name: 'B', shifts: [{ start: 150, end: 250 }] },
    ];
    const s = staffed(env, { name: 'desk', roster, policy: 'preempt' });
    const log: Log = [];
    arrive(env, s, [['e1', 90, 30]], log, onPreempt);
    env.run();
    expect({
      trace: s.trace.filter((row) => row[3] !== undefined),
      log,
      preemptions: s.results().preemptions,
    }).toEqual({
      trace: [
        [90, 'A', 'serve', 'e1'],
        [100, 'A', 'preempted', 'e1'],
        [150, 'B', 'serve', 'e1'],
        [150 + served, 'B', 'done', 'e1'],
      ],
      log: [['e1', 'served', end, ['A', 'B'], 50]],
      preemptions: 1,
    });
  });
});

describe('callback style (seize / free)', () => {
  test('the seat names the person; a seat outlives its shift end with finish, and counts add up', () => {
    const env = new Environment();
    const s = staffed(env, { name: 'desk', roster: CHANGE, policy: 'finish' });
    const log: Log = [];
    const start = (id: string, seat: StaffSeat) => {
      log.push([env.now, id, 'start', seat.person!.name]);
      env.schedule(30, () => {
        log.push([env.now, id, 'end', seat.person!.name]);
        s.free(seat);
      });
    };
    for (const [id, at] of [
      ['e1', 90],
      ['e2', 95],
      ['e3', 105],
    ] as const)
      env.schedule(at, () => s.seize(start, id));
    env.run();
    const r = s.results();
    expect({ log, served: r.people.map((p) => [p.person, p.served, p.overtime]), total: r.served }).toEqual({
      log: [
        [90, 'e1', 'start', 'A'],
        [100, 'e2', 'start', 'B'],
        [120, 'e1', 'end', 'A'],
        [130, 'e2', 'end', 'B'],
        [130, 'e3', 'start', 'B'],
        [160, 'e3', 'end', 'B'],
      ],
      served: [
        ['A', 1, 20],
        ['B', 2, 0],
      ],
      total: 3,
    });
  });

  test('with preempt a callback user is handed over, never interrupted', () => {
    const env = new Environment();
    const s = staffed(env, { name: 'desk', roster: CHANGE, policy: 'preempt' });
    const log: Log = [];
    env.schedule(90, () =>
      s.seize((id: string, seat) => {
        log.push([env.now, id, 'start', seat.person!.name]);
        env.schedule(30, () => {
          log.push([env.now, id, 'end', seat.person!.name]);
          s.free(seat);
        });
      }, 'e1'),
    );
    env.run();
    expect([log, s.results().people.map((p) => [p.person, p.served, p.busyTime])]).toEqual([
      [
        [90, 'e1', 'start', 'A'],
        [120, 'e1', 'end', 'B'],
      ],
      [
        ['A', 0, 10],
        ['B', 1, 20],
      ],
    ]);
  });
});

describe('work limits (protective-suit rotation)', () => {
  test('one position, two people: rotate every 2 h with a 30 min rest and a 10 min changeover', () => {
    const env = new Environment();
    const roster: Roster = [
      { name: 'P1', shifts: [{ start: 0, end: 28800 }] },
      { name: 'P2', shifts: [{ start: 0, end: 28800 }] },
    ];
    const s = staffed(env, {
      name: 'swab',
      roster,
      positions: 1,
      workLimit: { maxContinuous: 7200, rest: 1800, changeover: 600 },
    });
    const capacity: Log = [];
    s.observer = { changed: (t, _b, _q, c) => capacity.push([t, c]) };
    env.run(28801);
    const r = s.results();
    expect({
      trace: s.trace,
      capacity,
      people: r.people.map((p) => [
        p.person,
        p.onTime,
        p.changeoverTime,
        p.restTime,
        p.standbyTime,
        p.workedTime,
        p.rotations,
      ]),
    }).toEqual({
      trace: [
        [0, 'P1', 'standby'],
        [0, 'P2', 'standby'],
        [0, 'P1', 'on'], // first take-up of the shift, at its start: no changeover
        [7200, 'P1', 'resting'], // idle at the limit: straight to rest
        [7200, 'P2', 'changeover'],
        [7800, 'P2', 'on'],
        [9000, 'P1', 'standby'],
        [15000, 'P2', 'resting'], // idle at the limit: straight to rest
        [15000, 'P1', 'changeover'],
        [15600, 'P1', 'on'],
        [16800, 'P2', 'standby'],
        [22800, 'P1', 'resting'], // idle at the limit: straight to rest
        [22800, 'P2', 'changeover'],
        [23400, 'P2', 'on'],
        [24600, 'P1', 'standby'],
        [28800, 'P1', 'off'],
        [28800, 'P2', 'off'], // shift end before the next limit (23400 + 7200)
      ],
      // The position is empty during each changeover.
      capacity: [
        [7200, 0],
        [7800, 1],
        [15000, 0],
        [15600, 1],
        [22800, 0],
        [23400, 1],
        [28800, 0],
      ],
      // [person, on, changeover, rest, standby, worked, rotations]
      people: [
        ['P1', 14400, 600, 3600, 6000 + 4200, 28800, 2],
        ['P2', 7200 + 5400, 1200, 1800, 7200 + 6000, 28800, 1],
      ],
    });
  });

  test('no reserve: the person rests and changes over themselves, leaving the post empty meanwhile', () => {
    const env = new Environment();
    const s = staffed(env, {
      name: 'swab',
      roster: [{ name: 'P', shifts: [{ start: 0, end: 21600 }] }],
      workLimit: { maxContinuous: 7200, rest: 1200, changeover: 600 },
    });
    const log: Log = [];
    arrive(env, s, [['e1', 7100, 300]], log, 'resume');
    env.run();
    expect({ trace: s.trace, log, overtime: s.results().people[0]?.overtime }).toEqual({
      trace: [
        [0, 'P', 'standby'],
        [0, 'P', 'on'],
        [7100, 'P', 'serve', 'e1'],
        [7200, 'P', 'leaving'], // policy finish: the limit is reached mid-swab, P finishes it
        [7400, 'P', 'done', 'e1'],
        [7400, 'P', 'resting'], // the rest starts when the work ends
        [8600, 'P', 'standby'],
        [8600, 'P', 'changeover'],
        [9200, 'P', 'on'],
        [16400, 'P', 'resting'], // idle at the limit: straight to rest
        [17600, 'P', 'standby'],
        [17600, 'P', 'changeover'],
        [18200, 'P', 'on'],
        [21600, 'P', 'off'],
      ],
      log: [['e1', 'served', 7400, ['P'], 0]],
      overtime: 0, // finishing past a work limit is not overtime: it is within the rostered shift
    });
  });
});

describe('roster breaks and handover windows', () => {
  test('nobody new is served during a break or a handover window; hours count the rostered presence', () => {
    const env = new Environment();
    const roster: Roster = [
      { name: 'Li', shifts: [{ start: 0, end: 1000, breaks: [{ start: 300, end: 400 }], handover: 100 }] },
    ];
    const s = staffed(env, { name: 'desk', roster });
    const log: Log = [];
    arrive(
      env,
      s,
      [
        ['e1', 250, 100],
        ['e2', 310, 10],
        ['e3', 905, 10],
      ],
      log,
    );
    env.run(1500);
    const r = s.results();
    expect({
      trace: s.trace,
      log,
      person: r.people.map((p) => [p.onTime, p.finishingTime, p.overtime, p.workedTime]),
    }).toEqual({
      trace: [
        [0, 'Li', 'standby'],
        [0, 'Li', 'on'],
        [250, 'Li', 'serve', 'e1'],
        [300, 'Li', 'leaving'], // break starts: finish e1 first
        [350, 'Li', 'done', 'e1'],
        [350, 'Li', 'off'],
        [400, 'Li', 'standby'],
        [400, 'Li', 'on'],
        [400, 'Li', 'serve', 'e2'],
        [410, 'Li', 'done', 'e2'],
        [900, 'Li', 'off'], // handover window: nobody new (e3 arrives at 905 and waits for ever)
      ],
      log: [
        ['e1', 'served', 350, ['Li'], 0],
        ['e2', 'served', 410, ['Li'], 90],
      ],
      // on = 300 + 500; finishing 50 of which 50 past the break start is overtime; worked = 900 + 50
      person: [[800, 50, 50, 950]],
    });
  });
});

describe('reserves, urgent requests and options', () => {
  test('preempt with a position cap: at the shift change the incoming reserve takes up the position and the entity', () => {
    const env = new Environment();
    const roster: Roster = [
      { name: 'A', shifts: [{ start: 0, end: 100 }] },
      { name: 'B', shifts: [{ start: 0, end: 200 }] }, // on shift all along, but only one position
    ];
    const s = staffed(env, { name: 'desk', roster, policy: 'preempt', positions: 1 });
    const log: Log = [];
    arrive(env, s, [['e1', 90, 30]], log);
    env.run();
    expect({ trace: s.trace, log, handovers: s.handovers }).toEqual({
      trace: [
        [0, 'A', 'standby'],
        [0, 'B', 'standby'],
        [0, 'A', 'on'],
        [90, 'A', 'serve', 'e1'],
        [100, 'A', 'leaving'],
        [100, 'B', 'on'], // no work limit, so no changeover
        [100, 'B', 'handover', 'e1'],
        [100, 'A', 'off'],
        [120, 'B', 'done', 'e1'],
        [200, 'B', 'off'],
      ],
      log: [['e1', 'served', 120, ['A', 'B'], 0]],
      handovers: 1,
    });
  });

  test('an urgent request preempts a less urgent entity; the same person serves it', () => {
    const env = new Environment();
    const s = staffed(env, { name: 'desk', roster: [{ name: 'Li', shifts: [{ start: 0, end: 1000 }] }] });
    const log: Log = [];
    env.process(
      (function* (): Proc<void> {
        const r = yield* serve(s, 100, { priority: 5 });
        log.push(['routine', env.now, r.people, r.preemptions]);
      })(),
    );
    env.process(
      (function* (): Proc<void> {
        yield* env.timeout(40);
        const r = yield* serve(s, 10, { priority: 0, preempt: true });
        log.push(['urgent', env.now, r.people, r.preemptions]);
      })(),
    );
    env.run();
    expect([log, s.results().people[0]?.served, s.results().people[0]?.busyTime]).toEqual([
      [
        ['urgent', 50, ['Li'], 0],
        ['routine', 110, ['Li', 'Li'], 1], // 40 s done, then the remaining 60 s from 50
      ],
      2,
      110,
    ]);
  });

  test('`using` releases the grant when the block ends', () => {
    const env = new Environment();
    const s = staffed(env, { name: 'desk', roster: [{ name: 'Li', shifts: [{ start: 0, end: 1000 }] }] });
    env.process(
      (function* (): Proc<void> {
        using grant = yield* s.request();
        yield* env.timeout(5);
        expect(grant.person?.name).toBe('Li');
      })(),
    );
    env.run();
    expect([s.busy, s.served, s.results().people[0]?.busyTime]).toEqual([0, 1, 5]);
  });

  test('per-shift results: served, busy, overtime and hours per shift', () => {
    const env = new Environment();
    const roster: Roster = [
      {
        name: 'Li',
        shifts: [
          { start: 0, end: 100, label: 'early' },
          { start: 200, end: 300, label: 'late' },
        ],
      },
    ];
    const s = staffed(env, { name: 'desk', roster });
    arrive(
      env,
      s,
      [
        ['e1', 90, 30],
        ['e2', 250, 10],
      ],
      [],
    );
    env.run();
    expect(s.results().shifts).toEqual([
      {
        person: 'Li',
        shift: 0,
        label: 'early',
        start: 0,
        end: 100,
        served: 1,
        busyTime: 30,
        onTime: 100,
        finishingTime: 20,
        overtime: 20,
        workedTime: 120,
        utilisation: 30 / 120,
      },
      {
        person: 'Li',
        shift: 1,
        label: 'late',
        start: 200,
        end: 300,
        served: 1,
        busyTime: 10,
        onTime: 100,
        finishingTime: 0,
        overtime: 0,
        workedTime: 100,
        utilisation: 10 / 100,
      },
    ]);
  });

  test('bad options are named', () => {
    const env = new Environment();
    const roster: Roster = [{ name: 'Li', shifts: [{ start: 0, end: 10 }] }];
    const bad: [Partial<StaffedResourceOptions>, string][] = [
      [{ positions: -1 }, 'staffed(s).positions: expected an integer ≥ 0 or Infinity, got -1'],
      [{ policy: 'drop' as never }, 'staffed(s).policy: expected one of "finish", "preempt", got "drop"'],
      [
        { workLimit: { maxContinuous: 0 } },
        'staffed(s).workLimit.maxContinuous: expected a finite number > 0, got 0',
      ],
      [
        { workLimit: { maxContinuous: 10, rest: -1 } },
        'staffed(s).workLimit.rest: expected a finite number ≥ 0, got -1',
      ],
      [
        { roster: [{ name: 'Li', shifts: [{ start: 10, end: 0 }] }] },
        'staffed(s).roster[0].shifts[0].end: expected a time after start (10), got 0',
      ],
    ];
    expect(
      bad.map(([o]) => {
        try {
          new StaffedResource(env, { name: 's', roster, ...o });
          return 'no error';
        } catch (e) {
          return (e as Error).message;
        }
      }),
    ).toEqual(bad.map(([, m]) => m));
    expect(env.pending).toBe(0);
  });

  test('default names count per environment: the same in every replication run in one process', () => {
    const roster: Roster = [{ name: 'Li', shifts: [{ start: 0, end: 10 }] }];
    const names = () => {
      const env = new Environment();
      return [new StaffedResource(env, { roster }).name, new StaffedResource(env, { roster }).name];
    };
    expect([names(), names()]).toEqual([
      ['staffed#1', 'staffed#2'],
      ['staffed#1', 'staffed#2'],
    ]);
  });

  test('amount other than 1 is refused: a person serves one entity', () => {
    const env = new Environment();
    const swab = new StaffedResource(env, {
      name: 'swab',
      roster: [{ name: 'Li', shifts: [{ start: 0, end: 10 }] }],
    });
    expect(() => swab.request({ amount: 2 })).toThrow(
      'request to staffed resource swab: amount must be 1 (a person serves one entity), got 2',
    );
  });
});

describe('same-instant staff changes', () => {
  test('back-to-back shifts of one person: they carry on serving, and each shift gets its own hours', () => {
    const env = new Environment();
    const roster: Roster = [
      {
        name: 'Li',
        shifts: [
          { start: 0, end: 20, label: 'first' },
          { start: 20, end: 40, label: 'second' },
        ],
      },
    ];
    const s = staffed(env, { name: 'desk', roster, policy: 'preempt' });
    const log: Log = [];
    arrive(env, s, [['e1', 10, 20]], log);
    env.run();
    expect([log, s.results().shifts.map((x) => [x.label, x.onTime, x.busyTime, x.served])]).toEqual([
      [['e1', 'served', 30, ['Li'], 0]],
      [
        ['first', 20, 10, 0],
        ['second', 20, 10, 1],
      ],
    ]);
  });

  test('preempt: no handover to a colleague whose shift ends at the same instant', () => {
    const env = new Environment();
    const roster: Roster = [
      { name: 'A', shifts: [{ start: 0, end: 100 }] },
      { name: 'B', shifts: [{ start: 0, end: 100 }] },
      { name: 'C', shifts: [{ start: 150, end: 300 }] },
    ];
    const s = staffed(env, { name: 'desk', roster, policy: 'preempt' });
    const log: Log = [];
    arrive(env, s, [['e1', 90, 30]], log);
    env.run();
    expect([s.trace.filter((row) => row[3] !== undefined), log, s.handovers]).toEqual([
      [
        [90, 'A', 'serve', 'e1'],
        [100, 'A', 'preempted', 'e1'], // B is free but leaves at 100 too
        [150, 'C', 'serve', 'e1'],
        [170, 'C', 'done', 'e1'],
      ],
      [['e1', 'served', 170, ['A', 'C'], 50]],
      0,
    ]);
  });
});

test('created mid-shift: people already on shift start at once, without a changeover', () => {
  const env = new Environment({ startTime: 500 });
  const s = staffed(env, {
    name: 'desk',
    roster: [{ name: 'Li', shifts: [{ start: 0, end: 1000 }] }],
    workLimit: { maxContinuous: 300, changeover: 60 },
  });
  env.run(1001);
  expect([s.trace[1], s.trace.slice(2)]).toEqual([
    [500, 'Li', 'on'],
    [
      [800, 'Li', 'standby'],
      [800, 'Li', 'changeover'],
      [860, 'Li', 'on'],
      [1000, 'Li', 'off'],
    ],
  ]);
});

test('a work limit falling exactly on a back-to-back shift boundary still applies', () => {
  const env = new Environment();
  const s = staffed(env, {
    name: 'desk',
    roster: [
      {
        name: 'Li',
        shifts: [
          { start: 0, end: 100 },
          { start: 100, end: 200 },
        ],
      },
    ],
    workLimit: { maxContinuous: 100, rest: 10, changeover: 5 },
  });
  env.run(201);
  expect(s.trace).toEqual([
    [0, 'Li', 'standby'],
    [0, 'Li', 'on'],
    [100, 'Li', 'resting'], // carried over into the second shift, then stopped by the limit
    [110, 'Li', 'standby'],
    [110, 'Li', 'changeover'],
    [115, 'Li', 'on'],
    [200, 'Li', 'off'],
  ]);
});

test('fewer positions at run time: the latest take-up stops (finishing first, with finish) and stands by', () => {
  const env = new Environment();
  const roster: Roster = [
    { name: 'A', shifts: [{ start: 0, end: 1000 }] },
    { name: 'B', shifts: [{ start: 10, end: 1000 }] },
  ];
  const s = staffed(env, { name: 'desk', roster });
  const log: Log = [];
  arrive(
    env,
    s,
    [
      ['e1', 20, 100],
      ['e2', 30, 10],
    ],
    log,
  );
  env.schedule(35, () => s.setPositions(1));
  env.schedule(500, () => s.setPositions(2));
  env.run(1001);
  expect([s.trace, log]).toEqual([
    [
      [0, 'A', 'standby'],
      [0, 'A', 'on'],
      [10, 'B', 'standby'],
      [10, 'B', 'on'],
      [20, 'A', 'serve', 'e1'],
      [30, 'B', 'serve', 'e2'],
      [35, 'B', 'leaving'], // B took up last: stops, finishes e2 (policy finish)...
      [40, 'B', 'done', 'e2'],
      [40, 'B', 'standby'], // ...then stands by
      [120, 'A', 'done', 'e1'],
      [500, 'B', 'on'],
      [1000, 'A', 'off'],
      [1000, 'B', 'off'],
    ],
    [
      ['e2', 'served', 40, ['B'], 0],
      ['e1', 'served', 120, ['A'], 0],
    ],
  ]);
});
