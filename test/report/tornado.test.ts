import * as vl from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { pairedDifference } from '../../src/experiment/compare.js';
import { tornadoSpec } from '../../src/report/tornado.js';

describe('tornadoSpec', () => {
  const rows = [
    {
      name: 'swab time',
      low: pairedDifference('low', [0, 0], [-3, -4]),
      high: pairedDifference('high', [0, 0], [5, 6]),
      swing: 9,
    },
    {
      name: 'QR share',
      low: pairedDifference('low', [0, 0], [1, 2]),
      high: pairedDifference('high', [0, 0], [-1, -2]),
      swing: 3,
    },
  ];
  it('compiles, keeps the swing order and carries both ends with intervals', () => {
    const spec = tornadoSpec(rows, 'finish change (s)');
    expect(() => vl.compile(spec)).not.toThrow();
    const values = (spec as { data: { values: { parameter: string; end: string }[] } }).data.values;
    expect(values.map((v) => `${v.parameter}:${v.end}`)).toEqual([
      'swab time:low',
      'swab time:high',
      'QR share:low',
      'QR share:high',
    ]);
  });
  it('rejects an empty table', () => {
    expect(() => tornadoSpec([], 'x')).toThrow(/rows: expected a non-empty list/);
  });
});
