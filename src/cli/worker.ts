/**
 * `surgesim worker --redis URL` (Node only): serve the `--redis` runs of any user of this Redis,
 * computing their replications on this machine's cores, until stopped (Ctrl-C or SIGTERM: finish the
 * jobs in hand, then leave; a second signal leaves at once, and Redis hands those jobs to another
 * worker). See `startWorker` in `surgesim/distributed` and docs/distributed.md.
 *
 * @module
 */
import { parseArgs } from 'node:util';
import { idleCores } from '../experiment/workerModules.js';
import { type CliIo, parseInteger, reportError, UsageError } from './io.js';

const WORKER_OPTIONS = {
  redis: { type: 'string' },
  prefix: { type: 'string' },
  concurrency: { type: 'string', short: 'c' },
  'stall-timeout': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const WORKER_USAGE = `usage: surgesim worker --redis URL [options]

Computes the replications of 'surgesim run|compare|sweep --redis URL' runs (any user's, under the
same prefix) on this machine, until stopped: Ctrl-C or SIGTERM finishes the jobs in hand and leaves;
a second one leaves at once (Redis gives those jobs to another worker). Start one per machine.

options:
  --redis URL           the Redis to serve, redis://host:6379 (rediss:// for TLS)
  -c, --concurrency N   threads running replications, and jobs taken at a time (default one per
                        idle core, cores minus the load average, here now ${idleCores()})
  --prefix P            the key prefix of the runs to serve (default surgesim)
  --stall-timeout S     seconds after which the job of a worker that stopped (killed, machine lost)
                        goes to another worker (default 10)
  -q, --quiet           no log lines on stderr
  --debug               print stack traces of errors
  -h, --help            this text`;

/**
 * Run `surgesim worker`; resolves with the exit code once the worker has stopped.
 *
 * @internal
 * @example
 * ```ts
 * process.exitCode = await workerCommand(['--redis', 'redis://127.0.0.1:6379'], processIo());
 * ```
 */
export async function workerCommand(argv: readonly string[], io: CliIo): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: WORKER_OPTIONS,
      strict: true,
      allowPositionals: true,
    });
    debug = values.debug === true;
    if (values.help) {
      io.out(`${WORKER_USAGE}\n`);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`worker takes no file, got ${positionals.join(' ')}`);
    if (values.redis === undefined)
      throw new UsageError('worker needs --redis URL, e.g. --redis redis://127.0.0.1:6379');
    const concurrency =
      values.concurrency === undefined ? undefined : parseInteger(values.concurrency, '--concurrency', 1);
    const stall =
      values['stall-timeout'] === undefined
        ? undefined
        : parseInteger(values['stall-timeout'], '--stall-timeout', 1);
    const { redisPrefix, redisUrl } = await import('../distributed/connection.js');
    const { startWorker } = await import('../distributed/worker.js');
    const log = values.quiet ? () => {} : (line: string) => io.err(`${new Date().toISOString()} ${line}\n`);
    const worker = await startWorker({
      redis: redisUrl(values.redis, '--redis'),
      prefix: redisPrefix(values.prefix, '--prefix'),
      ...(concurrency === undefined ? {} : { concurrency }),
      ...(stall === undefined ? {} : { stallTimeoutMs: stall * 1000 }),
      log,
    });
    await new Promise<void>((resolve) => {
      let signals = 0;
      const stop = (signal: string) => {
        signals++;
        if (signals > 1) {
          // The jobs in hand are abandoned: their locks lapse and Redis gives them to another worker.
          log(`${signal}: leaving now`);
          process.exit(130);
        }
        log(`${signal}: finishing the jobs in hand (again to leave at once)`);
        void worker.close().then(resolve, resolve);
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
    });
    log(`stopped after ${worker.completed()} job(s)`);
    return 0;
  } catch (e) {
    return reportError(e, io, { prefix: 'surgesim worker', help: "see 'surgesim worker --help'", debug });
  }
}
