#!/usr/bin/env bash
# First README command: install what is missing, build, and run the main job on the built-in default scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
exec build/stargate train data/scenarios/llama3-405b-16k-h100.yaml "$@"
