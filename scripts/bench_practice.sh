#!/usr/bin/env bash
# Solves the example practice once per seed with the release build and prints one table row per run:
# seed, status, objective, proven bound, gap, wall time, when the returned roster was found, and the
# evaluator's verdict, and the work done. Usage: scripts/bench_practice.sh [SCENARIO] [TIME_LIMIT] [SEEDS...]
# With WORK_LIMIT=units in the environment every run stops on that much work instead (replayable runs);
# TIME_LIMIT is then only the safety net.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/solve_header.sh
scenario=${1:-scenarios/riverside-2026-12.yaml}
limit=${2:-10}
shift $(( $# > 2 ? 2 : $# ))
seeds=("$@")
[ ${#seeds[@]} -eq 0 ] && seeds=(1 2 3 4 5 6)
swift build -c release >/dev/null
extra=()
[ -n "${WORK_LIMIT:-}" ] && extra=(--work-limit "$WORK_LIMIT")
echo "| seed | status | objective | bound | gap | time | best found at | work | evaluator |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for seed in "${seeds[@]}"; do
  out=$(./.build/release/rota solve "$scenario" --time-limit "$limit" --seed "$seed" "${extra[@]}" --no-grid --roster-only 2>/dev/null || true)
  read_solve_header "$out"
  echo "| $seed | $status | $objective | $bound | $gap | $wall | $found | ${work:-—} | $verdict |"
done
