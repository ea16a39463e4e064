/**
 * Choosing among parallel resources (registration lanes, swab tables): the policies people or
 * dispatchers use at a sampling point, as in simmer's `select()`.
 *
 * - `shortest-queue`: the resource where the fewest units must come free before a newcomer is
 *   served, `busy + queueLength − capacity` (negative when units are free, so a free lane beats any
 *   queue, and a bigger free pool beats a smaller one); ties go to the first in the list.
 * - `round-robin`: each pick takes the next resource in the list, cycling, whatever their state.
 * - `random`: uniformly at random, with a random-number stream the caller names (so that adding this
 *   choice shifts no other draw: common random numbers).
 * - `first-available`: the first resource in the list with a free unit and nobody waiting; if none,
 *   the shortest queue as above.
 *
 * Choosing does not request: pick, then request or seize on the resource picked.
 *
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { checkKeys } from './options.js';

/**
 * Which resource a {@link Selector} picks (see the module documentation).
 *
 * @example
 * ```ts
 * const policy: SelectPolicy = 'shortest-queue';
 * ```
 */
export type SelectPolicy = 'shortest-queue' | 'round-robin' | 'random' | 'first-available';

/**
 * What a selector reads of a resource: a {@link Resource} and a `StaffedResource` both qualify.
 *
 * @example
 * ```ts
 * const lane: Selectable = { busy: 2, queueLength: 5, capacity: 2 };
 * ```
 */
export interface Selectable {
  /** Units in use now. */
  readonly busy: number;
  /** Requests waiting now. */
  readonly queueLength: number;
  /** Units now. */
  readonly capacity: number;
}

/**
 * A random-number stream, as the random layer's streams are (`sim.stream('lane choice')`): declared
 * here because resources sit below the random layer.
 *
 * @example
 * ```ts
 * const fixed: UniformSource = { next: () => 0.5 };
 * ```
 */
export interface UniformSource {
  /** A uniform float in [0, 1). */
  next(): number;
}

/**
 * Options of {@link select}.
 *
 * @example
 * ```ts
 * const options: SelectOptions = { rng: sim.stream('table choice') };
 * ```
 */
export interface SelectOptions {
  /** The random-number stream for the `random` policy (required there), e.g. `sim.stream('lane choice')`. */
  readonly rng?: UniformSource;
}

/**
 * Picks one of a list of resources by a policy. Made by {@link select}; keeps the round-robin position.
 *
 * @example
 * ```ts
 * const lanes = select([laneA, laneB, laneC], 'shortest-queue');
 * const lane = lanes.pick();
 * ```
 */
export class Selector<R extends Selectable> {
  private next = 0;

  /** @internal use {@link select} */
  constructor(
    /** The resources chosen among, in their order (ties and `first-available` go by it). */
    readonly resources: readonly R[],
    /** The policy. */
    readonly policy: SelectPolicy,
    private readonly rng: UniformSource | undefined,
  ) {}

  /** The resource chosen now. */
  pick(): R {
    const list = this.resources;
    switch (this.policy) {
      case 'round-robin': {
        const r = list[this.next]!;
        this.next = (this.next + 1) % list.length;
        return r;
      }
      case 'random': {
        // select() refuses the random policy without a stream.
        const rng = this.rng as UniformSource;
        return list[Math.min(list.length - 1, Math.floor(rng.next() * list.length))]!;
      }
      case 'first-available':
        for (const r of list) if (r.busy < r.capacity && r.queueLength === 0) return r;
        return shortest(list);
      case 'shortest-queue':
        return shortest(list);
    }
  }
}

/**
 * A {@link Selector} over `resources` with `policy`. For processes and callbacks alike.
 *
 * @example
 * ```ts
 * const lanes = select(registrationLanes, 'shortest-queue');
 * env.process(function* () {
 *   const lane = lanes.pick();               // people choose the shortest line on arrival
 *   const desk = yield* lane.request();
 *   yield* env.timeout(40);
 *   lane.release(desk);
 * }());
 * const tables = select(swabTables, 'random', { rng: sim.stream('table choice') });
 * tables.pick().seize(startSwab, i);         // callback style
 * ```
 */
export function select<R extends Selectable>(
  resources: readonly R[],
  policy: SelectPolicy,
  options: SelectOptions = {},
): Selector<R> {
  if (!Array.isArray(resources) || resources.length === 0)
    throw new ParameterError('select.resources', 'a non-empty array of resources', resources);
  resources.forEach((r, i) => {
    if (
      typeof r !== 'object' ||
      r === null ||
      typeof r.busy !== 'number' ||
      typeof r.queueLength !== 'number'
    )
      throw new ParameterError(`select.resources[${i}]`, 'a resource (with busy, queueLength, capacity)', r);
  });
  const policies: readonly SelectPolicy[] = ['shortest-queue', 'round-robin', 'random', 'first-available'];
  if (!policies.includes(policy))
    throw new ParameterError('select.policy', `one of ${policies.map((p) => `"${p}"`).join(', ')}`, policy);
  if (typeof options !== 'object' || options === null)
    throw new ParameterError('select.options', 'an options object { rng? }', options);
  checkKeys(options, ['rng'], 'select');
  const rng = options.rng;
  if (policy === 'random' && (typeof rng !== 'object' || rng === null || typeof rng.next !== 'function'))
    throw new ParameterError(
      'select.rng',
      'a random-number stream with next() (the "random" policy needs one)',
      rng,
    );
  return new Selector([...resources], policy, rng);
}

/** The resource with the fewest units to come free before a newcomer is served; first among ties. */
function shortest<R extends Selectable>(list: readonly R[]): R {
  let best = list[0]!;
  let bestScore = best.busy + best.queueLength - best.capacity;
  for (let i = 1; i < list.length; i++) {
    const r = list[i]!;
    const score = r.busy + r.queueLength - r.capacity;
    if (score < bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}
