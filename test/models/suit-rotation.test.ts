import { describe, expect, it } from 'vitest';
import {
  runSamplingSite,
  type SamplingSiteInput,
  samplingSite,
  staggeredTeam,
} from '../../models/sampling-site.js';
import { ParameterError, Simulation } from '../../src/index.js';

// Four swab positions, 10-s swabs, a crowd waiting from 0 (checks and registration take no time).
// Suit: T = 600 s on, R = 150 s rest, C = 50 s to change: cycle P = 800 s, off R + C = 200 s.
const SUIT = { maxContinuous: 600, rest: 150, changeover: 50 } as const;
const crowd = (swabbers: NonNullable<SamplingSiteInput['swabbers']>): SamplingSiteInput => ({
  population: 1000,
  mix: { qr: 1 },
  arrivals: { process: 'scheduled', times: new Array(1000).fill(0) },
  checkTime: 0,
  registration: { qr: 0 },
  swabTime: 10,
  pool: 100,
  tubeChange: 0,
  marshals: 1000,
  clerks: 1000,
  swabbers,
  courier: { every: 1e6, boxSize: 100, transport: 1 },
});

/** Swabbers not at work (resting, changing, not yet started) sampled every 10 s from 5 s, and swabs done by each time. */
function trace(input: SamplingSiteInput, until: number) {
  const sim = new Simulation({ seed: 1 });
  const model = samplingSite(input).install(sim);
  const staffed = model.swabbers.staffed!;
  const off: number[] = [];
  const tested = new Map<number, number>();
  const sample = (): void => {
    const working = staffed.people.filter((p) => p.state === 'on' || p.state === 'leaving').length;
    off.push(staffed.positions - working);
    if (sim.now + 10 < until) sim.schedule(10, sample);
  };
  sim.schedule(5, sample);
  for (const t of [600, 800, 1600]) sim.schedule(t, () => tested.set(t, model.tested), undefined, 3);
  sim.run(until + 1);
  return { off, tested };
}

describe('protective-suit rotation', () => {
  it('staggered: at most ⌈n(R + C)/P⌉ = 1 of 4 off at once, 3 swabbing throughout (hand calculation)', () => {
    const { off, tested } = trace(crowd({ count: 4, workLimit: SUIT }), 1600);
    // Phases 0, 200, 400, 600 s: reliefs at 600, 400, 200 and a late start at 200 (P − 600), then every
    // 200 s; exactly one position is between stints at any time.
    expect(Math.max(...off)).toBe(Math.ceil((4 * 200) / 800));
    expect(Math.min(...off)).toBe(1);
    // 3 swabbers × one swab per 10 s: 180 by 600, 240 by 800, 480 by 1600.
    expect(tested.get(600)).toBe(180);
    expect(tested.get(800) ?? 0).toBe(240);
    expect(tested.get(1600)).toBe(480);
  });

  it('together: everyone off at once and nobody swabs during the relief (the old behaviour, still available)', () => {
    const { off, tested } = trace(crowd({ count: 4, workLimit: { ...SUIT, rotation: 'together' } }), 1600);
    expect(Math.max(...off)).toBe(4);
    // 4 × 60 swabs by 600, none in 600–800, 4 × 60 more by 1400.
    expect(tested.get(600)).toBe(240);
    expect(tested.get(800)).toBe(240);
    expect(tested.get(1600)).toBe(480);
  });

  it('with a reserve, staggering keeps the stage staffed where all-together rotation empties it', () => {
    const stag = trace(crowd({ count: 4, reserves: 1, workLimit: SUIT }), 1600);
    const tog = trace(crowd({ count: 4, reserves: 1, workLimit: { ...SUIT, rotation: 'together' } }), 1600);
    expect(Math.max(...stag.off)).toBe(1);
    // Together: the reserve covers one of the four reliefs (after its 50-s change), three stay empty.
    expect(Math.max(...tog.off)).toBe(4);
    expect(Math.max(...tog.off.slice(65, 75))).toBe(3); // 655–745 s
    expect(stag.tested.get(1600)!).toBeGreaterThan(tog.tested.get(1600)!);
  });

  it('the roster: shortened first stints, a late start when the cycle does not fit, reserves whole', () => {
    const r = staggeredTeam(
      's',
      4,
      1,
      { maxContinuous: 600, rest: 150, changeover: 50 },
      100,
      10_000,
      'staggered',
    );
    expect(r.map((p) => p.shifts)).toEqual([
      [{ start: 100, end: 10_100 }],
      [
        { start: 100, end: 500 },
        { start: 700, end: 10_100 },
      ],
      [
        { start: 100, end: 300 },
        { start: 500, end: 10_100 },
      ],
      [{ start: 300, end: 10_100 }],
      [{ start: 100, end: 10_100 }],
    ]);
    // No limit, one position, or a free relief: everyone from the opening.
    const whole = [{ start: 0, end: 50 }];
    expect(staggeredTeam('s', 2, 0, undefined, 0, 50, 'staggered').map((p) => p.shifts)).toEqual([
      whole,
      whole,
    ]);
    expect(staggeredTeam('s', 1, 1, SUIT, 0, 50, 'staggered').map((p) => p.shifts)).toEqual([whole, whole]);
    const free = { maxContinuous: 10, rest: 0, changeover: 0 };
    expect(staggeredTeam('s', 2, 0, free, 0, 50, 'staggered').map((p) => p.shifts)).toEqual([whole, whole]);
  });

  it('staggered suits: everyone swabbed, and the longest swab wait no longer than all-together', () => {
    const day = (rotation: 'staggered' | 'together') =>
      runSamplingSite(
        {
          population: 3000,
          swabbers: {
            count: 4,
            reserves: 1,
            workLimit: { maxContinuous: '2 h', rest: '30 min', changeover: '10 min', rotation },
          },
        },
        { seed: 3 },
      );
    const s = day('staggered');
    const t = day('together');
    expect(s.tested).toBe(3000);
    expect(t.tested).toBe(3000);
    expect(s.waits.swab.all.max!).toBeLessThanOrEqual(t.waits.swab.all.max!);
  });

  it('rejects a bad rotation, and rotation on a named roster, with the path', () => {
    const bad = (swabbers: unknown) => {
      try {
        samplingSite({ swabbers } as SamplingSiteInput);
      } catch (e) {
        return e;
      }
      return null;
    };
    const e1 = bad({ count: 2, workLimit: { maxContinuous: 60, rotation: 'sometimes' } });
    expect(e1).toBeInstanceOf(ParameterError);
    expect((e1 as ParameterError).path).toBe('swabbers.workLimit.rotation');
    const e2 = bad({
      roster: [{ name: 'a', shifts: [{ start: 0, end: 100 }] }],
      workLimit: { maxContinuous: 60, rotation: 'together' },
    });
    expect(e2).toBeInstanceOf(ParameterError);
    expect((e2 as ParameterError).path).toBe('swabbers.workLimit.rotation');
  });
});
