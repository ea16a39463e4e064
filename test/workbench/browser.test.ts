/**
 * The workbench in a real browser: Debian's Chromium driven by playwright-core, against the static
 * folder `npm run workbench:build` writes (built here into a temporary folder and served by Vite's
 * preview server). The page is driven by accessible names only (labels, roles).
 *
 * It loads the Qingxu day, changes Hedong's swabbers, runs 3 replications on Web Workers and checks
 * the reported-vs-simulated table and the exported result JSON (bit for bit: see `disagreements`)
 * against `runScenario` in Node with the same seed, and the built worker module run by
 * Node against the sources (bit for bit); runs plan B (more clerks) against A on common random numbers and checks
 * the paired differences against `compareScenarios`; asks the least-staff question for Yunda and
 * checks the answer against the same search in Node; checks that none of this fetched mathjs (the
 * Qingxu day has no expression); opens the example county (expressions) and checks that mathjs is
 * fetched, that no false error shows while it loads, that the spec is valid and that 2 replications
 * give Node's table, and that expressions typed in the raw JSON and in a field are judged as in Node;
 * fails on any console error. It times the same
 * Qingxu replications in the browser's workers and in Node (reported, not asserted: timings are
 * noise on a shared machine) and saves screenshots in test-results/workbench/ (and, with
 * WORKBENCH_DOCS=1, the three in docs/workbench/).
 *
 * Chromium is installed by .ci/run (apt-get install chromium); where it is missing the test is
 * skipped, except under CI, where that is a failure.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { build, type PreviewServer, preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignScenario } from '../../models/index.js';
import {
  compareScenarios,
  Epoch,
  formatDifference,
  resolveScenarioParameters,
  runReplication,
  runScenario,
} from '../../src/index.js';
import { scenarioReport, scenarioResultJson } from '../../src/report/index.js';
import { findLeastStaff } from '../../workbench/src/staffing.js';

const root = join(import.meta.dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI)
  throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium`);
const artifacts = join(root, 'test-results', 'workbench');
const docs = process.env.WORKBENCH_DOCS ? join(root, 'docs', 'workbench') : null;
const qingxu = JSON.parse(readFileSync(join(root, 'campaigns', 'qingxu-2022-04-13.json'), 'utf8'));
const SEED = 1;
const SWABBERS = 216;
const CLERKS_B = 250;
const MINUTES = 60_000;

let server: PreviewServer;
let context: BrowserContext;
let page: Page;
let outDir: string;
const consoleErrors: string[] = [];
/** Every URL the page and its workers requested, to see whether mathjs was fetched. */
const requested: string[] = [];
const example = JSON.parse(readFileSync(join(root, 'campaigns', 'example-county.json'), 'utf8'));

/**
 * Where two JSON values disagree, path by path; numbers must be equal bit for bit. The random streams,
 * distributions and summaries compute logarithms, exponentials and powers with src/random/math.ts (plain
 * IEEE-754 arithmetic) rather than the engines' Math.log/exp/pow, which Node 20's V8 and Chromium's V8
 * round differently in the last bit, so the same seed gives the same numbers in both.
 */
function disagreements(a: unknown, b: unknown, path = '', out: string[] = []): string[] {
  if (typeof a === 'number' && typeof b === 'number') {
    if (!Object.is(a, b)) out.push(`${path}: ${a} in Node, ${b} in the browser`);
  } else if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys)
      disagreements(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        `${path}.${k}`,
        out,
      );
  } else if (a !== b) out.push(`${path}: ${JSON.stringify(a)} in Node, ${JSON.stringify(b)} in the browser`);
  return out;
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(artifacts, `${name}.png`) });
  if (docs) await page.screenshot({ path: join(docs, `${name}.png`) });
}

/** The cells of the table named `name`, row by row. */
async function cells(name: string): Promise<string[][]> {
  return page
    .getByRole('table', { name, exact: true })
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));
}

/** The mathjs chunks requested so far (the page's and the workers'; vite.config.ts names them). */
const mathjsRequests = () => requested.filter((u) => /\/assets\/mathjs-[^/]*\.js$/.test(u));

const validity = () => page.locator('#validity').textContent();

/** `expect.poll` with room for a loaded machine (its default gives up after one second). */
const poll = <T>(value: () => Promise<T>) => expect.poll(value, { timeout: 2 * MINUTES, interval: 100 });

/**
 * Record every text the spec's verdict shows from now on, to see that waiting for mathjs never
 * shows a false error on the way (the last text alone would not tell).
 */
async function recordVerdicts(): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const box = document.getElementById('validity')!;
    const seen: string[] = [];
    (globalThis as unknown as { verdicts: string[] }).verdicts = seen;
    new MutationObserver(() => seen.push(box.textContent ?? '')).observe(box, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  return () => page.evaluate(() => (globalThis as unknown as { verdicts: string[] }).verdicts);
}

async function runAndWait(button: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.waitForSelector('body[data-state="done"]', { timeout: 15 * MINUTES });
}

describe.skipIf(!haveChromium)('workbench in headless Chromium', () => {
  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    if (docs) mkdirSync(docs, { recursive: true });
    outDir = mkdtempSync(join(tmpdir(), 'surgesim-workbench-'));
    const configFile = join(root, 'workbench', 'vite.config.ts');
    await build({ configFile, logLevel: 'error', build: { outDir } });
    server = await preview({
      configFile,
      logLevel: 'warn',
      build: { outDir },
      preview: { port: 0, host: '127.0.0.1' },
    });
    context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'surgesim-chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      acceptDownloads: true,
      viewport: { width: 1280, height: 860 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    context.on('request', (r) => requested.push(r.url()));
    page.setDefaultTimeout(2 * MINUTES);
  }, 10 * MINUTES);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it(
    'the bundled worker, run by Node, gives Node’s replication bit for bit',
    () => {
      // The page's own code path (bundling, the worker's protocol) adds no difference: the built
      // worker module, loaded by plain node with a stand-in for the worker scope, returns exactly the
      // campaign result the sources give in Node.
      const worker = readdirSync(join(outDir, 'assets')).find((f) => /^worker-.*\.js$/.test(f));
      expect(worker).toBeTruthy();
      const spec = structuredClone(qingxu);
      spec.testing.hedong.staff.swabbers = SWABBERS;
      const specFile = join(outDir, 'spec.json');
      writeFileSync(specFile, JSON.stringify(spec));
      const script = `
      import { readFileSync } from 'node:fs';
      const posted = [];
      globalThis.self = { postMessage: (m) => posted.push(m) };
      await import(${JSON.stringify(pathToFileURL(join(outDir, 'assets', worker!)).href)});
      const spec = JSON.parse(readFileSync(${JSON.stringify(specFile)}, 'utf8'));
      self.onmessage({ data: { kind: 'replication', key: 'k', spec, seed: ${SEED}, index: 0 } });
      process.stdout.write(JSON.stringify(posted[0].output ?? posted[0]));`;
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      });
      expect(child.stderr).toBe('');
      const scenario = campaignScenario(spec);
      const parameters = resolveScenarioParameters(scenario);
      const inNode = runReplication((ctx) => scenario.run(parameters, ctx), SEED, 0).output;
      expect(child.stdout).toBe(JSON.stringify(inNode));
    },
    10 * MINUTES,
  );

  it(
    'runs the Qingxu day like Node, compares a plan B, answers least staff, exports',
    async () => {
      const url = server.resolvedUrls?.local[0];
      expect(url).toBeTruthy();
      requested.length = 0;
      await page.goto(url!);
      await page.waitForSelector('body[data-ready="true"]');
      await expect.poll(() => page.getByRole('status').first().textContent()).toBe('The spec is valid.');
      await shot('loaded');

      // A bad value is refused next to its field, with the library's message.
      const swabbers = page.getByLabel('testing.hedong.staff.swabbers', { exact: true });
      await swabbers.fill('-1');
      await swabbers.press('Tab');
      expect(await page.locator('#form .issue').first().textContent()).toMatch(
        /expected an integer in \[0, 10000000\], got -1/,
      );

      // Change the swabbers at one point of the day, run 3 replications.
      await swabbers.fill(String(SWABBERS));
      await swabbers.press('Tab');
      await expect.poll(() => page.locator('#form .issue').count()).toBe(0);
      await page.getByLabel('Replications', { exact: true }).fill('3');
      await page.getByLabel('Seed', { exact: true }).fill(String(SEED));
      await runAndWait('Run plan A');
      await page.getByRole('heading', { name: 'Results' }).scrollIntoViewIfNeeded();
      await shot('finished-run');

      const overrides = { testing: { hedong: { staff: { swabbers: SWABBERS } } } };
      const node = runScenario(campaignScenario(qingxu), { replications: 3, seed: SEED, overrides });
      const nodeTable = scenarioReport(node).tables[0]!;
      expect(await cells('Reported vs simulated')).toEqual(
        nodeTable.rows.map((r) => (r as string[]).map(String)),
      );

      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Result (JSON)' }).click();
      const file = await (await download).path();
      const exported = JSON.parse(readFileSync(file, 'utf8'));
      expect(disagreements(JSON.parse(scenarioResultJson(node)), exported)).toEqual([]);

      const html = page.waitForEvent('download');
      await page.getByRole('button', { name: 'HTML report' }).click();
      const report = readFileSync(await (await html).path(), 'utf8');
      expect(report).toContain('<h2>Reported vs simulated</h2>');
      const figures = (report.match(/<figure>/g) ?? []).length;
      expect(figures).toBeGreaterThan(0);
      expect((report.match(/<svg/g) ?? []).length).toBe(figures);
      const csv = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Result (CSV)' }).click();
      const lines = readFileSync(await (await csv).path(), 'utf8')
        .trim()
        .split('\n');
      expect(lines[0]).toBe('scenario,seed,replication,figure,label,unit,value');
      expect(lines.length).toBe(1 + 3 * (node.figures.length + node.metrics.length));

      // Browser vs Node time of one Qingxu replication (replication 0 alone, so one worker runs; the
      // faster of two runs on each side, interleaved, so both have warmed up).
      await page.getByLabel('Replications', { exact: true }).fill('1');
      const inBrowser: number[] = [];
      const inNode: number[] = [];
      const scenario = campaignScenario(node.parameters);
      const parameters = resolveScenarioParameters(scenario);
      for (let k = 0; k < 2; k++) {
        await runAndWait('Run plan A');
        inBrowser.push(
          await page.evaluate(
            () =>
              (globalThis as unknown as { surgesimWorkbench: { timings: number[][] } }).surgesimWorkbench
                .timings[0]?.[0] ?? Number.NaN,
          ),
        );
        const t0 = performance.now();
        runReplication((ctx) => scenario.run(parameters, ctx), SEED, 0);
        inNode.push(performance.now() - t0);
      }
      const [tb, tn] = [Math.min(...inBrowser), Math.min(...inNode)];
      console.log(
        `workbench timing: one Qingxu day ${(tb / 1000).toFixed(2)} s in a Chromium worker, ${(tn / 1000).toFixed(2)} s in Node; ratio ${(tb / tn).toFixed(2)} (runs: browser ${inBrowser.map((x) => x.toFixed(0)).join(', ')} ms; Node ${inNode.map((x) => x.toFixed(0)).join(', ')} ms)`,
      );
      await page.getByLabel('Replications', { exact: true }).fill('3');

      // Plan B: A duplicated, more clerks at Hedong, both on common random numbers.
      await page.getByRole('button', { name: 'Duplicate A as plan B' }).click();
      const clerks = page.getByLabel('testing.hedong.staff.clerks', { exact: true });
      await clerks.fill(String(CLERKS_B));
      await clerks.press('Tab');
      await runAndWait('Run A and B (common random numbers)');
      await page.getByRole('table', { name: 'Plan B against plan A' }).scrollIntoViewIfNeeded();
      await shot('comparison');
      const b = { testing: { hedong: { staff: { swabbers: SWABBERS, clerks: CLERKS_B } } } };
      const nodeCmp = compareScenarios(campaignScenario(qingxu), campaignScenario(qingxu), {
        replications: 3,
        seed: SEED,
        overridesA: overrides,
        overridesB: b,
      });
      const diffs = (await cells('Plan B against plan A')).map((r) => [r[0], r[3]]);
      expect(diffs).toEqual(
        nodeCmp.differences.map((d) => [
          d.label,
          `${formatDifference(d.mean, d.unit)}${d.significant ? ' *' : ''}`,
        ]),
      );
      expect(new Epoch(nodeCmp.resultA.epoch!)).toBeTruthy();

      // A long run can be cancelled; the page says so and is ready again.
      await page.getByLabel('Replications', { exact: true }).fill('50');
      await page.getByRole('button', { name: 'Run plan A' }).click();
      await page.getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(() => page.locator('#run-status').textContent()).toBe('Cancelled.');
      expect(await page.getByRole('button', { name: 'Run plan A' }).isEnabled()).toBe(true);

      // The least-staff question, on the small Yunda site, against the same search in Node.
      await page.getByRole('button', { name: 'Plan A', exact: true }).click();
      await page.getByLabel('Area', { exact: true }).selectOption('yunda');
      await page.getByLabel('Role', { exact: true }).selectOption('swabbers');
      await page.getByRole('button', { name: 'Find the least staff' }).click();
      await page.waitForSelector('body[data-state="idle"]', { timeout: 10 * MINUTES });
      const answer = await findLeastStaff({
        spec: structuredClone(node.parameters),
        area: 'yunda',
        role: 'swabbers',
        target: 0.9,
        min: 1,
        max: 12,
        seed: SEED,
        maxReplications: 40,
      });
      expect(await page.locator('#ls-status').textContent()).toContain(answer.message);

      // The Qingxu day has no expression: neither the page nor its workers (whose requests the
      // record holds: it has their module) fetched mathjs.
      expect(requested.some((u) => /\/assets\/worker-[^/]*\.js$/.test(u))).toBe(true);
      expect(mathjsRequests()).toEqual([]);
      expect(consoleErrors).toEqual([]);
    },
    30 * MINUTES,
  );

  it(
    'fetches mathjs only for a spec with expressions, then checks and runs it like Node',
    async () => {
      const url = server.resolvedUrls?.local[0];
      expect(url).toBeTruthy();
      const valid = 'The spec is valid.';
      const loading = 'Loading expressions…';

      // A fresh page on the Qingxu day (no expression) fetches the page's code but not mathjs.
      requested.length = 0;
      await page.goto(url!);
      await page.waitForSelector('body[data-ready="true"]');
      await poll(validity).toBe(valid);
      expect(requested.some((u) => /\/assets\/index-[^/]*\.js$/.test(u))).toBe(true);
      expect(mathjsRequests()).toEqual([]);

      // The example county has expressions ("=08:00 + 6 h", "=200 * 75%"): the page loads mathjs
      // and only then gives its verdict, with no error shown while it loads.
      let verdicts = await recordVerdicts();
      await page.getByLabel('Built-in spec', { exact: true }).selectOption('example');
      await poll(validity).toBe(valid);
      expect(await page.locator('#issues li').count()).toBe(0);
      expect(new Set(await verdicts())).toEqual(new Set([loading, valid]));
      expect(mathjsRequests().length).toBeGreaterThan(0);
      // The workers' bundle has its own mathjs chunk, which only a run fetches.
      const worker = readdirSync(join(outDir, 'assets')).find((f) => /^worker-.*\.js$/.test(f))!;
      const workerMathjs = /mathjs-[\w-]+\.js/.exec(
        readFileSync(join(outDir, 'assets', worker), 'utf8'),
      )?.[0];
      expect(workerMathjs).toBeTruthy();
      const fetchedByWorkers = () => requested.filter((u) => u.endsWith(`/assets/${workerMathjs}`)).length;
      expect(fetchedByWorkers()).toBe(0);

      // Two replications on the workers (each loads mathjs itself) give Node's table.
      await page.getByLabel('Replications', { exact: true }).fill('2');
      await page.getByLabel('Seed', { exact: true }).fill(String(SEED));
      await runAndWait('Run plan A');
      const node = runScenario(campaignScenario(example), { replications: 2, seed: SEED });
      // The county reports nothing, so its first table is the planner metrics.
      const first = scenarioReport(node).tables[0]!;
      const rows = first.rows.map((r) => (r as string[]).map(String));
      expect(rows.length).toBeGreaterThan(0);
      expect(await cells(first.title)).toEqual(rows);
      await page.getByRole('heading', { name: 'Results' }).scrollIntoViewIfNeeded();
      await shot('example-county-run');
      expect(fetchedByWorkers()).toBeGreaterThan(0);

      // Expressions typed on a fresh Qingxu page (mathjs not loaded): in the raw JSON …
      requested.length = 0;
      await page.goto(url!);
      await page.waitForSelector('body[data-ready="true"]');
      await poll(validity).toBe(valid);
      verdicts = await recordVerdicts();
      await page.getByRole('button', { name: 'Raw JSON', exact: true }).click();
      const raw = page.getByLabel('Spec as JSON', { exact: true });
      const spec = JSON.parse(await raw.inputValue());
      spec.testing.hedong.staff.swabbers = '=round(200 * 108%)';
      await raw.fill(JSON.stringify(spec, null, 2));
      await page.getByRole('button', { name: 'Apply JSON', exact: true }).click();
      await poll(validity).toBe(valid);
      expect(new Set(await verdicts())).toEqual(new Set([loading, valid]));
      expect(mathjsRequests().length).toBeGreaterThan(0);

      // … and in a form field, where an expression of the wrong kind is refused next to the field.
      await page.getByRole('button', { name: 'Form', exact: true }).click();
      const clerks = page.getByLabel('testing.hedong.staff.clerks', { exact: true });
      await clerks.fill('=3 h');
      await clerks.press('Tab');
      await poll(() => page.locator('#form .issue').count()).toBe(1);
      expect(await page.locator('#form .issue').first().textContent()).toMatch(/a count .*10800 s/);
      await clerks.fill('=1 per 600 people');
      await clerks.press('Tab');
      await poll(validity).toBe(valid);
      expect(await page.locator('#form .issue').count()).toBe(0);
      expect(consoleErrors).toEqual([]);
    },
    30 * MINUTES,
  );
});
