/**
 * Property tests (fast-check) of {@link Batcher} and {@link Departures} on random arrivals, sizes,
 * timeouts, timetables, fleets and impatient passengers. Invariants checked:
 *
 * Batcher
 * - no item lost or duplicated: the released batches, split, hold exactly the items put in (as a
 *   multiset; and in arrival order per key);
 * - 1 ≤ batch size ≤ capacity, and `reason === 'full'` ⇔ size === capacity;
 * - a batch never stays open longer than the timeout; `timeout` releases happen exactly at
 *   createdAt + timeout, `schedule` releases at a timetabled time;
 * - every joiner resumes exactly once, at its batch's release, with the batch holding its item;
 * - counters add up at every sampled instant; the mean wait equals the one computed per item.
 *
 * Departures
 * - no trip carries more than ⌊seats × loadCap⌋, `full` trips carry exactly that;
 * - FIFO: the departed passengers, trip after trip, are the first non-cancelled passengers in
 *   boarding order (nobody is overtaken);
 * - a vehicle is never on two trips at once; a `schedule` trip never leaves before its time;
 * - with `leaveWhenFull`, a full load never waits while a vehicle is at the stop;
 * - `arrived = departed + waiting + cancelled + left` at every sampled instant.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Environment, Priority } from '../../../src/kernel/index.js';
import { type Batch, Batcher, Departures, type Trip } from '../../../src/resources/batch/index.js';

const RUNS = Number(process.env.BATCH_PROPERTY_RUNS ?? 150);
const SEED = Number(process.env.BATCH_PROPERTY_SEED ?? 20220413);

interface Item {
  readonly id: number;
  readonly at: number;
  readonly kind: number;
  readonly join: boolean;
}

const batcherCase = fc.record({
  gaps: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 0, maxLength: 60 }),
  size: fc.integer({ min: 1, max: 8 }),
  sizeByKind: fc.boolean(),
  keyed: fc.boolean(),
  kinds: fc.integer({ min: 1, max: 3 }),
  timeout: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
  schedule: fc.option(
    fc.record({ start: fc.integer({ min: 0, max: 200 }), interval: fc.integer({ min: 1, max: 150 }) }),
    {
      nil: undefined,
    },
  ),
  joins: fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
  closeAt: fc.integer({ min: 0, max: 2500 }),
});

describe('Batcher properties', () => {
  test('no item lost or duplicated; sizes, reasons and timers consistent; counters add up', () => {
    fc.assert(
      fc.property(batcherCase, (c) => {
        const env = new Environment();
        let t = 0;
        const items: Item[] = c.gaps.map((g, i) => {
          t += g;
          return { id: i, at: t, kind: (i * 7) % c.kinds, join: c.joins[i]! };
        });
        const timetable =
          c.schedule === undefined ? undefined : { ...c.schedule, end: c.schedule.start + 2000 };
        const b = new Batcher<Item>(env, {
          name: 'b',
          size: c.sizeByKind ? (x) => c.size + x.kind : c.size,
          ...(c.keyed ? { key: (x: Item) => x.kind } : {}),
          ...(c.timeout === undefined ? {} : { timeout: c.timeout }),
          ...(timetable === undefined ? {} : { releaseAt: timetable }),
        });
        const scheduleTimes = new Set<number>();
        if (timetable !== undefined)
          for (let s = timetable.start; s <= timetable.end; s += timetable.interval) scheduleTimes.add(s);
        const released: Batch<Item>[] = [];
        b.onBatch((batch) => released.push(batch));
        const resumed = new Map<number, [number, Batch<Item>]>();
        const problems: string[] = [];
        const lastArrival = items.length === 0 ? 0 : items[items.length - 1]!.at;
        const closeAt = Math.max(c.closeAt, lastArrival);
        // The order the batcher sees items in (same-instant joins and puts interleave by the calendar).
        const arrivalOrder: Item[] = [];
        for (const item of items) {
          if (item.join)
            env.process(
              (function* () {
                yield* env.timeout(item.at);
                arrivalOrder.push(item);
                const batch = yield* b.join(item);
                if (resumed.has(item.id)) problems.push(`joiner ${item.id} resumed twice`);
                resumed.set(item.id, [env.now, batch]);
              })(),
            );
          else
            env.schedule(
              item.at,
              (x: Item) => {
                arrivalOrder.push(x);
                b.put(x);
              },
              item,
            );
        }
        // Close after every arrival (LATE: after the arrivals at that instant).
        env.at(closeAt, () => b.close(), undefined, Priority.LATE);
        // Sample the counters now and then.
        for (let s = 0; s <= closeAt; s += 37)
          env.at(
            s,
            () => {
              const a = b.accounting();
              if (a.itemsIn !== a.itemsReleased + a.itemsWaiting) problems.push(`counters at ${s}`);
              if (a.batchesReleased !== a.full + a.timeout + a.schedule + a.flush) problems.push('reasons');
              if (a.batchesReleased !== a.batchesTaken + a.outbox) problems.push('outbox');
            },
            undefined,
            Priority.LATE,
          );
        env.run();
        expect(problems).toEqual([]);

        // Multiset equality (ids are unique, so sorted ids say it) and order within each key.
        const out = released.flatMap((batch) => batch.split());
        expect(out.map((x) => x.id).sort((p, q) => p - q)).toEqual(items.map((x) => x.id));
        const byKey = (list: Item[], k: number) =>
          list.filter((x) => !c.keyed || x.kind === k).map((x) => x.id);
        for (let k = 0; k < (c.keyed ? c.kinds : 1); k++)
          expect(byKey(out, k)).toEqual(byKey(arrivalOrder, k));

        for (const batch of released) {
          expect(batch.size).toBeGreaterThanOrEqual(1);
          expect(batch.size).toBeLessThanOrEqual(batch.capacity);
          expect(batch.reason === 'full').toBe(batch.size === batch.capacity);
          if (c.timeout !== undefined)
            expect(batch.releasedAt - batch.createdAt).toBeLessThanOrEqual(c.timeout);
          if (batch.reason === 'timeout') expect(batch.releasedAt).toBe(batch.createdAt + c.timeout!);
          if (batch.reason === 'schedule') expect(scheduleTimes.has(batch.releasedAt)).toBe(true);
          if (batch.reason === 'flush') expect(batch.releasedAt).toBe(closeAt);
          for (const x of batch.items) {
            expect(x.at).toBeGreaterThanOrEqual(batch.createdAt);
            expect(x.at).toBeLessThanOrEqual(batch.releasedAt);
          }
        }
        // Joiners: each resumed once, at its batch's release, with its own batch.
        for (const item of items.filter((x) => x.join)) {
          const r = resumed.get(item.id);
          expect(r).toBeDefined();
          expect(r![0]).toBe(r![1].releasedAt);
          expect(r![1].items).toContain(item);
        }
        // Mean wait from per-batch sums equals the per-item computation.
        const res = b.results();
        if (items.length > 0) {
          const releaseOf = new Map<number, number>();
          for (const batch of released) for (const x of batch.items) releaseOf.set(x.id, batch.releasedAt);
          const mean = items.reduce((s, x) => s + releaseOf.get(x.id)! - x.at, 0) / items.length;
          expect(res.meanWait).toBeCloseTo(mean, 9);
        }
        expect(res.itemsWaiting).toBe(0);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

interface Passenger {
  readonly id: number;
  readonly at: number;
  readonly patience: number | undefined;
}

const departuresCase = fc.record({
  gaps: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 0, maxLength: 80 }),
  patience: fc.array(fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined, freq: 3 }), {
    minLength: 80,
    maxLength: 80,
  }),
  seats: fc.integer({ min: 1, max: 12 }),
  loadCap: fc.constantFrom(1, 0.75, 0.5, 0.3),
  vehicles: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  turnaround: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
  timetable: fc.option(
    fc.record({
      start: fc.integer({ min: 0, max: 300 }),
      interval: fc.integer({ min: 1, max: 200 }),
      count: fc.integer({ min: 1, max: 15 }),
    }),
    {
      nil: undefined,
    },
  ),
  leaveWhenFull: fc.boolean(),
  perDeparture: fc.integer({ min: 1, max: 2 }),
  closeAt: fc.integer({ min: 0, max: 3000 }),
});

describe('Departures properties', () => {
  test('cap, FIFO, one trip per vehicle at a time, leave-when-full, counters add up', () => {
    fc.assert(
      fc.property(departuresCase, (c) => {
        fc.pre(c.seats * c.loadCap >= 1);
        if (c.vehicles !== undefined) fc.pre(c.perDeparture <= c.vehicles);
        const env = new Environment();
        let t = 0;
        const people: Passenger[] = c.gaps.map((g, i) => {
          t += g;
          return { id: i, at: t, patience: c.patience[i] };
        });
        const d = new Departures<Passenger>(env, {
          name: 'bus',
          seats: c.seats,
          loadCap: c.loadCap,
          perDeparture: c.perDeparture,
          leaveWhenFull: c.leaveWhenFull || c.timetable === undefined,
          ...(c.vehicles === undefined ? {} : { vehicles: c.vehicles }),
          ...(c.turnaround === undefined ? {} : { turnaround: c.turnaround }),
          ...(c.timetable === undefined ? {} : { timetable: c.timetable }),
        });
        const capacity = Math.floor(c.seats * c.loadCap + 1e-9);
        const problems: string[] = [];
        const outcome = new Map<number, 'departed' | 'cancelled' | 'left'>();
        const boardOrder: number[] = [];
        for (const p of people)
          env.process(
            (function* () {
              yield* env.timeout(p.at);
              if (d.isClosed) return;
              boardOrder.push(p.id);
              const b = d.board(p);
              const waits = [b, d.closed, ...(p.patience === undefined ? [] : [env.timeout(p.patience)])];
              const r = yield* env.anyOf(waits);
              if (r.index === 0) {
                const trip = r.value as Trip<Passenger>;
                if (trip.departedAt !== env.now || !trip.passengers.includes(p))
                  problems.push(`trip of ${p.id}`);
                outcome.set(p.id, 'departed');
              } else outcome.set(p.id, b.status === 'left' ? 'left' : 'cancelled');
            })(),
          );
        const closeAt = Math.max(c.closeAt, people.length === 0 ? 0 : people[people.length - 1]!.at);
        env.at(closeAt, () => d.close(), undefined, Priority.LATE);
        for (let s = 0; s <= closeAt; s += 29)
          env.at(
            s,
            () => {
              const a = d.accounting();
              if (a.arrived !== a.departed + a.waiting + a.cancelled + a.left)
                problems.push(`counters at ${s}`);
              if (d.leaveWhenFull && !d.isClosed && a.waiting >= capacity && d.vehiclesAtStop > 0)
                problems.push(`full load waiting at ${s}`);
              if (c.vehicles !== undefined && d.vehiclesOut > c.vehicles) problems.push('fleet exceeded');
            },
            undefined,
            Priority.LATE,
          );
        env.run();
        expect(problems).toEqual([]);
        expect(d.capacity).toBe(capacity);

        // FIFO: departed passengers, in trip order, are the first non-cancelled in boarding order.
        const departed = d.trips.flatMap((trip) => trip.passengers.map((p) => p.id));
        const notCancelled = boardOrder.filter((id) => outcome.get(id) !== 'cancelled');
        expect(departed).toEqual(notCancelled.slice(0, departed.length));
        for (const id of notCancelled.slice(departed.length)) expect(outcome.get(id)).toBe('left');

        const byVehicle = new Map<number, Trip<Passenger>[]>();
        for (const trip of d.trips) {
          expect(trip.load).toBeLessThanOrEqual(capacity);
          if (trip.reason === 'full') expect(trip.load).toBe(capacity);
          if (trip.reason === 'schedule') expect(trip.departedAt).toBeGreaterThanOrEqual(trip.scheduledAt!);
          if (c.vehicles !== undefined) expect(trip.vehicle).toBeLessThanOrEqual(c.vehicles);
          trip.passengers.forEach((p, i) => {
            expect(trip.waits[i]).toBe(trip.departedAt - p.at);
          });
          const list = byVehicle.get(trip.vehicle) ?? [];
          list.push(trip);
          byVehicle.set(trip.vehicle, list);
        }
        for (const list of byVehicle.values())
          for (let i = 1; i < list.length; i++) {
            // the previous trip of this vehicle was back before this one left
            expect(list[i - 1]!.returnedAt).toBeLessThanOrEqual(list[i]!.departedAt);
          }
        const a = d.accounting();
        expect(a.arrived).toBe(boardOrder.length);
        expect(a.departed).toBe(departed.length);
        expect(a.waiting).toBe(0);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
