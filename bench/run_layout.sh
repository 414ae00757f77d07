#!/usr/bin/env bash
# Layouts: clusterscope's ForceAtlas2 (Barnes–Hut, all cores and one core) and igraph's DrL
# through clusterscope, against python-igraph's DrL and graph-tool's sfdp, on the seeded
# planted-partition file of 20,000 stakeholders / 200,000 ties (bench_paths' planted-200000.csv,
# communities of 200, mixing 0.2, weights 1–5). Each row: seconds for the layout call alone, peak
# MiB of its process, and the intra/inter edge-length ratio against the planted truth.
# With --render (the default for fa2, LinLog and grouped) the network figure is also drawn to PNG and
# PDF, and the last row of each gives layout + scene + both files: the figure end to end.
# Usage: bench/run_layout.sh [--ours-only|--peers-only] [build-folder]   (from the project folder, after building)
set -euo pipefail
mode=all
case "${1:-}" in --ours-only) mode=ours; shift ;; --peers-only) mode=peers; shift ;; esac
build=${1:-build}
results=bench/results
mkdir -p "$results"
printf '%-32s %8s %9s %9s %9s  %s\n' stage stakeholders ties seconds peak_MiB note
"$build/bench/bench_paths" 200000 "$results" --generate-only >/dev/null
file="$results/planted-200000.csv"
if [ "$mode" != peers ]; then
"$build/bench/bench_layout" "$file" --algorithm fa2 --render "$results/figures"
"$build/bench/bench_layout" "$file" --algorithm fa2 --threads 1
"$build/bench/bench_layout" "$file" --algorithm fa2 --linlog --render "$results/figures"
"$build/bench/bench_layout" "$file" --algorithm grouped --render "$results/figures"
"$build/bench/bench_layout" "$file" --algorithm drl
fi
[ "$mode" = ours ] && exit 0
if /usr/bin/python3 -c 'import igraph' 2>/dev/null; then
  /usr/bin/python3 bench/peer_layout.py "$file" drl
else
  echo "python-igraph: not installed (apt-get install python3-igraph)"
fi
if /usr/bin/python3 -c 'import graph_tool' 2>/dev/null; then
  /usr/bin/python3 bench/peer_layout.py "$file" sfdp
else
  echo "graph-tool: not installed (apt-get install python3-graph-tool)"
fi
