/**
 * Durations and rates with units: every supported spelling converts to the value worked out by hand,
 * and every kind of bad input is a ParameterError naming the path and showing the value.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/kernel/errors.js';
import { DURATION_EXPECTED, duration, RATE_EXPECTED, rate } from '../../src/time/units.js';

function parameterError(f: () => unknown): ParameterError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ParameterError);
    return e as ParameterError;
  }
  throw new Error('expected a ParameterError');
}

/** Relative closeness for converted values (unit factors are exact, divisions may round once). */
function close(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-14 * Math.abs(expected));
}

describe('duration', () => {
  it.each([
    // seconds
    ['40 s', 40],
    ['40s', 40],
    ['40 sec', 40],
    ['40 secs', 40],
    ['1 second', 1],
    ['40 seconds', 40],
    ['250 ms', 0.25],
    ['250 milliseconds', 0.25],
    ['500 us', 0.0005],
    ['2 ks', 2000],
    ['0 s', 0],
    ['1e3 s', 1000],
    ['.5 s', 0.5],
    // minutes
    ['90 min', 5400],
    ['1 mins', 60],
    ['1 minute', 60],
    ['2 minutes', 120],
    // hours
    ['6 h', 21_600],
    ['6h', 21_600],
    ['1.5 h', 5400],
    ['2 hr', 7200],
    ['2 hrs', 7200],
    ['1 hour', 3600],
    ['0.5 hours', 1800],
    // days and weeks
    ['2 d', 172_800],
    ['2d', 172_800],
    ['1 day', 86_400],
    ['3 days', 259_200],
    ['1 week', 604_800],
    ['2 weeks', 1_209_600],
    // compounds
    ['1 h 30 min', 5400],
    ['1h30min', 5400],
    ['2 h 05 min', 7500],
    ['6 h 00 min', 21_600],
    ['1 min 30 s', 90],
    ['12 min 05 s', 725],
    ['1 d 02 h 30 min', 95_400],
    ['1 week 1 d', 691_200],
    ['1.5 h 30 s', 5430],
    // whitespace
    ['  40   s  ', 40],
  ])('%j → %d s', (text, seconds) => {
    close(duration(text), seconds);
  });

  it('takes plain numbers as seconds', () => {
    expect(duration(12)).toBe(12);
    expect(duration(0)).toBe(0);
    expect(duration(0.25)).toBe(0.25);
    // Negative zero is zero; it must not leak a sign into later arithmetic or output.
    expect(Object.is(duration(-0), 0)).toBe(true);
    expect(Object.is(duration('-0 s'), 0)).toBe(true);
    fc.assert(fc.property(fc.double({ min: 0, max: 1e12, noNaN: true }), (x) => duration(x) === x));
  });

  it('agrees with hand arithmetic for any number of hours, minutes and seconds', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(59), fc.nat(59), (h, m, s) => {
        expect(duration(`${h} h ${m} min ${s} s`)).toBe(h * 3600 + m * 60 + s);
        expect(duration(`${h * 60 + m} min`)).toBe((h * 60 + m) * 60);
      }),
    );
  });

  it('names the path and the value of the example in the brief', () => {
    const e = parameterError(() => duration('40 kg', 'sites[2].swabTime'));
    expect(e.path).toBe('sites[2].swabTime');
    expect(e.value).toBe('40 kg');
    expect(e.message).toBe(
      'sites[2].swabTime: expected a duration like "40 s" or a number of seconds ("kg" is not a unit of time), got "40 kg"',
    );
  });

  it.each([
    ['40 kg', '"kg" is not a unit of time'],
    ['40 S', '"S" is not a unit of time'],
    ['3 m/s', '"m" is metres: write "min" for minutes'],
    ['40 m', '"m" is metres: write "min" for minutes'],
    ['1 h 30 m', '"m" is metres: write "min" for minutes'],
    ['40 foo', 'unknown unit "foo"'],
    ['40 parsecs', 'unknown unit "parsecs"'],
    ['1 h 30 foo', 'unknown unit "foo"'],
    ['331 per min', '"min^-1" makes it a rate, not a duration'],
    ['2 Hz', '"Hz" makes it a rate, not a duration'],
    ['1 month', '"month" has no fixed length: use days or weeks'],
    ['2 months', '"months" has no fixed length: use days or weeks'],
    // Prefixed seconds that a planner types meaning hours or days are refused, not read as 200 s.
    ['2 hs', '"hs" is hectoseconds: write "h" for hours'],
    ['1 h 30 hs', '"hs" is hectoseconds: write "h" for hours'],
    ['3 ds', '"ds" is deciseconds: write "d" for days'],
    ['3 das', '"das" is decaseconds: write "d" for days'],
    ['1 year', '"year" has no fixed length: use days or weeks'],
    ['1 decade', '"decade" has no fixed length: use days or weeks'],
    ['1 century', '"century" has no fixed length: use days or weeks'],
    ['12', 'the unit is missing'],
    ['min', 'the number is missing'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['-40 s', 'not negative'],
    ['-1 h', 'not negative'],
    ['1e400 s', 'finite'],
    ['1 h 30', 'not a number followed by a unit'],
    ['1 h -30 min', 'not a number followed by a unit'],
    ['1,5 h', 'not a number followed by a unit'],
    ['40 s and more', 'unknown unit "and"'],
    // Units of other quantities never cancel into time, and only SI units are known as such.
    ['1 J/W', '"J / W" is not a unit of time'],
    ['5 Hz s', '"Hz s" is not a unit of time'],
    ['40 inch', 'unknown unit "inch"'],
    ['5 per d', '"d^-1" makes it a rate, not a duration'],
    ['5 (min)', 'not a number followed by a unit'],
    ['40 msec', 'unknown unit "msec"'],
  ])('rejects %j (%s)', (text, why) => {
    const e = parameterError(() => duration(text, 'sites[0].swabTime'));
    expect(e.path).toBe('sites[0].swabTime');
    expect(e.value).toBe(text);
    expect(e.expected).toBe(`${DURATION_EXPECTED} (${why})`);
    expect(e.message).toBe(
      `sites[0].swabTime: expected ${DURATION_EXPECTED} (${why}), got ${JSON.stringify(text)}`,
    );
  });

  it('rejects negative and non-finite numbers and non-strings', () => {
    expect(() => duration(-1, 'x')).toThrow(`x: expected ${DURATION_EXPECTED} (not negative), got -1`);
    expect(() => duration(Number.NaN, 'x')).toThrow(`x: expected ${DURATION_EXPECTED} (finite), got NaN`);
    expect(() => duration(Number.POSITIVE_INFINITY, 'x')).toThrow('(finite), got Infinity');
    for (const v of [null, undefined, true, [40], { value: 40, unit: 's' }])
      expect(parameterError(() => duration(v, 'x')).expected).toBe(DURATION_EXPECTED);
    fc.assert(
      fc.property(fc.double({ max: -Number.MIN_VALUE, noNaN: true }), (x) => {
        expect(() => duration(x)).toThrow(/^duration: expected a duration/);
      }),
    );
  });
});

describe('rate', () => {
  it.each([
    ['331 per min', 331 / 60],
    ['331 per minute', 331 / 60],
    ['331 PER min', 331 / 60],
    ['331/min', 331 / 60],
    ['331 /min', 331 / 60],
    ['331 / min', 331 / 60],
    ['331 min^-1', 331 / 60],
    ['19874 /h', 19_874 / 3600],
    ['19874 per hour', 19_874 / 3600],
    ['120 per hr', 120 / 3600],
    ['0.5 /s', 0.5],
    ['0.5 per second', 0.5],
    ['5 per d', 5 / 86_400],
    ['5 /day', 5 / 86_400],
    ['70 per week', 70 / 604_800],
    ['2 Hz', 2],
    ['3 kHz', 3000],
    ['0 per min', 0],
    ['2 kilohertz', 2000],
    ['30 per ks', 0.03],
  ])('%j → %d per second', (text, perSecond) => {
    close(rate(text), perSecond);
  });

  it('takes plain numbers as events per second', () => {
    expect(rate(0.5)).toBe(0.5);
    expect(rate(0)).toBe(0);
  });

  it.each([
    ['40 s', 'a duration, not a rate: write e.g. "40 per s"'],
    ['6 h', 'a duration, not a rate: write e.g. "6 per h"'],
    ['1 h 30 min', 'not a number followed by a unit'],
    ['331 /m', '"m" is metres: write "min" for minutes'],
    ['40 kg', '"kg" is not per unit of time'],
    ['40 kg/min', '"kg / min" is not per unit of time'],
    ['331 per foo', 'unknown unit "foo"'],
    ['2 per month', '"month" has no fixed length: use days or weeks'],
    ['331', 'the unit is missing'],
    ['per min', 'not a number followed by a unit'],
    ['/min', 'not a number followed by a unit'],
    ['min^-1', 'the number is missing'],
    ['', 'empty'],
    ['331 per', 'not a number followed by a unit'],
    ['-1 /s', 'not negative'],
    ['1e400 /s', 'finite'],
    ['1 W/J', '"W / J" is not per unit of time'],
    ['2 mS', '"mS" is not per unit of time'],
  ])('rejects %j (%s)', (text, why) => {
    const e = parameterError(() => rate(text, 'sites[1].arrivalRate'));
    expect(e.path).toBe('sites[1].arrivalRate');
    expect(e.value).toBe(text);
    expect(e.message).toBe(
      `sites[1].arrivalRate: expected ${RATE_EXPECTED} (${why}), got ${JSON.stringify(text)}`,
    );
  });

  it('rejects negative and non-finite numbers and non-strings', () => {
    expect(() => rate(-0.5, 'r')).toThrow(`r: expected ${RATE_EXPECTED} (not negative), got -0.5`);
    expect(() => rate(Number.NaN, 'r')).toThrow('(finite), got NaN');
    for (const v of [null, undefined, false, ['1/s']])
      expect(() => rate(v)).toThrow(/^rate: expected a rate/);
  });
});
