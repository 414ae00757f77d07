#!/usr/bin/env bash
# Draws docs/modules.svg, the module graph of docs/ARCHITECTURE.md, from the CMake targets:
# `cmake --graphviz` in a temporary build folder, then Graphviz's dot (apt-get install graphviz).
# Solid arrows are PUBLIC links (used in public headers), dotted ones PRIVATE.
# Usage: docs/module-graph.sh (from anywhere; rerun after changing cmake/ModuleTable.cmake).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/clusterscope-graph.XXXXXX")
trap 'rm -rf "$work"' EXIT
cat >"$work/CMakeGraphVizOptions.cmake" <<'OPTIONS'
set(GRAPHVIZ_GRAPH_NAME "clusterscope_modules")
set(GRAPHVIZ_GENERATE_PER_TARGET FALSE)
set(GRAPHVIZ_GENERATE_DEPENDERS FALSE)
# Build settings, the aggregate for tests and benchmarks, and what third-party libraries link.
set(GRAPHVIZ_IGNORE_TARGETS clusterscope_warnings clusterscope_sanitizers clusterscope_lib
    Threads::Threads OpenMP::OpenMP_CXX nlohmann_json::nlohmann_json Boost::headers pugixml::shared
    "^/.*" "^-.*")
OPTIONS
cmake -S . -B "$work" -G Ninja -DCLUSTERSCOPE_BUILD_TESTS=OFF -DCLUSTERSCOPE_BUILD_BENCH=OFF \
  --graphviz="$work/modules.dot" >/dev/null
dot -Tsvg "$work/modules.dot" -o docs/modules.svg
echo "wrote docs/modules.svg"
