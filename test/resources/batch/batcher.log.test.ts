/**
 * Log tests of {@link Batcher}: tiny models push `[what, now, ...]` into a log and each test makes one
 * assertion on the whole log, so the expected log is the specification of which items go into which
 * batch, when each batch is released and why.
 */
import { describe, expect, test } from 'vitest';
import { Environment, SimulationError } from '../../../src/kernel/index.js';
import { type Batch, Batcher } from '../../../src/resources/batch/index.js';

type Log = unknown[][];

/** `[time, 'release', id, items, reason, createdAt]` for every batch, via onBatch. */
function record<T>(env: Environment, b: Batcher<T>, log: Log): void {
  b.onBatch((batch) =>
    log.push([env.now, 'release', batch.id, batch.split(), batch.reason, batch.createdAt]),
  );
}

describe('release on count and on timeout', () => {
  test('size 10, 25 samples 30 s apart, timeout 1800 from the first sample of each tube', () => {
    const env = new Environment();
    const tubes = new Batcher<number>(env, { name: 'tubes', size: 10, timeout: 1800 });
    const log: Log = [];
    record(env, tubes, log);
    for (let i = 0; i < 25; i++) env.schedule(i * 30, (id: number) => tubes.put(id), i);
    env.run();
    log.push(['accounting', tubes.accounting()]);
    expect(log).toEqual([
      [270, 'release', 1, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 'full', 0],
      [570, 'release', 2, [10, 11, 12, 13, 14, 15, 16, 17, 18, 19], 'full', 300],
      // the third tube opened at 600 (sample 20): closed by its timer at 600 + 1800, not 720 + 1800
      [2400, 'release', 3, [20, 21, 22, 23, 24], 'timeout', 600],
      [
        'accounting',
        {
          itemsIn: 25,
          itemsReleased: 25,
          itemsWaiting: 0,
          batchesReleased: 3,
          full: 2,
          timeout: 1,
          schedule: 0,
          flush: 0,
          batchesTaken: 0,
          outbox: 3,
          waitingGets: 0,
        },
      ],
    ]);
  });

  test('the timer starts at the first item of each batch, and a full batch cancels it', () => {
    const env = new Environment();
    const b = new Batcher<string>(env, { name: 'b', size: 3, timeout: 150 });
    const log: Log = [];
    record(env, b, log);
    for (const [t, id] of [
      [0, 'a'],
      [100, 'b'],
      [200, 'c'],
      [210, 'd'],
      [220, 'e'],
      [400, 'f'],
    ] as const)
      env.schedule(t, (x: string) => b.put(x), id);
    env.run();
    expect(log).toEqual([
      [150, 'release', 1, ['a', 'b'], 'timeout', 0],
      [220, 'release', 2, ['c', 'd', 'e'], 'full', 200], // its timer (due 350) is cancelled
      [550, 'release', 3, ['f'], 'timeout', 400],
    ]);
  });

  test('an item arriving exactly at the deadline still joins: timer releases run LATE', () => {
    const env = new Environment();
    const b = new Batcher<string>(env, { name: 'b', size: 3, timeout: 60 });
    const log: Log = [];
    record(env, b, log);
    env.schedule(0, () => b.put('a'));
    env.schedule(60, () => b.put('b')); // scheduled after the timer, but the timer is LATE
    env.schedule(60, () => b.put('c')); // fills the batch at the deadline: released full
    env.schedule(60, () => b.put('d'));
    env.run();
    expect(log).toEqual([
      [60, 'release', 1, ['a', 'b', 'c'], 'full', 0],
      [120, 'release', 2, ['d'], 'timeout', 60],
    ]);
  });

  test('size 1 releases every item at once as full (no timer)', () => {
    const env = new Environment();
    const b = new Batcher<number>(env, { name: 'single', size: 1, timeout: 10 });
    const log: Log = [];
    record(env, b, log);
    env.schedule(5, () => b.put(1));
    env.schedule(5, () => b.put(2));
    env.run();
    expect([log, env.now]).toEqual([
      [
        [5, 'release', 1, [1], 'full', 5],
        [5, 'release', 2, [2], 'full', 5],
      ],
      5,
    ]);
  });
});

describe('scheduled releases, flush and close', () => {
  test('fixed release times take whatever is open; empty slots release nothing', () => {
    const env = new Environment();
    const box = new Batcher<number>(env, {
      name: 'box',
      size: 4,
      releaseAt: { start: 100, interval: 100, count: 4 },
    });
    const log: Log = [];
    record(env, box, log);
    for (const [t, id] of [
      [10, 1],
      [20, 2],
      [100, 3], // arrives at a release time: goes with that release
      [150, 4],
      [160, 5],
      [170, 6],
      [180, 7], // fills box 2 → full at 180
      [350, 8],
      [500, 9], // after the last release time: waits for flush
    ] as const)
      env.schedule(t, (x: number) => box.put(x), id);
    env.schedule(600, () => log.push([env.now, 'flush', box.flush().map((b) => b.id)]));
    env.run();
    expect(log).toEqual([
      [100, 'release', 1, [1, 2, 3], 'schedule', 10],
      [180, 'release', 2, [4, 5, 6, 7], 'full', 150],
      // t=200 and t=300: nothing open, nothing released
      [400, 'release', 3, [8], 'schedule', 350],
      [600, 'release', 4, [9], 'flush', 500],
      [600, 'flush', [4]],
    ]);
  });

  test('close at the site close: flushes the partial tube, later puts are errors naming time and batcher', () => {
    const env = new Environment();
    const tubes = new Batcher<number>(env, { name: 'tubes', size: 10 });
    const log: Log = [];
    record(env, tubes, log);
    for (let i = 0; i < 13; i++) env.schedule(i, (id: number) => tubes.put(id), i);
    env.schedule(100, () => log.push(['closed', tubes.close().map((b) => b.id), tubes.isClosed]));
    env.schedule(101, () => log.push(['flush after close', tubes.flush()]));
    env.process(
      (function* () {
        yield* env.timeout(120);
        try {
          tubes.put(99);
        } catch (e) {
          log.push(['error', (e as SimulationError).message, e instanceof SimulationError]);
        }
        try {
          tubes.close();
        } catch (e) {
          log.push(['error', (e as SimulationError).message]);
        }
      })(),
      { name: 'late-resident' },
    );
    env.run();
    expect(log).toEqual([
      [9, 'release', 1, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 'full', 0],
      [100, 'release', 2, [10, 11, 12], 'flush', 10],
      ['closed', [2], true],
      ['flush after close', []],
      ['error', 'late-resident at t=120.00: put into batcher tubes after it was closed at t=100', true],
      ['error', 'late-resident at t=120.00: close() of batcher tubes: it was already closed at t=100'],
    ]);
  });
});

describe('size as a function and keys', () => {
  test('the item opening a batch fixes its size', () => {
    const env = new Environment();
    const b = new Batcher<{ id: number; pool: number }>(env, { name: 'tubes', size: (x) => x.pool });
    const log: Log = [];
    b.onBatch((batch) => log.push([batch.id, batch.capacity, batch.items.map((x) => x.id), batch.reason]));
    const items = [
      { id: 1, pool: 2 },
      { id: 2, pool: 20 }, // joins the open 2-tube and fills it
      { id: 3, pool: 3 },
      { id: 4, pool: 1 },
      { id: 5, pool: 1 },
    ];
    for (const x of items) b.put(x);
    log.push(['open', b.openBatches.map((o) => [o.id, o.capacity, o.size])]);
    expect(log).toEqual([
      [1, 2, [1, 2], 'full'],
      [2, 3, [3, 4, 5], 'full'],
      ['open', []],
    ]);
  });

  test('households pooled apart: key = household, size = household size', () => {
    const env = new Environment();
    type Person = { name: string; household: string; members: number };
    const b = new Batcher<Person>(env, {
      name: 'household-tubes',
      key: (p) => p.household,
      size: (p) => p.members,
      timeout: 600,
    });
    const log: Log = [];
    b.onBatch((batch) => log.push([env.now, batch.key, batch.items.map((p) => p.name), batch.reason]));
    const people: [number, Person][] = [
      [0, { name: 'A1', household: 'A', members: 3 }],
      [5, { name: 'B1', household: 'B', members: 2 }],
      [10, { name: 'A2', household: 'A', members: 3 }],
      [20, { name: 'B2', household: 'B', members: 2 }],
      [30, { name: 'C1', household: 'C', members: 4 }],
      [40, { name: 'A3', household: 'A', members: 3 }],
    ];
    for (const [t, p] of people) env.schedule(t, (x: Person) => b.put(x), p);
    env.schedule(35, () => log.push([env.now, 'waiting', b.itemsWaiting, b.openBatches.map((o) => o.key)]));
    env.run();
    expect(log).toEqual([
      [20, 'B', ['B1', 'B2'], 'full'],
      [35, 'waiting', 3, ['A', 'C']],
      [40, 'A', ['A1', 'A2', 'A3'], 'full'],
      [630, 'C', ['C1'], 'timeout'], // C's other members never came
    ]);
  });

  test('a size function returning a bad size is a run-time error naming the batcher and batch', () => {
    const env = new Environment();
    const b = new Batcher<number>(env, { name: 'tubes', size: (x) => x });
    b.put(2);
    b.put(2);
    expect(() => b.put(0)).toThrow(
      new SimulationError(
        'batcher tubes: size(item) returned 0 for the item opening batch #2 (expected an integer ≥ 1)',
        { time: 0 },
      ),
    );
    expect(b.accounting().itemsIn).toBe(2);
  });
});

describe('join and get', () => {
  test('joiners wait for their batch and are resumed with it at the release', () => {
    const env = new Environment();
    const van = new Batcher<string>(env, { name: 'van', size: 3, timeout: 100 });
    const log: Log = [];
    function* worker(name: string, arrive: number) {
      yield* env.timeout(arrive);
      log.push([env.now, name, 'joins']);
      const batch = yield* van.join(name);
      log.push([env.now, name, 'leaves in batch', batch.id, batch.split(), batch.reason]);
    }
    for (const [name, t] of [
      ['w1', 0],
      ['w2', 10],
      ['w3', 20],
      ['w4', 30],
    ] as const)
      env.process(worker(name, t), { name });
    env.run();
    expect(log).toEqual([
      [0, 'w1', 'joins'],
      [10, 'w2', 'joins'],
      [20, 'w3', 'joins'],
      // the filler and the earlier joiners resume at the same instant, in joining order
      [20, 'w1', 'leaves in batch', 1, ['w1', 'w2', 'w3'], 'full'],
      [20, 'w2', 'leaves in batch', 1, ['w1', 'w2', 'w3'], 'full'],
      [20, 'w3', 'leaves in batch', 1, ['w1', 'w2', 'w3'], 'full'],
      [30, 'w4', 'joins'],
      [130, 'w4', 'leaves in batch', 2, ['w4'], 'timeout'],
    ]);
  });

  test('join and put mix; all joiners of a batch share one event', () => {
    const env = new Environment();
    const b = new Batcher<number>(env, { name: 'b', size: 4 });
    const e1 = b.join(1);
    b.put(2);
    const e3 = b.join(3);
    expect([e1 === e3, e1.triggered, b.itemsWaiting]).toEqual([true, false, 3]);
  });

  test('a courier process takes batches from the outbox in release order', () => {
    const env = new Environment();
    const tubes = new Batcher<number>(env, { name: 'tubes', size: 5, timeout: 300 });
    const log: Log = [];
    env.process(
      (function* () {
        for (;;) {
          const tube = yield* tubes.get();
          log.push([env.now, 'courier takes', tube.id, tube.size, tube.reason, tubes.outboxSize]);
          yield* env.timeout(200); // drive to the lab and back
        }
      })(),
      { name: 'courier', daemon: true },
    );
    for (let i = 0; i < 12; i++) env.schedule(i * 20, (id: number) => tubes.put(id), i);
    env.run();
    log.push(['accounting', tubes.accounting().batchesTaken, tubes.outboxSize, tubes.waitingGets]);
    expect(log).toEqual([
      [80, 'courier takes', 1, 5, 'full', 0],
      // tube 2 closes at 180 while the courier is away; it waits in the outbox
      [280, 'courier takes', 2, 5, 'full', 0],
      // tube 3 opened at 200 closes by its timer at 500
      [500, 'courier takes', 3, 2, 'timeout', 0],
      ['accounting', 3, 0, 1],
    ]);
  });

  test('a get abandoned by anyOf leaves the line; a batch handed over to a get nobody receives goes back', () => {
    const env = new Environment();
    const b = new Batcher<string>(env, { name: 'b', size: 1 });
    const log: Log = [];
    env.process(
      (function* () {
        const g = b.get();
        const r = yield* env.anyOf([g, env.timeout(10)]);
        log.push([env.now, 'impatient', r.index, g.status]);
      })(),
      { name: 'impatient' },
    );
    // At t=20 a batch is released to a waiting get, but that getter is interrupted at the same
    // instant before it receives it: the batch must go back, to the next getter.
    const unlucky = env.process(
      (function* () {
        yield* env.timeout(15);
        try {
          yield* b.get();
        } catch {
          log.push([env.now, 'unlucky interrupted']);
        }
      })(),
      { name: 'unlucky' },
    );
    env.schedule(20, () => {
      b.put('x'); // hands 'x' to unlucky's get (succeeds through the calendar at t=20)
      unlucky.interrupt('called away'); // urgent: delivered before the get is processed
    });
    env.process(
      (function* () {
        yield* env.timeout(30);
        const batch = yield* b.get();
        log.push([env.now, 'patient gets', batch.split()]);
      })(),
      { name: 'patient' },
    );
    env.run();
    expect(log).toEqual([
      [10, 'impatient', 1, 'cancelled'],
      [20, 'unlucky interrupted'],
      [30, 'patient gets', ['x']],
    ]);
  });

  test('outbox: false keeps no batches and get() is an error', () => {
    const env = new Environment();
    const b = new Batcher<number>(env, { name: 'b', size: 2, outbox: false });
    b.put(1);
    b.put(2);
    expect(() => b.get()).toThrow(/batcher b, which keeps no outbox/);
    expect([b.outboxSize, b.batchesReleased]).toEqual([0, 1]);
  });

  test('closed ends a courier loop cleanly: anyOf([get, closed])', () => {
    const env = new Environment();
    const tubes = new Batcher<number>(env, { name: 'tubes', size: 3 });
    const log: Log = [];
    env.process(
      (function* () {
        for (;;) {
          const r = yield* env.anyOf([tubes.get(), tubes.closed]);
          if (r.index === 1) break;
          log.push([env.now, 'tube', (r.value as Batch<number>).split()]);
        }
        log.push([env.now, 'courier done']);
      })(),
      { name: 'courier' },
    );
    for (let i = 0; i < 4; i++) env.schedule(i, (x: number) => tubes.put(x), i);
    env.schedule(50, () => tubes.close());
    env.run(); // no deadlock: the courier noticed the close
    expect(log).toEqual([
      [2, 'tube', [0, 1, 2]],
      [50, 'tube', [3]],
      [50, 'courier done'],
    ]);
  });

  test('a joiner waiting at the end of the run is reported with its batch', () => {
    const env = new Environment();
    const b = new Batcher<number>(env, { name: 'tubes', size: 10 });
    env.process(
      (function* () {
        yield* b.join(1);
      })(),
      { name: 'resident#1' },
    );
    expect(() => env.run()).toThrow(
      /resident#1: waiting on release of batch #1 of tubes \[open since t=0, 1 of 10\]/,
    );
  });
});

describe('results', () => {
  test('mean size and waits from per-batch sums', () => {
    const env = new Environment();
    const b = new Batcher<number>(env, { name: 'b', size: 3, timeout: 100 });
    // batch 1: items at 0, 10, 20 → full at 20; waits 20, 10, 0
    // batch 2: item at 50 → timeout at 150; wait 100
    for (const t of [0, 10, 20, 50]) env.schedule(t, (x: number) => b.put(x), t);
    env.run();
    expect(b.results()).toEqual({
      name: 'b',
      itemsIn: 4,
      itemsReleased: 4,
      itemsWaiting: 0,
      batchesReleased: 2,
      full: 1,
      timeout: 1,
      schedule: 0,
      flush: 0,
      batchesTaken: 0,
      outbox: 2,
      waitingGets: 0,
      meanBatchSize: 2,
      meanWait: 130 / 4,
      maxWait: 100,
      closedAt: null,
    });
    expect(b.describe()).toBe('batcher b (no open batch, 2 in outbox, 0 gets waiting)');
  });
});
