/**
 * Error tests of {@link Resource}: every misuse throws before any work is done (no counter moves, no
 * unit changes hands), and the message names the resource, the bad value and, for calls made during a
 * run, the simulated time (and the process making the call, when there is one).
 *
 * Constructor checks are {@link ParameterError}s (`resource(desk).capacity: expected …, got 0`): they
 * are input checks, like every other parameter check in the library, and carry the parameter path
 * rather than a time.
 */
import { describe, expect, test } from 'vitest';
import { Environment, ParameterError, SimulationError } from '../../src/kernel/index.js';
import type { Request } from '../../src/resources/request.js';
import { type CapacityPolicy, Resource, type ResourceOptions } from '../../src/resources/resource.js';

/** What `fn` throws, as `[class name, message]`; fails the test if it throws nothing. */
function thrown(fn: () => unknown): [string, string] {
  try {
    fn();
  } catch (e) {
    if (e instanceof Error) return [e.constructor.name, e.message];
    return ['non-error', String(e)];
  }
  throw new Error('expected an error, none was thrown');
}

/** The error `fn` throws, or undefined. */
function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

/** An environment advanced to t=12.5 with a resource `desk` (capacity 1) in it. */
function deskAt12_5(options: Partial<ResourceOptions> = {}) {
  const env = new Environment();
  const desk = new Resource(env, { name: 'desk', capacity: 1, ...options });
  env.run(12.5);
  return { env, desk };
}

describe('constructor', () => {
  const env = new Environment();
  test.each([
    [0, '0'],
    [-1, '-1'],
    [1.5, '1.5'],
    [Number.NaN, 'NaN'],
    ['3', '"3"'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
  ])('capacity %s is refused, naming the resource and the value', (capacity, shown) => {
    expect(thrown(() => new Resource(env, { name: 'desk', capacity: capacity as number }))).toEqual([
      'ParameterError',
      `resource(desk).capacity: expected a positive integer or Infinity, got ${shown}`,
    ]);
  });

  test.each([
    [-1, '-1'],
    [2.5, '2.5'],
    [Number.NaN, 'NaN'],
    ['2', '"2"'],
  ])('queueLimit %s is refused', (queueLimit, shown) => {
    expect(thrown(() => new Resource(env, { name: 'desk', queueLimit: queueLimit as number }))).toEqual([
      'ParameterError',
      `resource(desk).queueLimit: expected an integer ≥ 0 or Infinity, got ${shown}`,
    ]);
  });

  test('a bad name is refused; good edge values are accepted', () => {
    const err = caught(() => new Resource(env, { name: '' }));
    const ok = [
      new Resource(env, { capacity: Number.POSITIVE_INFINITY }).capacity,
      new Resource(env, { queueLimit: 0 }).queueLimit,
      new Resource(env).capacity,
      new Resource(env).queueLimit,
    ];
    expect([
      err instanceof ParameterError,
      (err as ParameterError).path,
      (err as ParameterError).value,
      (err as Error).message,
      ok,
    ]).toEqual([
      true,
      'resource.name',
      '',
      'resource.name: expected a non-empty string, got ""',
      [Number.POSITIVE_INFINITY, 0, 1, Number.POSITIVE_INFINITY],
    ]);
  });
});

describe('request options', () => {
  test.each([
    [{ priority: Number.NaN }, 'priority must be a finite number, got NaN'],
    [{ priority: Number.POSITIVE_INFINITY }, 'priority must be a finite number, got Infinity'],
    [{ priority: '1' }, 'priority must be a finite number, got "1"'],
    [{ patience: -1 }, 'patience must be a number ≥ 0, got -1'],
    [{ patience: Number.NaN }, 'patience must be a number ≥ 0, got NaN'],
    [{ patience: '5' }, 'patience must be a number ≥ 0, got "5"'],
    [{ preempt: 'yes' }, 'preempt must be true or false, got "yes"'],
    [{ entity: '' }, 'entity must be a non-empty string, got ""'],
    [{ entity: 17 }, 'entity must be a non-empty string, got 17'],
    [null, 'options must be an object, got null'],
  ])('%o is refused at the call, before the request counts as an arrival', (options, detail) => {
    const { desk } = deskAt12_5();
    const result = thrown(() => desk.request(options as never));
    expect([result, desk.arrivals, desk.queueLength]).toEqual([
      ['SimulationError', `simulation at t=12.50: request to resource desk: ${detail}`],
      0,
      0,
    ]);
  });

  test('inside a process the message names the process and its step', () => {
    const env = new Environment();
    const desk = new Resource(env, { name: 'desk' });
    env.process(
      (function* () {
        yield* env.delay(3);
        const self = env.activeProcess!;
        self.step = 'registration';
        yield* desk.request({ priority: Number.NaN });
      })(),
      { name: 'resident#17' },
    );
    const err = caught(() => env.run());
    expect([
      err instanceof SimulationError,
      (err as SimulationError).entity,
      (err as SimulationError).time,
      (err as Error).message,
    ]).toEqual([
      true,
      'resident#17',
      3,
      'resident#17 at t=3.00 in [registration]: request to resource desk: priority must be a finite number, got NaN',
    ]);
  });
});

describe('release and free', () => {
  test('releasing twice names the request and when it was released', () => {
    const { env, desk } = deskAt12_5();
    const req = desk.request({ entity: 'A' });
    desk.release(req);
    env.run(14);
    expect([thrown(() => desk.release(req)), desk.releases, desk.busy]).toEqual([
      [
        'SimulationError',
        'simulation at t=14.00: release of request(desk) by A [released]: it is not held (released already at t=12.5)',
      ],
      1,
      0,
    ]);
  });

  test('releasing a queued request names its place in the line', () => {
    const { desk } = deskAt12_5();
    desk.request({ entity: 'A' });
    const b = desk.request({ entity: 'B' });
    expect([thrown(() => desk.release(b)), b.status, desk.busy, desk.queueLength]).toEqual([
      [
        'SimulationError',
        'simulation at t=12.50: release of request(desk) by B [queued, position 1 of 1, since t=12.5]: it is not held (status queued)',
      ],
      'queued',
      1,
      1,
    ]);
  });

  test('releasing a reneged, balked or cancelled request names its status', () => {
    const { env, desk } = deskAt12_5({ queueLimit: 1 });
    desk.request({ entity: 'holder' });
    const reneging = desk.request({ entity: 'R', patience: 1 });
    env.run(14);
    const balking = (() => {
      desk.request({ entity: 'W' });
      return desk.request({ entity: 'X' });
    })();
    const waiting = desk.waitingRequests[0]!;
    waiting.cancel();
    expect([reneging, balking, waiting].map((r) => [r.status, thrown(() => desk.release(r))[1]])).toEqual([
      [
        'reneged',
        'simulation at t=14.00: release of request(desk) by R [reneged]: it is not held (status reneged)',
      ],
      [
        'balked',
        'simulation at t=14.00: release of request(desk) by X [balked]: it is not held (status balked)',
      ],
      [
        'cancelled',
        'simulation at t=14.00: release of request(desk) by W [cancelled]: it is not held (status cancelled)',
      ],
    ]);
  });

  test("releasing another resource's request, or something that is not a request, names both", () => {
    const { env, desk } = deskAt12_5();
    const other = new Resource(env, { name: 'swab' });
    const foreign = other.request({ entity: 'A' });
    expect([
      thrown(() => desk.release(foreign)),
      thrown(() => desk.release({ status: 'granted' } as unknown as Request)),
      thrown(() => desk.release(undefined as unknown as Request)),
      foreign.status,
      other.busy,
    ]).toEqual([
      [
        'SimulationError',
        'simulation at t=12.50: release("request(swab) by A [granted]"): not a request of resource desk',
      ],
      [
        'SimulationError',
        'simulation at t=12.50: release({"status":"granted"}): not a request of resource desk',
      ],
      ['SimulationError', 'simulation at t=12.50: release(undefined): not a request of resource desk'],
      'granted',
      1,
    ]);
  });

  test('free() without a seize() user is refused, also when request users hold units', () => {
    const { desk } = deskAt12_5({ capacity: 2 });
    const before = thrown(() => desk.free());
    desk.request({ entity: 'A' });
    const withRequestUser = thrown(() => desk.free());
    let freedTwice: [string, string] | undefined;
    desk.seize(() => {
      desk.free();
      freedTwice = thrown(() => desk.free());
    }, undefined);
    const message = 'simulation at t=12.50: free() on resource desk: no unit is held by a seize() user';
    expect([before, withRequestUser, freedTwice, desk.busy, desk.releases]).toEqual([
      ['SimulationError', message],
      ['SimulationError', message],
      ['SimulationError', message],
      1,
      1,
    ]);
  });

  test('seize() with a bad callback or priority is refused before it queues', () => {
    const { desk } = deskAt12_5();
    desk.request();
    const results = [
      thrown(() => desk.seize(undefined as unknown as () => void, 1)),
      thrown(() => desk.seize(() => {}, 1, Number.NaN)),
      thrown(() => desk.seize(() => {}, 1, '1' as unknown as number)),
    ];
    expect([results, desk.arrivals, desk.queueLength]).toEqual([
      [
        [
          'SimulationError',
          'simulation at t=12.50: seize on resource desk: fn must be a function, got undefined',
        ],
        [
          'SimulationError',
          'simulation at t=12.50: seize on resource desk: priority must be a finite number, got NaN',
        ],
        [
          'SimulationError',
          'simulation at t=12.50: seize on resource desk: priority must be a finite number, got "1"',
        ],
      ],
      1,
      0,
    ]);
  });

  test('an unhandled bad release inside a process ends the run with the process named', () => {
    const env = new Environment();
    const desk = new Resource(env, { name: 'desk' });
    env.process(
      (function* () {
        const req = yield* desk.request();
        yield* env.delay(2);
        desk.release(req);
        desk.release(req);
      })(),
      { name: 'clerk#2' },
    );
    expect(thrown(() => env.run())).toEqual([
      'SimulationError',
      'clerk#2 at t=2.00: release of request(desk) by clerk#2 [released]: it is not held (released already at t=2)',
    ]);
  });
});

describe('setCapacity', () => {
  test.each([
    [-1, '-1'],
    [1.5, '1.5'],
    [Number.NaN, 'NaN'],
    ['3', '"3"'],
    [undefined, 'undefined'],
  ])('capacity %s is refused and nothing changes', (capacity, shown) => {
    const { desk } = deskAt12_5();
    desk.request();
    desk.request();
    expect([
      thrown(() => desk.setCapacity(capacity as number)),
      desk.capacity,
      desk.busy,
      desk.queueLength,
    ]).toEqual([
      [
        'SimulationError',
        `simulation at t=12.50: setCapacity on resource desk: expected an integer ≥ 0 or Infinity, got ${shown}`,
      ],
      1,
      1,
      1,
    ]);
  });

  test('a bad policy is refused before the capacity changes', () => {
    const { desk } = deskAt12_5({ capacity: 2 });
    desk.request();
    desk.request();
    expect([
      thrown(() => desk.setCapacity(1, 'drop' as CapacityPolicy)),
      desk.capacity,
      desk.busy,
      desk.preemptions,
    ]).toEqual([
      [
        'SimulationError',
        'simulation at t=12.50: setCapacity on resource desk: policy must be "finish" or "preempt", got "drop"',
      ],
      2,
      2,
      0,
    ]);
  });

  test('capacity 0 and Infinity are valid: nothing is granted at 0, everything at Infinity', () => {
    const { desk } = deskAt12_5({ capacity: 2 });
    desk.setCapacity(0);
    const a = desk.request();
    const b = desk.request();
    const before = [a.status, b.status, desk.available];
    desk.setCapacity(Number.POSITIVE_INFINITY);
    expect([before, a.status, b.status, desk.available]).toEqual([
      ['queued', 'queued', 0],
      'granted',
      'granted',
      Number.POSITIVE_INFINITY,
    ]);
  });
});
