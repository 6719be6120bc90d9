#!/usr/bin/env bash
# Configures and builds Stargate into build/ (Release).
# Usage: scripts/build.sh [extra cmake -D options] [--target NAME]   (no --target: everything, tests included)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
configure=()
build=()
while (($#)); do
  if [[ "$1" == --target ]]; then
    build+=(--target "$2")
    shift 2
  else
    configure+=("$1")
    shift
  fi
done
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release "${configure[@]}" >/dev/null
cmake --build build -j"$(nproc)" "${build[@]}"
