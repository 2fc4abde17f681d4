#!/usr/bin/env bash
# How fast a verdict comes, against the window the diagnosis is given, on the running offline stack.
#
#   bench/verdict-time.sh [RUNS] [--drills]
#
# 1. `cloudscale diagnose --window 10s` on the healthy stack, RUNS times (default 3): wall time of the whole
#    command (JVM start included) and the diagnosis's own duration, each against the yardstick measured in the
#    same run: the same 10 s window observed whole by `cloudscale probe gateway-throughput --window 10s` (what
#    every diagnosis cost before its probes settled early). Targets: wall <= window + 1 s.
# 2. With --drills, `cloudscale drill --all -o json` once: each fault's time to verdict and their median,
#    against the 5 s target and the 10 s window.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
drills=${2:-}
window=10
command -v jq >/dev/null || { echo "needs jq (apt-get install jq)" >&2; exit 3; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
./cloudscale status >/dev/null 2>&1 || { echo "the stack is not running and healthy: ./cloudscale up --profile offline" >&2; exit 3; }

now() { date +%s.%N; }
secs() { python3 -c "import re,sys; t=sys.argv[1]; m=re.fullmatch(r'PT(?:(\d+)M)?([\d.]+)S', t); print(round(int(m.group(1) or 0)*60+float(m.group(2)),2) if m else t)" "$1"; }

for run in $(seq 1 "$runs"); do
  start=$(now)
  ./cloudscale probe gateway-throughput --window "${window}s" >/dev/null 2>&1 || true
  yard=$(python3 -c "print(round($(now) - $start, 2))")
  start=$(now)
  rc=0
  ./cloudscale -o json diagnose --window "${window}s" >"$out/d.json" 2>/dev/null || rc=$?
  wall=$(python3 -c "print(round($(now) - $start, 2))")
  took=$(secs "$(jq -r '.data.duration' "$out/d.json")")
  verdict=$(jq -r '.data.verdict.cause' "$out/d.json")
  printf 'run %d: diagnose wall %5.2f s (diagnosis %5.2f s, verdict %s, exit %d)   yardstick: one %d s window observed whole, wall %5.2f s   ratio %.2f; wall - window %+.2f s (target <= +1 s)\n' \
    "$run" "$wall" "$took" "$verdict" "$rc" "$window" "$yard" "$(python3 -c "print($wall / $yard)")" "$(python3 -c "print($wall - $window)")"
done

if [ "$drills" = "--drills" ]; then
  rc=0
  ./cloudscale drill --all --profile offline -o json >"$out/drills.json" 2>"$out/drills.err" || rc=$?
  jq -r '.data.results[] | "  \(.fault): \(.timeToVerdict) -> \(.diagnosed) (\(if .match then "match" else "MISMATCH" end))"' "$out/drills.json"
  median=$(secs "$(jq -r '.data.medianTimeToVerdict' "$out/drills.json")")
  printf 'drills: median time to verdict %s s against the %d s window (ratio %.2f; target <= 5 s), %s of %s matched, exit %d\n' "$median" "$window" \
    "$(python3 -c "print($median / $window)")" "$(jq '[.data.results[] | select(.match)] | length' "$out/drills.json")" "$(jq '.data.results | length' "$out/drills.json")" "$rc"
fi
