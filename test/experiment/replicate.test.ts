/**
 * replicate(): seeds, order, summaries, nested outputs, missing values, failures, and sequential
 * stopping to a target half-width.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ReplicationContext, ReplicationError, replicate } from '../../src/experiment/replicate.js';
import { summaryOf } from '../../src/experiment/summary.js';
import { ParameterError } from '../../src/kernel/errors.js';
import { replicationSeed } from '../../src/random/seed.js';
import { confidenceInterval } from '../../src/stats/confidenceInterval.js';
import { version } from '../../src/version.js';
import { queue } from './fixtures/queue-model.js';

/** Mean of `n` uniforms from the context's stream: cheap, random, with a known mean of 1/2. */
const uniformMean = (n: number) => (ctx: ReplicationContext) => {
  const rng = ctx.streams.stream('u');
  let s = 0;
  for (let i = 0; i < n; i++) s += rng.next();
  return { mean: s / n, first: { draw: rng.next() } };
};

describe('replicate(model, options)', () => {
  it('runs replication i with replicationSeed(seed, i), in order, and echoes seed, options and version', () => {
    const seen: number[] = [];
    const r = replicate(
      (ctx) => {
        seen.push(ctx.replication);
        expect(ctx.streams.seed).toBe(ctx.seed);
        return { x: ctx.seed % 1000 };
      },
      { replications: 5, seed: 99 },
    );
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(r.runs.map((run) => run.replication)).toEqual([0, 1, 2, 3, 4]);
    expect(r.runs.map((run) => run.seed)).toEqual([0, 1, 2, 3, 4].map((i) => replicationSeed(99, i)));
    expect(r.seed).toBe(99);
    expect(r.replications).toBe(5);
    expect(r.version).toBe(version);
    expect(r.options).toEqual({
      replications: 5,
      seed: 99,
      level: 0.95,
      target: null,
      maxReplications: null,
    });
    expect(r.stopping).toEqual({ rule: 'fixed', met: null });
  });

  it('summarises each numeric field with the Student-t interval of stats/confidenceInterval', () => {
    const r = replicate(uniformMean(50), { replications: 12, seed: 3, level: 0.9 });
    const values = r.runs.map((run) => run.output.mean);
    const ci = confidenceInterval(values, 0.9);
    expect(r.summary.mean).toEqual({
      field: 'mean',
      n: 12,
      missing: 0,
      mean: ci.mean,
      sd: ci.sd,
      halfWidth: ci.halfWidth,
      relativeHalfWidth: ci.halfWidth / Math.abs(ci.mean),
      lower: ci.lower,
      upper: ci.upper,
      min: Math.min(...values),
      max: Math.max(...values),
      level: 0.9,
    });
    expect(Object.keys(r.summary)).toEqual(['mean', 'first.draw']);
  });

  it('is reproducible, and the first k replications of n are the k-replication run', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 2, max: 6 }), (seed, k) => {
        const short = replicate(uniformMean(5), { replications: k, seed });
        const long = replicate(uniformMean(5), { replications: k + 3, seed });
        expect(long.runs.slice(0, k)).toEqual(short.runs);
        expect(replicate(uniformMean(5), { replications: k, seed })).toEqual(short);
      }),
      { numRuns: 25, seed: 11 },
    );
  });

  it('names nested fields by path, skips non-numbers, and counts null, NaN and ±Infinity as missing', () => {
    const r = replicate(
      (ctx) => ({
        label: 'text is not summarised',
        ok: true,
        stations: [{ L: ctx.replication }, { L: 2 * ctx.replication }],
        wait: ctx.replication === 0 ? null : ctx.replication === 1 ? Number.NaN : ctx.replication,
        rare: ctx.replication === 3 ? Number.POSITIVE_INFINITY : ctx.replication === 2 ? 5 : null,
      }),
      { replications: 4, seed: 1 },
    );
    expect(Object.keys(r.summary)).toEqual(['stations[0].L', 'stations[1].L', 'wait', 'rare']);
    expect(r.summary['stations[1].L']!.mean).toBe(3);
    expect(r.summary.wait).toMatchObject({ n: 2, missing: 2, mean: 2.5, min: 2, max: 3 });
    // One valid value: a mean, but no interval.
    expect(r.summary.rare).toMatchObject({
      n: 1,
      missing: 3,
      mean: 5,
      sd: null,
      halfWidth: null,
      lower: null,
    });
    expect(() => summaryOf(r.summary, 'wiat')).toThrow(
      'field: expected a numeric output field (one of stations[0].L, stations[1].L, wait, rare), got "wiat"',
    );
  });

  it('a failing model raises a ReplicationError naming the replication and its seed, with the cause', () => {
    let caught: unknown;
    try {
      replicate(
        (ctx) => {
          if (ctx.replication === 3) throw new RangeError('negative service time');
          return { x: 1 };
        },
        { replications: 5, seed: 8 },
      );
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ReplicationError);
    const e = caught as ReplicationError;
    expect(e.replication).toBe(3);
    expect(e.seed).toBe(replicationSeed(8, 3));
    expect(e.message).toBe(`replication 3 (seed ${replicationSeed(8, 3)}) failed: negative service time`);
    expect(e.cause).toBeInstanceOf(RangeError);
  });

  it('rejects an output that is not plain data (a number, a promise, a class instance)', () => {
    expect(() => replicate(() => 3 as unknown as object, { replications: 2, seed: 1 })).toThrow(
      /^replicate\.model output \(replication 0, seed \d+\): expected a plain object of numbers or nested plain data .*, got 3$/,
    );
    expect(() => replicate(async () => ({ x: 1 }), { replications: 2, seed: 1 })).toThrow(ParameterError);
    expect(() => replicate(() => new Map([['x', 1]]), { replications: 2, seed: 1 })).toThrow(ParameterError);
  });

  it('draws and reports a seed when none is given', () => {
    const r = replicate(uniformMean(2), { replications: 2 });
    expect(Number.isSafeInteger(r.seed) && r.seed >= 0).toBe(true);
    expect(r.runs[1]!.seed).toBe(replicationSeed(r.seed, 1));
    expect(r.options.seed).toBe(r.seed);
  });
});

describe('sequential stopping', () => {
  const params = { arrivalRate: 0.7, serviceRate: 1, customers: 400 };
  const model = (ctx: ReplicationContext) => queue(params, ctx);

  it('stops at the first replication where the half-width reaches the target, reproducibly', () => {
    const options = {
      replications: 5,
      seed: 2026,
      target: { fields: ['meanWait'], halfWidth: 0.25 },
      maxReplications: 400,
    };
    const r = replicate(model, options);
    const hw = r.summary.meanWait?.halfWidth ?? Number.NaN;
    expect(r.stopping).toEqual({ rule: 'precision', met: true });
    expect(hw).toBeLessThanOrEqual(0.25);
    expect(r.replications).toBeGreaterThan(5);
    // One replication fewer had not reached it: the rule stopped as soon as it could.
    const before = confidenceInterval(
      r.runs.slice(0, -1).map((run) => run.output.meanWait),
      0.95,
    );
    expect(before.halfWidth).toBeGreaterThan(0.25);
    // Same seed, same result, down to the last bit.
    expect(replicate(model, options)).toEqual(r);
    expect(r.options).toEqual({
      replications: 5,
      seed: 2026,
      level: 0.95,
      target: { fields: ['meanWait'], halfWidth: 0.25, relativeHalfWidth: null },
      maxReplications: 400,
    });
  });

  it('a relative target holds every listed field to a fraction of its mean', () => {
    const r = replicate(model, {
      replications: 4,
      seed: 5,
      target: { fields: ['meanWait', 'meanSojourn'], relativeHalfWidth: 0.1 },
    });
    for (const f of ['meanWait', 'meanSojourn']) {
      const s = r.summary[f]!;
      expect(s.halfWidth!).toBeLessThanOrEqual(0.1 * Math.abs(s.mean!));
    }
    expect(r.options.maxReplications).toBe(1000);
  });

  it('reports a target that was not met within maxReplications', () => {
    const r = replicate(model, {
      replications: 3,
      seed: 5,
      target: { fields: ['meanWait'], halfWidth: 1e-6 },
      maxReplications: 7,
    });
    expect(r.replications).toBe(7);
    expect(r.stopping).toEqual({ rule: 'precision', met: false });
  });

  it('an unknown target field is reported after the first replications, with the fields there are', () => {
    expect(() =>
      replicate(model, { replications: 2, seed: 1, target: { fields: ['meanWiat'], halfWidth: 1 } }),
    ).toThrow(
      'replicate.options.target.fields[0]: expected a numeric output field (one of meanWait, meanSojourn, served, end, detail.maxWait, detail.waits[0], detail.waits[1], detail.waits[2]), got "meanWiat"',
    );
  });
});
