/**
 * `surgesim forecast <spec> --snapshot obs.csv [--set path=value]… [--move "…"]…`: the rest of the
 * day from a mid-day snapshot (Node only). Everything that can be wrong — flags, the spec, the
 * changes, the snapshot's rows, the moves, the output folder — is checked before anything runs
 * (exit code 2). The forecast itself lives in `models/forecast`, loaded when the command runs (src
 * does not import models statically).
 *
 * @module
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { combineOverrides, overrideFromAssignment } from '../experiment/scenario.js';
import { ParameterError } from '../kernel/errors.js';
import { prepareOutputFolder } from '../report/outputFolder-node.js';
import { version } from '../version.js';
import { readCampaign } from './campaign.js';
import { type CliIo, parseInteger, reportError, UsageError } from './io.js';
import { createProgress } from './progress.js';
import { parseReplications } from './script.js';

const OPTIONS = {
  snapshot: { type: 'string' },
  set: { type: 'string', multiple: true },
  move: { type: 'string', multiple: true },
  replications: { type: 'string', short: 'n' },
  seed: { type: 'string' },
  particles: { type: 'string' },
  json: { type: 'boolean' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The help text of `surgesim forecast`. */
const FORECAST_USAGE = `usage: surgesim forecast <spec> --snapshot FILE [options]

The rest of the day from a snapshot taken during it (CSV or JSON; format in
models/forecast/README.md): finish time per testing area, people not tested by the
deadline and peak queues, with 90 % intervals. What the snapshot does not say (queues,
turnout, arrival spread, pace) is inferred from its counts and is part of the intervals.
With --set or --move, the changed day is forecast beside the unchanged one with common
random numbers, and the differences come with paired intervals.

options:
  --snapshot FILE       the snapshot (required)
  --set path=value      change a value of the spec for the variant (repeatable)
  --move "TEXT"         move staff for the variant (repeatable), e.g.
                        --move "20 swabbers from town to hedong at 21:40"
                        --move "10 clerks to hedong at 22:00"   (from outside the spec)
  -n, --replications N  forecast replications, at least 2 (default 40)
  --seed S              base seed, a whole number (default 1)
  --particles N         particles per area for the inference (default 200)
  --json                print the forecast as JSON on stdout and nothing else
  --out DIR             also write DIR/report.html with a fan chart per area
  --force               with --out: replace an earlier surgesim report folder
  -q, --quiet           no progress bar on stderr
  --debug               print stack traces of errors
  -h, --help            this text`;

/**
 * Run `surgesim forecast`.
 *
 * @param argv - the arguments after `surgesim forecast`.
 * @param io - where to write.
 * @returns the exit code: 0 success, 2 bad arguments or input (nothing ran), 1 a failed run.
 * @example
 * ```ts
 * await forecastCommand(['qingxu', '--snapshot', 'campaigns/snapshots/qingxu-21-30.csv'], processIo());
 * ```
 */
export async function forecastCommand(argv: readonly string[], io: CliIo): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: OPTIONS,
      strict: true,
      allowPositionals: true,
    });
    debug = values.debug === true;
    if (values.help) {
      io.out(`${FORECAST_USAGE}\n`);
      return 0;
    }
    if (positionals.length !== 1)
      throw new UsageError(
        `forecast takes one campaign spec (a .json file or a shipped name), got ${positionals.length}`,
      );
    if (values.snapshot === undefined) throw new UsageError('forecast needs --snapshot FILE (CSV or JSON)');
    if (values.force && values.out === undefined)
      throw new UsageError('--force replaces an earlier report folder, so it needs --out DIR');
    const replications = parseReplications(values.replications, 40, 2, false);
    const seed = values.seed === undefined ? 1 : parseInteger(values.seed, '--seed');
    const particles = values.particles === undefined ? 200 : parseInteger(values.particles, '--particles', 1);
    const { spec } = readCampaign(positionals[0]!);
    const { checkSpec, overrideSpec, planCampaign } = await import('../../models/campaign/index.js');
    const forecast = await import('../../models/forecast/index.js');
    checkSpec(spec);
    const plan = planCampaign(spec).plan;
    const sets = values.set ?? [];
    let variantPlan = plan;
    if (sets.length > 0) {
      const changed = overrideSpec(spec, combineOverrides(sets.map(overrideFromAssignment)));
      checkSpec(changed);
      variantPlan = planCampaign(changed).plan;
    }
    const file = values.snapshot;
    if (!existsSync(file) || !statSync(file).isFile())
      throw new ParameterError('--snapshot', 'an existing CSV or JSON file', file);
    const snapshot = forecast.parseSnapshot(readFileSync(file, 'utf8'), plan);
    const moves = (values.move ?? []).map((m, i) =>
      forecast.parseMove(m, variantPlan, snapshot.at, `--move[${i}]`),
    );
    const label = [...sets, ...moves.map((m) => m.text)].join('; ');
    const folder =
      values.out === undefined
        ? undefined
        : await prepareOutputFolder(values.out, { force: values.force === true, flag: '--out' });
    try {
      const progress = createProgress({
        label: `forecast ${plan.name}`,
        stream: io.errStream,
        enabled: io.errIsTTY && !values.json && !values.quiet,
      });
      let f: ReturnType<typeof forecast.forecastCampaign>;
      try {
        f = forecast.forecastCampaign(plan, snapshot, {
          replications,
          seed,
          particles,
          ...(label !== '' && { variant: { plan: variantPlan, moves, label } }),
          onProgress: progress.update,
        });
      } finally {
        progress.stop();
      }
      if (folder !== undefined) {
        const { writeHtmlReport } = await import('../report/html-node.js');
        await writeHtmlReport(
          folder,
          forecast.forecastReport(
            f,
            `${plan.title} — forecast`,
            { seed, version, replications },
            {
              snapshot: file,
              changes: label || 'none',
            },
          ),
        );
        const written = await folder.commit();
        if (!values.quiet) io.err(`wrote ${written.length} files to ${values.out}\n`);
      }
      io.out(
        values.json
          ? `${JSON.stringify({ version, spec: plan.name, snapshot: file, ...f }, null, 2)}\n`
          : `${forecast.formatForecast(f)}\n`,
      );
    } finally {
      await folder?.abort();
    }
    return 0;
  } catch (e) {
    return reportError(e, io, { prefix: 'surgesim forecast', help: "see 'surgesim forecast --help'", debug });
  }
}
