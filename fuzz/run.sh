#!/usr/bin/env bash
# Runs the libFuzzer targets one after the other (docs/fuzzing.md).
#   fuzz/run.sh SECONDS [TARGET...]     default: every target; SECONDS per target
# First every saved reproducer in fuzz/regressions/<target>/ must pass, then each target fuzzes
# for SECONDS on a fresh copy of its corpus: new inputs go to a work folder, the checked-in
# fuzz/corpus/<target>/ is only read. Exits 1 when any target reports a finding; the input that
# caused it is kept in $BUILD/fuzz-artifacts/.
# Environment: BUILD (build folder, default build-fuzz), FUZZ_WORK (folder for the grown corpora,
# kept when given; default a temporary folder removed at the end), FUZZ_ARGS (extra libFuzzer
# options).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $# -lt 1 || ! "$1" =~ ^[0-9]+$ ]]; then
  echo "usage: fuzz/run.sh SECONDS [TARGET...]  (targets: csv graphml gexf gml pajek json manifest roundtrip)" >&2
  exit 2
fi
seconds=$1
shift
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=(csv graphml gexf gml pajek json manifest roundtrip)

build=${BUILD:-build-fuzz}
artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"
if [[ -n "${FUZZ_WORK:-}" ]]; then
  work=$FUZZ_WORK
  mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/clusterscope-fuzz.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi

# Dictionaries of each format's keywords.
declare -A dict=([graphml]=xml [gexf]=xml [gml]=gml [pajek]=pajek [json]=json [manifest]=json [csv]=csv
                 [roundtrip]=roundtrip)
# Known issues (huge declared sizes, gzip bombs) are bounded by the RSS limit and the timeout.
common=(-max_len=8192 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1)

failed=()
for target in "${targets[@]}"; do
  binary="$build/fuzz/fuzz_$target"
  if [[ ! -x "$binary" ]]; then
    echo "fuzz/run.sh: $binary not built (cmake --build $build)" >&2
    exit 2
  fi
  options=("${common[@]}" "-artifact_prefix=$artifacts/$target-")
  [[ -f "fuzz/dict/${dict[$target]}.dict" ]] && options+=("-dict=fuzz/dict/${dict[$target]}.dict")

  regressions=(fuzz/regressions/"$target"/*)
  if [[ -e "${regressions[0]}" ]]; then
    echo "== $target: ${#regressions[@]} saved reproducers"
    if ! "$binary" "${options[@]}" "${regressions[@]}" > "$work/$target-regressions.log" 2>&1; then
      tail -n 40 "$work/$target-regressions.log"
      failed+=("$target (reproducers)")
      continue
    fi
  fi

  echo "== $target: fuzzing for ${seconds} s"
  mkdir -p "$work/$target"
  log="$work/$target.log"
  # A fuzzer child's ASan/UBSan report must stop it (halt_on_error) and show a stack.
  if ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
      "$binary" "${options[@]}" -max_total_time="$seconds" ${FUZZ_ARGS:-} \
      "$work/$target" "fuzz/corpus/$target" > "$log" 2>&1; then
    grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" || true
    echo "   corpus: $(find "$work/$target" -type f | wc -l) new inputs, $(find "fuzz/corpus/$target" -type f | wc -l) seeds"
  else
    tail -n 60 "$log"
    failed+=("$target")
  fi
done

if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzz/run.sh: findings in: ${failed[*]} (inputs in $artifacts/)" >&2
  exit 1
fi
echo "fuzz/run.sh: no findings"
