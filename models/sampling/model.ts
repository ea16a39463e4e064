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
}

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
  /** Ask for one unit; `fn(i)` runs when person `i` gets it (at once when one is free). */
  seize(fn: (i: number) => void, i: number): void;
  /** Give back the unit person `i` held. */
  free(i: number): void;
}

function station(sim: Simulation, name: string, staff: ResolvedStaff, size: number): Station {
  if (staff.kind === 'count') {
    const resource = new Resource(sim, { name, capacity: staff.count });
    return {
      name,
      resource,
      staffed: null,
      seize: (fn, i) => resource.seize(fn, i),
      free: () => resource.free(),
    };
  }
  const staffed = new StaffedResource(sim, {
    name,
    roster: staff.roster,
    positions: staff.positions,
    ...(staff.workLimit && { workLimit: staff.workLimit }),
  });
  // A person's seat, by arrival index, so that `free(i)` gives back the right person.
  const seats: (StaffSeat | undefined)[] = new Array(size);
  return {
    name,
    resource: staffed.resource,
    staffed,
    seize: (fn, i) =>
      staffed.seize((j: number, seat: StaffSeat) => {
        seats[j] = seat;
        fn(j);
      }, i),
    free: (i) => {
      const seat = seats[i]!;
      seats[i] = undefined;
      staffed.free(seat);
    },
  };
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
  private closed = false;
  private courierHandle = -1;
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
    this.courierHandle = sim.at(params.open + params.courier.every, this.courierRound, this);
  }

  // ---- arrivals ------------------------------------------------------------------------------------

  private nextArrival(): void {
    const k = this.arrived;
    if (k >= this.arrivalTimes.length) {
      this.endArrivals();
      return;
    }
    // One pending arrival per site keeps the calendar small (the rest wait in `arrivalTimes`).
    this.sim.at(Math.max(this.arrivalTimes[k]!, this.sim.now), this.arrive, this);
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
    self.marshals.seize(self.startCheck, i);
    self.nextArrival();
  };

  // ---- stages --------------------------------------------------------------------------------------

  private readonly startCheck = (i: number): void => {
    this.checkWaits[this.type[i] as number]!.observe(this.sim.now - this.since[i]!);
    this.where[i] = Where.SCheck;
    this.sim.schedule(this.params.checkTime.sample(this.rng.check), this.endCheck, i);
  };

  private readonly endCheck = (i: number): void => {
    this.marshals.free(i);
    this.since[i] = this.sim.now;
    this.where[i] = Where.QReg;
    this.laneOf(i).seize(this.startReg, i);
  };

  private laneOf(i: number): Station {
    return this.assistedClerks !== null && this.type[i] === 2 ? this.assistedClerks : this.clerks;
  }

  private readonly startReg = (i: number): void => {
    this.regWaits[this.type[i] as number]!.observe(this.sim.now - this.since[i]!);
    this.where[i] = Where.SReg;
    this.sim.schedule(this.reg[this.type[i] as number]!.sample(this.rng.reg), this.endReg, i);
  };

  private readonly endReg = (i: number): void => {
    this.laneOf(i).free(i);
    this.since[i] = this.sim.now;
    this.where[i] = Where.QSwab;
    this.swabbers.seize(this.startSwab, i);
  };

  private readonly startSwab = (i: number): void => {
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
    this.maybeClose();
  };

  private readonly freeSwabber = (i: number): void => {
    this.swabbers.free(i);
  };

  // ---- tubes and couriers --------------------------------------------------------------------------

  private seal(): void {
    this.tubesSealed++;
    this.box.push(this.sim.now);
    if (this.box.length >= this.params.courier.boxSize) this.dispatch();
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
  };

  private readonly courierRound = (self: SamplingSiteModel): void => {
    self.dispatch();
    if (!self.closed)
      self.courierHandle = self.sim.schedule(self.params.courier.every, self.courierRound, self);
  };

  /** After the last expected person is swabbed: seal the open tube, send a last courier, stop rounds. */
  private maybeClose(): void {
    if (this.closed || !this.arrivalsDone || this.tested < this.arrived) return;
    this.closed = true;
    if (this.swabsInTube > 0) {
      this.swabsInTube = 0;
      this.partialTubes++;
      this.tubesSealed++;
      this.box.push(this.sim.now);
    }
    this.dispatch();
    this.sim.cancel(this.courierHandle);
  }

  private readonly snapshot = (self: SamplingSiteModel): void => {
    self.atDeadline = self.whereNow();
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
    const c = new Array<number>(8).fill(0);
    for (let i = 0; i < this.arrived; i++) c[this.where[i]!]!++;
    return {
      time: this.sim.now,
      population: this.params.population,
      notArrived: this.params.population - this.arrived,
      queued: { check: c[Where.QCheck]!, registration: c[Where.QReg]!, swab: c[Where.QSwab]! },
      inService: { check: c[Where.SCheck]!, registration: c[Where.SReg]!, swab: c[Where.SSwab]! },
      tested: c[Where.Tested]!,
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
 * Where the people of a site are at one time. `notArrived + Σ queued + Σ inService + tested`
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
  /** People swabbed. */
  readonly tested: number;
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
