#!/usr/bin/env bash
# Rewrites the layer-graph block of docs/architecture.md from the graph CMake declares (build/layer_graph.txt,
# written at configure time by cmake/layers.cmake). Usage: scripts/gen-layer-graph.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
cmake -S . -B "$build" >/dev/null
python3 - "$build/layer_graph.txt" docs/architecture.md <<'PY'
import sys
graph, doc_path = open(sys.argv[1]).read(), sys.argv[2]
marker = "<!-- layer-graph: generated from CMakeLists.txt by scripts/gen-layer-graph.sh -->\n```\n"
doc = open(doc_path).read()
start = doc.index(marker) + len(marker)
end = doc.index("```", start)
open(doc_path, "w").write(doc[:start] + graph + doc[end:])
PY
echo "docs/architecture.md: layer graph updated"
