import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSamplingSite, type SamplingSiteInput, samplingSite } from '../../models/sampling-site.js';
import {
  allenCunneen,
  formatValue,
  mmc,
  ParameterError,
  replicationSeed,
  studentTQuantile,
} from '../../src/index.js';
import { HAND_SITE } from './hand-site.js';

// Constant times: the whole day can be worked out by hand (see the comments per person).
const HAND: SamplingSiteInput = {
  ...HAND_SITE,
  deadline: 1000,
};

describe('sampling site: constant times against a hand calculation', () => {
  it('gives the exact swab times, waits, tubes and courier', () => {
    const r = runSamplingSite(HAND, { seed: 1 });
    // p0: check 0–2, reg 2–7, swab 7–17. p1: check 10–12, reg 12–17, swab 17–27, tube full → swabber busy to 30.
    // p2: check 20–22, reg 22–27, waits 3, swab 30–40. p3: check 30–32, reg 32–37, waits 3, swab 40–50, tube full.
    expect(r.tested).toBe(4);
    expect(r.lastSwab).toBe(50);
    expect(r.waits.swab.all.count).toBe(4);
    expect(r.waits.swab.all.max).toBeCloseTo(3, 9);
    expect(r.waits.swab.qr.mean).toBeCloseTo(1.5, 9);
    expect(r.waits.registration.all.max).toBe(0);
    expect(r.timeInSite.all.max).toBeCloseTo(20, 9); // p2 and p3: 40 − 20 and 50 − 30
    expect(r.tubes).toMatchObject({ pool: 2, sealed: 2, partial: 0, dispatched: 2, delivered: 2, trips: 1 });
    // The last courier leaves at the last swab (50) and takes 100 s.
    expect(r.tubes.lastDelivery).toBe(150);
  });

  it('counts where everyone is at the deadline', () => {
    const r = runSamplingSite({ ...HAND, deadline: 25 }, { seed: 1 });
    // At 25: p0 tested, p1 being swabbed, p2 registering (22–27), p3 not yet arrived.
    expect(r.atDeadline).toEqual({
      time: 25,
      population: 4,
      notArrived: 1,
      queued: { check: 0, registration: 0, swab: 0 },
      inService: { check: 0, registration: 1, swab: 1 },
      left: { check: 0, registration: 0, swab: 0 },
      tested: 1,
    });
    expect(r.notTestedAtDeadline).toBe(3);
  });

  it('seals a partial tube at close', () => {
    const r = runSamplingSite({ ...HAND, pool: 3 }, { seed: 1 });
    expect(r.tubes.sealed).toBe(2);
    expect(r.tubes.partial).toBe(1);
  });

  it('routes assisted people to their own lane', () => {
    const r = runSamplingSite(
      { ...HAND, mix: { assisted: 1 }, registration: { assisted: 5 }, clerks: 1, assistedClerks: 1 },
      { seed: 1 },
    );
    const lanes = Object.fromEntries(r.roles.map((x) => [x.role, x.served]));
    expect(lanes).toMatchObject({ clerks: 0, assistedClerks: 4, swabbers: 4 });
    expect(r.lastSwab).toBe(50);
  });

  it('reads clock times against the epoch and reports clock times', () => {
    const r = runSamplingSite(
      { population: 50, arrivals: { kind: 'call', at: '19:00', within: '30 min' }, deadline: '01:00' },
      { seed: 3, epoch: '2022-04-13T18:00+08:00' },
    );
    expect(r.tested).toBe(50);
    expect(r.deadline).toBe(7 * 3600);
    expect(r.series[0]?.clock).toBe('19:00');
    expect(r.lastSwabClock).toMatch(/^19:/);
  });

  it('a rate table (piecewise Poisson) is capped at the population; the rest count as not reached', () => {
    const r = runSamplingSite(
      {
        population: 500,
        arrivals: { process: 'piecewise-poisson', times: [0, 3600, 7200], rates: [0.2, 0.05] },
        deadline: 20_000,
      },
      { seed: 2 },
    );
    // Expected arrivals 0.2·3600 + 0.05·3600 = 900 > 500: the cap binds (P(N < 500) is negligible).
    expect(r.arrived).toBe(500);
    const small = runSamplingSite(
      {
        population: 5000,
        arrivals: { process: 'piecewise-poisson', times: [0, 3600], rates: [0.1] },
        deadline: 20_000,
      },
      { seed: 2 },
    );
    expect(small.arrived).toBeLessThan(5000);
    expect(small.atDeadline?.notArrived).toBe(5000 - small.arrived);
    expect(small.tested).toBe(small.arrived);
  });

  it('is reproducible from the seed', () => {
    const a = runSamplingSite({ population: 300 }, { seed: 11 });
    const b = runSamplingSite({ population: 300 }, { seed: 11 });
    expect(JSON.parse(JSON.stringify(a))).toEqual(JSON.parse(JSON.stringify(b)));
  });
});

describe('sampling site: queueing theory', () => {
  it('a single exponential stage matches M/M/c (mean wait within a replication CI)', () => {
    // Only the swab stage takes time: check and registration are instantaneous, tubes never fill.
    const lambda = 1;
    const meanService = 2.1;
    const c = 3; // ρ = 0.7
    const n = 20_000;
    const theory = mmc({ arrivalRate: lambda, serviceRate: 1 / meanService, servers: c });
    const reps = 10;
    const means: number[] = [];
    for (let k = 0; k < reps; k++) {
      const r = runSamplingSite(
        {
          population: n,
          mix: { qr: 1 },
          arrivals: { process: 'poisson', rate: lambda },
          checkTime: 0,
          registration: { qr: 0 },
          swabTime: { dist: 'exponential', mean: meanService },
          pool: 100,
          tubeChange: 0,
          marshals: 100,
          clerks: 100,
          swabbers: c,
        },
        { seed: replicationSeed(2024, k) },
      );
      means.push(r.waits.swab.all.mean ?? Number.NaN);
    }
    const mean = means.reduce((a, b) => a + b, 0) / reps;
    const sd = Math.sqrt(means.reduce((a, b) => a + (b - mean) ** 2, 0) / (reps - 1));
    const half = studentTQuantile(0.995, reps - 1) * (sd / Math.sqrt(reps));
    // Starting empty biases each run's mean slightly low (a few hundred of 20,000 arrivals are in the
    // transient); the 99 % interval is the whole tolerance.
    expect(Math.abs(mean - theory.Wq)).toBeLessThan(half);
  });
});

/** Mean swab wait over `reps` replications of a single-stage site, with its 99 % half-width. */
function swabWaits(
  swabTime: SamplingSiteInput['swabTime'],
  c: number,
  n: number,
  reps: number,
  base: number,
) {
  const means: number[] = [];
  for (let k = 0; k < reps; k++) {
    const r = runSamplingSite(
      {
        population: n,
        mix: { qr: 1 },
        arrivals: { process: 'poisson', rate: 1 },
        checkTime: 0,
        registration: { qr: 0 },
        ...(swabTime !== undefined && { swabTime }),
        pool: 100,
        tubeChange: 0,
        marshals: 100,
        clerks: 100,
        swabbers: c,
      },
      { seed: replicationSeed(base, k) },
    );
    means.push(r.waits.swab.all.mean ?? Number.NaN);
  }
  const mean = means.reduce((a, b) => a + b, 0) / reps;
  const sd = Math.sqrt(means.reduce((a, b) => a + (b - mean) ** 2, 0) / (reps - 1));
  return { mean, half: studentTQuantile(0.995, reps - 1) * (sd / Math.sqrt(reps)) };
}

describe('sampling site: G/G/c against Allen–Cunneen (an approximation: loose check)', () => {
  it('lognormal swab times: mean wait within 15 % of Allen–Cunneen, beyond the simulation CI', () => {
    // M/G/3 with lognormal service (mean 2.1 s, sd 1.5 s → cs² = 0.51) at ρ = 0.7. Allen–Cunneen is
    // exact for M/M/c and only approximate otherwise (typically within ~10 % at this load for cs² < 1);
    // the tolerance is that approximation error plus the simulation's 99 % half-width. This is a
    // sanity check of the model's wiring, not a test of the formula.
    const { mean, half } = swabWaits({ dist: 'lognormal', mean: 2.1, sd: 1.5 }, 3, 20_000, 8, 99);
    const ac = allenCunneen({
      arrivalRate: 1,
      serviceMean: 2.1,
      servers: 3,
      arrivalScv: 1,
      serviceScv: (1.5 / 2.1) ** 2,
    });
    expect(Math.abs(mean - ac.Wq)).toBeLessThan(0.15 * ac.Wq + half);
  });
});

describe('sampling site: conservation', () => {
  it('everyone is tested, queued, in service or not reached, at the deadline and at the end', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 60, max: 3600 }),
        fc.integer({ min: 1, max: 20 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1000 }),
        (population, clerks, swabbers, deadline, pool, lane, seed) => {
          const input: SamplingSiteInput = {
            population,
            clerks,
            swabbers,
            pool,
            deadline,
            assistedClerks: lane ? 1 : 0,
            arrivals: { kind: 'call', at: 0, within: 1800 },
          };
          const r = runSamplingSite(input, { seed });
          const add = (w: NonNullable<typeof r.atDeadline>) =>
            w.notArrived +
            w.tested +
            Object.values(w.queued).reduce((a, b) => a + b, 0) +
            Object.values(w.inService).reduce((a, b) => a + b, 0);
          expect(r.atDeadline).not.toBeNull();
          expect(add(r.atDeadline!)).toBe(population);
          expect(add(r.accounting)).toBe(population);
          expect(r.tested).toBe(population);
          expect(r.series.reduce((a, b) => a + b.tested, 0)).toBe(population);
          expect(r.tubes.sealed).toBe(Math.ceil(population / pool));
          expect(r.tubes.delivered).toBe(r.tubes.sealed);
        },
      ),
      { numRuns: 40, seed: 7 },
    );
  });

  it('a run stopped early still accounts for everyone', () => {
    const r = runSamplingSite({ population: 1000, swabbers: 1 }, { seed: 5, until: 3600 });
    const w = r.accounting;
    const total =
      w.notArrived +
      w.tested +
      Object.values(w.queued).reduce((a, b) => a + b, 0) +
      Object.values(w.inService).reduce((a, b) => a + b, 0);
    expect(total).toBe(1000);
    expect(w.tested).toBeLessThan(1000);
  });

  it('suit rotation (work limit) by hand: rest without reserves, changeover with a reserve', () => {
    // 20 people all at 0, only the 10-s swab takes time, one swab position.
    const base: SamplingSiteInput = {
      population: 20,
      mix: { qr: 1 },
      arrivals: { process: 'scheduled', times: new Array(20).fill(0) },
      checkTime: 0,
      registration: { qr: 0 },
      swabTime: 10,
      pool: 100,
      tubeChange: 0,
      marshals: 20,
      clerks: 20,
    };
    // No limit: 20 × 10 s.
    expect(runSamplingSite({ ...base, swabbers: 1 }, { seed: 1 }).lastSwab).toBe(200);
    // 100 s in the suit, 50 s rest, nobody to take over: 10 swabs, rest 100–150, 10 swabs to 250.
    const rest = { count: 1, workLimit: { maxContinuous: 100, rest: 50 } };
    expect(runSamplingSite({ ...base, swabbers: rest }, { seed: 1 }).lastSwab).toBe(250);
    // A reserve takes over at 100 after a 5-s donning: 10 swabs 105–205.
    const relay = {
      count: 1,
      reserves: 1,
      workLimit: { maxContinuous: '100 s', rest: '50 s', changeover: '5 s' },
    };
    const r = runSamplingSite({ ...base, swabbers: relay }, { seed: 1 });
    expect(r.lastSwab).toBe(205);
    expect(r.roles.find((x) => x.role === 'swabbers')?.served).toBe(20);
  });
});

describe('sampling site: bad input', () => {
  const bad: Array<[string, fc.Arbitrary<unknown>]> = [
    [
      'population',
      fc.oneof(fc.integer({ max: -1 }), fc.double({ noInteger: true }), fc.string(), fc.constant(1e12)),
    ],
    ['swabbers', fc.oneof(fc.integer({ max: 0 }), fc.constant(Number.NaN), fc.string(), fc.constant(null))],
    ['clerks', fc.oneof(fc.integer({ max: 0 }), fc.constant(2.5), fc.constant({ count: 0 }))],
    ['pool', fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 101 }), fc.constant('ten'))],
    [
      'swabTime',
      fc.oneof(
        fc.integer({ max: -1 }),
        fc.constant('40 kg'),
        fc.constant({ dist: 'normal', mean: 10, sd: 5 }),
      ),
    ],
    ['checkTime', fc.oneof(fc.constant('abc'), fc.constant([]), fc.integer({ max: -1 }))],
    [
      'mix',
      fc.oneof(fc.constant({ qr: 0.5 }), fc.constant({ qr: 2 }), fc.constant({ elderly: 1 }), fc.constant(5)),
    ],
    ['deadline', fc.oneof(fc.integer({ max: -1 }), fc.constant('25:99'), fc.constant({}))],
    [
      'courier',
      fc.oneof(fc.constant({ every: 0.001 }), fc.constant({ boxSize: 0 }), fc.constant({ truck: 1 })),
    ],
    [
      'arrivals',
      fc.oneof(
        fc.constant({ kind: 'call', within: 0 }),
        fc.constant({ kind: 'slots', slots: [] }),
        fc.constant({ kind: 'x' }),
        fc.constant(3),
      ),
    ],
    ['bin', fc.oneof(fc.constant(0), fc.constant('x'))],
  ];
  for (const [field, arb] of bad)
    it(`${field}: every bad value is a ParameterError naming the path and value`, () => {
      fc.assert(
        fc.property(arb, (value) => {
          let err: unknown;
          try {
            samplingSite({ [field]: value } as SamplingSiteInput, 'sites[3]', '2022-04-13T19:00+08:00');
          } catch (e) {
            err = e;
          }
          expect(err).toBeInstanceOf(ParameterError);
          const e = err as ParameterError;
          expect(e.path.startsWith(`sites[3].${field}`)).toBe(true);
          // The message shows the offending value: the whole value, or the nested field it names.
          expect(e.message).toContain(formatValue(e.value));
          if (e.path === `sites[3].${field}`) expect(e.value).toEqual(value);
        }),
        { numRuns: 30, seed: 3 },
      );
    });

  it('arbitrary junk never crashes with anything but a ParameterError', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(
            'population',
            'swabbers',
            'clerks',
            'marshals',
            'pool',
            'mix',
            'arrivals',
            'courier',
            'deadline',
          ),
          fc.anything(),
        ),
        (input) => {
          try {
            samplingSite(input as SamplingSiteInput, 'site');
          } catch (e) {
            expect(e).toBeInstanceOf(ParameterError);
          }
        },
      ),
      { numRuns: 200, seed: 31 },
    );
  });

  it('an unknown parameter is named', () => {
    expect(() => samplingSite({ swabers: 3 } as unknown as SamplingSiteInput, 'sites[0]')).toThrow(
      /sites\[0\]\.swabers/,
    );
  });
});
