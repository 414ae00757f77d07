#!/usr/bin/env bash
# Partner recommendations at programme scale, and their evaluation on real later ties
# (docs/recommend.md). Prints stage, size, seconds and peak memory, with the peer's figure beside
# ours, then the evaluation tables.
#   1. every stakeholder of the 20,000 / 200,000 planted network (bench_paths' planted-200000.csv)
#      as a query, top 10: the whole command with its default community ensemble, and with one
#      community run and no null networks (the recommendations themselves); peer: networkx's
#      adamic_adar_index on 2,000 of the same queries (it is too slow for all 20,000);
#   2. 1,000 organisations of all Horizon 2020 (docs/manifests/cordis-h2020-all, ~36,000
#      organisations, ~1.1 M projected ties) as queries;
#   3. the evaluation on the H2020 ties after a split (precision@10, recall@10, MAP, hits@10 for
#      clusterscope and the four baselines on the same 1,000 sampled queries, seed 42), at 2017 and
#      2018 with the default weights, then with weights fitted on the split before (fit at 2016,
#      evaluated at 2017; fit at 2017, evaluated at 2018).
# Usage: bench/run_recommend.sh [--no-peer] [build-folder]   (from the project folder, after building)
# Needs ../shared/datasets/cordis_h2020_all_participations_2020 for parts 2 and 3 (skipped without it).
set -euo pipefail
peer=yes
[ "${1:-}" = --no-peer ] && { peer=no; shift; }
build=${1:-build}
cs="$build/src/clusterscope"
results=bench/results
mkdir -p "$results"
row() {  # stage stakeholders ties queries time-file
  read -r wall kib < "$5"
  printf '  %-40s %8s %9s %7s %9.2f %9.1f\n' "$1" "$2" "$3" "$4" "$wall" "$(echo "$kib / 1024" | bc -l)"
}
printf '  %-40s %8s %9s %7s %9s %9s\n' stage stakeholders ties queries seconds peak_MiB

"$build/bench/bench_paths" 200000 "$results" --generate-only >/dev/null
file="$results/planted-200000.csv"
/usr/bin/python3 - "$file" "$results/planted-queries.txt" "$results/planted-queries-2000.txt" <<'PY'
import csv, sys
ids = []
seen = set()
with open(sys.argv[1], newline="") as f:
    r = csv.reader(f)
    next(r)
    for row in r:
        for v in row[:2]:
            if v not in seen:
                seen.add(v)
                ids.append(v)
ids.sort()
open(sys.argv[2], "w").write("\n".join(ids) + "\n")
open(sys.argv[3], "w").write("\n".join(ids[::10][:2000]) + "\n")
PY
n=$(wc -l < "$results/planted-queries.txt")
m=$(($(wc -l < "$file") - 1))
/usr/bin/time -f '%e %M' -o "$results/recommend.time" "$cs" recommend "$file" --for-file "$results/planted-queries.txt" \
  -o "$results/recommend-200000.csv" --force --quiet
row "recommend, defaults (50 runs)" "$n" "$m" "$n" "$results/recommend.time"
/usr/bin/time -f '%e %M' -o "$results/recommend.time" "$cs" recommend "$file" --for-file "$results/planted-queries.txt" \
  --runs 1 --null-models 0 -o "$results/recommend-200000-1run.csv" --force --quiet
row "recommend, 1 run, no nulls" "$n" "$m" "$n" "$results/recommend.time"
/usr/bin/time -f '%e %M' -o "$results/recommend.time" "$cs" recommend "$file" --for-file "$results/planted-queries-2000.txt" \
  --runs 1 --null-models 0 -o "$results/recommend-200000-2000.csv" --force --quiet
row "recommend, 1 run, no nulls" "$n" "$m" 2000 "$results/recommend.time"
if [ "$peer" = yes ]; then
  /usr/bin/python3 bench/peer_recommend.py "$file" "$results/planted-queries-2000.txt"
fi

h2020=docs/manifests/cordis-h2020-all/dataset.json
if [ ! -e ../shared/datasets/cordis_h2020_all_participations_2020/h2020.csv.gz ]; then
  echo "skipped: ../shared/datasets/cordis_h2020_all_participations_2020 is not there"
  exit 0
fi
zcat ../shared/datasets/cordis_h2020_all_participations_2020/h2020.csv.gz | tail -n +2 | cut -d, -f3 | sort -u |
  awk 'NR % 35 == 1' | head -1000 > "$results/h2020-queries.txt"
/usr/bin/time -f '%e %M' -o "$results/recommend.time" "$cs" recommend "$h2020" --for-file "$results/h2020-queries.txt" \
  --runs 1 --null-models 0 -o "$results/recommend-h2020.csv" --force --quiet 2>/dev/null
row "recommend H2020, 1 run, no nulls" 35871 "~1.1M" 1000 "$results/recommend.time"
echo
study() {  # label split extra-args...
  local label=$1 split=$2
  shift 2
  /usr/bin/time -f '%e %M' -o "$results/recommend.time" "$cs" recommend "$h2020" --evaluate-split "$split" \
    --sample 1000 --runs 1 --null-models 0 -o "$results/evaluation-$label.json" --force --quiet "$@" 2>/dev/null
  row "evaluate at $split ($label)" 35871 "~1.1M" 1000 "$results/recommend.time"
}
fit() {  # fit-split
  "$cs" recommend "$h2020" --fit-split "$1" --sample 1000 --runs 1 --null-models 0 \
    -o "$results/fitted-$1.json" --force --quiet 2>/dev/null
}
study default-2017 2017
study default-2018 2018
fit 2016
study fitted2016-2017 2017 --config "$results/fitted-2016.json"
fit 2017
study fitted2017-2018 2018 --config "$results/fitted-2017.json"
echo
/usr/bin/python3 - "$results" <<'PY'
import json, sys
folder = sys.argv[1]
runs = [("default weights", "default-2017"), ("default weights", "default-2018"),
        ("fitted at 2016", "fitted2016-2017"), ("fitted at 2017", "fitted2017-2018")]
print("| split | weights | queries | clusterscope P@10 | CN | AA | RA | PA | ours / best baseline | ours MAP | best baseline MAP |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for label, name in runs:
    d = json.load(open(f"{folder}/evaluation-{name}.json"))
    p = {m["method"]: m for m in d["methods"]}
    base = max((m for k, m in p.items() if k != "clusterscope"), key=lambda m: m["precision"])
    print(f"| {d['split']['date']} | {label} | {d['split']['evaluated']} of {d['split']['queries']} | "
          f"{p['clusterscope']['precision']:.4f} | {p['common-neighbours']['precision']:.4f} | "
          f"{p['adamic-adar']['precision']:.4f} | {p['resource-allocation']['precision']:.4f} | "
          f"{p['preferential-attachment']['precision']:.4f} | {d['precision_over_best_baseline']:.3f} | "
          f"{p['clusterscope']['map']:.4f} | {base['map']:.4f} |")
for stem in ("fitted-2016", "fitted-2017"):
    w = json.load(open(f"{folder}/{stem}.json"))["recommend"]["weights"]
    print(f"{stem}: " + ", ".join(f"{k} {v}" for k, v in w.items()))
d = json.load(open(f"{folder}/evaluation-default-2017.json"))
print("ablation at 2017, default weights (precision@10 without each part): " +
      ", ".join(f"{a['without']} {a['precision']:.4f}" for a in d["ablation"]))
PY
