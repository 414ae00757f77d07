#!/usr/bin/env bash
# Load speed and peak memory: clusterscope vs python-igraph's Graph.TupleList on the same
# seeded planted-partition CSV edge lists (200,000 and 1,000,000 ties).
# Usage: bench/run_load.sh [build-folder]   (run from the project folder, after building)
set -euo pipefail
build=${1:-build}
results=bench/results
mkdir -p "$results"
printf '%-28s %10s %10s %9s %10s\n' stage stakeholders ties seconds peak_MiB
for ties in 200000 1000000; do
  "$build/bench/bench_load" "$ties" "$results" --generate-only
  "$build/bench/bench_load" "$ties" "$results"
  if /usr/bin/python3 -c 'import igraph' 2>/dev/null; then
    /usr/bin/python3 bench/peer_load.py "$results/planted-$ties.csv"
  else
    echo "python-igraph not installed (apt-get install python3-igraph): no peer figure"
  fi
done
