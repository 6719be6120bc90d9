#!/usr/bin/env bash
# Regenerates docs/validation.md from the built-in validation data: `stargate validate --markdown`.
# Never edit docs/validation.md by hand. Usage: scripts/gen-validation-docs.sh [BUILD_DIR] (default: build).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
if [[ ! -x "$build/stargate" ]]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DSTARGATE_BENCH=OFF
fi
cmake --build "$build" --target stargate -j"$(nproc 2>/dev/null || echo 2)"
tmp="$(mktemp "$root/docs/.validation.md.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
"$build/stargate" validate --markdown > "$tmp"
mv "$tmp" "$root/docs/validation.md"
trap - EXIT
echo "wrote docs/validation.md"
