/**
 * Named random streams: common random numbers by construction.
 *
 * A run has one seed. Each source of randomness in a model (arrivals, registration times, the swab
 * station at site 3, ...) asks for its own stream by name, and the stream's generator is keyed by a
 * hash of `(seed, name)` alone (see {@link streamKey}). Hence:
 *
 * - the same seed and name always give the same sequence, in any order of creation, serial or parallel;
 * - adding, removing or reordering streams never changes another stream's numbers, so two scenarios
 *   compared with the same seed share their random numbers wherever their models agree;
 * - replication `i` uses `new RandomStreams(replicationSeed(seed, i))`.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { SeededRng } from './rng.js';
import { replicationSeed, streamKey, validateSeed } from './seed.js';

/**
 * A family of named, independent random streams derived from one seed.
 *
 * @example
 * ```ts
 * const streams = new RandomStreams(42);
 * const arrivals = streams.stream('arrivals');
 * const swab = streams.stream('service:swab');
 * streams.stream('arrivals') === arrivals; // true: one stream object per name
 * ```
 */
export class RandomStreams {
  /** The seed every stream is derived from. */
  readonly seed: number;
  readonly #streams = new Map<string, SeededRng>();

  /**
   * @param seed - an integer in `[0, MAX_SEED]`.
   * @param path - where the seed sits in the input, for error messages (default `"seed"`).
   * @throws {@link ParameterError} for a bad seed.
   */
  constructor(seed: number, path = 'seed') {
    this.seed = validateSeed(seed, path);
  }

  /**
   * The stream called `name`, created on first use. Asking again returns the same object, which
   * continues where it left off.
   *
   * @param name - a non-empty stream name, e.g. `"arrivals"` or `"sites[3].swab"`.
   * @throws {@link ParameterError} for an empty or non-string name.
   */
  stream(name: string): SeededRng {
    let s = this.#streams.get(name);
    if (s === undefined) {
      if (typeof name !== 'string' || name.length === 0)
        throw new ParameterError('stream name', 'a non-empty string', name);
      s = new SeededRng(streamKey(this.seed, name));
      this.#streams.set(name, s);
    }
    return s;
  }

  /** Names of the streams created so far, in creation order (for reports). */
  names(): string[] {
    return [...this.#streams.keys()];
  }

  /**
   * The streams of replication `index` of this seed: `new RandomStreams(replicationSeed(seed, index))`.
   *
   * @param index - the replication number, an integer ≥ 0.
   * @example
   * ```ts
   * const rep3 = new RandomStreams(42).replication(3);
   * rep3.seed === replicationSeed(42, 3); // true
   * ```
   */
  replication(index: number): RandomStreams {
    return new RandomStreams(replicationSeed(this.seed, index));
  }
}
