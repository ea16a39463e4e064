/**
 * Property tests of {@link Resource} (test taxonomy (d)) on random small models: customers arrive at
 * random times with random service times, priorities, preemption, patience and outside interrupts;
 * some use the callback API (seize/free); the capacity may change during the run ('finish' or
 * 'preempt'). Times are multiples of 0.5 so that many things happen at the same instant.
 *
 * Properties:
 * - busy never exceeds the capacity, except while a lowered capacity is being worked down, and then
 *   no unit is granted (checked by an observer at every change);
 * - the accounting identities `arrivals = grants + reneged + balked + cancelled + queued` and
 *   `grants = releases + preemptions + busy` hold at every change, at random probe times and at the
 *   end; at the probes the resource's lists agree with the requests' statuses;
 * - nothing is lost: at the end every customer has exactly one outcome and every request has a final
 *   status, whose counts equal the counters;
 * - FIFO among equal priorities: requests (and seizes) of one priority are granted in the order they
 *   were made; a reneging request waited exactly its patience;
 * - the same model gives the same trace, also after other models ran in between.
 *
 * Seeds are fixed so that a failure replays; fast-check prints the seed and path of any failure.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { Environment, Interrupt, Priority } from '../../src/kernel/index.js';
import { Preempted, type Request } from '../../src/resources/request.js';
import { type CapacityPolicy, Resource } from '../../src/resources/resource.js';

const SEED = 20220413;

interface Customer {
  readonly arrive: number;
  readonly service: number;
  readonly priority: number;
  readonly preempt: boolean;
  readonly patience: number | undefined;
  /** Time after arrival at which an outside interrupt comes (undefined: never). */
  readonly interruptAfter: number | undefined;
  /** What a preempted customer does: leave, or re-request its remaining work (up to 3 times). */
  readonly onPreempt: 'leave' | 'retry';
  readonly style: 'process' | 'callback';
}

interface Model {
  readonly capacity: number;
  readonly queueLimit: number;
  readonly customers: readonly Customer[];
  readonly changes: readonly { at: number; capacity: number; policy: CapacityPolicy }[];
  readonly probes: readonly number[];
}

const halfSteps = (max: number) => fc.integer({ min: 0, max: 2 * max }).map((k) => k / 2);

const customerArb: fc.Arbitrary<Customer> = fc.record({
  arrive: halfSteps(12),
  service: halfSteps(5).map((s) => s + 0.5),
  priority: fc.constantFrom(0, 1, 2),
  preempt: fc.boolean(),
  patience: fc.option(halfSteps(6), { nil: undefined }),
  interruptAfter: fc.option(
    halfSteps(8).map((t) => t + 0.5),
    { nil: undefined, freq: 4 },
  ),
  onPreempt: fc.constantFrom<'leave' | 'retry'>('leave', 'retry'),
  style: fc.constantFrom<'process' | 'callback'>('process', 'process', 'process', 'callback'),
});

/** Random models; `changes: false` keeps the capacity fixed, `preempt: false` makes no request preempt. */
function modelArb(options: { changes: boolean; preempt: boolean }): fc.Arbitrary<Model> {
  return fc.record({
    capacity: fc.integer({ min: 1, max: 3 }),
    queueLimit: fc.constantFrom(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, 1, 3),
    customers: fc
      .array(customerArb, { minLength: 1, maxLength: 25 })
      .map((cs) => (options.preempt ? cs : cs.map((c) => ({ ...c, preempt: false })))),
    changes: options.changes
      ? fc
          .array(
            fc.record({
              at: halfSteps(15),
              capacity: fc.integer({ min: 0, max: 4 }),
              policy: fc.constantFrom<CapacityPolicy>('finish', 'preempt'),
            }),
            { maxLength: 4 },
          )
          .map((cs) => {
            // The last change (in time) leaves at least one unit, so every waiting customer is served in the end.
            const sorted = [...cs].sort((a, b) => a.at - b.at);
            const last = sorted.at(-1);
            if (last !== undefined)
              sorted[sorted.length - 1] = { ...last, capacity: Math.max(1, last.capacity) };
            return sorted;
          })
      : fc.constant([]),
    probes: fc.array(halfSteps(20), { maxLength: 6 }),
  });
}

interface Outcome {
  readonly res: Resource;
  readonly trace: unknown[][];
  readonly violations: string[];
  readonly outcomes: (string | undefined)[];
  /** Every request and seize in the order it was made: priority, grant time, request if any. */
  readonly arrivals: { priority: number; grantedAt: number; request: Request | undefined }[];
  readonly requests: Request[];
  readonly patience: Map<Request, number>;
  readonly maxBusyOverCapacity: number;
  readonly callbackCustomers: number;
}

function identities(res: Resource): string | undefined {
  const a = res.accounting();
  if (a.arrivals !== a.grants + a.reneged + a.balked + a.cancelled + a.queued)
    return `arrivals ${a.arrivals} ≠ grants+reneged+balked+cancelled+queued in ${JSON.stringify(a)}`;
  if (a.grants !== a.releases + a.preemptions + a.busy)
    return `grants ${a.grants} ≠ releases+preemptions+busy in ${JSON.stringify(a)}`;
  return undefined;
}

/** Run one model; the resource is left unnamed so its default name is part of the trace. */
function run(model: Model): Outcome {
  const env = new Environment();
  const res = new Resource(env, { capacity: model.capacity, queueLimit: model.queueLimit });
  const trace: unknown[][] = [[res.name]];
  const violations: string[] = [];
  const outcomes: (string | undefined)[] = model.customers.map(() => undefined);
  const arrivals: Outcome['arrivals'] = [];
  const requests: Request[] = [];
  const patience = new Map<Request, number>();
  let callbackHeld = 0;
  let callbackWaiting = 0;
  let lastBusy = 0;
  let maxBusyOverCapacity = Number.NEGATIVE_INFINITY;

  const end = (i: number, outcome: string) => {
    if (outcomes[i] !== undefined) violations.push(`customer ${i} ended twice: ${outcomes[i]}, ${outcome}`);
    outcomes[i] = outcome;
    trace.push([env.now, outcome, i]);
  };

  res.observer = {
    changed(t, busy, queued, capacity) {
      maxBusyOverCapacity = Math.max(maxBusyOverCapacity, busy - capacity);
      if (busy > capacity && busy > lastBusy)
        violations.push(`t=${t}: busy rose to ${busy} above capacity ${capacity}`);
      if (queued !== res.queueLength) violations.push(`t=${t}: observer saw ${queued} queued`);
      const broken = identities(res);
      if (broken !== undefined) violations.push(`t=${t}: ${broken}`);
      lastBusy = busy;
    },
  };

  function* customer(c: Customer, i: number) {
    if (c.arrive > 0) yield* env.delay(c.arrive);
    let left = c.service;
    let preempt = c.preempt;
    let retries = 0;
    for (;;) {
      const req = res.request({
        priority: c.priority,
        preempt,
        entity: `c${i}`,
        ...(c.patience === undefined ? {} : { patience: c.patience }),
      });
      requests.push(req);
      if (c.patience !== undefined) patience.set(req, c.patience);
      const arrival = { priority: c.priority, grantedAt: Number.NaN, request: req };
      arrivals.push(arrival);
      trace.push([env.now, 'request', i, req.status]);
      try {
        yield* req;
      } catch (e) {
        if (!(e instanceof Interrupt)) throw e;
        // Withdrawn if it was still queued; granted if the grant was decided but not yet seen.
        if (req.granted) res.release(req);
        end(i, `interrupted while waiting (${req.status})`);
        return;
      }
      if (!req.granted) {
        end(i, req.status);
        return;
      }
      trace.push([env.now, 'granted', i]);
      const start = env.now;
      try {
        yield* env.delay(left);
        res.release(req);
        end(i, 'served');
        return;
      } catch (e) {
        if (!(e instanceof Interrupt)) throw e;
        if (!(e.cause instanceof Preempted)) {
          res.release(req);
          end(i, 'interrupted in service');
          return;
        }
        if (e.cause.request !== req) violations.push(`customer ${i}: Preempted names another request`);
        left -= env.now - start;
        if (c.onPreempt === 'leave' || left <= 0 || retries++ >= 3) {
          end(i, 'preempted');
          return;
        }
        preempt = false;
      }
    }
  }

  model.customers.forEach((c, i) => {
    if (c.style === 'callback') {
      env.schedule(c.arrive, () => {
        const arrival = { priority: c.priority, grantedAt: Number.NaN, request: undefined };
        arrivals.push(arrival);
        trace.push([env.now, 'seize', i]);
        callbackWaiting++;
        res.seize(
          () => {
            callbackWaiting--;
            callbackHeld++;
            arrival.grantedAt = env.now;
            trace.push([env.now, 'seized', i]);
            env.schedule(c.service, () => {
              callbackHeld--;
              res.free();
              end(i, 'served');
            });
          },
          undefined,
          c.priority,
        );
      });
      return;
    }
    const p = env.process(customer(c, i), { name: `c${i}` });
    if (c.interruptAfter !== undefined)
      env.schedule(c.arrive + c.interruptAfter, () => {
        if (p.isAlive) p.interrupt('called away');
      });
  });
  for (const ch of model.changes)
    env.schedule(ch.at, () => {
      res.setCapacity(ch.capacity, ch.policy);
      trace.push([env.now, 'capacity', ch.capacity, ch.policy]);
    });
  for (const t of model.probes)
    env.schedule(
      t,
      () => {
        const broken = identities(res);
        if (broken !== undefined) violations.push(`probe t=${t}: ${broken}`);
        const granted = requests.filter((r) => r.status === 'granted');
        const queued = requests.filter((r) => r.status === 'queued');
        const same = (a: readonly Request[], b: readonly Request[]) =>
          a.length === b.length && a.every((r) => b.includes(r));
        if (!same(granted, res.holders)) violations.push(`probe t=${t}: holders ≠ granted requests`);
        if (!same(queued, res.waitingRequests)) violations.push(`probe t=${t}: waiting ≠ queued requests`);
        if (res.busy !== granted.length + callbackHeld)
          violations.push(
            `probe t=${t}: busy ${res.busy} ≠ ${granted.length} + ${callbackHeld} callback users`,
          );
        if (res.queueLength !== queued.length + callbackWaiting)
          violations.push(`probe t=${t}: queue ${res.queueLength} ≠ ${queued.length} + ${callbackWaiting}`);
        trace.push([env.now, 'probe', res.busy, res.queueLength]);
      },
      undefined,
      Priority.LATE,
    );
  env.run();
  for (const a of arrivals) if (a.request !== undefined) a.grantedAt = a.request.grantedAt;
  trace.push(['end', env.now, res.accounting()]);
  return {
    res,
    trace,
    violations,
    outcomes,
    arrivals,
    requests,
    patience,
    maxBusyOverCapacity,
    callbackCustomers: model.customers.filter((c) => c.style === 'callback').length,
  };
}

test.prop([modelArb({ changes: true, preempt: true })], { seed: SEED, numRuns: 250 })(
  'no grant above capacity, identities at every change and probe, nothing lost',
  (model) => {
    const o = run(model);
    const count = (status: string) => o.requests.filter((r) => r.status === status).length;
    const a = o.res.accounting();
    expect({
      violations: o.violations,
      everyCustomerEnded: o.outcomes.every((x) => x !== undefined),
      finalStatuses: o.requests.every((r) =>
        ['released', 'preempted', 'reneged', 'balked', 'cancelled'].includes(r.status),
      ),
      identities: identities(o.res),
      counts: {
        arrivals:
          count('released') + count('preempted') + count('reneged') + count('balked') + count('cancelled'),
        releases: count('released'),
        preemptions: count('preempted'),
        reneged: count('reneged'),
        balked: count('balked'),
        cancelled: count('cancelled'),
      },
    }).toEqual({
      violations: [],
      everyCustomerEnded: true,
      finalStatuses: true,
      identities: undefined,
      counts: {
        arrivals: a.arrivals - o.callbackCustomers,
        releases: a.releases - o.callbackCustomers,
        preemptions: a.preemptions,
        reneged: a.reneged,
        balked: a.balked,
        cancelled: a.cancelled,
      },
    });
  },
);

test.prop([modelArb({ changes: false, preempt: true })], { seed: SEED + 1, numRuns: 200 })(
  'with a fixed capacity busy never exceeds it',
  (model) => {
    const o = run(model);
    expect([o.violations, o.maxBusyOverCapacity <= 0]).toEqual([[], true]);
  },
);

test.prop([modelArb({ changes: true, preempt: true })], { seed: SEED + 2, numRuns: 200 })(
  'FIFO among equal priorities (requests and seizes alike); reneging requests waited exactly their patience',
  (model) => {
    const o = run(model);
    const overtaken: string[] = [];
    o.arrivals.forEach((x, i) => {
      for (let j = i + 1; j < o.arrivals.length; j++) {
        const y = o.arrivals[j]!;
        if (y.priority === x.priority && !Number.isNaN(x.grantedAt) && y.grantedAt < x.grantedAt)
          overtaken.push(`arrival ${i} granted at ${x.grantedAt}, after arrival ${j} at ${y.grantedAt}`);
      }
    });
    const badPatience = o.requests
      .filter((r) => r.status === 'reneged' && r.waited !== o.patience.get(r))
      .map((r) => `${r.entity} waited ${r.waited}, patience ${o.patience.get(r)}`);
    const impatient = o.requests
      .filter((r) => !Number.isNaN(r.grantedAt) && r.waited > (o.patience.get(r) ?? Number.POSITIVE_INFINITY))
      .map((r) => `${r.entity} granted after waiting ${r.waited}`);
    expect([overtaken, badPatience, impatient]).toEqual([[], [], []]);
  },
);

test.prop([modelArb({ changes: true, preempt: true }), modelArb({ changes: true, preempt: true })], {
  seed: SEED + 3,
  numRuns: 100,
})('the same model gives the same trace, whatever ran before it', (model, other) => {
  const first = run(model).trace;
  run(other);
  const second = run(model).trace;
  expect(second).toEqual(first);
});
