/**
 * Bad input is rejected before any replication runs, with the option's path and the value given.
 */
import { describe, expect, it } from 'vitest';
import { compare, compareParams, isSignificant, pairedDifferences } from '../../src/experiment/compare.js';
import { type ReplicationContext, replicate } from '../../src/experiment/replicate.js';
import { gridPoints, sweep } from '../../src/experiment/sweep.js';
import { ParameterError } from '../../src/kernel/errors.js';

let runs = 0;
const model = (ctx: ReplicationContext) => {
  runs++;
  return { x: ctx.replication };
};
const paramModel = (_p: unknown, ctx: ReplicationContext) => model(ctx);

/** Expect `fn` to throw a ParameterError with exactly `message`, without having run the model. */
function rejects(fn: () => unknown, message: string): void {
  const before = runs;
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ParameterError);
  expect((error as Error).message).toBe(message);
  expect(runs, 'the model ran before the error').toBe(before);
}

describe('replicate options', () => {
  const p = 'replicate.options';
  it.each([
    [
      { replications: 1 },
      `${p}.replications: expected an integer ≥ 2 (a confidence interval needs two), got 1`,
    ],
    [
      { replications: 2.5 },
      `${p}.replications: expected an integer ≥ 2 (a confidence interval needs two), got 2.5`,
    ],
    [
      { replications: '10' },
      `${p}.replications: expected an integer ≥ 2 (a confidence interval needs two), got "10"`,
    ],
    [{ replications: 5, seed: -1 }, `${p}.seed: expected an integer in [0, 9007199254740991], got -1`],
    [{ replications: 5, seed: 1.5 }, `${p}.seed: expected an integer in [0, 9007199254740991], got 1.5`],
    [{ replications: 5, level: 1 }, `${p}.level: expected a number strictly between 0 and 1, got 1`],
    [{ replications: 5, level: 0 }, `${p}.level: expected a number strictly between 0 and 1, got 0`],
    [{ replications: 5, level: 95 }, `${p}.level: expected a number strictly between 0 and 1, got 95`],
    [
      { replications: 5, level: Number.NaN },
      `${p}.level: expected a number strictly between 0 and 1, got NaN`,
    ],
    [
      { replications: 5, replication: 3 },
      `${p}.replication: expected no such option (known: replications, seed, level, target, maxReplications), got 3`,
    ],
    [
      { replications: 5, maxReplications: 50 },
      `${p}.maxReplications: expected no value without a precision target (maxReplications caps sequential stopping), got 50`,
    ],
    [
      { replications: 5, target: { fields: ['x'], halfWidth: 0 } },
      `${p}.target.halfWidth: expected a finite number > 0, got 0`,
    ],
    [
      { replications: 5, target: { fields: ['x'], halfWidth: -0.1 } },
      `${p}.target.halfWidth: expected a finite number > 0, got -0.1`,
    ],
    [
      { replications: 5, target: { fields: ['x'], relativeHalfWidth: Number.POSITIVE_INFINITY } },
      `${p}.target.relativeHalfWidth: expected a finite number > 0, got Infinity`,
    ],
    [
      { replications: 5, target: { fields: ['x'], halfWidth: 1, relativeHalfWidth: 0.1 } },
      `${p}.target: expected exactly one of halfWidth and relativeHalfWidth, got {"fields":["x"],"halfWidth":1,"relativeHalfWidth":0.1}`,
    ],
    [
      { replications: 5, target: { fields: [], halfWidth: 1 } },
      `${p}.target.fields: expected a non-empty array of output field names, got []`,
    ],
    [
      { replications: 5, target: { fields: ['x', ''], halfWidth: 1 } },
      `${p}.target.fields[1]: expected a non-empty string, got ""`,
    ],
    [
      { replications: 5, target: { fields: ['x'], halfwidth: 1 } },
      `${p}.target.halfwidth: expected no such key (known: fields, halfWidth, relativeHalfWidth), got 1`,
    ],
    [
      { replications: 5, target: { fields: ['x'], halfWidth: 1 }, maxReplications: 4 },
      `${p}.maxReplications: expected an integer ≥ 5, got 4`,
    ],
    [null, `${p}: expected an options object, got null`],
  ])('%j', (options, message) => {
    rejects(() => replicate(model, options as never), message);
  });

  it('a model that is not a function', () => {
    rejects(
      () => replicate('model' as never, { replications: 2 }),
      'replicate.model: expected a function (ctx) => plain data, got "model"',
    );
  });
});

describe('sweep grid and options', () => {
  it.each([
    [{}, 'sweep.grid: expected at least one parameter with values, got {}'],
    [[1, 2], 'sweep.grid: expected an object { parameter: [values…] }, got [1,2]'],
    [{ servers: 4 }, 'sweep.grid.servers: expected a non-empty array of values, got 4'],
    [{ servers: [] }, 'sweep.grid.servers: expected a non-empty array of values, got []'],
    [
      { servers: [4, Number.NaN] },
      'sweep.grid.servers[1]: expected a finite number, a string or a boolean, got NaN',
    ],
    [
      { servers: [4, { n: 5 }] },
      'sweep.grid.servers[1]: expected a finite number, a string or a boolean, got {"n":5}',
    ],
    [
      { servers: [4, 5, 4] },
      'sweep.grid.servers[2]: expected a value not already in the list (at [0]), got 4',
    ],
    [
      { mean: [1, 2] },
      'sweep.grid.mean: expected a parameter name other than the table\'s own columns (point, field, n, missing, mean, sd, halfWidth, relativeHalfWidth, lower, upper, min, max, level), got "mean"',
    ],
  ])('%j', (grid, message) => {
    rejects(() => sweep(paramModel, grid as never, { replications: 2, seed: 1 }), message);
  });

  it('bad options and base', () => {
    rejects(
      () => sweep(paramModel, { a: [1] }, { replications: 2, seed: 1, level: 2 }),
      'sweep.options.level: expected a number strictly between 0 and 1, got 2',
    );
    rejects(
      () => sweep(paramModel, { a: [1] }, { replications: 2, seed: 1, base: 3 as never }),
      'sweep.options.base: expected an object of fixed parameters, got 3',
    );
    rejects(
      () => sweep(null as never, { a: [1] }, { replications: 2 }),
      'sweep.model: expected a function (params, ctx) => plain data, got null',
    );
  });

  it('gridPoints uses the path it is given', () => {
    expect(() => gridPoints({ a: [] }, 'study.grid')).toThrow(
      'study.grid.a: expected a non-empty array of values, got []',
    );
  });
});

describe('compare options', () => {
  it('rejects bad options, a precision target and non-function models before running', () => {
    rejects(
      () => compare(model, model, { replications: 1, seed: 1 }),
      'compare.options.replications: expected an integer ≥ 2 (a confidence interval needs two), got 1',
    );
    rejects(
      () => compare(model, model, { replications: 3, seed: 1, seedB: -4 }),
      'compare.options.seedB: expected an integer in [0, 9007199254740991], got -4',
    );
    rejects(
      () =>
        compare(model, model, { replications: 3, seed: 1, target: { fields: ['x'], halfWidth: 1 } } as never),
      'compare.options.target: expected no precision target (compare runs a fixed count), got {"fields":["x"],"halfWidth":1}',
    );
    rejects(
      () => compare(model, 5 as never, { replications: 3 }),
      'compare.modelB: expected a function (ctx) => plain data, got 5',
    );
    rejects(
      () => compareParams(paramModel, {}, {}, { replications: 3, level: -0.5 }),
      'compareParams.options.level: expected a number strictly between 0 and 1, got -0.5',
    );
  });

  it('pairedDifferences and isSignificant check their arguments', () => {
    expect(() => pairedDifferences([{ x: 1 }], [], 0.95)).toThrow(
      'pairedDifferences.outputsB: expected as many outputs as A (1), got 0',
    );
    expect(() => pairedDifferences([], [], 1.5)).toThrow(
      'pairedDifferences.level: expected a number strictly between 0 and 1, got 1.5',
    );
    const d = pairedDifferences([{ x: 1 }, { x: 2 }], [{ x: 2 }, { x: 4 }], 0.95).x!;
    expect(() => isSignificant(d, 1)).toThrow(
      'isSignificant.level: expected a number strictly between 0 and 1, got 1',
    );
    expect(() => isSignificant({} as never)).toThrow('isSignificant.difference: expected a PairedDifference');
  });
});
