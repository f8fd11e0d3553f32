#!/usr/bin/env bash
# Coverage-guided fuzzing of Rota's file readers with libFuzzer: builds rota-fuzz with -sanitize=fuzzer
# (in .build/libfuzzer, apart from the normal build) and fuzzes the readers of one kind of file in-process,
# starting from the corpus in Tests/FuzzCorpus/KIND. A trap, or an error that names no line, stops the run
# and leaves the input in OUT/crash-*; replay it with `.build/release/rota-fuzz readers KIND FILE`.
# Usage: scripts/fuzz_readers.sh KIND [SECONDS] [OUT]   (KIND: scenario, change, nrp or roster)
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:?usage: scripts/fuzz_readers.sh KIND [SECONDS] [OUT]}
seconds=${2:-60}
out=${3:-$(mktemp -d)}
mkdir -p "$out/corpus"
# ld.gold cannot link libFuzzer's runtime beside SwiftPM's renamed main; the toolchain's lld can.
lld="$(dirname "$(readlink -f "$(command -v swift)")")/ld.lld"
printf '{"schemaVersion": "1.0", "linker": {"path": "%s"}}\n' "$lld" > "$out/toolset.json"
swift build -c release --scratch-path .build/libfuzzer --product rota-fuzz --toolset "$out/toolset.json" \
  -Xswiftc -sanitize=fuzzer -Xswiftc -DLIBFUZZER >&2
cp "Tests/FuzzCorpus/$kind"/* "$out/corpus/"
echo "fuzzing the $kind readers for $seconds s; corpus and findings in $out" >&2
.build/libfuzzer/release/rota-fuzz readers "$kind" --corpus Tests/FuzzCorpus -- \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
  -artifact_prefix="$out/" "$out/corpus"
