/**
 * Model-based test of {@link Resource} (test taxonomy (f)): random command sequences run against the
 * real resource and against a naive reference written for clarity, not speed (plain arrays, a full
 * sort of the waiting line on every look, linear scans for victims). After every command the two must
 * agree on the holders, the order of the waiting line, the status of every request, the order in which
 * seize() callbacks were served, the capacity and every counter.
 *
 * Commands: request(priority, preempt, patience), seize(priority), release a holder, free a seize()
 * unit, cancel a waiting request, advance the clock (patience timers fire), setCapacity(n, policy).
 * Requests are made from outside any process, so preemption moves units without interrupts; the
 * interrupt side is covered by the log and property tests.
 *
 * The reference states the rules in one place:
 * - grant at once if a unit is free and nobody waits;
 * - else a preempting request that is first in line (nobody at least as urgent waits) takes the unit
 *   of the least urgent user (largest priority number, then latest granted), if the resource is
 *   exactly full and such a user exists;
 * - else balk if `queueLimit` are waiting, else wait (smaller priority number first, FIFO);
 * - after every release, free, withdrawal and capacity change: serve the line while units are free,
 *   then let a preempting request at the head take a less urgent user's unit while the resource is
 *   exactly full;
 * - patience timers fire in (due time, order of the requests) and only strictly before the time the
 *   clock is advanced to (run(until) leaves entries due at `until` on the calendar).
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { Environment } from '../../src/kernel/index.js';
import type { Request, RequestStatus } from '../../src/resources/request.js';
import { type CapacityPolicy, Resource } from '../../src/resources/resource.js';

const SEED = 20220413;

// ------------------------------------------------------------------------------------------------
// The reference

interface RefRequest {
  readonly kind: 'request';
  readonly id: number;
  readonly priority: number;
  readonly preempt: boolean;
  /** Arrival order among everything that ever queued (FIFO key). */
  readonly seq: number;
  readonly deadline: number;
  status: RequestStatus;
  grantSeq: number;
}

interface RefSeize {
  readonly kind: 'seize';
  readonly id: number;
  readonly priority: number;
  readonly seq: number;
}

type RefItem = RefRequest | RefSeize;

class RefResource {
  now = 0;
  capacity: number;
  busy = 0;
  callbackHolders = 0;
  arrivals = 0;
  grants = 0;
  releases = 0;
  preemptions = 0;
  reneged = 0;
  balked = 0;
  cancelled = 0;
  preemptors = false;
  readonly requests: RefRequest[] = [];
  readonly waiting: RefItem[] = [];
  readonly holders: RefRequest[] = [];
  readonly seizeOrder: number[] = [];
  private seq = 0;
  private grantSeq = 0;

  constructor(
    capacity: number,
    readonly queueLimit: number,
  ) {
    this.capacity = capacity;
  }

  /** The waiting line in service order: sorted from scratch every time. */
  line(): RefItem[] {
    return [...this.waiting].sort((a, b) => a.priority - b.priority || a.seq - b.seq);
  }

  request(priority: number, preempt: boolean, patience: number): void {
    this.arrivals++;
    if (preempt) this.preemptors = true;
    const r: RefRequest = {
      kind: 'request',
      id: this.requests.length,
      priority,
      preempt,
      seq: this.seq++,
      deadline: this.now + patience,
      status: 'queued',
      grantSeq: 0,
    };
    this.requests.push(r);
    const line = this.line();
    const firstInLine = line.every((w) => w.priority > priority);
    if (this.busy < this.capacity && line.length === 0) this.grant(r);
    else if (preempt && firstInLine && this.busy === this.capacity && this.victim(priority)) {
      this.preemptUser(this.victim(priority)!);
      this.grant(r);
    } else if (line.length >= this.queueLimit) {
      r.status = 'balked';
      this.balked++;
    } else this.waiting.push(r);
  }

  seize(id: number, priority: number): void {
    this.arrivals++;
    if (this.busy < this.capacity && this.waiting.length === 0) this.grantSeize(id);
    else this.waiting.push({ kind: 'seize', id, priority, seq: this.seq++ });
  }

  release(r: RefRequest): void {
    r.status = 'released';
    this.holders.splice(this.holders.indexOf(r), 1);
    this.busy--;
    this.releases++;
    this.serve();
  }

  free(): void {
    this.callbackHolders--;
    this.busy--;
    this.releases++;
    this.serve();
  }

  withdraw(r: RefRequest, status: 'reneged' | 'cancelled'): void {
    r.status = status;
    this.waiting.splice(this.waiting.indexOf(r), 1);
    if (status === 'reneged') this.reneged++;
    else this.cancelled++;
    this.serve();
  }

  advance(to: number): void {
    for (;;) {
      const due = this.waiting
        .filter((w): w is RefRequest => w.kind === 'request' && w.deadline < to)
        .sort((a, b) => a.deadline - b.deadline || a.id - b.id);
      const first = due[0];
      if (first === undefined) break;
      this.now = first.deadline;
      this.withdraw(first, 'reneged');
    }
    this.now = to;
  }

  setCapacity(n: number, policy: CapacityPolicy): void {
    this.capacity = n;
    if (policy === 'preempt')
      while (this.busy > n) {
        const v = this.victim(Number.NEGATIVE_INFINITY);
        if (v === undefined) break;
        this.preemptUser(v);
      }
    this.serve();
  }

  /** Least urgent request user with a priority number above `than`: largest number, then latest granted. */
  victim(than: number): RefRequest | undefined {
    return [...this.holders]
      .filter((h) => h.priority > than)
      .sort((a, b) => b.priority - a.priority || b.grantSeq - a.grantSeq)[0];
  }

  private serve(): void {
    for (;;) {
      let head = this.line()[0];
      while (this.busy < this.capacity && head !== undefined) {
        this.waiting.splice(this.waiting.indexOf(head), 1);
        if (head.kind === 'seize') this.grantSeize(head.id);
        else this.grant(head);
        head = this.line()[0];
      }
      if (head === undefined || head.kind !== 'request' || !head.preempt) return;
      if (this.busy !== this.capacity) return;
      const v = this.victim(head.priority);
      if (v === undefined) return;
      this.waiting.splice(this.waiting.indexOf(head), 1);
      this.preemptUser(v);
      this.grant(head);
    }
  }

  private grant(r: RefRequest): void {
    r.status = 'granted';
    r.grantSeq = ++this.grantSeq;
    this.holders.push(r);
    this.busy++;
    this.grants++;
  }

  private grantSeize(id: number): void {
    this.callbackHolders++;
    this.busy++;
    this.grants++;
    this.seizeOrder.push(id);
  }

  private preemptUser(v: RefRequest): void {
    v.status = 'preempted';
    this.holders.splice(this.holders.indexOf(v), 1);
    this.busy--;
    this.preemptions++;
  }
}

// ------------------------------------------------------------------------------------------------
// The real system and the comparison

interface Real {
  readonly env: Environment;
  readonly res: Resource;
  readonly requests: Request[];
  readonly ids: Map<Request, number>;
  readonly seizeOrder: number[];
  nextSeize: number;
}

function compare(m: RefResource, r: Real): void {
  const id = (q: Request) => r.ids.get(q)!;
  const actual = {
    now: r.env.now,
    capacity: r.res.capacity,
    available: r.res.available,
    holders: r.res.holders.map(id).sort((a, b) => a - b),
    line: r.res.waitingRequests.map(id),
    statuses: r.requests.map((q) => q.status),
    seizeOrder: r.seizeOrder,
    accounting: r.res.accounting(),
  };
  const expected = {
    now: m.now,
    capacity: m.capacity,
    available: Math.max(0, m.capacity - m.busy),
    holders: m.holders.map((h) => h.id).sort((a, b) => a - b),
    line: m
      .line()
      .filter((w) => w.kind === 'request')
      .map((w) => w.id),
    statuses: m.requests.map((q) => q.status),
    seizeOrder: m.seizeOrder,
    accounting: {
      arrivals: m.arrivals,
      grants: m.grants,
      releases: m.releases,
      preemptions: m.preemptions,
      reneged: m.reneged,
      balked: m.balked,
      cancelled: m.cancelled,
      queued: m.waiting.length,
      busy: m.busy,
    },
  };
  expect(actual).toEqual(expected);
}

type Cmd = fc.Command<RefResource, Real>;

class RequestCmd implements Cmd {
  constructor(
    readonly priority: number,
    readonly preempt: boolean,
    readonly patience: number,
  ) {}
  check(): boolean {
    return true;
  }
  run(m: RefResource, r: Real): void {
    m.request(this.priority, this.preempt, this.patience);
    const options =
      this.patience === Number.POSITIVE_INFINITY
        ? { priority: this.priority, preempt: this.preempt }
        : { priority: this.priority, preempt: this.preempt, patience: this.patience };
    const q = r.res.request(options);
    r.ids.set(q, r.requests.length);
    r.requests.push(q);
    compare(m, r);
  }
  toString(): string {
    return `request(p=${this.priority}${this.preempt ? ', preempt' : ''}${this.patience === Number.POSITIVE_INFINITY ? '' : `, patience=${this.patience}`})`;
  }
}

class SeizeCmd implements Cmd {
  constructor(readonly priority: number) {}
  check(): boolean {
    return true;
  }
  run(m: RefResource, r: Real): void {
    const id = r.nextSeize++;
    m.seize(id, this.priority);
    r.res.seize((n: number) => r.seizeOrder.push(n), id, this.priority);
    compare(m, r);
  }
  toString(): string {
    return `seize(p=${this.priority})`;
  }
}

class ReleaseCmd implements Cmd {
  constructor(readonly pick: number) {}
  check(m: Readonly<RefResource>): boolean {
    return m.holders.length > 0;
  }
  run(m: RefResource, r: Real): void {
    const ids = m.holders.map((h) => h.id).sort((a, b) => a - b);
    const id = ids[this.pick % ids.length]!;
    m.release(m.requests[id]!);
    r.res.release(r.requests[id]!);
    compare(m, r);
  }
  toString(): string {
    return `release(holder #${this.pick})`;
  }
}

class FreeCmd implements Cmd {
  check(m: Readonly<RefResource>): boolean {
    return m.callbackHolders > 0;
  }
  run(m: RefResource, r: Real): void {
    m.free();
    r.res.free();
    compare(m, r);
  }
  toString(): string {
    return 'free()';
  }
}

class CancelCmd implements Cmd {
  constructor(readonly pick: number) {}
  check(m: Readonly<RefResource>): boolean {
    return m.waiting.some((w) => w.kind === 'request');
  }
  run(m: RefResource, r: Real): void {
    const ids = m.waiting
      .filter((w) => w.kind === 'request')
      .map((w) => w.id)
      .sort((a, b) => a - b);
    const id = ids[this.pick % ids.length]!;
    m.withdraw(m.requests[id]!, 'cancelled');
    r.requests[id]!.cancel();
    compare(m, r);
  }
  toString(): string {
    return `cancel(waiter #${this.pick})`;
  }
}

class AdvanceCmd implements Cmd {
  constructor(readonly dt: number) {}
  check(): boolean {
    return true;
  }
  run(m: RefResource, r: Real): void {
    m.advance(m.now + this.dt);
    r.env.run(r.env.now + this.dt);
    compare(m, r);
  }
  toString(): string {
    return `advance(${this.dt})`;
  }
}

class SetCapacityCmd implements Cmd {
  constructor(
    readonly capacity: number,
    readonly policy: CapacityPolicy,
  ) {}
  check(): boolean {
    return true;
  }
  run(m: RefResource, r: Real): void {
    m.setCapacity(this.capacity, this.policy);
    r.res.setCapacity(this.capacity, this.policy);
    compare(m, r);
  }
  toString(): string {
    return `setCapacity(${this.capacity}, ${this.policy})`;
  }
}

// Times are multiples of 0.5 so that `now + patience` is exact and ties at one instant are common.
const priority = fc.constantFrom(0, 1, 2);
/**
 * The command mix; `capacityChanges: false` leaves out setCapacity. Requests come three times as often
 * as the other commands so that lines form, and three priority levels make ties common.
 */
function commands(capacityChanges: boolean) {
  const request = fc
    .tuple(
      priority,
      fc.boolean(),
      fc.constantFrom(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, 0, 0.5, 1, 2.5),
    )
    .map(([p, pre, pat]) => new RequestCmd(p, pre, pat));
  const arbs: fc.Arbitrary<Cmd>[] = [
    request,
    request,
    request,
    priority.map((p) => new SeizeCmd(p)),
    fc.nat(20).map((k) => new ReleaseCmd(k)),
    fc.nat(20).map((k) => new ReleaseCmd(k)),
    fc.constant(new FreeCmd()),
    fc.nat(20).map((k) => new CancelCmd(k)),
    fc.constantFrom(0.5, 1, 1.5).map((dt) => new AdvanceCmd(dt)),
  ];
  if (capacityChanges)
    arbs.push(
      fc
        .tuple(fc.integer({ min: 0, max: 4 }), fc.constantFrom<CapacityPolicy>('finish', 'preempt'))
        .map(([n, policy]) => new SetCapacityCmd(n, policy)),
    );
  // size 'max': sequences up to maxCommands long (the default size gives a handful of commands, too
  // few for lines to form behind preempting requests).
  return fc.commands(arbs, { maxCommands: 60, size: 'max' });
}

test.prop(
  [
    fc.integer({ min: 1, max: 4 }),
    fc.constantFrom(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, 0, 1, 3),
    commands(true),
  ],
  {
    seed: SEED,
    numRuns: 300,
  },
)('Resource agrees with a naive reference after every command', (capacity, queueLimit, cmds) => {
  const env = new Environment();
  const real: Real = {
    env,
    res: new Resource(env, { name: 'res', capacity, queueLimit }),
    requests: [],
    ids: new Map(),
    seizeOrder: [],
    nextSeize: 0,
  };
  fc.modelRun(() => ({ model: new RefResource(capacity, queueLimit), real }), cmds);
});

test.prop([fc.integer({ min: 1, max: 3 }), commands(false)], { seed: SEED + 1, numRuns: 100 })(
  'with an unbounded queue and no capacity drops, nothing is balked and busy never exceeds capacity',
  (capacity, cmds) => {
    const env = new Environment();
    const res = new Resource(env, { name: 'res', capacity });
    const real: Real = { env, res, requests: [], ids: new Map(), seizeOrder: [], nextSeize: 0 };
    let worst = 0;
    res.observer = {
      changed(_t, busy, _q, cap) {
        worst = Math.max(worst, busy - cap);
      },
    };
    fc.modelRun(() => ({ model: new RefResource(capacity, Number.POSITIVE_INFINITY), real }), cmds);
    expect([res.balked, worst]).toEqual([0, 0]);
  },
);
