#!/usr/bin/env bash
# Execute every notebook in notebooks/ headlessly (Debian's jupyter nbconvert, Deno kernel from npm)
# and fail if a committed .ipynb is stale, a source does not type-check, or any cell throws. The
# executed copies, with outputs, go to out/notebooks/ (gitignored).
#
#   bash scripts/run-notebooks.sh                 # all notebooks
#   bash scripts/run-notebooks.sh engine-vs-queueing-theory   # some, by name
#
# Needs: jupyter-nbconvert, python3-nbclient, jupyter-client, python3-ipykernel (apt) and
# `npm ci` (the deno devDependency). See /work/shared/toolchain.md §3 for why this recipe.
# The verdict is nbconvert's exit code: the Deno kernel sometimes sends a cell's display output after
# reporting idle and nbclient 0.7 drops it, so stored outputs are not a reliable test; an exception
# always fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v jupyter >/dev/null 2>&1; then
  echo "run-notebooks: jupyter not found (apt-get install jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel)" >&2
  exit 2
fi
DENO="$(node -p "require('node:path').resolve('node_modules/deno/deno')")"
if [ ! -x "$DENO" ]; then
  echo "run-notebooks: $DENO missing (npm ci installs the deno devDependency)" >&2
  exit 2
fi

# The committed .ipynb must be what its source builds (reviews read the source).
node scripts/notebooks.mjs check

# A private Jupyter home: the kernelspec points at this checkout's deno, and nothing is written to ~.
JHOME="$(mktemp -d)"
trap 'rm -rf "$JHOME"' EXIT
mkdir -p "$JHOME/data/kernels/deno"
cat >"$JHOME/data/kernels/deno/kernel.json" <<EOF
{ "argv": ["$DENO", "jupyter", "--kernel", "--conn", "{connection_file}"],
  "display_name": "Deno", "language": "typescript" }
EOF
export JUPYTER_PATH="$JHOME/data" JUPYTER_DATA_DIR="$JHOME/data" JUPYTER_CONFIG_DIR="$JHOME/config"
export JUPYTER_RUNTIME_DIR="$JHOME/runtime" IPYTHONDIR="$JHOME/ipython"
# Plain text outputs (no ANSI colours), no update check, no network.
export NO_COLOR=1 DENO_NO_UPDATE_CHECK=1 DENO_NO_PROMPT=1

if [ "$#" -gt 0 ]; then
  names=("$@")
else
  names=()
  for f in notebooks/*.ipynb; do names+=("$(basename "$f" .ipynb)"); done
fi

elapsed() { local ms=$(($(date +%s%3N) - $1)); printf '%d.%d s' $((ms / 1000)) $((ms % 1000 / 100)); }

sources=()
for name in "${names[@]}"; do
  [ -f "notebooks/$name.ts" ] || { echo "run-notebooks: no notebooks/$name.ts" >&2; exit 2; }
  sources+=("notebooks/$name.ts")
done

# Type-check the sources first: the Deno kernel runs cells without checking types. deno.json sets the
# same strictness as tsconfig.json, so the library code the notebooks import from src/ checks too.
start=$(date +%s%3N)
if "$DENO" check --quiet "${sources[@]}"; then
  printf 'ok    %-36s %s\n' "type check (deno check)" "$(elapsed "$start")"
else
  echo "run-notebooks: the notebook sources do not type-check" >&2
  exit 1
fi

mkdir -p out/notebooks
failed=()
for name in "${names[@]}"; do
  nb="notebooks/$name.ipynb"
  start=$(date +%s%3N)
  if jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=120 \
    --output-dir out/notebooks --output "$name" "$nb" >"$JHOME/$name.log" 2>&1; then
    printf 'ok    %-36s %s\n' "$name" "$(elapsed "$start")"
  else
    printf 'FAIL  %-36s %s\n' "$name" "$(elapsed "$start")"
    # From nbclient's CellExecutionError on: the failing cell's source and the error (or, when the
    # kernel did not start, the end of the log).
    if grep -q CellExecutionError "$JHOME/$name.log"; then
      sed -n '/^nbclient.exceptions.CellExecutionError/,$p' "$JHOME/$name.log" | head -n 60 | sed 's/^/      /'
    else
      tail -n 30 "$JHOME/$name.log" | sed 's/^/      /'
    fi
    failed+=("$name")
  fi
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "run-notebooks: ${#failed[@]} of ${#names[@]} notebooks failed: ${failed[*]}" >&2
  exit 1
fi
echo "run-notebooks: ${#names[@]} notebooks executed without error (outputs in out/notebooks/)"
