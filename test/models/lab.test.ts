import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runAreaTesting } from '../../models/area-testing.js';
import { LAB_DEFAULTS, Lab, resolveLab } from '../../models/lab.js';
import { formatValue, ParameterError, Simulation } from '../../src/index.js';
import { HAND_SITE } from './hand-site.js';

describe('lab', () => {
  it('runs batches on free machines: hand-calculated result times', () => {
    const sim = new Simulation({ seed: 1 });
    const lab = new Lab(sim, { machines: 2, batchSize: 3, runTime: '1 min' });
    // 7 tubes at t=10 (sealed at 0): runs of 3 and 3 at 10–70, then the last one 70–130.
    sim.schedule(10, () => lab.receive(10, [0, 0, 0, 0, 0, 0, 0]));
    // 1 tube at t=100 (sealed at 90): the second machine is free since 70 → 100–160.
    sim.schedule(100, () => lab.receive(100, [90]));
    sim.run();
    const r = lab.results();
    expect(r).toMatchObject({ received: 8, resulted: 8, pending: 0, runs: 4, lastResult: 160 });
    expect(r.turnaround.max).toBeCloseTo(130, 0);
    expect(r.turnaround.min).toBeCloseTo(70, 0);
  });

  it('deliveries at the same instant share a plate; a free machine does not wait beyond the instant', () => {
    const sim = new Simulation({ seed: 1 });
    const lab = new Lab(sim, { machines: 1, batchSize: 4, runTime: 60 });
    // Two couriers each bring 2 tubes at t=10: one run of 4 at 10–70 (one run per delivery would
    // give 10–70 and 70–130).
    sim.schedule(10, () => lab.receive(10, [0, 0]));
    sim.schedule(10, () => lab.receive(10, [5, 5]));
    sim.run();
    expect(lab.results()).toMatchObject({ received: 4, resulted: 4, runs: 1, lastResult: 70 });
    expect(lab.results().turnaround.max).toBeCloseTo(70, 6);

    // Two machines, 3 tubes at t=10 and 1 tube at t=11: the first plate goes at 10 with 3 (no
    // waiting for a fourth); the lone tube at 11 starts the second machine at 11 → last result 71.
    const sim2 = new Simulation({ seed: 1 });
    const lab2 = new Lab(sim2, { machines: 2, batchSize: 4, runTime: 60 });
    sim2.schedule(10, () => lab2.receive(10, [0, 0, 0]));
    sim2.schedule(11, () => lab2.receive(11, [1]));
    sim2.run();
    expect(lab2.results()).toMatchObject({ runs: 2, lastResult: 71 });
    expect(lab2.results().turnaround.max).toBeCloseTo(70, 6);
  });

  it('tubes arriving as a machine frees join the plate it starts next', () => {
    const sim = new Simulation({ seed: 1 });
    const lab = new Lab(sim, { machines: 1, batchSize: 4, runTime: 60 });
    // 5 tubes at 0: plate of 4 at 0–60, 1 left. At 60, just after the machine frees (the delivery is
    // put on the calendar after the run's end), 2 more arrive: one plate of 3 at 60–120 (starting at
    // the free would give a plate of 1 at 60–120 and one of 2 at 120–180).
    sim.schedule(0, () => lab.receive(0, [0, 0, 0, 0, 0]));
    sim.schedule(1, () => sim.schedule(59, () => lab.receive(60, [50, 50])));
    sim.run();
    expect(lab.results()).toMatchObject({ received: 7, resulted: 7, runs: 2, lastResult: 120 });
  });

  it('takes the couriers of an area: every sealed tube gets a result after the last swab', () => {
    const r = runAreaTesting(
      {
        sites: [HAND_SITE],
        lab: { machines: 1, batchSize: 1, runTime: 60 },
      },
      { seed: 1 },
    );
    // Both tubes (sealed at 27 and 50) arrive at 150 with the last courier; one machine, one tube a run.
    expect(r.lab).toMatchObject({ received: 2, resulted: 2, runs: 2, lastResult: 270 });
  });

  it('all tubes at once: the last result is ⌈⌈N / batch⌉ / machines⌉ run times later (capacity bound met)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 20 }),
        (tubes, machines, batchSize, deliveries) => {
          const sim = new Simulation({ seed: 1 });
          const lab = new Lab(sim, { machines, batchSize, runTime: 100 });
          // The tubes come in several deliveries at the same instant: they pool onto full plates.
          for (let d = 0; d < deliveries; d++) {
            const share = Math.floor(tubes / deliveries) + (d < tubes % deliveries ? 1 : 0);
            sim.schedule(0, () => lab.receive(0, new Array(share).fill(0)));
          }
          sim.run();
          const plates = Math.ceil(tubes / batchSize);
          expect(lab.results()).toMatchObject({
            received: tubes,
            resulted: tubes,
            pending: 0,
            runs: plates,
            lastResult: Math.ceil(plates / machines) * 100,
          });
        },
      ),
      { numRuns: 80, seed: 17 },
    );
  });

  it('conservation: received = resulted + pending at any stopping time; results never precede sealing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 60 })), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.integer({ min: 0, max: 3000 }),
        (deliveries, stop) => {
          const sim = new Simulation({ seed: 1 });
          const lab = new Lab(sim, { machines: 2, batchSize: 20, runTime: 150 });
          for (const [at, n] of deliveries) sim.schedule(at, () => lab.receive(at, new Array(n).fill(at)));
          sim.run(stop);
          const r = lab.results();
          expect(r.received).toBe(r.resulted + r.pending);
          expect(r.received).toBe(deliveries.filter(([at]) => at <= stop).reduce((a, [, n]) => a + n, 0));
          if (r.resulted > 0) expect(r.turnaround.min).toBeGreaterThanOrEqual(150);
        },
      ),
      { numRuns: 60, seed: 23 },
    );
  });

  it('every default is declared, assumed, and marked default or given', () => {
    const sim = new Simulation({ seed: 1 });
    const p = new Lab(sim, { machines: 6 }).results().provenance;
    expect(p.map((r) => r.path)).toEqual(['machines', 'batchSize', 'runTime']);
    expect(p.map((r) => r.used)).toEqual(['given', 'default', 'default']);
    expect(LAB_DEFAULTS.every((r) => r.basis === 'assumed')).toBe(true);
    expect(resolveLab({}, 'lab')).toEqual(Object.fromEntries(LAB_DEFAULTS.map((r) => [r.path, r.value])));
  });

  it('bad input is a ParameterError naming the path and the value', () => {
    const bad = fc.oneof(
      fc.tuple(fc.constant('machines'), fc.oneof(fc.integer({ max: 0 }), fc.constant(1.5), fc.string())),
      fc.tuple(fc.constant('batchSize'), fc.oneof(fc.integer({ max: 0 }), fc.constant(Number.NaN))),
      fc.tuple(
        fc.constant('runTime'),
        fc.oneof(fc.constant(0), fc.constant('2 kg'), fc.integer({ max: -1 })),
      ),
    );
    fc.assert(
      fc.property(bad, ([field, value]) => {
        let err: unknown;
        try {
          resolveLab({ [field]: value }, 'lab');
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(ParameterError);
        expect((err as ParameterError).path).toBe(`lab.${field}`);
        expect((err as ParameterError).message).toContain(formatValue(value));
      }),
      { numRuns: 60, seed: 5 },
    );
    expect(() => resolveLab({ oven: 1 }, 'lab')).toThrow(/lab\.oven/);
  });

  it('arbitrary junk never crashes with anything but a ParameterError', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        try {
          resolveLab(input, 'lab');
        } catch (e) {
          expect(e).toBeInstanceOf(ParameterError);
        }
      }),
      { numRuns: 200, seed: 29 },
    );
  });
});
