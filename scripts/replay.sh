#!/usr/bin/env bash
# Replays work-limited solves with two builds of rota and compares what they return, byte for byte: the
# roster (its --out file) and the status, objective, bound and work lines of the header. A change that
# only reshapes code must leave every line equal.
#
#   scripts/replay.sh BEFORE_ROTA AFTER_ROTA [NRP_DIR] [WORK_LIMIT]
#
# BEFORE_ROTA and AFTER_ROTA are rota binaries (build the old one from a worktree:
#   git worktree add /tmp/before COMMIT && (cd /tmp/before && swift build -c release)
# and pass /tmp/before/.build/release/rota). NRP_DIR defaults to ../shared/benchmarks/nrp; every
# Instance*.txt there is solved, and so is the example practice. WORK_LIMIT defaults to 3000 units.
# Prints one line per file and exits 1 if any differs.
set -euo pipefail
cd "$(dirname "$0")/.."
before=${1:?usage: scripts/replay.sh BEFORE_ROTA AFTER_ROTA [NRP_DIR] [WORK_LIMIT]}
after=${2:?usage: scripts/replay.sh BEFORE_ROTA AFTER_ROTA [NRP_DIR] [WORK_LIMIT]}
nrp=${3:-../shared/benchmarks/nrp}
work=${4:-3000}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

files=(scenarios/riverside-2026-12.yaml)
if [ -d "$nrp" ]; then
  while IFS= read -r file; do files+=("$file"); done < <(ls "$nrp"/Instance*.txt | sort -V)
fi

different=0
for file in "${files[@]}"; do
  name=$(basename "$file")
  for side in before after; do
    binary=$before
    [ "$side" = after ] && binary=$after
    # A generous clock: the work limit, not the clock, must end every run.
    "$binary" solve "$file" --work-limit "$work" --time-limit 600 --no-grid --roster-only \
      --out "$scratch/$name.$side.csv" > "$scratch/$name.$side.txt" 2>/dev/null || true
    grep -E '^(status|objective|bound|work) ' "$scratch/$name.$side.txt" | sed -E 's/ +gap.*//' > "$scratch/$name.$side.head" || true
  done
  if cmp -s "$scratch/$name.before.csv" "$scratch/$name.after.csv" && cmp -s "$scratch/$name.before.head" "$scratch/$name.after.head"; then
    printf '%-28s same     %s\n' "$name" "$(grep '^objective' "$scratch/$name.after.head" | tr -s ' ')"
  else
    printf '%-28s DIFFERS\n' "$name"
    diff "$scratch/$name.before.head" "$scratch/$name.after.head" | sed 's/^/    /' || true
    different=1
  fi
done
exit $different
