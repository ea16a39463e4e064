/**
 * Log tests of {@link Resource} (test taxonomy (a)): tiny processes push `[what, name, now, ...]` into
 * a log and each test makes ONE assertion on the whole log, so the expected log is the specification
 * of who gets a unit, when, and in which order.
 *
 * Rules under test:
 * - a request that can be granted at once is granted at once: the process goes on in the same step,
 *   with no calendar entry in between; a queued request is granted inside the release (or capacity
 *   change) that frees the unit and its process resumes through the calendar at that instant;
 * - smaller priority numbers first, FIFO among equal priorities;
 * - `preempt: true` takes the unit of the least urgent user (largest priority number, latest granted
 *   among ties) and interrupts its process with a {@link Preempted} cause;
 * - entries due at the same instant run in `(time, priority, insertion order)`, so a patience timer and
 *   a release due at the same instant are decided by which was put on the calendar first.
 */
import { describe, expect, test } from 'vitest';
import { Environment, Interrupt } from '../../src/kernel/index.js';
import { Preempted, type Request } from '../../src/resources/request.js';
import { Resource } from '../../src/resources/resource.js';

type Log = unknown[][];

/** Names of the requests holding units now, sorted (the holder list has no order of its own). */
function holderNames(res: Resource): string[] {
  return res.holders.map((r) => r.entity).sort();
}

describe('queueing', () => {
  test('capacity 2, FIFO: immediate grants go on in the same step, queued grants resume through the calendar', () => {
    const env = new Environment();
    const desk = new Resource(env, { name: 'desk', capacity: 2 });
    const log: Log = [];
    function* customer(name: string, service: number) {
      log.push(['request', name, env.now]);
      const req = yield* desk.request();
      log.push(['granted', name, env.now, req.waited]);
      yield* env.delay(service);
      desk.release(req);
      log.push(['released', name, env.now]);
    }
    for (const [name, service] of [
      ['A', 3],
      ['B', 5],
      ['C', 2],
      ['D', 4],
      ['E', 1],
    ] as const)
      env.process(customer(name, service), { name });
    env.run();
    log.push(['accounting', desk.accounting()]);
    expect(log).toEqual([
      // A and B are served before the next process even starts: no calendar step for them.
      ['request', 'A', 0],
      ['granted', 'A', 0, 0],
      ['request', 'B', 0],
      ['granted', 'B', 0, 0],
      ['request', 'C', 0],
      ['request', 'D', 0],
      ['request', 'E', 0],
      ['released', 'A', 3],
      ['granted', 'C', 3, 3],
      // At t=5 both B's and C's service end (B's was put on the calendar first); the grants to D and E
      // are decided inside the releases and their processes resume after both releases.
      ['released', 'B', 5],
      ['released', 'C', 5],
      ['granted', 'D', 5, 5],
      ['granted', 'E', 5, 5],
      ['released', 'E', 6],
      ['released', 'D', 9],
      [
        'accounting',
        {
          arrivals: 5,
          grants: 5,
          releases: 5,
          preemptions: 0,
          reneged: 0,
          balked: 0,
          cancelled: 0,
          queued: 0,
          busy: 0,
        },
      ],
    ]);
  });

  test('priority queueing: smaller numbers first, FIFO among equals', () => {
    const env = new Environment();
    const desk = new Resource(env, { name: 'desk', capacity: 1 });
    const log: Log = [];
    function* customer(name: string, at: number, priority: number, service: number) {
      yield* env.delay(at);
      const req = yield* desk.request({ priority });
      log.push(['granted', name, env.now, priority]);
      yield* env.delay(service);
      desk.release(req);
    }
    for (const [name, at, priority, service] of [
      ['holder', 0, 9, 10],
      ['a', 1, 2, 1],
      ['b', 2, 1, 1],
      ['c', 3, 2, 1],
      ['d', 4, 0, 1],
      ['e', 5, 1, 1],
    ] as const)
      env.process(customer(name, at, priority, service), { name });
    env.schedule(6, () => log.push(['queue', env.now, desk.waitingRequests.map((r) => r.entity)]));
    env.run();
    expect(log).toEqual([
      ['granted', 'holder', 0, 9],
      ['queue', 6, ['d', 'b', 'e', 'a', 'c']],
      ['granted', 'd', 10, 0],
      ['granted', 'b', 11, 1],
      ['granted', 'e', 12, 1],
      ['granted', 'a', 13, 2],
      ['granted', 'c', 14, 2],
    ]);
  });

  test('the entity option labels a request; without it the requesting process names it', () => {
    const env = new Environment();
    const desk = new Resource(env, { name: 'desk' });
    const log: Log = [];
    env.process(
      (function* () {
        const own = yield* desk.request();
        const labelled = desk.request({ entity: 'resident#17' });
        log.push([own.entity, labelled.entity, labelled.describe()]);
        desk.release(own);
        yield* labelled;
        desk.release(labelled);
      })(),
      { name: 'clerk' },
    );
    env.schedule(1, () => log.push([desk.request().entity]));
    env.run();
    expect(log).toEqual([
      ['clerk', 'resident#17', 'request(desk) by resident#17 [queued, position 1 of 1, since t=0]'],
      ['request'],
    ]);
  });
});

describe('preemption', () => {
  test('victims: largest priority number, latest granted among ties; the preempted re-request their remaining work', () => {
    const env = new Environment();
    const res = new Resource(env, { name: 'crew', capacity: 3 });
    const log: Log = [];
    function* worker(name: string, at: number, priority: number, work: number, preempt: boolean) {
      if (at > 0) yield* env.delay(at);
      let left = work;
      let mayPreempt = preempt;
      while (left > 0) {
        const req = yield* res.request({ priority, preempt: mayPreempt });
        log.push(['granted', name, env.now]);
        const start = env.now;
        try {
          yield* env.delay(left);
          left = 0;
          res.release(req);
        } catch (e) {
          if (!(e instanceof Interrupt) || !(e.cause instanceof Preempted)) throw e;
          const cause = e.cause;
          left -= env.now - start;
          res.release(req); // the unit is gone already: releasing a preempted request does nothing
          log.push([
            'preempted',
            name,
            env.now,
            cause.by?.entity,
            cause.usageSince,
            req.status,
            cause.request === req && cause.resource === res,
            left,
          ]);
          mayPreempt = false;
        }
      }
      log.push(['done', name, env.now]);
    }
    env.process(worker('u1', 0, 5, 20, false), { name: 'u1' });
    env.process(worker('u2', 1, 5, 20, false), { name: 'u2' });
    env.process(worker('u3', 2, 3, 20, false), { name: 'u3' });
    env.process(worker('x', 3, 1, 10, true), { name: 'x' });
    env.process(worker('y', 4, 1, 10, true), { name: 'y' });
    env.process(worker('z', 5, 2, 10, true), { name: 'z' });
    env.process(worker('w', 6, 1, 10, true), { name: 'w' });
    env.process(worker('v', 7, 1, 10, true), { name: 'v' });
    env.run();
    log.push(['accounting', res.accounting()]);
    expect(log).toEqual([
      ['granted', 'u1', 0],
      ['granted', 'u2', 1],
      ['granted', 'u3', 2],
      // u1 and u2 share the largest number (5); u2 was granted later, so it goes first.
      ['granted', 'x', 3],
      ['preempted', 'u2', 3, 'x', 1, 'preempted', true, 18],
      ['granted', 'y', 4],
      ['preempted', 'u1', 4, 'y', 0, 'preempted', true, 16],
      ['granted', 'z', 5],
      ['preempted', 'u3', 5, 'z', 2, 'preempted', true, 17],
      // z (2) is now the least urgent user; it is preempted in turn by w (1).
      ['granted', 'w', 6],
      ['preempted', 'z', 6, 'w', 5, 'preempted', true, 9],
      // v (1) finds only users of priority 1: nobody is less urgent, so it queues (first: smallest number).
      ['done', 'x', 13],
      ['granted', 'v', 13],
      ['done', 'y', 14],
      ['granted', 'z', 14],
      ['done', 'w', 16],
      ['granted', 'u3', 16],
      ['done', 'v', 23],
      ['done', 'z', 23],
      // u2 re-requested before u1 (both priority 5): FIFO.
      ['granted', 'u2', 23],
      ['granted', 'u1', 23],
      ['done', 'u3', 33],
      ['done', 'u1', 39],
      ['done', 'u2', 41],
      [
        'accounting',
        {
          arrivals: 12,
          grants: 12,
          releases: 8,
          preemptions: 4,
          reneged: 0,
          balked: 0,
          cancelled: 0,
          queued: 0,
          busy: 0,
        },
      ],
    ]);
  });

  test('among users granted at the same instant, the one granted last is preempted (whatever releases happened since)', () => {
    const env = new Environment();
    const res = new Resource(env, { name: 'crew', capacity: 3 });
    const log: Log = [];
    function* user(name: string, at: number, priority: number, service: number, preempt = false) {
      if (at > 0) yield* env.delay(at);
      const req = yield* res.request({ priority, preempt });
      log.push(['granted', name, env.now]);
      try {
        yield* env.delay(service);
        res.release(req);
        log.push(['released', name, env.now]);
      } catch (e) {
        if (!(e instanceof Interrupt) || !(e.cause instanceof Preempted)) throw e;
        log.push(['preempted', name, env.now, e.cause.by?.entity, e.cause.usageSince]);
      }
    }
    env.process(user('A', 0, 5, 1), { name: 'A' });
    env.process(user('B', 0, 5, 10), { name: 'B' });
    env.process(user('C', 0, 5, 10), { name: 'C' });
    env.process(user('D', 1, 0, 10), { name: 'D' });
    env.process(user('P', 2, 2, 1, true), { name: 'P' });
    env.run();
    expect(log).toEqual([
      ['granted', 'A', 0],
      ['granted', 'B', 0],
      ['granted', 'C', 0],
      ['released', 'A', 1],
      ['granted', 'D', 1],
      ['granted', 'P', 2],
      ['preempted', 'C', 2, 'P', 0],
      ['released', 'P', 3],
      ['released', 'B', 10],
      ['released', 'D', 11],
    ]);
  });

  test('a preempting request does not jump a more urgent waiter; it preempts once it is first in line', () => {
    const env = new Environment();
    const res = new Resource(env, { name: 'bed', capacity: 2 });
    const log: Log = [];
    function* user(name: string, at: number, priority: number, service: number, preempt = false) {
      if (at > 0) yield* env.delay(at);
      const req = yield* res.request({ priority, preempt });
      log.push(['granted', name, env.now]);
      try {
        yield* env.delay(service);
        res.release(req);
        log.push(['released', name, env.now]);
      } catch (e) {
        if (!(e instanceof Interrupt) || !(e.cause instanceof Preempted)) throw e;
        log.push(['preempted', name, env.now, e.cause.by?.entity]);
      }
    }
    env.process(user('low1', 0, 5, 4), { name: 'low1' });
    env.process(user('low2', 0, 5, 10), { name: 'low2' });
    // W is more urgent than P but does not preempt: it waits for a unit, and P must wait behind it.
    env.process(user('W', 1, 0, 5), { name: 'W' });
    env.process(user('P', 2, 1, 1, true), { name: 'P' });
    env.schedule(3, () => log.push(['queue', env.now, res.waitingRequests.map((r) => r.entity)]));
    env.run();
    expect(log).toEqual([
      ['granted', 'low1', 0],
      ['granted', 'low2', 0],
      ['queue', 3, ['W', 'P']],
      ['released', 'low1', 4],
      // low1's unit goes to W; P is now first in line and takes low2's unit at once.
      ['preempted', 'low2', 4, 'P'],
      ['granted', 'W', 4],
      ['granted', 'P', 4],
      ['released', 'P', 5],
      ['released', 'W', 9],
    ]);
  });

  test('a preempting request cannot preempt callback users, equally urgent users, or units being retired', () => {
    const env = new Environment();
    const res = new Resource(env, { name: 'crew', capacity: 3 });
    const log: Log = [];
    function* user(name: string, at: number, priority: number, service: number, preempt = false) {
      if (at > 0) yield* env.delay(at);
      const req = yield* res.request({ priority, preempt });
      log.push(['granted', name, env.now]);
      try {
        yield* env.delay(service);
        res.release(req);
        log.push(['released', name, env.now]);
      } catch (e) {
        if (!(e instanceof Interrupt) || !(e.cause instanceof Preempted)) throw e;
        log.push(['preempted', name, env.now, e.cause.by?.entity]);
      }
    }
    env.process(user('A', 0, 5, 5), { name: 'A' });
    env.process(user('B', 0, 5, 6), { name: 'B' });
    env.process(user('C', 0, 5, 7), { name: 'C' });
    // Capacity drops to 1 with 3 busy: two units are retired as A and B finish. A preempting request at
    // t=2 would free a unit that is being retired anyway, so it waits until the resource is exactly full.
    env.schedule(1, () => res.setCapacity(1, 'finish'));
    env.process(user('P', 2, 0, 1, true), { name: 'P' });
    env.schedule(
      2,
      () => log.push(['after P', env.now, res.busy, res.preemptions, res.queueLength]),
      undefined,
      3,
    );
    env.run();
    // A second resource held only by callback users and equally urgent users: no victim.
    const env2 = new Environment();
    const res2 = new Resource(env2, { name: 'crew2', capacity: 2 });
    res2.seize(() => log.push(['seized', env2.now]), undefined, 9);
    const same = res2.request({ priority: 1 });
    const p = res2.request({ priority: 1, preempt: true });
    log.push(['no victim', same.status, p.status, res2.preemptions]);
    expect(log).toEqual([
      ['granted', 'A', 0],
      ['granted', 'B', 0],
      ['granted', 'C', 0],
      ['after P', 2, 3, 0, 1],
      ['released', 'A', 5],
      // B's release brings busy down to the capacity: now P takes C's unit.
      ['released', 'B', 6],
      ['preempted', 'C', 6, 'P'],
      ['granted', 'P', 6],
      ['released', 'P', 7],
      ['seized', 0],
      ['no victim', 'granted', 'queued', 0],
    ]);
  });
});

describe('interrupts', () => {
  test('interrupted while queued: the request is withdrawn (cancelled) and the next in line is served', () => {
    const env = new Environment();
    const res = new Resource(env, { name: 'desk' });
    const log: Log = [];
    function* customer(name: string, at: number, service: number) {
      if (at > 0) yield* env.delay(at);
      const req = res.request();
      try {
        yield* req;
      } catch (e) {
        if (!(e instanceof Interrupt)) throw e;
        log.push([
          'interrupted',
          name,
          env.now,
          e.cause,
          req.status,
          req.endedAt,
          res.waitingRequests.map((r) => r.entity),
        ]);
        return;
      }
      log.push(['granted', name, env.now]);
      yield* env.delay(service);
      res.release(req);
    }
    env.process(customer('H', 0, 10), { name: 'H' });
    const q1 = env.process(customer('Q1', 1, 1), { name: 'Q1' });
    env.process(customer('Q2', 2, 1), { name: 'Q2' });
    env.process(customer('Q3', 3, 1), { name: 'Q3' });
    env.schedule(5, () => q1.interrupt('called away'));
    env.run();
    log.push(['accounting', res.cancelled, res.grants, res.queueLength]);
    expect(log).toEqual([
      ['granted', 'H', 0],
      ['interrupted', 'Q1', 5, 'called away', 'cancelled', 5, ['Q2', 'Q3']],
      ['granted', 'Q2', 10],
      ['granted', 'Q3', 11],
      ['accounting', 1, 3, 0],
    ]);
  });

  test('interrupted in service: the unit stays held until the process releases it', () => {
    const env = new Environment();
    const res = new Resource(env, { name: 'desk' });
    const log: Log = [];
    const holder = env.process(
      (function* () {
        const req = yield* res.request();
        try {
          yield* env.delay(10);
        } catch (e) {
          if (!(e instanceof Interrupt)) throw e;
          log.push(['interrupted', 'H', env.now, req.status, res.busy, res.queueLength]);
          yield* env.delay(2); // wrap up before leaving the desk
        }
        res.release(req);
        log.push(['released', 'H', env.now, req.status]);
      })(),
      { name: 'H' },
    );
    env.process(
      (function* () {
        yield* env.delay(1);
        const req = yield* res.request();
        log.push(['granted', 'W', env.now, req.waited]);
        res.release(req);
      })(),
      { name: 'W' },
    );
    env.schedule(3, () => holder.interrupt('fire drill'));
    env.run();
    expect(log).toEqual([
      ['interrupted', 'H', 3, 'granted', 1, 1],
      ['released', 'H', 5, 'released'],
      ['granted', 'W', 5, 4],
    ]);
  });

  test('an interrupt that arrives after the grant was decided but before the process resumed finds the request granted; `using` gives it back', () => {
    const env = new Environment();
    const res = new Resource(env, { name: 'desk' });
    const log: Log = [];
    env.process(
      (function* () {
        const req = yield* res.request();
        yield* env.delay(5);
        res.release(req);
        log.push(['released', 'H', env.now, holderNames(res)]);
      })(),
      { name: 'H' },
    );
    const w = env.process(
      (function* () {
        yield* env.delay(1);
        let held: Request | undefined;
        try {
          using req = res.request();
          held = req;
          yield* req;
          log.push(['granted', 'W', env.now]);
        } catch (e) {
          if (!(e instanceof Interrupt)) throw e;
          log.push(['interrupted', 'W', env.now, held?.status, holderNames(res)]);
        }
      })(),
      { name: 'W' },
    );
    env.process(
      (function* () {
        yield* env.delay(2);
        const req = yield* res.request();
        log.push(['granted', 'X', env.now]);
        res.release(req);
      })(),
      { name: 'X' },
    );
    // Due at t=5 after H's release (put on the calendar later): by then the grant to W is decided.
    env.process(
      (function* () {
        yield* env.delay(5);
        log.push(['interrupting W', env.now, w.waitingOn?.describe()]);
        w.interrupt();
      })(),
    );
    env.run();
    log.push(['accounting', res.grants, res.releases, res.busy]);
    expect(log).toEqual([
      ['released', 'H', 5, ['W']],
      ['interrupting W', 5, 'request(desk) by W [granted]'],
      ['interrupted', 'W', 5, 'released', ['X']],
      ['granted', 'X', 5],
      ['accounting', 3, 3, 0],
    ]);
  });

  test('`using` gives the unit back on normal exit and on an interrupt, and withdraws a queued request', () => {
    const env = new Environment();
    const res = new Resource(env, { name: 'desk' });
    const log: Log = [];
    const reqs: Record<string, Request> = {};
    function* customer(name: string, at: number, service: number) {
      if (at > 0) yield* env.delay(at);
      try {
        using req = res.request();
        reqs[name] = req;
        yield* req;
        log.push(['granted', name, env.now]);
        yield* env.delay(service);
      } catch (e) {
        if (!(e instanceof Interrupt)) throw e;
        log.push(['interrupted', name, env.now, reqs[name]?.status]);
      }
      log.push(['left', name, env.now, reqs[name]?.status, res.busy]);
    }
    env.process(customer('normal', 0, 2), { name: 'normal' });
    const inService = env.process(customer('in-service', 1, 10), { name: 'in-service' });
    const queued = env.process(customer('queued', 1, 10), { name: 'queued' });
    env.process(customer('last', 1, 1), { name: 'last' });
    env.schedule(3, () => queued.interrupt());
    env.schedule(4, () => inService.interrupt());
    env.run();
    expect(log).toEqual([
      ['granted', 'normal', 0],
      ['left', 'normal', 2, 'released', 1],
      ['granted', 'in-service', 2],
      ['interrupted', 'queued', 3, 'cancelled'],
      ['left', 'queued', 3, 'cancelled', 1],
      ['interrupted', 'in-service', 4, 'released'],
      ['left', 'in-service', 4, 'released', 1],
      ['granted', 'last', 4],
      ['left', 'last', 5, 'released', 0],
    ]);
  });
});

describe('leaving early', () => {
  test('reneging; a patience timer and a release due at the same instant: the one put on the calendar first wins', () => {
    const env = new Environment();
    const res = new Resource(env, { name: 'desk' });
    const log: Log = [];
    function* customer(name: string, at: number, patience: number, service: number) {
      if (at > 0) yield* env.delay(at);
      const req = yield* res.request({ patience });
      log.push([req.status, name, env.now, req.waited]);
      if (!req.granted) return;
      yield* env.delay(service);
      res.release(req);
      log.push(['released', name, env.now, holderNames(res)]);
    }
    env.process(
      (function* () {
        const req = yield* res.request();
        yield* env.delay(4);
        // The rest of the service is put on the calendar at t=4, after R2's patience timer (t=2).
        yield* env.delay(6);
        res.release(req);
        log.push(['released', 'H', env.now, holderNames(res)]);
      })(),
      { name: 'H' },
    );
    env.process(customer('R1', 1, 3, 1), { name: 'R1' });
    env.process(customer('R2', 2, 8, 1), { name: 'R2' }); // patience ends at t=10, as H leaves
    env.process(customer('R3', 3, 20, 5), { name: 'R3' });
    // R3's service (put on the calendar at t=10) ends at t=15, as R4's patience (put there at t=11).
    env.process(customer('R4', 11, 4, 1), { name: 'R4' });
    env.run();
    log.push(['accounting', res.reneged, res.grants, res.releases, res.queueLength]);
    expect(log).toEqual([
      ['reneged', 'R1', 4, 3],
      // t=10: R2's patience timer was on the calendar before H's release: R2 reneges, R3 gets the unit.
      ['released', 'H', 10, ['R3']],
      ['reneged', 'R2', 10, 8],
      ['granted', 'R3', 10, 7],
      // t=15: R3's release was on the calendar before R4's patience timer: R4 is served.
      ['released', 'R3', 15, ['R4']],
      ['granted', 'R4', 15, 4],
      ['released', 'R4', 16, []],
      ['accounting', 2, 3, 3, 0],
    ]);
  });

  test('balking: a request that finds queueLimit waiting does not join; it resumes at once with status balked', () => {
    const env = new Environment();
    const res = new Resource(env, { name: 'tent', capacity: 1, queueLimit: 2 });
    const gate = new Resource(env, { name: 'gate', capacity: 1, queueLimit: 0 });
    const log: Log = [];
    function* customer(r: Resource, name: string, at: number, service: number) {
      if (at > 0) yield* env.delay(at);
      const req = yield* r.request();
      log.push([req.status, name, env.now]);
      if (!req.granted) return;
      yield* env.delay(service);
      r.release(req);
    }
    env.process(customer(res, 'H', 0, 10), { name: 'H' });
    env.process(customer(res, 'A', 1, 1), { name: 'A' });
    env.process(customer(res, 'B', 2, 1), { name: 'B' });
    env.process(customer(res, 'C', 3, 1), { name: 'C' });
    env.process(customer(res, 'D', 10.5, 1), { name: 'D' }); // a place is free again by then
    env.process(customer(gate, 'G1', 0, 1), { name: 'G1' });
    env.process(customer(gate, 'G2', 0.5, 1), { name: 'G2' });
    env.process(customer(gate, 'G3', 1, 1), { name: 'G3' }); // G1 is gone: the unit is free
    env.run();
    log.push(['tent', res.accounting()], ['gate', gate.balked, gate.grants]);
    expect(log).toEqual([
      ['granted', 'H', 0],
      ['granted', 'G1', 0],
      ['balked', 'G2', 0.5],
      ['granted', 'G3', 1],
      ['balked', 'C', 3],
      ['granted', 'A', 10],
      ['granted', 'B', 11],
      ['granted', 'D', 12],
      [
        'tent',
        {
          arrivals: 5,
          grants: 4,
          releases: 4,
          preemptions: 0,
          reneged: 0,
          balked: 1,
          cancelled: 0,
          queued: 0,
          busy: 0,
        },
      ],
      ['gate', 1, 2],
    ]);
  });

  test('an explicitly cancelled request is skipped; cancelling twice or after the grant does nothing', () => {
    const env = new Environment();
    const res = new Resource(env, { name: 'desk' });
    const h = res.request({ entity: 'H' });
    const a = res.request({ entity: 'A' });
    const b = res.request({ entity: 'B' });
    a.cancel();
    a.cancel();
    h.cancel(); // granted: nothing to withdraw
    res.release(h);
    b.cancel(); // granted by the release above
    expect([
      h.status,
      a.status,
      b.status,
      a.endedAt,
      res.cancelled,
      res.holders.map((r) => r.entity),
    ]).toEqual(['released', 'cancelled', 'granted', 0, 1, ['B']]);
  });
});

describe('capacity changes', () => {
  test('raising the capacity serves waiting requests at once', () => {
    const env = new Environment();
    const res = new Resource(env, { name: 'swab', capacity: 1 });
    const log: Log = [];
    function* customer(name: string, at: number, service: number) {
      if (at > 0) yield* env.delay(at);
      const req = yield* res.request();
      log.push(['granted', name, env.now]);
      yield* env.delay(service);
      res.release(req);
    }
    env.process(customer('H', 0, 10), { name: 'H' });
    env.process(customer('A', 1, 2), { name: 'A' });
    env.process(customer('B', 2, 2), { name: 'B' });
    env.process(customer('C', 3, 2), { name: 'C' });
    env.schedule(4, () => {
      res.setCapacity(3);
      log.push(['setCapacity(3)', env.now, holderNames(res), res.queueLength]);
    });
    env.run();
    expect(log).toEqual([
      ['granted', 'H', 0],
      ['setCapacity(3)', 4, ['A', 'B', 'H'], 1],
      ['granted', 'A', 4],
      ['granted', 'B', 4],
      ['granted', 'C', 6],
    ]);
  });

  test("lowering it with 'finish': users finish, no new grant until busy < capacity", () => {
    const env = new Environment();
    const res = new Resource(env, { name: 'swab', capacity: 3 });
    const log: Log = [];
    function* customer(name: string, service: number) {
      const req = yield* res.request();
      log.push(['granted', name, env.now]);
      yield* env.delay(service);
      res.release(req);
      log.push(['released', name, env.now, res.busy, res.available, res.queueLength]);
    }
    env.process(customer('A', 5), { name: 'A' });
    env.process(customer('B', 6), { name: 'B' });
    env.process(customer('C', 7), { name: 'C' });
    env.process(customer('D', 1), { name: 'D' });
    env.process(customer('E', 1), { name: 'E' });
    env.schedule(1, () => {
      res.setCapacity(1, 'finish');
      log.push(['setCapacity(1)', env.now, res.capacity, res.busy, res.available]);
    });
    env.run();
    expect(log).toEqual([
      ['granted', 'A', 0],
      ['granted', 'B', 0],
      ['granted', 'C', 0],
      ['setCapacity(1)', 1, 1, 3, 0],
      ['released', 'A', 5, 2, 0, 2],
      ['released', 'B', 6, 1, 0, 2],
      ['released', 'C', 7, 1, 0, 1],
      ['granted', 'D', 7],
      ['released', 'D', 8, 1, 0, 0],
      ['granted', 'E', 8],
      ['released', 'E', 9, 0, 1, 0],
    ]);
  });

  test("lowering it with 'preempt': the least urgent users lose their units at once (cause.by is null)", () => {
    const env = new Environment();
    const res = new Resource(env, { name: 'swab', capacity: 3 });
    const log: Log = [];
    function* customer(name: string, priority: number, service: number) {
      const req = yield* res.request({ priority });
      log.push(['granted', name, env.now]);
      try {
        yield* env.delay(service);
        res.release(req);
        log.push(['released', name, env.now]);
      } catch (e) {
        if (!(e instanceof Interrupt) || !(e.cause instanceof Preempted)) throw e;
        log.push(['preempted', name, env.now, e.cause.by, e.cause.usageSince, e.message]);
      }
    }
    env.process(customer('A', 0, 5), { name: 'A' });
    env.process(customer('B', 2, 5), { name: 'B' });
    env.process(customer('C', 1, 5), { name: 'C' });
    env.process(customer('D', 0, 1), { name: 'D' });
    env.schedule(1, () => {
      res.setCapacity(1, 'preempt');
      log.push(['setCapacity(1)', env.now, holderNames(res), res.preemptions]);
    });
    env.run();
    expect(log).toEqual([
      ['granted', 'A', 0],
      ['granted', 'B', 0],
      ['granted', 'C', 0],
      ['setCapacity(1)', 1, ['A'], 2],
      [
        'preempted',
        'B',
        1,
        null,
        0,
        'interrupted at t=1: preempted from swab by a capacity drop (held since t=0)',
      ],
      [
        'preempted',
        'C',
        1,
        null,
        0,
        'interrupted at t=1: preempted from swab by a capacity drop (held since t=0)',
      ],
      ['released', 'A', 5],
      ['granted', 'D', 5],
      ['released', 'D', 6],
    ]);
  });
});

describe('callback users (seize/free) and process requests share one queue', () => {
  test('priority and FIFO across both styles; a seize callback runs synchronously inside the release that frees the unit', () => {
    const env = new Environment();
    const res = new Resource(env, { name: 'desk' });
    const log: Log = [];
    function* customer(name: string, at: number, priority: number, service: number) {
      if (at > 0) yield* env.delay(at);
      const req = yield* res.request({ priority });
      log.push(['granted', name, env.now]);
      yield* env.delay(service);
      log.push(['releasing', name, env.now]);
      res.release(req);
      log.push(['released', name, env.now]);
    }
    function callback(name: string, at: number, priority: number, service: number) {
      env.schedule(at, () =>
        res.seize(
          (id) => {
            log.push(['seized', id, env.now, res.busy]);
            env.schedule(service, () => {
              log.push(['freeing', id, env.now]);
              res.free();
            });
          },
          name,
          priority,
        ),
      );
    }
    env.process(customer('P', 0, 0, 5), { name: 'P' });
    callback('c1', 1, 1, 2);
    env.process(customer('Q', 2, 0, 1), { name: 'Q' });
    callback('c2', 3, 0, 2);
    callback('c0', 0, 0, 0); // queued behind P (t=0, after P started), served right after P
    env.schedule(4, () =>
      log.push(['queue', env.now, res.queueLength, res.waitingRequests.map((r) => r.entity)]),
    );
    env.run();
    log.push(['accounting', res.accounting()]);
    expect(log).toEqual([
      ['granted', 'P', 0],
      ['queue', 4, 4, ['Q']],
      ['releasing', 'P', 5],
      ['seized', 'c0', 5, 1],
      ['released', 'P', 5],
      ['freeing', 'c0', 5],
      ['granted', 'Q', 5],
      ['releasing', 'Q', 6],
      ['seized', 'c2', 6, 1],
      ['released', 'Q', 6],
      ['freeing', 'c2', 8],
      ['seized', 'c1', 8, 1],
      ['freeing', 'c1', 10],
      [
        'accounting',
        {
          arrivals: 5,
          grants: 5,
          releases: 5,
          preemptions: 0,
          reneged: 0,
          balked: 0,
          cancelled: 0,
          queued: 0,
          busy: 0,
        },
      ],
    ]);
  });
});

describe('default names', () => {
  test('unnamed resources are numbered per environment, so a replication does not depend on what ran before', () => {
    const names = [0, 1].map(() => {
      const env = new Environment();
      return [new Resource(env).name, new Resource(env).name];
    });
    expect(names).toEqual([
      ['resource#1', 'resource#2'],
      ['resource#1', 'resource#2'],
    ]);
  });
});
