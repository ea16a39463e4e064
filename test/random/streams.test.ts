/**
 * Named streams and seeds: determinism, common random numbers, replication seeds, and a sanity check
 * of the generator's uniformity and of independence between streams.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/kernel/errors.js';
import { rngFromFunction, SeededRng, seededRng } from '../../src/random/rng.js';
import { MAX_SEED, replicationSeed, streamKey, validateSeed } from '../../src/random/seed.js';
import { RandomStreams } from '../../src/random/streams.js';
import { expectProportion, Z } from './helpers.js';

const seedArb = fc.integer({ min: 0, max: MAX_SEED });
const nameArb = fc.string({ minLength: 1, maxLength: 20, unit: 'grapheme' });
const take = (rng: { next(): number }, k: number) => Array.from({ length: k }, () => rng.next());

describe('RandomStreams', () => {
  it('same seed and name → same sequence', () => {
    fc.assert(
      fc.property(seedArb, nameArb, (seed, name) => {
        expect(take(new RandomStreams(seed).stream(name), 8)).toEqual(
          take(new RandomStreams(seed).stream(name), 8),
        );
      }),
      { seed: 1 },
    );
  });

  it('creating and drawing from other streams never changes a stream’s numbers', () => {
    fc.assert(
      fc.property(seedArb, nameArb, fc.array(nameArb, { maxLength: 5 }), (seed, name, others) => {
        const alone = take(new RandomStreams(seed).stream(name), 10);
        const busy = new RandomStreams(seed);
        for (const o of others) take(busy.stream(o), 3);
        const s = busy.stream(name);
        const mixed: number[] = [];
        for (let i = 0; i < 10; i++) {
          mixed.push(s.next());
          for (const o of others) if (o !== name) busy.stream(o).next();
        }
        expect(mixed).toEqual(alone);
      }),
      { seed: 2 },
    );
  });

  it('different names → different sequences', () => {
    fc.assert(
      fc.property(seedArb, nameArb, nameArb, (seed, a, b) => {
        fc.pre(a !== b);
        const streams = new RandomStreams(seed);
        expect(take(streams.stream(a), 4)).not.toEqual(take(streams.stream(b), 4));
        expect(streamKey(seed, a)).not.toBe(streamKey(seed, b));
      }),
      { seed: 3 },
    );
  });

  it('different seeds → different sequences', () => {
    fc.assert(
      fc.property(seedArb, seedArb, nameArb, (s1, s2, name) => {
        fc.pre(s1 !== s2);
        expect(take(new RandomStreams(s1).stream(name), 4)).not.toEqual(
          take(new RandomStreams(s2).stream(name), 4),
        );
      }),
      { seed: 4 },
    );
  });

  it('returns the same stream object for the same name, which continues where it left off', () => {
    const streams = new RandomStreams(42);
    const a = streams.stream('arrivals');
    const first = a.next();
    expect(streams.stream('arrivals')).toBe(a);
    expect(streams.stream('arrivals').next()).not.toBe(first);
    expect(streams.names()).toEqual(['arrivals']);
  });

  it('seededRng(seed, name) is the stream of that name; replication(i) uses replicationSeed', () => {
    expect(take(seededRng(9, 'x'), 3)).toEqual(take(new RandomStreams(9).stream('x'), 3));
    expect(take(seededRng(9), 3)).toEqual(take(new RandomStreams(9).stream('default'), 3));
    expect(new RandomStreams(42).replication(3).seed).toBe(replicationSeed(42, 3));
  });

  it('no-regression: seed 42, stream "arrivals" (changing these changes every published result)', () => {
    expect(streamKey(42, 'arrivals')).toMatchInlineSnapshot(`"5a659eff78290be3"`);
    expect(take(new RandomStreams(42).stream('arrivals'), 3)).toMatchInlineSnapshot(`
      [
        0.8182659147385032,
        0.5252526149341683,
        0.9452563038109243,
      ]
    `);
    expect([0, 1, 2].map((i) => replicationSeed(42, i))).toMatchInlineSnapshot(`
      [
        3921143644337924,
        2197696174081870,
        7960372134500249,
      ]
    `);
  });

  it('rejects bad seeds and names, naming the path and the value', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_SEED + 1, '42', null]) {
      expect(() => new RandomStreams(bad as number, 'scenario.seed')).toThrow(ParameterError);
      expect(() => new RandomStreams(bad as number, 'scenario.seed')).toThrow(
        /^scenario\.seed: expected an integer in \[0, 9007199254740991\], got /,
      );
    }
    expect(() => validateSeed(-3)).toThrow('seed: expected an integer in [0, 9007199254740991], got -3');
    expect(() => new RandomStreams(1).stream('')).toThrow('stream name: expected a non-empty string, got ""');
    expect(() => seededRng(1, '')).toThrow(ParameterError);
    expect(() => rngFromFunction(3 as never)).toThrow('fn: expected a function, got 3');
  });
});

describe('replicationSeed', () => {
  it('1,000 replications of any base seed get 1,000 distinct valid seeds', () => {
    fc.assert(
      fc.property(seedArb, (base) => {
        const seeds = Array.from({ length: 1000 }, (_v, i) => replicationSeed(base, i));
        expect(new Set(seeds).size).toBe(1000);
        for (const s of seeds) expect(validateSeed(s)).toBe(s);
      }),
      { seed: 5, numRuns: 30 },
    );
  });

  it('does not depend on how many replications are run', () => {
    fc.assert(
      fc.property(seedArb, fc.nat({ max: 1e6 }), (base, i) => {
        expect(replicationSeed(base, i)).toBe(replicationSeed(base, i));
        const later = Array.from({ length: 3 }, (_v, j) => replicationSeed(base, j));
        expect(later[0]).toBe(replicationSeed(base, 0));
      }),
      { seed: 6 },
    );
  });

  it('rejects bad indices and base seeds', () => {
    expect(() => replicationSeed(42, -1)).toThrow(
      'replication: expected an integer in [0, 9007199254740991], got -1',
    );
    expect(() => replicationSeed(42, 0.5)).toThrow(ParameterError);
    expect(() => replicationSeed(-42, 0)).toThrow(
      'baseSeed: expected an integer in [0, 9007199254740991], got -42',
    );
  });
});

describe('the generator', () => {
  const n = 100_000;

  it('is uniform on [0, 1): 20-bin frequencies, mean and variance', () => {
    const rng = new RandomStreams(1).stream('uniformity');
    const bins = new Array<number>(20).fill(0);
    let sum = 0;
    let sumSq = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      if (!(u >= 0 && u < 1)) outside++;
      bins[Math.floor(u * 20)]!++;
      sum += u;
      sumSq += u * u;
    }
    expect(outside).toBe(0);
    bins.forEach((b, i) => {
      expectProportion(b, n, 0.05, `bin ${i}`);
    });
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(Z * Math.sqrt(1 / 12 / n));
    // Var(U²) = 1/5 − 1/9 = 4/45.
    expect(Math.abs(sumSq / n - 1 / 3)).toBeLessThan(Z * Math.sqrt(4 / 45 / n));
  });

  it('shows no lag-1 correlation within a stream and no correlation between sibling streams', () => {
    // Under independence the sample correlation of n pairs has standard error 1/√n.
    const corr = (xs: number[], ys: number[]) => {
      const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
      const my = ys.reduce((a, b) => a + b, 0) / ys.length;
      let sxy = 0;
      let sxx = 0;
      let syy = 0;
      xs.forEach((x, i) => {
        const dx = x - mx;
        const dy = ys[i]! - my;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
      });
      return sxy / Math.sqrt(sxx * syy);
    };
    const streams = new RandomStreams(2);
    const a = take(streams.stream('site-1'), n);
    const b = take(streams.stream('site-2'), n);
    expect(Math.abs(corr(a.slice(0, -1), a.slice(1)))).toBeLessThan(Z / Math.sqrt(n));
    expect(Math.abs(corr(a, b))).toBeLessThan(Z / Math.sqrt(n));
    // Consecutive seeds are the classic trap of naive seeding.
    const c = take(new RandomStreams(3).stream('site-1'), n);
    expect(Math.abs(corr(a, c))).toBeLessThan(Z / Math.sqrt(n));
  });

  it('SeededRng is keyed by its string key alone', () => {
    expect(take(new SeededRng('k'), 3)).toEqual(take(new SeededRng('k'), 3));
    expect(new SeededRng('k').key).toBe('k');
  });
});
