#!/usr/bin/env bash
# Proves the npm package works outside the repo: pack it, install the tarball into a fresh project in a
# temporary folder, and run a small simulation with plain node (no tsx, no TypeScript).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
tarball=$(npm pack --silent --pack-destination "$tmp" | tail -n 1)
cd "$tmp"
npm init -y >/dev/null
npm pkg set type=module >/dev/null
npm install --no-audit --no-fund --silent "$tmp/$tarball"
cp "$root/scripts/pack-smoke.mjs" ./smoke.mjs
node smoke.mjs

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
