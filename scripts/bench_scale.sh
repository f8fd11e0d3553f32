#!/usr/bin/env bash
# Scale benchmark: generates synthetic practices (`rota generate`) of 20, 40, 80 and 150 staff over 4 and 13
# weeks and solves each with the release build until its roster is within 1% of the proven bound (--gap 1)
# or the time limit. One table row per practice: size, model, translation time, status, objective, bound,
# gap, time to the final roster, wall time, peak memory (max RSS), and the evaluator's verdict.
# Usage: scripts/bench_scale.sh [TIME_LIMIT] [SIZES...]   (a size is STAFFxWEEKS, default all eight)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/solve_header.sh
limit=${1:-120}
shift $(( $# > 0 ? 1 : 0 ))
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(20x4 40x4 80x4 150x4 20x13 40x13 80x13 150x13)
swift build -c release >/dev/null
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failed=0
echo "| staff | weeks | sites | model rows×cols | translation | status | objective | bound | gap | best found at | wall | peak memory | evaluator |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for size in "${sizes[@]}"; do
  staff=${size%x*}
  weeks=${size#*x}
  sites=$(( staff >= 80 ? 3 : staff >= 40 ? 2 : 1 ))
  file="$dir/practice-$staff-$weeks.yaml"
  ./.build/release/rota generate --staff "$staff" --weeks "$weeks" --sites "$sites" --seed 1 --out "$file" 2>/dev/null
  out=$( { /usr/bin/time -f 'peak %M' ./.build/release/rota solve "$file" --time-limit "$limit" --gap 1 --no-grid --roster-only; } 2>&1 || true)
  read_solve_header "$out"
  peak=$(grep '^peak' <<<"$out" | awk '{printf "%.0f MiB", $2 / 1024}')
  [[ "$verdict" == agrees*"every hard rule met" ]] || { failed=1; verdict="**$verdict**"; }
  echo "| $staff | $weeks | $sites | $model | $translation | $status | $objective | $bound | $gap | $found | $wall | $peak | $verdict |"
done
[ "$failed" -eq 0 ] || { echo "bench_scale: a roster was missing or the evaluator disagreed (marked **)" >&2; exit 1; }
