/**
 * parseUnits: a declarative field map turns a model's whole input into numbers, with errors that
 * point into nested objects and arrays; the input is never mutated and the result type follows it.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ParameterError } from '../../src/kernel/errors.js';
import { Epoch } from '../../src/time/epoch.js';
import { type Parsed, parseUnits, recordOf } from '../../src/time/parseUnits.js';
import type { DurationInput, RateInput } from '../../src/time/units.js';

interface SiteInput {
  name: string;
  swabTime: DurationInput;
  arrivalRate: RateInput;
  swabbers: number;
  opensAt?: string | number;
  breaks?: DurationInput[];
}

interface ScenarioInput {
  title: string;
  setupTime: DurationInput;
  sites: SiteInput[];
  serviceTimes: Record<string, DurationInput>;
}

const spec = {
  setupTime: 'duration',
  sites: [
    {
      swabTime: 'duration',
      arrivalRate: 'rate',
      swabbers: 'count',
      opensAt: 'clock',
      breaks: ['duration'],
    },
  ],
  serviceTimes: recordOf('duration'),
} as const;

const epoch = new Epoch('2022-04-13T19:00+08:00');

function scenario(): ScenarioInput {
  return {
    title: 'Qingxu',
    setupTime: '2 h',
    sites: [
      {
        name: 'A',
        swabTime: '40 s',
        arrivalRate: '331 per min',
        swabbers: 6,
        opensAt: '19:30',
        breaks: ['15 min', 600],
      },
      { name: 'B', swabTime: 30, arrivalRate: 0.5, swabbers: 2 },
      { name: 'C', swabTime: '1 min', arrivalRate: '19874 /h', swabbers: 4, opensAt: '01:30 (+1 d)' },
    ],
    serviceTimes: { registration: '40 s', swab: 20 },
  };
}

function parameterError(f: () => unknown): ParameterError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ParameterError);
    return e as ParameterError;
  }
  throw new Error('expected a ParameterError');
}

describe('parseUnits', () => {
  it('turns every named field of a nested input into numbers and copies the rest', () => {
    const parsed = parseUnits(scenario(), spec, '', { epoch });
    expect(parsed).toEqual({
      title: 'Qingxu',
      setupTime: 7200,
      sites: [
        { name: 'A', swabTime: 40, arrivalRate: 331 / 60, swabbers: 6, opensAt: 1800, breaks: [900, 600] },
        { name: 'B', swabTime: 30, arrivalRate: 0.5, swabbers: 2 },
        { name: 'C', swabTime: 60, arrivalRate: 19_874 / 3600, swabbers: 4, opensAt: 6.5 * 3600 },
      ],
      serviceTimes: { registration: 40, swab: 20 },
    });
    // Absent optional fields stay absent (not `opensAt: undefined`).
    expect(Object.keys(parsed.sites[1]!)).toEqual(['name', 'swabTime', 'arrivalRate', 'swabbers']);
  });

  it('types the result from the input and the spec', () => {
    const parsed = parseUnits(scenario(), spec, '', { epoch });
    expectTypeOf(parsed.setupTime).toEqualTypeOf<number>();
    expectTypeOf(parsed.title).toEqualTypeOf<string>();
    expectTypeOf(parsed.sites[0]!.swabTime).toEqualTypeOf<number>();
    expectTypeOf(parsed.sites[0]!.arrivalRate).toEqualTypeOf<number>();
    expectTypeOf(parsed.sites[0]!.opensAt).toEqualTypeOf<number | undefined>();
    expectTypeOf(parsed.sites[0]!.breaks).toEqualTypeOf<number[] | undefined>();
    expectTypeOf(parsed.sites[0]!.name).toEqualTypeOf<string>();
    expectTypeOf(parsed.serviceTimes).toEqualTypeOf<{ [x: string]: number }>();
    expectTypeOf<Parsed<{ a: DurationInput; b: string }, { a: 'duration' }>>().toEqualTypeOf<{
      a: number;
      b: string;
    }>();
  });

  it('does not mutate the input and shares what it does not touch', () => {
    const input = scenario();
    const before = structuredClone(input);
    const parsed = parseUnits(input, spec, '', { epoch });
    expect(input).toEqual(before);
    expect(parsed.sites).not.toBe(input.sites);
    const shared = { deep: [1, 2] };
    const withExtra = parseUnits({ swabTime: '40 s', extra: shared }, { swabTime: 'duration' });
    expect(withExtra.extra).toBe(shared);
  });

  it('names the full path of a bad value inside arrays and objects', () => {
    const input = scenario();
    input.sites[2]!.swabTime = '40 kg';
    const e = parameterError(() => parseUnits(input, spec, '', { epoch }));
    expect(e.message).toBe(
      'sites[2].swabTime: expected a duration like "40 s" or a number of seconds ("kg" is not a unit of time), got "40 kg"',
    );

    const withBreak = scenario();
    withBreak.sites[0]!.breaks = ['15 min', '-5 min'];
    expect(parameterError(() => parseUnits(withBreak, spec, 'scenario', { epoch })).path).toBe(
      'scenario.sites[0].breaks[1]',
    );

    const withService = scenario();
    withService.serviceTimes.swab = '20 foo';
    expect(parameterError(() => parseUnits(withService, spec, '', { epoch })).path).toBe('serviceTimes.swab');
  });

  it('uses the path prefix for a single site, as a model normalising its own input would', () => {
    const e = parameterError(() =>
      parseUnits(
        { swabTime: '40 s', arrivalRate: '331 per kg' },
        { swabTime: 'duration', arrivalRate: 'rate' },
        'sites[0]',
      ),
    );
    expect(e.path).toBe('sites[0].arrivalRate');
    expect(e.value).toBe('331 per kg');
  });

  it('checks counts and numbers', () => {
    expect(parseUnits({ n: 3, x: -1.5 }, { n: 'count', x: 'number' })).toEqual({ n: 3, x: -1.5 });
    expect(() => parseUnits({ n: 2.5 }, { n: 'count' }, 'site')).toThrow(
      'site.n: expected an integer ≥ 0, got 2.5',
    );
    expect(() => parseUnits({ n: '3' }, { n: 'count' })).toThrow('n: expected an integer ≥ 0, got "3"');
    expect(() => parseUnits({ x: Number.NaN }, { x: 'number' })).toThrow(
      'x: expected a finite number, got NaN',
    );
  });

  it('reads clock fields against the epoch, as the before option says', () => {
    expect(parseUnits({ t: '18:00' }, { t: 'clock' }, '', { epoch })).toEqual({ t: -3600 });
    expect(parseUnits({ t: '01:30' }, { t: 'clock' }, '', { epoch, before: 'next-day' })).toEqual({
      t: 23_400,
    });
    expect(() => parseUnits({ t: '18:00' }, { t: 'clock' }, 'shift', { epoch, before: 'error' })).toThrow(
      /^shift\.t: expected a time at or after the epoch/,
    );
    expect(() => parseUnits({ t: '25:00' }, { t: 'clock' }, 'shift', { epoch })).toThrow(
      /^shift\.t: expected a clock time like "19:00"/,
    );
    // Numbers are seconds since the epoch and need no epoch; strings do.
    expect(parseUnits({ t: 120 }, { t: 'clock' })).toEqual({ t: 120 });
    expect(() => parseUnits({ t: '19:00' }, { t: 'clock' }, 'sites[0]')).toThrow(
      'sites[0].t: expected a number of seconds since the epoch (clock times need an epoch), got "19:00"',
    );
    expect(() => parseUnits({ t: true }, { t: 'clock' }, '', { epoch })).toThrow(
      't: expected a clock time like "19:00" or a number of seconds since the epoch, got true',
    );
  });

  it('rejects a wrong shape where the spec expects an object or an array', () => {
    expect(() => parseUnits({ sites: { swabTime: '40 s' } }, { sites: [{ swabTime: 'duration' }] })).toThrow(
      'sites: expected an array, got {"swabTime":"40 s"}',
    );
    expect(() => parseUnits({ sites: [null] }, { sites: [{ swabTime: 'duration' }] })).toThrow(
      'sites[0]: expected an object, got null',
    );
    expect(() => parseUnits({ times: ['40 s'] }, { times: recordOf('duration') })).toThrow(
      'times: expected an object, got ["40 s"]',
    );
    expect(() => parseUnits('40 s', { swabTime: 'duration' })).toThrow(
      'input: expected an object, got "40 s"',
    );
    expect(() => parseUnits(new Date(0), { swabTime: 'duration' }, 'site')).toThrow(
      /^site: expected an object/,
    );
  });

  it('parses a bare value against a bare kind, and leaves undefined alone', () => {
    expect(parseUnits('6 h', 'duration', 'shiftLength')).toBe(21_600);
    expect(parseUnits(['40 s', 60], ['duration'], 'times')).toEqual([40, 60]);
    expect(parseUnits(undefined, 'duration')).toBeUndefined();
    expect(parseUnits({ a: undefined }, { a: 'duration' })).toEqual({ a: undefined });
    expect(() => parseUnits(null, 'duration', 'x')).toThrow(/^x: expected a duration/);
  });

  it('ignores inherited properties when looking for spec fields', () => {
    expect(parseUnits({}, { toString: 'duration' })).toEqual({});
  });

  it('names the spec when a kind is misspelt (untyped callers)', () => {
    expect(() => parseUnits({ a: '40 s' }, { a: 'durations' } as never, 'site')).toThrow(
      'spec of site.a: expected one of "duration", "rate", "count", "number", "clock", got "durations"',
    );
  });
});
