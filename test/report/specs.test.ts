/**
 * The chart builders: every spec compiles with vega-lite without a warning, times land on the
 * scenario's wall clock, ticks fall on midnight when a night is crossed, and bad rows are rejected
 * with the path and value.
 */
import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import type { PairedDifference } from '../../src/experiment/compare.js';
import { ParameterError } from '../../src/kernel/errors.js';
import {
  bedsReadySpec,
  busTripsSpec,
  clockTickStep,
  comparisonRows,
  comparisonSpec,
  flattenParameters,
  formatCell,
  reportedVsSimulatedTable,
  staffRosterSpec,
  testedOverTimeSpec,
  waitingTimeSpec,
} from '../../src/report/index.js';
import { compileSpec } from '../../src/report/node.js';
import { EPOCH, sampleSpecs, testedInput } from './fixtures.js';

const H = 3_600_000;

describe('chart specs compile cleanly', () => {
  for (const [name, build] of Object.entries(sampleSpecs)) {
    it(`${name}: vega-lite compiles it with no warning`, () => {
      const { vega, warnings } = compileSpec(build());
      expect(warnings).toEqual([]);
      expect(vega.marks?.length ?? 0).toBeGreaterThan(0);
    });
  }

  it('compileSpec does report warnings (the capture works)', () => {
    // a quantitative field on a shape channel is dropped with a warning
    const bad = {
      data: { values: [{ a: 1 }] },
      mark: 'point',
      encoding: { shape: { field: 'a', type: 'quantitative' } },
    } as unknown as TopLevelSpec;
    expect(compileSpec(bad).warnings.length).toBeGreaterThan(0);
  });

  it('every spec uses the report font family', () => {
    for (const build of Object.values(sampleSpecs))
      expect(build().config?.font).toBe('Noto Sans CJK SC, DejaVu Sans, sans-serif');
  });
});

describe('clock time', () => {
  it('times become wall-clock millis of the epoch, on a utc scale', () => {
    const spec = testedOverTimeSpec({
      ...testedInput,
      rows: [
        { time: 0, tested: 0 },
        { time: 23_400, tested: 5 },
      ],
    });
    const line = (spec as { layer: { data: { values: { clock: number }[] }; encoding: any }[] }).layer[0]!;
    expect(line.data.values.map((v) => v.clock)).toEqual([
      Date.UTC(2022, 3, 13, 19),
      Date.UTC(2022, 3, 14, 1, 30),
    ]);
    expect(line.encoding.x.scale).toEqual({ type: 'utc' });
    expect(line.encoding.x.axis.title).toBe('Clock time (UTC+08:00)');
  });

  it('an Epoch object and its ISO text give the same spec', async () => {
    const { Epoch } = await import('../../src/time/epoch.js');
    expect(testedOverTimeSpec({ ...testedInput, epoch: new Epoch(EPOCH) })).toEqual(
      testedOverTimeSpec(testedInput),
    );
  });

  it('tick steps divide a day, so midnight is a tick whenever the axis crosses it', () => {
    expect(clockTickStep([0, 8 * H])).toEqual({ interval: 'hour', step: 1 });
    expect(clockTickStep([0, 9 * H])).toEqual({ interval: 'hour', step: 2 });
    expect(clockTickStep([0, 30 * 60_000])).toEqual({ interval: 'minute', step: 5 });
    expect(clockTickStep([0, 3 * 24 * H])).toEqual({ interval: 'hour', step: 12 });
    for (let hours = 0.5; hours < 100; hours *= 1.7) {
      const { interval, step } = clockTickStep([0, hours * H]);
      const ms = step * { minute: 60_000, hour: H, day: 24 * H }[interval];
      expect((24 * H) % ms).toBe(0);
      expect(hours * H <= 8 * ms || interval === 'day').toBe(true);
    }
  });
});

describe('targets', () => {
  it('the default labels read "Target N by HH:MM" and "N needed by HH:MM"', () => {
    expect(JSON.stringify(testedOverTimeSpec(testedInput))).toContain('Target 119,246 by 01:00');
    const beds = bedsReadySpec({
      epoch: '2022-04-13T17:00+08:00',
      rows: [{ time: 0, ready: 0 }],
      needed: { count: 327, by: 14_400 },
    });
    expect(JSON.stringify(beds)).toContain('327 needed by 21:00');
  });

  it('a target without a deadline draws only the level', () => {
    const spec = testedOverTimeSpec({ ...testedInput, target: { count: 1000, label: 'plan' } }) as {
      layer: unknown[];
    };
    expect(spec.layer).toHaveLength(3);
    expect(compileSpec(spec as TopLevelSpec).warnings).toEqual([]);
  });
});

describe('bad input throws with path and value', () => {
  it.each([
    [
      () =>
        testedOverTimeSpec({
          epoch: EPOCH,
          rows: [
            { time: 0, tested: 0 },
            { time: 60, tested: Number.NaN },
          ],
        }),
      'rows[1].tested: expected a finite number, got NaN',
    ],
    [() => testedOverTimeSpec({ epoch: '2022-04-13 19:00', rows: [] }), 'epoch:'],
    [
      () => testedOverTimeSpec({ epoch: EPOCH, rows: [{ time: '60' as never, tested: 1 }] }),
      'rows[0].time: expected a finite number of seconds, got "60"',
    ],
    [
      () => busTripsSpec({ epoch: EPOCH, rows: [{ bus: 1, departure: 600, arrival: 60 }] }),
      'rows[0].arrival: expected a time not before departure 600, got 60',
    ],
    [
      () => staffRosterSpec({ epoch: EPOCH, shifts: [{ person: '', start: 0, end: 1 }] }),
      'shifts[0].person: expected a non-empty string',
    ],
    [() => waitingTimeSpec({ rows: [], unit: 'days' as never }), 'unit:'],
    [
      () => comparisonSpec({ rows: [{ figure: 'x', effect: 3, lower: 0, upper: 2 }] }),
      'rows[0]: expected lower ≤ effect ≤ upper',
    ],
    [() => testedOverTimeSpec({ ...testedInput, width: -5 }), 'options.width:'],
    [
      () => testedOverTimeSpec({ epoch: EPOCH, rows: 'nope' as never }),
      'rows: expected an array of rows, got "nope"',
    ],
  ])('%#', (f, message) => {
    expect(f).toThrow(ParameterError);
    expect(f).toThrow(message);
  });
});

describe('comparison rows from compare() results', () => {
  const diff = (
    field: string,
    mean: number | null,
    lower: number | null,
    upper: number | null,
  ): PairedDifference => ({
    field,
    n: 10,
    meanA: 0,
    meanB: mean,
    mean,
    sd: 1,
    halfWidth: mean === null ? null : 1,
    lower,
    upper,
    level: 0.95,
    pValue: 0.01,
    significant: true,
    correlation: 0.5,
  });
  const differences = {
    wait: diff('wait', -360, -420, -300),
    tested: diff('tested', 1200, -300, 2700),
    empty: diff('empty', null, null, null),
  };

  it('take effect and interval, scaled, in the order of the fields', () => {
    expect(
      comparisonRows(differences, {
        tested: { figure: 'Tested', unit: 'persons' },
        wait: { figure: 'Mean wait', unit: 'min', divideBy: 60 },
      }),
    ).toEqual([
      { figure: 'Tested', unit: 'persons', effect: 1200, lower: -300, upper: 2700 },
      { figure: 'Mean wait', unit: 'min', effect: -6, lower: -7, upper: -5 },
    ]);
  });

  it('leave out fields without an interval and reject unknown ones', () => {
    expect(comparisonRows(differences).map((r) => r.figure)).toEqual(['wait', 'tested']);
    expect(() => comparisonRows(differences, { nope: {} })).toThrow(
      'fields.nope: expected one of wait, tested, empty',
    );
  });

  it('an interval that excludes zero is marked so', () => {
    const spec = comparisonSpec({ rows: comparisonRows(differences) }) as {
      data: { values: { clear: string }[] };
    };
    expect(spec.data.values.map((v) => v.clear)).toEqual(['interval excludes 0', 'interval includes 0']);
  });
});

describe('report data helpers', () => {
  it('formatCell groups integers, rounds to 4 significant digits, writes yes/no', () => {
    expect([119_246, -1234567, 0.123456, 1234.5678, true, false, null, 'x'].map(formatCell)).toEqual([
      '119,246',
      '-1,234,567',
      '0.1235',
      '1,235',
      'yes',
      'no',
      '',
      'x',
    ]);
  });

  it('flattenParameters writes dotted paths', () => {
    expect(flattenParameters({ a: { b: 1, c: [2, { d: 'x' }] }, e: null, f: [] })).toEqual([
      ['a.b', 1],
      ['a.c[0]', 2],
      ['a.c[1].d', 'x'],
      ['e', null],
      ['f', '[]'],
    ]);
  });

  it('reportedVsSimulatedTable has one row per figure with the interval as text', () => {
    const t = reportedVsSimulatedTable(
      [
        {
          figure: 'F1 tested by 01:00',
          unit: 'persons',
          reported: 119_246,
          median: 118_900,
          lower: 117_500,
          upper: 120_100,
          fitted: true,
        },
      ],
      '90 % of replications',
    );
    expect(t.columns).toEqual([
      'figure',
      'unit',
      'reported',
      'simulated median',
      '90 % of replications',
      'fitted?',
    ]);
    expect(t.rows).toEqual([
      ['F1 tested by 01:00', 'persons', 119_246, 118_900, '117,500 – 120,100', 'fitted'],
    ]);
  });
});
