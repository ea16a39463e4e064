/**
 * A process that ends holding resource units is an error (Resource's module documentation): the run
 * stops at the instant the process ends, with a SimulationError naming the process, the resource and
 * when the units were granted. Before, the units stayed held for ever and, with `run(until)`, nothing
 * said so: capacity was lost silently.
 *
 * Cases: returning without releasing; the case (interrupted just after the grant, before
 * resuming, then returning), with `run()` and with `run(until)`; and the cases that must not be
 * reported: `using` (released on the way out), a unit taken by preemption, a unit released by another
 * party before the end is processed, and a process that fails (its own error is the one reported).
 */
import { describe, expect, test } from 'vitest';
import { Environment, Interrupt, SimulationError } from '../../src/kernel/index.js';
import { Resource } from '../../src/resources/resource.js';

/** The error `fn` throws, or undefined. */
function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('a process that ends holding units', () => {
  test('returning without releasing stops the run at the end, naming process, resource and grant', () => {
    const env = new Environment();
    const desk = new Resource(env, { name: 'desk', capacity: 2 });
    env.process(
      (function* () {
        yield* env.timeout(3);
        yield* desk.request({ amount: 2 });
        yield* env.timeout(4);
      })(),
      { name: 'clerk' },
    );
    const error = caught(() => env.run());
    expect(error).toBeInstanceOf(SimulationError);
    const e = error as SimulationError;
    expect([e.time, e.entity, e.message]).toEqual([
      7,
      'clerk',
      expect.stringContaining('clerk ended holding 2 units of resource desk (granted at t=3)'),
    ]);
  });

  /** A holds the desk until t=5; B waits; at t=5, after A's release grants B, C interrupts B, which returns. */
  function interruptedAfterGrant(until?: number): { error: unknown; log: unknown[][]; desk: Resource } {
    const env = new Environment();
    const desk = new Resource(env, { name: 'desk', capacity: 1 });
    const log: unknown[][] = [];
    env.process(
      (function* () {
        const req = yield* desk.request();
        yield* env.timeout(5);
        desk.release(req);
      })(),
      { name: 'A' },
    );
    const b = env.process(
      (function* () {
        const req = desk.request();
        try {
          yield* req;
        } catch (e) {
          if (!(e instanceof Interrupt)) throw e;
          log.push(['B interrupted', env.now, req.status]);
          return; // the mistake: the request was granted and is not released
        }
        desk.release(req);
      })(),
      { name: 'B' },
    );
    env.process(
      (function* () {
        yield* env.timeout(5);
        b.interrupt('called away');
      })(),
      { name: 'C' },
    );
    const error = caught(() => (until === undefined ? env.run() : env.run(until)));
    return { error, log, desk };
  }

  test('interrupted just after the grant, then returning: reported at that instant', () => {
    const { error, log } = interruptedAfterGrant();
    expect([log, (error as SimulationError).time, (error as Error).message]).toEqual([
      [['B interrupted', 5, 'granted']],
      5,
      expect.stringContaining('B ended holding a unit of resource desk (granted at t=5)'),
    ]);
  });

  test('the same with run(until): reported, not lost silently at the horizon', () => {
    const { error } = interruptedAfterGrant(100);
    expect((error as Error).message).toContain('B ended holding a unit of resource desk');
  });

  test('not reported: using, preemption, a release by someone else at the same instant, and failures', () => {
    const env = new Environment();
    const desk = new Resource(env, { name: 'desk', capacity: 1 });
    const outcomes: unknown[] = [];
    // `using` releases on the way out, also on an early return.
    env.process(
      (function* () {
        using req = desk.request();
        yield* req;
        yield* env.timeout(1);
        return;
      })(),
    );
    // Preempted at t=3, then returns: its units are gone, nothing held.
    env.process(
      (function* () {
        yield* env.timeout(2);
        const req = yield* desk.request({ priority: 5 });
        try {
          yield* env.timeout(10);
          desk.release(req);
        } catch {
          outcomes.push(['low preempted', env.now, req.status]);
        }
      })(),
    );
    env.process(
      (function* () {
        yield* env.timeout(3);
        const req = yield* desk.request({ priority: 0, preempt: true });
        yield* env.timeout(1);
        // Ends holding; a callback at the same instant releases on its behalf before the end is processed.
        env.schedule(0, () => desk.release(req));
      })(),
      { name: 'handing-over' },
    );
    env.run();
    // A process that fails while holding reports its own error, not the leak.
    const fails = new Environment();
    const bed = new Resource(fails, { name: 'bed' });
    fails.process(
      (function* () {
        yield* bed.request();
        throw new Error('PCR machine down');
      })(),
      { name: 'lab' },
    );
    const error = caught(() => fails.run());
    expect([outcomes, desk.busy, (error as Error).message]).toEqual([
      [['low preempted', 3, 'preempted']],
      0,
      expect.stringContaining('PCR machine down'),
    ]);
  });
});
