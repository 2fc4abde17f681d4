#!/usr/bin/env bash
# cloudscale load's top rate, against wrk (Debian package) as the yardstick, on the same loopback endpoint in
# the same run; then the offline stack's knee on this machine.
#
#   bench/load-vs-wrk.sh [SECONDS] [CONNECTIONS] [ROUNDS]
#
# Needs a running stack (offline profile): the endpoint is the gateway's own /health (nginx answers it
# without an upstream, so the load generators, not the platform, are what is measured). Both tools POST the
# same event over the same number of keep-alive connections, one request in flight on each; rounds
# alternate wrk and cloudscale so drift on a noisy machine hits both. cloudscale runs open-model at a rate
# far above what the machine can do, so each connection sends as soon as its answer is in, as wrk does.
# Prints each round with its ratio, the median of each tool, the median of the rounds' ratios (the verdict)
# and the ratio of the medians; then the knee.
set -euo pipefail
seconds=${1:-10}
connections=${2:-32}
rounds=${3:-3}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
port=${GATEWAY_PORT:-8080}
endpoint=http://127.0.0.1:$port/health
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 3; }
curl -fsS -o /dev/null "$endpoint" || { echo "no gateway at $endpoint: start the stack first (./cloudscale up --profile offline)" >&2; exit 3; }

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

run_wrk() {
  wrk -t2 -c"$connections" -d"${seconds}s" -s "$here/post-event.lua" "$endpoint" \
    | awk '/Requests\/sec/ {print $2}' >>"$work/wrk"
}
run_cloudscale() {
  "$root/cloudscale" -o json load --rps 1000000 --duration "${seconds}s" --connections "$connections" --url "$endpoint" \
      >"$work/load.json" 2>"$work/load.err" || true
  python3 - "$work/load.json" >>"$work/cloudscale" <<'PY'
import json, sys
stage = json.load(open(sys.argv[1]))["data"]["stages"][0]
print(round(stage["counts"]["2xx"] / stage["seconds"], 1))
PY
}

# Rounds go wrk-cloudscale, then cloudscale-wrk (ABBA), so neither tool always runs first after the other's
# load; a round's two runs are seconds apart and share the machine's state of that moment, so the ratio of
# each round (paired) is what drift on a noisy machine disturbs least, and its median is the verdict.
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then run_wrk; run_cloudscale; else run_cloudscale; run_wrk; fi
  w=$(tail -1 "$work/wrk"); c=$(tail -1 "$work/cloudscale")
  python3 -c "print('%.4f' % ($c / $w))" >>"$work/ratio"
  printf 'round %d: wrk %10.1f req/s   cloudscale load %10.1f req/s   ratio %.3f\n' "$round" "$w" "$c" "$(tail -1 "$work/ratio")"
done
wrk_rate=$(median <"$work/wrk")
load_rate=$(median <"$work/cloudscale")
paired=$(median <"$work/ratio")
printf 'yardstick  wrk -t2 -c%d, POST %s        %10.1f req/s (median of %d)\n' "$connections" "$endpoint" "$wrk_rate" "$rounds"
printf 'generator  cloudscale load, %d connections  %10.1f req/s (median of %d, 2xx answers per second)\n' "$connections" "$load_rate" "$rounds"
python3 -c "print('ratio of the medians  cloudscale / wrk = %.3f' % ($load_rate / $wrk_rate))"
sort -n "$work/ratio" | awk -v m="$paired" '{v[NR]=$1} END {printf "ratio      cloudscale / wrk = %.3f (median of %d paired rounds; quartiles %.3f to %.3f; target 0.9: %s)\n", m, NR, v[int((NR+3)/4)], v[int((3*NR+3)/4)], (m >= 0.9 ? "met" : "not met")}'

# the knee: a ramp through the stack's own ingestion endpoint, read by the load-shedding diagnosis
"$root/cloudscale" load --ramp 200:1400:300 --duration 6s --connections 256 --save "$work/ramp.json" >"$work/ramp.txt" 2>&1 || true
"$root/cloudscale" -o json diagnose load-shedding --from "$work/ramp.json" >"$work/verdict.json" || true
python3 - "$work/verdict.json" <<'PY'
import json, sys
verdict = json.load(open(sys.argv[1]))["data"]["verdict"]
knee = verdict.get("knee")
print("knee       %s (p99 %.1f ms, %.2f%% 2xx); verdict %s" % (
    "%.0f req/s" % knee["rate"] if knee else "none sustained", knee["p99Millis"] if knee else 0,
    knee["successRatio"] * 100 if knee else 0, verdict["kind"]))
PY
