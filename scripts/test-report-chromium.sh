#!/usr/bin/env bash
# Renders the fleet HTML report in headless Chromium (Debian's `chromium` package) and checks the rendered DOM:
# every <svg class="chart"> has data (data-points > 0 and a drawn path or bar), no chart shows the
# "chart-error" marker, no NaN/undefined leaked into the page, and nothing external is referenced.
# Usage: scripts/test-report-chromium.sh [REPORT.html]   (default: `stargate report` of the built-in scenario,
#        with STARGATE=path/to/stargate). Exit 0 pass, 1 fail, 77 skipped (no chromium).
set -euo pipefail
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [[ ! -x "$CHROMIUM" ]]; then
  echo "SKIP: $CHROMIUM not found (apt-get install chromium to run this test)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
report=${1:-}
if [[ -z "$report" ]]; then
  report="$work/stargate.html"
  "${STARGATE:-stargate}" report -o "$report" --vary finance.cost_of_capital=0.08..0.15 >/dev/null
fi
report=$(realpath "$report")
fail() { echo "FAIL: $*"; exit 1; }
grep -qiE '<script|src="http|href="http|@import' "$report" && fail "report references scripts or external resources"
timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync --user-data-dir="$work/profile" \
  --dump-dom "file://$report" >"$work/dom.html" 2>"$work/chromium.log" || {
  cat "$work/chromium.log"; fail "chromium exited with an error"; }
dom="$work/dom.html"
charts=$(grep -o '<svg class="chart"[^>]*>' "$dom" | wc -l)
(( charts >= 6 )) || fail "expected at least 6 charts in the rendered DOM, found $charts"
grep -o '<svg class="chart"[^>]*>' "$dom" | grep -q 'data-points="0"' && fail "a chart has no data points"
grep -q 'class="chart-error"' "$dom" && fail "a chart shows the error marker"
grep -qE 'NaN|undefined|Infinity' "$dom" && fail "NaN/undefined/Infinity in the rendered page"
# Each chart's <svg>...</svg> must draw something.
python3 - "$dom" <<'PY' || fail "a chart draws no path or bar"
import re, sys
dom = open(sys.argv[1]).read()
svgs = re.findall(r'<svg class="chart".*?</svg>', dom, re.S)
bad = [re.search(r'data-chart="([^"]*)"', s).group(1) for s in svgs if not re.search(r'<path class="series"|<rect class="bar"', s)]
if bad:
    print("charts without marks:", bad)
    sys.exit(1)
PY
echo "PASS: $charts charts rendered with data in $(basename "$CHROMIUM")"
