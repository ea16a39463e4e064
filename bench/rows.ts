/**
 * The benchmark rows. A row is run in its own child process (bench/row.ts) and returns its measures;
 * the child adds the bare-loop yardstick measured in the same process and the process's peak memory.
 *
 * Sizes: `ci` rows are short (the whole CI gate stays under a minute); full rows use the sizes of the
 * issue (2 000 000 customers, 120 000 people, 100 replications, 25 000 000 people).
 */
import { availableParallelism } from 'node:os';
import { benchAreaTesting } from '../models/area-testing.js';
import { ParallelRunner } from '../src/experiment/parallel.js';
import { replicate } from '../src/experiment/replicate.js';
import type { BigCityShardParams, bigCityShard } from './big-city.js';
import { flowSite, handSite } from './flow-site.js';
import { cpuMs, gc, type Measure, pairedWithBare, yardstick } from './harness.js';
import { benchMemory } from './memory.js';
import { bareLoop, callbackModel, generatorModel, type MmcOutcome, type MmcParams } from './mm10.js';
import { qingxuDay } from './qingxu-day.js';
import { hasRedisServer, nothing, queueLab, timedCli } from './queue.js';
import { benchReplications } from './replications.js';
import { twoStageSite } from './two-stage.js';

/**
 * What a row gets from bench/row.ts.
 *
 * @example
 * ```ts
 * const ctx: RowContext = { ci: true, bare: () => bareRate(300_000, 3), customers: 300_000, repeats: 3, pairs: 3 };
 * ```
 */
export interface RowContext {
  readonly ci: boolean;
  /** Bare-loop customers per second in this process (measured on first call, then remembered). */
  readonly bare: () => number;
  /** Pairs of alternated runs for the overload and monitor figures (odd, so there is a median). */
  readonly pairs: number;
  /** M/M/10 customers per run. */
  readonly customers: number;
  readonly repeats: number;
}

type Row = (ctx: RowContext) => Measure[] | Promise<Measure[]>;

const speed = (
  name: string,
  perSecond: number,
  unit: string,
  bare: number,
  extra: Partial<Measure> = {},
): Measure => ({
  name,
  value: perSecond,
  unit,
  ratio: perSecond / bare,
  ...extra,
});

// ------------------------------------------------------------------ M/M/10 kernel rows

function mm10(model: (p: MmcParams) => MmcOutcome, api: string, min: number, minText: string): Row {
  return ({ customers, repeats }) => {
    const p = yardstick(customers);
    const { ms, value, ratio, bare } = pairedWithBare(() => model(p), customers, repeats, customers);
    const check = bareLoop(p);
    if (api === 'generator' && Math.abs(check.meanWait - value.meanWait) > 1e-9 * Math.max(1, check.meanWait))
      throw new Error(`bare loop and generator model disagree: ${check.meanWait} vs ${value.meanWait}`);
    return [
      {
        name: `M/M/10 ρ=0.9 ${api} API`,
        value: (customers / ms) * 1000,
        unit: 'customers/s',
        ratio,
        bare,
        target: `≥ ${minText} of bare`,
        met: ratio >= min,
      },
    ];
  };
}

/** Heap bytes held per waiting customer, measured mid-run under overload. */
function memoryPerWaiting(
  model: (p: MmcParams) => MmcOutcome,
  p: MmcParams,
): { bytes: number; waiting: number } {
  if (!gc) return { bytes: Number.NaN, waiting: 0 };
  gc();
  const before = process.memoryUsage().heapUsed;
  const outcome = model(p);
  gc();
  const after = process.memoryUsage().heapUsed;
  const waiting = outcome.waitingAtStop ?? 0;
  if (outcome.state === undefined || waiting === 0) return { bytes: Number.NaN, waiting };
  return { bytes: (after - before) / waiting, waiting };
}

// ρ = 0.9 and ρ = 1.1 runs alternate and the cost is the median of the paired ratios (as for the
// monitors below), so that load from other processes does not land on one side only.
function overload(model: (p: MmcParams) => MmcOutcome, api: string, memTarget: number | null): Row {
  return ({ customers, pairs, bare }) => {
    const base = yardstick(customers);
    const over = { ...base, rho: 1.1 };
    // 3 pairs at most: at full size a generator run at ρ = 1.1 takes ~10 s (the slowest row of the
    // suite, 222 s with 7 pairs at load 10), and the cost ratio is not gated.
    const { overhead, onMs, on } = alternate(
      () => model(over),
      () => model(base),
      Math.min(pairs, 3),
    );
    const cost = overhead + 1;
    const stopAt = (customers / (over.rho * over.servers)) * 0.95;
    const mem = memoryPerWaiting(model, { ...over, stopAt });
    return [
      {
        name: `M/M/10 ρ=1.1 ${api} cost per customer vs ρ=0.9`,
        value: cost,
        unit: '×',
        ratio: ((customers / onMs) * 1000) / bare(),
        target: '≤ 1.3',
        met: cost <= 1.3,
        details: { peakQueue: on.peakQueue },
      },
      {
        name: `memory per waiting customer, ${api} API`,
        value: mem.bytes,
        unit: 'bytes',
        ...(memTarget !== null && { target: `≤ ${memTarget}`, met: mem.bytes <= memTarget }),
        details: { waitingAtStop: mem.waiting },
      },
    ];
  };
}

/**
 * Time `a` and `b` in alternation (`pairs` pairs, after a warm-up of each, which side goes
 * first alternating too); `overhead` is the median of the paired ratios a/b minus one.
 */
function alternate<T>(a: () => T, b: () => T, pairs: number): { overhead: number; onMs: number; on: T } {
  let on = a();
  b();
  const ratios: number[] = [];
  const aTimes: number[] = [];
  for (let i = 0; i < pairs; i++) {
    const aFirst = i % 2 === 0;
    gc?.();
    const t0 = cpuMs();
    const first = aFirst ? a() : b();
    const t1 = cpuMs();
    gc?.();
    const t2 = cpuMs();
    const second = aFirst ? b() : a();
    const t3 = cpuMs();
    on = aFirst ? first : second;
    const [tA, tB] = aFirst ? [t1 - t0, t3 - t2] : [t3 - t2, t1 - t0];
    ratios.push(tA / tB);
    aTimes.push(tA);
  }
  ratios.sort((x, y) => x - y);
  aTimes.sort((x, y) => x - y);
  const mid = Math.floor(pairs / 2);
  return { overhead: ratios[mid]! - 1, onMs: aTimes[mid]!, on };
}

// Cost of the standard monitors: the same model in a Simulation with monitors on and off, run in
// alternation; the overhead is the median of the paired ratios, so that a collection or a
// deoptimisation landing in one run does not decide the figure (timed all-on then all-off, the same
// figure ranged from -50 % to +270 % on the shared machine).
function monitors(model: (p: MmcParams) => MmcOutcome, api: string): Row {
  return ({ customers, pairs, bare }) => {
    const on = { ...yardstick(customers), monitors: true };
    const off = { ...yardstick(customers), monitors: false };
    const { overhead, onMs } = alternate(
      () => model(on),
      () => model(off),
      pairs,
    );
    return [
      {
        name: `M/M/10 ρ=0.9 ${api} API, overhead of the default monitors`,
        value: overhead * 100,
        unit: '%',
        ratio: ((customers / onMs) * 1000) / bare(),
        target: '≤ 20 %',
        met: overhead <= 0.2,
      },
    ];
  };
}

// ------------------------------------------------------------------ model rows

const twoStage: Row = ({ ci, repeats, customers }) => {
  const people = ci ? 20_000 : 100_000;
  const { ms, value, ratio, bare } = pairedWithBare(
    () => twoStageSite(people, 1),
    people,
    repeats,
    customers,
  );
  return [
    {
      name: `two-stage testing site (registration → swab), ${people.toLocaleString('en-US')} people`,
      value: (people / ms) * 1000,
      unit: 'people/s',
      ratio,
      bare,
      details: { lastSwabSeconds: value.lastSwab },
    },
  ];
};

// The Qingxu point compiled from flow steps vs the hand-written model, same input, timed in
// alternation (median of the paired ratios) so that load from other jobs lands in one pair.
const flowVsHand: Row = ({ ci, pairs, bare }) => {
  const people = ci ? 20_000 : 100_000;
  const { overhead, onMs, on } = alternate(
    () => flowSite(people, 1).lastExit,
    () => handSite(people, 1).lastSwab,
    pairs,
  );
  const speed = 1 / (overhead + 1);
  return [
    {
      name: `Qingxu point as a compiled flow vs hand-written, ${people.toLocaleString('en-US')} people`,
      value: speed,
      unit: '× hand-written',
      ratio: ((people / onMs) * 1000) / bare(),
      target: '≥ 0.8',
      met: speed >= 0.8,
      details: { flowPeoplePerSecond: (people / onMs) * 1000, lastExitSeconds: on, pairs },
    },
  ];
};

const area: Row = ({ ci, customers }) => {
  const people = ci ? 30_000 : 120_000;
  const sites = Math.round(people / 2500);
  const { ms, value, ratio, bare } = pairedWithBare(
    () => benchAreaTesting(people, sites),
    people,
    3,
    customers,
  );
  return [
    {
      name: `area testing, ${people.toLocaleString('en-US')} people over ${sites} sites (monitors on)`,
      value: (people / ms) * 1000,
      unit: 'people/s',
      ratio,
      bare,
      details: { seconds: ms / 1000, cpuSecondsLastRun: value.cpuSeconds, finishSeconds: value.finish },
    },
  ];
};

const qingxuOne: Row = ({ ci, customers }) => {
  const t0 = performance.now();
  qingxuDay({}, { seed: 1 });
  const coldMs = performance.now() - t0;
  const { ms, ratio, bare } = pairedWithBare(
    () => qingxuDay({}, { seed: 1 }),
    1,
    ci ? 3 : 5,
    customers,
    false,
  );
  return [
    {
      name: 'one Qingxu day (default parameters), days per second',
      value: 1000 / ms,
      unit: 'days/s',
      ratio,
      bare,
      target: '< 1 s per day',
      met: ms < 1000,
      details: { warmSeconds: ms / 1000, coldSeconds: coldMs / 1000 },
    },
  ];
};

const QINGXU_REPLICATIONS = 100;

const qingxuSerial: Row = ({ bare }) => {
  const t0 = performance.now();
  const c0 = cpuMs();
  const r = replicate((ctx) => qingxuDay({}, ctx), { replications: QINGXU_REPLICATIONS, seed: 3 });
  const s = (performance.now() - t0) / 1000;
  const cpuSeconds = (cpuMs() - c0) / 1000;
  return [
    // The target is for 2 cores (the parallel row); the serial run is its one-core reference.
    speed(`${QINGXU_REPLICATIONS} Qingxu days, serial`, QINGXU_REPLICATIONS / s, 'days/s', bare(), {
      details: { seconds: s, cpuSeconds, meanStaffHours: r.summary.staffHours?.mean ?? null },
    }),
  ];
};

/**
 * A started pool whose every thread has imported `exportName`'s module (one small warm-up replication
 * per thread, `warm`), and the seconds that took: on the sources, each worker compiles the model's
 * TypeScript through tsx, which is a fixed cost worth reporting apart from the run.
 */
async function warmPool(threads: number, url: string, exportName: string, warm: unknown) {
  const t0 = performance.now();
  const runner = new ParallelRunner({ threads });
  await runner.replicate(url, exportName, warm, { replications: threads, seed: 1 });
  return { runner, startSeconds: (performance.now() - t0) / 1000 };
}

const qingxuParallel: Row = async ({ bare }) => {
  const threads = Math.min(2, availableParallelism());
  const url = new URL('./qingxu-day.ts', import.meta.url).href;
  const { runner, startSeconds } = await warmPool(threads, url, 'qingxuDay', {});
  try {
    const t0 = performance.now();
    const c0 = cpuMs();
    const r = await runner.replicate(url, 'qingxuDay', {}, { replications: QINGXU_REPLICATIONS, seed: 3 });
    const s = (performance.now() - t0) / 1000;
    const cpuSeconds = (cpuMs() - c0) / 1000;
    return [
      speed(
        `${QINGXU_REPLICATIONS} Qingxu days, parallel on ${threads} threads (warm pool)`,
        QINGXU_REPLICATIONS / s,
        'days/s',
        bare(),
        {
          // The pool's start (threads importing the model) counts: a planner waits for it too.
          target: '< 30 s with the pool start',
          met: s + startSeconds < 30,
          details: {
            seconds: s,
            secondsWithPoolStart: s + startSeconds,
            cpuSecondsAllThreads: cpuSeconds,
            poolStartAndWarmUpSeconds: startSeconds,
            threads,
            meanStaffHours: r.summary.staffHours?.mean ?? null,
          },
        },
      ),
    ];
  } finally {
    await runner.close();
  }
};

const SITES = 10_000;
const PEOPLE_PER_SITE = 2_500;

/** Argument `--big-city-monitors` turns the sites' monitors on (default off: only sums are used). */
const bigCity: Row = async ({ ci, bare }) => {
  const threads = Math.min(2, availableParallelism());
  const sites = ci ? 200 : SITES;
  const shards = ci ? 8 : 80;
  const params: BigCityShardParams = {
    sitesPerShard: sites / shards,
    peoplePerSite: PEOPLE_PER_SITE,
    monitors: process.argv.includes('--big-city-monitors'),
  };
  const url = new URL('./big-city.ts', import.meta.url).href;
  const { runner, startSeconds } = await warmPool(threads, url, 'bigCityShard', {
    ...params,
    sitesPerShard: 1,
  });
  try {
    const t0 = performance.now();
    const c0 = cpuMs();
    const r = await runner.replicate(url, 'bigCityShard', params, { replications: shards, seed: 25 });
    const s = (performance.now() - t0) / 1000;
    const cpuSeconds = (cpuMs() - c0) / 1000;
    const outs = r.runs.map((x) => x.output as ReturnType<typeof bigCityShard>);
    const people = outs.reduce((a, o) => a + o.people, 0);
    const tested = outs.reduce((a, o) => a + o.tested, 0);
    if (tested !== people) throw new Error(`big-city day: tested ${tested} of ${people}`);
    const total = s + startSeconds;
    return [
      speed(
        `big-city day: ${people.toLocaleString('en-US')} people over ${sites.toLocaleString('en-US')} sites, ${threads} threads`,
        people / s,
        'people/s',
        bare(),
        {
          ...(sites === SITES && {
            target: '< 60 s (incl. pool start) and < 4 GiB',
            met: total < 60 && process.resourceUsage().maxRSS < 4 * 2 ** 20,
          }),
          details: {
            seconds: s,
            cpuSecondsAllThreads: cpuSeconds,
            poolStartAndWarmUpSeconds: startSeconds,
            threads,
            shards,
            monitors: params.monitors,
            lastSwabSeconds: Math.max(...outs.map((o) => o.lastSwab)),
            meanSiteFinishSeconds: outs.reduce((a, o) => a + o.meanSiteFinish * o.sites, 0) / sites,
            notTestedAtDeadline: outs.reduce((a, o) => a + o.notTested, 0),
          },
        },
      ),
    ];
  } finally {
    await runner.close();
  }
};

const memoryLong: Row = ({ ci, bare }) => {
  const customers = ci ? 300_000 : 2_000_000;
  const m = benchMemory(customers);
  return [
    speed(
      `long M/M/10 run with monitors, ${customers.toLocaleString('en-US')} customers (peak heap ${m.peakHeapMB.toFixed(0)} MiB)`,
      customers / m.seconds,
      'customers/s',
      bare(),
      {
        details: { peakHeapMiB: m.peakHeapMB, sampledPeakRssMiB: m.peakRssMB, seconds: m.seconds },
      },
    ),
  ];
};

const mm10Replications: Row = async ({ ci, bare }) => {
  const r = await benchReplications(ci ? 20 : 100, ci ? 10_000 : 20_000);
  if (!r.identical) throw new Error('M/M/10 replications: parallel result differs from serial');
  return [
    speed(
      `M/M/10 replications (${r.customersPerReplication} customers each), serial`,
      r.serialPerSecond,
      'replications/s',
      bare(),
    ),
    speed(
      `M/M/10 replications, parallel on ${r.threads} threads (speed-up ${r.speedup.toFixed(2)}×)`,
      r.parallelPerSecond,
      'replications/s',
      bare(),
      {
        details: { speedup: r.speedup, identical: r.identical },
      },
    ),
  ];
};

const QUEUE_JOBS = 1000;

/**
 * The queue's cost per job: 1,000 replications that do nothing, one per job, through one worker
 * process; then the same with the runner's default batching. Ratio: jobs per second ÷ bare-loop
 * customers per second, i.e. one job costs 1/ratio bare customers.
 */
const queueJobs: Row = async ({ bare }) => {
  if (!hasRedisServer()) throw new Error('queue-1000-jobs needs redis-server (apt-get install redis-server)');
  const { RedisRunner } = await import('../src/distributed/runner.js');
  const lab = await queueLab(1);
  try {
    const url = new URL('./queue.ts', import.meta.url);
    const time = async (batchSize: number | undefined, replications = QUEUE_JOBS) => {
      const runner = new RedisRunner({ redis: lab.url, ...(batchSize === undefined ? {} : { batchSize }) });
      const t0 = performance.now();
      const r = await runner.runScenario(nothing, {
        module: url,
        exportName: 'nothing',
        replications,
        seed: 1,
      });
      const s = (performance.now() - t0) / 1000;
      if (r.values.replication!.some((v, i) => v !== i))
        throw new Error('queue-1000-jobs: replications out of order');
      return s;
    };
    await time(1, 10); // the worker's first job imports the module: not the queue's cost
    const one = await time(1);
    const batched = await time(undefined);
    return [
      speed(
        `${QUEUE_JOBS} jobs that do nothing, one replication each, 1 worker process`,
        QUEUE_JOBS / one,
        'jobs/s',
        bare(),
        {
          details: { msPerJob: (one * 1000) / QUEUE_JOBS, seconds: one },
        },
      ),
      speed(
        `${QUEUE_JOBS} replications that do nothing, default batching`,
        QUEUE_JOBS / batched,
        'replications/s',
        bare(),
        {
          details: { seconds: batched },
        },
      ),
    ];
  } finally {
    await lab.stop();
  }
};

/**
 * The 100 Qingxu days from the spec on two local worker processes (one thread each) beside the thread
 * pool with two threads, each a cold \`surgesim run\` as a user starts it (the workers are started
 * before the clock starts, as they would be on a cluster), then the same queue run again on the same
 * workers (warm: as every run after a cluster's first). All must print the same JSON.
 */
const qingxuRedis: Row = async ({ bare }) => {
  if (!hasRedisServer())
    throw new Error('qingxu-100-redis needs redis-server (apt-get install redis-server)');
  const args = ['run', 'qingxu', '--replications', String(QINGXU_REPLICATIONS), '--seed', '3', '--json'];
  const threads = timedCli([...args, '--workers', '2']);
  const lab = await queueLab(2);
  try {
    const first = timedCli([...args, '--redis', lab.url]);
    const again = timedCli([...args, '--redis', lab.url]);
    for (const queue of [first, again])
      if (queue.stdout !== threads.stdout)
        throw new Error('qingxu-100-redis: the queue run differs from the thread run');
    const days = (seconds: number) => QINGXU_REPLICATIONS / seconds;
    const vsThreads = (seconds: number) => ({
      seconds,
      threadPoolSeconds: threads.seconds,
      ratioToThreadPool: seconds / threads.seconds,
    });
    return [
      speed(
        `${QINGXU_REPLICATIONS} Qingxu days (spec), thread pool, 2 threads`,
        days(threads.seconds),
        'days/s',
        bare(),
        {
          details: { seconds: threads.seconds },
        },
      ),
      speed(
        `${QINGXU_REPLICATIONS} Qingxu days (spec), 2 local worker processes on Redis, first run`,
        days(first.seconds),
        'days/s',
        bare(),
        {
          target: 'no slower than the thread pool',
          met: first.seconds <= threads.seconds,
          details: vsThreads(first.seconds),
        },
      ),
      speed(
        `${QINGXU_REPLICATIONS} Qingxu days (spec), 2 local worker processes on Redis, second run`,
        days(again.seconds),
        'days/s',
        bare(),
        { details: vsThreads(again.seconds) },
      ),
    ];
  } finally {
    await lab.stop();
  }
};

/**
 * Every row by id, in the order the full suite runs them.
 *
 * @example
 * ```ts
 * const measures = await ROWS['qingxu-day']!({ ci: true, bare, customers: 300_000, repeats: 3, pairs: 3 });
 * ```
 */
export const ROWS: Readonly<Record<string, Row>> = {
  'mm10-callback': mm10(callbackModel, 'callback', 2 / 3, '0.67'),
  'mm10-generator': mm10(generatorModel, 'generator', 1 / 3, '0.33'),
  'overload-callback': overload(callbackModel, 'callback', 300),
  'overload-generator': overload(generatorModel, 'generator', null),
  'monitors-generator': monitors(generatorModel, 'generator'),
  'monitors-callback': monitors(callbackModel, 'callback'),
  'memory-long-run': memoryLong,
  'mm10-replications': mm10Replications,
  'two-stage-site': twoStage,
  'flow-site': flowVsHand,
  'area-120k': area,
  'qingxu-day': qingxuOne,
  'qingxu-100-serial': qingxuSerial,
  'qingxu-100-parallel': qingxuParallel,
  'big-city-day': bigCity,
  'queue-1000-jobs': queueJobs,
  'qingxu-100-redis': qingxuRedis,
};

/**
 * The rows of `npm run bench:ci` (together within the one-minute budget).
 *
 * @example
 * ```ts
 * CI_ROWS.includes('two-stage-site'); // true
 * ```
 */
export const CI_ROWS: readonly string[] = [
  'mm10-callback',
  'mm10-generator',
  'overload-callback',
  'overload-generator',
  'monitors-generator',
  'monitors-callback',
  'two-stage-site',
  'flow-site',
  'qingxu-day',
];
