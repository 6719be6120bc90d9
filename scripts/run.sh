#!/usr/bin/env bash
# First README command: install what is missing, build what the main job needs (the stargate binary only: the
# tests and benchmarks are scripts/test.sh's job), and run the main job on the built-in default scenario: the
# Stargate fleet build-out (`stargate plan`), plus its HTML report in out/stargate-report.html.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh --target stargate
mkdir -p out
build/stargate plan "$@"
build/stargate report -o out/stargate-report.html
echo "report: out/stargate-report.html"
