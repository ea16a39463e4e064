import { describe, expect, it } from 'vitest';
import {
  checkSnapshot,
  parseSnapshot,
  parseSnapshotCsv,
  SnapshotError,
} from '../../models/forecast/snapshot.js';
import { smallPlan } from './helpers.js';

function issues(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SnapshotError);
    return (e as SnapshotError).issues.map((i) => `${i.path} | ${i.expected} | ${JSON.stringify(i.value)}`);
  }
  throw new Error('no error');
}

describe('snapshots: reading', () => {
  it('reads a CSV with per-point rows, queues by stage, staff and breaks', () => {
    const s = parseSnapshotCsv(
      [
        '# made-up snapshot',
        'time,name,point,done,queued,queued.registration,staff.clerks,break.clerks,back.clerks',
        '10:00,town,1,600,250,200,2,1,10:20',
        '10:00,town,2,640,210,,3,,',
      ].join('\n'),
      smallPlan,
    );
    expect(s.at).toBe(10 * 3600);
    expect(s.testing.town).toEqual({
      scope: 'points',
      points: [
        {
          done: 600,
          queued: 250,
          queuedAt: { registration: 200 },
          staff: { clerks: { onDuty: 2, onBreak: 1, back: 10 * 3600 + 1200 } },
        },
        {
          done: 640,
          queued: 210,
          queuedAt: null,
          staff: { clerks: { onDuty: 3, onBreak: 0, back: 10 * 3600 + 1800 } },
        },
      ],
    });
  });

  it('reads the same snapshot as JSON, and a whole-area row', () => {
    const json = parseSnapshot(
      JSON.stringify({ time: '10:00', testing: { town: { area: { done: 1240 } } } }),
      smallPlan,
    );
    const csv = parseSnapshotCsv('time,name,done\n10:00,town,1240\n', smallPlan);
    expect(csv).toEqual(json);
    expect(json.testing.town).toEqual({
      scope: 'area',
      total: { done: 1240, queued: null, queuedAt: null, staff: {} },
    });
  });
});

describe('snapshots: errors name the row, the column and the value, all at once', () => {
  it('CSV: cells of the wrong type', () => {
    const found = issues(() =>
      parseSnapshotCsv(['time,name,point,done', '10:00,town,1,abc', '10:00,town,2,-4'].join('\n'), smallPlan),
    );
    expect(found).toEqual([
      'row 2, column done (testing.town.points[0].done) | an integer in [0, 10000000] | "abc"',
      'row 3, column done (testing.town.points[1].done) | an integer in [0, 10000000] | -4',
    ]);
  });

  it('CSV: names the spec does not have', () => {
    const found = issues(() =>
      parseSnapshotCsv(
        [
          'time,name,point,done,queued.registraton,staff.clerkz',
          '10:00,town,1,5,5,2',
          '10:00,town,3,5,,',
          '10:00,twon,1,5,,',
        ].join('\n'),
        smallPlan,
      ),
    );
    expect(found).toEqual([
      'row 2, column queued.registraton (testing.town.points[0].queuedAt.registraton) | a stage people queue at (check, registration, swab; did you mean "registration"?) | "registraton"',
      'row 2, column staff.clerkz (testing.town.points[0].staff.clerkz) | a role of the area (marshals, clerks, swabbers; did you mean "clerks"?) | "clerkz"',
      'row 3, column point (testing.town.points[1].point) | a point number in [1, 2] | 3',
      'row 2 (testing.town.points) | every point of the area (1–2; missing 2) | [1,3]',
      'row 4, column name (testing.twon) | a testing area of the spec (town; did you mean "town"?) | "twon"',
    ]);
  });

  it('CSV: an unknown column and a missing time', () => {
    const found = issues(() => parseSnapshotCsv('time,name,dnoe\n10:00,town,5\n,town,4\n', smallPlan));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^row 1, column 3 \| a column of the snapshot format .*did you mean "done"\? \| "dnoe"$/,
    );
    expect(issues(() => parseSnapshotCsv('time,name,done\n10:00,town,5\n,town,4\n', smallPlan))).toEqual([
      'row 3, column time | a clock time (it is required on every row) | undefined',
      'row 3, column point | one whole-area row per area (town has one already) | ""',
    ]);
  });

  it('JSON: paths and values', () => {
    const found = issues(() =>
      checkSnapshot(
        {
          time: '25:99',
          campaign: 'other',
          testing: { town: { points: [{ point: 1, done: 3 }] }, x: { area: { done: 1 } } },
          isolation: { site: { bedsReady: 3 } },
        },
        smallPlan,
      ),
    );
    expect(found.join('\n')).toMatchInlineSnapshot(`
      "campaign | the spec's name "small-town" | "other"
      time | a clock time like "19:00", "01:30 (+1 d)", "+1d 01:30", "13 Apr 19:00" or an ISO date-time | "25:99"
      testing.town.points | every point of the area (1–2; missing 2) | [1]
      testing.x | a testing area of the spec (town) | "x"
      isolation.site | one of the spec's isolation (none) | "site""
    `);
  });
});
