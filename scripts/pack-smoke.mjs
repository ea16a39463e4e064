// Run by scripts/pack-smoke.sh inside a fresh project that installed the packed tarball.
// Plain node, no TypeScript: proves the published entry point, types path and dependencies work.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as surgesim from 'surgesim';

const { Simulation, Resource } = surgesim;
const sim = new Simulation({ seed: 7 });
const desk = new Resource(sim, { name: 'desk', capacity: 2 });
const rng = sim.stream('service');
let served = 0;
for (let i = 0; i < 50; i++) {
  sim.process(
    (function* () {
      const req = yield* desk.request();
      yield* sim.delay(1 + rng.next());
      desk.release(req);
      served++;
    })(),
  );
}
sim.run();
if (served !== 50) throw new Error(`expected 50 served, got ${served}`);
const pkgDir = fileURLToPath(import.meta.resolve('surgesim')).replace(/dist\/src\/index\.js$/, '');
if (!existsSync(`${pkgDir}dist/src/index.d.ts`))
  throw new Error('type declarations missing from the package');
console.log(`pack smoke test: surgesim ${surgesim.version} served ${served} at t=${sim.now.toFixed(2)}`);

// Every subpath the package exports resolves and loads in plain node.
const pkg = JSON.parse(
  await import('node:fs').then((fs) => fs.readFileSync(`${pkgDir}package.json`, 'utf8')),
);
for (const subpath of Object.keys(pkg.exports)) {
  if (subpath === '.' || subpath === './package.json') continue;
  const name = `surgesim${subpath.slice(1)}`;
  const mod = await import(name);
  if (Object.keys(mod).length === 0) throw new Error(`${name} exports nothing`);
  console.log(`pack smoke test: ${name} loads (${Object.keys(mod).length} exports)`);
}
