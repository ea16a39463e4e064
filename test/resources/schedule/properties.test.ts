/**
 * Property tests (fast-check): random rosters (breaks, handover windows), policies, positions, work
 * limits, and random entities (priorities, request preemption, patience, callback users) at a
 * StaffedResource. Invariants checked:
 *
 * - capacity is never negative and never exceeds the people accepting or finishing work;
 * - the people accepting work never exceed the roster's on-shift headcount (and, with no position cap
 *   and no work limit, everyone rostered is accepting or still finishing an entity from before a break);
 * - the wrapper's bookkeeping matches the inner resource (checkInvariants), sampled at LATE priority;
 * - no entity is ever given to (or handed over to) someone outside their rostered accepting time;
 * - served counts per person add up to the total, which equals the completed entities.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Environment, Priority, type Proc } from '../../../src/kernel/index.js';
import { Resource } from '../../../src/resources/resource.js';
import {
  acceptingIntervals,
  applyCapacitySchedule,
  capacityAt,
  onShiftAt,
  type Roster,
  type Shift,
  StaffedResource,
  serve,
} from '../../../src/resources/schedule/index.js';

const HORIZON = 2000;
/** Property runs: 200 by default (well under a second); set SCHEDULE_PROPERTY_RUNS for a soak. */
const RUNS = Number(process.env.SCHEDULE_PROPERTY_RUNS ?? 200);
const SEED = Number(process.env.SCHEDULE_PROPERTY_SEED ?? 20220413);

/** A shift from sorted cut points: [start, end) with an optional break and handover window. */
const shiftArb = fc
  .record({
    start: fc.integer({ min: 0, max: 1800 }),
    length: fc.integer({ min: 20, max: 900 }),
    withBreak: fc.boolean(),
    handover: fc.integer({ min: 0, max: 30 }),
  })
  .map(({ start, length, withBreak, handover }): Shift => {
    const end = start + length;
    const brk =
      withBreak && length >= 60
        ? [{ start: start + Math.floor(length / 3), end: start + Math.floor(length / 2) }]
        : [];
    const lastStretch = brk.length > 0 ? end - brk[0]!.end : length;
    return { start, end, breaks: brk, ...(handover < lastStretch ? { handover } : {}) };
  });

const rosterArb = fc
  .array(fc.array(shiftArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 })
  .map(
    (people): Roster =>
      people.map((shifts, i) => {
        // Make each person's shifts ordered and disjoint by chaining them.
        const sorted = [...shifts].sort((a, b) => a.start - b.start);
        const out: Shift[] = [];
        let t = 0;
        for (const s of sorted) {
          const shift =
            s.start >= t
              ? s
              : {
                  ...s,
                  start: t,
                  end: t + (s.end - s.start),
                  breaks: (s.breaks ?? []).map((b) => ({
                    start: b.start - s.start + t,
                    end: b.end - s.start + t,
                  })),
                };
          out.push(shift);
          t = shift.end;
        }
        return { name: `p${i}`, shifts: out };
      }),
  );

const entityArb = fc.record({
  at: fc.integer({ min: 0, max: HORIZON }),
  service: fc.integer({ min: 1, max: 200 }),
  priority: fc.integer({ min: 0, max: 2 }),
  preempt: fc.boolean(),
  patience: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
  onPreempt: fc.constantFrom('resume' as const, 'restart' as const, 'abandon' as const),
  callback: fc.boolean(),
});

const optionsArb = fc.record({
  policy: fc.constantFrom('finish' as const, 'preempt' as const),
  positions: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
  workLimit: fc.option(
    fc.record({
      maxContinuous: fc.integer({ min: 30, max: 400 }),
      rest: fc.integer({ min: 0, max: 100 }),
      changeover: fc.integer({ min: 0, max: 40 }),
    }),
    { nil: undefined },
  ),
});

function acceptingAt(roster: Roster, name: string, t: number): boolean {
  const entry = roster.find((e) => e.name === name)!;
  return entry.shifts.some((s) => acceptingIntervals(s).some((iv) => iv.start <= t && t < iv.end));
}

describe('StaffedResource invariants', () => {
  test('capacity, headcount, assignments and served counts', () => {
    fc.assert(
      fc.property(
        rosterArb,
        optionsArb,
        fc.array(entityArb, { maxLength: 30 }),
        (roster, options, entities) => {
          const env = new Environment();
          const s = new StaffedResource(env, {
            name: 'swab',
            roster,
            policy: options.policy,
            trace: true,
            ...(options.positions !== undefined ? { positions: options.positions } : {}),
            ...(options.workLimit !== undefined ? { workLimit: options.workLimit } : {}),
          });
          const problems: string[] = [];
          s.observer = {
            changed(t, _busy, _queued, capacity) {
              const working = s.people.filter((p) => p.state === 'on' || p.state === 'leaving').length;
              if (capacity < 0) problems.push(`t=${t}: capacity ${capacity} < 0`);
              if (capacity > working)
                problems.push(`t=${t}: capacity ${capacity} > ${working} people working`);
            },
          };
          let completed = 0;
          const sample = () => {
            s.checkInvariants();
            const rostered = onShiftAt(roster, env.now).length;
            if (s.onShift > rostered) problems.push(`t=${env.now}: ${s.onShift} on > ${rostered} rostered`);
            // Without a position cap or a work limit everyone rostered is working: accepting, or still
            // finishing an entity from before a break.
            const finishing = s.people.filter((p) => p.state === 'leaving').length;
            if (
              options.positions === undefined &&
              options.workLimit === undefined &&
              s.onShift + finishing < rostered
            )
              problems.push(`t=${env.now}: ${s.onShift} on + ${finishing} finishing < ${rostered} rostered`);
          };
          for (let t = 0; t <= HORIZON; t += 7) env.schedule(t, sample, undefined, Priority.LATE);
          entities.forEach((e, i) => {
            if (e.callback) {
              env.schedule(e.at, () =>
                s.seize(
                  (_id: number, seat) =>
                    env.schedule(e.service, () => {
                      s.free(seat);
                      completed++;
                      env.schedule(0, sample, undefined, Priority.LATE);
                    }),
                  i,
                  e.priority,
                ),
              );
              return;
            }
            env.process(
              (function* (): Proc<void> {
                yield* env.timeout(e.at);
                const r = yield* serve(s, e.service, {
                  priority: e.priority,
                  preempt: e.preempt,
                  onPreempt: e.onPreempt,
                  ...(e.patience !== undefined ? { patience: e.patience } : {}),
                });
                if (r.outcome === 'served') completed++;
                env.schedule(0, sample, undefined, Priority.LATE);
              })(),
              { name: `e${i}` },
            );
          });
          env.run(HORIZON + 1000);
          for (const [t, person, event] of s.trace)
            if ((event === 'serve' || event === 'handover') && !acceptingAt(roster, person, t))
              problems.push(`t=${t}: ${event} by ${person}, who is not rostered to accept work then`);
          const r = s.results();
          const sum = r.people.reduce((acc, p) => acc + p.served, 0);
          expect({ problems, sum, completed, innerCompleted: s.resource.releases }).toEqual({
            problems: [],
            sum: r.served,
            completed: r.served,
            innerCompleted: r.served,
          });
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

describe('capacity schedules', () => {
  test('the simulated capacity equals capacityAt at every time, one-off or repeating', () => {
    const stepsArb = fc
      .uniqueArray(fc.integer({ min: 0, max: 999 }), { minLength: 1, maxLength: 6 })
      .chain((froms) =>
        fc.tuple(
          fc.constant([...froms].sort((a, b) => a - b)),
          fc.array(fc.integer({ min: 0, max: 5 }), { minLength: froms.length, maxLength: froms.length }),
        ),
      )
      .map(([froms, caps]) => froms.map((from, i) => ({ from, capacity: caps[i]! })));
    fc.assert(
      fc.property(
        stepsArb,
        fc.boolean(),
        fc.integer({ min: -500, max: 500 }),
        fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 20 }),
        (steps, periodic, origin, times) => {
          const env = new Environment();
          const desk = new Resource(env, { name: 'desk', capacity: 7 });
          const schedule = periodic ? { steps, period: 1000, origin } : { steps, origin };
          applyCapacitySchedule(desk, schedule);
          const seen: [number, number, number][] = [];
          for (const t of times)
            env.schedule(
              t,
              () => seen.push([t, desk.capacity, capacityAt(schedule, t) ?? 7]),
              undefined,
              Priority.LATE,
            );
          env.run(5001);
          expect(seen.filter(([, got, want]) => got !== want)).toEqual([]);
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
