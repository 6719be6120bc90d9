#!/usr/bin/env bash
# Renders HTML reports in headless Chromium (Debian's `chromium` package) and checks each one: every
# <svg class="chart"> has data (data-points > 0 and a drawn path, bar or point), no chart shows the "chart-error"
# marker, no NaN/undefined leaked into the page, nothing external is referenced, the browser logs no console
# message (the pages have no scripts: any message is an error), and a screenshot is not blank.
# Usage: scripts/test-report-chromium.sh [REPORT.html [MIN_CHARTS]]
#   With a file: checks it (at least MIN_CHARTS charts, default 2). Without: writes one report of each kind with
#   `stargate report` (STARGATE=path/to/stargate, run from the source tree): the built-in fleet plan with --vary,
#   a training estimate, a plan search and a serving page, and checks them all.
# Exit 0 pass, 1 fail, 77 skipped (no chromium).
set -euo pipefail
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [[ ! -x "$CHROMIUM" ]]; then
  echo "SKIP: $CHROMIUM not found (apt-get install chromium to run this test)"
  exit 77
fi
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# check_page FILE MIN_CHARTS
check_page() {
  local report dom shot log min=$2
  report=$(realpath "$1")
  dom="$work/dom.html" shot="$work/shot.png" log="$work/chromium.log"
  grep -qiE '<script|src="http|href="http|@import' "$report" && fail "$1 references scripts or external resources"
  local flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
               --disable-component-update --disable-sync --user-data-dir="$work/profile" --enable-logging=stderr --v=0)
  timeout 120 "$CHROMIUM" "${flags[@]}" --dump-dom "file://$report" >"$dom" 2>"$log" || {
    cat "$log"; fail "chromium exited with an error on $1"; }
  if grep -q 'CONSOLE' "$log"; then grep 'CONSOLE' "$log"; fail "console messages while rendering $1"; fi
  timeout 120 "$CHROMIUM" "${flags[@]}" --window-size=1000,1600 --screenshot="$shot" "file://$report" \
    >/dev/null 2>"$log" || { cat "$log"; fail "chromium could not take a screenshot of $1"; }
  python3 "$here/png-ink.py" "$shot" || fail "the screenshot of $1 is blank"
  local charts
  charts=$(grep -o '<svg class="chart"[^>]*>' "$dom" | wc -l)
  (( charts >= min )) || fail "expected at least $min charts in the rendered DOM of $1, found $charts"
  grep -o '<svg class="chart"[^>]*>' "$dom" | grep -q 'data-points="0"' && fail "a chart of $1 has no data points"
  grep -q 'class="chart-error"' "$dom" && fail "a chart of $1 shows the error marker"
  grep -qE 'NaN|undefined|Infinity' "$dom" && fail "NaN/undefined/Infinity in the rendered page $1"
  # Each chart's <svg>...</svg> must draw something.
  python3 - "$dom" <<'PY' || fail "a chart of $1 draws no path, bar or point"
import re, sys
dom = open(sys.argv[1]).read()
svgs = re.findall(r'<svg class="chart".*?</svg>', dom, re.S)
marks = r'<path class="series"|<rect class="bar"|<circle class="point"'
bad = [re.search(r'data-chart="([^"]*)"', s).group(1) for s in svgs if not re.search(marks, s)]
if bad:
    print("charts without marks:", bad)
    sys.exit(1)
PY
  echo "PASS: $(basename "$1"): $charts charts rendered with data in $(basename "$CHROMIUM")"
}

if [[ -n "${1:-}" ]]; then
  check_page "$1" "${2:-2}"
  exit 0
fi
stargate=${STARGATE:-stargate}
scenarios="$here/../data/scenarios"
"$stargate" report -o "$work/fleet.html" --vary finance.cost_of_capital=0.08..0.15 >/dev/null
"$stargate" report "$scenarios/llama3-405b-16k-h100.yaml" -o "$work/training.html" >/dev/null
"$stargate" report "$scenarios/gpt3-175b-512-a100.yaml" --search -o "$work/search.html" >/dev/null
"$stargate" report "$here/../tests/data/report/serve-small-llama8b.yaml" --probe-requests 300 \
  -o "$work/serving.html" >/dev/null
check_page "$work/fleet.html" 6
check_page "$work/training.html" 2
check_page "$work/search.html" 3
check_page "$work/serving.html" 5
