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
import {
  type Distribution,
  type DurationInput,
  duration,
  ParameterError,
  poissonProcess,
  type RateInput,
  rate,
  roundTheClock,
  Simulation,
  StaffedResource,
  Tally,
  type TallySummary,
  validate,
} from '../../src/index.js';
import { boundedCount, type DurationSpec, durationDistribution } from '../durations.js';
import type { ParameterSource } from '../provenance.js';
import { checkHandover, type ShiftPattern, shiftsOf } from './staffing.js';

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

/** The keys of {@link CheckpointFlowParams} (complete, checked by the compiler). */
const CHECKPOINT_FLOW_KEYS = Object.keys({
  arrivalRate: true,
  steps: true,
  positions: true,
  pattern: true,
  handover: true,
  period: true,
} satisfies Record<keyof CheckpointFlowParams, true>);

const DEFAULT_STEPS = [
  { name: 'temperature', time: 5 },
  { name: 'health code', time: 5 },
  { name: 'register', time: { dist: 'triangular', min: 20, mode: 30, max: 40 } },
] as const;

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
  if (typeof params !== 'object' || params === null || Array.isArray(params))
    throw new ParameterError(path, 'an object of checkpoint parameters', params);
  validate.knownKeys(params, path, CHECKPOINT_FLOW_KEYS);
  validate.knownKeys(options, 'options', ['seed']);
  const lambda = rate(params.arrivalRate ?? '30 per h', `${path}.arrivalRate`);
  const stepsIn = params.steps ?? DEFAULT_STEPS;
  if (!Array.isArray(stepsIn) || stepsIn.length === 0)
    throw new ParameterError(`${path}.steps`, 'a non-empty array of { name, time }', stepsIn);
  const steps: Distribution[] = stepsIn.map((s: { name: string; time: DurationSpec }, i: number) => {
    if (typeof s !== 'object' || s === null)
      throw new ParameterError(`${path}.steps[${i}]`, 'an object { name, time }', s);
    validate.knownKeys(s, `${path}.steps[${i}]`, ['name', 'time']);
    return durationDistribution(s.time, `${path}.steps[${i}].time`);
  });
  const positions = boundedCount(params.positions ?? 1, `${path}.positions`, 1, 100);
  const shiftsPerDay = shiftsOf(params.pattern ?? '2x12', `${path}.pattern`);
  const handover = duration(params.handover ?? '15 min', `${path}.handover`);
  const period = duration(params.period ?? '24 h', `${path}.period`);
  if (!(period > 0 && period <= 366 * 86400))
    throw new ParameterError(`${path}.period`, 'a duration in (0, 366 d]', params.period);
  const days = Math.ceil(period / 86400) + 1;
  checkHandover(handover, shiftsPerDay, days, `${path}.handover`, params.handover);
  if (lambda * period > 1e7)
    throw new ParameterError(
      `${path}.arrivalRate`,
      'at most 10,000,000 expected arrivals over the period',
      params.arrivalRate,
    );
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
