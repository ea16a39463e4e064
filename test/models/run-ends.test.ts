/**
 * Every sampling-site and area run ends, and accounts for everyone who came (issue 22): staff who go
 * home before the queue is gone, rosters with gaps, closing times (send-home and overtime). Hand-worked
 * cases with constant times, then fast-check properties over random rosters, populations and closing
 * times with a bound on the calendar entries a run may schedule.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runAreaTesting } from '../../models/area-testing.js';
import {
  crewAtClosing,
  OVERTIME_HORIZON,
  overtimeRoster,
  rosterGoneAt,
} from '../../models/sampling/closing.js';
import {
  type ClosingInput,
  runSamplingSite,
  type SamplingSiteInput,
  type SamplingSiteResults,
  type StaffInput,
} from '../../models/sampling-site.js';
import { ParameterError, type Roster } from '../../src/index.js';

/** `k` people named `name0…`, each on one shift [start, end). */
function team(name: string, k: number, start: number, end: number): StaffInput {
  return {
    roster: Array.from({ length: k }, (_, i) => ({ name: `${name}${i}`, shifts: [{ start, end }] })),
  };
}

/** The invariants every finished site keeps. */
function expectAccounted(r: SamplingSiteResults): void {
  expect(r.arrived).toBe(r.tested + r.notServed.total);
  const a = r.accounting;
  expect(a.notArrived + r.arrived).toBe(r.population);
  for (const s of ['check', 'registration', 'swab'] as const) {
    expect(a.queued[s]).toBe(0);
    expect(a.inService[s]).toBe(0);
    expect(a.left[s]).toBe(r.notServed.byStage[s].count);
  }
  expect(r.finishedAt).not.toBeNull();
  expect(r.tubes.delivered).toBe(r.tubes.sealed);
  // Full tubes, and at most one partial one sealed when the swabbers left or the site emptied.
  expect(r.tubes.partial).toBe(r.tested % r.tubes.pool === 0 ? 0 : 1);
  expect(r.tubes.sealed).toBe(Math.floor(r.tested / r.tubes.pool) + r.tubes.partial);
}

describe('issue 22: staff all on 0:00–1:00, everyone called at 0:00, deadline 1:00', () => {
  // Two sites of 1,000 people, all arriving at 0:00; constant times: check 1 s (4 marshals),
  // registration 2 s (4 clerks), swab 60 s (4 swabbers), no tube change. Everyone works 0:00–1:00.
  // Checks end in fours at 1, 2, 3 …; registrations of the j-th four end at 1 + 2j; swabs of the
  // m-th round start at 3 + 60(m − 1) and end at 3 + 60m. A swabber takes new work until 3600, so
  // the 60th round (3543–3603) is the last: 240 swabbed per site, 236 of them by 1:00. Persons
  // 241–1000 wait at the swab queue, the first since 1 + 2·⌈241/4⌉ = 123 s, on average since
  // 1 + 2·(61 + 250)/2 = 312 s, and nobody will come back for them.
  const site: SamplingSiteInput = {
    population: 1000,
    mix: { qr: 1 },
    arrivals: { process: 'scheduled', times: new Array(1000).fill(0) },
    checkTime: 1,
    registration: { qr: 2 },
    swabTime: 60,
    tubeChange: 0,
    pool: 10,
    marshals: team('m', 4, 0, 3600),
    clerks: team('c', 4, 0, 3600),
    swabbers: team('s', 4, 0, 3600),
    deadline: '01:00',
  };

  it('ends, and counts the people not tested and where they waited', () => {
    const r = runAreaTesting({ sites: [site, site] }, { seed: 1, epoch: '2022-04-14T00:00+08:00' });
    expect(r.endReason).toBe('no-staff-left');
    expect(r.tested).toBe(480);
    expect(r.notServed).toBe(1520);
    expect(r.arrived).toBe(2000);
    expect(r.notTestedAtDeadline).toBe(2 * (1000 - 236));
    for (const s of r.sites) {
      expect(s.endReason).toBe('no-staff-left');
      expect(s.tested).toBe(240);
      expect(s.stranded).toBe(760);
      expect(s.notServed.byStage.check.count).toBe(0);
      expect(s.notServed.byStage.registration.count).toBe(0);
      expect(s.notServed.byStage.swab.count).toBe(760);
      expect(s.notServed.byStage.swab.earliestSince).toBeCloseTo(123, 9);
      expect(s.notServed.byStage.swab.meanSince).toBeCloseTo(312, 9);
      expect(s.lastSwab).toBeCloseTo(3603, 9);
      expect(s.tubes).toMatchObject({ sealed: 24, partial: 0, delivered: 24 });
      expectAccounted(s);
    }
    // The run stops when the last courier (leaving at 3603, 30 min) reaches the lab.
    expect(r.endTime).toBeCloseTo(3603 + 1800, 9);
  });
});

describe('closing time: a hand-worked day', () => {
  // Ten people at 0, 1, …, 9 s; one of each role; check 1 s, registration 10 s, swab 10 s. Without
  // closing: registration of person k (0-based) runs 1 + 10k … 11 + 10k, swab 11 + 10k … 21 + 10k.
  // At 35: persons 0, 1 swabbed; person 2 being swabbed (31–41); person 3 registering (31–41);
  // persons 4–9 waiting for registration since they were checked, at 5 … 10 s.
  const day: SamplingSiteInput = {
    population: 10,
    mix: { qr: 1 },
    arrivals: { process: 'scheduled', times: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] },
    checkTime: 1,
    registration: { qr: 10 },
    swabTime: 10,
    tubeChange: 0,
    pool: 1,
    marshals: 1,
    clerks: 1,
    swabbers: 1,
    courier: { every: 60, boxSize: 100, transport: 100 },
    deadline: 200,
  };

  it('send-home: people waiting go home at once, people registering when it ends, swabs finish', () => {
    const r = runSamplingSite({ ...day, closing: { at: 35, policy: 'send-home' } }, { seed: 1 });
    expect(r.endReason).toBe('closing-time');
    expect(r.tested).toBe(3);
    expect(r.lastSwab).toBe(41);
    expect(r.closing).toMatchObject({
      at: 35,
      policy: 'send-home',
      reached: true,
      sentHome: 7,
      turnedAway: 0,
    });
    expect(r.closing?.overtime).toEqual([]);
    const ns = r.notServed.byStage;
    expect(ns.registration).toEqual({ count: 6, earliestSince: 5, meanSince: 7.5 });
    expect(ns.swab).toEqual({ count: 1, earliestSince: 41, meanSince: 41 });
    expect(ns.check.count).toBe(0);
    expect(r.stranded).toBe(0);
    // Sent-home people never count as served, even when a clerk frees and meets them in the queue.
    expect(r.roles.find((x) => x.role === 'clerks')?.served).toBe(4);
    expectAccounted(r);
  });

  it('overtime: the staff on duty serve everyone inside; hours after closing per role', () => {
    for (const staff of [
      { marshals: 1, clerks: 1, swabbers: 1 },
      // Rosters that end at the closing hour: on duty then, so they stay.
      { marshals: team('m', 1, 0, 35), clerks: team('c', 1, 0, 35), swabbers: team('s', 1, 0, 35) },
    ]) {
      const r = runSamplingSite({ ...day, ...staff, closing: { at: 35, policy: 'overtime' } }, { seed: 1 });
      expect(r.endReason).toBe('closing-time');
      expect(r.tested).toBe(10);
      expect(r.lastSwab).toBe(111);
      expect(r.notServed.total).toBe(0);
      // Marshals were done at 10 s; the clerk's last registration ends at 101, the last swab at 111.
      expect(r.closing?.overtime).toEqual([
        { role: 'marshals', crew: 1, until: 35, hours: 0 },
        { role: 'clerks', crew: 1, until: 101, hours: 66 / 3600 },
        { role: 'swabbers', crew: 1, until: 111, hours: 76 / 3600 },
      ]);
      expect(r.closing?.overtimeHours).toBeCloseTo(142 / 3600, 12);
      expectAccounted(r);
    }
  });

  it('the same rosters without a closing time: nobody comes back, so the rest are stranded', () => {
    const r = runSamplingSite(
      { ...day, marshals: team('m', 1, 0, 35), clerks: team('c', 1, 0, 35), swabbers: team('s', 1, 0, 35) },
      { seed: 1 },
    );
    expect(r.endReason).toBe('no-staff-left');
    expect(r.tested).toBe(3);
    expect(r.stranded).toBe(7);
    // Person 3's registration, begun at 31, is finished (41) but no swabber takes new work after 35.
    expect(r.notServed.byStage.registration).toEqual({ count: 6, earliestSince: 5, meanSince: 7.5 });
    expect(r.notServed.byStage.swab).toEqual({ count: 1, earliestSince: 41, meanSince: 41 });
    expectAccounted(r);
  });

  it('a roster with a gap: people wait for the next shift and are all served', () => {
    // The clerk works 0–35 and 200–400: persons 4–9 wait through the gap.
    const clerks: StaffInput = {
      roster: [
        {
          name: 'c',
          shifts: [
            { start: 0, end: 35 },
            { start: 200, end: 400 },
          ],
        },
      ],
    };
    const r = runSamplingSite({ ...day, clerks }, { seed: 1 });
    expect(r.endReason).toBe('all-served');
    expect(r.tested).toBe(10);
    // Registration resumes at 200 (person 3 finished at 41): persons 4–9 end at 210 … 260, swabbed by 270.
    expect(r.lastSwab).toBe(270);
    expectAccounted(r);
  });

  it('turns away people who would arrive after closing', () => {
    const r = runSamplingSite(
      {
        ...day,
        arrivals: { process: 'scheduled', times: [0, 10, 20, 30, 40, 50] },
        population: 6,
        closing: { at: 35 },
      },
      { seed: 1 },
    );
    expect(r.closing).toMatchObject({ policy: 'send-home', turnedAway: 2 });
    expect(r.arrived).toBe(4);
    expect(r.accounting.notArrived).toBe(2);
    expectAccounted(r);
  });

  it('a run stopped by `until` says so, and counts people still inside as not served', () => {
    // At 25: person 0 swabbed (11–21), person 1 being swabbed (21–31), person 2 registering (21–31,
    // at the stage since 3), persons 3–9 waiting for registration since 4 … 10 s.
    const r = runSamplingSite(day, { seed: 1, until: 25 });
    expect(r.endReason).toBe('time-limit');
    expect(r.finishedAt).toBeNull();
    expect(r.tested).toBe(1);
    expect(r.notServed.byStage.swab.count).toBe(1);
    expect(r.notServed.byStage.registration).toEqual({ count: 8, earliestSince: 3, meanSince: 6.5 });
    expect(r.arrived).toBe(r.tested + r.notServed.total);
  });

  it('a site that is empty before closing is all served', () => {
    const r = runSamplingSite({ ...day, closing: { at: 150, policy: 'send-home' } }, { seed: 1 });
    expect(r.endReason).toBe('all-served');
    expect(r.closing?.reached).toBe(false);
  });

  it('rejects a bad closing time with its path', () => {
    expect(() => runSamplingSite({ ...day, closing: { at: 0 } })).toThrow(ParameterError);
    expect(() => runSamplingSite({ ...day, closing: { at: 35, policy: 'later' as never } })).toThrow(
      /closing\.policy/,
    );
    expect(() => runAreaTesting({ sites: 1, closing: { at: -5 } })).toThrow(/closing\.at/);
  });
});

describe('closing helpers (pure)', () => {
  const roster: Roster = [
    {
      name: 'a',
      shifts: [
        { start: 0, end: 100, handover: 10 },
        { start: 300, end: 400 },
      ],
    },
    {
      name: 'b',
      shifts: [
        {
          start: 50,
          end: 200,
          breaks: [
            { start: 120, end: 130 },
            { start: 160, end: 170 },
          ],
        },
      ],
    },
  ];

  it('rosterGoneAt is the last end of accepting time', () => {
    expect(rosterGoneAt(roster)).toBe(400);
    expect(rosterGoneAt([{ name: 'a', shifts: [{ start: 0, end: 100, handover: 10 }] }])).toBe(90);
    expect(rosterGoneAt([])).toBe(Number.NEGATIVE_INFINITY);
  });

  it('overtimeRoster keeps on those on duty at closing and drops later shifts', () => {
    expect(overtimeRoster(roster, 150)).toEqual([
      { name: 'a', shifts: [{ start: 0, end: 100, handover: 10 }] },
      { name: 'b', shifts: [{ start: 50, end: 150 + OVERTIME_HORIZON, breaks: [{ start: 120, end: 130 }] }] },
    ]);
    expect(crewAtClosing(roster, 5, 150)).toBe(1);
    expect(crewAtClosing(roster, 5, 100)).toBe(2); // a's shift ends at the closing hour: on duty
    expect(crewAtClosing(roster, 1, 100)).toBe(1);
  });
});

// ---- properties ------------------------------------------------------------------------------------

/** A roster of 1–3 people with 0–3 shifts each inside [0, 4 h]: gaps, early ends, late starts. */
const rosterArb: fc.Arbitrary<Roster> = fc
  .array(
    fc.array(fc.integer({ min: 0, max: 14_400 }), { minLength: 0, maxLength: 6 }).map((ts) => {
      const u = [...new Set(ts)].sort((x, y) => x - y);
      const shifts = [];
      for (let k = 0; k + 1 < u.length; k += 2) shifts.push({ start: u[k]!, end: u[k + 1]! });
      return shifts;
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((people) => people.map((shifts, i) => ({ name: `p${i}`, shifts })));

const staffArb = (min: number): fc.Arbitrary<StaffInput> =>
  fc.oneof(
    fc.integer({ min, max: 3 }),
    rosterArb.map((roster) => ({ roster })),
  );

const closingArb: fc.Arbitrary<ClosingInput | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.record({
    at: fc.integer({ min: 1, max: 18_000 }),
    policy: fc.constantFrom('send-home' as const, 'overtime' as const),
  }),
);

const baseArb = fc.record({
  population: fc.integer({ min: 0, max: 120 }),
  arrivals: fc.integer({ min: 1, max: 10_800 }).map((within) => ({ kind: 'call' as const, at: 0, within })),
  checkTime: fc.constantFrom(5, { dist: 'uniform', min: 1, max: 20 }),
  swabTime: fc.constantFrom(30, { dist: 'uniform', min: 10, max: 90 }),
  pool: fc.integer({ min: 1, max: 10 }),
  marshals: staffArb(1),
  clerks: staffArb(1),
  assistedClerks: fc.oneof(fc.constant(0), staffArb(1)),
  swabbers: staffArb(1),
  courier: fc.record({
    every: fc.integer({ min: 60, max: 1800 }),
    boxSize: fc.integer({ min: 1, max: 20 }),
    transport: fc.constant(600),
  }),
  deadline: fc.integer({ min: 1, max: 21_600 }),
});

/** `x` with `closing` set, or without the key when there is none. */
function withClosing<T extends object>(
  x: T,
  closing: ClosingInput | undefined,
): T & { closing?: ClosingInput } {
  const { closing: _drop, ...rest } = x as T & { closing?: ClosingInput };
  return (closing === undefined ? rest : { ...rest, closing }) as T & { closing?: ClosingInput };
}

const siteArb: fc.Arbitrary<SamplingSiteInput> = fc
  .tuple(baseArb, closingArb)
  .map(([b, c]) => withClosing(b as SamplingSiteInput, c));

function shiftsOf(s: StaffInput | undefined): number {
  return typeof s === 'object' && 'roster' in s ? s.roster.reduce((a, e) => a + e.shifts.length, 0) : 0;
}

/**
 * Calendar entries a site may schedule: per person an arrival, three stage ends, a tube change and up
 * to three hand-backs, plus a courier round per `every` of the day, staff changes per shift, and a few
 * one-off entries (deadline, closing, staff checks, deliveries are per round or per full box).
 */
function eventBound(s: SamplingSiteInput): number {
  const n = s.population ?? 0;
  const every = typeof s.courier?.every === 'number' ? s.courier.every : 1800;
  // The longest a site can stay busy: its inputs' times plus everyone served one by one (≤ 20 + 180 + 90 + 30 s).
  const horizon = 18_000 + 21_600 + n * 320;
  const shifts =
    shiftsOf(s.marshals) + shiftsOf(s.clerks) + shiftsOf(s.assistedClerks) + shiftsOf(s.swabbers);
  return 10 * n + 2 * Math.ceil(horizon / every) + 8 * shifts + 50;
}

describe('every run ends (fast-check)', () => {
  it('site: ends within a bound on events, and arrivals = served + not served', () => {
    fc.assert(
      fc.property(siteArb, fc.integer({ min: 1, max: 1000 }), (input, seed) => {
        const s = input;
        const r = runSamplingSite(s, { seed });
        expect(r.events).toBeLessThanOrEqual(eventBound(s));
        expectAccounted(r);
        if (r.endReason === 'all-served') expect(r.tested).toBe(r.arrived);
        if (r.notServed.total > 0) expect(r.endReason).not.toBe('all-served');
        if (s.closing === undefined) {
          expect(r.closing).toBeNull();
          expect(r.notServed.total).toBe(r.stranded);
        }
        if (s.closing?.policy === 'overtime') expect(r.closing?.sentHome).toBe(0);
      }),
      { numRuns: 100 },
    );
  });

  it('area: ends within a bound on events, and arrivals = served + not served per site', () => {
    fc.assert(
      fc.property(
        fc.array(siteArb, { minLength: 1, maxLength: 4 }),
        closingArb,
        fc.boolean(),
        fc.integer({ min: 1, max: 1000 }),
        (sites, closing, lab, seed) => {
          const listed = sites.map((x) => withClosing(x, undefined));
          const area = withClosing(
            lab ? { sites: listed, lab: { machines: 1, batchSize: 20, runTime: 600 } } : { sites: listed },
            closing,
          );
          const r = runAreaTesting(area, { seed });
          const bound =
            listed.reduce((a, x) => a + eventBound(withClosing(x, closing)), 0) + (lab ? 4 * r.tested : 0);
          expect(r.events).toBeLessThanOrEqual(bound);
          for (const s of r.sites) expectAccounted(s);
          expect(r.arrived).toBe(r.tested + r.notServed);
          if (r.lab) expect(r.lab.resulted).toBe(r.sites.reduce((a, s) => a + s.tubes.sealed, 0));
          if (r.endReason === 'all-served') expect(r.notServed).toBe(0);
        },
      ),
      { numRuns: 60 },
    );
  });
});
