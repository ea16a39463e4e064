/**
 * People entering at one checkpoint (F9): temperature, health code and a register, done by the keeper
 * on shift. A simulation of one post over a period, with the keepers on a round-the-clock roster
 * ({@link StaffedResource}), people arriving as a Poisson stream, and the check as a sequence of
 * steps whose times are distributions.
 *
 * Every person is accounted for at the end: checked, being checked, or waiting.
 *
 * @module
 */

import * as z from 'zod';
import {
  type DurationInput,
  poissonProcess,
  type RateInput,
  roundTheClock,
  Simulation,
  StaffedResource,
  Tally,
  type TallySummary,
  validate,
} from '../../src/index.js';
import type { DurationSpec } from '../durations.js';
import type { ParameterSource } from '../provenance.js';
import { count, parseParams, perSecond, seconds, strictObject, varying } from '../values.js';
import { handoverProblem, type ShiftPattern, shiftPattern } from './staffing.js';

/**
 * Inputs of {@link runCheckpointFlow}.
 *
 * @example
 * ```ts
 * const p: CheckpointFlowParams = { arrivalRate: '40 per h', steps: [{ name: 'register', time: '30 s' }] };
 * ```
 */
export interface CheckpointFlowParams {
  /** People entering, per unit time (`"30 per h"`). */
  readonly arrivalRate?: RateInput;
  /** The check, step by step; each step's time is a duration or a distribution. */
  readonly steps?: readonly { readonly name: string; readonly time: DurationSpec }[];
  /** Keepers working at once at this post (integer ≥ 1). */
  readonly positions?: number;
  /** Shift pattern of the keepers: `'2x12'` (default, F9), `'3x8'` or `{ shiftsPerDay }`. */
  readonly pattern?: ShiftPattern;
  /** Overlap at each change of shift in which the leaving keeper takes no new person (default `"15 min"`). */
  readonly handover?: DurationInput;
  /** Length of the period simulated (default `"24 h"`). */
  readonly period?: DurationInput;
}

/**
 * Result of {@link runCheckpointFlow}: plain JSON.
 *
 * @example
 * ```ts
 * const r = runCheckpointFlow({}, { seed: 1 });
 * r.wait.mean; r.utilisation; r.arrived === r.checked + r.inCheck + r.waiting;
 * ```
 */
export interface CheckpointFlowResult {
  /** Seed of every random stream in the run, given or drawn. */
  readonly seed: number;
  /** People who arrived within the period. */
  readonly arrived: number;
  /** People whose check was finished by the end of the period. */
  readonly checked: number;
  /** People being checked at the end of the period. */
  readonly inCheck: number;
  /** People still waiting for a keeper at the end of the period. */
  readonly waiting: number;
  /** Waits before the check (seconds) of people who started it. */
  readonly wait: TallySummary;
  /** Mean check time, seconds (sum of the steps' means). */
  readonly meanCheckTime: number;
  /** Busy time / time accepting work, over the keepers. */
  readonly utilisation: number | null;
  /** Offered load per position: arrival rate × mean check time / positions. */
  readonly offeredLoad: number;
  /** People on the keepers' roster: one per position, shift and rostered day (a day beyond the period included). */
  readonly keepers: number;
}

/**
 * The defaults, with where each comes from.
 *
 * @example
 * ```ts
 * CHECKPOINT_FLOW_SOURCES.filter((s) => s.basis === 'assumed').length;
 * ```
 */
export const CHECKPOINT_FLOW_SOURCES: readonly ParameterSource[] = [
  {
    path: 'arrivalRate',
    value: '30 per h',
    basis: 'assumed',
    sources: [],
    note: 'entries at a village checkpoint not reported',
  },
  { path: 'steps[0].time', value: '5 s', basis: 'assumed', sources: [], note: 'temperature check' },
  {
    path: 'steps[1].time',
    value: '5 s',
    basis: 'sourced',
    sources: ['cal §1b'],
    note: 'health code shown on a phone or card reader: ≤ 5 s (Luoyang), ≈ 5 s ID photo (Baoying)',
  },
  {
    path: 'steps[2].time',
    value: { dist: 'triangular', min: 20, mode: 30, max: 40 },
    basis: 'assumed',
    sources: ['cal §4'],
    note: 'manual register entry 20–40 s [X]',
  },
  { path: 'pattern', value: '2x12', basis: 'sourced', sources: ['F9'], note: 'keepers at least 12 h a day' },
];

const DEFAULT_STEPS = [
  { name: 'temperature', time: 5 },
  { name: 'health code', time: 5 },
  { name: 'register', time: { dist: 'triangular', min: 20, mode: 30, max: 40 } },
] as const;

const FLOW = strictObject({
  arrivalRate: perSecond.default(30 / 3600),
  steps: z
    .array(strictObject({ name: z.string(), time: varying }))
    .min(1, { error: 'a non-empty array of { name, time }' })
    .prefault(DEFAULT_STEPS as never),
  positions: count(1, 100).default(1),
  pattern: shiftPattern.default(2),
  handover: seconds.default(900),
  period: seconds
    .refine((t) => t > 0 && t <= 366 * 86400, { error: 'a duration in (0, 366 d]' })
    .default(86400),
}).transform((p, ctx) => {
  const days = Math.ceil(p.period / 86400) + 1;
  const problem = handoverProblem(p.handover, p.pattern, days);
  if (problem) ctx.addIssue({ code: 'custom', path: ['handover'], message: problem });
  if (p.arrivalRate * p.period > 1e7)
    ctx.addIssue({
      code: 'custom',
      path: ['arrivalRate'],
      message: 'at most 10,000,000 expected arrivals over the period',
    });
  return { ...p, steps: p.steps.map((s) => s.time), days };
});

/**
 * Simulate one checkpoint over a period.
 *
 * @throws ParameterError naming the path and value of a bad parameter.
 * @example
 * ```ts
 * runCheckpointFlow({ arrivalRate: '60 per h' }, { seed: 7 }).wait.p90;
 * ```
 */
export function runCheckpointFlow(
  params: CheckpointFlowParams = {},
  options: { seed?: number } = {},
  path = 'checkpointFlow',
): CheckpointFlowResult {
  validate.knownKeys(options, 'options', ['seed']);
  const {
    arrivalRate: lambda,
    steps,
    positions,
    pattern: shiftsPerDay,
    handover,
    period,
    days,
  } = parseParams(FLOW, params, path, 'checkpoint flow');
  const meanCheck = steps.reduce((s, d) => s + d.mean, 0);

  const sim = new Simulation({
    scenario: 'checkpoint',
    monitors: false,
    ...(options.seed !== undefined && { seed: options.seed }),
  });
  const keepers = new StaffedResource(sim, {
    name: 'keepers',
    roster: roundTheClock({ positions, shiftsPerDay, days, start: 0, handover, prefix: 'keeper' }),
  });
  const waits = new Tally('wait');
  const arrivalsRng = sim.stream('checkpoint.arrivals');
  const checkRng = sim.stream('checkpoint.check');
  let arrived = 0;
  let checked = 0;
  let inCheck = 0;
  const person = function* () {
    const since = sim.now;
    const grant = yield* keepers.request();
    waits.observe(sim.now - since);
    inCheck++;
    for (const d of steps) yield* sim.delay(d.sample(checkRng));
    inCheck--;
    checked++;
    keepers.release(grant);
  };
  if (lambda > 0)
    for (const t of poissonProcess({ rate: lambda, start: 0, end: period }).times(arrivalsRng))
      sim.at(t, () => {
        arrived++;
        sim.process(person(), { daemon: true });
      });
  sim.run(period);
  const staff = keepers.results();
  const busy = staff.people.reduce((s, p) => s + p.busyTime, 0);
  const on = staff.people.reduce((s, p) => s + p.onTime + p.finishingTime, 0);
  return {
    seed: sim.seed,
    arrived,
    checked,
    inCheck,
    waiting: arrived - checked - inCheck,
    wait: waits.summary(),
    meanCheckTime: meanCheck,
    utilisation: on > 0 ? busy / on : null,
    offeredLoad: (lambda * meanCheck) / positions,
    keepers: staff.people.length,
  };
}
