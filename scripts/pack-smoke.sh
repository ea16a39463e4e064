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
