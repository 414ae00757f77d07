#!/usr/bin/env bash
# compare of two periods of the 20,000 / 200,000 planted-partition network (bench_paths' seeded
# planted-200000.csv) against one analyze of the whole file, with the defaults a user gets. The
# ties are dated deterministically by their row: 60 % span 2018–2019 (kept in both periods), 20 %
# are dated 2018 only (lost in 2019), 20 % 2019 only (new), so each period holds 80 % of the
# ties — a comparison of two nearly full-size analyses. Prints each run's stages, wall time and
# peak memory, and the ratio compare / analyze (the target: at most 2.2). No peer has a
# comparison of periods (networkx and igraph have no temporal networks), so no peer column.
# Usage: bench/run_compare.sh [build-folder]   (from the project folder, after building)
set -euo pipefail
build=${1:-build}
results=bench/results
mkdir -p "$results"
"$build/bench/bench_paths" 200000 "$results" --generate-only >/dev/null
dated="$results/planted-200000-dated.csv"
awk -F, 'NR == 1 { print $0 ",start,end"; next }
         { r = (NR * 2654435761) % 10; if (r < 6) print $0 ",2018,2019"; else if (r < 8) print $0 ",2018,2018"; else print $0 ",2019,2019" }' \
  "$results/planted-200000.csv" > "$dated"
timed() {  # label output-file command...
  local label=$1 time_file=$2
  shift 2
  /usr/bin/time -f '%e %M' -o "$time_file" "$@" --quiet
}
timed analyze "$results/analyze-dated.time" "$build/src/clusterscope" analyze "$dated" \
  -o "$results/analyze-200000-dated" --force
timed compare "$results/compare.time" "$build/src/clusterscope" compare "$dated" --period 2018 --period 2019 \
  -o "$results/compare-200000" --force
/usr/bin/python3 - "$results" <<'PY'
import json, sys
folder = sys.argv[1]
print(f"{'run / stage':<36} {'seconds':>9} {'peak_MiB':>9}")
walls = {}
for name, out in (("analyze", "analyze-200000-dated"), ("compare", "compare-200000")):
    m = json.load(open(f"{folder}/{out}/manifest.json"))
    for s in m["run"]["stages"]:
        print(f"  {name} {s['stage']:<26} {s['seconds']:>9.2f} {s['peak_mib']:>9.1f}")
    wall, kib = open(f"{folder}/{'analyze-dated' if name == 'analyze' else 'compare'}.time").read().split()
    walls[name] = float(wall)
    print(f"{name + ' (wall clock)':<36} {float(wall):>9.2f} {int(kib) / 1024:>9.1f}")
c = json.load(open(f"{folder}/compare-200000/changes.json"))
print("periods:", ", ".join(f"{p['label']} {p['stakeholders']} stakeholders {p['ties']} ties" for p in c["periods"]))
print(f"compare / analyze: {walls['compare'] / walls['analyze']:.2f} (target at most 2.2)")
print("peer: none (no peer compares periods of a network)")
PY
