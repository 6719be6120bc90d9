#!/usr/bin/env bash
# Regenerates every figure that docs/*.md quotes from the tool. A generated block is
#   <!-- generated: COMMAND -->
#   ```
#   (COMMAND's stdout)
#   ```
#   <!-- end generated -->
# (output that is a Markdown table, first line starting with '|', goes in without the ``` fence).
# COMMAND runs with bash in the repository root, `stargate` being the built binary; it must print the same thing on
# every run (filter wall times out with sed, as the blocks in docs/search.md do). Edit the COMMAND, never the block.
# docs/validation.md has its own generator (scripts/gen-validation-docs.sh) and is left alone.
# Usage: scripts/gen-docs-figures.sh [--check]   (STARGATE=path/to/stargate, default build/stargate)
#   --check: rewrite nothing; exit 1 and print a diff when a block is stale (tests/docs/docs_figures_test.cc).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
binary="$(realpath "${STARGATE:-$root/build/stargate}")"
[[ -x "$binary" ]] || { echo "no stargate binary at $binary: build it first (scripts/build.sh)" >&2; exit 2; }
bin_dir="$(mktemp -d)"
trap 'rm -rf "$bin_dir"' EXIT
ln -s "$binary" "$bin_dir/stargate"
export PATH="$bin_dir:$PATH"
cd "$root"
python3 - "${1:-}" docs/*.md <<'PY'
import difflib, re, subprocess, sys
check = sys.argv[1] == "--check"
block = re.compile(r"(<!-- generated: (.*?) -->\n)(.*?)(<!-- end generated -->)", re.S)
stale = False
for path in sys.argv[2:]:
    if path.endswith("/validation.md"):
        continue
    text = open(path).read()
    def regenerate(m):
        run = subprocess.run(["bash", "-o", "pipefail", "-c", m.group(2)], capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"{path}: `{m.group(2)}` exited {run.returncode}: {run.stderr.strip()}")
        out = run.stdout.rstrip("\n") + "\n"
        return m.group(1) + (out if out.startswith("|") else "```\n" + out + "```\n") + m.group(4)
    new = block.sub(regenerate, text)
    if new == text:
        continue
    if check:
        stale = True
        sys.stdout.writelines(difflib.unified_diff(text.splitlines(True), new.splitlines(True), path, path + " (regenerated)"))
    else:
        open(path, "w").write(new)
        print("wrote", path)
if stale:
    print("docs figures are stale: run scripts/gen-docs-figures.sh")
    sys.exit(1)
PY
