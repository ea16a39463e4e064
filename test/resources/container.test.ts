/**
 * Tests of {@link Container}.
 *
 * Log tests (taxonomy (a)): tiny processes push `[what, who, now, ...]` into a log and each test makes
 * ONE assertion on the whole log, so the expected log is the specification. Rules under test:
 * - a put or get that can proceed when it is made completes on the spot (the process goes on in the
 *   same step); one met later by someone else's put or get resumes through the calendar at that instant;
 * - `'fifo'` (default): a large get that cannot be met holds up smaller gets behind it; `'firstFit'`:
 *   smaller gets go ahead;
 * - the room freed by a get met from the line goes to waiting puts once the getter has received it;
 * - an interrupted or cancelled request leaves its line and is never met; a get met but never received
 *   (its only waiter left in the same instant) is undone and its amount goes to the next getter.
 *
 * Property tests (taxonomy (d)): random puts, gets, patience and interrupts; the level stays in
 * [0, capacity] at every change, `init + put − got = level` both by the container's counters and by
 * the requests' own statuses, every met get was received by its process, and under `'fifo'` gets are
 * met in the order they were made.
 *
 * Error tests: bad options and amounts throw before any work, naming the container, the value and
 * (during a run) the simulated time.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  DeadlockError,
  Environment,
  Interrupt,
  ParameterError,
  type Process,
  SimulationError,
} from '../../src/kernel/index.js';
import {
  Container,
  type ContainerDiscipline,
  type ContainerGet,
  type ContainerPut,
} from '../../src/resources/container.js';

type Log = unknown[][];

describe('Container: log tests', () => {
  test('gas station: cars wait when the tank runs low, a tanker called by the controller refills it', () => {
    const env = new Environment();
    const tank = new Container(env, { name: 'fuel', capacity: 100, init: 50 });
    const log: Log = [];
    function* car(name: string) {
      log.push(['arrive', name, env.now, tank.level]);
      const litres = yield* tank.get(20);
      log.push(['fuelled', name, env.now, litres, tank.level]);
    }
    function* tanker() {
      yield* env.timeout(5);
      log.push(['tanker arrives', env.now, tank.level]);
      yield* tank.put(tank.capacity - tank.level);
      // The put is met at once: the tanker goes on before the cars it unblocked resume.
      log.push(['tanker refilled', env.now, tank.level]);
    }
    env.process(
      (function* controller() {
        let called = false;
        for (let t = 1; t <= 12; t++) {
          yield* env.timeout(1);
          if (!called && tank.level < 25) {
            called = true;
            log.push(['call tanker', env.now, tank.level]);
            env.process(tanker(), { name: 'tanker' });
          }
        }
      })(),
    );
    for (const [name, at] of [
      ['A', 0],
      ['B', 2],
      ['C', 4],
      ['D', 6],
      ['E', 9],
      ['F', 11],
    ] as const)
      env.schedule(at, () => env.process(car(name), { name }));
    env.run();
    log.push(['end', env.now, tank.accounting()]);
    expect(log).toEqual([
      ['arrive', 'A', 0, 50],
      ['fuelled', 'A', 0, 20, 30],
      ['arrive', 'B', 2, 30],
      ['fuelled', 'B', 2, 20, 10],
      // B's arrival was put on the calendar (at t=0) before the controller's check at t=2 (at t=1), so
      // the controller already sees B's fill.
      ['call tanker', 2, 10],
      ['arrive', 'C', 4, 10],
      ['arrive', 'D', 6, 10],
      ['tanker arrives', 7, 10],
      ['tanker refilled', 7, 60],
      ['fuelled', 'C', 7, 20, 60],
      ['fuelled', 'D', 7, 20, 60],
      ['arrive', 'E', 9, 60],
      ['fuelled', 'E', 9, 20, 40],
      ['arrive', 'F', 11, 40],
      ['fuelled', 'F', 11, 20, 20],
      [
        'end',
        12,
        {
          init: 50,
          putAmount: 90,
          gotAmount: 120,
          level: 20,
          puts: 1,
          gets: 6,
          waitingPuts: 0,
          waitingGets: 0,
          cancelledPuts: 0,
          cancelledGets: 0,
        },
      ],
    ]);
  });

  /** Gets of 50, 10 and 20 wait on an empty tank; puts of 30, 30 and 20 arrive at t = 3, 4, 5. */
  function lineOrder(discipline: ContainerDiscipline): Log {
    const env = new Environment();
    const tank = new Container(env, { name: 'fuel', capacity: 100, discipline });
    const log: Log = [];
    const gets: [string, number][] = [
      ['A', 50],
      ['B', 10],
      ['C', 20],
    ];
    for (const [i, [name, amount]] of gets.entries())
      env.process(
        (function* () {
          yield* env.timeout(i);
          yield* tank.get(amount);
          log.push(['got', name, amount, env.now]);
        })(),
        { name },
      );
    for (const [i, amount] of [30, 30, 20].entries())
      env.schedule(3 + i, () => {
        tank.put(amount);
        log.push(['put', amount, env.now, tank.level]);
      });
    env.run();
    return log;
  }

  test("'fifo' (default): a large get that cannot be met holds up the smaller gets behind it", () => {
    expect(lineOrder('fifo')).toEqual([
      ['put', 30, 3, 30], // A (50) cannot be met, so B (10) and C (20) wait behind it
      ['put', 30, 4, 0], // 60: A takes 50, B takes 10
      ['got', 'A', 50, 4],
      ['got', 'B', 10, 4],
      ['put', 20, 5, 0],
      ['got', 'C', 20, 5],
    ]);
  });

  test("'firstFit': smaller gets go ahead of a large one that cannot be met", () => {
    expect(lineOrder('firstFit')).toEqual([
      ['put', 30, 3, 0], // B and C fit in 30 and overtake A
      ['got', 'B', 10, 3],
      ['got', 'C', 20, 3],
      ['put', 30, 4, 30],
      ['put', 20, 5, 0],
      ['got', 'A', 50, 5],
    ]);
  });

  test('a put waits for room; room freed by a get met from the line goes to puts once the getter has it', () => {
    const env = new Environment();
    const tank = new Container(env, { name: 'cold room', capacity: 10 });
    const log: Log = [];
    env.process(
      (function* () {
        const got = yield* tank.get(10);
        log.push(['G got', got, env.now, tank.level]);
      })(),
      { name: 'G' },
    );
    env.process(
      (function* () {
        yield* env.timeout(1);
        yield* tank.put(10); // met at once; meets G's get from the line
        log.push(['P put 10', env.now, tank.level]);
        // The tank is empty but G has not received its 10 yet: that room is still G's.
        const second = tank.put(5);
        log.push(['P second put', second.status, tank.describe()]);
        yield* second;
        log.push(['P put 5', env.now, tank.level]);
      })(),
      { name: 'P' },
    );
    env.run();
    expect(log).toEqual([
      ['P put 10', 1, 0],
      ['P second put', 'waiting', 'container cold room (level 0 of 10, 0 waiting gets, 1 waiting puts)'],
      ['G got', 10, 1, 0],
      ['P put 5', 1, 5],
    ]);
  });

  test('an interrupted waiting get leaves the line at once, letting the smaller gets it held up through', () => {
    const env = new Environment();
    const tank = new Container(env, { name: 'fuel', capacity: 100, init: 30 });
    const log: Log = [];
    const procs: Record<string, Process<void>> = {};
    for (const [name, amount] of [
      ['big', 80],
      ['small', 20],
    ] as const)
      procs[name] = env.process(
        (function* () {
          const req = tank.get(amount);
          try {
            yield* req;
            log.push(['got', name, amount, env.now, tank.level]);
          } catch (e) {
            if (!(e instanceof Interrupt)) throw e;
            log.push(['interrupted', name, env.now, req.status, e.cause, tank.waitingGets]);
          }
        })(),
        { name },
      );
    env.schedule(3, () => procs.big!.interrupt('gave up'));
    env.run();
    log.push(['end', tank.accounting()]);
    expect(log).toEqual([
      ['interrupted', 'big', 3, 'cancelled', 'gave up', 0],
      ['got', 'small', 20, 3, 10],
      [
        'end',
        {
          init: 30,
          putAmount: 0,
          gotAmount: 20,
          level: 10,
          puts: 0,
          gets: 1,
          waitingPuts: 0,
          waitingGets: 0,
          cancelledPuts: 0,
          cancelledGets: 1,
        },
      ],
    ]);
  });

  test('a get met from the line but interrupted before it is received is undone; the amount goes to the next getter', () => {
    const env = new Environment();
    const tank = new Container(env, { name: 'fuel', capacity: 100 });
    const log: Log = [];
    const reqs: Record<string, ContainerGet> = {};
    const procs: Record<string, Process<void>> = {};
    for (const name of ['G', 'H'])
      procs[name] = env.process(
        (function* () {
          const req = (reqs[name] = tank.get(40));
          try {
            const got = yield* req;
            log.push(['got', name, got, env.now]);
          } catch (e) {
            if (!(e instanceof Interrupt)) throw e;
            log.push(['interrupted', name, env.now, req.status, tank.level]);
          }
        })(),
        { name },
      );
    env.schedule(2, () => {
      tank.put(40); // meets G's get from the line: G will receive it through the calendar...
      log.push(['put 40', env.now, reqs.G!.status, tank.level]);
      procs.G!.interrupt(); // ...but an urgent interrupt reaches G first
    });
    env.run();
    // A late waiter on G's undone get is told, rather than handed 40 litres that went to H.
    env.process(
      (function* () {
        try {
          yield* reqs.G!;
          log.push(['late waiter received']);
        } catch (e) {
          log.push(['late waiter told', (e as Error).message]);
        }
      })(),
    );
    env.run();
    log.push(['end', tank.level, tank.gets, tank.cancelledGets, tank.gotAmount]);
    expect(log).toEqual([
      ['put 40', 2, 'done', 0],
      ['interrupted', 'G', 2, 'cancelled', 0], // its 40 went back, then straight to H
      ['got', 'H', 40, 2],
      [
        'late waiter told',
        'simulation at t=2.00: get(40) from container fuel by G [cancelled at t=2] was undone: every waiter left before receiving it',
      ],
      ['end', 0, 1, 1, 40],
    ]);
  });

  test('an interrupted waiting put leaves the line; its amount never enters', () => {
    const env = new Environment();
    const tank = new Container(env, { name: 'fuel', capacity: 100, init: 90 });
    const log: Log = [];
    const putter = env.process(
      (function* () {
        try {
          yield* tank.put(50);
          log.push(['put 50', env.now]);
        } catch (e) {
          if (!(e instanceof Interrupt)) throw e;
          log.push(['put interrupted', env.now, tank.level, tank.waitingPuts]);
        }
      })(),
    );
    env.process(
      (function* () {
        yield* env.timeout(1);
        yield* tank.put(20); // waits behind the put of 50
        log.push(['put 20', env.now, tank.level]);
      })(),
    );
    env.schedule(2, () => putter.interrupt());
    env.schedule(3, () => {
      tank.get(30);
      log.push(['got 30', env.now, tank.level]);
    });
    env.run();
    log.push(['end', tank.accounting()]);
    expect(log).toEqual([
      ['put interrupted', 2, 90, 1],
      ['got 30', 3, 80], // 90 − 30 = 60, then the put of 20 fits at once
      ['put 20', 3, 80],
      [
        'end',
        {
          init: 90,
          putAmount: 20,
          gotAmount: 30,
          level: 80,
          puts: 1,
          gets: 1,
          waitingPuts: 0,
          waitingGets: 0,
          cancelledPuts: 1,
          cancelledGets: 0,
        },
      ],
    ]);
  });

  test('cancel() withdraws a waiting request and is never met; a completed request cannot be cancelled', () => {
    const env = new Environment();
    const tank = new Container(env, { name: 'fuel', capacity: 100, init: 10 });
    const log: Log = [];
    const met = tank.get(5);
    const waiting = tank.get(50);
    const after = tank.get(5); // held up behind the 50 (fifo)
    log.push(['before', met.status, waiting.status, after.status, tank.level]);
    log.push(['cancel met', met.cancel(), met.status]);
    log.push(['cancel waiting', waiting.cancel(), waiting.status, after.status, tank.level]);
    log.push(['cancel again', waiting.cancel()]);
    tank.put(90);
    log.push(['after put', waiting.status, tank.level, tank.waitingGets, tank.cancelledGets]);
    expect(log).toEqual([
      ['before', 'done', 'waiting', 'waiting', 5],
      ['cancel met', false, 'done'],
      ['cancel waiting', true, 'cancelled', 'done', 0],
      ['cancel again', false],
      ['after put', 'cancelled', 90, 0, 1],
    ]);
  });

  test('patience with anyOf: the get left in line when the timeout wins is withdrawn', () => {
    const env = new Environment();
    const tank = new Container(env, { name: 'fuel', capacity: 100 });
    const log: Log = [];
    env.process(
      (function* () {
        const req = tank.get(30);
        const first = yield* env.anyOf([req, env.timeout(5)]);
        log.push(['first', first.index, env.now, req.status, tank.waitingGets]);
      })(),
    );
    env.schedule(6, () => {
      tank.put(30);
      log.push(['put', env.now, tank.level]);
    });
    env.run();
    expect(log).toEqual([
      ['first', 1, 5, 'cancelled', 0],
      ['put', 6, 30],
    ]);
  });

  test('observer sees every change; describe() and deadlock reports name the container and the wait', () => {
    const env = new Environment();
    const tank = new Container(env, { name: 'fuel', capacity: 100, init: 10 });
    const log: Log = [];
    tank.observer = { onChange: (t, level, gets, puts) => log.push(['change', t, level, gets, puts]) };
    env.process(
      (function* () {
        yield* tank.get(5);
        yield* env.timeout(1);
        yield* tank.get(30);
      })(),
      { name: 'car#1' },
    );
    let error: unknown;
    try {
      env.run();
    } catch (e) {
      error = e;
    }
    log.push([error instanceof DeadlockError, (error as DeadlockError).waiting[0]?.waitingOn]);
    log.push([tank.describe()]);
    expect(log).toEqual([
      ['change', 0, 5, 0, 0],
      ['change', 1, 5, 1, 0],
      [
        true,
        'waiting on get(30) from container fuel by car#1 [waiting since t=1, 1st of 1 gets; level 5 of 100]',
      ],
      ['container fuel (level 5 of 100, 1 waiting gets, 0 waiting puts)'],
    ]);
  });
});

describe('Container: properties', () => {
  interface Op {
    readonly kind: 'put' | 'get';
    readonly at: number;
    readonly amount: number;
    readonly patience: number | null;
    readonly interruptAt: number | null;
  }
  const CAPACITY = 10;
  const op: fc.Arbitrary<Op> = fc.record({
    kind: fc.constantFrom('put' as const, 'get' as const),
    at: fc.integer({ min: 0, max: 12 }),
    amount: fc.integer({ min: 1, max: CAPACITY }),
    patience: fc.option(fc.integer({ min: 0, max: 6 }), { freq: 3 }),
    interruptAt: fc.option(fc.integer({ min: 0, max: 15 }), { freq: 3 }),
  });

  /** Run the operations, each in its own process; report what each process received. */
  function simulate(ops: readonly Op[], init: number, discipline: ContainerDiscipline) {
    const env = new Environment({ onDeadlock: 'ignore' });
    const tank = new Container(env, { name: 'tank', capacity: CAPACITY, init, discipline });
    const levels: number[] = [];
    tank.observer = { onChange: (_t, level) => levels.push(level) };
    const reqs: (ContainerPut | ContainerGet | null)[] = ops.map(() => null);
    let received = 0;
    ops.forEach((o, i) => {
      const p = env.process(
        (function* () {
          try {
            yield* env.timeout(o.at);
            const req = (reqs[i] = o.kind === 'put' ? tank.put(o.amount) : tank.get(o.amount));
            if (o.patience === null) {
              const v = yield* req;
              if (o.kind === 'get') received += v as number;
            } else {
              const r = yield* env.anyOf([req, env.timeout(o.patience)]);
              if (o.kind === 'get' && r.index === 0) received += r.value as number;
            }
          } catch (e) {
            if (!(e instanceof Interrupt)) throw e;
          }
        })(),
      );
      if (o.interruptAt !== null)
        env.schedule(o.interruptAt, () => {
          if (p.isAlive) p.interrupt();
        });
    });
    env.run();
    return { tank, levels, reqs, received };
  }

  const discipline = fc.constantFrom<ContainerDiscipline>('fifo', 'firstFit');

  test('the level stays in [0, capacity] and is conserved; every met get was received', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 25 }),
        fc.integer({ min: 0, max: CAPACITY }),
        discipline,
        (ops, init, disc) => {
          const { tank, levels, reqs, received } = simulate(ops, init, disc);
          for (const l of levels) expect(l >= 0 && l <= CAPACITY).toBe(true);
          const a = tank.accounting();
          expect(a.init + a.putAmount - a.gotAmount).toBe(tank.level);
          // The same balance from the requests' own statuses, independently of the counters.
          let put = 0;
          let got = 0;
          for (const r of reqs)
            if (r !== null && r.status === 'done') {
              if (r.kind === 'put') put += r.amount;
              else got += r.amount;
            }
          expect([put, got]).toEqual([a.putAmount, a.gotAmount]);
          expect(init + put - got).toBe(tank.level);
          expect(received).toBe(got);
          // Nothing still waiting could be met now: under 'fifo' the first in each line cannot, under
          // 'firstFit' none can.
          const gets = disc === 'fifo' ? tank.getQueue.slice(0, 1) : tank.getQueue;
          const puts = disc === 'fifo' ? tank.putQueue.slice(0, 1) : tank.putQueue;
          for (const g of gets) expect(g.amount).toBeGreaterThan(tank.level);
          for (const p of puts) expect(p.amount).toBeGreaterThan(CAPACITY - tank.level);
        },
      ),
      { seed: 20220413, numRuns: 300 },
    );
  });

  test('fractional amounts: the level stays in [0, capacity], the balance holds up to rounding, the checks never trip', () => {
    const fractional = op.chain((o) =>
      fc
        .double({ min: 0.01, max: CAPACITY, noNaN: true })
        .map((amount) => ({ ...o, amount: Math.min(amount, CAPACITY) })),
    );
    fc.assert(
      fc.property(
        fc.array(fractional, { maxLength: 25 }),
        fc.double({ min: 0, max: CAPACITY, noNaN: true }),
        discipline,
        (ops, init, disc) => {
          // Any internal invariant failure would throw out of run() here.
          const { tank, levels, received } = simulate(ops, init, disc);
          for (const l of levels) expect(l >= 0 && l <= CAPACITY).toBe(true);
          const a = tank.accounting();
          expect(Math.abs(a.init + a.putAmount - a.gotAmount - tank.level)).toBeLessThan(1e-9 * CAPACITY);
          expect(Math.abs(received - a.gotAmount)).toBeLessThan(1e-9 * CAPACITY);
        },
      ),
      { seed: 1304, numRuns: 200 },
    );
  });

  test("under 'fifo', gets that were met were met in the order they were made", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), fc.integer({ min: 0, max: CAPACITY }), (ops, init) => {
        const { reqs } = simulate(ops, init, 'fifo');
        const met = reqs
          .filter((r): r is ContainerGet => r !== null && r.kind === 'get' && r.status === 'done')
          .sort((x, y) => x.requestedAt - y.requestedAt || reqs.indexOf(x) - reqs.indexOf(y));
        // Processes starting at the same time make their requests in creation order, so sorting by
        // (requestedAt, index) is the order the requests were made.
        for (let i = 1; i < met.length; i++)
          expect(met[i]!.doneAt).toBeGreaterThanOrEqual(met[i - 1]!.doneAt);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('Container: errors', () => {
  function thrown(fn: () => unknown): [string, string] {
    try {
      fn();
    } catch (e) {
      if (e instanceof Error) return [e.constructor.name, e.message];
      return ['non-error', String(e)];
    }
    throw new Error('expected an error, none was thrown');
  }

  test('bad options are ParameterErrors naming the container and the value', () => {
    const env = new Environment();
    const bad = (o: unknown) => thrown(() => new Container(env, o as never));
    expect([
      bad({ name: 'fuel', capacity: 0 }),
      bad({ name: 'fuel', capacity: -5 }),
      bad({ name: 'fuel', capacity: Number.NaN }),
      bad({ name: 'fuel', capacity: '100' }),
      bad({ name: 'fuel', capacity: 100, init: 120 }),
      bad({ name: 'fuel', init: -1 }),
      bad({ name: 'fuel', init: Number.POSITIVE_INFINITY }),
      bad({ name: 'fuel', discipline: 'lifo' }),
      bad({ name: '' }),
      bad(null),
    ]).toEqual([
      ['ParameterError', 'container(fuel).capacity: expected a number > 0 or Infinity, got 0'],
      ['ParameterError', 'container(fuel).capacity: expected a number > 0 or Infinity, got -5'],
      ['ParameterError', 'container(fuel).capacity: expected a number > 0 or Infinity, got NaN'],
      ['ParameterError', 'container(fuel).capacity: expected a number > 0 or Infinity, got "100"'],
      ['ParameterError', 'container(fuel).init: expected a finite number in [0, 100], got 120'],
      ['ParameterError', 'container(fuel).init: expected a finite number in [0, Infinity], got -1'],
      ['ParameterError', 'container(fuel).init: expected a finite number in [0, Infinity], got Infinity'],
      ['ParameterError', 'container(fuel).discipline: expected one of "fifo", "firstFit", got "lifo"'],
      ['ParameterError', 'container.name: expected a non-empty string, got ""'],
      ['ParameterError', 'container: expected an options object, got null'],
    ]);
  });

  test('bad amounts throw before any work, naming the container, the value, the time and the process', () => {
    const env = new Environment();
    const tank = new Container(env, { name: 'fuel', capacity: 100, init: 50 });
    const errors: [string, string][] = [];
    env.process(
      (function* () {
        yield* env.timeout(12.5);
        for (const amount of [-1, 0, Number.NaN, Number.POSITIVE_INFINITY, '5', 150])
          errors.push(thrown(() => tank.get(amount as number)));
        errors.push(thrown(() => tank.put(100.5)));
      })(),
      { name: 'truck#3' },
    );
    env.run();
    const where = 'truck#3 at t=12.50: ';
    const what = 'container fuel (level 50 of 100, 0 waiting gets, 0 waiting puts): expected';
    expect({ errors, accounting: tank.accounting() }).toEqual({
      errors: [
        ['SimulationError', `${where}get from ${what} an amount that is a finite number > 0, got -1`],
        ['SimulationError', `${where}get from ${what} an amount that is a finite number > 0, got 0`],
        ['SimulationError', `${where}get from ${what} an amount that is a finite number > 0, got NaN`],
        ['SimulationError', `${where}get from ${what} an amount that is a finite number > 0, got Infinity`],
        ['SimulationError', `${where}get from ${what} an amount that is a finite number > 0, got "5"`],
        [
          'SimulationError',
          `${where}get from ${what} an amount ≤ the capacity 100 (a larger one could never be met), got 150`,
        ],
        [
          'SimulationError',
          `${where}put into ${what} an amount ≤ the capacity 100 (a larger one could never be met), got 100.5`,
        ],
      ],
      accounting: {
        init: 50,
        putAmount: 0,
        gotAmount: 0,
        level: 50,
        puts: 0,
        gets: 0,
        waitingPuts: 0,
        waitingGets: 0,
        cancelledPuts: 0,
        cancelledGets: 0,
      },
    });
  });

  test('default names count the unnamed containers of each environment; run-time errors are SimulationErrors', () => {
    const env = new Environment();
    const tank = new Container(env, { name: 'fuel' });
    let kind = '';
    try {
      tank.get(-1);
    } catch (e) {
      kind =
        e instanceof ParameterError
          ? 'ParameterError'
          : e instanceof SimulationError
            ? 'SimulationError'
            : '?';
    }
    const other = new Environment();
    expect([kind, new Container(env).name, new Container(env).name, new Container(other).name]).toEqual([
      'SimulationError',
      'container#1',
      'container#2',
      'container#1',
    ]);
  });
});
