/**
 * The vocabulary of unit words that `duration` and `rate` (`units.ts`) read: what each word means in
 * seconds, which words are refused on purpose, and which are known but measure something else.
 *
 * The tables, not code, carry the spellings:
 *
 * - **time**: `s`, `sec`, `secs`, `second(s)`, `min`, `mins`, `minute(s)`, `h`, `hr`, `hrs`, `hour(s)`,
 *   `d`, `day(s)`, `week(s)`; **frequency**: `Hz`, `hertz`. The SI symbols `s` and `Hz` take the SI
 *   prefix symbols (`ms`, `us`, `kHz`), the names `second`, `sec` and `hertz` take the prefix names
 *   (`milliseconds`, `kilohertz`); minutes, hours, days and weeks take none (non-SI units of time, SI
 *   Brochure 9th edition Table 8, with which prefixes are not used: NIST SP 811 (2008) §6.2.8). These
 *   are the spellings mathjs 15 accepted (it did this job before, see `units.ts`), plus `d`;
 * - **calendar**: `month(s)`, `year(s)`, `decade(s)`, `century`/`centuries`, `millennium`/`millennia`,
 *   which have no fixed length and are refused with a hint;
 * - **other**: the symbols of the other SI base and derived units and of the non-SI units accepted for
 *   use with SI (`m`, `kg`, `S`, `N`, `L`, …, with prefixes). They exist only so that `"40 kg"` says
 *   "not a unit of time" rather than "unknown unit"; any other word is unknown.
 *
 * @module
 */

/**
 * What a unit word means.
 *
 * - `time`: `scale` seconds raised to `dimension` (1 for a duration unit, −1 for a frequency unit);
 *   `scale` is a ratio `num / den` so that submultiples divide (`250 ms` is 250 / 1000, exactly 0.25)
 *   rather than multiply by an inexact 0.001;
 * - `calendar`: a unit of time with no fixed length;
 * - `other`: a known unit of some other quantity.
 *
 * @example
 * ```ts
 * const ms: UnitWord = { kind: 'time', num: 1, den: 1000, dimension: 1 };
 * ```
 */
export type UnitWord =
  | { readonly kind: 'time'; readonly num: number; readonly den: number; readonly dimension: 1 | -1 }
  | { readonly kind: 'calendar' }
  | { readonly kind: 'other' };

/** Which prefixes a word takes: SI prefix symbols (`k`, `m`), prefix names (`kilo`, `milli`), or none. */
type Prefixes = 'symbols' | 'names' | 'none';

/** Powers of ten of the SI prefixes, by symbol and by name (SI Brochure, 9th edition, Table 7, and the 2022 additions R, Q, r, q). `u` stands for µ, as ASCII input writes it. */
// biome-ignore format: a table reads better packed
const PREFIX_SYMBOLS: Readonly<Record<string, number>> = {
  Q: 30, R: 27, Y: 24, Z: 21, E: 18, P: 15, T: 12, G: 9, M: 6, k: 3, h: 2, da: 1,
  d: -1, c: -2, m: -3, u: -6, n: -9, p: -12, f: -15, a: -18, z: -21, y: -24, r: -27, q: -30,
};

// biome-ignore format: a table reads better packed
const PREFIX_NAMES: Readonly<Record<string, number>> = {
  quetta: 30, ronna: 27, yotta: 24, zetta: 21, exa: 18, peta: 15, tera: 12, giga: 9, mega: 6, kilo: 3,
  hecto: 2, deca: 1, deci: -1, centi: -2, milli: -3, micro: -6, nano: -9, pico: -12, femto: -15,
  atto: -18, zepto: -21, yocto: -24, ronto: -27, quecto: -30,
};

interface Entry {
  readonly word: UnitWord;
  readonly prefixes: Prefixes;
}

/** A word for `seconds` seconds (`dimension` 1) or for once per `seconds` seconds (`dimension` −1). */
function time(seconds: number, dimension: 1 | -1, prefixes: Prefixes = 'none'): Entry {
  return { word: { kind: 'time', num: seconds, den: 1, dimension }, prefixes };
}

const CALENDAR: Entry = { word: { kind: 'calendar' }, prefixes: 'none' };
const OTHER: Entry = { word: { kind: 'other' }, prefixes: 'symbols' };
const OTHER_UNPREFIXED: Entry = { word: { kind: 'other' }, prefixes: 'none' };

const MINUTE = time(60, 1);
const HOUR = time(3600, 1);
const DAY = time(86_400, 1);
const WEEK = time(7 * 86_400, 1);
const SECOND_NAME = time(1, 1, 'names');
const HERTZ_NAME = time(1, -1, 'names');

/** Every word the parser knows, by exact spelling (case matters: `S` is siemens, `s` is seconds). */
const WORDS: ReadonlyMap<string, Entry> = new Map<string, Entry>([
  ['s', time(1, 1, 'symbols')],
  ['sec', SECOND_NAME],
  ['secs', SECOND_NAME],
  ['second', SECOND_NAME],
  ['seconds', SECOND_NAME],
  ['min', MINUTE],
  ['mins', MINUTE],
  ['minute', MINUTE],
  ['minutes', MINUTE],
  ['h', HOUR],
  ['hr', HOUR],
  ['hrs', HOUR],
  ['hour', HOUR],
  ['hours', HOUR],
  ['d', DAY],
  ['day', DAY],
  ['days', DAY],
  ['week', WEEK],
  ['weeks', WEEK],
  ['Hz', time(1, -1, 'symbols')],
  ['hertz', HERTZ_NAME],
  ...'month months year years decade decades century centuries millennium millennia'
    .split(' ')
    .map((w): [string, Entry] => [w, CALENDAR]),
  // SI base units other than the second (kg is k + g), SI derived units with special names (ASCII
  // `ohm` for Ω), and the non-SI units accepted for use with SI that take prefixes.
  ...'m g A K mol cd rad sr N Pa J W C V F ohm S Wb T H lm lx Bq Gy Sv kat L l t eV Da'
    .split(' ')
    .map((w): [string, Entry] => [w, OTHER]),
  ...['au', 'ha'].map((w): [string, Entry] => [w, OTHER_UNPREFIXED]),
]);

/** `10^exponent` as a ratio, so that submultiples are applied by division. */
function withPrefix(word: UnitWord, exponent: number): UnitWord {
  if (word.kind !== 'time') return word;
  const ten = 10 ** Math.abs(exponent);
  return exponent >= 0 ? { ...word, num: word.num * ten } : { ...word, den: word.den * ten };
}

/**
 * What a unit word means, or `undefined` if it is not a unit. An exact spelling wins over a prefix
 * reading (`min` is minutes, not milli-`in`; `cd` is candela).
 *
 * @param text - one word as written, e.g. `"ms"`, `"hours"`, `"kHz"`, `"kg"`
 * @example
 * ```ts
 * unitWord('ms');    // { kind: 'time', num: 1, den: 1000, dimension: 1 }
 * unitWord('kHz');   // { kind: 'time', num: 1000, den: 1, dimension: -1 }
 * unitWord('kg');    // { kind: 'other' }
 * unitWord('month'); // { kind: 'calendar' }
 * unitWord('foo');   // undefined
 * ```
 */
export function unitWord(text: string): UnitWord | undefined {
  const exact = WORDS.get(text);
  if (exact) return exact.word;
  for (const [table, kind] of [
    [PREFIX_SYMBOLS, 'symbols'],
    [PREFIX_NAMES, 'names'],
  ] as const) {
    for (const prefix of Object.keys(table)) {
      if (!text.startsWith(prefix) || text.length === prefix.length) continue;
      const entry = WORDS.get(text.slice(prefix.length));
      if (entry?.prefixes === kind) return withPrefix(entry.word, table[prefix]!);
    }
  }
  return undefined;
}
