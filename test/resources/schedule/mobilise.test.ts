/**
 * Mobilisation and opening on an event: deterministic-input tests with exact capacity logs, plus the
 * 113-volunteer muster drawn from a seeded stream.
 */
import seedrandom from 'seedrandom';
import { describe, expect, test } from 'vitest';
import { Environment, type Proc } from '../../../src/kernel/index.js';
import { Resource } from '../../../src/resources/resource.js';
import {
  mobilisationRoster,
  mobilise,
  openWhen,
  StaffedResource,
  serve,
} from '../../../src/resources/schedule/index.js';

describe('mobilise', () => {
  test('each arrival raises the capacity by one; simultaneous arrivals are one change', () => {
    const env = new Environment();
    const crew = new Resource(env, { name: 'crew' });
    crew.setCapacity(0);
    const log: unknown[][] = [];
    crew.observer = { changed: (t, _b, _q, c) => log.push([t, c]) };
    const h = mobilise(crew, [600, 0, 600, 1800]);
    env.run();
    expect([h.arrivals, log]).toEqual([
      [0, 600, 600, 1800],
      [
        [0, 1],
        [600, 3],
        [1800, 4],
      ],
    ]);
  });

  test('113 volunteers within an hour: the capacity at t is the number arrived by t', () => {
    const env = new Environment();
    const crew = new Resource(env, { name: 'volunteers' });
    crew.setCapacity(0);
    const rng = seedrandom('muster-113');
    const h = mobilise(crew, { count: 113, sample: () => 3600 * rng() });
    const checks: [number, number, number][] = [];
    for (const t of [1, 600, 1200, 1800, 2400, 3000, 3599, 3600])
      env.schedule(
        t,
        () => checks.push([t, crew.capacity, h.arrivals.filter((a) => a <= t).length]),
        undefined,
        3,
      );
    env.run();
    expect(checks.every(([, cap, arrived]) => cap === arrived)).toBe(true);
    expect(checks[checks.length - 1]!.slice(1)).toEqual([113, 113]);
  });
});

describe('openWhen', () => {
  test('the isolation site takes nobody until its beds are ready; then waiting people are admitted', () => {
    const env = new Environment();
    const isolation = new Resource(env, { name: 'isolation', capacity: 1 });
    const bedsReady = env.event();
    openWhen(isolation, bedsReady, 2);
    const log: unknown[][] = [];
    for (const [name, at] of [
      ['p1', 100],
      ['p2', 200],
      ['p3', 300],
    ] as const)
      env.process(
        (function* (): Proc<void> {
          yield* env.timeout(at);
          const r = yield* serve(isolation, 1000);
          log.push([name, r.startedAt, r.waited]);
        })(),
        { name },
      );
    env.schedule(6 * 3600, () => bedsReady.succeed());
    env.run();
    expect(log).toEqual([
      ['p1', 21600, 21500],
      ['p2', 21600, 21400],
      ['p3', 22600, 22300],
    ]);
  });

  test('a staffed site: people on shift stand by until it opens', () => {
    const env = new Environment();
    const site = new StaffedResource(env, {
      name: 'site',
      roster: mobilisationRoster({ arrivals: [0, 60], until: 7200 }),
      trace: true,
    });
    const open = env.event();
    openWhen(site, open);
    env.schedule(600, () => open.succeed());
    env.run(601);
    expect([site.trace, site.capacity, site.positions]).toEqual([
      [
        [0, 'volunteer1', 'standby'],
        [0, 'volunteer1', 'on'],
        [0, 'volunteer1', 'standby'], // closed at once
        [60, 'volunteer2', 'standby'],
        [600, 'volunteer1', 'on'], // longest standing by first
        [600, 'volunteer2', 'on'],
      ],
      2,
      Number.POSITIVE_INFINITY,
    ]);
  });
});
