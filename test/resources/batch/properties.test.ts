/**
 * Property tests (fast-check) of {@link Batcher} on random arrivals, sizes, timeouts and timetables. Invariants checked:
 *
 * Batcher
 * - no item lost or duplicated: the released batches, split, hold exactly the items put in (as a
 *   multiset; and in arrival order per key);
 * - 1 ≤ batch size ≤ capacity, and `reason === 'full'` ⇔ size === capacity;
 * - a batch never stays open longer than the timeout; `timeout` releases happen exactly at
 *   createdAt + timeout, `schedule` releases at a timetabled time;
 * - every joiner resumes exactly once, at its batch's release, with the batch holding its item;
 * - counters add up at every sampled instant; the mean wait equals the one computed per item.

 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Environment, Priority } from '../../../src/kernel/index.js';
import { type Batch, Batcher } from '../../../src/resources/batch/index.js';

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
