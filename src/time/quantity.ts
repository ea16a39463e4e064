/**
 * Read one quantity written with units — `"40 s"`, `"331 /min"`, `"331 min^-1"`, `"3 kHz"`, `"40 kg/min"`
 * — into its number and its list of unit words with powers, or say why it cannot be read.
 *
 * The grammar is the one mathjs's `Unit.parse` reads (why not mathjs itself: see `units.ts`), without
 * parentheses:
 *
 * ```text
 * quantity = [number] [("*" | "/")] { factor [("*" | "/")] }     (at least one factor or a number)
 * factor   = word ["^" number]                                    (whitespace between is implicit "*")
 * number   = ["+" | "-"] (digits ["." digits] | "." digits) [("e" | "E") ["+" | "-"] digits]
 * word     = letter {letter | digit}
 * ```
 *
 * A `/` divides the next factor only (`kg/min s` is kg·s/min), as in mathjs. Whether the words make a
 * duration or a rate is the caller's question; this module only reads.
 *
 * @module
 */
import { type UnitWord, unitWord } from './unitWords.js';

/**
 * Why a string could not be read; callers put the reason in parentheses after what was expected.
 *
 * @example
 * ```ts
 * new Unreadable('unknown unit "foo"').reason;
 * ```
 */
export class Unreadable {
  /** @param reason - a short phrase such as `unknown unit "foo"` */
  constructor(readonly reason: string) {}
}

/**
 * One unit word of a quantity, as written, with its power (`min` in `331 /min` has power −1).
 *
 * @example
 * ```ts
 * const perMinute: Factor = { word: 'min', power: -1, unit: { kind: 'time', num: 60, den: 1, dimension: 1 } };
 * ```
 */
export interface Factor {
  /** The word as written, prefix included (`ms`, `kHz`). */
  readonly word: string;
  /** Its power: 1, −1 after a `/`, or whatever `^` says. */
  readonly power: number;
  /** What the word means. */
  readonly unit: UnitWord;
}

/**
 * A quantity as read: its number (`null` when the text starts with a unit) and its unit words in order.
 *
 * @example
 * ```ts
 * const q: Quantity = { value: 40, factors: [] }; // "40": no unit
 * ```
 */
export interface Quantity {
  /** The leading number, or `null` if there was none (`"min"`). */
  readonly value: number | null;
  /** The unit words with their powers, in the order written; empty for a bare number. */
  readonly factors: readonly Factor[];
}

const NUMBER = /[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const WORD = /[A-Za-z][A-Za-z0-9]*/y;
const SPACE = /\s*/y;

const SYNTAX = new Unreadable('not a number followed by a unit');

/**
 * Read a quantity, or say why not: `not a number followed by a unit` for text outside the grammar,
 * `unknown unit "…"` for the first word that is not a unit.
 *
 * @param text - e.g. `"331 per min"` already rewritten as `"331 / min"`
 * @example
 * ```ts
 * readQuantity('331 /min'); // { value: 331, factors: [{ word: 'min', power: -1, unit: … }] }
 * readQuantity('40 foo');   // Unreadable('unknown unit "foo"')
 * readQuantity('1 h 30');   // Unreadable('not a number followed by a unit')
 * ```
 */
export function readQuantity(text: string): Quantity | Unreadable {
  let at = 0;
  /** Match a sticky pattern at the cursor and move past it; `undefined` if it does not match. */
  const take = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = at;
    const m = pattern.exec(text);
    if (!m) return undefined;
    at = pattern.lastIndex;
    return m[0];
  };
  /** Consume `char` (after whitespace) if it is next. */
  const sign = (char: string): boolean => {
    take(SPACE);
    if (text[at] !== char) return false;
    at += 1;
    return true;
  };

  take(SPACE);
  const number = take(NUMBER);
  const value = number === undefined ? null : Number.parseFloat(number);
  let power = 1;
  let expectingFactor = false;
  if (value !== null) {
    if (sign('*')) expectingFactor = true;
    else if (sign('/')) [power, expectingFactor] = [-1, true];
  }
  const factors: Factor[] = [];
  for (;;) {
    take(SPACE);
    if (at === text.length) break;
    const word = take(WORD);
    if (word === undefined) return SYNTAX;
    const unit = unitWord(word);
    if (unit === undefined) return new Unreadable(`unknown unit "${word}"`);
    let p = power;
    if (sign('^')) {
      take(SPACE);
      const exponent = take(NUMBER);
      if (exponent === undefined) return SYNTAX;
      p *= Number.parseFloat(exponent);
    }
    factors.push({ word, power: p, unit });
    if (sign('*')) [power, expectingFactor] = [1, true];
    else if (sign('/')) [power, expectingFactor] = [-1, true];
    else [power, expectingFactor] = [1, false];
  }
  if (expectingFactor) return SYNTAX;
  return { value, factors };
}

/**
 * The units of a quantity written the way mathjs's `formatUnits` wrote them, so messages keep their
 * wording: numerator words, then ` / ` and denominator words (`kg / min`), parentheses around a group of
 * several on either side, and negative powers shown when there is no numerator (`min^-1`).
 *
 * @param factors - the factors of a read quantity
 * @example
 * ```ts
 * formatFactors(readQuantity('40 kg/min').factors); // 'kg / min'
 * formatFactors(readQuantity('331 /min').factors);  // 'min^-1'
 * ```
 */
export function formatFactors(factors: readonly Factor[]): string {
  const num = factors.filter((f) => f.power > 0);
  const den = factors.filter((f) => f.power < 0);
  const group = (parts: string[], paren: boolean): string =>
    paren ? `(${parts.join(' ')})` : parts.join(' ');
  const numerator = group(
    num.map((f) => (f.power === 1 ? f.word : `${f.word}^${f.power}`)),
    num.length > 1 && den.length > 0,
  );
  const denominator = group(
    den.map((f) =>
      num.length === 0 ? `${f.word}^${f.power}` : f.power === -1 ? f.word : `${f.word}^${-f.power}`,
    ),
    den.length > 1 && num.length > 0,
  );
  return num.length > 0 && den.length > 0 ? `${numerator} / ${denominator}` : numerator + denominator;
}

/**
 * A quantity's number in seconds raised to its dimension, when every word is a unit of time or
 * frequency: `{ dimension: 1 }` for a duration in seconds, `−1` for a rate per second, anything else
 * for a mixture (`Hz s` has dimension 0). `undefined` if a word measures something else.
 *
 * @param value - the quantity's number
 * @param factors - its factors
 * @example
 * ```ts
 * inSeconds(331, readQuantity('331 /min').factors); // { value: 5.516…, dimension: -1 }
 * inSeconds(250, readQuantity('250 ms').factors);   // { value: 0.25, dimension: 1 }
 * ```
 */
export function inSeconds(
  value: number,
  factors: readonly Factor[],
): { value: number; dimension: number } | undefined {
  let v = value;
  let dimension = 0;
  for (const { power, unit } of factors) {
    if (unit.kind !== 'time') return undefined;
    // Multiply by num^p and divide by den^p (or the reverse for p < 0), so that 331 per min is 331 / 60.
    const [up, down] = power >= 0 ? [unit.num, unit.den] : [unit.den, unit.num];
    const p = Math.abs(power);
    v = (v * up ** p) / down ** p;
    dimension += unit.dimension * power;
  }
  return { value: v, dimension };
}
