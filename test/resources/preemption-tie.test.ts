/**
 * The tie between a preemptive request and a unit released at the same instant (Resource's module
 * documentation, "Tie between a preemptive request and a release"): there is no special rule. Events
 * at one instant run in calendar order `(time, priority, insertion order)`, and a release hands its
 * unit over synchronously, so whichever of the two runs first decides:
 * - release first: the preemptor finds the freed unit (or, if someone waits, finds it already handed
 *   to the head of the line, and preempts that new holder if less urgent);
 * - preemptor first: it preempts the least urgent user at once, and the user's release later in the
 *   same instant does nothing (its unit is already gone).
 * Scheduling the release at `Priority.RELEASE` makes the release win whatever the insertion order.
 *
 * Log tests (taxonomy (a)): each case is worked by hand in its comment; one assertion on the log.
 */
import { describe, expect, test } from 'vitest';
import { Environment, Interrupt, Priority } from '../../src/kernel/index.js';
import { Preempted } from '../../src/resources/request.js';
import { Resource } from '../../src/resources/resource.js';

type Log = unknown[][];

/**
 * `low` (priority 5) holds the only unit from t=0 and releases it at t=10; `high` (priority 0,
 * preempt) asks at t=10. `waiter` (priority 3), when given, queues at t=1. `highFirst` puts high's
 * wake-up on the calendar before low's.
 */
function tie(highFirst: boolean, waiter: boolean, releaseAtReleasePriority = false): Log {
  const env = new Environment();
  const desk = new Resource(env, { name: 'desk', capacity: 1 });
  const log: Log = [];
  const holder = (name: string, priority: number, delay: number, hold: number, preempt: boolean) =>
    env.process(
      (function* () {
        if (delay > 0) yield* env.timeout(delay);
        const req = desk.request({ priority, preempt });
        try {
          yield* req;
        } catch {
          // Granted, then preempted before the process resumed: the interrupt comes first.
          log.push([name, 'interrupted while waiting', env.now, 'request', req.status]);
          return;
        }
        log.push([name, 'granted', env.now, 'preemptions so far', desk.preemptions]);
        try {
          yield* env.timeout(hold);
          log.push([name, 'releases', env.now]);
          desk.release(req);
        } catch (e) {
          if (!(e instanceof Interrupt && e.cause instanceof Preempted)) throw e;
          log.push([name, 'preempted', env.now, 'by', e.cause.by?.entity]);
        }
      })(),
      { name },
    );
  if (releaseAtReleasePriority) {
    // low is a callback user here: its release is an event of its own at Priority.RELEASE.
    const low = desk.request({ priority: 5, entity: 'low' });
    log.push(['low', 'granted', env.now, 'preemptions so far', desk.preemptions]);
    holder('high', 0, 10, 5, true);
    env.at(
      10,
      () => {
        log.push(['low', 'releases', env.now]);
        desk.release(low);
      },
      undefined,
      Priority.RELEASE,
    );
  } else if (highFirst) {
    holder('high', 0, 10, 5, true);
    holder('low', 5, 0, 10, false);
  } else {
    holder('low', 5, 0, 10, false);
    holder('high', 0, 10, 5, true);
  }
  if (waiter) holder('waiter', 3, 1, 5, false);
  env.run();
  return log;
}

describe('a preemptive request and a release at the same instant', () => {
  test('release first: the preemptor takes the freed unit, nobody is preempted', () => {
    // t=0 low granted. t=10: low's timeout was scheduled first, so low releases; the unit is free;
    // high asks and is granted at once (0 preemptions); t=15 high releases.
    expect(tie(false, false)).toEqual([
      ['low', 'granted', 0, 'preemptions so far', 0],
      ['low', 'releases', 10],
      ['high', 'granted', 10, 'preemptions so far', 0],
      ['high', 'releases', 15],
    ]);
  });

  test('preemptor first: the least urgent user is preempted, its release comes too late', () => {
    // t=10: high's timeout was scheduled first (high's process started first): high asks, the desk
    // is full, low (5) is less urgent: preempted at once. low's own timeout at t=10 is cut short by
    // the interrupt, which reaches low at t=10. t=15 high releases.
    expect(tie(true, false)).toEqual([
      ['low', 'granted', 0, 'preemptions so far', 0],
      ['high', 'granted', 10, 'preemptions so far', 1],
      ['low', 'preempted', 10, 'by', 'high'],
      ['high', 'releases', 15],
    ]);
  });

  test('release first with a waiter: the unit goes to the head of the line, which high then preempts', () => {
    // t=1 waiter (3) queues. t=10 low releases: the unit is handed to waiter synchronously (granted
    // at 10, its process to resume through the calendar). high asks next at t=10: full, waiter (3) is
    // less urgent than high (0): preempted. The interrupt reaches waiter before its resumption does,
    // so it learns of it while still waiting on its (granted, then preempted) request.
    expect(tie(false, true)).toEqual([
      ['low', 'granted', 0, 'preemptions so far', 0],
      ['low', 'releases', 10],
      ['high', 'granted', 10, 'preemptions so far', 1],
      ['waiter', 'interrupted while waiting', 10, 'request', 'preempted'],
      ['high', 'releases', 15],
    ]);
  });

  test('preemptor first with a waiter: high jumps the less urgent waiter and preempts low; waiter gets the unit at 15', () => {
    // t=10 high asks first: waiter (3) waits but is less urgent than high (0), so high is first in line
    // and preempts low. low's release at t=10 never happens (interrupted). t=15 high releases: the unit
    // goes to waiter, which holds it until t=20.
    expect(tie(true, true)).toEqual([
      ['low', 'granted', 0, 'preemptions so far', 0],
      ['high', 'granted', 10, 'preemptions so far', 1],
      ['low', 'preempted', 10, 'by', 'high'],
      ['high', 'releases', 15],
      ['waiter', 'granted', 15, 'preemptions so far', 1],
      ['waiter', 'releases', 20],
    ]);
  });

  test('a release at Priority.RELEASE wins whatever the insertion order', () => {
    // high's wake-up was put on the calendar first, at NORMAL; low's release at t=10 is at RELEASE,
    // which runs before NORMAL at the same instant: the unit is free when high asks.
    expect(tie(true, false, true)).toEqual([
      ['low', 'granted', 0, 'preemptions so far', 0],
      ['low', 'releases', 10],
      ['high', 'granted', 10, 'preemptions so far', 0],
      ['high', 'releases', 15],
    ]);
  });
});
