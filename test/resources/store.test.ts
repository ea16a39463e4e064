/**
 * Tests of {@link Store}.
 *
 * Log tests (taxonomy (a)): tiny processes push `[what, who, now, ...]` into a log and each test makes
 * ONE assertion on the whole log. Rules under test:
 * - items leave smallest priority first, FIFO among equals (a plain store is FIFO);
 * - waiting gets are served in the order they were made, each taking the first item its filter
 *   accepts; a get whose filter matches nothing does not hold up later gets;
 * - a put waits while the store is full, and the room freed by a get met from the line goes to puts
 *   once the getter has the item;
 * - an interrupted or cancelled request leaves its line and is never met; a get met but never received
 *   is undone and its item goes back to its place.
 *
 * Property tests (taxonomy (d)): random puts (with priorities), filtered gets, patience and
 * interrupts; no item is lost or duplicated (every item whose put was done was received by exactly one
 * getter or is still in the store), items of withdrawn puts never appear, and the store never holds
 * more than its capacity.
 *
 * Error tests: bad options and arguments throw before any work, naming the store, the value and
 * (during a run) the simulated time.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DeadlockError, Environment, Interrupt, type Process } from '../../src/kernel/index.js';
import { Store, type StoreGet, type StorePut } from '../../src/resources/store.js';

type Log = unknown[][];

interface Box {
  readonly id: string;
  readonly site: 'A' | 'B';
}

describe('Store: log tests', () => {
  test('FIFO with a capacity: the producer waits while the store is full', () => {
    const env = new Environment();
    const kits = new Store<string>(env, { name: 'kits', capacity: 2 });
    const log: Log = [];
    env.process(
      (function* () {
        for (const k of ['k1', 'k2', 'k3', 'k4']) {
          yield* kits.put(k);
          log.push(['put', k, env.now, kits.size]);
        }
      })(),
    );
    env.process(
      (function* () {
        for (let i = 0; i < 4; i++) {
          yield* env.timeout(5);
          const k = yield* kits.get();
          log.push(['got', k, env.now]);
        }
      })(),
    );
    env.run();
    log.push(['end', kits.accounting()]);
    expect(log).toEqual([
      ['put', 'k1', 0, 1],
      ['put', 'k2', 0, 2],
      // k3 waits for room; the consumer's get at t=5 is met at once and frees it at once.
      ['got', 'k1', 5],
      ['put', 'k3', 5, 2],
      ['got', 'k2', 10],
      ['put', 'k4', 10, 2],
      ['got', 'k3', 15],
      ['got', 'k4', 20],
      [
        'end',
        { puts: 4, gets: 4, size: 0, waitingPuts: 0, waitingGets: 0, cancelledPuts: 0, cancelledGets: 0 },
      ],
    ]);
  });

  test('filtered gets: earlier gets pick first among the items they accept; a get matching nothing holds up no one', () => {
    const env = new Environment();
    const boxes = new Store<Box>(env, { name: 'boxes' });
    const log: Log = [];
    const wants: [string, 'A' | 'B' | null][] = [
      ['a1', 'A'],
      ['a2', 'A'],
      ['any', null],
      ['b1', 'B'],
    ];
    for (const [name, site] of wants)
      env.process(
        (function* () {
          const box = yield* site === null ? boxes.get() : boxes.get((b) => b.site === site);
          log.push(['got', name, box.id, env.now]);
        })(),
        { name },
      );
    for (const [i, box] of [
      { id: 'B#1', site: 'B' },
      { id: 'A#1', site: 'A' },
      { id: 'B#2', site: 'B' },
      { id: 'A#2', site: 'A' },
    ].entries())
      env.schedule(i + 1, () => {
        boxes.put(box as Box);
        log.push(['put', box.id, env.now, boxes.getQueue.map((g) => g.entity)]);
      });
    env.run();
    expect(log).toEqual([
      // B#1: a1 and a2 do not accept it; 'any' is the first get that does.
      ['put', 'B#1', 1, ['a1', 'a2', 'b1']],
      ['got', 'any', 'B#1', 1],
      // A#1: a1 is first in line among those who accept it.
      ['put', 'A#1', 2, ['a2', 'b1']],
      ['got', 'a1', 'A#1', 2],
      ['put', 'B#2', 3, ['a2']],
      ['got', 'b1', 'B#2', 3],
      ['put', 'A#2', 4, []],
      ['got', 'a2', 'A#2', 4],
    ]);
  });

  test('a filtered get takes the first accepted item in leaving order, at once when one is there', () => {
    const env = new Environment();
    const boxes = new Store<Box>(env, { name: 'boxes' });
    for (const box of [
      { id: 'B#1', site: 'B' },
      { id: 'A#1', site: 'A' },
      { id: 'A#2', site: 'A' },
    ] as const)
      boxes.put(box);
    const a = boxes.get((b) => b.site === 'A');
    const c = boxes.get((b): b is Box & { site: 'C' } => b.site === ('C' as string));
    expect([a.status, a.value.id, c.status, boxes.contents.map((b) => b.id)]).toEqual([
      'done',
      'A#1',
      'waiting',
      ['B#1', 'A#2'],
    ]);
  });

  test('priority store: smallest key first, FIFO among equal keys; an explicit priority overrides the key', () => {
    const env = new Environment();
    const triage = new Store<{ name: string; urgency: number }>(env, {
      name: 'triage',
      key: (p) => p.urgency,
    });
    const log: Log = [];
    for (const [name, urgency] of [
      ['P1', 3],
      ['P2', 1],
      ['P3', 2],
      ['P4', 1],
      ['P5', 3],
    ] as const)
      triage.put({ name, urgency });
    triage.put({ name: 'VIP', urgency: 3 }, 0);
    log.push(['order', triage.contents.map((p) => p.name)]);
    env.process(
      (function* () {
        while (triage.size > 0) {
          const p = yield* triage.get();
          log.push(['seen', p.name, env.now]);
          yield* env.timeout(1);
        }
      })(),
    );
    env.run();
    expect(log).toEqual([
      ['order', ['VIP', 'P2', 'P4', 'P3', 'P1', 'P5']],
      ['seen', 'VIP', 0],
      ['seen', 'P2', 1],
      ['seen', 'P4', 2],
      ['seen', 'P3', 3],
      ['seen', 'P1', 4],
      ['seen', 'P5', 5],
    ]);
  });

  test('an interrupted waiting get leaves the line; the next item goes to the getter behind it', () => {
    const env = new Environment();
    const kits = new Store<string>(env, { name: 'kits' });
    const log: Log = [];
    const procs: Record<string, Process<void>> = {};
    for (const name of ['G', 'H'])
      procs[name] = env.process(
        (function* () {
          const req = kits.get();
          try {
            const k = yield* req;
            log.push(['got', name, k, env.now]);
          } catch (e) {
            if (!(e instanceof Interrupt)) throw e;
            log.push(['interrupted', name, env.now, req.status, kits.waitingGets]);
          }
        })(),
        { name },
      );
    env.schedule(1, () => procs.G!.interrupt());
    env.schedule(2, () => kits.put('k1'));
    env.run();
    log.push(['end', kits.accounting()]);
    expect(log).toEqual([
      ['interrupted', 'G', 1, 'cancelled', 1],
      ['got', 'H', 'k1', 2],
      [
        'end',
        { puts: 1, gets: 1, size: 0, waitingPuts: 0, waitingGets: 0, cancelledPuts: 0, cancelledGets: 1 },
      ],
    ]);
  });

  test('an interrupted waiting put leaves the line: its item never enters; the next put takes the room', () => {
    const env = new Environment();
    const kits = new Store<string>(env, { name: 'kits', capacity: 1 });
    kits.put('k0');
    const log: Log = [];
    const procs: Record<string, Process<void>> = {};
    for (const item of ['k1', 'k2'])
      procs[item] = env.process(
        (function* () {
          const req = kits.put(item);
          try {
            yield* req;
            log.push(['put', item, env.now]);
          } catch (e) {
            if (!(e instanceof Interrupt)) throw e;
            log.push(['interrupted', item, env.now, req.status, kits.waitingPuts]);
          }
        })(),
      );
    env.schedule(1, () => procs.k1!.interrupt());
    env.schedule(2, () => {
      const got = kits.get();
      log.push(['got', got.value, env.now]);
    });
    env.run();
    log.push(['end', kits.contents, kits.accounting()]);
    expect(log).toEqual([
      ['interrupted', 'k1', 1, 'cancelled', 1],
      ['got', 'k0', 2],
      ['put', 'k2', 2],
      [
        'end',
        ['k2'],
        { puts: 2, gets: 1, size: 1, waitingPuts: 0, waitingGets: 0, cancelledPuts: 1, cancelledGets: 0 },
      ],
    ]);
  });

  test('a get met from the line but interrupted before it is received is undone: the item goes back to its place', () => {
    const env = new Environment();
    const kits = new Store<string>(env, { name: 'kits', capacity: 3 });
    const log: Log = [];
    const g = env.process(
      (function* () {
        try {
          yield* kits.get();
        } catch (e) {
          if (!(e instanceof Interrupt)) throw e;
          log.push(['G interrupted', env.now, kits.contents]);
        }
      })(),
      { name: 'G' },
    );
    env.schedule(1, () => {
      kits.put('k1'); // meets G's get from the line
      kits.put('k2');
      log.push(['after puts', kits.contents, kits.gets]);
      g.interrupt(); // reaches G before G receives k1
    });
    env.schedule(2, () => {
      log.push(['next get', kits.get().value, kits.contents]);
    });
    env.run();
    log.push(['end', kits.accounting()]);
    expect(log).toEqual([
      ['after puts', ['k2'], 1],
      ['G interrupted', 1, ['k1', 'k2']], // k1 is back in front of k2
      ['next get', 'k1', ['k2']],
      [
        'end',
        { puts: 2, gets: 1, size: 1, waitingPuts: 0, waitingGets: 0, cancelledPuts: 0, cancelledGets: 1 },
      ],
    ]);
  });

  test('cancel() and `using`: a withdrawn get is never met', () => {
    const env = new Environment();
    const kits = new Store<string>(env, { name: 'kits' });
    const log: Log = [];
    const g1 = kits.get();
    {
      using g2 = kits.get();
      log.push(['inside', g2.status, kits.waitingGets]);
    }
    log.push(['cancel g1', g1.cancel(), g1.status, kits.waitingGets]);
    kits.put('k1');
    log.push(['after put', g1.status, kits.contents, kits.cancelledGets]);
    expect(log).toEqual([
      ['inside', 'waiting', 2],
      ['cancel g1', true, 'cancelled', 0],
      ['after put', 'cancelled', ['k1'], 2],
    ]);
  });

  test('observer sees every change; deadlock reports describe the waiting get', () => {
    const env = new Environment();
    const supplies = new Store<string>(env, { name: 'supplies', capacity: 5 });
    const log: Log = [];
    supplies.observer = { onChange: (t, level, gets, puts) => log.push(['change', t, level, gets, puts]) };
    env.process(
      (function* () {
        yield* supplies.put('gloves');
        yield* env.timeout(2);
        yield* supplies.get();
        yield* supplies.get();
      })(),
      { name: 'worker' },
    );
    try {
      env.run();
    } catch (e) {
      log.push([e instanceof DeadlockError, (e as DeadlockError).waiting[0]?.waitingOn]);
    }
    log.push([supplies.describe()]);
    expect(log).toEqual([
      ['change', 0, 1, 0, 0],
      ['change', 2, 0, 0, 0],
      ['change', 2, 0, 1, 0],
      [
        true,
        'waiting on get from store supplies by worker [waiting since t=2, 1st of 1 gets; 0 items in stock]',
      ],
      ['store supplies (0 of 5 items, 1 waiting gets, 0 waiting puts)'],
    ]);
  });
});

describe('Store: properties', () => {
  interface Op {
    readonly kind: 'put' | 'get';
    readonly at: number;
    /** put: the item's priority; get: which items it accepts. */
    readonly priority: number;
    readonly filter: 'any' | 'even' | 'odd';
    readonly patience: number | null;
    readonly interruptAt: number | null;
  }
  const op: fc.Arbitrary<Op> = fc.record({
    kind: fc.constantFrom('put' as const, 'get' as const),
    at: fc.integer({ min: 0, max: 10 }),
    priority: fc.integer({ min: 0, max: 2 }),
    filter: fc.constantFrom('any' as const, 'even' as const, 'odd' as const),
    patience: fc.option(fc.integer({ min: 0, max: 5 }), { freq: 3 }),
    interruptAt: fc.option(fc.integer({ min: 0, max: 12 }), { freq: 3 }),
  });
  const accepts = { any: null, even: (x: number) => x % 2 === 0, odd: (x: number) => x % 2 === 1 };

  test('no item is lost or duplicated, withdrawn puts never enter, the store never exceeds its capacity', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), fc.integer({ min: 1, max: 4 }), (ops, capacity) => {
        const env = new Environment({ onDeadlock: 'ignore' });
        const store = new Store<number>(env, { name: 's', capacity });
        const sizes: number[] = [];
        store.observer = { onChange: (_t, level) => sizes.push(level) };
        const reqs: (StorePut<number> | StoreGet<number> | null)[] = ops.map(() => null);
        const received: number[] = [];
        ops.forEach((o, i) => {
          const p = env.process(
            (function* () {
              try {
                yield* env.timeout(o.at);
                const f = accepts[o.filter];
                const req = (reqs[i] =
                  o.kind === 'put' ? store.put(i, o.priority) : f === null ? store.get() : store.get(f));
                if (o.patience === null) {
                  const v = yield* req;
                  if (o.kind === 'get') received.push(v as number);
                } else {
                  const r = yield* env.anyOf([req, env.timeout(o.patience)]);
                  if (o.kind === 'get' && r.index === 0) received.push(r.value as number);
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
        for (const s of sizes) expect(s).toBeLessThanOrEqual(capacity);
        const putDone = reqs.flatMap((r, i) =>
          r !== null && r.kind === 'put' && r.status === 'done' ? [i] : [],
        );
        const gotDone = reqs.flatMap((r) =>
          r !== null && r.kind === 'get' && r.status === 'done' ? [r.value as number] : [],
        );
        const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
        // Every item put is either received by exactly one getter or still in the store.
        expect(sorted([...received, ...store.contents])).toEqual(putDone);
        expect(sorted(received)).toEqual(sorted(gotDone));
        // Each received item was accepted by its getter's filter.
        for (const r of reqs)
          if (r !== null && r.kind === 'get' && r.status === 'done' && r.filter !== null)
            expect(r.filter(r.value)).toBe(true);
        const a = store.accounting();
        expect(a.puts).toBe(a.gets + a.size);
        // Nothing left waiting is accepted by an item in the store.
        for (const g of store.getQueue)
          expect(store.contents.some((x) => g.filter === null || g.filter(x))).toBe(false);
        if (store.waitingPuts > 0) expect(store.size).toBe(capacity);
        // Items still in the store are in leaving order: priority, then put order.
        const prio = (x: number) => ops[x]!.priority;
        const contents = store.contents;
        for (let k = 1; k < contents.length; k++) {
          const [x, y] = [contents[k - 1]!, contents[k]!];
          expect(prio(x) < prio(y) || (prio(x) === prio(y) && reqs[x]!.doneAt <= reqs[y]!.doneAt)).toBe(true);
        }
      }),
      { seed: 20220413, numRuns: 300 },
    );
  });
});

describe('Store: errors', () => {
  function thrown(fn: () => unknown): [string, string] {
    try {
      fn();
    } catch (e) {
      if (e instanceof Error) return [e.constructor.name, e.message];
      return ['non-error', String(e)];
    }
    throw new Error('expected an error, none was thrown');
  }

  test('bad options are ParameterErrors naming the store and the value', () => {
    const env = new Environment();
    const bad = (o: unknown) => thrown(() => new Store(env, o as never));
    expect([
      bad({ name: 'kits', capacity: 0 }),
      bad({ name: 'kits', capacity: 2.5 }),
      bad({ name: 'kits', capacity: Number.NaN }),
      bad({ name: 'kits', capacity: '3' }),
      bad({ name: 'kits', key: 'urgency' }),
      bad({ name: 42 }),
      bad('kits'),
    ]).toEqual([
      ['ParameterError', 'store(kits).capacity: expected an integer ≥ 1 or Infinity, got 0'],
      ['ParameterError', 'store(kits).capacity: expected an integer ≥ 1 or Infinity, got 2.5'],
      ['ParameterError', 'store(kits).capacity: expected an integer ≥ 1 or Infinity, got NaN'],
      ['ParameterError', 'store(kits).capacity: expected an integer ≥ 1 or Infinity, got "3"'],
      ['ParameterError', 'store(kits).key: expected a function (item) => number, got "urgency"'],
      ['ParameterError', 'store.name: expected a non-empty string, got 42'],
      ['ParameterError', 'store: expected an options object, got "kits"'],
    ]);
  });

  test('bad arguments throw before any work, naming the store, the value, the time and the process', () => {
    const env = new Environment();
    const triage = new Store<{ urgency: number }>(env, { name: 'triage', key: (p) => p.urgency });
    const errors: [string, string][] = [];
    env.process(
      (function* () {
        yield* env.timeout(3);
        errors.push(thrown(() => triage.put({ urgency: Number.NaN })));
        errors.push(thrown(() => triage.put({ urgency: 1 }, Number.POSITIVE_INFINITY)));
        errors.push(thrown(() => triage.get('urgent' as never)));
        triage.put({ urgency: 1 });
        // A filter may not use the store it filters (it runs while the store is being served).
        errors.push(
          thrown(() =>
            triage.get(() => {
              triage.get();
              return true;
            }),
          ),
        );
      })(),
      { name: 'nurse' },
    );
    env.run();
    const s = 'store triage (0 of Infinity items, 0 waiting gets, 0 waiting puts)';
    const s1 = 'store triage (1 of Infinity items, 0 waiting gets, 0 waiting puts)';
    expect({ errors, accounting: triage.accounting() }).toEqual({
      errors: [
        [
          'SimulationError',
          `nurse at t=3.00: put into ${s}: key({"urgency":"NaN"}) returned NaN, expected a finite number`,
        ],
        [
          'SimulationError',
          `nurse at t=3.00: put into ${s}: expected a finite priority number, got Infinity`,
        ],
        [
          'SimulationError',
          `nurse at t=3.00: get from ${s}: expected a filter function (item) => boolean, got "urgent"`,
        ],
        [
          'SimulationError',
          `nurse at t=3.00: ${s1}: a filter or key function used the resource it belongs to`,
        ],
      ],
      accounting: {
        puts: 1,
        gets: 0,
        size: 1,
        waitingPuts: 0,
        waitingGets: 0,
        cancelledPuts: 0,
        cancelledGets: 0,
      },
    });
  });
});
