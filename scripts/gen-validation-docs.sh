#!/usr/bin/env bash
# Regenerates docs/validation.md from the built-in validation data (`stargate validate --markdown`) and the
# training error bands data/confidence/training-error-bands.yaml (`stargate validate --error-bands`, embedded in
# the binary: rebuilt after writing).
# Never edit docs/validation.md by hand. Usage: scripts/gen-validation-docs.sh [BUILD_DIR] (default: build).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
if [[ ! -x "$build/stargate" ]]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DSTARGATE_BENCH=OFF
fi
cmake --build "$build" --target stargate -j"$(nproc 2>/dev/null || echo 2)"
bands="$(mktemp "$root/data/confidence/.bands.XXXXXX")"
"$build/stargate" validate --error-bands > "$bands"
mv "$bands" "$root/data/confidence/training-error-bands.yaml"
cmake --build "$build" --target stargate -j"$(nproc 2>/dev/null || echo 2)"
echo "wrote data/confidence/training-error-bands.yaml"
tmp="$(mktemp "$root/docs/.validation.md.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
"$build/stargate" validate --markdown > "$tmp"
mv "$tmp" "$root/docs/validation.md"
trap - EXIT
echo "wrote docs/validation.md"
