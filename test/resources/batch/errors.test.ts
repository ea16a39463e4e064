/**
 * Bad input and misuse: every parameter error names its path and the bad value and is thrown before
 * any work (nothing registered, nothing scheduled); run-time misuse is a SimulationError naming the
 * time and the component.
 */
import { describe, expect, test } from 'vitest';
import { Environment, ParameterError, SimulationError } from '../../../src/kernel/index.js';
import { Batcher, type BatcherOptions, resolveTimetable } from '../../../src/resources/batch/index.js';

/** The message of the error `fn` throws, checking it is a ParameterError and nothing was registered. */
function parameterError(fn: (env: Environment) => unknown): string {
  const env = new Environment();
  try {
    fn(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ParameterError);
    expect([env.components.length, env.pending]).toEqual([0, 0]);
    return (e as Error).message;
  }
  throw new Error('no error thrown');
}

const batcher = (options: unknown) => (env: Environment) =>
  new Batcher(env, options as BatcherOptions<unknown>);

describe('Batcher parameters', () => {
  test.each([
    [{ name: 'tubes', size: 0 }, 'batcher(tubes).size: expected an integer ≥ 1, got 0'],
    [{ name: 'tubes', size: 2.5 }, 'batcher(tubes).size: expected an integer ≥ 1, got 2.5'],
    [{ name: 'tubes', size: '10' }, 'batcher(tubes).size: expected an integer ≥ 1, got "10"'],
    [
      { name: 'tubes', size: Number.POSITIVE_INFINITY },
      'batcher(tubes).size: expected an integer ≥ 1, got Infinity',
    ],
    [{ name: 'tubes' }, 'batcher(tubes).size: expected an integer ≥ 1, got undefined'],
    [{ size: -1 }, 'batcher(batcher#1).size: expected an integer ≥ 1, got -1'],
    [
      { name: 'tubes', size: 10, timeout: -1 },
      'batcher(tubes).timeout: expected a finite number ≥ 0, got -1',
    ],
    [
      { name: 'tubes', size: 10, timeout: Number.NaN },
      'batcher(tubes).timeout: expected a finite number ≥ 0, got NaN',
    ],
    [
      { name: 'tubes', size: 10, releaseAt: [] },
      'batcher(tubes).releaseAt: expected a non-empty list of times, got []',
    ],
    [
      { name: 'tubes', size: 10, releaseAt: [10, 20, 20] },
      'batcher(tubes).releaseAt[2]: expected a finite time > 20 (times strictly increasing), got 20',
    ],
    [
      { name: 'tubes', size: 10, releaseAt: [10, Number.NaN] },
      'batcher(tubes).releaseAt[1]: expected a finite time > 10 (times strictly increasing), got NaN',
    ],
    [
      { name: 'tubes', size: 10, releaseAt: [-5] },
      'batcher(tubes).releaseAt[0]: expected a finite time ≥ 0, got -5',
    ],
    [
      { name: 'tubes', size: 10, releaseAt: { start: 0, interval: 0, count: 3 } },
      'batcher(tubes).releaseAt.interval: expected a finite number > 0, got 0',
    ],
    [
      { name: 'tubes', size: 10, releaseAt: { start: 0, interval: 10 } },
      'batcher(tubes).releaseAt: expected a count or an end (a timetable must end), got {"start":0,"interval":10}',
    ],
    [
      { name: 'tubes', size: 10, releaseAt: { start: 100, interval: 10, end: 50 } },
      'batcher(tubes).releaseAt.end: expected a time ≥ start (100), got 50',
    ],
    [
      { name: 'tubes', size: 10, releaseAt: { start: 0, interval: 10, count: 0 } },
      'batcher(tubes).releaseAt.count: expected an integer ≥ 1, got 0',
    ],
    [
      { name: 'tubes', size: 10, releaseAt: 'hourly' },
      'batcher(tubes).releaseAt: expected a list of times or { start, interval, count | end }, got "hourly"',
    ],
    [
      { name: 'tubes', size: 10, key: 'zone' },
      'batcher(tubes).key: expected a function of the item, got "zone"',
    ],
    [{ name: 'tubes', size: 10, outbox: 'yes' }, 'batcher(tubes).outbox: expected true or false, got "yes"'],
    [{ name: '', size: 10 }, 'batcher.name: expected a non-empty string, got ""'],
    [null, 'batcher: expected an options object with a size, got null'],
  ])('%j → %s', (options, message) => {
    expect(parameterError(batcher(options))).toBe(message);
  });

  test('release times must not lie before the current time when built mid-run', () => {
    const env = new Environment();
    env.run(100);
    expect(() => new Batcher(env, { name: 'box', size: 5, releaseAt: [50, 150] })).toThrow(
      'box).releaseAt[0]: expected a finite time ≥ 100, got 50',
    );
  });

  test('default names count per environment', () => {
    const env = new Environment();
    const names = [new Batcher(env, { size: 1 }).name, new Batcher(env, { size: 1 }).name];
    expect([...names, new Batcher(new Environment(), { size: 1 }).name]).toEqual([
      'batcher#1',
      'batcher#2',
      'batcher#1',
    ]);
  });
});

describe('timetables', () => {
  test('an interval timetable keeps its last entry despite rounding, and stops at count or end', () => {
    expect(resolveTimetable({ start: 0, interval: 0.1, end: 0.3 }, 't')).toEqual([
      0, 0.1, 0.2, 0.30000000000000004,
    ]);
    expect(resolveTimetable({ start: 60, interval: 60, count: 3, end: 1000 }, 't')).toEqual([60, 120, 180]);
    expect(resolveTimetable({ start: 60, interval: 60, count: 30, end: 200 }, 't')).toEqual([60, 120, 180]);
    expect(resolveTimetable([1, 2.5, 7], 't')).toEqual([1, 2.5, 7]);
  });
});

describe('run-time misuse', () => {
  test('Batcher: join after close and a non-function listener name the batcher and the time', () => {
    const env = new Environment();
    const b = new Batcher<number>(env, { name: 'tubes', size: 2 });
    env.run(30);
    b.close();
    expect(() => b.join(1)).toThrow(
      new SimulationError('join into batcher tubes after it was closed at t=30', { time: 30 }),
    );
    expect(() => b.onBatch(42 as unknown as () => void)).toThrow(
      new SimulationError('onBatch on batcher tubes: expected a function, got 42', { time: 30 }),
    );
  });
});
