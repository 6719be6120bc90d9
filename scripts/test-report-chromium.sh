#!/usr/bin/env bash
# Renders the fleet HTML report in headless Chromium (Debian's `chromium` package) and checks the rendered DOM:
# every <svg class="chart"> has data (data-points > 0 and a drawn path or bar), no chart shows the
# "chart-error" marker, no NaN/undefined leaked into the page, nothing external is referenced, no console errors,
# and a screenshot of the page is not blank.
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
# No console errors while loading, and a screenshot of the page that is not blank (one colour everywhere).
grep -iE 'CONSOLE\([0-9]+\).*(error|uncaught)|Uncaught ' "$work/chromium.log" && fail "console errors while loading the report"
timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --hide-scrollbars \
  --disable-background-networking --disable-component-update --disable-sync --user-data-dir="$work/profile" \
  --window-size=1000,3000 --screenshot="$work/shot.png" "file://$report" >/dev/null 2>"$work/shot.log" || {
  cat "$work/shot.log"; fail "chromium could not take a screenshot"; }
python3 - "$work/shot.png" <<'PY' || fail "the screenshot is blank"
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, width, height = 8, b"", 0, 0
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height = struct.unpack(">II", body[:8])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
pixels = zlib.decompress(idat)
# A blank page filters to a handful of byte values; drawn text and charts give many.
distinct = len(set(pixels))
print(f"screenshot {width}x{height}, {distinct} distinct byte values")
sys.exit(0 if width > 0 and distinct >= 16 else 1)
PY
echo "PASS: $charts charts rendered with data in $(basename "$CHROMIUM")"
