/**
 * Model-based test of multi-unit requests on {@link Resource} (test taxonomy (f)): random command
 * sequences with amounts 1 to 3 run against the real resource and against a naive reference written
 * for clarity (plain arrays, a full sort of the line on every look, victims found by sorting all
 * users). After every command the two must agree on the holders, the line, every status, the order
 * in which seize() callbacks were served, the capacity and every counter (counted in units).
 *
 * The reference states the rules in one place:
 * - grant at once if `amount` units are free and nobody at least as urgent waits;
 * - else a preempting request that is first in line (nobody at least as urgent waits), at a resource
 *   not above its capacity, takes the units of the fewest least urgent users (largest priority number,
 *   then latest granted, all less urgent than itself) whose units, with the free ones, reach its
 *   amount; if all of them together would not, it takes nobody's;
 * - else balk if `queueLimit` are waiting, else wait (smaller priority number first, FIFO);
 * - after every release, free, withdrawal and capacity change: serve the head of the line while its
 *   amount fits in the free units (nobody overtakes it), then let a preempting head take units as on
 *   arrival, and serve again;
 * - counters add amounts; `queued` is the units asked for by the waiting requests.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { Environment } from '../../src/kernel/index.js';
import type { Request, RequestStatus } from '../../src/resources/request.js';
import { type CapacityPolicy, Resource } from '../../src/resources/resource.js';

const SEED = 20220513;

// ------------------------------------------------------------------------------------------------
// The reference

interface RefRequest {
  readonly kind: 'request';
  readonly id: number;
  readonly priority: number;
  readonly preempt: boolean;
  /** Arrival order among everything that ever queued (FIFO key). */
  readonly seq: number;
  readonly amount: number;
  readonly deadline: number;
  status: RequestStatus;
  grantSeq: number;
}

interface RefSeize {
  readonly kind: 'seize';
  readonly id: number;
  readonly priority: number;
  readonly seq: number;
  readonly amount: number;
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

  request(priority: number, preempt: boolean, patience: number, amount: number): void {
    this.arrivals += amount;
    const r: RefRequest = {
      kind: 'request',
      id: this.requests.length,
      priority,
      preempt,
      seq: this.seq++,
      amount,
      deadline: this.now + patience,
      status: 'queued',
      grantSeq: 0,
    };
    this.requests.push(r);
    const line = this.line();
    const firstInLine = line.every((w) => w.priority > priority);
    if (this.busy + amount <= this.capacity && firstInLine) this.grant(r);
    else if (preempt && firstInLine && this.victims(r) !== undefined) {
      for (const v of this.victims(r)!) this.preemptUser(v);
      this.grant(r);
    } else if (line.length >= this.queueLimit) {
      r.status = 'balked';
      this.balked += amount;
    } else this.waiting.push(r);
  }

  seize(id: number, priority: number, amount: number): void {
    this.arrivals += amount;
    const firstInLine = this.waiting.every((w) => w.priority > priority);
    if (this.busy + amount <= this.capacity && firstInLine) this.grantSeize(id, amount);
    else this.waiting.push({ kind: 'seize', id, priority, seq: this.seq++, amount });
  }

  release(r: RefRequest): void {
    r.status = 'released';
    this.holders.splice(this.holders.indexOf(r), 1);
    this.busy -= r.amount;
    this.releases += r.amount;
    this.serve();
  }

  free(amount: number): void {
    this.callbackHolders -= amount;
    this.busy -= amount;
    this.releases += amount;
    this.serve();
  }

  withdraw(r: RefRequest, status: 'reneged' | 'cancelled'): void {
    r.status = status;
    this.waiting.splice(this.waiting.indexOf(r), 1);
    if (status === 'reneged') this.reneged += r.amount;
    else this.cancelled += r.amount;
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

  /** The users `r` would preempt to make room (fewest, least urgent first), or undefined if it cannot. */
  victims(r: RefRequest): RefRequest[] | undefined {
    if (this.busy > this.capacity) return undefined;
    const order = [...this.holders]
      .filter((h) => h.priority > r.priority)
      .sort((a, b) => b.priority - a.priority || b.grantSeq - a.grantSeq);
    const taken: RefRequest[] = [];
    let room = this.capacity - this.busy;
    for (const v of order) {
      if (room >= r.amount) break;
      taken.push(v);
      room += v.amount;
    }
    return room >= r.amount ? taken : undefined;
  }

  private serve(): void {
    for (;;) {
      let head = this.line()[0];
      while (head !== undefined && this.busy + head.amount <= this.capacity) {
        this.waiting.splice(this.waiting.indexOf(head), 1);
        if (head.kind === 'seize') this.grantSeize(head.id, head.amount);
        else this.grant(head);
        head = this.line()[0];
      }
      if (head === undefined || head.kind !== 'request' || !head.preempt) return;
      const vs = this.victims(head);
      if (vs === undefined) return;
      this.waiting.splice(this.waiting.indexOf(head), 1);
      for (const v of vs) this.preemptUser(v);
      this.grant(head);
    }
  }

  private grant(r: RefRequest): void {
    r.status = 'granted';
    r.grantSeq = ++this.grantSeq;
    this.holders.push(r);
    this.busy += r.amount;
    this.grants += r.amount;
  }

  private grantSeize(id: number, amount: number): void {
    this.callbackHolders += amount;
    this.busy += amount;
    this.grants += amount;
    this.seizeOrder.push(id);
  }

  private preemptUser(v: RefRequest): void {
    v.status = 'preempted';
    this.holders.splice(this.holders.indexOf(v), 1);
    this.busy -= v.amount;
    this.preemptions += v.amount;
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
      queued: m.waiting.reduce((n, w) => n + w.amount, 0),
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
    readonly amount: number,
  ) {}
  check(): boolean {
    return true;
  }
  run(m: RefResource, r: Real): void {
    m.request(this.priority, this.preempt, this.patience, this.amount);
    const options =
      this.patience === Number.POSITIVE_INFINITY
        ? { priority: this.priority, preempt: this.preempt, amount: this.amount }
        : { priority: this.priority, preempt: this.preempt, patience: this.patience, amount: this.amount };
    const q = r.res.request(options);
    r.ids.set(q, r.requests.length);
    r.requests.push(q);
    compare(m, r);
  }
  toString(): string {
    return `request(p=${this.priority}, amount=${this.amount}${this.preempt ? ', preempt' : ''}${this.patience === Number.POSITIVE_INFINITY ? '' : `, patience=${this.patience}`})`;
  }
}

class SeizeCmd implements Cmd {
  constructor(
    readonly priority: number,
    readonly amount: number,
  ) {}
  check(): boolean {
    return true;
  }
  run(m: RefResource, r: Real): void {
    const id = r.nextSeize++;
    m.seize(id, this.priority, this.amount);
    r.res.seize((n: number) => r.seizeOrder.push(n), id, this.priority, this.amount);
    compare(m, r);
  }
  toString(): string {
    return `seize(p=${this.priority}, amount=${this.amount})`;
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
  constructor(readonly amount: number) {}
  check(m: Readonly<RefResource>): boolean {
    return m.callbackHolders >= this.amount;
  }
  run(m: RefResource, r: Real): void {
    m.free(this.amount);
    r.res.free(this.amount);
    compare(m, r);
  }
  toString(): string {
    return `free(${this.amount})`;
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
const amount = fc.constantFrom(1, 1, 2, 3);
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
      amount,
    )
    .map(([p, pre, pat, a]) => new RequestCmd(p, pre, pat, a));
  const arbs: fc.Arbitrary<Cmd>[] = [
    request,
    request,
    request,
    fc.tuple(priority, amount).map(([p, a]) => new SeizeCmd(p, a)),
    fc.nat(20).map((k) => new ReleaseCmd(k)),
    fc.nat(20).map((k) => new ReleaseCmd(k)),
    fc.constantFrom(1, 2).map((a) => new FreeCmd(a)),
    fc.nat(20).map((k) => new CancelCmd(k)),
    fc.constantFrom(0.5, 1, 1.5).map((dt) => new AdvanceCmd(dt)),
  ];
  if (capacityChanges)
    arbs.push(
      fc
        .tuple(fc.integer({ min: 0, max: 6 }), fc.constantFrom<CapacityPolicy>('finish', 'preempt'))
        .map(([n, policy]) => new SetCapacityCmd(n, policy)),
    );
  // size 'max': sequences up to maxCommands long (the default size gives a handful of commands, too
  // few for lines to form behind preempting requests).
  return fc.commands(arbs, { maxCommands: 60, size: 'max' });
}

test.prop(
  [
    fc.integer({ min: 1, max: 6 }),
    fc.constantFrom(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, 0, 1, 3),
    commands(true),
  ],
  {
    seed: SEED,
    numRuns: 300,
  },
)(
  'multi-unit requests: Resource agrees with a naive reference after every command',
  (capacity, queueLimit, cmds) => {
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
  },
);

test.prop([fc.integer({ min: 3, max: 5 }), commands(false)], { seed: SEED + 1, numRuns: 100 })(
  'multi-unit requests, unbounded queue, no capacity drops: nothing is balked and busy never exceeds capacity',
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
