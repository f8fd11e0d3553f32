#!/usr/bin/env bash
# Solves a scenario, writes its HTML roster, and has headless Chromium render the page as a PNG screenshot
# and its print version as a PDF (A4/Letter landscape, as the page's @page rule asks).
#
#   scripts/screenshot.sh [SCENARIO] [OUTDIR]
#
# SCENARIO defaults to the example practice, OUTDIR to docs/ (roster.html, roster.png, roster.pdf).
# The solve stops on work (600 units), so the page is the same on every machine.
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${1:-scenarios/riverside-2026-12.yaml}
out=${2:-docs}
mkdir -p "$out"
command -v chromium >/dev/null || { echo "needs chromium (apt-get install chromium; make test-setup installs it)" >&2; exit 1; }
swift build -c release >/dev/null
./.build/release/rota solve "$scenario" --work-limit 600 --time-limit 120 --no-grid --html "$out/roster.html" >/dev/null || true
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
page="file://$(realpath "$out/roster.html")"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
  --window-size=1600,1000 --screenshot="$out/roster.png" "$page" 2>/dev/null
chromium --headless --no-sandbox --disable-gpu --user-data-dir="$profile" --no-pdf-header-footer \
  --print-to-pdf="$out/roster.pdf" "$page" 2>/dev/null
ls -l "$out/roster.html" "$out/roster.png" "$out/roster.pdf"
