#!/usr/bin/env bash
# First README command: install what is missing, build what the main job needs (the stargate binary) and the
# Python package (build/python/stargate, importable with PYTHONPATH=build/python; docs/python.md) — the tests and
# benchmarks are scripts/test.sh's job — and run the main job on the built-in default scenario: the Stargate
# fleet build-out (`stargate plan`), plus its HTML report in out/stargate-report.html.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh --target stargate --target stargate_python
mkdir -p out
build/stargate plan "$@"
build/stargate report -o out/stargate-report.html
echo "report: out/stargate-report.html"
