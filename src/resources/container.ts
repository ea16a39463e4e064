/**
 * Container: a continuous level of something homogeneous (fuel in a tanker, swab sticks counted by
 * the thousand, cold-chain space in litres) between 0 and a capacity. `put(amount)` waits until the
 * amount fits; `get(amount)` waits until that much is there.
 *
 * ```ts
 * const tank = new Container(env, { name: 'fuel', capacity: 1000, init: 400 });
 * yield* tank.get(40);     // a car fills up; waits while fewer than 40 litres are left
 * yield* tank.put(600);    // the tanker refills; waits until 600 litres fit
 * ```
 *
 * **Order among waiting requests** ({@link ContainerOptions.discipline}):
 * - `'fifo'` (default): each line is served strictly in order. A large get that cannot be met holds up
 *   smaller gets behind it, even ones the level could meet (and likewise for puts), so no request can
 *   be starved by a stream of smaller ones.
 * - `'firstFit'`: each line is walked in order and every request that can be met now is met, so a small
 *   get may overtake a large one that is waiting; a large request may then wait for a long time.
 *
 * Amounts are positive finite numbers no larger than the capacity (a larger one could never be met);
 * the level never goes below 0 or above the capacity, and `init + putAmount − gotAmount = level` at all
 * times (see {@link Container.accounting}). The rules common to stores and containers (immediate
 * completion, withdrawal, undo of unreceived gets) are in {@link PutGetResource}.
 *
 * @module
 */
import type { Environment } from '../kernel/environment.js';
import { ParameterError } from '../kernel/errors.js';
import { nonEmptyString, oneOf } from '../kernel/validate.js';
import { checkKeys } from './options.js';
import { defaultName, describeRequest, PutGetRequest, PutGetResource } from './putget.js';

/**
 * How waiting puts and gets are ordered: see the module documentation of {@link Container}.
 *
 * @example
 * ```ts
 * new Container(env, { capacity: 1000, discipline: 'firstFit' }); // small gets may overtake large ones
 * ```
 */
export type ContainerDiscipline = 'fifo' | 'firstFit';

/**
 * Options for a {@link Container}.
 *
 * @example
 * ```ts
 * const tank = new Container(env, { name: 'fuel', capacity: 1000, init: 400 });
 * ```
 */
export interface ContainerOptions {
  /** Name for reports and errors. Default `container#N`, N counting the unnamed containers of the environment. */
  readonly name?: string;
  /** Largest level: a number > 0, or `Infinity` (default). */
  readonly capacity?: number;
  /** Level at the start, in [0, capacity]. Default 0. */
  readonly init?: number;
  /** Order among waiting requests: `'fifo'` (default, no overtaking) or `'firstFit'`. */
  readonly discipline?: ContainerDiscipline;
}

/**
 * Amounts that add up at any time: `init + putAmount − gotAmount = level`. See {@link Container.accounting}.
 *
 * @example
 * ```ts
 * const a = tank.accounting();
 * a.init + a.putAmount - a.gotAmount === a.level; // true (up to rounding for fractional amounts)
 * ```
 */
export interface ContainerAccounting {
  /** Level at the start. */
  readonly init: number;
  /** Total amount put so far. */
  readonly putAmount: number;
  /** Total amount got so far (gets undone because nobody received them are not counted). */
  readonly gotAmount: number;
  /** Amount in the container now. */
  readonly level: number;
  /** Puts carried out. */
  readonly puts: number;
  /** Gets carried out (a get undone because nobody received it is not counted). */
  readonly gets: number;
  /** Puts waiting for room now. */
  readonly waitingPuts: number;
  /** Gets waiting for stock now. */
  readonly waitingGets: number;
  /** Puts withdrawn while waiting. */
  readonly cancelledPuts: number;
  /** Gets withdrawn while waiting, or undone because nobody received them. */
  readonly cancelledGets: number;
}

/**
 * A put of an amount into a {@link Container}: succeeds (with nothing) once the amount is in.
 *
 * @example
 * ```ts
 * const refill = tank.put(600);
 * yield* refill;
 * ```
 */
export class ContainerPut extends PutGetRequest<void> {
  declare readonly resource: Container;
  /** The amount to put. */
  declare readonly amount: number;

  /** @internal use {@link Container.put} */
  constructor(container: Container, amount: number) {
    super(container);
    this.amount = amount;
  }

  /** Always `'put'`. */
  get kind(): 'put' {
    return 'put';
  }

  override describe(): string {
    const c = this.resource;
    return describeRequest(
      this,
      `put(${this.amount}) into container ${c.name}`,
      `level ${c.level} of ${c.capacity}`,
    );
  }
}

/**
 * A get of an amount from a {@link Container}: succeeds with the amount once it is taken.
 *
 * @example
 * ```ts
 * const litres = yield* tank.get(40); // 40
 * ```
 */
export class ContainerGet extends PutGetRequest<number> {
  declare readonly resource: Container;
  /** The amount to get. */
  declare readonly amount: number;

  /** @internal use {@link Container.get} */
  constructor(container: Container, amount: number) {
    super(container);
    this.amount = amount;
  }

  /** Always `'get'`. */
  get kind(): 'get' {
    return 'get';
  }

  override describe(): string {
    const c = this.resource;
    return describeRequest(
      this,
      `get(${this.amount}) from container ${c.name}`,
      `level ${c.level} of ${c.capacity}`,
    );
  }
}

/**
 * A continuous level with a capacity. See the module documentation for the order rules.
 *
 * @example
 * ```ts
 * const env = new Environment();
 * const tank = new Container(env, { name: 'fuel', capacity: 100, init: 30 });
 * env.process(function* () {
 *   yield* tank.get(50);           // waits: only 30 litres
 *   console.log(env.now);          // 10
 * }());
 * env.process(function* () {
 *   yield* env.timeout(10);
 *   yield* tank.put(70);           // fills to 100, then the get takes 50
 * }());
 * env.run();
 * tank.level; // 50
 * ```
 */
export class Container extends PutGetResource<ContainerPut, ContainerGet> {
  /** Largest level. */
  readonly capacity: number;
  /** Level at the start. */
  readonly init: number;
  /** Order among waiting requests. */
  readonly discipline: ContainerDiscipline;
  /** Total amount put so far. */
  putAmount = 0;
  /** Total amount got so far (gets undone because nobody received them are not counted). */
  gotAmount = 0;
  protected readonly putsBlock: boolean;
  /** Whether a get that cannot proceed holds up those behind it: true under `fifo`, false under `firstFit`. */
  protected readonly getsBlock: boolean;
  /** A number from the start, so V8 keeps it an unboxed double (see `Environment._now`). */
  private _level = 0;

  constructor(env: Environment, options: ContainerOptions = {}) {
    if (typeof options !== 'object' || options === null)
      throw new ParameterError('container', 'an options object', options);
    checkKeys(
      options,
      ['name', 'capacity', 'init', 'discipline'],
      typeof options.name === 'string' ? `container(${options.name})` : 'container',
    );
    const name =
      options.name === undefined
        ? defaultName(env, 'container')
        : nonEmptyString(options.name, 'container.name');
    super(env, name);
    const capacity = options.capacity ?? Number.POSITIVE_INFINITY;
    if (typeof capacity !== 'number' || !(capacity > 0))
      throw new ParameterError(`container(${name}).capacity`, 'a number > 0 or Infinity', capacity);
    this.capacity = capacity;
    const init = options.init ?? 0;
    if (typeof init !== 'number' || !Number.isFinite(init) || init < 0 || init > capacity)
      throw new ParameterError(`container(${name}).init`, `a finite number in [0, ${capacity}]`, init);
    this.init = init;
    this._level = init;
    this.discipline = oneOf(options.discipline ?? 'fifo', `container(${name}).discipline`, [
      'fifo',
      'firstFit',
    ] as const);
    this.putsBlock = this.getsBlock = this.discipline === 'fifo';
  }

  /** The amount in the container now. */
  get level(): number {
    return this._level;
  }

  /**
   * Put `amount` in; the returned event succeeds once it fits (at once if it does now, and no earlier
   * put waits under `'fifo'`).
   *
   * @example
   * ```ts
   * yield* tank.put(600);
   * ```
   */
  put(amount = 1): ContainerPut {
    this.checkAmount('put into', amount);
    return this.submitPut(new ContainerPut(this, amount));
  }

  /**
   * Take `amount` out; the returned event succeeds with the amount once that much is there (at once if
   * it is now, and no earlier get waits under `'fifo'`).
   *
   * @example
   * ```ts
   * const litres = yield* tank.get(40);
   * ```
   */
  get(amount = 1): ContainerGet {
    this.checkAmount('get from', amount);
    return this.submitGet(new ContainerGet(this, amount));
  }

  /** Amounts and counts that add up: `init + putAmount − gotAmount = level`. */
  accounting(): ContainerAccounting {
    return {
      init: this.init,
      putAmount: this.putAmount,
      gotAmount: this.gotAmount,
      level: this._level,
      puts: this.puts,
      gets: this.gets,
      waitingPuts: this.waitingPuts,
      waitingGets: this.waitingGets,
      cancelledPuts: this.cancelledPuts,
      cancelledGets: this.cancelledGets,
    };
  }

  /** E.g. `container fuel (level 40 of 100, 2 waiting gets, 0 waiting puts)`. */
  describe(): string {
    return `container ${this.name} (level ${this._level} of ${this.capacity}, ${this.waitingGets} waiting gets, ${this.waitingPuts} waiting puts)`;
  }

  protected tryPut(req: ContainerPut): boolean {
    if (!this.fits(req.amount)) return false;
    this._level += req.amount;
    this.putAmount += req.amount;
    return true;
  }

  protected tryGet(req: ContainerGet): boolean {
    if (!(req.amount <= this._level)) return false;
    // a − b ≥ 0 in floating point whenever b ≤ a, so the level never goes below 0.
    this._level -= req.amount;
    this.gotAmount += req.amount;
    req._value = req.amount;
    req._reserved = req.amount;
    return true;
  }

  protected undoGet(req: ContainerGet): void {
    // Rounding could leave the sum an ulp above the capacity; the level must never be.
    this._level = Math.min(this._level + req.amount, this.capacity);
    this.gotAmount -= req.amount;
  }

  protected invariantViolation(): string | null {
    const level = this._level;
    // The bound allows for rounding in the running sums; decisions themselves use exact comparisons.
    const slack = 1e-9 * (Number.isFinite(this.capacity) ? this.capacity : 1);
    if (!(level >= 0 && level <= this.capacity && level <= this.capacity - this.reserved + slack))
      return `level ${level} + ${this.reserved} reserved outside [0, ${this.capacity}]`;
    const put = this.putLine.first();
    if (put !== undefined && this.fits(put.amount)) return `the first waiting put(${put.amount}) fits`;
    const get = this.getLine.first();
    if (get !== undefined && get.amount <= level) return `the first waiting get(${get.amount}) can be met`;
    return null;
  }

  /** Whether `amount` fits now, leaving room reserved by gets not yet received. */
  private fits(amount: number): boolean {
    return this._level + amount <= this.capacity - this.reserved;
  }

  private checkAmount(what: string, amount: unknown): void {
    if (typeof amount !== 'number' || !Number.isFinite(amount) || !(amount > 0))
      this.badArgument(what, 'an amount that is a finite number > 0', amount);
    if (amount > this.capacity)
      this.badArgument(
        what,
        `an amount ≤ the capacity ${this.capacity} (a larger one could never be met)`,
        amount,
      );
  }
}
