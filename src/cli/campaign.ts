/**
 * Loading a campaign spec for the command line (Node only): a `.json` file, or the name of a spec
 * the package ships (`qingxu`, `qingxu-2022-04-13`, `example-county`), so `npx surgesim run qingxu`
 * works from an installed package as well as from a clone.
 *
 * @module
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../experiment/scenario.js';
import { ParameterError } from '../kernel/errors.js';

/**
 * The folder of the specs the package ships: `campaigns/` at the package root, found from this module
 * both in the sources (`src/cli/`) and in the build (`dist/src/cli/`).
 */
function shippedFolder(): string | null {
  for (const up of ['../../campaigns', '../../../campaigns']) {
    const dir = fileURLToPath(new URL(`${up}/`, import.meta.url));
    if (existsSync(dir) && statSync(dir).isDirectory()) return dir;
  }
  return null;
}

/**
 * The names of the specs the package ships (file names without `.json`).
 *
 * @example
 * ```ts
 * shippedCampaigns(); // ['example-county', 'qingxu-2022-04-13']
 * ```
 */
export function shippedCampaigns(): string[] {
  const dir = shippedFolder();
  if (dir === null) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/**
 * Whether a command-line argument names a campaign spec rather than a scenario module: a `.json`
 * file, or a bare name (no extension, no folder) of a shipped spec.
 *
 * @example
 * ```ts
 * isCampaignArgument('qingxu'); // true
 * isCampaignArgument('scenarios/desk.ts'); // false
 * ```
 */
export function isCampaignArgument(arg: string): boolean {
  return extname(arg) === '.json' || (!/[\\/.]/.test(arg) && arg.length > 0);
}

/**
 * Read a campaign spec: a `.json` path relative to `cwd`, or a shipped spec by name or unique prefix.
 *
 * @throws ParameterError naming the argument when no file or shipped spec matches, or the JSON does
 *   not parse (with the position the parser reports).
 * @example
 * ```ts
 * readCampaign('qingxu').name; // 'qingxu-2022-04-13'
 * ```
 */
export function readCampaign(arg: string, cwd = process.cwd()): { spec: unknown; file: string } {
  let file: string;
  if (extname(arg) === '.json') file = resolve(cwd, arg);
  else {
    const names = shippedCampaigns();
    const matches = names.filter((n) => n === arg || n.startsWith(`${arg}-`));
    if (matches.length !== 1)
      throw new ParameterError(
        'campaign',
        matches.length === 0
          ? `a .json spec file or one of the shipped specs (${names.join(', ')})`
          : `one shipped spec, but "${arg}" matches ${matches.join(', ')}`,
        arg,
      );
    file = resolve(shippedFolder()!, `${matches[0]}.json`);
  }
  if (!existsSync(file) || !statSync(file).isFile())
    throw new ParameterError('campaign', 'an existing .json file', arg);
  let spec: unknown;
  try {
    spec = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ParameterError(arg, 'a JSON document', (e as Error).message);
  }
  return { spec, file };
}

/**
 * Where worker threads find a spec's scenario: the module that exports `campaignScenario`, which a
 * worker calls with the spec it is sent (the scenario's parameters) — the sources under tsx, the
 * build under plain node.
 *
 * @example
 * ```ts
 * campaignWorkerTarget().exportName; // 'campaignScenario'
 * ```
 */
export function campaignWorkerTarget(): { module: URL; exportName: string } {
  const ts = new URL('../../models/campaign/scenario.ts', import.meta.url);
  const module = existsSync(fileURLToPath(ts))
    ? ts
    : new URL('../../models/campaign/scenario.js', import.meta.url);
  return { module, exportName: 'campaignScenario' };
}

/**
 * Where worker threads find the scenario of a command-line argument: for a spec, the module whose
 * `campaignScenario` rebuilds it from the spec it is sent ({@link campaignWorkerTarget}) — a spec is
 * data, not a module to import; for a scenario file, the file itself.
 *
 * @example
 * ```ts
 * scenarioWorkerTarget('scenarios/desk.ts'); // { module: 'scenarios/desk.ts' }
 * scenarioWorkerTarget('qingxu').exportName; // 'campaignScenario'
 * ```
 */
export function scenarioWorkerTarget(arg: string): {
  readonly module: string | URL;
  readonly exportName?: string;
} {
  return isCampaignArgument(arg) ? campaignWorkerTarget() : { module: arg };
}

/**
 * Load a campaign spec as a scenario (see `campaignScenario` in `surgesim/models`).
 *
 * @example
 * ```ts
 * const scenario = await loadCampaignScenario('campaigns/example-county.json');
 * ```
 */
export async function loadCampaignScenario(
  arg: string,
  cwd = process.cwd(),
): Promise<Scenario<unknown, unknown>> {
  const { spec } = readCampaign(arg, cwd);
  const { campaignScenario } = await import('../../models/campaign/index.js');
  return campaignScenario(spec) as Scenario<unknown, unknown>;
}
