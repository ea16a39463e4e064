/**
 * The sampling-site model: people arrive, pass the health-code and temperature check, register and
 * are swabbed (the three areas of F7); swabs are pooled into tubes and tubes leave with a courier.
 *
 * The per-person flow uses the kernel's callback API (`seize`/`free`, `schedule`), not processes: an
 * area run pushes 120,000 people through in a fraction of a second. Per-person state lives in typed
 * arrays indexed by arrival number, so memory is a few bytes per person and no object is created per
 * person. Callbacks are bound once per site.
 *
 * Registration goes to the main clerks, or, when the site has an assisted lane, assisted people go
 * to the assisted clerks. Everyone then queues for one swab table in arrival order at that stage.
 * A swabber who fills a tube spends `tubeChange` more seconds (seal, label, open a new tube) before
 * taking the next person, so pooling costs swab capacity. Full tubes go into the transport box; a
 * courier leaves every `courier.every` seconds with whatever is boxed, or at once when the box holds
 * `boxSize` tubes. When the last expected person is swabbed the open tube is sealed and a last courier
 * leaves at once.
 *
 * Staff: a head count is a plain resource; a rostered role is a StaffedResource whose work limit
 * rotates people out for suit changes (positions stand empty during the changeover).
 *
 * How a site ends (see `closing.ts`): it is *finished* when everyone who came has left — swabbed, sent
 * home at the closing time, or left waiting at a stage whose staff will not come back (the roster's
 * last accepting time has passed: such people are *stranded*) — its tubes have reached the lab and
 * its deadline has passed. Nothing periodic outlives that: the courier round is rescheduled only
 * while the site is unfinished and its swab stage can still fill a tube, and a runner stops the
 * calendar at {@link SamplingSiteModel.finished} rather than waiting for rosters to run out.
 * People sent home or stranded may stay in their resource's queue record (a callback seize cannot
 * be withdrawn): if a unit is ever given to one of them, it is handed back at once and not counted as
 * served.
 *
 * @module
 */
import {
  type Distribution,
  Priority,
  Resource,
  type Rng,
  type Simulation,
  StaffedResource,
  type StaffSeat,
  Tally,
} from '../../src/index.js';
import { rosterGoneAt } from './closing.js';
import { PERSON_TYPES, type PersonType, type ResolvedSite, type ResolvedStaff } from './params.js';

/** The three stages of the site (F7). */
export const STAGES = ['check', 'registration', 'swab'] as const;

/**
 * A stage of the site: `check` (health code and temperature), `registration`, `swab`.
 *
 * @example
 * ```ts
 * const s: Stage = 'registration';
 * ```
 */
export type Stage = (typeof STAGES)[number];

/** Where a person is, per arrival index. */
enum Where {
  NotArrived = 0,
  QCheck = 1,
  SCheck = 2,
  QReg = 3,
  SReg = 4,
  QSwab = 5,
  SSwab = 6,
  Tested = 7,
  /** Left without a swab (sent home, or stranded with no staff to come back), by stage. */
  LeftCheck = 8,
  LeftReg = 9,
  LeftSwab = 10,
}

/** The `Left…` state of the stage whose queue (or service) state is `w`. */
function leftAt(w: Where): Where {
  return Where.LeftCheck + ((w - Where.QCheck) >> 1);
}

/**
 * Why a site's (or a run's) service ended:
 * - `all-served`: everyone who came was swabbed (before the closing time, if any);
 * - `closing-time`: the closing time came while people were still inside or still to come (they were
 *   sent home or turned away, or served in overtime: see the site's `closing` result);
 * - `no-staff-left`: people were left waiting at a stage whose rostered staff had all gone for good;
 * - `time-limit`: the run was stopped (a runner's `until`) before the site finished.
 *
 * @example
 * ```ts
 * if (r.endReason === 'no-staff-left') console.log(r.notServed.total, 'people were never swabbed');
 * ```
 */
export type EndReason = 'all-served' | 'closing-time' | 'no-staff-left' | 'time-limit';

/**
 * A role's units, whichever way it is staffed, behind one seize/free pair.
 *
 * @example
 * ```ts
 * const waiting = model.clerks.resource.queueLength; // people waiting for a clerk now
 * ```
 */
export interface Station {
  /** The role's name (`clerks`, `swabbers`, …), also its resource's name. */
  readonly name: string;
  /** The resource whose units are the role's people or tables. */
  readonly resource: Resource;
  /** The roster behind the resource when the role is staffed by named people, else null. */
  readonly staffed: StaffedResource | null;
  /** Time from which nobody in the role takes new work again (Infinity for a head count). */
  readonly goneAt: number;
  /** Units given back at once because the person had already left (not counted as served). */
  handedBack: number;
  /** Time a unit was last given back (NaN before any). */
  lastFree: number;
  /** Ask for one unit; `fn(i)` runs when person `i` gets it (at once when one is free). */
  seize(fn: (i: number) => void, i: number): void;
  /** Give back the unit person `i` held. */
  free(i: number): void;
}

function station(sim: Simulation, name: string, staff: ResolvedStaff, size: number): Station {
  if (staff.kind === 'count') {
    const resource = new Resource(sim, { name, capacity: staff.count });
    const st: Station = {
      name,
      resource,
      staffed: null,
      goneAt: Number.POSITIVE_INFINITY,
      handedBack: 0,
      lastFree: Number.NaN,
      seize: (fn, i) => resource.seize(fn, i),
      free: () => {
        st.lastFree = sim.now;
        resource.free();
      },
    };
    return st;
  }
  const staffed = new StaffedResource(sim, {
    name,
    roster: staff.roster,
    positions: staff.positions,
    ...(staff.workLimit && { workLimit: staff.workLimit }),
  });
  // A person's seat, by arrival index, so that `free(i)` gives back the right person.
  const seats: (StaffSeat | undefined)[] = new Array(size);
  const st: Station = {
    name,
    resource: staffed.resource,
    staffed,
    goneAt: rosterGoneAt(staff.roster),
    handedBack: 0,
    lastFree: Number.NaN,
    seize: (fn, i) =>
      staffed.seize((j: number, seat: StaffSeat) => {
        seats[j] = seat;
        fn(j);
      }, i),
    free: (i) => {
      const seat = seats[i]!;
      seats[i] = undefined;
      st.lastFree = sim.now;
      staffed.free(seat);
    },
  };
  return st;
}

/** Hook for the tubes a courier delivers (a lab, see models/lab.ts). */
export type DeliveryHook = (time: number, sealedAt: readonly number[]) => void;

/**
 * One sampling site installed in a {@link Simulation}. Create it with {@link SamplingSite.install} (or
 * `installSamplingSite`, inside the package); run the simulation; read {@link SamplingSite.results} (or
 * the live counters).
 *
 * @example
 * ```ts
 * const sim = new Simulation({ seed: 1 });
 * const site = installSamplingSite(sim, resolveSite({ population: 300 }));
 * sim.run();
 * site.tested; // 300
 * ```
 */
export class SamplingSiteModel {
  /** People who have arrived. */
  arrived = 0;
  /** People swabbed. */
  tested = 0;
  /** Time of the last swab (NaN before any). */
  lastSwab = Number.NaN;
  /** Tubes sealed (full, and the last partial one). */
  tubesSealed = 0;
  /** Of those, partial tubes (sealed at close with fewer than `pool` swabs). */
  partialTubes = 0;
  /** Tubes handed to a courier. */
  tubesDispatched = 0;
  /** Tubes delivered at the lab (after transport). */
  tubesDelivered = 0;
  /** Courier trips. */
  trips = 0;
  /** Time the last courier arrived at the lab (NaN before any). */
  lastDelivery = Number.NaN;
  /** Snapshot of where people were at the deadline (null until the deadline passes). */
  atDeadline: WhereCounts | null = null;
  /** People sent home at the closing time (`send-home` policy). */
  sentHome = 0;
  /** People left waiting at a stage whose staff will not come back. */
  stranded = 0;
  /** People turned away at the gate: they would have arrived after the closing time. */
  turnedAway = 0;
  /** The closing time came while people were inside or still to come. */
  closedEarly = false;
  /** Time the site finished (see the module comment), NaN until then. */
  finishedAt = Number.NaN;
  /** Called once when the site finishes (a runner sets it to stop the calendar). */
  onFinished: (() => void) | null = null;
  /** Waits in queue by stage and person type (seconds). */
  readonly waits: Record<Stage, Record<PersonType, Tally>>;
  /** Time from arrival to the end of the swab, by person type. */
  readonly sojourn: Record<PersonType, Tally>;
  /** Marshals at the health-code check (stage `check`). */
  readonly marshals: Station;
  /** Registration clerks of the main lane (all person types when there is no assisted lane). */
  readonly clerks: Station;
  /** Clerks of the separate assisted lane, or null when the site has none (`assistedClerks` 0). */
  readonly assistedClerks: Station | null;
  /** Swabbers, one per swab table (stage `swab`). */
  readonly swabbers: Station;

  private readonly type: Uint8Array;
  private readonly since: Float64Array;
  private readonly arrival: Float64Array;
  private readonly where: Uint8Array;
  private readonly testedByBin: number[] = [];
  private readonly arrivedByBin: number[] = [];
  private readonly rng: {
    arrivals: Rng;
    type: Rng;
    check: Rng;
    reg: Rng;
    swab: Rng;
    tube: Rng;
    courier: Rng;
  };
  /** Arrival times, drawn up front (the arrival stream is the site's own, so the draws are the same). */
  private readonly arrivalTimes: Float64Array;
  /** Waits before each stage, indexed by person type (0 qr, 1 id, 2 assisted): no string keys per person. */
  private readonly checkWaits: readonly Tally[];
  private readonly regWaits: readonly Tally[];
  private readonly swabWaits: readonly Tally[];
  private readonly sojournByType: readonly Tally[];
  private arrivalsDone = false;
  private swabsInTube = 0;
  private readonly box: number[] = [];
  /** Everyone who came has left: the open tube is sealed and the courier rounds stop. */
  private closed = false;
  private courierHandle = -1;
  /** Time of the last courier round (the opening before the first): the rounds' grid. */
  private lastRound: number;
  private arrivalHandle = -1;
  /** The `send-home` closing time has come: nobody starts a new step. */
  private sendHome = false;
  private deadlinePassed = false;
  /** People waiting for a swabber (the resource's queue record may also hold people who left). */
  private swabQueue = 0;
  private readonly cumType: Float64Array;
  private readonly reg: Distribution[];

  constructor(
    /** The simulation the site runs in. */
    readonly sim: Simulation,
    /** The resolved parameters. */
    readonly params: ResolvedSite,
    /** Prefix of stream and resource names (`site[3].`), so sites in one simulation stay apart. */
    readonly prefix = '',
    private readonly onDelivery: DeliveryHook | null = null,
  ) {
    const n = params.population;
    this.type = new Uint8Array(n);
    this.since = new Float64Array(n);
    this.arrival = new Float64Array(n);
    this.where = new Uint8Array(n);
    const s = (x: string) => sim.stream(`${prefix}${x}`);
    this.rng = {
      arrivals: s('arrivals'),
      type: s('type'),
      check: s('check'),
      reg: s('registration'),
      swab: s('swab'),
      tube: s('tube'),
      courier: s('courier'),
    };
    const tally = (x: string) => new Tally(`${prefix}${x}`);
    const byType = (x: string) => ({
      qr: tally(`${x}.qr`),
      id: tally(`${x}.id`),
      assisted: tally(`${x}.assisted`),
    });
    this.waits = {
      check: byType('wait.check'),
      registration: byType('wait.registration'),
      swab: byType('wait.swab'),
    };
    this.sojourn = byType('sojourn');
    const indexed = (r: Record<PersonType, Tally>) => PERSON_TYPES.map((t) => r[t]);
    this.checkWaits = indexed(this.waits.check);
    this.regWaits = indexed(this.waits.registration);
    this.swabWaits = indexed(this.waits.swab);
    this.sojournByType = indexed(this.sojourn);
    this.marshals = station(sim, `${prefix}marshals`, params.marshals, n);
    this.clerks = station(sim, `${prefix}clerks`, params.clerks, n);
    const lane = params.assistedClerks;
    this.assistedClerks =
      lane.kind === 'count' && lane.count === 0 ? null : station(sim, `${prefix}assistedClerks`, lane, n);
    this.swabbers = station(sim, `${prefix}swabbers`, params.swabbers, n);
    const m = params.mix;
    this.cumType = Float64Array.from([m.qr, m.qr + m.id, 1]);
    this.reg = PERSON_TYPES.map((t) => params.registration[t]);
    this.arrivalTimes = drawArrivals(params.arrivals.times(this.rng.arrivals), n);
    sim.at(Math.max(params.deadline, sim.now), this.snapshot, this, Priority.NORMAL);
    this.nextArrival();
    this.lastRound = params.open;
    this.courierHandle = sim.at(params.open + params.courier.every, this.courierRound, this);
    // When a role's last shift is over, whoever still waits for it is not served. After every staff
    // change due then (RELEASE) and every ordinary event (NORMAL) at that instant.
    for (const st of this.stations())
      if (Number.isFinite(st.goneAt)) sim.at(Math.max(st.goneAt, sim.now), this.staffGone, st, Priority.LATE);
    if (params.closing !== undefined) sim.at(Math.max(params.closing.at, sim.now), this.close, this);
  }

  private stations(): Station[] {
    return this.assistedClerks === null
      ? [this.marshals, this.clerks, this.swabbers]
      : [this.marshals, this.clerks, this.assistedClerks, this.swabbers];
  }

  // ---- arrivals ------------------------------------------------------------------------------------

  private nextArrival(): void {
    const k = this.arrived;
    if (k >= this.arrivalTimes.length) {
      this.endArrivals();
      return;
    }
    // One pending arrival per site keeps the calendar small (the rest wait in `arrivalTimes`).
    this.arrivalHandle = this.sim.at(Math.max(this.arrivalTimes[k]!, this.sim.now), this.arrive, this);
  }

  private endArrivals(): void {
    this.arrivalsDone = true;
    this.maybeClose();
  }

  private readonly arrive = (self: SamplingSiteModel): void => {
    const i = self.arrived++;
    const now = self.sim.now;
    const u = self.rng.type.next();
    const c = self.cumType;
    self.type[i] = u < c[0]! ? 0 : u < c[1]! ? 1 : 2;
    self.arrival[i] = now;
    self.since[i] = now;
    self.where[i] = Where.QCheck;
    bump(self.arrivedByBin, Math.floor((now - self.params.open) / self.params.bin));
    if (now >= self.marshals.goneAt) self.leave(i, Where.LeftCheck, false);
    else self.marshals.seize(self.startCheck, i);
    self.nextArrival();
  };

  // ---- stages --------------------------------------------------------------------------------------

  private readonly startCheck = (i: number): void => {
    if (this.where[i] !== Where.QCheck) {
      this.handBack(this.marshals, i);
      return;
    }
    this.checkWaits[this.type[i] as number]!.observe(this.sim.now - this.since[i]!);
    this.where[i] = Where.SCheck;
    this.sim.schedule(this.params.checkTime.sample(this.rng.check), this.endCheck, i);
  };

  private readonly endCheck = (i: number): void => {
    this.marshals.free(i);
    this.since[i] = this.sim.now;
    this.where[i] = Where.QReg;
    const lane = this.laneOf(i);
    if (this.sendHome) this.leave(i, Where.LeftReg, true);
    else if (this.sim.now >= lane.goneAt) this.leave(i, Where.LeftReg, false);
    else lane.seize(this.startReg, i);
  };

  private laneOf(i: number): Station {
    return this.assistedClerks !== null && this.type[i] === 2 ? this.assistedClerks : this.clerks;
  }

  private readonly startReg = (i: number): void => {
    if (this.where[i] !== Where.QReg) {
      this.handBack(this.laneOf(i), i);
      return;
    }
    this.regWaits[this.type[i] as number]!.observe(this.sim.now - this.since[i]!);
    this.where[i] = Where.SReg;
    this.sim.schedule(this.reg[this.type[i] as number]!.sample(this.rng.reg), this.endReg, i);
  };

  private readonly endReg = (i: number): void => {
    this.laneOf(i).free(i);
    this.since[i] = this.sim.now;
    this.where[i] = Where.QSwab;
    if (this.sendHome) this.leave(i, Where.LeftSwab, true);
    else if (this.sim.now >= this.swabbers.goneAt) this.leave(i, Where.LeftSwab, false);
    else {
      this.swabQueue++;
      this.swabbers.seize(this.startSwab, i);
    }
  };

  private readonly startSwab = (i: number): void => {
    if (this.where[i] !== Where.QSwab) {
      this.handBack(this.swabbers, i);
      return;
    }
    this.swabQueue--;
    this.swabWaits[this.type[i] as number]!.observe(this.sim.now - this.since[i]!);
    this.where[i] = Where.SSwab;
    this.sim.schedule(this.params.swabTime.sample(this.rng.swab), this.endSwab, i);
  };

  private readonly endSwab = (i: number): void => {
    const now = this.sim.now;
    this.where[i] = Where.Tested;
    this.tested++;
    this.lastSwab = now;
    this.sojournByType[this.type[i] as number]!.observe(now - this.arrival[i]!);
    bump(this.testedByBin, Math.floor((now - this.params.open) / this.params.bin));
    if (++this.swabsInTube === this.params.pool) {
      this.swabsInTube = 0;
      this.seal();
      // The swabber seals and labels the full tube before taking the next person.
      this.sim.schedule(this.params.tubeChange.sample(this.rng.tube), this.freeSwabber, i);
    } else this.swabbers.free(i);
    this.sealIfSwabbersGone();
    this.maybeClose();
  };

  private readonly freeSwabber = (i: number): void => {
    this.swabbers.free(i);
    this.sealIfSwabbersGone();
  };

  // ---- people who leave without a swab -------------------------------------------------------------

  /** Person `i` leaves at the stage `where` names: sent home at closing, or stranded. */
  private leave(i: number, where: Where, sentHome: boolean): void {
    if (this.where[i] === Where.QSwab) this.swabQueue--;
    this.where[i] = where;
    if (sentHome) this.sentHome++;
    else this.stranded++;
    this.maybeClose();
  }

  /**
   * A unit was given to someone who had already left: give it back at the end of this instant (not
   * inside the grant, which would recurse through the queue) and do not count it as served.
   */
  private handBack(st: Station, i: number): void {
    st.handedBack++;
    this.sim.schedule(
      0,
      st === this.marshals ? this.freeMarshal : st === this.swabbers ? this.freeSwabber : this.freeClerk,
      i,
    );
  }

  private readonly freeMarshal = (i: number): void => {
    this.marshals.free(i);
  };

  private readonly freeClerk = (i: number): void => {
    this.laneOf(i).free(i);
  };

  /** The stage queue state a station serves. */
  private queueOf(st: Station): Where {
    return st === this.marshals ? Where.QCheck : st === this.swabbers ? Where.QSwab : Where.QReg;
  }

  /** A role's last shift is over: whoever still waits for it will not be served. */
  private readonly staffGone = (st: Station): void => {
    if (this.closed) return;
    const q = this.queueOf(st);
    for (let i = 0; i < this.arrived; i++)
      if (this.where[i] === q && (q !== Where.QReg || this.laneOf(i) === st)) this.leave(i, leftAt(q), false);
    if (st === this.swabbers) this.sealIfSwabbersGone();
    this.maybeClose();
  };

  /** The closing time: shut the gate; with `send-home`, send everyone waiting home. */
  private readonly close = (self: SamplingSiteModel): void => {
    if (self.closed) return;
    self.closedEarly = true;
    if (!self.arrivalsDone) {
      self.turnedAway = self.arrivalTimes.length - self.arrived;
      self.sim.cancel(self.arrivalHandle);
      self.arrivalsDone = true;
    }
    if (self.params.closing!.policy === 'send-home') {
      self.sendHome = true;
      for (let i = 0; i < self.arrived; i++) {
        const w = self.where[i]!;
        if (w === Where.QCheck || w === Where.QReg || w === Where.QSwab) self.leave(i, leftAt(w), true);
      }
    }
    self.maybeClose();
  };

  // ---- tubes and couriers --------------------------------------------------------------------------

  /** Swabbers who leave for good seal their open tube: its swabs go with the next courier. */
  private sealIfSwabbersGone(): void {
    if (this.swabsInTube === 0 || this.sim.now < this.swabbers.goneAt || this.swabbers.resource.busy > 0)
      return;
    this.swabsInTube = 0;
    this.partialTubes++;
    this.seal();
  }

  private seal(): void {
    this.tubesSealed++;
    this.box.push(this.sim.now);
    if (this.box.length >= this.params.courier.boxSize) this.dispatch();
    else this.resumeRounds();
  }

  private dispatch(): void {
    if (this.box.length === 0) return;
    const tubes = this.box.splice(0, this.box.length);
    this.tubesDispatched += tubes.length;
    this.trips++;
    this.sim.schedule(this.params.courier.transport.sample(this.rng.courier), this.deliver, tubes);
  }

  private readonly deliver = (tubes: number[]): void => {
    this.tubesDelivered += tubes.length;
    this.lastDelivery = this.sim.now;
    this.onDelivery?.(this.sim.now, tubes);
    this.maybeFinish();
  };

  private readonly courierRound = (self: SamplingSiteModel): void => {
    self.courierHandle = -1;
    self.lastRound = self.sim.now;
    self.dispatch();
    if (!self.closed && self.swabStageActive())
      self.courierHandle = self.sim.schedule(self.params.courier.every, self.courierRound, self);
  };

  /**
   * Whether the next round could find a tube: someone is at the swab stage (waiting, being swabbed,
   * or a swabber sealing a tube). When nobody is, the rounds pause, so a site waiting for staff who return much
   * later (or never) keeps nothing on the calendar; the next sealed tube resumes them on the same grid.
   */
  private swabStageActive(): boolean {
    return this.swabbers.resource.busy > 0 || this.swabQueue > 0;
  }

  /** A tube went into the box while the rounds paused: resume them at the next round time. */
  private resumeRounds(): void {
    if (this.courierHandle >= 0 || this.closed) return;
    const every = this.params.courier.every;
    let t = this.lastRound + every;
    // Added up round by round, as a running round does, so the times match to the bit; a long pause
    // is skipped in one step.
    const skip = Math.floor((this.sim.now - t) / every);
    if (skip > 64) t += skip * every;
    while (t <= this.sim.now) t += every;
    this.courierHandle = this.sim.at(t, this.courierRound, this);
  }

  /**
   * After everyone who came has left (swabbed, sent home or stranded) and nobody else can come: seal
   * the open tube, send a last courier, stop the rounds.
   */
  private maybeClose(): void {
    if (this.closed || !this.arrivalsDone || this.tested + this.sentHome + this.stranded < this.arrived)
      return;
    this.closed = true;
    if (this.swabsInTube > 0) {
      this.swabsInTube = 0;
      this.partialTubes++;
      this.tubesSealed++;
      this.box.push(this.sim.now);
    }
    this.dispatch();
    this.sim.cancel(this.courierHandle);
    this.courierHandle = -1;
    this.maybeFinish();
  }

  /** Finished: everyone has left, every tube has reached the lab, the deadline has passed. */
  private maybeFinish(): void {
    if (
      !this.closed ||
      !this.deadlinePassed ||
      this.tubesDelivered < this.tubesDispatched ||
      !Number.isNaN(this.finishedAt)
    )
      return;
    this.finishedAt = this.sim.now;
    this.onFinished?.();
  }

  /** True once the site has finished (see the module comment). */
  get finished(): boolean {
    return !Number.isNaN(this.finishedAt);
  }

  /**
   * Why the site's service ended, judged now: `time-limit` while it has not finished.
   *
   * @example
   * ```ts
   * sim.run(); site.endReason(); // 'all-served'
   * ```
   */
  endReason(): EndReason {
    if (!this.finished) return 'time-limit';
    if (this.stranded > 0) return 'no-staff-left';
    return this.closedEarly ? 'closing-time' : 'all-served';
  }

  private readonly snapshot = (self: SamplingSiteModel): void => {
    self.atDeadline = self.whereNow();
    self.deadlinePassed = true;
    self.maybeFinish();
  };

  /**
   * Where everyone assigned to the site is now; the counts add up to the population.
   *
   * @example
   * ```ts
   * const w = site.whereNow(); // w.tested + w.queued.swab + ... + w.notArrived === population
   * ```
   */
  whereNow(): WhereCounts {
    const c = new Array<number>(11).fill(0);
    for (let i = 0; i < this.arrived; i++) c[this.where[i]!]!++;
    return {
      time: this.sim.now,
      population: this.params.population,
      notArrived: this.params.population - this.arrived,
      queued: { check: c[Where.QCheck]!, registration: c[Where.QReg]!, swab: c[Where.QSwab]! },
      inService: { check: c[Where.SCheck]!, registration: c[Where.SReg]!, swab: c[Where.SSwab]! },
      left: { check: c[Where.LeftCheck]!, registration: c[Where.LeftReg]!, swab: c[Where.LeftSwab]! },
      tested: c[Where.Tested]!,
    };
  }

  /**
   * People who came and were not swabbed, by the stage where they waited (or were being served, when
   * the run stopped early): how many, and since when they waited there (the earliest and the mean
   * time they reached that stage, simulated seconds; null when nobody).
   *
   * @example
   * ```ts
   * site.notServed().byStage.swab.count; // people never swabbed who got as far as the swab queue
   * ```
   */
  notServed(): NotServed {
    const n = [0, 0, 0];
    const sum = [0, 0, 0];
    const first = [Infinity, Infinity, Infinity];
    for (let i = 0; i < this.arrived; i++) {
      const w = this.where[i]!;
      if (w === Where.Tested) continue;
      const k = w >= Where.LeftCheck ? w - Where.LeftCheck : (w - Where.QCheck) >> 1;
      n[k]!++;
      sum[k]! += this.since[i]!;
      if (this.since[i]! < first[k]!) first[k] = this.since[i]!;
    }
    const row = (k: number): NotServedAt => ({
      count: n[k]!,
      earliestSince: n[k]! > 0 ? first[k]! : null,
      meanSince: n[k]! > 0 ? sum[k]! / n[k]! : null,
    });
    return {
      total: n[0]! + n[1]! + n[2]!,
      byStage: { check: row(0), registration: row(1), swab: row(2) },
    };
  }

  /** People tested per bin (index 0 starts at the opening). */
  testedSeries(): readonly number[] {
    return this.testedByBin;
  }

  /** People arrived per bin. */
  arrivedSeries(): readonly number[] {
    return this.arrivedByBin;
  }
}

/**
 * Where the people of a site are at one time. `notArrived + Σ queued + Σ inService + Σ left + tested`
 * equals `population`.
 *
 * @example
 * ```ts
 * const w: WhereCounts = site.whereNow();
 * ```
 */
export interface WhereCounts {
  /** Simulated time of the counts. */
  readonly time: number;
  /** People assigned to the site. */
  readonly population: number;
  /** Not yet arrived (not reached), including people an arrival process never produced. */
  readonly notArrived: number;
  /** People waiting for each stage. */
  readonly queued: Readonly<Record<Stage, number>>;
  /** People being served at each stage. */
  readonly inService: Readonly<Record<Stage, number>>;
  /** People who left without a swab (sent home at closing, or stranded with no staff to come back), by the stage where they waited. */
  readonly left: Readonly<Record<Stage, number>>;
  /** People swabbed. */
  readonly tested: number;
}

/**
 * People not served at one stage.
 *
 * @example
 * ```ts
 * const s: NotServedAt = { count: 760, earliestSince: 123, meanSince: 312 };
 * ```
 */
export interface NotServedAt {
  /** People not served who last waited at (or were being served at) this stage. */
  readonly count: number;
  /** Earliest time one of them reached the stage, simulated seconds (null when `count` is 0). */
  readonly earliestSince: number | null;
  /** Mean time they reached the stage, simulated seconds (null when `count` is 0). */
  readonly meanSince: number | null;
}

/**
 * People who came to a site and were not swabbed. `arrived = tested + total`.
 *
 * @example
 * ```ts
 * const ns: NotServed = site.notServed();
 * ```
 */
export interface NotServed {
  /** All of them. */
  readonly total: number;
  /** By the stage where they waited. */
  readonly byStage: Readonly<Record<Stage, NotServedAt>>;
}

/** Up to `max` times from an arrival process (fewer if it ends first), in order. */
function drawArrivals(times: Iterator<number, unknown>, max: number): Float64Array {
  const out = new Float64Array(max);
  let k = 0;
  while (k < max) {
    const r = times.next();
    if (r.done) break;
    out[k++] = r.value;
  }
  return k === max ? out : out.slice(0, k);
}

function bump(a: number[], k: number): void {
  while (a.length <= k) a.push(0);
  a[k]!++;
}

/**
 * Build a site's resources and arrivals in `sim`. Stream and resource names start with `prefix`.
 *
 * @example
 * ```ts
 * const site = installSamplingSite(sim, resolveSite({ population: 300 }), 'site[0].');
 * ```
 */
export function installSamplingSite(
  sim: Simulation,
  params: ResolvedSite,
  prefix = '',
  onDelivery: DeliveryHook | null = null,
): SamplingSiteModel {
  return new SamplingSiteModel(sim, params, prefix, onDelivery);
}
