/**
 * Seeds and the hashing that turns `(seed, stream name)` into a generator key.
 *
 * A seed is a plain non-negative integer up to `Number.MAX_SAFE_INTEGER` (2^53 − 1), so it survives
 * JSON, command lines and spreadsheets unchanged. Everything random in a run is derived from it:
 *
 * - a stream's key is `finalise(mix(seed) XOR fnv1a64(name))`: FNV-1a over the name's UTF-16 code
 *   units, the seed scrambled by the SplitMix64 finaliser, and the combination finalised once more so
 *   that one changed character or seed bit flips about half of the 64 key bits. Two different
 *   `(seed, name)` pairs share a key only by a 64-bit hash collision (≈ 2^-64 per pair).
 * - replication `i` of base seed `s` gets `replicationSeed(s, i)`: a counter `mix(s) + i·φ` (φ odd) run
 *   through a bijective 53-bit mixer, so for one base seed every replication index gets a
 *   *different* seed, guaranteed, and the seed of replication 7 does not depend on how many
 *   replications are run.
 *
 * BigInt is used because these functions run once per stream or replication, never per draw; clarity
 * of the 64-bit arithmetic matters more than speed here.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';

/**
 * Largest accepted seed: `Number.MAX_SAFE_INTEGER` (2^53 − 1).
 *
 * @example
 * ```ts
 * validateSeed(MAX_SEED); // accepted; MAX_SEED + 1 is not
 * ```
 */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

const MASK64 = (1n << 64n) - 1n;
const MASK53 = (1n << 53n) - 1n;
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const GOLDEN64 = 0x9e3779b97f4a7c15n;

/**
 * Check a seed: an integer in `[0, MAX_SEED]`.
 *
 * @param value - the candidate seed.
 * @param path - where it sits in the input, for the error message.
 * @returns the seed, narrowed to `number`.
 * @throws {@link ParameterError} naming the path and the bad value.
 * @example
 * ```ts
 * validateSeed(42, 'seed');  // 42
 * validateSeed(-1, 'seed');  // throws "seed: expected an integer in [0, 9007199254740991], got -1"
 * ```
 */
export function validateSeed(value: unknown, path = 'seed'): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw new ParameterError(path, `an integer in [0, ${MAX_SEED}]`, value);
  return value;
}

/** SplitMix64's output function (Stafford's variant 13): a bijection on 64-bit words with full avalanche. */
function finalise64(z: bigint): bigint {
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

/** A bijection on 53-bit words (xorshift-multiply rounds; each step is invertible modulo 2^53). */
function finalise53(z: bigint): bigint {
  z = ((z ^ (z >> 26n)) * 0x1ce4e5b9bf58477n) & MASK53;
  z = ((z ^ (z >> 24n)) * 0x133111eb94d049bn) & MASK53;
  return z ^ (z >> 27n);
}

/** FNV-1a (64-bit) over the UTF-16 code units of `text`, two bytes per unit. */
function fnv1a64(text: string): bigint {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    h = ((h ^ BigInt(unit & 0xff)) * FNV_PRIME) & MASK64;
    h = ((h ^ BigInt(unit >> 8)) * FNV_PRIME) & MASK64;
  }
  return h;
}

/**
 * The 64-bit key of stream `name` under `seed`, as 16 hex digits. Used to seed the generator; exposed
 * so that results can record exactly which key a stream had.
 *
 * @param seed - a validated seed (see {@link validateSeed}).
 * @param name - the stream name.
 * @example
 * ```ts
 * streamKey(42, 'arrivals'); // a 16-digit hex string, always the same for (42, 'arrivals')
 * ```
 */
export function streamKey(seed: number, name: string): string {
  const key = finalise64(finalise64((BigInt(seed) + GOLDEN64) & MASK64) ^ fnv1a64(name));
  return key.toString(16).padStart(16, '0');
}

/**
 * The seed of replication `index` under `baseSeed`.
 *
 * For a fixed base seed, distinct indices always give distinct seeds (the map is a bijection of the
 * index), and a replication's seed depends only on `(baseSeed, index)`, never on how many replications
 * are run. The result is itself a valid seed.
 *
 * @param baseSeed - the experiment's seed, an integer in `[0, MAX_SEED]`.
 * @param index - the replication number, an integer ≥ 0.
 * @throws {@link ParameterError} for a bad seed or index.
 * @example
 * ```ts
 * const seeds = [0, 1, 2].map((i) => replicationSeed(42, i)); // three different seeds, same every time
 * ```
 */
export function replicationSeed(baseSeed: number, index: number): number {
  validateSeed(baseSeed, 'baseSeed');
  if (!Number.isSafeInteger(index) || index < 0)
    throw new ParameterError('replication', `an integer in [0, ${MAX_SEED}]`, index);
  const start = finalise64(BigInt(baseSeed) ^ 0x5851f42d4c957f2dn) & MASK53;
  // GOLDEN64 is odd, so i ↦ start + i·φ is injective modulo 2^53 for i < 2^53; finalise53 keeps it so.
  return Number(finalise53((start + BigInt(index) * GOLDEN64) & MASK53));
}
