#!/usr/bin/env bash
# Path centralities (betweenness, closeness, harmonic): clusterscope vs python-igraph and
# graph-tool on the same seeded planted-partition CSV edge lists (strength weights 1–5), both
# weighted (path length = 1/weight) and unweighted (every tie length 1): 5,000/50,000,
# 20,000/200,000 and 100,000/1,000,000 stakeholders/ties.
# Usage: bench/run_paths.sh [build-folder] [--peers-large] [--ours-only | --peers-only]
#   (run from the project folder, after building; each row is its own process, so peak memory is
#   that row's alone). At 100k/1M ours runs in automatic mode (sampled there, see
#   PathOptions::exact_limit); the peers' exact runs at that size take hours and are skipped
#   unless --peers-large is given.
set -euo pipefail
build=build
large_peers=0
ours=1
peers=1
for arg in "$@"; do
  case "$arg" in
    --peers-large) large_peers=1 ;;
    --ours-only) peers=0 ;;
    --peers-only) ours=0 ;;
    *) build=$arg ;;
  esac
done
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
  if [[ $ours == 1 ]]; then
    for stage in all betweenness closeness; do
      "$build/bench/bench_paths" "$ties" "$results" --stage "$stage" --threads "$threads"
    done
    for stage in betweenness closeness; do
      "$build/bench/bench_paths" "$ties" "$results" --stage "$stage" --threads "$threads" --unweighted
    done
  fi
  [[ $peers == 1 ]] || continue
  if [[ $ties -ge 1000000 && $large_peers == 0 ]]; then
    echo "  (peers skipped at this size: exact runs take hours; pass --peers-large to run them)"
    continue
  fi
  for weights in "" --unweighted; do
    for stage in betweenness closeness; do
      if [[ $have_igraph == 1 ]]; then
        /usr/bin/python3 bench/peer_paths.py "$file" igraph "$stage" $weights
      else
        echo "$stage (python-igraph): not installed (apt-get install python3-igraph)"
      fi
      if [[ $have_gt == 1 ]]; then
        /usr/bin/python3 bench/peer_paths.py "$file" graph-tool "$stage" "$threads" $weights
      else
        echo "$stage (graph-tool): not installed (apt-get install python3-graph-tool)"
      fi
    done
  done
done
