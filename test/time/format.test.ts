/**
 * Durations and rates written for people: exact strings for each form, the rounding at every unit
 * boundary, and round trips through the parsers (what a report shows can be pasted back into input).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, formatRate } from '../../src/time/format.js';
import { duration, rate } from '../../src/time/units.js';

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [45, '45 s'],
    [2.5, '2.5 s'],
    [0.04, '0.04 s'],
    [0.0004, '0 s'],
    [0.0006, '0.001 s'],
    [59.999, '59.999 s'],
    [59.9996, '1 min 00 s'],
    [60, '1 min 00 s'],
    [90, '1 min 30 s'],
    [725, '12 min 05 s'],
    [725.4, '12 min 05 s'],
    [725.5, '12 min 06 s'],
    [3599, '59 min 59 s'],
    [3599.5, '1 h 00 min'],
    [3600, '1 h 00 min'],
    [3629, '1 h 00 min'],
    [3630, '1 h 01 min'],
    [7500, '2 h 05 min'],
    [21_600, '6 h 00 min'],
    [86_369, '23 h 59 min'],
    [86_370, '1 d 00 h 00 min'],
    [95_400, '1 d 02 h 30 min'],
    [10 * 86_400 + 60, '10 d 00 h 01 min'],
  ])('%d s → %j', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('puts a minus sign on negative durations, but not on ones that round to zero', () => {
    expect(formatDuration(-7500)).toBe('-2 h 05 min');
    expect(formatDuration(-45)).toBe('-45 s');
    expect(formatDuration(-0.0004)).toBe('0 s');
    expect(formatDuration(-0)).toBe('0 s');
  });

  it('stops at the largest unit asked for', () => {
    expect(formatDuration(95_400, { largest: 'h' })).toBe('26 h 30 min');
    expect(formatDuration(95_400, { largest: 'min' })).toBe('1590 min 00 s');
    expect(formatDuration(95_400, { largest: 's' })).toBe('95400 s');
    expect(formatDuration(45, { largest: 'h' })).toBe('45 s');
    expect(formatDuration(7500, { largest: 'd' })).toBe('2 h 05 min');
  });

  it('writes non-finite values without throwing', () => {
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('∞');
    expect(formatDuration(Number.NEGATIVE_INFINITY)).toBe('-∞');
    expect(formatDuration(Number.NaN)).toBe('NaN');
  });

  it('rejects bad options and non-numbers', () => {
    expect(() => formatDuration(1, { largest: 'week' as never })).toThrow(/^options\.largest: /);
    expect(() => formatDuration('40 s' as never)).toThrow(/^seconds: expected a number of seconds/);
  });

  it('reads back through duration() to within half its resolution', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e7, noNaN: true }), (s) => {
        const text = formatDuration(s);
        const resolution = s < 60 ? 0.001 : s < 3600 ? 1 : 60;
        // Half the resolution, plus room for the binary representation of the printed decimals.
        expect(Math.abs(duration(text) - s)).toBeLessThanOrEqual(resolution / 2 + 1e-9 * Math.max(1, s));
      }),
      { numRuns: 500 },
    );
  });

  it('reads back exactly for whole minutes and whole seconds', () => {
    fc.assert(
      fc.property(fc.nat(100_000), (m) => {
        expect(duration(formatDuration(m * 60))).toBe(m * 60);
      }),
    );
    fc.assert(
      fc.property(fc.nat(3599), (s) => {
        expect(duration(formatDuration(s))).toBe(s);
      }),
    );
  });
});

describe('formatRate', () => {
  it.each([
    [331 / 60, { per: 'min' as const }, '331 /min'],
    [331 / 60, {}, '5.52 /s'],
    [19_874 / 3600, { per: 'h' as const }, '19874 /h'],
    [19_874 / 3600, { per: 'h' as const, digits: 2 }, '19874 /h'],
    [331 / 60, { per: 'h' as const }, '19860 /h'],
    [0.01, {}, '36 /h'],
    [0.01, { per: 'min' as const }, '0.6 /min'],
    [1 / 86_400, {}, '1 /d'],
    [1e-7, {}, '0.00864 /d'],
    [2, {}, '2 /s'],
    [2, { per: 'd' as const }, '172800 /d'],
    [0, {}, '0 /s'],
    [0, { per: 'min' as const }, '0 /min'],
    [1 / 3, { digits: 5 }, '20 /min'],
    [1 / 7, { digits: 5 }, '8.5714 /min'],
    [-0.5, {}, '-30 /min'],
  ])('%d per second with %j → %j', (perSecond, options, text) => {
    expect(formatRate(perSecond, options)).toBe(text);
  });

  it('writes non-finite values without throwing', () => {
    expect(formatRate(Number.POSITIVE_INFINITY)).toBe('∞ /s');
    expect(formatRate(Number.NaN, { per: 'h' })).toBe('NaN /h');
  });

  it('rejects bad options and non-numbers', () => {
    expect(() => formatRate(1, { per: 'week' as never })).toThrow(/^options\.per: /);
    expect(() => formatRate(1, { digits: 0 })).toThrow(/^options\.digits: /);
    expect(() => formatRate(1, { digits: 2.5 })).toThrow(/^options\.digits: /);
    expect(() => formatRate('1/s' as never)).toThrow(/^perSecond: /);
  });

  it('reads back through rate() to within the rounding of its significant digits', () => {
    const per = fc.constantFrom('auto', 's', 'min', 'h', 'd') as fc.Arbitrary<
      'auto' | 's' | 'min' | 'h' | 'd'
    >;
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 1e4, noNaN: true }),
        per,
        fc.integer({ min: 1, max: 6 }),
        (r, p, digits) => {
          const back = rate(formatRate(r, { per: p, digits }));
          // Rounding to `digits` significant digits moves a value by at most half a unit in the last
          // digit: a relative error of 0.5 · 10^(1 − digits). Integer parts are never rounded, so the
          // bound holds for large values too (it is then loose).
          expect(Math.abs(back - r) / r).toBeLessThanOrEqual(0.5 * 10 ** (1 - digits) * (1 + 1e-12));
        },
      ),
      { numRuns: 500 },
    );
  });
});
