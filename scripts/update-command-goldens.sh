#!/usr/bin/env bash
# Rewrites the expected values of tests/golden/commands/*.json from the current build's output (after a model
# change that is meant to move them; say why in the commit). Usage: scripts/update-command-goldens.sh [FILE...]
set -euo pipefail
cd "$(dirname "$0")/.."
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(tests/golden/commands/*.json)
for f in "${files[@]}"; do
  python3 - "$f" <<'PY'
import json, subprocess, sys
path = sys.argv[1]
golden = json.load(open(path))
out = subprocess.run("build/stargate " + golden["command"], shell=True, check=True, capture_output=True, text=True).stdout
result = json.loads(out)
def at(doc, pointer):
    for part in pointer.split("/")[1:]:
        doc = doc[int(part)] if isinstance(doc, list) else doc[part.replace("~1", "/").replace("~0", "~")]
    return doc
golden["expect"] = {p: at(result, p) for p in golden["expect"]}
open(path, "w").write(json.dumps(golden, indent=2) + "\n")
print("updated", path)
PY
done
