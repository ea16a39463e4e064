#!/usr/bin/env bash
# Proves the npm package works outside the repo: pack it, install the tarball into a fresh project in a
# temporary folder, run a small simulation with plain node (no tsx), and typecheck a TypeScript file
# that imports every entry with `tsc --strict` and no skipLibCheck, as a consumer project would.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
tarball=$(npm pack --silent --pack-destination "$tmp" | tail -n 1)
cd "$tmp"
npm init -y >/dev/null
npm pkg set type=module >/dev/null
# The consumer's TypeScript and Node types: the versions surgesim itself is checked with.
dev() { node -p "require('$root/package.json').devDependencies['$1']"; }
npm install --no-audit --no-fund --silent "$tmp/$tarball" "typescript@$(dev typescript)" "@types/node@$(dev @types/node)"
cp "$root/scripts/pack-smoke.mjs" ./smoke.mjs
node smoke.mjs

# The published declarations typecheck in a consumer project: default strict options (no
# skipLibCheck, so surgesim's .d.ts and the third-party types they pull in are all checked), one
# import of every entry the package exports.
node "$root/scripts/pack-smoke-types.mjs"
cat > tsconfig.json <<'JSON'
{ "compilerOptions": { "strict": true, "module": "nodenext", "noEmit": true, "types": ["node"] }, "files": ["consumer.ts"] }
JSON
npx --no-install tsc -p tsconfig.json
echo 'pack smoke test: the published .d.ts typecheck with tsc --strict, no skipLibCheck'

# The packaged command: help, version, and a scenario module run from the fresh project.
npx --no-install surgesim --help | grep -q 'surgesim run <scenario file>'
test "$(npx --no-install surgesim --version)" = "$(node -p "require('surgesim/package.json').version")"
cp "$root/scripts/pack-smoke-scenario.mjs" ./smoke-scenario.mjs
npx --no-install surgesim run smoke-scenario.mjs --replications 2 --seed 1 --json > run.json
node -e "
const r = JSON.parse(require('node:fs').readFileSync('run.json', 'utf8'));
const served = r.figures.find((f) => f.id === 'served');
if (!served || served.median !== 50) throw new Error('scenario run through the surgesim command: ' + JSON.stringify(served));
console.log('pack smoke test: surgesim run served', served.median, 'in', r.replications, 'replications');
"

# The shipped campaign specs run by name from the installed package (no clone, no tsx).
npx --no-install surgesim run qingxu --replications 1 --seed 1 --json --workers 1 > qingxu.json
npx --no-install surgesim run example-county --replications 1 --seed 1 --json --workers 1 > county.json
node -e "
const fs = require('node:fs');
const q = JSON.parse(fs.readFileSync('qingxu.json', 'utf8'));
const tested = q.figures.find((f) => f.id === 'hedong.tested6h');
if (q.scenario !== 'qingxu-2022-04-13' || !(tested && tested.median > 100000))
  throw new Error('qingxu from the package: ' + JSON.stringify(tested));
const c = JSON.parse(fs.readFileSync('county.json', 'utf8'));
if (c.scenario !== 'example-county') throw new Error('example-county from the package: ' + c.scenario);
console.log('pack smoke test: surgesim run qingxu tested', tested.median, 'in Hedong; example-county ran');
"
