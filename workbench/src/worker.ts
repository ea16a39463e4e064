/**
 * A Web Worker that runs replications of a campaign spec, one message per replication, with the
 * code `runScenario` runs on one thread: the scenario's resolved parameters and `runReplication`
 * with the base seed and the replication's index (so the seed of replication i is the same wherever
 * it runs). The spec is checked and planned once per document the worker is sent. A spec with an
 * expression waits for mathjs to load in this worker first (the library cannot load it itself here);
 * the pool sends one message at a time, so that wait never reorders messages.
 *
 * @module
 */
import { type CampaignResult, campaignScenario } from '../../models/index.js';
import { resolveScenarioParameters, runReplication } from '../../src/index.js';
import { expressionsFor, needsExpressions } from './expressions.js';
import { errorInfo, type FromWorker, type ToWorker } from './messages.js';
import { findLeastStaff } from './staffing.js';

const scope = self as unknown as {
  postMessage(message: FromWorker): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
};

let loaded: { key: string; run: (index: number, seed: number) => CampaignResult } | null = null;

function load(key: string, spec: unknown) {
  if (loaded?.key === key) return loaded;
  const scenario = campaignScenario(spec);
  const parameters = resolveScenarioParameters(scenario);
  loaded = {
    key,
    run: (index, seed) =>
      runReplication((ctx) => scenario.run(parameters, ctx), seed, index, `scenario ${scenario.name}`).output,
  };
  return loaded;
}

function handle(m: ToWorker): void {
  try {
    if (m.kind === 'replication') {
      const { run } = load(m.key, m.spec);
      const started = performance.now();
      const output = run(m.index, m.seed);
      scope.postMessage({ kind: 'replication', index: m.index, output, ms: performance.now() - started });
    } else {
      findLeastStaff(m.question, (done) => scope.postMessage({ kind: 'progress', done })).then(
        (result) => scope.postMessage({ kind: 'leastStaff', result }),
        (e: unknown) => scope.postMessage({ kind: 'error', ...errorInfo(e) }),
      );
    }
  } catch (e) {
    scope.postMessage({ kind: 'error', ...errorInfo(e) });
  }
}

scope.onmessage = (event) => {
  const m = event.data;
  const spec = m.kind === 'replication' ? m.spec : m.question.spec;
  if (!needsExpressions(spec)) handle(m);
  else
    expressionsFor(spec).then(
      () => handle(m),
      (e: unknown) => scope.postMessage({ kind: 'error', ...errorInfo(e) }),
    );
};
