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
 * **How it is built**: the inner {@link Resource} keeps the queue, priorities and counters; its grant
 * hook tells this wrapper of each grant and each unit taken away as it happens, and the wrapper
 * matches people to grants once the resource's operation is complete. The concerns live in `staff/`:
 * the roster timeline and people (`member.ts`), the seat assignment (`assignment.ts`), work limits
 * (`work-limit.ts`), the accounting and results (`accounting.ts`), the grants (`grants.ts`).
 *
 * @module
 */
import type { Environment } from '../../kernel/environment.js';
import { ParameterError, SimulationError } from '../../kernel/errors.js';
import { Priority } from '../../kernel/priority.js';
import { nonEmptyString, oneOf } from '../../kernel/validate.js';
import { defaultName } from '../names.js';
import { checkKeys } from '../options.js';
import type { Request, RequestOptions } from '../request.js';
import { type CapacityPolicy, Resource, type ResourceObserver } from '../resource.js';
import { type Roster, validateRoster } from './roster.js';
import { closeShift, endHolding, enterState, recordOvertime, staffResults } from './staff/accounting.js';
import { FreePeople, hold } from './staff/assignment.js';
import { entityOf, StaffRequest, StaffSeat } from './staff/grants.js';
import {
  dueOf,
  type Holder,
  inAcceptingWindow,
  membersOf,
  type StaffMember,
  type StopReason,
  takenUpAt,
} from './staff/member.js';
import type {
  StaffedResourceOptions,
  StaffResults,
  StaffState,
  StaffTraceRow,
  WorkLimit,
} from './staff/types.js';
import { validateWorkLimit } from './staff/work-limit.js';

export { StaffRequest, StaffSeat } from './staff/grants.js';
export { StaffMember } from './staff/member.js';
export type {
  StaffedResourceOptions,
  StaffPersonResult,
  StaffResults,
  StaffShiftResult,
  StaffState,
  StaffTraceRow,
  WorkLimit,
} from './staff/types.js';

const OPTION_KEYS = ['name', 'roster', 'policy', 'positions', 'workLimit', 'queueLimit', 'trace'] as const;

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
  private readonly free_ = new FreePeople();
  private accepting = 0;
  private finishing = 0;
  private occupancy = 0;
  /** The wrapper of each queued or granted inner request (released ones are removed first). */
  private readonly byRequest = new Map<Request, StaffRequest>();
  /** Queued requests granted during the inner resource's current operation, in grant order. */
  private granted: StaffRequest[] = [];
  /** Grants whose units were taken away (preempted) during the current operation. */
  private taken: StaffRequest[] = [];
  private matching = false;
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
    checkKeys(
      options,
      OPTION_KEYS,
      typeof options.name === 'string' ? `staffed(${options.name})` : 'staffed',
    );
    this.name =
      options.name === undefined ? defaultName(env, 'staffed') : nonEmptyString(options.name, 'staffed.name');
    const at = `staffed(${this.name})`;
    this.roster = validateRoster(options.roster, `${at}.roster`);
    this.policy = oneOf(options.policy ?? 'finish', `${at}.policy`, ['finish', 'preempt'] as const);
    const positions = options.positions ?? Number.POSITIVE_INFINITY;
    if (!(positions === Number.POSITIVE_INFINITY || (Number.isInteger(positions) && positions >= 0)))
      throw new ParameterError(`${at}.positions`, 'an integer ≥ 0 or Infinity', positions);
    this._positions = positions;
    this.workLimit = validateWorkLimit(options.workLimit, `${at}.workLimit`);
    if (options.trace !== undefined && typeof options.trace !== 'boolean')
      throw new ParameterError(`${at}.trace`, 'true or false', options.trace);
    this.tracing = options.trace === true;
    this.resource = new Resource(env, {
      name: this.name,
      capacity: 1,
      ...(options.queueLimit !== undefined ? { queueLimit: options.queueLimit } : {}),
    });
    // Resource requires capacity ≥ 1 at construction; the staff decide it from here on.
    this.resource.setCapacity(0);
    this.people = membersOf(this.roster, env.now);
    const self = this;
    this.resource.setHook({
      granted(request, arg) {
        if (request === null) {
          // A seat is matched at once: its callback runs right after, and must know its person.
          if (arg instanceof StaffSeat) self.startSeat(arg);
          return;
        }
        // Requests granted on arrival are matched by request(); queued ones at the operation's end.
        const w = self.byRequest.get(request);
        if (w !== undefined) self.granted.push(w);
      },
      returned(request) {
        // Releases through this wrapper forget the request first: what is still known here was
        // preempted, or released on the inner resource directly.
        if (request === null) return;
        const w = self.byRequest.get(request);
        if (w !== undefined) self.taken.push(w);
      },
    });
    this.resource.addObserver({
      changed(time) {
        self.match();
        // Monitors see consistent states only: changes made while people are being matched or
        // moved are reported once, at the end (see batch()), and always with the state after
        // matching (which may differ from the state the inner resource reported).
        if (self.matching || self.inBatch) self.unreported = true;
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
    for (const p of this.people) this.setDue(p, dueOf(p, this.workLimit));
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
    if (options?.amount !== undefined && options.amount !== 1)
      throw new SimulationError(
        `request to staffed resource ${this.name}: amount must be 1 (a person serves one entity), got ${options.amount}`,
        this.env.here(),
      );
    let w: StaffRequest | undefined;
    this.batch(() => {
      const inner = this.resource.request(options);
      w = new StaffRequest(this, inner);
      if (inner.status === 'granted') {
        // Granted inside resource.request (before the wrapper existed): match it now.
        this.byRequest.set(inner, w);
        this.assign(w, this.free_.pop());
        w._markProcessed(w);
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
    this.byRequest.delete(grant.request);
    this.endHeld(p, grant);
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
      this.resource.seize(runSeat, seat, priority);
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
          this.vacate();
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
    return staffResults(
      this.name,
      this.policy,
      this.roster,
      this.people,
      this.handovers,
      this.resource.preemptions,
      this.env.now,
    );
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
    if (idle !== this.free_.size) fail(`${idle} idle people but free list of ${this.free_.size}`);
    if (this.resource.capacity !== on + finishing)
      fail(`capacity ${this.resource.capacity} but ${on} on + ${finishing} finishing`);
    if (this.resource.busy !== busy)
      fail(`resource busy ${this.resource.busy} but ${busy} people hold entities`);
  }

  // ------------------------------------------------------------------ people and positions

  private setDue(p: StaffMember, due: number): void {
    if (p._due !== due) this.duesChanged = true;
    p._due = due;
  }

  private setState(p: StaffMember, state: StaffState): void {
    enterState(p, state, this.env.now);
    this.setDue(p, dueOf(p, this.workLimit));
    if (this.tracing) this.trace.push([this.env.now, p.name, state]);
  }

  /**
   * Back-to-back shifts (one ends as the next begins, no handover window): the person simply carries
   * on, still holding their entity; the time so far is counted to the shift that ended.
   */
  private rollOver(p: StaffMember): void {
    closeShift(p, this.env.now);
    p._seg++;
    p._shift = p._segments[p._seg]!.shift;
    this.setDue(p, dueOf(p, this.workLimit));
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
    else this.setDue(p, dueOf(p, this.workLimit));
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
  private vacate(): void {
    this.fillPending = true;
    this.occupancy--;
  }

  /** A person who is `on` stops accepting work. */
  private stop(p: StaffMember, reason: StopReason): void {
    this.vacate();
    this.accepting--;
    if (reason === 'limit') p._rotations++;
    p._stopAt = this.env.now;
    p._stopReason = reason;
    if (p._current === null) {
      this.free_.remove(p);
      this.afterStop(p);
      return;
    }
    this.finishing++;
    this.setState(p, 'leaving');
    if (this.policy === 'preempt') {
      // Someone may take over now: fill the vacated position first, then look for a free colleague.
      this.fill();
      const f = this.free_.popStaying(this.env.now);
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
    const stillOn = inAcceptingWindow(p, now);
    if (p._stopReason === 'limit' && stillOn && (this.workLimit?.rest ?? 0) > 0) {
      p._restUntil = now + this.workLimit!.rest;
      this.setState(p, 'resting');
    } else if (p._stopReason === 'positions' && stillOn) this.toStandby(p);
    else this.settle(p);
  }

  private handOver(from: StaffMember, to: StaffMember): void {
    const h = from._current!;
    endHolding(from, this.env.now, false);
    this.finishing--;
    hold(to, h, this.env.now);
    this.handovers++;
    if (this.tracing) this.trace.push([this.env.now, to.name, 'handover', entityOf(h)]);
    this.afterStop(from);
  }

  // ------------------------------------------------------------------ matching grants to people

  private pushFree(p: StaffMember): void {
    this.free_.push(p, this.env.now);
  }

  private assign(w: StaffRequest, p: StaffMember | null): void {
    if (p === null)
      throw new SimulationError(
        `staffed resource ${this.name}: a unit was granted but nobody is free to serve it (was a unit released on the inner resource directly?)`,
        this.env.here(),
      );
    hold(p, w, this.env.now);
    if (this.tracing) this.trace.push([this.env.now, p.name, 'serve', w.entity]);
  }

  /** @internal drop the wrapper of an inner request that ended ungranted */
  _forget(inner: Request): void {
    this.byRequest.delete(inner);
  }

  /** A seize() user was granted a unit: match a person before its callback runs. */
  private startSeat(seat: StaffSeat): void {
    const p = this.free_.pop();
    if (p === null)
      throw new SimulationError(
        `staffed resource ${this.name}: a unit was granted to a callback but nobody is free`,
        this.env.here(),
      );
    seat.grantedAt = this.env.now;
    hold(p, seat, this.env.now);
    if (this.tracing) this.trace.push([this.env.now, p.name, 'serve', 'seat']);
  }

  /** A person's entity ends by release or free (the unit goes back to the inner resource). */
  private endHeld(p: StaffMember, h: Holder): void {
    // A batch without a closure: this is the hot path of every completed entity.
    const outer = this.inBatch;
    this.inBatch = true;
    try {
      const now = this.env.now;
      if (this.tracing) this.trace.push([now, p.name, 'done', entityOf(h)]);
      const leaving = p._state === 'leaving';
      if (leaving) {
        // Retire the leaving person's unit before it is given back, so it is not granted again.
        this.finishing--;
        this.resource.setCapacity(this.accepting + this.finishing, 'finish');
        endHolding(p, now, true);
        recordOvertime(p, now);
      } else {
        endHolding(p, now, true);
        this.pushFree(p);
      }
      if (h instanceof StaffRequest) this.resource.release(h.request);
      else this.resource.free();
      if (leaving) this.afterStop(p);
    } finally {
      this.inBatch = outer;
    }
    if (!outer) this.endBatch();
  }

  /**
   * At the end of each operation of the inner resource, match what its hook reported: grants whose
   * units were taken away free their person (in roster order), then queued requests that were granted
   * get a free person (in grant order).
   */
  private match(): void {
    if (this.matching) return; // the outer call picks up what nested operations report
    this.matching = true;
    try {
      while (this.taken.length > 0 || this.granted.length > 0) {
        if (this.taken.length > 0) {
          const taken = this.taken.sort(byPerson);
          this.taken = [];
          for (const w of taken) if (w.person !== null) this.lost(w.person, w);
          continue;
        }
        const granted = this.granted;
        this.granted = [];
        for (const w of granted) {
          if (w.request.status !== 'granted' || w.person !== null) continue;
          this.assign(w, this.free_.pop());
          w.succeed(w);
        }
      }
    } finally {
      this.matching = false;
    }
  }

  /** A request lost its unit outside {@link StaffedResource.release}. */
  private lost(p: StaffMember, h: StaffRequest): void {
    const now = this.env.now;
    if (this.tracing) this.trace.push([now, p.name, h.request.status, h.entity]);
    endHolding(p, now, h.request.status === 'released');
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
    recordOvertime(p, now);
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
      const f = p._current === null ? null : this.free_.pop();
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
          this.vacate();
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

function byPerson(a: StaffRequest, b: StaffRequest): number {
  return (a.person?.index ?? -1) - (b.person?.index ?? -1);
}

function staffStep(s: StaffedResource): void {
  s._fire();
}

/** The inner resource's seize callback: the seat's person was matched by the hook just before. */
function runSeat(seat: StaffSeat): void {
  seat._fn(seat._arg, seat);
}
