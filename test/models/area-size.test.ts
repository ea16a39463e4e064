/**
 * Limits instead of exhaustion: an area of 10⁸ people (a typo with extra zeros) is refused before the
 * run with an estimate of its time and memory, unless the caller asks for it; the same holds for a
 * campaign spec's testing area.
 */
import { describe, expect, it } from 'vitest';
import { checkAreaSize, LARGE_AREA, runAreaTesting } from '../../models/area-testing.js';
import { planCampaign } from '../../models/campaign/index.js';
import { runSamplingSite } from '../../models/sampling-site.js';
import { ParameterError } from '../../src/index.js';

describe('area size limit', () => {
  it('refuses 10^8 people in one area run before any work, with an estimate and the way on', () => {
    const t0 = performance.now();
    expect(() => runAreaTesting({ population: 100_000_000, sites: 50_000 })).toThrow(ParameterError);
    expect(() => runAreaTesting({ population: 100_000_000, sites: 50_000 })).toThrow(
      /population: expected at most 2,000,000 people in one run, or allowLarge: true to run it anyway \(this many would take ≈ 17 min of CPU and ≈ 23\.0 GB\), got 100000000/,
    );
    // Refused up front: nothing was simulated.
    expect(performance.now() - t0).toBeLessThan(60_000);
  });

  it('lets a caller who asks run past the limit, and checks the flag', () => {
    expect(() => checkAreaSize(LARGE_AREA + 1, true)).not.toThrow();
    expect(() => checkAreaSize(LARGE_AREA, false)).not.toThrow();
    expect(() => runAreaTesting({ population: 10, sites: 1 }, { allowLarge: 'yes' as never })).toThrow(
      'allowLarge: expected true or false, got "yes"',
    );
  });

  it('refuses such an area in a campaign spec, under its path', () => {
    const spec = {
      name: 'huge',
      title: 'A typo',
      epoch: '2023-01-01T00:00+08:00',
      testing: {
        city: {
          open: '08:00',
          residents: 25_000_000,
          points: 5000,
          staff: { clerks: 5000 },
          flow: [{ serve: 'reg', by: 'clerks', time: '30 s' }],
        },
      },
    };
    expect(() => planCampaign(spec)).toThrow(/testing\.city\.residents: expected at most 2,000,000 people/);
  });
});

describe('run options', () => {
  it('refuse an unknown option of the site and area runs, with a did-you-mean', () => {
    expect(() => runAreaTesting({ population: 10, sites: 1 }, { sed: 1 } as never)).toThrow(
      /options\.sed: expected a known parameter — did you mean "seed"\?/,
    );
    expect(() => runSamplingSite({ population: 10 }, { seed: 1, epochs: 'x' } as never)).toThrow(
      /options\.epochs: expected a known parameter — did you mean "epoch"\?/,
    );
  });
});
