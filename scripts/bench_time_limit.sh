#!/usr/bin/env bash
# Time-limit benchmark: does `--time-limit T` end the whole command within T + 2 s with a roster? Solves
# every NRP instance in NRP_DIR, a generated 150-person quarter and a generated 150-person year with the
# release build and prints one row each: wall time of the whole process (/usr/bin/time), exit code,
# status, whether a roster was printed and written to --out, and the header's time line. Rows over T + 2 s
# or without a roster are marked ** and make the script exit 1.
# Usage: scripts/bench_time_limit.sh [T] [NRP_DIR] [CPU_LIST]   (CPU_LIST, e.g. 0, runs under taskset -c)
set -euo pipefail
cd "$(dirname "$0")/.."
limit=${1:-10}
nrp=${2:-../shared/benchmarks/nrp}
cpus=${3:-}
swift build -c release >/dev/null
rota=./.build/release/rota
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
$rota generate --staff 150 --weeks 13 --sites 3 --seed 1 --out "$dir/quarter-150.yaml" >/dev/null 2>&1
$rota generate --staff 150 --weeks 52 --sites 3 --seed 1 --out "$dir/year-150.yaml" >/dev/null 2>&1
files=()
[ -d "$nrp" ] && while IFS= read -r file; do files+=("$file"); done < <(ls "$nrp"/Instance*.txt | sort -V)
files+=("$dir/quarter-150.yaml" "$dir/year-150.yaml")
runner=()
[ -n "$cpus" ] && runner=(taskset -c "$cpus")
failed=0
echo "| file | wall | exit | status | roster | time line |"
echo "| --- | --- | --- | --- | --- | --- |"
for file in "${files[@]}"; do
  rm -f "$dir/out.csv"
  set +e
  out=$( { /usr/bin/time -f 'wall %e' "${runner[@]}" $rota solve "$file" --time-limit "$limit" --no-grid --roster-only --out "$dir/out.csv"; } 2>&1 )
  code=$?
  set -e
  wall=$(grep '^wall' <<<"$out" | awk '{print $2}')
  status=$(grep '^status' <<<"$out" | sed 's/^status *//')
  timeline=$(grep '^time ' <<<"$out" | sed 's/^time *//')
  roster=no
  [ -s "$dir/out.csv" ] && grep -q '^evaluator' <<<"$out" && roster=yes
  mark=""
  if [ "$roster" != yes ] || awk -v w="$wall" -v t="$limit" 'BEGIN { exit !(w > t + 2) }'; then mark="**"; failed=1; fi
  echo "| $(basename "$file") | $mark${wall}s$mark | $code | $status | $roster | $timeline |"
done
[ "$failed" -eq 0 ] || { echo "bench_time_limit: a run went over T + 2 s or returned no roster (marked **)" >&2; exit 1; }
