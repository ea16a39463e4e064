/**
 * Epoch: clock times of simulated seconds and back. Expected strings are written out by hand (log
 * style: a whole sequence in one equality) and, for properties, checked against an independent oracle:
 * the JS `Date` in UTC (`toISOString`, `Date.parse` of strings with an explicit offset), which never
 * depends on the machine's timezone either. These tests must pass under any `TZ`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/kernel/errors.js';
import { Epoch } from '../../src/time/epoch.js';

/** An epoch at 19:00 in China Standard Time, the Qingxu replay's evening start. */
const evening = new Epoch('2022-04-13T19:00+08:00');
/** The Qingxu replay's epoch, shortly after midnight. */
const qingxu = new Epoch('2022-04-13T01:30+08:00');

const H = 3600;
const D = 86_400;

function parameterError(f: () => unknown): ParameterError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ParameterError);
    return e as ParameterError;
  }
  throw new Error('expected a ParameterError');
}

/** Valid epochs: any date 1900–2100, any time, any offset in quarter hours within ±14:00. */
const epochArb = fc
  .record({
    date: fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2100-12-31T23:59:59Z'),
      noInvalidDate: true,
    }),
    offsetQuarters: fc.integer({ min: -48, max: 56 }),
  })
  .map(({ date, offsetQuarters }) => {
    const minutes = offsetQuarters * 15;
    const sign = minutes < 0 ? '-' : '+';
    const abs = Math.abs(minutes);
    const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    // toISOString gives UTC fields; reuse them as *local* fields of an epoch in `offset`.
    return new Epoch(`${date.toISOString().slice(0, 19)}${offset}`);
  });

/** Integer seconds within five days either side of the epoch. */
const secondsArb = fc.integer({ min: -5 * D, max: 5 * D });

describe('parsing an epoch', () => {
  it('normalises the accepted spellings', () => {
    expect(new Epoch('2022-04-13T01:30+08:00').iso).toBe('2022-04-13T01:30:00+08:00');
    expect(new Epoch('2022-04-13T01:30:15+08:00').iso).toBe('2022-04-13T01:30:15+08:00');
    expect(new Epoch('2022-04-13T01:30:15.5+08:00').iso).toBe('2022-04-13T01:30:15.500+08:00');
    expect(new Epoch('2022-04-13 01:30+0800').iso).toBe('2022-04-13T01:30:00+08:00');
    expect(new Epoch('2022-04-13T01:30+08').iso).toBe('2022-04-13T01:30:00+08:00');
    expect(new Epoch('2022-04-13T01:30Z').iso).toBe('2022-04-13T01:30:00+00:00');
    expect(new Epoch('2022-04-13T01:30-00:00').iso).toBe('2022-04-13T01:30:00+00:00');
    expect(new Epoch(' 2022-04-13T01:30-03:30 ').iso).toBe('2022-04-13T01:30:00-03:30');
  });

  it('knows its instant, offset, label and local date', () => {
    expect(qingxu.epochMs).toBe(Date.parse('2022-04-12T17:30:00Z'));
    expect(qingxu.offsetMinutes).toBe(480);
    expect(qingxu.offset).toBe('+08:00');
    expect(qingxu.label).toBe('UTC+08:00');
    expect(qingxu.date).toBe('2022-04-13');
    expect(new Epoch('2022-04-13T01:30Z').label).toBe('UTC');
    expect(new Epoch('2022-04-13T01:30-03:30').label).toBe('UTC-03:30');
    expect(new Epoch('2022-04-13T01:30-03:30').offsetMinutes).toBe(-210);
  });

  it('handles leap days and years before 100 (where Date.UTC would slip to 19xx)', () => {
    expect(new Epoch('2024-02-29T12:00+01:00').date).toBe('2024-02-29');
    const early = new Epoch('0050-03-01T00:00Z');
    expect(early.toISO(-1)).toBe('0050-02-28T23:59:59+00:00');
    expect(early.epochMs).toBe(new Date('0050-03-01T00:00:00Z').getTime());
  });

  it('rejects a missing offset, naming the path and the value', () => {
    const e = parameterError(() => new Epoch('2022-04-13T01:30', 'scenario.epoch'));
    expect(e.path).toBe('scenario.epoch');
    expect(e.value).toBe('2022-04-13T01:30');
    expect(e.message).toBe(
      'scenario.epoch: expected an ISO local date-time with a UTC offset, like "2022-04-13T01:30+08:00" ' +
        '(the UTC offset is missing: add e.g. "+08:00", or "Z" for UTC), got "2022-04-13T01:30"',
    );
  });

  it.each([
    ['2022-02-29T01:30+08:00', 'no such date: 2022-02-29'],
    ['2022-04-31T01:30+08:00', 'no such date: 2022-04-31'],
    ['2022-13-01T01:30+08:00', 'no such date: 2022-13-01'],
    ['2022-04-00T01:30+08:00', 'no such date: 2022-04-00'],
    ['2022-04-13T24:00+08:00', 'no such time of day: 24:00'],
    ['2022-04-13T23:60+08:00', 'no such time of day: 23:60'],
    ['2022-04-13T23:59:60+08:00', 'no such time of day: 23:59'],
    ['2022-04-13T01:30+14:15', 'a UTC offset within ±14:00'],
    ['2022-04-13T01:30+08:60', 'a UTC offset within ±14:00'],
  ])('rejects %s (%s)', (iso, why) => {
    const e = parameterError(() => new Epoch(iso));
    expect(e.path).toBe('epoch');
    expect(e.message).toContain(`(${why}), got "${iso}"`);
  });

  it.each([
    '',
    '19:00',
    '2022-04-13',
    '13 Apr 2022 19:00+08:00',
    '2022-4-13T01:30+08:00',
    '2022-04-13T1:30+08:00',
    '2022-04-13T01:30 +08:00',
    '2022-04-13T01:30+8:00',
  ])('rejects the malformed epoch %j', (iso) => {
    expect(() => new Epoch(iso)).toThrow(/^epoch: expected an ISO local date-time with a UTC offset/);
  });

  it('rejects non-strings', () => {
    for (const v of [undefined, null, 0, new Date(0), {}])
      expect(() => new Epoch(v as never, 'epoch')).toThrow(ParameterError);
  });

  it('Epoch.from passes an epoch through and parses a string', () => {
    expect(Epoch.from(qingxu)).toBe(qingxu);
    expect(Epoch.from('2022-04-13T01:30+08:00').iso).toBe(qingxu.iso);
    expect(() => Epoch.from('2022-04-13T01:30', 'options.epoch')).toThrow(/^options\.epoch: /);
  });

  it('serialises to its ISO string and rebuilds from it', () => {
    expect(JSON.stringify({ epoch: qingxu })).toBe('{"epoch":"2022-04-13T01:30:00+08:00"}');
    expect(String(qingxu)).toBe('2022-04-13T01:30:00+08:00');
    fc.assert(fc.property(epochArb, (e) => new Epoch(JSON.parse(JSON.stringify(e))).epochMs === e.epochMs));
  });
});

describe('toClock', () => {
  it('writes a night of events across midnight, log style', () => {
    const times = [
      0, 59, 60, 3599, 3600, 17_999, 18_000, 18_001, 23_400, 63_000, 86_399, 86_400, 104_400, 190_800,
    ];
    expect(times.map((t) => `${t}\t${evening.toClock(t)}`)).toEqual([
      '0\t19:00',
      '59\t19:00:59',
      '60\t19:01',
      '3599\t19:59:59',
      '3600\t20:00',
      '17999\t23:59:59',
      '18000\t00:00 (+1 d)',
      '18001\t00:00:01 (+1 d)',
      '23400\t01:30 (+1 d)',
      '63000\t12:30 (+1 d)',
      '86399\t18:59:59 (+1 d)',
      '86400\t19:00 (+1 d)',
      '104400\t00:00 (+2 d)',
      '190800\t00:00 (+3 d)',
    ]);
  });

  it('writes times before the epoch, across the previous midnights', () => {
    const times = [-1, -60, -3600, -68_400, -68_401, -86_400, -154_800, -154_801];
    expect(times.map((t) => evening.toClock(t))).toEqual([
      '18:59:59',
      '18:59',
      '18:00',
      '00:00',
      '23:59:59 (-1 d)',
      '19:00 (-1 d)',
      '00:00 (-1 d)',
      '23:59:59 (-2 d)',
    ]);
  });

  it('counts days from the epoch date, not from the epoch instant', () => {
    // 01:30 epoch: 22.5 h later is still the same date, 23 h later is the next one.
    expect(qingxu.toClock(22.5 * H - 1)).toBe('23:59:59');
    expect(qingxu.toClock(22.5 * H)).toBe('00:00 (+1 d)');
    expect(qingxu.toClock(-1.5 * H)).toBe('00:00');
    expect(qingxu.toClock(-1.5 * H - 1)).toBe('23:59:59 (-1 d)');
  });

  it('shows seconds as asked', () => {
    expect(evening.toClock(0, { seconds: 'always' })).toBe('19:00:00');
    expect(evening.toClock(18_000, { seconds: 'always' })).toBe('00:00:00 (+1 d)');
    expect(evening.toClock(59, { seconds: 'never' })).toBe('19:00');
    expect(evening.toClock(-1, { seconds: 'never' })).toBe('18:59');
  });

  it('truncates like a wall clock after rounding to the millisecond', () => {
    expect(evening.toClock(59.9)).toBe('19:00:59');
    expect(evening.toClock(59.9996)).toBe('19:01');
    expect(evening.toClock(0.4)).toBe('19:00');
    expect(evening.toClock(-0.4)).toBe('18:59:59');
    expect(evening.toClock(-0.0004)).toBe('19:00');
    // 0.1 + 0.2 is 0.30000000000000004 in binary floating point.
    expect(evening.toClock(0.1 + 0.2, { decimals: 3 })).toBe('19:00:00.300');
    // 3 × 0.1 h in seconds is 1080.0000000000002: still 19:18.
    expect(evening.toClock(0.1 * 3 * H)).toBe('19:18');
  });

  it('writes fractions of a second with 1 to 3 decimals', () => {
    expect(evening.toClock(1.25, { decimals: 1 })).toBe('19:00:01.2');
    expect(evening.toClock(1.25, { decimals: 2 })).toBe('19:00:01.25');
    expect(evening.toClock(1.25, { decimals: 3 })).toBe('19:00:01.250');
    expect(evening.toClock(0, { decimals: 1 })).toBe('19:00:00.0');
    expect(evening.toClock(-0.25, { decimals: 2 })).toBe('18:59:59.75');
  });

  it('writes dates instead of day offsets on request, with the year only when it differs', () => {
    expect(evening.toClock(0, { day: 'date' })).toBe('13 Apr 19:00');
    expect(evening.toClock(23_400, { day: 'date' })).toBe('14 Apr 01:30');
    expect(evening.toClock(-72_000, { day: 'date' })).toBe('12 Apr 23:00');
    const newYear = new Epoch('2022-12-31T22:00+08:00');
    expect(newYear.toClock(3 * H, { day: 'date' })).toBe('1 Jan 2023 01:00');
    expect(newYear.toClock(3 * H)).toBe('01:00 (+1 d)');
    expect(newYear.toClock(-365 * D, { day: 'date' })).toBe('31 Dec 2021 22:00');
  });

  it('writes the time of day only with day: none', () => {
    expect(evening.toClock(23_400, { day: 'none' })).toBe('01:30');
    expect(evening.toClock(-72_000, { day: 'none', seconds: 'always' })).toBe('23:00:00');
  });

  it('ignores DST: fixed offsets have 24-hour days', () => {
    // New York switched from -05:00 to -04:00 at 02:00 on 13 March 2022; a fixed -05:00 epoch does not.
    const ny = new Epoch('2022-03-13T01:30-05:00');
    expect([0, 1800, 3600, D].map((t) => ny.toClock(t))).toEqual(['01:30', '02:00', '02:30', '01:30 (+1 d)']);
    expect(ny.toISO(3600)).toBe('2022-03-13T02:30:00-05:00');
    expect(ny.at('02:30')).toBe(3600);
    // London fell back from +01:00 to +00:00 at 02:00 on 30 October 2022; with +01:00 fixed, 01:30
    // occurs once.
    const london = new Epoch('2022-10-30T00:30+01:00');
    expect([0, 3600, 7200].map((t) => london.toClock(t))).toEqual(['00:30', '01:30', '02:30']);
    expect(london.at('01:30')).toBe(3600);
  });

  it('rejects bad times and options', () => {
    for (const t of [Number.NaN, Number.POSITIVE_INFINITY, '19:00' as unknown as number])
      expect(() => evening.toClock(t)).toThrow(/^t: expected a finite number of seconds since the epoch/);
    expect(() => evening.toClock(1e12)).toThrow(/^t: expected a time within the years 0000–9999/);
    expect(() => evening.toClock(0, { decimals: 4 })).toThrow(/^options\.decimals: /);
    expect(() => evening.toClock(0, { decimals: 1.5 })).toThrow(/^options\.decimals: /);
    expect(() => evening.toClock(0, { seconds: 'never', decimals: 1 })).toThrow(/^options\.decimals: /);
    expect(() => evening.toClock(0, { seconds: 'sometimes' as never })).toThrow(/^options\.seconds: /);
    expect(() => evening.toClock(0, { day: 'weekday' as never })).toThrow(/^options\.day: /);
  });

  it('agrees with the UTC Date oracle on the wall-clock time (any epoch, ±5 days)', () => {
    fc.assert(
      fc.property(epochArb, secondsArb, (e, t) => {
        const wall = new Date(e.toWallClockMillis(t)).toISOString();
        expect(e.toClock(t, { seconds: 'always', day: 'none' })).toBe(wall.slice(11, 19));
        expect(e.dateOf(t)).toBe(wall.slice(0, 10));
      }),
      { numRuns: 300 },
    );
  });

  it('marks the day consistently with dayOf', () => {
    fc.assert(
      fc.property(epochArb, secondsArb, (e, t) => {
        const day = e.dayOf(t);
        const clock = e.toClock(t);
        if (day === 0) expect(clock).toMatch(/^\d\d:\d\d(:\d\d)?$/);
        else expect(clock.endsWith(` (${day > 0 ? '+' : '-'}${Math.abs(day)} d)`)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('at reads clock times back', () => {
  it.each([
    ['19:00', 0],
    ['19:30', 1800],
    ['7:05', -(11 * H + 55 * 60)],
    ['19:00:05', 5],
    ['19:00:01.5', 1.5],
    ['19:00:01.25', 1.25],
    ['00:00', -19 * H],
    ['24:00', 5 * H],
    ['24:00:00', 5 * H],
    ['18:00', -H],
    ['01:30 (+1 d)', 6.5 * H],
    ['01:30 (+1d)', 6.5 * H],
    ['23:00 (-1 d)', -20 * H],
    ['19:00 (+3 d)', 3 * D],
    ['+1d 01:30', 6.5 * H],
    ['+1 d 01:30', 6.5 * H],
    ['+0d 19:00', 0],
    ['-1d 23:00', -20 * H],
    ['13 Apr 19:00', 0],
    ['14 Apr 01:30', 6.5 * H],
    ['14 April 01:30', 6.5 * H],
    ['14 apr 01:30:30', 6.5 * H + 30],
    ['13 Apr 2022 19:00', 0],
    ['13 Apr 2023 19:00', 365 * D],
    ['2022-04-14T01:30', 6.5 * H],
    ['2022-04-14 01:30:00', 6.5 * H],
    ['2022-04-13T11:00Z', 0],
    ['2022-04-13T11:00:00.000Z', 0],
    ['2022-04-13T19:00+08:00', 0],
    ['2022-04-13T07:00-04:00', 0],
    ['2022-04-13T19:30+0930', -H],
    ['  19:30  ', 1800],
    ['+1d   01:30', 6.5 * H],
  ])('%j → %d s', (clock, seconds) => {
    expect(evening.at(clock)).toBe(seconds);
  });

  it.each([
    '',
    '19',
    '1900',
    '19h00',
    '19:0',
    '19:60',
    '25:00',
    '24:01',
    '24:00:01',
    '19:00:60',
    '19:00 (+1)',
    '19:00 (1 d)',
    '19:00 +1d',
    '+1 01:30',
    '1d 01:30',
    '31 Apr 19:00',
    '13 Foo 19:00',
    '13 Apr 22 19:00',
    '2022-02-30T19:00',
    '2022-04-13T19:00+15:00',
    '2022-04-13T7:00Z',
    '19:00:00.1234',
  ])('rejects %j naming the path and the value', (clock) => {
    const e = parameterError(() => evening.at(clock, { path: 'sites[0].opensAt' }));
    expect(e.path).toBe('sites[0].opensAt');
    expect(e.value).toBe(clock);
    expect(e.message).toMatch(/^sites\[0\]\.opensAt: expected a clock time like "19:00", /);
  });

  it('uses the path "time" by default and rejects non-strings', () => {
    expect(() => evening.at('nope')).toThrow(/^time: expected a clock time/);
    for (const v of [1800, null, undefined, {}])
      expect(() => evening.at(v as never)).toThrow(/^time: expected a clock time/);
  });

  it('treats times before the epoch as asked', () => {
    expect(evening.at('18:00', { before: 'negative' })).toBe(-H);
    expect(() => evening.at('18:00', { before: 'error', path: 'opensAt' })).toThrow(
      'opensAt: expected a time at or after the epoch (2022-04-13T19:00:00+08:00), got "18:00"',
    );
    expect(evening.at('19:00', { before: 'error' })).toBe(0);
    // next-day moves a bare time of day to the morning after ...
    expect(evening.at('01:30', { before: 'next-day' })).toBe(6.5 * H);
    expect(evening.at('18:59:59', { before: 'next-day' })).toBe(D - 1);
    expect(evening.at('19:00', { before: 'next-day' })).toBe(0);
    expect(evening.at('23:00', { before: 'next-day' })).toBe(4 * H);
    // ... but a time with an explicit day or date keeps it, so one before the epoch is an error.
    expect(() => evening.at('01:30 (+0 d)', { before: 'next-day' })).toThrow(/at or after the epoch/);
    expect(() => evening.at('13 Apr 01:30', { before: 'next-day' })).toThrow(/at or after the epoch/);
    expect(() => evening.at('2022-04-13T01:30+08:00', { before: 'next-day' })).toThrow(/at or after/);
    expect(() => evening.at('19:00', { before: 'later' as never })).toThrow(/^options\.before: /);
  });

  it('round-trips every integer second over several days, both sides of the epoch, any epoch', () => {
    fc.assert(
      fc.property(epochArb, secondsArb, (e, t) => {
        expect(e.at(e.toClock(t, { seconds: 'always' }))).toBe(t);
        expect(e.at(e.toClock(t, { seconds: 'always', day: 'date' }))).toBe(t);
        expect(e.at(e.toISO(t))).toBe(t);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips auto-seconds clocks, which drop only zero seconds', () => {
    fc.assert(
      fc.property(secondsArb, (t) => {
        expect(evening.at(evening.toClock(t))).toBe(t);
        expect(qingxu.at(qingxu.toClock(t))).toBe(t);
      }),
    );
  });

  it('round-trips milliseconds with three decimals', () => {
    fc.assert(
      fc.property(epochArb, fc.integer({ min: -5 * D * 1000, max: 5 * D * 1000 }), (e, ms) => {
        expect(e.at(e.toClock(ms / 1000, { decimals: 3 }))).toBe(ms / 1000);
      }),
      { numRuns: 300 },
    );
  });

  it('reads clock times in other offsets as the same instant', () => {
    fc.assert(
      fc.property(epochArb, epochArb, secondsArb, (a, b, t) => {
        // b writes an instant in its own offset; a reads it as seconds since its own epoch.
        const instant = b.toMillis(t);
        expect(a.at(b.toISO(t))).toBe((instant - a.epochMs) / 1000);
      }),
      { numRuns: 200 },
    );
  });
});

describe('instants, ISO strings and days', () => {
  it('writes local ISO strings with the offset, milliseconds only when present', () => {
    expect(qingxu.toISO(0)).toBe('2022-04-13T01:30:00+08:00');
    expect(qingxu.toISO(63_005)).toBe('2022-04-13T19:00:05+08:00');
    expect(qingxu.toISO(63_005.25)).toBe('2022-04-13T19:00:05.250+08:00');
    expect(qingxu.toISO(D)).toBe('2022-04-14T01:30:00+08:00');
    expect(qingxu.toISO(-2 * H)).toBe('2022-04-12T23:30:00+08:00');
    expect(new Epoch('2022-12-31T23:00-03:00').toISO(H)).toBe('2023-01-01T00:00:00-03:00');
  });

  it('ISO strings parse to the same instant in any JS engine timezone', () => {
    fc.assert(
      fc.property(epochArb, secondsArb, (e, t) => {
        expect(Date.parse(e.toISO(t))).toBe(e.toMillis(t));
        expect(e.toDate(t).getTime()).toBe(e.toMillis(t));
      }),
      { numRuns: 300 },
    );
  });

  it('converts instants both ways', () => {
    expect(qingxu.toDate(0).toISOString()).toBe('2022-04-12T17:30:00.000Z');
    expect(qingxu.toMillis(1.5)).toBe(qingxu.epochMs + 1500);
    expect(qingxu.fromMillis(qingxu.epochMs + 90_000)).toBe(90);
    expect(qingxu.fromMillis(new Date('2022-04-12T18:30:00Z'))).toBe(3600);
    expect(() => qingxu.fromMillis(new Date(Number.NaN), 'row.at')).toThrow(
      /^row\.at: expected a valid Date/,
    );
    expect(() => qingxu.fromMillis(Number.NaN)).toThrow(/^instant: /);
  });

  it('gives wall-clock milliseconds for UTC chart scales', () => {
    expect(new Date(evening.toWallClockMillis(0)).toISOString()).toBe('2022-04-13T19:00:00.000Z');
    expect(new Date(evening.toWallClockMillis(6.5 * H)).toISOString()).toBe('2022-04-14T01:30:00.000Z');
  });

  it('numbers days from the epoch date and finds their midnights', () => {
    expect([0, 5 * H - 1, 5 * H, 29 * H, -19 * H, -19 * H - 1].map((t) => evening.dayOf(t))).toEqual([
      0, 0, 1, 2, 0, -1,
    ]);
    expect([0, 18_000, -68_401].map((t) => evening.dateOf(t))).toEqual([
      '2022-04-13',
      '2022-04-14',
      '2022-04-12',
    ]);
    expect(evening.midnight()).toBe(-19 * H);
    expect(evening.midnight(1)).toBe(5 * H);
    expect(evening.midnight(-1)).toBe(-43 * H);
    expect(evening.toClock(evening.midnight(2))).toBe('00:00 (+2 d)');
    expect(() => evening.midnight(0.5)).toThrow(/^day: expected an integer day number, got 0.5/);
  });

  it('dayOf is the floor of local time over 24 h: midnights start days', () => {
    fc.assert(
      fc.property(epochArb, fc.integer({ min: -30, max: 30 }), (e, day) => {
        const m = e.midnight(day);
        expect(e.dayOf(m)).toBe(day);
        expect(e.dayOf(m - 0.001)).toBe(day - 1);
        expect(e.midnight(day + 1) - m).toBe(D);
      }),
      { numRuns: 200 },
    );
  });
});
