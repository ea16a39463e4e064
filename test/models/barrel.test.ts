import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as models from '../../models/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const modelsDir = join(root, 'models');

// Every value `surgesim/models` exports. A change here is a change of the public API: update the
// README's sections with it.
const PINNED = [
  'AreaRun',
  'BUS_TRANSFER_SOURCES',
  'BusTransfer',
  'CHECKPOINT_FLOW_SOURCES',
  'CHECKPOINT_SOURCES',
  'CLOSING_POLICIES',
  'DEFAULT_HANDLERS',
  'DEFAULT_PRIOR',
  'DEFAULT_SETUP_TASKS',
  'FIXED_PRIOR',
  'LAB_DEFAULTS',
  'LARGE_AREA',
  'LIMIT_CATEGORIES',
  'Lab',
  'MUSTER_SOURCES',
  'Muster',
  'PERSON_TYPES',
  'SAMPLING_SITE_DEFAULTS',
  'SITE_SETUP_SOURCES',
  'STAGES',
  'SamplingSiteModel',
  'SiteSetup',
  'SnapshotError',
  'SpecChangesSchema',
  'SpecError',
  'UNLOADING_SOURCES',
  'Unloading',
  'applySpecChanges',
  'areaSites',
  'benchAreaTesting',
  'boundedCount',
  'campaignCharts',
  'campaignJsonSchema',
  'campaignScenario',
  'campaignSubset',
  'checkAreaSize',
  'checkSnapshot',
  'checkSpec',
  'checkSpecChanges',
  'checkpointStaffing',
  'componentSeed',
  'durationDistribution',
  'fanChartSpec',
  'forecastCampaign',
  'forecastReport',
  'forecastTables',
  'formatForecast',
  'givenPaths',
  'loadExpressions',
  'observeArea',
  'overrideSpec',
  'parseChangesFile',
  'parseMove',
  'parseSnapshot',
  'parseSnapshotCsv',
  'planCampaign',
  'planLoads',
  'provenanceOf',
  'resolveBusTransfer',
  'resolveLab',
  'resolveMuster',
  'resolveSite',
  'resolveSiteSetup',
  'resolveUnloading',
  'runAreaTesting',
  'runBusTransfer',
  'runCampaign',
  'runCheckpointFlow',
  'runMuster',
  'runSamplingSite',
  'runSiteSetup',
  'runSites',
  'runUnloading',
  'samplingSite',
  'simulateParticles',
  'siteResults',
  'specChanges',
  'specChangesOverrides',
  'splitProportional',
  'staggeredTeam',
  'waitRows',
  'withSpecChanges',
];

// The entry points and classes models/README.md tells a planner to call.
const DOCUMENTED = [
  'runSamplingSite',
  'samplingSite',
  'waitRows',
  'staggeredTeam',
  'SAMPLING_SITE_DEFAULTS',
  'runAreaTesting',
  'runSites',
  'benchAreaTesting',
  'Lab',
  'LAB_DEFAULTS',
  'checkpointStaffing',
  'runCheckpointFlow',
  'runMuster',
  'Muster',
  'resolveMuster',
  'runBusTransfer',
  'BUS_TRANSFER_SOURCES',
  'runSiteSetup',
  'SiteSetup',
  'resolveSiteSetup',
  'runUnloading',
  'campaignScenario',
  'planCampaign',
  'runCampaign',
];

// What `surgesim` publishes (package.json "exports"), as files of this repository.
const PUBLIC_ENTRIES = [
  'src/index.ts',
  'src/experiment/parallel.ts',
  'src/report/index.ts',
  'src/report/node.ts',
  'src/cli/index.ts',
];

// The one package models may import besides surgesim: zod (the campaign spec's schema).
// zod validates campaign specs; mathjs evaluates their expressions (loaded only when a spec has one).
const MODEL_PACKAGES = ['zod', 'mathjs'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Module specifiers of a file's import and re-export statements (not of examples in comments). */
function specifiers(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gms)) out.push(m[1]!);
  for (const m of code.matchAll(/^import\s+'([^']+)'/gm)) out.push(m[1]!);
  return out;
}

describe('surgesim/models barrel', () => {
  it('exports exactly the pinned list', () => {
    expect(Object.keys(models).sort()).toEqual([...PINNED].sort());
  });

  it('exports everything the README documents, and the README names each of them', () => {
    const readme = readFileSync(join(modelsDir, 'README.md'), 'utf8');
    for (const name of DOCUMENTED) {
      expect(readme, `README mentions ${name}`).toMatch(new RegExp(`\\b${name}\\b`));
      expect(PINNED, `barrel exports ${name}`).toContain(name);
    }
  });

  it('models import only from each other and from the public surgesim entry points', () => {
    const files = sources(modelsDir);
    expect(files.length).toBeGreaterThan(10);
    const bad: string[] = [];
    for (const file of files) {
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        const where = relative(root, file);
        if (!spec.startsWith('.')) {
          if (MODEL_PACKAGES.includes(spec)) continue;
          bad.push(`${where}: '${spec}' (a package, not surgesim's public API)`);
          continue;
        }
        const target = relative(root, resolve(dirname(file), spec)).replace(/\.js$/, '.ts');
        if (!target.startsWith('models/') && !PUBLIC_ENTRIES.includes(target))
          bad.push(`${where}: '${spec}' (${target} is not a public entry point)`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('the import check catches a kernel import', () => {
    const spec = specifiers("import { Calendar } from '../src/kernel/calendar.js';\n")[0]!;
    const target = relative(root, resolve(modelsDir, spec)).replace(/\.js$/, '.ts');
    expect(target).toBe('src/kernel/calendar.ts');
    expect(PUBLIC_ENTRIES.includes(target)).toBe(false);
    // A comment's example import is not an import.
    expect(specifiers(" * import { x } from 'surgesim/models';\n")).toEqual([]);
  });
});
