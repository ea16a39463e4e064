/**
 * Departures: vehicles that leave a stop on a timetable and/or when full, taking waiting passengers
 * in arrival order (buses leaving a sealed logistics park, a shuttle to an isolation site).
 *
 * **Passengers** call `board(passenger)`: an event that succeeds with the {@link Trip} they leave on.
 * They wait in one FIFO line; each departing vehicle takes the first `capacity` of them (or all, if
 * fewer wait), and those who do not fit wait for the next departure. A passenger whose process stops
 * waiting before departure (an interrupt, or `anyOf` with a patience timeout) leaves the line.
 *
 * **Seats and load cap.** A vehicle has `seats`; `loadCap` (in (0, 1], default 1) limits how many may
 * ride: `capacity = ⌊seats × loadCap⌋`, so 45 seats at 50 % carry 22.
 *
 * **When vehicles leave.**
 * - `timetable`: at each time, `perDeparture` vehicles (default 1) leave with whoever waits. A
 *   vehicle that would leave empty does not run (counted as `skipped`) unless `departEmpty`. If no
 *   vehicle is at the stop, the departure leaves late, as soon as one comes back.
 * - `leaveWhenFull` (the default when there is no timetable): a vehicle leaves the moment `capacity`
 *   passengers wait for it. Full departures are extra: they do not move the timetable.
 * - `dispatch()`: send one vehicle now with whoever waits (a last call). With neither a timetable
 *   nor `leaveWhenFull`, this is the only way vehicles leave: the model drives the departures.
 *
 * Timetabled departures run at {@link Priority.LATE}, so a departure at time t takes everyone who
 * arrived by t.
 *
 * **Vehicles.** A fleet of `vehicles` (default unlimited), numbered 1, 2, ... in the order first used.
 * A vehicle that leaves is out until it comes back: after `turnaround` seconds (a number, or a
 * function of the trip: travel, unloading, disinfection), or when the model calls
 * {@link Departures.returnVehicle}. Returned vehicles are used again first-back, first-out; with
 * neither, each vehicle makes one trip. {@link Departures.onDeparture} tells a model each trip as it
 * leaves, so round trips can be modelled on top.
 *
 * **Closing.** {@link Departures.close} ends the service: no more departures, and the passengers still
 * waiting are *left behind* (their boardings never succeed; wait on `anyOf([departures.board(p),
 * departures.closed])` to notice). Passengers still waiting when the calendar runs empty are reported
 * by the kernel as deadlocked, as any process waiting on nothing would be: never a silent end.
 *
 * **Counting.** `arrived = departed + waiting + cancelled + left`, and every trip is recorded with its
 * vehicle, times, load and the waits of its passengers.
 *
 * @module
 */
import type { Environment } from '../../kernel/environment.js';
import { formatValue, ParameterError, SimulationError } from '../../kernel/errors.js';
import { SimEvent } from '../../kernel/event.js';
import { Priority } from '../../kernel/priority.js';
import type { Process } from '../../kernel/process.js';
import { nonEmptyString, nonNegative, positiveInt } from '../../kernel/validate.js';
import { WaitQueue } from '../queue.js';
import { defaultName } from './names.js';
import { resolveTimetable, type TimetableSpec } from './timetable.js';

/**
 * Why a vehicle left: `full` (reached its capacity, with `leaveWhenFull`), `schedule` (a timetabled
 * departure, possibly late), `dispatch` (sent by {@link Departures.dispatch}).
 *
 * @example
 * ```ts
 * const fullTrips = deps.trips.filter((t) => t.reason === ('full' satisfies DepartureReason));
 * ```
 */
export type DepartureReason = 'full' | 'schedule' | 'dispatch';

/**
 * Options of {@link Departures}.
 *
 * @example
 * ```ts
 * const options: DeparturesOptions<Worker> = {
 *   name: 'buses', seats: 45, loadCap: 0.5, vehicles: 17, leaveWhenFull: true,
 *   timetable: [21 * 3600],
 * };
 * ```
 */
export interface DeparturesOptions<T> {
  /** Name for reports and errors. Default `departures#N`, counting the unnamed ones of the environment. */
  readonly name?: string;
  /** Seats per vehicle (an integer ≥ 1). */
  readonly seats: number;
  /** Share of the seats that may be used, in (0, 1]. Default 1. */
  readonly loadCap?: number;
  /** Vehicles in the fleet: an integer ≥ 1, or Infinity (default). */
  readonly vehicles?: number;
  /** Vehicles leaving at each timetabled time (default 1). */
  readonly perDeparture?: number;
  /** Timetabled departure times. */
  readonly timetable?: TimetableSpec;
  /** Leave as soon as a vehicle is full. Default: true without a timetable, false with one. */
  readonly leaveWhenFull?: boolean;
  /** Run timetabled departures even with nobody waiting (default false: skip them). */
  readonly departEmpty?: boolean;
  /**
   * Time from a departure until the vehicle is back at the stop: a number ≥ 0, or a function of the
   * trip. Default: vehicles come back only through {@link Departures.returnVehicle}.
   */
  readonly turnaround?: number | ((trip: Trip<T>) => number);
}

/**
 * Plain-data summary of a trip (JSON-serialisable; the passengers themselves are left out).
 *
 * @example
 * ```ts
 * console.table(deps.trips.map((t) => t.summary()));
 * ```
 */
export interface TripSummary {
  /** Sequence number of the trip (1, 2, ...). */
  readonly id: number;
  /** The vehicle's number. */
  readonly vehicle: number;
  /** Why it left: `full`, `schedule` or `dispatch`. */
  readonly reason: DepartureReason;
  /** Timetabled time (null for `full` and `dispatch` departures). */
  readonly scheduledAt: number | null;
  /** Simulated time it left. */
  readonly departedAt: number;
  /** Time the vehicle was back (null while out, or if it never came back). */
  readonly returnedAt: number | null;
  /** Passengers aboard. */
  readonly load: number;
  /** Passengers it may carry (seats × load cap). */
  readonly capacity: number;
  /** Seats of the vehicle. */
  readonly seats: number;
  /** Mean wait of its passengers, from `board()` to departure (NaN if empty). */
  readonly meanWait: number;
  /** Longest wait of its passengers, from `board()` to departure (0 if empty). */
  readonly maxWait: number;
}

/**
 * One departure of one vehicle, with the passengers it took.
 *
 * @typeParam T - the passengers.
 * @example
 * ```ts
 * const trip = yield* buses.board(worker);
 * log.push([worker.id, 'on bus', trip.vehicle, 'left at', trip.departedAt, 'with', trip.load]);
 * ```
 */
export class Trip<T> {
  /** @internal */ readonly _passengers: T[] = [];
  /** @internal */ readonly _waits: number[] = [];
  /** Time the vehicle was back at the stop (NaN while out or never back). */
  returnedAt = Number.NaN;
  /** @internal the departures whose turnaround timer brings the vehicle back */
  _home: Departures<T> | null = null;

  /** @internal made by {@link Departures} */
  constructor(
    /** Sequence number of the trip (1, 2, ...). */
    readonly id: number,
    /** The vehicle's number. */
    readonly vehicle: number,
    /** Why it left. */
    readonly reason: DepartureReason,
    /** The timetabled time (null for `full` and `dispatch` departures). */
    readonly scheduledAt: number | null,
    /** When it left. */
    readonly departedAt: number,
    /** Passengers it may carry (seats × load cap). */
    readonly capacity: number,
    /** Seats of the vehicle. */
    readonly seats: number,
  ) {}

  /** Passengers aboard, in boarding order. */
  get passengers(): readonly T[] {
    return this._passengers;
  }

  /** Each passenger's wait from `board()` to departure, in the same order. */
  get waits(): readonly number[] {
    return this._waits;
  }

  /** Number of passengers aboard. */
  get load(): number {
    return this._passengers.length;
  }

  /** Plain-data summary (see {@link TripSummary}). */
  summary(): TripSummary {
    let sum = 0;
    let max = 0;
    for (const w of this._waits) {
      sum += w;
      if (w > max) max = w;
    }
    return {
      id: this.id,
      vehicle: this.vehicle,
      reason: this.reason,
      scheduledAt: this.scheduledAt,
      departedAt: this.departedAt,
      returnedAt: Number.isNaN(this.returnedAt) ? null : this.returnedAt,
      load: this._passengers.length,
      capacity: this.capacity,
      seats: this.seats,
      meanWait: this._waits.length === 0 ? Number.NaN : sum / this._waits.length,
      maxWait: max,
    };
  }

  /** One line for logs. */
  describe(): string {
    return `trip #${this.id} (vehicle ${this.vehicle}, ${this.reason}, left t=${this.departedAt}, ${this.load} of ${this.capacity})`;
  }
}

/**
 * Where a boarding is: `waiting` in line, `departed` (on a trip), `cancelled` (left the line), `left`
 * (still waiting when the service closed).
 *
 * @example
 * ```ts
 * if (boarding.status === ('left' satisfies BoardingStatus)) stranded++;
 * ```
 */
export type BoardingStatus = 'waiting' | 'departed' | 'cancelled' | 'left';

/**
 * A passenger's wait for a departure: an event that succeeds with the {@link Trip}.
 *
 * @example
 * ```ts
 * const b = buses.board(worker);
 * const r = yield* env.anyOf([b, env.timeout(3600)]);
 * if (r.index === 1) log.push(['gave up after an hour', b.status]); // 'cancelled'
 * ```
 */
export class Boarding<T> extends SimEvent<Trip<T>> {
  /** See {@link BoardingStatus}. */
  status: BoardingStatus = 'waiting';
  /** The trip, once departed. */
  trip: Trip<T> | null = null;
  /** Time `board()` was called. */
  readonly requestedAt: number;
  /** The process that called it (null from a callback). */
  readonly owner: Process<any> | null;

  /** @internal use {@link Departures.board} */
  constructor(
    /** The departures. */
    readonly departures: Departures<T>,
    /** The passenger. */
    readonly passenger: T,
  ) {
    super(departures.env);
    this.requestedAt = departures.env.now;
    this.owner = departures.env.activeProcess;
  }

  /** Time waited so far, or until departure. */
  get waited(): number {
    return (this.trip === null ? this.env.now : this.trip.departedAt) - this.requestedAt;
  }

  /** Leave the line; true if the passenger was waiting. */
  cancel(): boolean {
    if (this.status !== 'waiting') return false;
    this.departures._withdraw(this);
    return true;
  }

  override describe(): string {
    const d = this.departures;
    const state =
      this.status === 'waiting'
        ? `waiting since t=${this.requestedAt}, ${d._positionOf(this) + 1} of ${d.waiting} in line`
        : this.status === 'departed'
          ? `departed on ${this.trip!.describe()}`
          : this.status;
    return `boarding of departures ${d.name} by ${this.owner?.name ?? 'callback'} [${state}]`;
  }

  /** @internal nobody waits any more: leave the line */
  override _abandon(): void {
    if (this.status === 'waiting') this.departures._withdraw(this);
  }
}

/**
 * Passenger counts that add up at any time: `arrived = departed + waiting + cancelled + left`.
 *
 * @example
 * ```ts
 * const a = buses.accounting();
 * a.arrived === a.departed + a.waiting + a.cancelled + a.left; // true
 * ```
 */
export interface DeparturesAccounting {
  /** Passengers who called `board()`. */
  readonly arrived: number;
  /** Passengers who left on a trip. */
  readonly departed: number;
  /** Passengers in line now. */
  readonly waiting: number;
  /** Passengers who left the line (patience, interrupt, `cancel()`). */
  readonly cancelled: number;
  /** Passengers still waiting when the service closed. */
  readonly left: number;
}

/**
 * End-of-run summary of {@link Departures} (plain JSON).
 *
 * @example
 * ```ts
 * const r = buses.results();
 * console.log(`${r.trips.length} trips moved ${r.departed} of ${r.arrived}; ${r.left} left behind`);
 * ```
 */
export interface DeparturesResults extends DeparturesAccounting {
  /** Name of the departures, for reports and errors. */
  readonly name: string;
  /** Seats per vehicle. */
  readonly seats: number;
  /** Passengers per vehicle (seats × load cap). */
  readonly capacity: number;
  /** Fleet size (null: unlimited). */
  readonly vehicles: number | null;
  /** Vehicles used at least once. */
  readonly vehiclesUsed: number;
  /** Timetabled vehicle departures not run because nobody was waiting. */
  readonly skipped: number;
  /** Timetabled departures still waiting for a vehicle. */
  readonly late: number;
  /** Summary of every trip so far, in departure order. */
  readonly trips: readonly TripSummary[];
  /** Mean and longest wait of departed passengers, from `board()` to departure (NaN and 0 if none). */
  readonly meanWait: number;
  /** Longest of those waits (0 if nobody has departed). */
  readonly maxWait: number;
  /** Simulated time of {@link Departures.close}, or null while still open. */
  readonly closedAt: number | null;
}

/** Floor of seats × cap, forgiving rounding just below an integer (0.29 × 100 = 28.999999999999996). */
function capacityOf(seats: number, loadCap: number): number {
  return Math.floor(seats * loadCap + 1e-9);
}

/**
 * Vehicles leaving a stop on a timetable and/or when full, with a seat limit. See the module
 * documentation for the rules.
 *
 * @typeParam T - the passengers.
 * @example
 * ```ts
 * const env = new Environment();
 * const buses = new Departures<number>(env, {
 *   name: 'buses', seats: 20, vehicles: 17, leaveWhenFull: true, timetable: [3600],
 * });
 * for (let i = 0; i < 327; i++)
 *   env.process(function* () { yield* buses.board(i); }(), { name: `worker#${i}` });
 * env.run();
 * buses.trips.map((t) => t.load); // sixteen 20s, then 7 (the last bus at its timetabled time)
 * ```
 */
export class Departures<T> {
  /** Name for reports and errors. */
  readonly name: string;
  /** Seats per vehicle. */
  readonly seats: number;
  /** The load cap, in (0, 1]. */
  readonly loadCap: number;
  /** Passengers a vehicle may take: ⌊seats × loadCap⌋. */
  readonly capacity: number;
  /** Fleet size (Infinity: unlimited). */
  readonly vehicles: number;
  /** Vehicles per timetabled departure. */
  readonly perDeparture: number;
  /** Whether a vehicle leaves as soon as it is full. */
  readonly leaveWhenFull: boolean;
  /** Whether timetabled departures run empty. */
  readonly departEmpty: boolean;
  /** Passengers who called `board()`. */
  arrived = 0;
  /** Passengers who left on a trip. */
  departed = 0;
  /** Passengers who left the line before departing. */
  cancelled = 0;
  /** Timetabled vehicle departures not run because nobody was waiting. */
  skipped = 0;

  private readonly times: readonly number[];
  private nextTime = 0;
  private timetableHandle = -1;
  private readonly turnaround: number | ((trip: Trip<T>) => number) | null;
  private line = new WaitQueue((b) => (b as Boarding<T>).status === 'waiting');
  /** Vehicles back at the stop, first back first. */
  private readonly atStop: number[] = [];
  private atStopHead = 0;
  /** Vehicles never used yet are `nextNew..vehicles`. */
  private nextNew = 1;
  /** Vehicles out, with the trip each is on. */
  private readonly out = new Map<number, Trip<T>>();
  /** Timetabled times whose vehicle has not come yet. */
  private readonly lateTimes: number[] = [];
  private readonly tripList: Trip<T>[] = [];
  private sumWait = 0;
  private longestWait = 0;
  private closedTime = Number.NaN;
  private closedEvent: SimEvent<number> | null = null;
  private stranded: T[] = [];
  private listeners: readonly ((trip: Trip<T>) => void)[] = [];

  constructor(
    /** The environment. */
    readonly env: Environment,
    options: DeparturesOptions<T>,
  ) {
    if (typeof options !== 'object' || options === null)
      throw new ParameterError('departures', 'an options object with seats', options);
    this.name =
      options.name === undefined
        ? defaultName(env, 'departures')
        : nonEmptyString(options.name, 'departures.name');
    const path = `departures(${this.name})`;
    this.seats = positiveInt(options.seats, `${path}.seats`);
    const cap = options.loadCap ?? 1;
    if (typeof cap !== 'number' || !(cap > 0 && cap <= 1))
      throw new ParameterError(`${path}.loadCap`, 'a number in (0, 1]', cap);
    this.loadCap = cap;
    this.capacity = capacityOf(this.seats, cap);
    if (this.capacity < 1)
      throw new ParameterError(
        `${path}.loadCap`,
        `a cap leaving at least 1 of the ${this.seats} seats (seats × loadCap ≥ 1)`,
        cap,
      );
    const vehicles = options.vehicles ?? Number.POSITIVE_INFINITY;
    if (
      typeof vehicles !== 'number' ||
      !(vehicles === Number.POSITIVE_INFINITY || (Number.isInteger(vehicles) && vehicles >= 1))
    )
      throw new ParameterError(`${path}.vehicles`, 'an integer ≥ 1 or Infinity', vehicles);
    this.vehicles = vehicles;
    this.perDeparture =
      options.perDeparture === undefined ? 1 : positiveInt(options.perDeparture, `${path}.perDeparture`);
    if (this.perDeparture > vehicles)
      throw new ParameterError(
        `${path}.perDeparture`,
        `at most the ${vehicles} vehicles of the fleet`,
        this.perDeparture,
      );
    this.times =
      options.timetable === undefined
        ? []
        : resolveTimetable(options.timetable, `${path}.timetable`, env.now);
    const whenFull = options.leaveWhenFull ?? options.timetable === undefined;
    if (typeof whenFull !== 'boolean')
      throw new ParameterError(`${path}.leaveWhenFull`, 'true or false', whenFull);
    this.leaveWhenFull = whenFull;
    const empty = options.departEmpty ?? false;
    if (typeof empty !== 'boolean') throw new ParameterError(`${path}.departEmpty`, 'true or false', empty);
    this.departEmpty = empty;
    const turnaround = options.turnaround;
    if (turnaround === undefined) this.turnaround = null;
    else if (typeof turnaround === 'function') this.turnaround = turnaround;
    else this.turnaround = nonNegative(turnaround, `${path}.turnaround`);
    this.armTimetable();
    env.register(this);
  }

  /** Passengers waiting now. */
  get waiting(): number {
    return this.line.size;
  }

  /** Passengers left behind when the service closed. */
  get left(): number {
    return this.stranded.length;
  }

  /** The passengers left behind at close (empty while open). */
  get leftBehind(): readonly T[] {
    return this.stranded;
  }

  /** The passengers waiting now, in line order. O(n): for reports and tests. */
  get waitingPassengers(): T[] {
    return this.line.toArray().map((b) => (b as Boarding<T>).passenger);
  }

  /** The trips so far, in departure order. */
  get trips(): readonly Trip<T>[] {
    return this.tripList;
  }

  /** Vehicles at the stop now (Infinity with an unlimited fleet). */
  get vehiclesAtStop(): number {
    return this.atStop.length - this.atStopHead + (this.vehicles - this.nextNew + 1);
  }

  /** Vehicles out on a trip now. */
  get vehiclesOut(): number {
    return this.out.size;
  }

  /** True once {@link Departures.close} was called. */
  get isClosed(): boolean {
    return !Number.isNaN(this.closedTime);
  }

  /** An event that succeeds (with the time) when the service closes. */
  get closed(): SimEvent<number> {
    if (this.closedEvent === null) {
      this.closedEvent = new SimEvent<number>(this.env);
      if (this.isClosed) this.closedEvent.succeed(this.closedTime);
    }
    return this.closedEvent;
  }

  /**
   * Join the line: the returned event succeeds with the trip the passenger leaves on.
   *
   * @example
   * ```ts
   * function* worker(env: Environment, id: number) {
   *   const trip = yield* buses.board(id);
   *   yield* env.timeout(1500);   // the ride to the isolation site
   * }
   * ```
   */
  board(passenger: T): Boarding<T> {
    if (this.isClosed)
      throw new SimulationError(
        `board() at departures ${this.name} after the service closed at t=${this.closedTime}`,
        this.env.here(),
      );
    const b = new Boarding(this, passenger);
    this.arrived++;
    this.line.push(b, undefined, 0);
    this.leaveIfFull();
    return b;
  }

  /**
   * Send one vehicle now with whoever waits (up to its capacity). Returns the trip, or null if no
   * vehicle is at the stop, or nobody waits and `departEmpty` is off.
   *
   * @example
   * ```ts
   * env.at(21 * 3600, () => { while (buses.waiting > 0 && buses.dispatch() !== null); });
   * ```
   */
  dispatch(): Trip<T> | null {
    if (this.isClosed)
      throw new SimulationError(
        `dispatch() at departures ${this.name} after the service closed at t=${this.closedTime}`,
        this.env.here(),
      );
    if (this.vehiclesAtStop === 0 || (this.line.size === 0 && !this.departEmpty)) return null;
    return this.depart('dispatch', null);
  }

  /**
   * A vehicle is back at the stop (the model's round trip is over). Only for fleets without
   * `turnaround`, and only for a vehicle that is out.
   *
   * @example
   * ```ts
   * buses.onDeparture((trip) => env.process(roundTrip(trip)));
   * function* roundTrip(trip: Trip<Worker>) {
   *   yield* env.timeout(1500 + 1500 + 600); // there, back, disinfection
   *   buses.returnVehicle(trip.vehicle);
   * }
   * ```
   */
  returnVehicle(vehicle: number): void {
    if (this.turnaround !== null)
      throw new SimulationError(
        `returnVehicle(${formatValue(vehicle)}) at departures ${this.name}: vehicles come back by themselves (turnaround is set)`,
        this.env.here(),
      );
    const trip = this.out.get(vehicle);
    if (trip === undefined)
      throw new SimulationError(
        `returnVehicle(${formatValue(vehicle)}) at departures ${this.name}: that vehicle is not out on a trip`,
        this.env.here(),
      );
    this.back(trip);
  }

  /**
   * Call `listener(trip)` at each departure, synchronously, after the passengers' events have been
   * triggered. Returns a function that removes the listener.
   *
   * @example
   * ```ts
   * buses.onDeparture((trip) => log.push([env.now, trip.vehicle, trip.load]));
   * ```
   */
  onDeparture(listener: (trip: Trip<T>) => void): () => void {
    if (typeof listener !== 'function')
      throw new SimulationError(
        `onDeparture on departures ${this.name}: expected a function, got ${formatValue(listener)}`,
        this.env.here(),
      );
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /**
   * End the service now: no more departures or boardings; the passengers still waiting are left behind
   * (status `left`; their boardings never succeed) and {@link Departures.closed} succeeds. Vehicles out
   * may still come back. Returns the passengers left behind.
   *
   * @example
   * ```ts
   * env.at(22 * 3600, () => buses.close()); // the park is sealed
   * ```
   */
  close(): readonly T[] {
    if (this.isClosed)
      throw new SimulationError(
        `close() of departures ${this.name}: it was already closed at t=${this.closedTime}`,
        this.env.here(),
      );
    this.closedTime = this.env.now;
    if (this.timetableHandle >= 0) {
      this.env.cancel(this.timetableHandle);
      this.timetableHandle = -1;
    }
    this.lateTimes.length = 0;
    const stranded: T[] = [];
    for (const b of this.line.toArray() as Boarding<T>[]) {
      b.status = 'left';
      stranded.push(b.passenger);
    }
    this.stranded = stranded;
    this.line = new WaitQueue((b) => (b as Boarding<T>).status === 'waiting');
    this.closedEvent?.succeed(this.closedTime);
    return stranded;
  }

  /** Counts that add up (see {@link DeparturesAccounting}). */
  accounting(): DeparturesAccounting {
    return {
      arrived: this.arrived,
      departed: this.departed,
      waiting: this.line.size,
      cancelled: this.cancelled,
      left: this.stranded.length,
    };
  }

  /** Counts, trips and waits as plain data. */
  results(): DeparturesResults {
    return {
      name: this.name,
      seats: this.seats,
      capacity: this.capacity,
      vehicles: this.vehicles === Number.POSITIVE_INFINITY ? null : this.vehicles,
      vehiclesUsed: this.nextNew - 1,
      ...this.accounting(),
      skipped: this.skipped,
      late: this.lateTimes.length,
      trips: this.tripList.map((t) => t.summary()),
      meanWait: this.departed === 0 ? Number.NaN : this.sumWait / this.departed,
      maxWait: this.longestWait,
      closedAt: this.isClosed ? this.closedTime : null,
    };
  }

  /** One line for logs and deadlock reports. */
  describe(): string {
    const next = this.times[this.nextTime];
    const parts = [
      `${this.line.size} waiting`,
      this.vehicles === Number.POSITIVE_INFINITY
        ? 'unlimited vehicles'
        : `${this.vehiclesAtStop} vehicle${this.vehiclesAtStop === 1 ? '' : 's'} at the stop`,
      `${this.out.size} out`,
      next === undefined ? 'no more timetabled departures' : `next departure t=${next}`,
    ];
    if (this.lateTimes.length > 0) parts.push(`${this.lateTimes.length} late`);
    if (this.isClosed) parts.push(`closed at t=${this.closedTime}`);
    return `departures ${this.name} (${parts.join(', ')})`;
  }

  // ---------------------------------------------------------------- internals

  /** @internal a timetabled time came */
  _fireTimetable(): void {
    this.timetableHandle = -1;
    const t = this.times[this.nextTime++]!;
    for (let k = 0; k < this.perDeparture; k++) {
      if (this.line.size === 0 && !this.departEmpty) this.skipped++;
      else if (this.vehiclesAtStop > 0) this.depart('schedule', t);
      else this.lateTimes.push(t);
    }
    this.armTimetable();
  }

  /** @internal a vehicle's turnaround is over */
  _turnaroundOver(trip: Trip<T>): void {
    if (this.out.get(trip.vehicle) === trip) this.back(trip);
  }

  /** @internal a waiting passenger leaves the line */
  _withdraw(b: Boarding<T>): void {
    b.status = 'cancelled';
    this.cancelled++;
    this.line.markedDead();
  }

  /** @internal position in line (0 = next), for descriptions */
  _positionOf(b: Boarding<T>): number {
    return this.line.indexOf(b);
  }

  private back(trip: Trip<T>): void {
    this.out.delete(trip.vehicle);
    trip.returnedAt = this.env.now;
    this.atStop.push(trip.vehicle);
    if (this.isClosed) return;
    // Late timetabled departures first, in timetable order, then full vehicles.
    while (this.lateTimes.length > 0 && this.vehiclesAtStop > 0) {
      const t = this.lateTimes.shift()!;
      if (this.line.size === 0 && !this.departEmpty) this.skipped++;
      else this.depart('schedule', t);
    }
    this.leaveIfFull();
  }

  private leaveIfFull(): void {
    if (!this.leaveWhenFull) return;
    while (this.line.size >= this.capacity && this.vehiclesAtStop > 0) this.depart('full', null);
  }

  /** Send a vehicle (one must be at the stop) with up to `capacity` of the first in line. */
  private depart(reason: 'full' | 'schedule' | 'dispatch', scheduledAt: number | null): Trip<T> {
    const now = this.env.now;
    let vehicle: number;
    if (this.atStopHead < this.atStop.length) {
      vehicle = this.atStop[this.atStopHead++]!;
      if (this.atStopHead === this.atStop.length) {
        this.atStop.length = 0;
        this.atStopHead = 0;
      }
    } else vehicle = this.nextNew++;
    const trip = new Trip<T>(
      this.tripList.length + 1,
      vehicle,
      reason,
      scheduledAt,
      now,
      this.capacity,
      this.seats,
    );
    const n = Math.min(this.capacity, this.line.size);
    for (let i = 0; i < n; i++) {
      this.line.shift();
      const b = this.line.item as Boarding<T>;
      const wait = now - b.requestedAt;
      b.status = 'departed';
      b.trip = trip;
      trip._passengers.push(b.passenger);
      trip._waits.push(wait);
      this.sumWait += wait;
      if (wait > this.longestWait) this.longestWait = wait;
      b.succeed(trip);
    }
    this.departed += n;
    this.tripList.push(trip);
    this.out.set(vehicle, trip);
    if (this.turnaround !== null) {
      const d = typeof this.turnaround === 'number' ? this.turnaround : this.turnaround(trip);
      if (typeof d !== 'number' || !(d >= 0) || d === Number.POSITIVE_INFINITY)
        throw new SimulationError(
          `departures ${this.name}: turnaround(trip) returned ${formatValue(d)} for ${trip.describe()} (expected a finite number ≥ 0)`,
          this.env.here(),
        );
      trip._home = this;
      this.env.schedule(d, turnaroundOver, trip, Priority.NORMAL);
    }
    for (const listener of this.listeners) listener(trip);
    return trip;
  }

  private armTimetable(): void {
    const t = this.times[this.nextTime];
    if (t !== undefined) this.timetableHandle = this.env.at(t, fireTimetable, this, Priority.LATE);
  }
}

function fireTimetable(d: Departures<any>): void {
  d._fireTimetable();
}

function turnaroundOver(trip: Trip<any>): void {
  trip._home!._turnaroundOver(trip);
}
