#!/usr/bin/env bash
# Drill accuracy on a machine whose cores are busy: `cloudscale drill --all` run ROUNDS times with a CPU hog on
# every core (Debian's stress-ng, started and stopped by this script's own pid), each round's accuracy printed
# against the same drills on the quiet machine as the yardstick (first, unless --no-baseline).
#
#   bench/drills-under-load.sh [ROUNDS] [--no-baseline]
#
# Offline profile; the stack is brought up by the first drill when it is not. Each round takes ~30 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}
baseline=yes
[ "${2:-}" = "--no-baseline" ] && baseline=no
command -v stress-ng >/dev/null || { echo "needs stress-ng (apt-get install stress-ng)" >&2; exit 3; }
command -v jq >/dev/null || { echo "needs jq (apt-get install jq)" >&2; exit 3; }
out=$(mktemp -d)
hog=""
stop_hog() { if [ -n "$hog" ] && kill -0 "$hog" 2>/dev/null; then kill "$hog"; wait "$hog" 2>/dev/null || true; fi; hog=""; }
trap stop_hog EXIT

run_drills() { # $1: label
  local file="$out/$1.json" rc=0
  ./cloudscale drill --all --profile offline -o json >"$file" 2>"$out/$1.err" || rc=$?
  jq -r --arg name "$1" --arg rc "$rc" '.data as $d
      | ($d.results | length) as $n | ([$d.results[] | select(.match)] | length) as $m
      | "\($name): \($m) of \($n) diagnosed as expected (\(100 * $m / ([$n,1] | max) | floor)%), median time to verdict \($d.medianTimeToVerdict), exit \($rc)"
        + ([$d.results[] | select(.match | not) | "\n    \(.fault): expected \(.expected), diagnosed \(.diagnosed)"] | join(""))' "$file"
}

[ "$baseline" = yes ] && run_drills "quiet machine"
for round in $(seq 1 "$rounds"); do
  stress-ng --cpu "$(nproc)" --cpu-method matrixprod --quiet --timeout 2h &
  hog=$!
  run_drills "loaded round $round ($(nproc) cores hogged by stress-ng pid $hog)"
  stop_hog
done
echo "documents in $out"
