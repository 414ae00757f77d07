#!/usr/bin/env bash
# The whole analyze on the 20,000 / 200,000 planted-partition network (bench_paths' seeded
# planted-200000.csv: 100 communities of 200, mixing 0.2, weights 1–5) with the defaults a user
# gets — exact measures, the 50-run ensemble with 20 null networks, candidates, figures, report.html
# and report.pdf — then the stage times and peak memory manifest.json recorded, and the peer's
# figure the issue names: python-igraph's betweenness alone on the same file (unweighted, its
# faster case; --no-peer skips it).
# Usage: bench/run_analyze.sh [--no-peer] [build-folder]   (from the project folder, after building)
set -euo pipefail
peer=yes
[ "${1:-}" = --no-peer ] && { peer=no; shift; }
build=${1:-build}
results=bench/results
mkdir -p "$results"
"$build/bench/bench_paths" 200000 "$results" --generate-only >/dev/null
file="$results/planted-200000.csv"
out="$results/analyze-200000"
/usr/bin/time -f '%e %M' -o "$results/analyze.time" \
  "$build/src/clusterscope" analyze "$file" -o "$out" --betweenness exact --quiet
read -r wall kib < "$results/analyze.time"
printf '%-34s %8s %9s %9s %9s\n' stage stakeholders ties seconds peak_MiB
/usr/bin/python3 - "$out/manifest.json" "$wall" "$kib" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
n, t = m["network"]["stakeholders"], m["network"]["ties"]
for s in m["run"]["stages"]:
    print(f"  {s['stage']:<32} {n:>8} {t:>9} {s['seconds']:>9.2f} {s['peak_mib']:>9.1f}")
print(f"{'analyze (ours, wall clock)':<34} {n:>8} {t:>9} {float(sys.argv[2]):>9.2f} {int(sys.argv[3]) / 1024:>9.1f}")
PY
if [ "$peer" = yes ]; then
  if /usr/bin/python3 -c 'import igraph' 2>/dev/null; then
    /usr/bin/python3 bench/peer_paths.py "$file" igraph betweenness --unweighted
  else
    echo "python-igraph: not installed (apt-get install python3-igraph)"
  fi
fi
