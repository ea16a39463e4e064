/**
 * Runs on BullMQ/Redis against the serial runner: a private redis-server, three `surgesim worker`
 * processes, and runs that must give the serial result byte for byte — with a worker SIGKILLed in the
 * middle of a job, with Redis killed and restarted mid-run — plus a model failure, refusals (another
 * version, a spec the worker cannot read, a module that is not the scenario), a Redis that does not
 * come back, and no key left behind by any run. Skipped only where redis-server is not installed.
 */
import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCampaignScenario } from '../../src/cli/campaign.js';
import { RedisRunner, RedisUnavailableError, RemoteRunError } from '../../src/distributed/index.js';
import {
  decode,
  encode,
  type JobAnswer,
  redisNow,
  registryKey,
  runQueueName,
} from '../../src/distributed/protocol.js';
import { ReplicationError, replicate } from '../../src/experiment/replicate.js';
import { runScenario } from '../../src/experiment/scenarioRun.js';
import { scenarioResultJson } from '../../src/report/scenarioReport.js';
import { scenario as desk } from '../cli/fixtures/desk.js';
import { scenario as failing } from '../cli/fixtures/failing.js';
import { surgesimHere } from '../cli/helpers.js';
import { queue } from '../experiment/fixtures/queue-model.js';
import {
  hasRedisServer,
  noKeysLeft,
  root,
  startRedis,
  startWorkers,
  stopAll,
  type TestRedis,
  type TestWorker,
  until,
} from './helpers.js';

if (!hasRedisServer)
  console.warn(
    'test/distributed: redis-server is not installed (apt-get install redis-server): skipping the queue tests',
  );

const prefix = `t${process.pid}`;
const deskModule = new URL('../cli/fixtures/desk.ts', import.meta.url);
const failingModule = new URL('../cli/fixtures/failing.ts', import.meta.url);
const queueModule = new URL('../experiment/fixtures/queue-model.ts', import.meta.url);
// A desk big enough that a replication takes a while: jobs are in hand when something is killed.
const heavy = { people: 40_000, servers: 2 };

describe.skipIf(!hasRedisServer)('replications on Redis workers', () => {
  let redis: TestRedis;
  let workers: TestWorker[];

  beforeAll(async () => {
    redis = await startRedis();
    workers = await startWorkers(redis.url, prefix, 3);
  }, 300_000);

  afterAll(async () => {
    await stopAll(redis);
  }, 30_000);

  it('surgesim run qingxu --redis prints the JSON of the serial run, byte for byte', async () => {
    const remote = await surgesimHere(
      'run',
      'qingxu',
      '-n',
      '2',
      '--seed',
      '11',
      '--redis',
      redis.url,
      '--prefix',
      prefix,
      '--json',
    );
    const qingxu = await loadCampaignScenario('qingxu', root);
    expect(remote.err).toBe('');
    expect(remote.code).toBe(0);
    expect(remote.out).toBe(scenarioResultJson(runScenario(qingxu, { replications: 2, seed: 11 })));
    expect(await noKeysLeft(redis.client, prefix)).toEqual([]);
  }, 300_000);

  it('surgesim sweep --redis prints what the same sweep on one thread prints', async () => {
    const args = [
      'sweep',
      'example-county',
      '--vary',
      'testing.riverside.staff.clerks=40,54',
      '--vary',
      'testing.hillside.staff.swabbers=24,32',
      '-n',
      '2',
      '--seed',
      '5',
      '--json',
    ];
    const remote = await surgesimHere(...args, '--redis', redis.url, '--prefix', prefix);
    const serial = await surgesimHere(...args, '--workers', '1');
    expect(remote.code).toBe(0);
    expect(serial.code).toBe(0);
    expect(JSON.parse(serial.out).points).toHaveLength(4);
    expect(remote.out).toBe(serial.out);
    expect(await noKeysLeft(redis.client, prefix)).toEqual([]);
  }, 300_000);

  it('surgesim staff --redis gives the answer, and the JSON, of the search on one thread', async () => {
    const args = [
      'staff',
      'example-county',
      '--area',
      'old-town',
      '--roles',
      'clerks',
      '--deadline',
      '6 h',
      '--min',
      '2',
      '--json',
    ];
    const remote = await surgesimHere(...args, '--redis', redis.url, '--prefix', prefix);
    const serial = await surgesimHere(...args, '--workers', '1');
    expect(remote.err).toBe('');
    expect(remote.code).toBe(0);
    expect(serial.code).toBe(0);
    // A search that decides something: a plan found after more than a screening step.
    const plans = JSON.parse(serial.out).plans;
    expect(plans[0].result.plan).not.toBeNull();
    expect(remote.out).toBe(serial.out);
    expect(await noKeysLeft(redis.client, prefix)).toEqual([]);
  }, 300_000);

  const runner = (options: { redisTimeoutMs?: number; note?: (text: string) => void } = {}) =>
    new RedisRunner({ redis: redis.url, prefix, batchSize: 1, ...options });

  it('a worker SIGKILLed in the middle of a job loses nothing: same bytes as the serial run', async () => {
    const options = { replications: 9, seed: 41, overrides: heavy };
    let killed: number | null = null;
    const kill = async () => {
      // The worker holding an active job (its name, host:pid, is on the job): kill it mid-job.
      for (const key of await redis.client.keys(`${prefix}:run-*:active`))
        for (const id of await redis.client.lrange(key, 0, -1)) {
          const by = await redis.client.hget(key.replace(/active$/, id), 'pb');
          const victim = workers.find((w) => by?.endsWith(`:${w.pid}`) && w.process.exitCode === null);
          if (victim && killed === null) {
            killed = victim.pid;
            victim.process.kill('SIGKILL');
            return;
          }
        }
    };
    let busy = false;
    const result = await runner().runScenario(desk, {
      ...options,
      module: deskModule,
      onProgress: (done) => {
        if (done >= 2 && killed === null && !busy) {
          busy = true;
          void kill().finally(() => {
            busy = false;
          });
        }
      },
    });
    expect(killed).not.toBeNull();
    expect(scenarioResultJson(result)).toBe(scenarioResultJson(runScenario(desk, options as never)));
    expect(await noKeysLeft(redis.client, prefix)).toEqual([]);
  }, 300_000);

  it('Redis killed and restarted mid-run: the run resumes and gives the serial bytes', async () => {
    const options = { replications: 12, seed: 7, overrides: heavy };
    let restarted: Promise<void> | null = null;
    let doneAtRestart = Number.NaN;
    let done = 0;
    const notes: string[] = [];
    const result = await runner({ note: (n) => notes.push(n) }).runScenario(desk, {
      ...options,
      module: deskModule,
      onProgress: (d) => {
        done = d;
        if (d >= 2 && restarted === null)
          restarted = redis
            .kill()
            .then(() => redis.start())
            .then(() => {
              doneAtRestart = done;
            });
      },
    });
    await restarted;
    // Redis came back while the run was in progress, and the run noticed.
    expect(doneAtRestart).toBeLessThan(options.replications);
    expect(notes.join('\n')).toMatch(/lost Redis[\s\S]*Redis is back: re-adding the \d+ unanswered job/);
    expect(scenarioResultJson(result)).toBe(scenarioResultJson(runScenario(desk, options as never)));
    expect(await noKeysLeft(redis.client, prefix)).toEqual([]);
  }, 300_000);

  it('runModel: an exported model by URL gives the outputs of the serial replicate, in order', async () => {
    const params = { arrivalRate: 0.9, serviceRate: 1, customers: 2000 };
    const outputs = await runner().runModel(queueModule, 'queue', params, { replications: 7, seed: 13 });
    const serial = replicate((ctx) => queue(params, ctx), { replications: 7, seed: 13 });
    expect(encode(outputs)).toBe(encode(serial.runs.map((r) => r.output)));
    expect(await noKeysLeft(redis.client, prefix)).toEqual([]);
  }, 120_000);

  it('a replication that throws fails the run with its time, entity and worker, not a hang', async () => {
    const run = runner().runScenario(failing, { replications: 4, seed: 1, module: failingModule });
    await expect(run).rejects.toThrow(ReplicationError);
    await expect(run).rejects.toThrow(
      /replication 2 \(seed \d+\) failed: desk#1 at t=1234\.50: the desk caught fire \[on worker [^\]]+:\d+\]/,
    );
    expect(await noKeysLeft(redis.client, prefix)).toEqual([]);
  }, 60_000);

  it('a module whose export is not the scenario being run is refused with a clear message', async () => {
    const run = runner().runScenario(desk, { replications: 2, seed: 1, module: failingModule });
    await expect(run).rejects.toThrow(RemoteRunError);
    await expect(run).rejects.toThrow(/is scenario 'failing' .* not 'desk'/);
    expect(await noKeysLeft(redis.client, prefix)).toEqual([]);
  }, 60_000);

  it('a worker refuses a job from another surgesim version, and a spec it cannot read', async () => {
    // A submitter of another version, written with BullMQ directly.
    const runId = randomUUID();
    const name = runQueueName(runId);
    const connection = { url: redis.url, maxRetriesPerRequest: null };
    const queue = new Queue(name, { connection, prefix });
    const events = new QueueEvents(name, { connection, prefix, lastEventId: '0-0' });
    try {
      await events.waitUntilReady();
      const answers = new Map<string, JobAnswer>();
      events.on('completed', ({ jobId, returnvalue }) => {
        answers.set(jobId, decode(returnvalue as unknown as string) as JobAnswer);
      });
      const task = {
        kind: 'spec',
        name: 'x',
        ids: ['a'],
        parameters: { not: 'a spec' },
        seed: 1,
        from: 0,
        to: 1,
        keepRuns: false,
      };
      await queue.add(
        'replications',
        { version: '0.0.0-other', request: 0, task: encode(task) },
        { jobId: 'j0' },
      );
      await queue.add(
        'replications',
        { version: (await import('../../src/version.js')).version, request: 0, task: encode(task) },
        { jobId: 'j1' },
      );
      await redis.client.zadd(registryKey(prefix), await redisNow(redis.client), runId);
      await redis.client.publish(registryKey(prefix), runId);
      await until(() => answers.size === 2, 'two answers', 60_000);
      const [other, spec] = [answers.get('j0')!, answers.get('j1')!];
      expect(other.ok || other.failure.kind).toBe('version');
      expect(!other.ok && 'message' in other.failure && other.failure.message).toMatch(
        /runs surgesim 0\.\d+\.\d+, but the run was submitted by surgesim 0\.0\.0-other/,
      );
      expect(spec.ok || spec.failure.kind).toBe('spec');
      expect(!spec.ok && 'message' in spec.failure && spec.failure.message).toMatch(
        /^worker [^ ]+:\d+ cannot read the spec: campaign spec: 4 problems\n {2}name: expected a name/,
      );
    } finally {
      await redis.client.zrem(registryKey(prefix), runId);
      await redis.client.publish(registryKey(prefix), runId);
      await events.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
    expect(await noKeysLeft(redis.client, prefix)).toEqual([]);
  }, 90_000);

  it('Redis gone for longer than allowed fails the run clearly, within the timeout', async () => {
    let stopped: Promise<void> | null = null;
    const run = runner({ redisTimeoutMs: 2000 }).runScenario(desk, {
      replications: 8,
      seed: 3,
      overrides: heavy,
      module: deskModule,
      onProgress: () => {
        stopped ??= redis.kill();
      },
    });
    await expect(run).rejects.toThrow(RedisUnavailableError);
    await expect(run).rejects.toThrow(/lost Redis at redis:\/\/127\.0\.0\.1:\d+ for more than 2 s/);
    await stopped;
    await redis.start();
  }, 90_000);
});
