#!/usr/bin/env bash
# Community detection: clusterscope vs python-igraph on seeded planted-partition CSV edge lists of
# 20,000 stakeholders / 200,000 ties (communities of 200, weights 1–5).
# Rows: one Leiden run (ours and python-igraph's community_leiden, modularity, n_iterations=-1)
# on bench/results/planted-200000.csv (bench_paths' file, mixing 0.2); 50 bare runs; the 50-run
# ensemble + consensus and its ratio to the bare runs; the defaults with 20 null networks; the
# candidate scoring after them; NMI
# against the planted truth per mixing 0.1 … 0.6 (single runs and consensus).
# Usage: bench/run_communities.sh [build-folder]   (run from the project folder, after building;
#   each row is its own process, so peak memory is that row's alone)
set -euo pipefail
build=${1:-build}
results=bench/results
mkdir -p "$results"
have_igraph=0
/usr/bin/python3 -c 'import igraph' 2>/dev/null && have_igraph=1
peer() {
  if [[ $have_igraph == 1 ]]; then
    /usr/bin/python3 bench/peer_communities.py "$@"
  else
    echo "python-igraph: not installed (apt-get install python3-igraph)"
  fi
}
printf '%-44s %8s %9s %9s %9s  %s\n' stage stakeholders ties seconds peak_MiB note
"$build/bench/bench_paths" 200000 "$results" --generate-only
file="$results/planted-200000.csv"
"$build/bench/bench_communities" "$file" --stage one
peer "$file" one
bare=$("$build/bench/bench_communities" "$file" --stage bare --runs 50)
echo "$bare"
bare_seconds=$(awk '{print $(NF-3)}' <<<"$bare")
"$build/bench/bench_communities" "$file" --stage ensemble --runs 50 --bare-seconds "$bare_seconds"
"$build/bench/bench_communities" "$file" --stage full --runs 50
"$build/bench/bench_communities" "$file" --stage candidates --runs 50
for mu in 0.1 0.2 0.3 0.4 0.5 0.6; do
  planted=$("$build/bench/bench_communities" --generate 200000 "$mu" "$results")
  "$build/bench/bench_communities" "$planted" --stage nmi --runs 50
  peer "$planted" nmi 5
done
