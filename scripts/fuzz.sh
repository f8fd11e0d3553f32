#!/usr/bin/env bash
# Seeded mutation fuzzing of the rota binary: COUNT mutants of the scenario files, change files, NRP
# instances and roster CSVs in Tests/FuzzCorpus, each run through the commands a user would (validate and
# solve, whatif, reroster). Prints a Markdown table (handled / crash / hang / unplaced error / leak) and
# every finding; mutants with findings are kept in KEEP. Exit 1 when anything was found.
# Usage: scripts/fuzz.sh [COUNT] [SEED] [JOBS] [KEEP]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
seed=${2:-1}
jobs=${3:-2}
keep=${4:-$(mktemp -d)}
swift build -c release >/dev/null
echo "$(nproc) cores, $(uname -m), $(swift --version 2>&1 | head -1)" >&2
.build/release/rota-fuzz mutate --count "$count" --seed "$seed" --jobs "$jobs" --keep "$keep" \
  --rota .build/release/rota --corpus Tests/FuzzCorpus
