#!/usr/bin/env bash
# Installs the Debian packages Stargate needs to build and test, if any is missing.
# As root it runs apt-get; otherwise it prints the exact command to run and stops.
set -euo pipefail
packages=(build-essential cmake pkg-config libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libfmt-dev
          libtbb-dev libgtest-dev libgmock-dev libbenchmark-dev clang libclang-rt-dev libopenmpi-dev openmpi-bin chromium
          pybind11-dev python3-dev python3-pandas python3-matplotlib python3-pytest)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
cmd="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "Stargate needs these Debian packages: ${missing[*]}" >&2
  echo "Run as root:  sudo sh -c '$cmd'" >&2
  exit 1
fi
echo "Installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
