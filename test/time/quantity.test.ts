/**
 * The unit reader under duration() and rate(): the word table (exact spellings before prefixes, which
 * words take which prefixes), the grammar (what reads, what is a syntax error, which word is unknown),
 * exact scaling, and unit formatting in mathjs's wording so that error messages keep their text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Factor, formatFactors, inSeconds, readQuantity, Unreadable } from '../../src/time/quantity.js';
import { unitWord } from '../../src/time/unitWords.js';

function read(text: string): { value: number | null; factors: readonly Factor[] } {
  const q = readQuantity(text);
  if (q instanceof Unreadable) throw new Error(`${text}: ${q.reason}`);
  return q;
}

function reason(text: string): string {
  const q = readQuantity(text);
  return q instanceof Unreadable ? q.reason : 'read';
}

describe('unitWord', () => {
  it.each([
    ['s', 1, 1, 1],
    ['ms', 1, 1000, 1],
    ['us', 1, 1e6, 1],
    ['ks', 1000, 1, 1],
    ['milliseconds', 1, 1000, 1],
    ['microsec', 1, 1e6, 1],
    ['min', 60, 1, 1],
    ['hrs', 3600, 1, 1],
    ['d', 86_400, 1, 1],
    ['weeks', 604_800, 1, 1],
    ['Hz', 1, 1, -1],
    ['kHz', 1000, 1, -1],
    ['kilohertz', 1000, 1, -1],
  ])('%s is %d/%d s^%d', (word, num, den, dimension) => {
    expect(unitWord(word)).toEqual({ kind: 'time', num, den, dimension });
  });

  it('reads exact spellings before prefixed ones', () => {
    expect(unitWord('min')).toMatchObject({ num: 60 }); // not milli-"in"
    expect(unitWord('cd')).toEqual({ kind: 'other' }); // candela, not centi-day
    expect(unitWord('Pa')).toEqual({ kind: 'other' });
  });

  it('puts prefix symbols on symbols and prefix names on names only', () => {
    for (const w of ['msec', 'millis', 'kmin', 'mh', 'kd', 'kday', 'kiloHz', 'kweek', 'mmonth'])
      expect(unitWord(w), w).toBeUndefined();
  });

  it('knows calendar words and other SI units, and nothing else', () => {
    for (const w of ['month', 'years', 'centuries', 'millennia'])
      expect(unitWord(w)).toEqual({ kind: 'calendar' });
    for (const w of ['m', 'kg', 'mg', 'S', 'mS', 'N', 'kPa', 'L', 'mL', 'ohm', 'au', 'ha'])
      expect(unitWord(w), w).toEqual({ kind: 'other' });
    for (const w of ['foo', 'parsecs', 'inch', 'and', 'MIN', 'Sec', 'kau', 'S2'])
      expect(unitWord(w), w).toBeUndefined();
  });
});

describe('readQuantity', () => {
  it('reads a number and words with powers, `/` dividing the next word only', () => {
    expect(read('331 /min')).toMatchObject({ value: 331, factors: [{ word: 'min', power: -1 }] });
    expect(read('3 kg/min s').factors.map((f) => [f.word, f.power])).toEqual([
      ['kg', 1],
      ['min', -1],
      ['s', 1],
    ]);
    expect(read('2 s^2 * Hz ^ -0.5').factors.map((f) => f.power)).toEqual([2, -0.5]);
    expect(read('5 /min^-1').factors[0]!.power).toBe(1);
    expect(read('1e3s')).toMatchObject({ value: 1000, factors: [{ word: 's' }] });
    // "e" without digits is not an exponent but a word
    expect(reason('4e s')).toBe('unknown unit "e"');
    expect(read('+.5 h').value).toBe(0.5);
    expect(read('2. h').value).toBe(2);
  });

  it('reads a bare number (no factors) and bare words (no number)', () => {
    expect(read('12')).toEqual({ value: 12, factors: [] });
    expect(read('min^-1')).toMatchObject({ value: null, factors: [{ word: 'min', power: -1 }] });
  });

  it.each([
    '1 h 30',
    '1,5 h',
    '331 /',
    '331 *',
    '/min',
    '- s',
    '5 (min)',
    '5 s^',
    '5 s^x',
    '5 */ s',
    '5 s !',
  ])('%j is outside the grammar', (text) => {
    expect(reason(text)).toBe('not a number followed by a unit');
  });

  it('names the first unknown word', () => {
    expect(reason('40 s and more')).toBe('unknown unit "and"');
    expect(reason('3 inch msec')).toBe('unknown unit "inch"');
    expect(reason('3 s2')).toBe('unknown unit "s2"');
  });
});

describe('inSeconds', () => {
  it('scales exactly, dividing for submultiples and per-units', () => {
    expect(inSeconds(250, read('250 ms').factors)).toEqual({ value: 0.25, dimension: 1 });
    expect(inSeconds(331, read('331 /min').factors)).toEqual({ value: 331 / 60, dimension: -1 });
    expect(inSeconds(3, read('3 kHz').factors)).toEqual({ value: 3000, dimension: -1 });
    expect(inSeconds(2, read('2 h^2').factors)).toEqual({ value: 2 * 3600 ** 2, dimension: 2 });
    expect(inSeconds(5, read('5 Hz s').factors)).toEqual({ value: 5, dimension: 0 });
    fc.assert(fc.property(fc.nat(1e6), (n) => inSeconds(n, read(`${n} /h`).factors)?.value === n / 3600));
  });

  it('is undefined as soon as a word measures something else, even if dimensions would cancel', () => {
    expect(inSeconds(1, read('1 J/W').factors)).toBeUndefined();
    expect(inSeconds(1, read('1 s kg').factors)).toBeUndefined();
  });
});

describe('formatFactors', () => {
  it.each([
    ['40 kg', 'kg'],
    ['40 kg/min', 'kg / min'],
    ['331 /min', 'min^-1'],
    ['331 min^-2', 'min^-2'],
    ['3 kg m / s^2', '(kg m) / s^2'],
    ['3 kg / min / s', 'kg / (min s)'],
    ['3 Hz s', 'Hz s'],
    ['3 s^0', ''],
    ['3 /d /s', 'd^-1 s^-1'],
  ])('%j → %j', (text, units) => {
    expect(formatFactors(read(text).factors)).toBe(units);
  });
});
