/**
 * Uniform random sources.
 *
 * Everything random in surgesim draws from an {@link Rng}: an object with one method, `next()`, that
 * returns a uniform float in [0, 1). Distributions and arrival generators take the source as an
 * argument (as d3-random does), so a test can pass a scripted source and a model can swap generators
 * without touching any distribution.
 *
 * **Generator choice.** The seeded source is seedrandom's `xor4096` (Brent's xorgens 4096 with a Weyl
 * sequence), read through its `double()` method, which fills all 53 bits of the mantissa and never
 * returns exactly 0. Against seedrandom's other generators (their speeds are in bench/README.md):
 *
 * | algorithm | period | note |
 * |---|---|---|
 * | ARC4 (default) | ~2^1600 | cryptographic, several times slower |
 * | alea | ~2^116 | float arithmetic, weak seeding (Mash) |
 * | xor128 | 2^128−1 | plain xorshift: fails linear-complexity tests |
 * | tychei | ~2^127 (not proven) | |
 * | **xor4096** | **2^4096 − 2^32** | passes BigCrush |
 *
 * A draw of xor4096 is small beside an event in the simulation, and it buys a proven, enormous
 * period: the many streams a study derives from hashed keys start at
 * effectively random points of one cycle, so the chance that two of them overlap is negligible.
 * 53-bit draws matter for tails: with 32-bit floats, `-log(u)` is capped near 22 and `u = 0` occurs
 * once in 4·10^9 draws, i.e. plausibly within a day of 25 million residents.
 *
 * @module
 */
import seedrandom from 'seedrandom';
import { ParameterError } from '../kernel/errors.js';
import { streamKey, validateSeed } from './seed.js';

/**
 * A source of uniform random numbers. `next()` returns a float in [0, 1).
 *
 * Any object with this shape can be used, e.g. a scripted source in a test.
 *
 * @example
 * ```ts
 * const fixed: Rng = { next: () => 0.5 };
 * exponential({ mean: 10 }).sample(fixed); // 10·ln 2
 * ```
 */
export interface Rng {
  /** A uniform float in [0, 1). */
  next(): number;
}

/**
 * The seeded generator: seedrandom's xor4096, keyed by a string, producing 53-bit doubles in (0, 1).
 *
 * Usually obtained from {@link RandomStreams.stream} or {@link seededRng} rather than built directly.
 *
 * @example
 * ```ts
 * const rng = new SeededRng('00ff00ff00ff00ff');
 * rng.next(); // same value every time for this key
 * ```
 */
export class SeededRng implements Rng {
  readonly #draw: () => number;

  /** @param key - the generator key (any string; the streams use 16 hex digits from {@link streamKey}). */
  constructor(readonly key: string) {
    this.#draw = seedrandom.xor4096(key).double;
  }

  /** A uniform float in (0, 1) with 53 random bits. */
  next(): number {
    return this.#draw();
  }
}

/**
 * A standalone seeded generator, for code that needs one source rather than named streams. It is the
 * stream named `name` (default `"default"`) of {@link RandomStreams} under the same seed.
 *
 * @param seed - an integer in `[0, MAX_SEED]`.
 * @param name - the stream name (default `"default"`).
 * @throws {@link ParameterError} for a bad seed or an empty name.
 * @example
 * ```ts
 * const rng = seededRng(42);
 * const u = rng.next();
 * ```
 */
export function seededRng(seed: number, name = 'default'): SeededRng {
  validateSeed(seed);
  if (typeof name !== 'string' || name.length === 0)
    throw new ParameterError('name', 'a non-empty string', name);
  return new SeededRng(streamKey(seed, name));
}

/**
 * Wrap a plain function returning uniforms in [0, 1) as an {@link Rng}, e.g. another library's
 * generator. Values are not checked on every draw (that would cost more than the draw itself).
 *
 * @param fn - the function to call for each draw.
 * @example
 * ```ts
 * import seedrandom from 'seedrandom';
 * const rng = rngFromFunction(seedrandom.alea('my seed'));
 * ```
 */
export function rngFromFunction(fn: () => number): Rng {
  if (typeof fn !== 'function') throw new ParameterError('fn', 'a function', fn);
  return { next: fn };
}
