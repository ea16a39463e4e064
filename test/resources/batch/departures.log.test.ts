/**
 * Log tests of {@link Departures}: passengers and vehicles push `[time, what, ...]` into a log, and each
 * test asserts the whole log (or the whole list of trips), so the expectation is the specification of
 * who leaves on which vehicle, when, and why.
 */
import { describe, expect, test } from 'vitest';
import { Environment, SimulationError } from '../../../src/kernel/index.js';
import { Departures, type Trip } from '../../../src/resources/batch/index.js';

type Log = unknown[][];

/** `[reason, vehicle, scheduledAt, departedAt, passengers]` per trip. */
function tripRows<T>(d: Departures<T>): unknown[][] {
  return d.trips.map((t) => [t.reason, t.vehicle, t.scheduledAt, t.departedAt, [...t.passengers]]);
}

/** Passenger processes arriving at the given times, named p0, p1, ...; each logs its trip. */
function passengers(env: Environment, d: Departures<string>, times: readonly number[], log: Log): void {
  times.forEach((t, i) => {
    const name = `p${i}`;
    env.process(
      (function* () {
        yield* env.timeout(t);
        const trip = yield* d.board(name);
        log.push([env.now, name, 'on trip', trip.id, 'vehicle', trip.vehicle]);
      })(),
      { name },
    );
  });
}

describe('leave when full vs on the timetable', () => {
  test('leave when full (no timetable): a vehicle leaves the moment its capacity waits; dispatch sends the rest', () => {
    const env = new Environment();
    const d = new Departures<string>(env, { name: 'shuttle', seats: 4 });
    const log: Log = [];
    passengers(
      env,
      d,
      Array.from({ length: 10 }, (_, i) => i),
      log,
    );
    env.schedule(20, () => log.push([env.now, 'dispatch', d.dispatch()?.id, d.dispatch()]));
    env.run();
    expect([tripRows(d), log.filter((r) => r[1] === 'dispatch')]).toEqual([
      [
        ['full', 1, null, 3, ['p0', 'p1', 'p2', 'p3']],
        ['full', 2, null, 7, ['p4', 'p5', 'p6', 'p7']],
        ['dispatch', 3, null, 20, ['p8', 'p9']],
      ],
      // the second dispatch finds nobody waiting: no trip
      [[20, 'dispatch', 3, null]],
    ]);
  });

  test('timetable only: departures at 5, 10, 15 take the first 4 in line; a passenger arriving at 5 makes the 5 o’clock', () => {
    const env = new Environment();
    const d = new Departures<string>(env, { name: 'bus', seats: 4, timetable: [5, 10, 15] });
    const log: Log = [];
    passengers(
      env,
      d,
      Array.from({ length: 10 }, (_, i) => i),
      log,
    );
    env.run();
    expect([tripRows(d), d.trips.map((t) => t.waits)]).toEqual([
      [
        ['schedule', 1, 5, 5, ['p0', 'p1', 'p2', 'p3']],
        ['schedule', 2, 10, 10, ['p4', 'p5', 'p6', 'p7']],
        ['schedule', 3, 15, 15, ['p8', 'p9']],
      ],
      [
        [5, 4, 3, 2],
        [6, 5, 4, 3],
        [7, 6],
      ],
    ]);
  });

  test('late passengers wait for the next departure, FIFO; passengers resume in line order', () => {
    const env = new Environment();
    const d = new Departures<string>(env, { name: 'bus', seats: 2, timetable: [100, 200, 300] });
    const log: Log = [];
    passengers(env, d, [0, 10, 20, 150, 250], log);
    env.run();
    expect([log, d.skipped]).toEqual([
      [
        [100, 'p0', 'on trip', 1, 'vehicle', 1],
        [100, 'p1', 'on trip', 1, 'vehicle', 1],
        [200, 'p2', 'on trip', 2, 'vehicle', 2],
        [200, 'p3', 'on trip', 2, 'vehicle', 2],
        [300, 'p4', 'on trip', 3, 'vehicle', 3],
      ],
      0,
    ]);
  });

  test('timetable with leaveWhenFull: full vehicles leave early, the timetable still runs', () => {
    const env = new Environment();
    const d = new Departures<string>(env, {
      name: 'bus',
      seats: 3,
      timetable: { start: 100, interval: 100, count: 3 },
      leaveWhenFull: true,
    });
    const log: Log = [];
    passengers(env, d, [0, 10, 20, 30, 40, 250], log);
    env.run();
    expect([tripRows(d), d.skipped]).toEqual([
      [
        ['full', 1, null, 20, ['p0', 'p1', 'p2']],
        ['schedule', 2, 100, 100, ['p3', 'p4']],
        ['schedule', 3, 300, 300, ['p5']],
      ],
      1, // t=200: nobody waiting, the bus does not run
    ]);
  });

  test('departEmpty runs every timetabled vehicle; perDeparture sends several at once', () => {
    const env = new Environment();
    const d = new Departures<string>(env, {
      name: 'convoy',
      seats: 2,
      perDeparture: 3,
      departEmpty: true,
      timetable: [10, 20],
    });
    passengers(env, d, [0, 0, 0, 0, 0], []);
    env.run();
    expect(d.trips.map((t) => [t.scheduledAt, t.vehicle, t.load])).toEqual([
      [10, 1, 2],
      [10, 2, 2],
      [10, 3, 1],
      [20, 4, 0],
      [20, 5, 0],
      [20, 6, 0],
    ]);
  });
});

describe('seat limits', () => {
  test('45 seats at a 50 % load cap carry 22', () => {
    const env = new Environment();
    const d = new Departures<number>(env, { name: 'bus', seats: 45, loadCap: 0.5, timetable: [600] });
    expect(d.capacity).toBe(22);
    for (let i = 0; i < 50; i++) d.board(i);
    env.run();
    expect(d.trips.map((t) => [t.reason, t.load, t.capacity, t.seats])).toEqual([['schedule', 22, 22, 45]]);
    expect(d.accounting()).toEqual({ arrived: 50, departed: 22, waiting: 28, cancelled: 0, left: 0 });
  });

  test('45 seats at 50 %, leaving when full, then the timetable takes the rest', () => {
    const env = new Environment();
    const d = new Departures<number>(env, {
      name: 'bus',
      seats: 45,
      loadCap: 0.5,
      timetable: [600],
      leaveWhenFull: true,
    });
    for (let i = 0; i < 50; i++) d.board(i);
    env.run();
    expect(d.trips.map((t) => [t.reason, t.departedAt, t.load])).toEqual([
      ['full', 0, 22],
      ['full', 0, 22],
      ['schedule', 600, 6],
    ]);
  });

  test('a load cap just below an integer product is not lost to rounding (100 seats × 0.29 = 29)', () => {
    const env = new Environment();
    expect(new Departures<number>(env, { seats: 100, loadCap: 0.29 }).capacity).toBe(29);
  });
});

describe('the Qingxu transfer: 327 workers, 17 buses of 20', () => {
  test('16 buses leave full as the 20th worker boards, the 17th takes the last 7 at the 21:00 departure', () => {
    const env = new Environment();
    const buses = new Departures<number>(env, {
      name: 'buses',
      seats: 20,
      vehicles: 17,
      leaveWhenFull: true,
      timetable: [1800],
    });
    // workers come out of the park one every 5 s
    for (let i = 0; i < 327; i++)
      env.process(
        (function* () {
          yield* env.timeout(i * 5);
          yield* buses.board(i);
        })(),
        { name: `worker#${i}` },
      );
    env.run();
    const expected = [
      ...Array.from({ length: 16 }, (_, k) => ({
        id: k + 1,
        vehicle: k + 1,
        reason: 'full',
        scheduledAt: null,
        departedAt: (20 * k + 19) * 5,
        returnedAt: null,
        load: 20,
        capacity: 20,
        seats: 20,
        meanWait: 47.5, // waits 95, 90, ..., 0
        maxWait: 95,
      })),
      {
        id: 17,
        vehicle: 17,
        reason: 'schedule',
        scheduledAt: 1800,
        departedAt: 1800,
        returnedAt: null,
        load: 7,
        capacity: 20,
        seats: 20,
        meanWait: 1800 - (320 + 321 + 322 + 323 + 324 + 325 + 326) * (5 / 7),
        maxWait: 1800 - 1600,
      },
    ];
    const r = buses.results();
    expect(r.trips).toEqual(expected);
    expect([r.arrived, r.departed, r.waiting, r.left, r.vehiclesUsed, r.vehicles]).toEqual([
      327, 327, 0, 0, 17, 17,
    ]);
    // every worker on exactly one bus, in arrival order
    expect(buses.trips.flatMap((t) => t.passengers)).toEqual(Array.from({ length: 327 }, (_, i) => i));
  });

  test('with 400 workers and no return trips, 60 are left when the park is sealed', () => {
    const env = new Environment();
    const buses = new Departures<number>(env, { name: 'buses', seats: 20, vehicles: 17 });
    const log: Log = [];
    for (let i = 0; i < 400; i++)
      env.process(
        (function* () {
          const r = yield* env.anyOf([buses.board(i), buses.closed]);
          if (r.index === 1) log.push(['left behind', i]);
        })(),
        { name: `worker#${i}` },
      );
    env.schedule(3600, () => log.push(['sealed', buses.close().length]));
    env.run();
    expect([log[0], log.length, buses.accounting(), buses.leftBehind.slice(0, 3)]).toEqual([
      ['sealed', 60],
      61,
      { arrived: 400, departed: 340, waiting: 0, cancelled: 0, left: 60 },
      [340, 341, 342],
    ]);
  });
});

describe('vehicles and round trips', () => {
  test('turnaround: vehicles come back and leave again, first back first out', () => {
    const env = new Environment();
    const d = new Departures<string>(env, {
      name: 'shuttle',
      seats: 3,
      vehicles: 2,
      turnaround: (trip: Trip<string>) => (trip.vehicle === 1 ? 100 : 80),
    });
    passengers(
      env,
      d,
      Array.from({ length: 12 }, () => 0),
      [],
    );
    env.run();
    expect(d.trips.map((t) => [t.vehicle, t.departedAt, t.returnedAt, t.load])).toEqual([
      [1, 0, 100, 3],
      [2, 0, 80, 3],
      [2, 80, 160, 3], // vehicle 2 is back first
      [1, 100, 200, 3],
    ]);
  });

  test('a timetabled departure with no vehicle at the stop leaves late, when one comes back', () => {
    const env = new Environment();
    const d = new Departures<string>(env, {
      name: 'bus',
      seats: 2,
      vehicles: 1,
      turnaround: 250,
      timetable: [0, 100, 200],
    });
    passengers(env, d, [0, 0, 50, 60, 70, 150], []);
    env.schedule(120, () =>
      expect(d.describe()).toBe(
        'departures bus (3 waiting, 0 vehicles at the stop, 1 out, next departure t=200, 1 late)',
      ),
    );
    env.run();
    expect(tripRows(d)).toEqual([
      ['schedule', 1, 0, 0, ['p0', 'p1']],
      ['schedule', 1, 100, 250, ['p2', 'p3']],
      ['schedule', 1, 200, 500, ['p4', 'p5']],
    ]);
  });

  test('manual round trips through onDeparture and returnVehicle; misuse names the vehicle', () => {
    const env = new Environment();
    const d = new Departures<string>(env, { name: 'bus', seats: 2, vehicles: 1 });
    const log: Log = [];
    d.onDeparture((trip) => {
      log.push([env.now, 'departs', trip.vehicle, [...trip.passengers]]);
      env.process(
        (function* () {
          yield* env.timeout(30); // drive, unload, disinfect, drive back
          log.push([env.now, 'back', trip.vehicle]);
          d.returnVehicle(trip.vehicle); // the waiting passengers leave at once, inside this call
        })(),
        { name: `round-trip#${trip.id}` },
      );
    });
    passengers(env, d, [0, 0, 0, 0, 5], []);
    env.run(100); // p4 is still waiting for a third trip that nobody dispatches
    expect(() => d.returnVehicle(1)).toThrow(
      new SimulationError('returnVehicle(1) at departures bus: that vehicle is not out on a trip', {
        time: 100,
      }),
    );
    expect(log).toEqual([
      [0, 'departs', 1, ['p0', 'p1']],
      [30, 'back', 1],
      [30, 'departs', 1, ['p2', 'p3']],
      [60, 'back', 1],
    ]);
    expect(d.waitingPassengers).toEqual(['p4']);
  });

  test('returnVehicle is an error when vehicles come back by themselves', () => {
    const env = new Environment();
    const d = new Departures<number>(env, { name: 'bus', seats: 1, turnaround: 10 });
    d.board(1);
    expect(() => d.returnVehicle(1)).toThrow(/vehicles come back by themselves \(turnaround is set\)/);
  });

  test('a turnaround function returning a bad time is a run-time error naming the trip', () => {
    const env = new Environment();
    const d = new Departures<number>(env, { name: 'bus', seats: 1, turnaround: () => Number.NaN });
    expect(() => d.board(1)).toThrow(
      'departures bus: turnaround(trip) returned NaN for trip #1 (vehicle 1, full, left t=0, 1 of 1) (expected a finite number ≥ 0)',
    );
  });
});

describe('leaving the line and closing', () => {
  test('a passenger who gives up leaves the line; the others keep their order', () => {
    const env = new Environment();
    const d = new Departures<string>(env, { name: 'bus', seats: 2, timetable: [100] });
    const log: Log = [];
    env.process(
      (function* () {
        const b = d.board('impatient');
        const r = yield* env.anyOf([b, env.timeout(60)]);
        log.push([env.now, 'impatient', r.index, b.status, b.waited]);
      })(),
      { name: 'impatient' },
    );
    passengers(env, d, [10, 20, 30], log);
    env.run(1000); // p2 waits on: there is no later departure
    expect([log, d.accounting()]).toEqual([
      [
        [60, 'impatient', 1, 'cancelled', 60],
        [100, 'p0', 'on trip', 1, 'vehicle', 1],
        [100, 'p1', 'on trip', 1, 'vehicle', 1],
      ],
      { arrived: 4, departed: 2, waiting: 1, cancelled: 1, left: 0 },
    ]);
  });

  test('board after close is an error naming the time; a waiting passenger is reported at a deadlock', () => {
    const env = new Environment();
    const d = new Departures<string>(env, { name: 'bus', seats: 2, timetable: [10] });
    env.process(
      (function* () {
        yield* env.timeout(20);
        yield* d.board('late');
      })(),
      { name: 'late' },
    );
    expect(() => env.run()).toThrow(
      /late: waiting on boarding of departures bus by late \[waiting since t=20, 1 of 1 in line\]/,
    );
    d.close();
    expect(() => d.board('later')).toThrow(
      new SimulationError('board() at departures bus after the service closed at t=20', { time: 20 }),
    );
    expect(d.results().left).toBe(1);
  });
});
