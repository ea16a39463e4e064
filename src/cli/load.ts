/**
 * Loading a scenario module from a file (Node only): TypeScript files (`.ts`, `.mts`, `.cts`)
 * through tsx's loader API, so the compiled `surgesim` bin runs scenario scripts without a build
 * step; JavaScript files by plain `import()`. The module must export a scenario as `scenario` or as
 * its default export; it is checked with `checkScenario` before anything runs.
 *
 * @module
 */
import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkScenario, type Scenario } from '../experiment/scenario.js';
import { ParameterError } from '../kernel/errors.js';
import { isCampaignArgument, loadCampaignScenario } from './campaign.js';

const TS = new Set(['.ts', '.mts', '.cts', '.tsx']);
const JS = new Set(['.js', '.mjs', '.cjs']);

/**
 * Import a scenario module and return its checked scenario.
 *
 * @param file - path of the module, relative to `cwd`.
 * @param cwd - base for relative paths; default the working directory.
 * @throws {@link surgesim!ParameterError} naming the file when it is missing, has an unknown extension or
 *   exports no valid scenario (the message names the bad field).
 * @example
 * ```ts
 * const scenario = await loadScenario('scenarios/desk.ts');
 * ```
 */
export async function loadScenario(file: string, cwd = process.cwd()): Promise<Scenario<unknown, unknown>> {
  if (isCampaignArgument(file)) return loadCampaignScenario(file, cwd);
  const path = resolve(cwd, file);
  if (!existsSync(path) || !statSync(path).isFile())
    throw new ParameterError('scenario file', 'an existing file', file);
  const ext = extname(path);
  if (!TS.has(ext) && !JS.has(ext))
    throw new ParameterError('scenario file', 'a .ts, .mts, .js or .mjs module', file);
  const mod = (await importModule(path, ext)) as Record<string, unknown>;
  const value = mod.scenario ?? mod.default;
  if (value === undefined)
    throw new ParameterError(
      file,
      'a module exporting `scenario` (or a default export) made with defineScenario',
      `exports [${Object.keys(mod).join(', ')}]`,
    );
  checkScenario(value, `${file}: scenario`);
  return value;
}

async function importModule(path: string, ext: string): Promise<unknown> {
  if (TS.has(ext)) await registerTsx();
  return import(pathToFileURL(path).href);
}

let registered: Promise<void> | undefined;

/**
 * Register tsx's loader for this process (once, and only when a TypeScript file is loaded). A global
 * registration rather than tsx's namespaced `tsImport`, so the scenario shares the module instances
 * of everything it imports with the rest of the process (one copy of the library, working
 * `instanceof` on its errors) and nothing is loaded twice.
 */
function registerTsx(): Promise<void> {
  registered ??= import('tsx/esm/api').then(({ register }) => {
    register();
  });
  return registered;
}
