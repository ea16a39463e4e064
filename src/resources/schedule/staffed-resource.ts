/**
 * StaffedResource: a resource whose units are named people working to a roster.
 *
 * A {@link Resource} counts anonymous units. Here each unit is a person: the resource's capacity at any
 * time is the number of people *accepting work* (on shift, not on a break, not in a handover window,
 * not resting or changing over) plus the people still finishing an entity after they stopped
 * accepting. Every grant is matched to one on-shift person, exposed as `person` on the grant, so the
 * results give served counts, busy time, hours worked and overtime per person and per shift, and the
 * served counts add up to the resource's total.
 *
 * **When a person stops accepting work while serving** (shift end, break, work limit, fewer
 * positions) the resource's `policy` decides:
 * - `finish` (default): they finish the current entity first; the time beyond their rostered
 *   presence is recorded as overtime. No new entity is given to them.
 * - `preempt`: they hand over at once. If a colleague is free (the incoming shift, say), the entity
 *   passes to that colleague and continues without interruption (the grant's `person` changes; a
 *   handover is counted). If nobody is free, one unit is taken away with the resource's preemption
 *   rule: the least urgent entity in service is interrupted with a {@link Preempted} cause (`by` is
 *   null), and if that was not the leaving person's entity, theirs passes to the person who was freed.
 *   Callback-style users cannot be interrupted; if only they are in service the person finishes.
 *
 * **Positions and work limits.** `positions` caps how many people work at once; people on shift
 * beyond it stand by as reserves. A {@link WorkLimit} (protective-suit rotation) stops a person after
 * `maxContinuous` seconds of continuous work; they rest for `rest`, and whoever takes up a vacant
 * position (a reserve, or the same person after the rest) first spends `changeover` seconds changing
 * (donning), during which the position is empty. The first take-up of a shift, at its start, needs no
 * changeover: the roster's start is when the person is ready at the post. A break in the roster or a
 * shift end resets the continuous-work clock.
 *
 * **Events and ties.** All of a resource's staff changes due at one instant are applied in one
 * calendar entry at {@link Priority.RELEASE}, before ordinary events due then, people becoming
 * available first and people stopping second, so an outgoing person can hand over to the incoming one
 * and an arrival at 19:00 is never given to someone whose shift ended at 19:00. Between changes the
 * staff cost nothing: one calendar entry is pending, at the next change (no polling).
 *
 * **Two styles**: processes use {@link StaffedResource.request} / {@link StaffedResource.release}
 * (the grant is a {@link StaffRequest}); callback models use {@link StaffedResource.seize} /
 * {@link StaffedResource.free}, where the callback receives a {@link StaffSeat} naming the person.
 * Always give units back through the StaffedResource (not through the inner resource): it must retire
 * a leaving person's unit before the unit could be granted again.
 *
 * Implementation note: the wrapper learns of grants made inside the inner resource through its
 * observer and matches them to people there; see the report for the Resource hook that would make
 * this direct.
 *
 * @module
 */
import type { Environment } from '../../kernel/environment.js';
import { ParameterError, SimulationError } from '../../kernel/errors.js';
import { PENDING, SimEvent, type Waiter } from '../../kernel/event.js';
import { Priority } from '../../kernel/priority.js';
import { nonEmptyString, nonNegative, oneOf, positive } from '../../kernel/validate.js';
import type { Request, RequestOptions, RequestStatus } from '../request.js';
import { type CapacityPolicy, Resource, type ResourceObserver } from '../resource.js';
import type { Seconds } from './capacity-schedule.js';
import { acceptingIntervals, presenceIntervals, type Roster, validateRoster } from './roster.js';

/**
 * Protective-suit rotation: continuous work limit, rest, and changeover time.
 *
 * @example
 * ```ts
 * // at most 4 h in a suit, then 30 min rest; 10 min to don a new one
 * const suit: WorkLimit = { maxContinuous: 4 * 3600, rest: 1800, changeover: 600 };
 * ```
 */
export interface WorkLimit {
  /** Maximum continuous work (accepting time since taking up the position), e.g. 7200 for 2 h. */
  readonly maxContinuous: Seconds;
  /** Rest after reaching the limit, before standing by again. Default 0. */
  readonly rest?: Seconds;
  /** Time to take up a position (donning) during which the position is empty. Default 0. */
  readonly changeover?: Seconds;
}

/**
 * Options for a {@link StaffedResource}.
 *
 * @example
 * ```ts
 * const options: StaffedResourceOptions = {
 *   name: 'swab',
 *   roster: roundTheClock({ positions: 6, shiftsPerDay: 2 }),
 *   policy: 'preempt',
 *   positions: 6,
 *   workLimit: { maxContinuous: 7200, rest: 1800, changeover: 600 },
 * };
 * ```
 */
export interface StaffedResourceOptions {
  /** Name for reports and errors. Default `staffed#N`. */
  readonly name?: string;
  /** Who works when. Validated with {@link validateRoster}. */
  readonly roster: Roster;
  /** What happens when a busy person stops accepting work: `finish` (default) or `preempt`. */
  readonly policy?: CapacityPolicy;
  /** Most people working at once; the others on shift stand by. Default `Infinity`. */
  readonly positions?: number;
  /** Continuous-work limit with rest and changeover. Default none. */
  readonly workLimit?: WorkLimit;
  /** Requests that find this many already waiting balk. Default `Infinity`. */
  readonly queueLimit?: number;
  /** Record every staff change and assignment in {@link StaffedResource.trace}. Default false. */
  readonly trace?: boolean;
}

/**
 * Where a person is:
 * - `off`: not at the post (outside shifts, on a break, in a handover window);
 * - `standby`: on shift, rested, waiting for a free position;
 * - `changeover`: taking up a position (donning); the position is empty;
 * - `on`: accepting work (idle or serving);
 * - `leaving`: stopped accepting, finishing the current entity;
 * - `resting`: resting after reaching the work limit.
 *
 * @example
 * ```ts
 * const onDuty = swab.people.filter((p) => p.state === 'on').length;
 * ```
 */
export type StaffState = 'off' | 'standby' | 'changeover' | 'on' | 'leaving' | 'resting';

/** Why a person stopped accepting work. */
type StopReason = 'presence' | 'limit' | 'positions';

/**
 * One row of {@link StaffedResource.trace}: `[time, person, event, entity?]`.
 *
 * @example
 * ```ts
 * const row: StaffTraceRow = [100, 'B', 'handover', 'resident#17'];
 * ```
 */
export type StaffTraceRow = readonly [time: number, person: string, event: string, entity?: string];

/**
 * Per-person results; times in the model's unit.
 *
 * @example
 * ```ts
 * for (const p of swab.results().people) console.log(p.person, p.served, (p.workedTime / 3600).toFixed(1), 'h');
 * ```
 */
export interface StaffPersonResult {
  /** The person's name in the roster. */
  readonly person: string;
  /** Entities completed by this person (handed-over entities count for whoever completed them). */
  readonly served: number;
  /** Time holding an entity. */
  readonly busyTime: number;
  /** Time accepting work. */
  readonly onTime: number;
  /** Time finishing an entity after having stopped accepting. */
  readonly finishingTime: number;
  /** Part of the finishing time beyond the rostered presence (after the shift end or a break start). */
  readonly overtime: number;
  /** Time changing over (donning). */
  readonly changeoverTime: number;
  /** Time resting after reaching the work limit. */
  readonly restTime: number;
  /** Time standing by on shift without a position. */
  readonly standbyTime: number;
  /** Rostered presence so far (shifts minus breaks) plus overtime: the hours worked. */
  readonly workedTime: number;
  /** `busyTime / (onTime + finishingTime)`, or null before the person has worked. */
  readonly utilisation: number | null;
  /** Times the person reached the work limit. */
  readonly rotations: number;
}

/**
 * Per-shift results.
 *
 * @example
 * ```ts
 * const night = swab.results().shifts.filter((s) => s.label === 'night');
 * ```
 */
export interface StaffShiftResult {
  /** The person's name in the roster. */
  readonly person: string;
  /** Index of the shift in the person's roster entry. */
  readonly shift: number;
  /** The shift's label from the roster (`'day'`, `'night'`), or undefined when it has none. */
  readonly label: string | undefined;
  /** Arrival at the post, absolute simulated seconds (from the roster). */
  readonly start: number;
  /** Departure from the post, absolute simulated seconds (from the roster). */
  readonly end: number;
  /** Entities completed by this person during this shift. */
  readonly served: number;
  /** Time holding an entity during this shift, seconds. */
  readonly busyTime: number;
  /** Time accepting work during this shift, seconds. */
  readonly onTime: number;
  /** Time finishing an entity after having stopped accepting, during this shift, seconds. */
  readonly finishingTime: number;
  /** Part of this shift's finishing time beyond the rostered presence, seconds. */
  readonly overtime: number;
  /** Rostered presence of this shift so far plus its overtime. */
  readonly workedTime: number;
  /** `busyTime / (onTime + finishingTime)` within this shift, or null before it has been worked. */
  readonly utilisation: number | null;
}

/**
 * Results of a {@link StaffedResource}: plain data.
 *
 * @example
 * ```ts
 * const r: StaffResults = swab.results();
 * JSON.stringify(r); // plain data
 * ```
 */
export interface StaffResults {
  /** Name of the staffed resource. */
  readonly resource: string;
  /** What happens when a busy person stops accepting work: `finish` or `preempt`. */
  readonly policy: CapacityPolicy;
  /** Simulated time the results were taken at. */
  readonly time: number;
  /** Entities completed (releases plus frees); equals the sum of `people[i].served`. */
  readonly served: number;
  /** Entities passed from a leaving person to a colleague without interruption. */
  readonly handovers: number;
  /** Entities interrupted (by a capacity drop or a more urgent request). */
  readonly preemptions: number;
  /** One entry per person, in roster order. */
  readonly people: readonly StaffPersonResult[];
  /** One entry per shift of every person, in roster order then shift order. */
  readonly shifts: readonly StaffShiftResult[];
}

/** A stretch of a shift at the post. @internal */
interface Segment {
  readonly start: number;
  readonly end: number;
  readonly acceptEnd: number;
  readonly shift: number;
  readonly first: boolean;
}

/** Mutable per-shift counters. @internal */
interface ShiftCounters {
  served: number;
  busyTime: number;
  onTime: number;
  finishingTime: number;
  overtime: number;
}

type Holder = StaffRequest | StaffSeat;

/**
 * A person on a {@link StaffedResource}'s roster, with their current state. Read-only for users.
 *
 * @example
 * ```ts
 * const grant = yield* swab.request();
 * grant.person?.name;   // 'staff1.1'
 * grant.person?.state;  // 'on'
 * ```
 */
export class StaffMember {
  /** @internal */ _state: StaffState = 'off';
  /** @internal */ _current: Holder | null = null;
  /** @internal index of the first segment whose accepting window has not ended */ _seg = 0;
  /** @internal (a number from the start, so V8 keeps it an unboxed double: see Environment._now) */ _since = 0;
  /** @internal time of taking up the position (for the work limit) */ _workSince = 0;
  /** @internal */ _changeoverUntil = 0;
  /** @internal */ _restUntil = 0;
  /** @internal when the person last became free or stood by (longest first) */ _queuedSince = 0;
  /** @internal */ _stopAt = 0;
  /** @internal */ _stopReason: StopReason = 'presence';
  /** @internal */ _busySince = 0;
  /** @internal shift the person is working (for per-shift counters) */ _shift = 0;
  /** @internal next own transition */ _due = Number.POSITIVE_INFINITY;
  /** @internal marked to be dropped by a capacity preemption */ _dropping = false;
  /** @internal */ readonly _segments: readonly Segment[];
  /** @internal */ readonly _time: Record<StaffState, number> = {
    off: 0,
    standby: 0,
    changeover: 0,
    on: 0,
    leaving: 0,
    resting: 0,
  };
  /** @internal */ _served = 0;
  /** @internal */ _busyTime = 0;
  /** @internal */ _overtime = 0;
  /** @internal */ _rotations = 0;
  /** @internal */ readonly _shifts: ShiftCounters[];

  /** @internal use {@link StaffedResource} */
  constructor(
    /** The person's name from the roster. */
    readonly name: string,
    /** Position in the roster. */
    readonly index: number,
    segments: Segment[],
    shiftCount: number,
    now: number,
  ) {
    this._segments = segments;
    this._since = now;
    this._shifts = Array.from({ length: shiftCount }, () => ({
      served: 0,
      busyTime: 0,
      onTime: 0,
      finishingTime: 0,
      overtime: 0,
    }));
  }

  /** Where the person is now (see {@link StaffState}). */
  get state(): StaffState {
    return this._state;
  }

  /** True while the person holds an entity. */
  get busy(): boolean {
    return this._current !== null;
  }
}

/**
 * A process-style request for a {@link StaffedResource}: an event that succeeds (with itself) when a
 * person is assigned, or when the request ends without one (reneged, balked). `person` says who
 * serves; it changes if the entity is handed over.
 *
 * @example
 * ```ts
 * const grant = yield* swab.request({ priority: 1 });
 * if (grant.granted) {
 *   log.push([env.now, grant.person!.name]);
 *   yield* env.timeout(40);
 *   swab.release(grant);
 * }
 * ```
 */
export class StaffRequest extends SimEvent<StaffRequest> implements Waiter {
  /** The person serving now (null while queued, and after the request ended). */
  person: StaffMember | null = null;
  /** Everyone who served this request, in order (more than one after a handover). */
  readonly people: string[] = [];

  /** @internal use {@link StaffedResource.request} */
  constructor(
    /** The staffed resource. */
    readonly staffed: StaffedResource,
    /** The inner resource's request (its `Preempted` interrupts name this request). */
    readonly request: Request,
  ) {
    super(staffed.env);
  }

  /** The inner request's status. */
  get status(): RequestStatus {
    return this.request.status;
  }

  /** True while a person serves this request. */
  get granted(): boolean {
    return this.request.status === 'granted';
  }

  /** Label of the entity (the `entity` option or the requesting process's name). */
  get entity(): string {
    return this.request.entity;
  }

  /** @internal the inner request was processed: pass on ungranted outcomes (reneged, balked) */
  _wake(): void {
    const status = this.request.status;
    if (status === 'reneged' || status === 'balked' || status === 'cancelled') {
      this.staffed._forget(this.request);
      if (this._state === PENDING) this.succeed(this);
    }
  }

  /** @internal nobody waits any more (the process was interrupted): withdraw the inner request */
  override _abandon(): void {
    if (this.request.status === 'queued') {
      this.request.cancel();
      this.staffed._forget(this.request);
    }
  }

  /** Release if granted, withdraw if queued. Lets `using grant = swab.request()` work. */
  [Symbol.dispose](): void {
    if (this.granted) this.staffed.release(this);
    else this._abandon();
  }

  override describe(): string {
    return `staff ${this.request.describe()}${this.person ? ` with ${this.person.name}` : ''}`;
  }
}

/**
 * A callback-style grant of a {@link StaffedResource} (see {@link StaffedResource.seize}): names the
 * person serving, and is handed back with {@link StaffedResource.free}.
 *
 * @example
 * ```ts
 * swab.seize((id, seat) => env.schedule(40, () => swab.free(seat)), 17);
 * ```
 */
export class StaffSeat {
  /** The person serving now (changes on a handover; null after the seat is freed). */
  person: StaffMember | null = null;
  /** Time the seat was granted. */
  grantedAt = Number.NaN;
  /** @internal */ _freed = false;

  /** @internal use {@link StaffedResource.seize} */
  constructor(
    /** The staffed resource. */
    readonly staffed: StaffedResource,
    /** @internal */ readonly _fn: (arg: any, seat: StaffSeat) => void,
    /** @internal */ readonly _arg: unknown,
  ) {}
}

let staffedCount = 0;

/**
 * A resource whose units are the named people of a roster. See the module documentation.
 *
 * @example
 * ```ts
 * const env = new Environment();
 * const swab = new StaffedResource(env, {
 *   name: 'swab',
 *   roster: roundTheClock({ positions: 2, shiftsPerDay: 2 }),
 *   policy: 'finish',
 *   workLimit: { maxContinuous: 4 * 3600, rest: 1800, changeover: 600 },
 * });
 * env.process(function* () {
 *   const grant = yield* swab.request();
 *   yield* env.timeout(40);
 *   swab.release(grant);
 * }());
 * env.run(86400);
 * swab.results().people[0]?.served;
 * ```
 */
export class StaffedResource {
  /** Name for reports and errors. */
  readonly name: string;
  /** What happens when a busy person stops accepting work. */
  readonly policy: CapacityPolicy;
  /** The roster, validated. */
  readonly roster: Roster;
  /** The work limit, if any. */
  readonly workLimit: Required<WorkLimit> | undefined;
  /** The inner resource (queue, priorities, counters). Read it; do not request or release on it. */
  readonly resource: Resource;
  /** The people, in roster order. */
  readonly people: readonly StaffMember[];
  /** Staff changes and assignments when `trace` is on, else empty. */
  readonly trace: StaffTraceRow[] = [];
  /** Attach a monitor here; it sees the inner resource's changes after people are matched. */
  observer: ResourceObserver | null = null;
  /** Entities passed to a colleague without interruption. */
  handovers = 0;

  private _positions: number;
  private readonly tracing: boolean;
  /** People accepting work and idle, longest idle first. */
  private readonly freeList: StaffMember[] = [];
  private accepting = 0;
  private finishing = 0;
  private occupancy = 0;
  private readonly byRequest = new Map<Request, StaffRequest>();
  private seenGrants = 0;
  private seenPreemptions = 0;
  private expectedReleases = 0;
  private reconciling = false;
  private again = false;
  private handle = -1;
  private planned = Number.POSITIVE_INFINITY;
  private inBatch = false;
  /** True while the constructor applies the roster as it stands at creation. */
  private starting = false;
  /** Leaving people marked for dropping (see dropUnits). */
  private dropping = 0;
  /** The inner resource changed during a batch: tell the observer at its end. */
  private unreported = false;
  /** Someone stood by or a position was vacated: fill positions at the end of the batch. */
  private fillPending = false;
  /** Some person's next transition moved: re-plan the calendar entry at the end of the batch. */
  private duesChanged = true;

  constructor(
    /** The environment. */
    readonly env: Environment,
    options: StaffedResourceOptions,
  ) {
    if (typeof options !== 'object' || options === null)
      throw new ParameterError('staffed', 'an options object { roster, ... }', options);
    this.name =
      options.name === undefined ? `staffed#${++staffedCount}` : nonEmptyString(options.name, 'staffed.name');
    const at = `staffed(${this.name})`;
    this.roster = validateRoster(options.roster, `${at}.roster`);
    this.policy = oneOf(options.policy ?? 'finish', `${at}.policy`, ['finish', 'preempt'] as const);
    const positions = options.positions ?? Number.POSITIVE_INFINITY;
    if (!(positions === Number.POSITIVE_INFINITY || (Number.isInteger(positions) && positions >= 0)))
      throw new ParameterError(`${at}.positions`, 'an integer ≥ 0 or Infinity', positions);
    this._positions = positions;
    if (options.workLimit !== undefined) {
      const w = options.workLimit;
      if (typeof w !== 'object' || w === null)
        throw new ParameterError(`${at}.workLimit`, 'an object { maxContinuous, rest?, changeover? }', w);
      this.workLimit = {
        maxContinuous: positive(w.maxContinuous, `${at}.workLimit.maxContinuous`),
        rest: nonNegative(w.rest ?? 0, `${at}.workLimit.rest`),
        changeover: nonNegative(w.changeover ?? 0, `${at}.workLimit.changeover`),
      };
    } else this.workLimit = undefined;
    this.tracing = options.trace === true;
    this.resource = new Resource(env, {
      name: this.name,
      capacity: 1,
      ...(options.queueLimit !== undefined ? { queueLimit: options.queueLimit } : {}),
    });
    // Resource requires capacity ≥ 1 at construction; the staff decide it from here on.
    this.resource.setCapacity(0);
    const now = env.now;
    this.people = this.roster.map((entry, i) => {
      const segments: Segment[] = [];
      entry.shifts.forEach((shift, j) => {
        const presence = presenceIntervals(shift);
        const accepting = acceptingIntervals(shift);
        presence.forEach((iv, k) => {
          segments.push({
            start: iv.start,
            end: iv.end,
            acceptEnd: accepting[k]!.end,
            shift: j,
            first: k === 0,
          });
        });
      });
      const p = new StaffMember(entry.name, i, segments, entry.shifts.length, now);
      while (p._seg < segments.length && segments[p._seg]!.acceptEnd <= now) p._seg++;
      return p;
    });
    const self = this;
    this.resource.addObserver({
      changed(time) {
        self.reconcile();
        // Monitors see consistent states only: changes made while people are being matched or
        // moved are reported once, at the end (see batch()), and always with the state after
        // matching (which may differ from the state the inner resource reported).
        if (self.reconciling || self.inBatch) self.unreported = true;
        else if (self.observer !== null) {
          const r = self.resource;
          self.observer.changed(time, r.busy, r.queueLength, r.capacity);
        }
      },
      waited(time, wait) {
        self.observer?.waited?.(time, wait);
      },
    });
    // People already on shift now start at once, so the capacity is right from the start.
    for (const p of this.people) this.setDue(p, this.dueOf(p));
    this.starting = true;
    try {
      this.step();
    } finally {
      this.starting = false;
    }
  }

  /** Number of units now: people accepting work plus people finishing. */
  get capacity(): number {
    return this.resource.capacity;
  }

  /** Most people working at once. */
  get positions(): number {
    return this._positions;
  }

  /** Entities being served now. */
  get busy(): number {
    return this.resource.busy;
  }

  /** Requests waiting now. */
  get queueLength(): number {
    return this.resource.queueLength;
  }

  /** People accepting work now. */
  get onShift(): number {
    return this.accepting;
  }

  /** Entities completed so far. */
  get served(): number {
    let n = 0;
    for (const p of this.people) n += p._served;
    return n;
  }

  /**
   * Ask for a person. Same options as {@link Resource.request}. The returned {@link StaffRequest}
   * succeeds when a person is assigned (or the request ends ungranted: check `granted`).
   *
   * @example
   * ```ts
   * const grant = yield* swab.request({ patience: 600 });
   * if (!grant.granted) return 'reneged';
   * ```
   */
  request(options?: RequestOptions): StaffRequest {
    let w: StaffRequest | undefined;
    this.batch(() => {
      const inner = this.resource.request(options);
      w = new StaffRequest(this, inner);
      if (inner.status === 'granted') {
        // Granted inside resource.request (before the wrapper existed): match it now.
        this.byRequest.set(inner, w);
        this.assign(w, this.popFree());
        w._markProcessed(w);
        this.seenGrants = this.resource.grants;
      } else if (inner.status === 'queued') {
        this.byRequest.set(inner, w);
        inner._addCallback(w);
      } else w._markProcessed(w); // balked, or preempted at the instant of its grant: see `granted`
    });
    return w!;
  }

  /**
   * Give back the person held by `grant`. Releasing a preempted grant does nothing; releasing one
   * that is not held is an error.
   *
   * @example
   * ```ts
   * swab.release(grant);
   * ```
   */
  release(grant: StaffRequest): void {
    if (!(grant instanceof StaffRequest) || grant.staffed !== this)
      throw new SimulationError(`release: not a request of staffed resource ${this.name}`, this.env.here());
    if (grant.request.status !== 'granted') {
      this.resource.release(grant.request); // no-op for preempted, an error naming the status otherwise
      return;
    }
    const p = grant.person!;
    this.endHeld(p, grant);
    this.byRequest.delete(grant.request);
    grant.person = null;
  }

  /**
   * Callback style: take a person for `fn(arg, seat)`. If one is free, `fn` runs now, synchronously;
   * otherwise the pair waits in the queue (at `priority`) and runs when a person is assigned. Give
   * the person back with {@link StaffedResource.free}. Callback users are never preempted.
   *
   * @example
   * ```ts
   * function arrive(id: number) { swab.seize(start, id); }
   * function start(id: number, seat: StaffSeat) { env.schedule(40, done, seat); }
   * function done(seat: StaffSeat) { swab.free(seat); }
   * ```
   */
  seize<A>(fn: (arg: A, seat: StaffSeat) => void, arg: A, priority = 0): void {
    const seat = new StaffSeat(this, fn, arg);
    const outer = this.inBatch;
    this.inBatch = true;
    try {
      this.resource.seize(startSeat, seat, priority);
    } finally {
      this.inBatch = outer;
    }
    if (!outer) this.endBatch();
  }

  /**
   * Callback style: give back the person of a seat taken with {@link StaffedResource.seize}.
   *
   * @example
   * ```ts
   * env.schedule(40, () => swab.free(seat));
   * ```
   */
  free(seat: StaffSeat): void {
    if (!(seat instanceof StaffSeat) || seat.staffed !== this || seat._freed || seat.person === null)
      throw new SimulationError(
        `free() on staffed resource ${this.name}: not a seat held on it${seat instanceof StaffSeat && seat._freed ? ' (freed already)' : ''}`,
        this.env.here(),
      );
    const p = seat.person;
    seat._freed = true;
    this.endHeld(p, seat);
    seat.person = null;
  }

  /**
   * Change the number of positions now (e.g. 0 to close the site, `Infinity` to open it to everyone
   * on shift). People beyond the new number stop with the resource's policy and stand by; standing-by
   * people fill new positions.
   *
   * @example
   * ```ts
   * bedsReady.onProcessed(() => isolation.setPositions(Infinity));
   * ```
   */
  setPositions(positions: number): void {
    if (!(positions === Number.POSITIVE_INFINITY || (Number.isInteger(positions) && positions >= 0)))
      throw new SimulationError(
        `setPositions on ${this.name}: expected an integer ≥ 0 or Infinity, got ${positions}`,
        this.env.here(),
      );
    this._positions = positions;
    this.batch(() => {
      // Most recent take-ups give up their positions first: changing over before working.
      while (this.occupancy > this._positions) {
        let victim: StaffMember | null = null;
        for (const p of this.people)
          if (p._state === 'changeover' || p._state === 'on')
            if (
              victim === null ||
              (p._state === 'changeover' && victim._state === 'on') ||
              (p._state === victim._state && takenUpAt(p) >= takenUpAt(victim))
            )
              victim = p;
        if (victim === null) break;
        if (victim._state === 'changeover') {
          this.vacate(victim);
          this.toStandby(victim);
        } else this.stop(victim, 'positions');
      }
      this.fill();
    });
  }

  /**
   * Results so far: per person, per shift and in total. Plain JSON-serialisable data.
   *
   * @example
   * ```ts
   * const r = swab.results();
   * r.served === r.people.reduce((s, p) => s + p.served, 0); // true
   * ```
   */
  results(): StaffResults {
    const now = this.env.now;
    const people: StaffPersonResult[] = [];
    const shifts: StaffShiftResult[] = [];
    this.people.forEach((p, i) => {
      const time = { ...p._time };
      time[p._state] += now - p._since;
      const busyNow = p._current !== null ? now - p._busySince : 0;
      const busyTime = p._busyTime + busyNow;
      const liveOvertime = p._state === 'leaving' ? this.overtimeSoFar(p, now) : 0;
      const perShift = p._shifts.map((c) => ({ ...c }));
      const cur = perShift[p._shift];
      if (cur !== undefined) {
        cur.busyTime += busyNow;
        if (p._state === 'on') cur.onTime += now - p._since;
        if (p._state === 'leaving') {
          cur.finishingTime += now - p._since;
          cur.overtime += liveOvertime;
        }
      }
      let rosteredAll = 0;
      const entry = this.roster[i]!;
      entry.shifts.forEach((shift, j) => {
        let rostered = 0;
        for (const iv of presenceIntervals(shift)) rostered += Math.max(0, Math.min(iv.end, now) - iv.start);
        rosteredAll += rostered;
        const c = perShift[j]!;
        shifts.push({
          person: p.name,
          shift: j,
          label: shift.label,
          start: shift.start,
          end: shift.end,
          served: c.served,
          busyTime: c.busyTime,
          onTime: c.onTime,
          finishingTime: c.finishingTime,
          overtime: c.overtime,
          workedTime: rostered + c.overtime,
          utilisation: c.onTime + c.finishingTime > 0 ? c.busyTime / (c.onTime + c.finishingTime) : null,
        });
      });
      const overtime = p._overtime + liveOvertime;
      const working = time.on + time.leaving;
      people.push({
        person: p.name,
        served: p._served,
        busyTime,
        onTime: time.on,
        finishingTime: time.leaving,
        overtime,
        changeoverTime: time.changeover,
        restTime: time.resting,
        standbyTime: time.standby,
        workedTime: rosteredAll + overtime,
        utilisation: working > 0 ? busyTime / working : null,
        rotations: p._rotations,
      });
    });
    let served = 0;
    for (const p of people) served += p.served;
    return {
      resource: this.name,
      policy: this.policy,
      time: now,
      served,
      handovers: this.handovers,
      preemptions: this.resource.preemptions,
      people,
      shifts,
    };
  }

  /**
   * Check the internal bookkeeping against the inner resource; throws a {@link SimulationError}
   * describing the first inconsistency. For tests and debugging.
   *
   * @example
   * ```ts
   * env.schedule(3600, () => swab.checkInvariants());
   * ```
   */
  checkInvariants(): void {
    const fail = (what: string) => {
      throw new SimulationError(`staffed resource ${this.name}: ${what}`, this.env.here());
    };
    let on = 0;
    let finishing = 0;
    let busy = 0;
    let idle = 0;
    for (const p of this.people) {
      if (p._state === 'on') {
        on++;
        if (p._current === null) idle++;
      }
      if (p._state === 'leaving') {
        finishing++;
        if (p._current === null) fail(`${p.name} is leaving but holds nothing`);
      }
      if (p._current !== null) {
        busy++;
        if (p._state !== 'on' && p._state !== 'leaving') fail(`${p.name} holds an entity while ${p._state}`);
        if (p._current.person !== p) fail(`${p.name}'s entity names another person`);
      }
    }
    if (on !== this.accepting) fail(`accepting count ${this.accepting} but ${on} people on`);
    if (finishing !== this.finishing) fail(`finishing count ${this.finishing} but ${finishing} leaving`);
    if (idle !== this.freeList.length) fail(`${idle} idle people but free list of ${this.freeList.length}`);
    if (this.resource.capacity !== on + finishing)
      fail(`capacity ${this.resource.capacity} but ${on} on + ${finishing} finishing`);
    if (this.resource.busy !== busy)
      fail(`resource busy ${this.resource.busy} but ${busy} people hold entities`);
  }

  // ------------------------------------------------------------------ people and positions

  /** Next own transition time of a person in their current state. */
  private dueOf(p: StaffMember): number {
    const seg = p._segments[p._seg];
    const acceptEnd = seg?.acceptEnd ?? Number.POSITIVE_INFINITY;
    switch (p._state) {
      case 'off':
        return seg?.start ?? Number.POSITIVE_INFINITY;
      case 'standby':
        return acceptEnd;
      case 'changeover':
        return Math.min(p._changeoverUntil, acceptEnd);
      case 'on':
        return this.workLimit === undefined
          ? acceptEnd
          : Math.min(acceptEnd, p._workSince + this.workLimit.maxContinuous);
      case 'resting':
        return Math.min(p._restUntil, acceptEnd);
      case 'leaving':
        return Number.POSITIVE_INFINITY;
    }
  }

  private setDue(p: StaffMember, due: number): void {
    if (p._due !== due) this.duesChanged = true;
    p._due = due;
  }

  private setState(p: StaffMember, state: StaffState): void {
    const now = this.env.now;
    const dt = now - p._since;
    p._time[p._state] += dt;
    const c = p._shifts[p._shift];
    if (c !== undefined) {
      if (p._state === 'on') c.onTime += dt;
      else if (p._state === 'leaving') c.finishingTime += dt;
    }
    p._since = now;
    p._state = state;
    this.setDue(p, this.dueOf(p));
    if (this.tracing) this.trace.push([now, p.name, state]);
  }

  /**
   * Back-to-back shifts (one ends as the next begins, no handover window): the person simply carries
   * on, still holding their entity; the time so far is counted to the shift that ended.
   */
  private rollOver(p: StaffMember): void {
    const now = this.env.now;
    const dt = now - p._since;
    p._time.on += dt;
    const c = p._shifts[p._shift];
    if (c !== undefined) c.onTime += dt;
    if (p._current !== null) {
      const busy = now - p._busySince;
      p._busyTime += busy;
      if (c !== undefined) c.busyTime += busy;
      p._busySince = now;
    }
    p._since = now;
    p._seg++;
    p._shift = p._segments[p._seg]!.shift;
    this.setDue(p, this.dueOf(p));
  }

  /** Put the person where the roster says, given that they hold nothing and are not timed. */
  private settle(p: StaffMember): void {
    const now = this.env.now;
    while (p._seg < p._segments.length && p._segments[p._seg]!.acceptEnd <= now) p._seg++;
    const seg = p._segments[p._seg];
    if (seg !== undefined && seg.start <= now) {
      p._shift = seg.shift;
      this.toStandby(p);
    } else if (p._state !== 'off') this.setState(p, 'off');
    else this.setDue(p, this.dueOf(p));
  }

  private toStandby(p: StaffMember): void {
    this.fillPending = true;
    p._queuedSince = this.env.now;
    this.setState(p, 'standby');
  }

  /** Fill vacant positions from the people standing by, longest standing first. */
  private fill(): void {
    this.fillPending = false;
    while (this.occupancy < this._positions) {
      let next: StaffMember | null = null;
      for (const p of this.people)
        if (p._state === 'standby' && (next === null || p._queuedSince < next._queuedSince)) next = p;
      if (next === null) return;
      this.takeUp(next);
    }
  }

  private takeUp(p: StaffMember): void {
    const now = this.env.now;
    const seg = p._segments[p._seg]!;
    p._shift = seg.shift;
    this.occupancy++;
    const changeover = this.workLimit?.changeover ?? 0;
    // No changeover at a shift's start, nor for people already on shift when the resource is created.
    if (changeover > 0 && !(seg.first && seg.start === now) && !this.starting) {
      p._changeoverUntil = now + changeover;
      this.setState(p, 'changeover');
    } else this.goOn(p);
  }

  private goOn(p: StaffMember): void {
    p._workSince = this.env.now;
    this.accepting++;
    this.pushFree(p);
    this.setState(p, 'on');
  }

  /** The person leaves their position (occupancy only). */
  private vacate(_p: StaffMember): void {
    this.fillPending = true;
    this.occupancy--;
  }

  /** A person who is `on` stops accepting work. */
  private stop(p: StaffMember, reason: StopReason): void {
    this.vacate(p);
    this.accepting--;
    if (reason === 'limit') p._rotations++;
    p._stopAt = this.env.now;
    p._stopReason = reason;
    if (p._current === null) {
      this.removeFree(p);
      this.afterStop(p);
      return;
    }
    this.finishing++;
    this.setState(p, 'leaving');
    if (this.policy === 'preempt') {
      // Someone may take over now: fill the vacated position first, then look for a free colleague.
      this.fill();
      const f = this.popFreeStaying();
      if (f !== null) this.handOver(p, f);
      else {
        p._dropping = true; // handled at the end of the batch (see dropUnits)
        this.dropping++;
      }
    }
  }

  /** After a person has stopped and holds nothing: rest, stand by, or go off. */
  private afterStop(p: StaffMember): void {
    if (p._state === 'leaving' && p._current !== null) return;
    const now = this.env.now;
    const seg = p._segments[p._seg];
    const stillOn = seg !== undefined && seg.start <= now && now < seg.acceptEnd;
    if (p._stopReason === 'limit' && stillOn && (this.workLimit?.rest ?? 0) > 0) {
      p._restUntil = now + this.workLimit!.rest;
      this.setState(p, 'resting');
    } else if (p._stopReason === 'positions' && stillOn) this.toStandby(p);
    else this.settle(p);
  }

  private handOver(from: StaffMember, to: StaffMember): void {
    const h = from._current!;
    this.clearHeld(from, false);
    this.finishing--;
    this.hold(to, h);
    this.handovers++;
    if (this.tracing) this.trace.push([this.env.now, to.name, 'handover', entityOf(h)]);
    this.afterStop(from);
  }

  // ------------------------------------------------------------------ matching grants to people

  /** The longest-idle free person, or null. */
  private popFree(): StaffMember | null {
    return this.freeList.shift() ?? null;
  }

  /**
   * The longest-idle free person who is not about to stop at this very instant (a colleague whose
   * shift or work limit ends now cannot take over), or null.
   */
  private popFreeStaying(): StaffMember | null {
    const now = this.env.now;
    const i = this.freeList.findIndex((q) => q._due > now);
    return i < 0 ? null : this.freeList.splice(i, 1)[0]!;
  }

  private pushFree(p: StaffMember): void {
    p._queuedSince = this.env.now;
    this.freeList.push(p);
  }

  private removeFree(p: StaffMember): void {
    const i = this.freeList.indexOf(p);
    if (i >= 0) this.freeList.splice(i, 1);
  }

  private hold(p: StaffMember, h: Holder): void {
    p._current = h;
    p._busySince = this.env.now;
    h.person = p;
    if (h instanceof StaffRequest) h.people.push(p.name);
  }

  private assign(w: StaffRequest, p: StaffMember | null): void {
    if (p === null)
      throw new SimulationError(
        `staffed resource ${this.name}: a unit was granted but nobody is free to serve it (was a unit released on the inner resource directly?)`,
        this.env.here(),
      );
    this.hold(p, w);
    if (this.tracing) this.trace.push([this.env.now, p.name, 'serve', w.entity]);
  }

  /** @internal drop the wrapper of an inner request that ended ungranted */
  _forget(inner: Request): void {
    this.byRequest.delete(inner);
  }

  /** @internal a seize() user was granted a unit */
  _startSeat(seat: StaffSeat): void {
    const p = this.popFree();
    if (p === null)
      throw new SimulationError(
        `staffed resource ${this.name}: a unit was granted to a callback but nobody is free`,
        this.env.here(),
      );
    seat.grantedAt = this.env.now;
    this.hold(p, seat);
    if (this.tracing) this.trace.push([this.env.now, p.name, 'serve', 'seat']);
    seat._fn(seat._arg, seat);
  }

  /** Stop counting a holder against a person (busy time, served). */
  private clearHeld(p: StaffMember, served: boolean): void {
    const now = this.env.now;
    const dt = now - p._busySince;
    p._busyTime += dt;
    const c = p._shifts[p._shift];
    if (c !== undefined) {
      c.busyTime += dt;
      if (served) c.served++;
    }
    if (served) p._served++;
    p._current = null;
  }

  /** Overtime of a leaving person if they stopped now: time beyond their rostered presence. */
  private overtimeSoFar(p: StaffMember, now: number): number {
    const seg = p._segments[p._seg];
    if (seg === undefined || p._stopReason !== 'presence') return 0;
    return Math.max(0, now - Math.max(seg.end, p._stopAt));
  }

  /** A person's entity ends by release or free (`giveBack` returns the unit to the inner resource). */
  private endHeld(p: StaffMember, h: Holder): void {
    // A batch without a closure: this is the hot path of every completed entity.
    const outer = this.inBatch;
    this.inBatch = true;
    try {
      if (this.tracing) this.trace.push([this.env.now, p.name, 'done', entityOf(h)]);
      const leaving = p._state === 'leaving';
      if (leaving) {
        // Retire the leaving person's unit before it is given back, so it is not granted again.
        this.finishing--;
        this.resource.setCapacity(this.accepting + this.finishing, 'finish');
        this.clearHeld(p, true);
        this.recordOvertime(p);
      } else {
        this.clearHeld(p, true);
        this.pushFree(p);
      }
      this.expectedReleases++;
      if (h instanceof StaffRequest) this.resource.release(h.request);
      else this.resource.free();
      if (leaving) this.afterStop(p);
    } finally {
      this.inBatch = outer;
    }
    if (!outer) this.endBatch();
  }

  private recordOvertime(p: StaffMember): void {
    const ot = this.overtimeSoFar(p, this.env.now);
    p._overtime += ot;
    const c = p._shifts[p._shift];
    if (c !== undefined) c.overtime += ot;
  }

  /**
   * Match the inner resource's changes to people: requests that lost their unit (preempted, or
   * released on the inner resource) free their person; new grants get a free person.
   */
  private reconcile(): void {
    if (this.reconciling) {
      this.again = true;
      return;
    }
    this.reconciling = true;
    try {
      do {
        this.again = false;
        const r = this.resource;
        if (r.preemptions !== this.seenPreemptions || r.releases !== this.expectedReleases) {
          this.seenPreemptions = r.preemptions;
          this.expectedReleases = r.releases;
          for (const p of this.people) {
            const h = p._current;
            if (h instanceof StaffRequest && h.request.status !== 'granted') this.lost(p, h);
          }
        }
        if (r.grants !== this.seenGrants) {
          this.seenGrants = r.grants;
          for (const inner of r.holders) {
            const w = this.byRequest.get(inner);
            if (w !== undefined && w.person === null) {
              this.assign(w, this.popFree());
              w.succeed(w);
            }
          }
        }
      } while (this.again);
    } finally {
      this.reconciling = false;
    }
  }

  /** A request lost its unit outside {@link StaffedResource.release}. */
  private lost(p: StaffMember, h: StaffRequest): void {
    if (this.tracing) this.trace.push([this.env.now, p.name, h.request.status, h.entity]);
    this.clearHeld(p, h.request.status === 'released');
    h.person = null;
    this.byRequest.delete(h.request);
    if (p._state === 'on') {
      this.pushFree(p);
      return;
    }
    // A leaving person's entity was taken.
    this.finishing--;
    if (p._dropping) {
      p._dropping = false; // the drop this unit was meant for has happened
      this.dropping--;
      this.afterStop(p);
      return;
    }
    this.recordOvertime(p);
    // Their unit may already have gone to another request: retire it now, preempting if needed.
    this.resource.setCapacity(this.accepting + this.finishing, 'preempt');
    this.afterStop(p);
  }

  /**
   * Leaving people marked for dropping under `preempt` found no free colleague: take their units
   * away with the inner resource's preemption rule, then pass their entities to whoever was freed.
   */
  private dropUnits(): void {
    if (this.dropping === 0) return;
    if (this.resource.holders.length > 0)
      this.resource.setCapacity(this.accepting + this.finishing - this.dropping, 'preempt');
    for (const p of this.people) {
      if (!p._dropping) continue;
      p._dropping = false;
      this.dropping--;
      // Pass the entity to whoever the preemption freed; with only callback users left, finish.
      const f = p._current === null ? null : this.popFree();
      if (f !== null) this.handOver(p, f);
    }
  }

  // ------------------------------------------------------------------ batches and the calendar

  /** Run `body`, then bring the inner capacity in line and plan the next staff change. */
  private batch(body: () => void): void {
    if (this.inBatch) {
      body();
      return;
    }
    this.inBatch = true;
    try {
      body();
    } finally {
      this.inBatch = false;
    }
    this.endBatch();
  }

  /** End of a batch: fill positions, drop units, bring the inner capacity in line, plan, report. */
  private endBatch(): void {
    this.inBatch = true;
    try {
      // Dropping units frees people, who may stand by again: repeat until settled.
      do {
        if (this.fillPending) this.fill();
        this.dropUnits();
      } while (this.fillPending || this.dropping > 0);
      this.syncCapacity();
    } finally {
      this.inBatch = false;
    }
    this.plan();
    if (this.unreported) {
      this.unreported = false;
      const r = this.resource;
      this.observer?.changed(this.env.now, r.busy, r.queueLength, r.capacity);
    }
  }

  private syncCapacity(): void {
    const target = this.accepting + this.finishing;
    if (this.resource.capacity !== target) this.resource.setCapacity(target, 'finish');
  }

  private plan(): void {
    if (!this.duesChanged) return;
    this.duesChanged = false;
    let next = Number.POSITIVE_INFINITY;
    for (const p of this.people) if (p._due < next) next = p._due;
    if (next === this.planned) return;
    if (this.handle >= 0) this.env.cancel(this.handle);
    this.planned = next;
    this.handle =
      next === Number.POSITIVE_INFINITY ? -1 : this.env.at(next, staffStep, this, Priority.RELEASE);
  }

  /** @internal calendar callback: apply every staff change due now */
  _fire(): void {
    this.handle = -1;
    this.planned = Number.POSITIVE_INFINITY;
    this.duesChanged = true; // the pending entry is used up: plan the next one even if no due moved
    this.step();
  }

  private step(): void {
    const now = this.env.now;
    this.batch(() => {
      // People becoming available first, so that people stopping can hand over to them.
      for (const p of this.people) if (p._due <= now && this.becomesAvailable(p)) this.advance(p);
      this.fill();
      for (const p of this.people) if (p._due <= now) this.advance(p);
      this.fill();
    });
  }

  private becomesAvailable(p: StaffMember): boolean {
    const seg = p._segments[p._seg];
    const inWindow = seg !== undefined && this.env.now < seg.acceptEnd;
    return p._state === 'off' || ((p._state === 'changeover' || p._state === 'resting') && inWindow);
  }

  /** Carry out a person's due transition. */
  private advance(p: StaffMember): void {
    const now = this.env.now;
    const seg = p._segments[p._seg];
    const ended = seg === undefined || now >= seg.acceptEnd;
    switch (p._state) {
      case 'off':
      case 'standby':
        this.settle(p);
        return;
      case 'changeover':
        if (ended) {
          this.vacate(p);
          this.settle(p);
        } else this.goOn(p);
        return;
      case 'resting':
        if (ended) this.settle(p);
        else this.toStandby(p);
        return;
      case 'on': {
        const next = p._segments[p._seg + 1];
        if (
          ended &&
          seg !== undefined &&
          seg.acceptEnd === seg.end &&
          next !== undefined &&
          next.start === seg.end
        ) {
          this.rollOver(p);
          return;
        }
        this.stop(p, ended ? 'presence' : 'limit');
        return;
      }
      case 'leaving':
        return;
    }
  }
}

/** When a person took up their position (changeover start, or the start of work). */
function takenUpAt(p: StaffMember): number {
  return p._state === 'changeover' ? p._changeoverUntil : p._workSince;
}

function staffStep(s: StaffedResource): void {
  s._fire();
}

function startSeat(seat: StaffSeat): void {
  seat.staffed._startSeat(seat);
}

function entityOf(h: Holder): string {
  return h instanceof StaffRequest ? h.entity : 'seat';
}
