#!/usr/bin/env bash
# Same bytes before and after a change that should not change what analyze writes: builds BASE (a
# git revision) in a temporary worktree, runs `analyze` on the bundled example with BASE's binary
# and with this checkout's, and compares every file of the two folders. manifest.json is compared
# without its "run" member (date, timings, memory), which differs between any two runs.
# Usage: tests/scripts/same_output.sh BASE [build-folder] [-- extra analyze options]
# (from the project folder, after building; exits 1 when a file differs, listing it).
set -euo pipefail
cd "$(dirname "$0")/../.."
base=${1:?usage: tests/scripts/same_output.sh BASE [build-folder] [-- analyze options]}
shift
build=build
if [[ $# -gt 0 && $1 != -- ]]; then
  build=$1
  shift
fi
[[ ${1:-} == -- ]] && shift
extra=("$@")

work=$(mktemp -d "${TMPDIR:-/tmp}/clusterscope-same.XXXXXX")
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --detach "$work/base" "$base" >/dev/null
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$work/base" -B "$work/base/build" -G Ninja -DCLUSTERSCOPE_BUILD_TESTS=OFF -DCLUSTERSCOPE_BUILD_BENCH=OFF \
  "${launcher[@]}" >/dev/null
cmake --build "$work/base/build" --target clusterscope >/dev/null

# Both runs write to the same -o path (manifest.json records it), then are moved aside.
"$work/base/build/src/clusterscope" analyze datasets/vistula-bend -o "$work/out" --quiet "${extra[@]}"
mv "$work/out" "$work/before"
"$build/src/clusterscope" analyze datasets/vistula-bend -o "$work/out" --quiet "${extra[@]}"
mv "$work/out" "$work/after"

strip_run() { /usr/bin/python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); m.pop("run",None); print(json.dumps(m,indent=1))' "$1"; }
status=0
same=0
while IFS= read -r file; do
  if [[ ! -f "$work/after/$file" ]]; then
    echo "missing after: $file"
    status=1
  elif [[ $file == manifest.json ]]; then
    if diff <(strip_run "$work/before/$file") <(strip_run "$work/after/$file") >"$work/manifest.diff"; then
      same=$((same + 1))
    else
      echo "differs: manifest.json (beyond \"run\"):"
      head -40 "$work/manifest.diff"
      status=1
    fi
  elif cmp -s "$work/before/$file" "$work/after/$file"; then
    same=$((same + 1))
  else
    echo "differs: $file"
    status=1
  fi
done < <(cd "$work/before" && find . -type f | sed 's|^\./||' | sort)
while IFS= read -r file; do
  [[ -f "$work/before/$file" ]] || { echo "new after: $file"; status=1; }
done < <(cd "$work/after" && find . -type f | sed 's|^\./||' | sort)
echo "$same files identical to $base's output"
exit $status
