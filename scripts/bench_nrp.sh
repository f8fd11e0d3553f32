#!/usr/bin/env bash
# Quality benchmark on the NRP instances: solves each instance with each given rota binary in turn (so that
# the binaries share the machine's load), for each seed, and prints one row per instance and seed: the
# best-known value and each binary's objective with its gap to best known; then per binary the mean, the
# spread (max - min) over the seeds of each instance, and how many instances of up to 28 days end within
# 5 % of best known. Every roster is checked by the solver's own evaluator (`evaluator agrees`); a row where
# it does not, or with a broken hard rule, is marked **.
# Usage: scripts/bench_nrp.sh TIME_LIMIT SEEDS NRP_DIR INSTANCES ROTA... [-- EXTRA SOLVE OPTIONS]
#   SEEDS: e.g. "1 2 3"; INSTANCES: e.g. "Instance6 Instance22" or "all".
# Example: scripts/bench_nrp.sh 60 "1 2 3" ../shared/benchmarks/nrp all ./.build/release/rota
set -euo pipefail
limit=$1 seeds=$2 nrp=$3 instances=$4
shift 4
binaries=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do binaries+=("$1"); shift; done
[ $# -gt 0 ] && shift
extra=("$@")
if [ "$instances" = all ]; then
  instances=$(tail -n +2 "$nrp/best-known.csv" | cut -d, -f1 | tr '\n' ' ')
fi
header="| instance | seed | best known |"
rule="| --- | ---: | ---: |"
for b in "${binaries[@]}"; do header+=" $b |"; rule+=" ---: |"; done
echo "time limit ${limit}s, $(nproc) cores, $(date -u +%FT%TZ)"
echo "$header"
echo "$rule"
summary=$(mktemp)
trap 'rm -f "$summary"' EXIT
for instance in $instances; do
  best=$(grep "^$instance," "$nrp/best-known.csv" | cut -d, -f5)
  days=$(grep "^$instance," "$nrp/best-known.csv" | cut -d, -f3)
  for seed in $seeds; do
    row="| $instance | $seed | $best |"
    for i in "${!binaries[@]}"; do
      out=$("${binaries[$i]}" solve "$nrp/$instance.txt" --time-limit "$limit" --seed "$seed" --no-grid "${extra[@]}" 2>&1 || true)
      objective=$(grep '^objective' <<<"$out" | awk '{print $2}')
      mark=""
      grep -q '^evaluator  agrees.*every hard rule met' <<<"$out" || mark="**"
      if [ -z "$objective" ]; then row+=" ** none ** |"; continue; fi
      gap=$(awk -v o="$objective" -v b="$best" 'BEGIN { printf "%.1f", 100 * (o - b) / b }')
      row+=" $mark$objective ($gap %)$mark |"
      echo "$i $instance $days $seed $objective $best" >>"$summary"
    done
    echo "$row"
  done
done
echo
awk '
  { key = $1 " " $2; sum[$1] += $5 / $6; n[$1] += 1
    if (!(key in lo) || $5 < lo[key]) lo[key] = $5; if (!(key in hi) || $5 > hi[key]) hi[key] = $5
    days[key] = $3; best[key] = $6; total[key] += $5; runs[key] += 1 }
  END {
    for (key in lo) { split(key, p, " "); b = p[1]
      spread[b] = spread[b] sprintf(" %s %d", p[2], hi[key] - lo[key])
      if (days[key] <= 28) { small[b] += 1; if (total[key] / runs[key] <= 1.05 * best[key]) within[b] += 1 } }
    for (b in n) printf "binary %d: mean objective / best known %.3f; instances of <= 28 days within 5%% (mean over seeds): %d of %d; spread (max - min) by instance:%s\n", b, sum[b] / n[b], within[b], small[b], spread[b]
  }' "$summary"
