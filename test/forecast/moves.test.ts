import { describe, expect, it } from 'vitest';
import { forecastCampaign } from '../../models/forecast/forecast.js';
import { FIXED_PRIOR } from '../../models/forecast/infer.js';
import { parseMove } from '../../models/forecast/moves.js';
import { checkSpec, planCampaign } from '../../models/index.js';
import { tinySpec, truthDay } from './helpers.js';

const T = 9.5 * 3600;
const spec = structuredClone(tinySpec) as typeof tinySpec & { testing: Record<string, unknown> };
spec.testing.village = { ...structuredClone(spec.testing.town), residents: 300 };
checkSpec(spec);
const plan = planCampaign(spec).plan;

function snapshot() {
  const day = truthDay(plan, 3, { turnout: 1, within: 1, pace: 1 }, T, 'total');
  return { ...day.snapshot, testing: { town: day.observation } };
}

describe('moves: the language', () => {
  it('reads count, role, from, to and time', () => {
    expect(parseMove('1 clerks from village to town at 09:40', plan, T)).toEqual({
      count: 1,
      role: 'clerks',
      from: 'village',
      to: 'town',
      at: 9 * 3600 + 2400,
      text: '1 clerks from village to town at 09:40',
    });
    expect(parseMove('2 swabbers to town at 10:00', plan, T).from).toBeNull();
  });

  it('refuses bad moves, naming the part and the value', () => {
    const err = (text: string) => {
      try {
        parseMove(text, plan, T, '--move[0]');
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(err('twenty clerks to town at 10:00')).toMatch(
      /^--move\[0\]\.count: expected a whole number of people ≥ 1, got "twenty"/,
    );
    expect(err('2 clerks to twon at 10:00')).toMatch(/--move\[0\]\.to: .*did you mean "town"\?.*got "twon"/);
    expect(err('2 clerk to town at 10:00')).toMatch(
      /--move\[0\]\.role: .*did you mean "clerks"\?.*got "clerk"/,
    );
    expect(err('2 clerks to town at 09:00')).toMatch(
      /--move\[0\]\.at: expected a time at or after the snapshot \(09:30\), got "09:00"/,
    );
    expect(err('2 clerks town 10:00')).toMatch(/--move\[0\]: expected a move written as/);
    expect(err('2 clerks at 10:00')).toMatch(/"from <area>", "to <area>" or both/);
  });
});

describe('moves: common random numbers against the no-change forecast', () => {
  it('a move that changes nothing gives differences of exactly zero', () => {
    // Staff added after every replication has finished: the same random numbers, the same days.
    const late = parseMove('5 clerks to town at 23:00', plan, T);
    const f = forecastCampaign(plan, snapshot(), {
      replications: 8,
      particles: 40,
      variant: { moves: [late], label: 'late' },
    });
    const v = f.variant;
    if (!v) throw new Error('no variant');
    const d = v.differences.town!;
    expect([d.finish.mean, d.finish.lower, d.finish.upper]).toEqual([0, 0, 0]);
    expect(v.differences.village!.notTestedAtDeadline.mean).toBe(0);
  });

  it('moving clerks from village to town brings town forward and village back, with paired intervals', () => {
    const move = parseMove('1 clerks from village to town at 09:40', plan, T);
    const f = forecastCampaign(plan, snapshot(), {
      replications: 12,
      prior: FIXED_PRIOR,
      variant: { moves: [move], label: move.text },
    });
    const v = f.variant;
    if (!v) throw new Error('no variant');
    const town = v.differences.town!.finish;
    const village = v.differences.village!.finish;
    expect(town.upper!).toBeLessThan(0);
    expect(village.lower!).toBeGreaterThan(0);
    // The no-change side is the plain forecast, run for run (same seeds, particles and streams).
    const plain = forecastCampaign(plan, snapshot(), { replications: 12, prior: FIXED_PRIOR });
    expect(f.areas.town!.values.finish).toEqual(plain.areas.town!.values.finish);
    expect(town.n).toBe(12);
  });
});

describe('forecast options', () => {
  it('refuses bad options before any run, naming them', () => {
    const s = snapshot();
    expect(() => forecastCampaign(plan, s, { replications: 0 })).toThrow(
      /forecast\.replications: expected a whole number ≥ 1, got 0/,
    );
    expect(() => forecastCampaign(plan, s, { accept: 1.5 })).toThrow(
      /forecast\.accept: expected a share in \(0, 1\], got 1\.5/,
    );
    expect(() => forecastCampaign(plan, s, { level: 1 })).toThrow(
      /forecast\.level: expected a level in \(0, 1\), got 1/,
    );
  });
});
