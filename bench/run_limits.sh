#!/usr/bin/env bash
# The resource cases of the safety work: loading wide tables (time linear in columns), a huge
# declared Pajek size, a gzip bomb, one very large activity, and memory against --threads. Each
# row: stage, size, seconds, peak memory (/usr/bin/time), exit status; the peer (python's csv
# module building a networkx graph with every column as an attribute) beside the wide loads.
# Usage: bench/run_limits.sh [build-folder]   (run from the project folder, after building)
set -euo pipefail
build=${1:-build}
binary="$build/src/clusterscope"
results=bench/results/limits
mkdir -p "$results"

# Generated inputs, the same bytes on every machine.
/usr/bin/python3 - "$results" <<'PY'
import sys, os
out = sys.argv[1]
def wide_edges(columns, path):
    with open(path, "w") as f:
        f.write("source,target," + ",".join(f"c{i}" for i in range(columns)) + "\n")
        f.write("a,b," + ",".join("1" for _ in range(columns)) + "\n")
wide_edges(100_000, os.path.join(out, "wide-1e5.csv"))
wide_edges(1_000_000, os.path.join(out, "wide-1e6.csv"))
with open(os.path.join(out, "table.csv"), "w") as f:
    f.write("source,target\n" + "".join(f"s{i},s{i+1}\n" for i in range(2999)))
with open(os.path.join(out, "table.nodes.csv"), "w") as f:
    f.write("id," + ",".join(f"a{j}" for j in range(1000)) + "\n")
    for i in range(3000):
        f.write(f"s{i}," + ",".join(str((i * 7 + j) % 97) for j in range(1000)) + "\n")
with open(os.path.join(out, "declared.net"), "w") as f:
    f.write("*Vertices 1000000\n*Edges\n1 2\n")
os.makedirs(os.path.join(out, "activity"), exist_ok=True)
with open(os.path.join(out, "activity", "activities.csv"), "w") as f:
    f.write("stakeholder,activity\n" + "".join(f"p{i},big\n" for i in range(20_000)))
with open(os.path.join(out, "activity", "dataset.json"), "w") as f:
    f.write('{"name": "one-activity", "activities": [{"file": "activities.csv"}]}\n')
PY
head -c 4000000000 /dev/zero | gzip -9 > "$results/zeros.csv.gz"
if [[ ! -f "$results/planted.csv" ]]; then
  /usr/bin/python3 - "$results/planted.csv" <<'PY'
import random, sys
random.seed(7)
n, m = 5000, 50000
edges = set()
while len(edges) < m:
    a, b = random.randrange(n), random.randrange(n)
    if a != b: edges.add((min(a, b), max(a, b)))
with open(sys.argv[1], "w") as f:
    f.write("source,target\n" + "".join(f"n{a},n{b}\n" for a, b in sorted(edges)))
PY
fi

printf '%-34s %-22s %9s %10s %6s\n' stage size seconds peak_MiB exit
row() {  # stage size command...
  local stage=$1 size=$2
  shift 2
  local t
  t=$( { /usr/bin/time -f '%e %M' "$@" > /dev/null 2> "$results/err"; echo "exit $?" >> "$results/err"; } 2>&1 || true)
  local status seconds kib
  status=$(awk '/^exit /{print $2}' "$results/err")
  read -r seconds kib < <(grep -E '^[0-9.]+ [0-9]+$' "$results/err" | tail -1)
  printf '%-34s %-22s %9s %10.1f %6s\n' "$stage" "$size" "$seconds" "$(awk -v k="$kib" 'BEGIN { print k / 1024 }')" "$status"
}
peer() {  # stage size file [nodes]
  local stage=$1 size=$2
  shift 2
  row "$stage" "$size" /usr/bin/python3 -c '
import csv, sys, networkx as nx
g = nx.MultiGraph()
with open(sys.argv[1], newline="") as f:
    for r in csv.DictReader(f):
        s, t = r.pop("source"), r.pop("target")
        g.add_edge(s, t, **r)
if len(sys.argv) > 2:
    with open(sys.argv[2], newline="") as f:
        for r in csv.DictReader(f):
            g.add_node(r.pop("id"), **r)
' "$@"
}

row "validate wide edge list" "1 tie, 10^5 columns" "$binary" validate "$results/wide-1e5.csv"
peer "  peer: csv + networkx" "1 tie, 10^5 columns" "$results/wide-1e5.csv"
row "validate wide edge list" "1 tie, 10^6 columns" "$binary" validate "$results/wide-1e6.csv"
peer "  peer: csv + networkx" "1 tie, 10^6 columns" "$results/wide-1e6.csv"
row "validate wide node table" "3,000 rows x 1,000 cols" "$binary" validate "$results/table.csv" --nodes "$results/table.nodes.csv"
peer "  peer: csv + networkx" "3,000 rows x 1,000 cols" "$results/table.csv" "$results/table.nodes.csv"
row "validate Pajek *Vertices 10^6" "29 bytes" "$binary" validate "$results/declared.net"
row "validate gzip of zeros" "$(stat -c %s "$results/zeros.csv.gz") bytes" "$binary" validate "$results/zeros.csv.gz"
row "validate one activity" "20,000 participants" "$binary" validate "$results/activity"
for threads in 1 2 1024; do
  row "metrics --threads $threads" "5,000 / 50,000" "$binary" metrics "$results/planted.csv" --threads "$threads" -o "$results/m-$threads.csv" --force
done
cmp -s "$results/m-1.csv" "$results/m-1024.csv" && echo "metrics: the same bytes at 1 and 1024 threads"
