#!/usr/bin/env bash
# Path centralities (betweenness, closeness, harmonic): clusterscope vs python-igraph and
# graph-tool on the same seeded planted-partition CSV edge lists (strength weights 1–5, path length
# = 1/weight): 5,000/50,000, 20,000/200,000 and 100,000/1,000,000 stakeholders/ties.
# Usage: bench/run_paths.sh [build-folder] [--peers-large]
#   (run from the project folder, after building; each row is its own process, so peak memory is
#   that row's alone). At 100k/1M ours runs in automatic mode (sampled there, see
#   PathOptions::exact_limit); the peers' exact runs at that size take hours and are skipped
#   unless --peers-large is given.
set -euo pipefail
build=${1:-build}
large_peers=${2:-}
results=bench/results
mkdir -p "$results"
threads=$(nproc)
printf '%-26s %8s %9s %-16s %-8s %3s %9s %9s\n' stage stakeholders ties mode kernel thr seconds peak_MiB
have_igraph=0
have_gt=0
/usr/bin/python3 -c 'import igraph' 2>/dev/null && have_igraph=1
/usr/bin/python3 -c 'import graph_tool' 2>/dev/null && have_gt=1
for ties in 50000 200000 1000000; do
  "$build/bench/bench_paths" "$ties" "$results" --generate-only
  file="$results/planted-$ties.csv"
  for stage in all betweenness closeness; do
    "$build/bench/bench_paths" "$ties" "$results" --stage "$stage" --threads "$threads"
  done
  if [[ $ties -ge 1000000 && "$large_peers" != "--peers-large" ]]; then
    echo "  (peers skipped at this size: exact runs take hours; pass --peers-large to run them)"
    continue
  fi
  for stage in betweenness closeness; do
    if [[ $have_igraph == 1 ]]; then
      /usr/bin/python3 bench/peer_paths.py "$file" igraph "$stage"
    else
      echo "$stage (python-igraph): not installed (apt-get install python3-igraph)"
    fi
    if [[ $have_gt == 1 ]]; then
      /usr/bin/python3 bench/peer_paths.py "$file" graph-tool "$stage" "$threads"
    else
      echo "$stage (graph-tool): not installed (apt-get install python3-graph-tool)"
    fi
  done
done
