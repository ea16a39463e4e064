/**
 * Rosters, shift patterns and coverage analysis: deterministic-input tests of pure functions, and
 * bad-input tests that check the error names the path and the value.
 */
import { describe, expect, test } from 'vitest';
import { ParameterError } from '../../../src/kernel/index.js';
import {
  acceptingIntervals,
  coverageGaps,
  headcountProfile,
  mobilisationRoster,
  onShiftAt,
  type Roster,
  roundTheClock,
  validateRoster,
} from '../../../src/resources/schedule/index.js';

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof ParameterError ? e.message : `not a ParameterError: ${String(e)}`;
  }
  return 'no error';
}

describe('validateRoster names the bad path and value', () => {
  const ok = { name: 'ok', shifts: [{ start: 0, end: 3600 }] };
  const cases: [string, unknown, string][] = [
    [
      'end before start',
      [
        ok,
        ok,
        ok,
        {
          name: 'D',
          shifts: [
            { start: 0, end: 100 },
            { start: 28800, end: 7200 },
          ],
        },
      ].map((e, i) => (i < 3 ? { ...e, name: `p${i}` } : e)),
      'roster[3].shifts[1].end: expected a time after start (28800), got 7200',
    ],
    [
      'zero length',
      [{ name: 'A', shifts: [{ start: 5, end: 5 }] }],
      'roster[0].shifts[0].end: expected a time after start (5), got 5',
    ],
    [
      'overlapping shifts of one person',
      [
        {
          name: 'A',
          shifts: [
            { start: 0, end: 43200 },
            { start: 40000, end: 80000 },
          ],
        },
      ],
      'roster[0].shifts[1].start: expected a time at or after the end of shifts[0] (43200): shifts of one person must be in order and not overlap, got 40000',
    ],
    [
      'break before the shift',
      [{ name: 'A', shifts: [{ start: 100, end: 1000, breaks: [{ start: 50, end: 150 }] }] }],
      'roster[0].shifts[0].breaks[0].start: expected a time within the shift, after its start and before its end (100, 1000), got 50',
    ],
    [
      'break past the end',
      [{ name: 'A', shifts: [{ start: 0, end: 1000, breaks: [{ start: 900, end: 1100 }] }] }],
      "roster[0].shifts[0].breaks[0].end: expected a time before the shift's end (1000), got 1100",
    ],
    [
      'negative break length',
      [{ name: 'A', shifts: [{ start: 0, end: 1000, breaks: [{ start: 500, end: 400 }] }] }],
      'roster[0].shifts[0].breaks[0].end: expected a time after start (500), got 400',
    ],
    [
      'overlapping breaks',
      [
        {
          name: 'A',
          shifts: [
            {
              start: 0,
              end: 1000,
              breaks: [
                { start: 200, end: 400 },
                { start: 300, end: 500 },
              ],
            },
          ],
        },
      ],
      "roster[0].shifts[0].breaks[1].start: expected a time after the end of breaks[0] (400) and before the shift's end (1000), got 300",
    ],
    [
      'negative handover',
      [{ name: 'A', shifts: [{ start: 0, end: 1000, handover: -5 }] }],
      'roster[0].shifts[0].handover: expected a finite number ≥ 0, got -5',
    ],
    [
      'handover longer than the last stretch',
      [{ name: 'A', shifts: [{ start: 0, end: 1000, breaks: [{ start: 500, end: 900 }], handover: 100 }] }],
      'roster[0].shifts[0].handover: expected a length < 100 (the working time left after the last break), got 100',
    ],
    [
      'duplicate names',
      [ok, { ...ok }],
      'roster[1].name: expected a name not used before (roster[0] has it), got "ok"',
    ],
    ['missing name', [{ shifts: [] }], 'roster[0].name: expected a non-empty string, got undefined'],
    [
      'shifts not an array',
      [{ name: 'A', shifts: 3 }],
      'roster[0].shifts: expected an array of { start, end }, got 3',
    ],
    [
      'time with units not normalised',
      [{ name: 'A', shifts: [{ start: '7 h', end: 3600 }] }],
      'roster[0].shifts[0].start: expected a finite number, got "7 h"',
    ],
    ['not an array', { name: 'A' }, 'roster: expected an array of { name, shifts }, got {"name":"A"}'],
  ];
  test.each(cases)('%s', (_name, roster, expected) => {
    expect(message(() => validateRoster(roster as Roster))).toBe(expected);
  });
});

describe('shift patterns', () => {
  test('roundTheClock: 3 × 8 h with a 15 min handover overlap over two days', () => {
    const roster = roundTheClock({
      positions: 1,
      shiftsPerDay: 3,
      days: 2,
      start: 6 * 3600,
      handover: 900,
      prefix: 'gate',
    });
    expect(roster).toEqual([
      {
        name: 'gate1.1',
        shifts: [
          { start: 21600, end: 51300, handover: 900, label: 'early' },
          { start: 108000, end: 137700, handover: 900, label: 'early' },
        ],
      },
      {
        name: 'gate1.2',
        shifts: [
          { start: 50400, end: 80100, handover: 900, label: 'late' },
          { start: 136800, end: 166500, handover: 900, label: 'late' },
        ],
      },
      {
        name: 'gate1.3',
        shifts: [
          { start: 79200, end: 108900, handover: 900, label: 'night' },
          { start: 165600, end: 195300, handover: 900, label: 'night' },
        ],
      },
    ]);
    // The overlap is paid presence but not extra capacity: exactly one person accepts work at a time.
    expect(headcountProfile(roster)).toEqual([
      { from: 21600, count: 1 },
      { from: 194400, count: 0 },
    ]);
    expect(validateRoster(roster)).toBe(roster);
  });

  test('roundTheClock rejects a handover as long as a shift', () => {
    expect(message(() => roundTheClock({ positions: 1, shiftsPerDay: 2, handover: 43200 }))).toBe(
      'roundTheClock.handover: expected a length < the shift length (43200), got 43200',
    );
    expect(message(() => roundTheClock({ positions: 0, shiftsPerDay: 2 }))).toBe(
      'roundTheClock.positions: expected an integer ≥ 1, got 0',
    );
  });

  test('mobilisationRoster: named in order of arrival, from an array or a sampler', () => {
    expect(mobilisationRoster({ arrivals: [600, 0, 600], until: 7200 })).toEqual([
      { name: 'volunteer1', shifts: [{ start: 0, end: 7200 }] },
      { name: 'volunteer2', shifts: [{ start: 600, end: 7200 }] },
      { name: 'volunteer3', shifts: [{ start: 600, end: 7200 }] },
    ]);
    const draws = [1800, 300];
    expect(
      mobilisationRoster({
        arrivals: { count: 2, sample: () => draws.shift()! },
        stay: 3600,
        prefix: 'nurse',
      }),
    ).toEqual([
      { name: 'nurse1', shifts: [{ start: 300, end: 3900 }] },
      { name: 'nurse2', shifts: [{ start: 1800, end: 5400 }] },
    ]);
    expect(message(() => mobilisationRoster({ arrivals: [0, 8000], until: 7200 }))).toBe(
      'mobilisation.arrivals[1]: expected a time before until (7200), got 8000',
    );
    expect(
      message(() => mobilisationRoster({ arrivals: { count: 1, sample: () => Number.NaN }, until: 7200 })),
    ).toBe('mobilisation.arrivals.sample() call 1: expected a finite number, got NaN');
    expect(message(() => mobilisationRoster({ arrivals: [0], until: 10, stay: 10 }))).toBe(
      'mobilisation: expected exactly one of until and stay, got {"until":10,"stay":10}',
    );
  });
});

describe('coverage analysis', () => {
  const roster: Roster = [
    { name: 'A', shifts: [{ start: 0, end: 43200, breaks: [{ start: 21600, end: 23400 }] }] },
    { name: 'B', shifts: [{ start: 28800, end: 72000, handover: 1800 }] },
  ];

  test('accepting intervals leave out breaks and handover windows', () => {
    expect([
      acceptingIntervals({ start: 28800, end: 72000, handover: 1800 }),
      onShiftAt(roster, 22000),
      onShiftAt(roster, 30000),
      onShiftAt(roster, 71000),
    ]).toEqual([[{ start: 28800, end: 70200 }], [], ['A', 'B'], []]);
  });

  test('gaps against a daily requirement of 1 at night and 2 from 08:00 to 20:00', () => {
    const required = {
      steps: [
        { from: 0, capacity: 1 },
        { from: 8 * 3600, capacity: 2 },
        { from: 20 * 3600, capacity: 1 },
      ],
      period: 86400,
    };
    const report = coverageGaps(roster, required, { from: 0, to: 86400 });
    expect(report).toEqual({
      from: 0,
      to: 86400,
      gaps: [
        { start: 21600, end: 23400, required: 1, onShift: 0, shortfall: 1 }, // A's break, nobody else
        { start: 43200, end: 70200, required: 2, onShift: 1, shortfall: 1 }, // A gone, B alone
        { start: 70200, end: 72000, required: 2, onShift: 0, shortfall: 2 }, // B's handover window
        { start: 72000, end: 86400, required: 1, onShift: 0, shortfall: 1 }, // nobody at night
      ],
      gapTime: 1800 + 27000 + 1800 + 14400,
      shortfallTime: 1800 + 27000 + 2 * 1800 + 14400,
      covered: false,
    });
  });

  test('a constant requirement; adjacent stretches with equal counts merge; bad windows are named', () => {
    const r = coverageGaps(roster, 1, { from: -3600, to: 3600 });
    expect([r.gaps, r.covered]).toEqual([
      [{ start: -3600, end: 0, required: 1, onShift: 0, shortfall: 1 }],
      false,
    ]);
    const steps = [
      { from: 0, capacity: 1 },
      { from: 100, capacity: 1 },
    ];
    expect(coverageGaps([], { steps }, { from: 0, to: 200 }).gaps).toEqual([
      { start: 0, end: 200, required: 1, onShift: 0, shortfall: 1 },
    ]);
    expect(message(() => coverageGaps(roster, 1, { from: 10, to: 10 }))).toBe(
      'window.to: expected a time after window.from (10), got 10',
    );
    expect(message(() => coverageGaps(roster, -1, { from: 0, to: 10 }))).toBe(
      'required: expected an integer ≥ 0 or a capacity schedule, got -1',
    );
  });
});
