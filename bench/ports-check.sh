#!/usr/bin/env bash
# How fast `cloudscale ports check PORT -o json` names the holding container on a host with 50
# containers, against a named yardstick measured in the same run: `docker inspect` of every
# container (what an operator types to see bindings the list view hides). Needs a Docker engine
# and /bin/busybox (Debian busybox-static). Everything it creates carries a label and is removed.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-7}
label="io.cloudscale.bench=ports-check"
image="cloudscale-bench/busybox:latest"

cleanup() { docker ps -aq --filter "label=$label" | xargs -r docker rm -f >/dev/null; }
trap cleanup EXIT

stage=$(mktemp -d); mkdir -p "$stage/bin"; cp /bin/busybox "$stage/bin/"
tar -C "$stage" -c . | docker import - "$image" >/dev/null; rm -rf "$stage"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])')

for i in $(seq 1 49); do
  docker create --label "$label" --label com.docker.compose.project=bench --label "com.docker.compose.service=svc$i" \
    "$image" /bin/busybox true >/dev/null
done
docker run -d --name "bench-holder-$$" --label "$label" --label com.docker.compose.project=billing \
  --label com.docker.compose.service=api -p "$port:8081" "$image" /bin/busybox sleep 600 >/dev/null
echo "containers on this engine: $(docker ps -aq | wc -l); holder publishes $port" >&2

./cloudscale --version >/dev/null # build and AOT cache outside the timing

python3 - "$rounds" "$port" "bench-holder-$$" <<'PY'
import json, statistics, subprocess, sys, time
rounds, port, holder = int(sys.argv[1]), sys.argv[2], sys.argv[3]
def timed(command):
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    return time.perf_counter() - start, result
ids = subprocess.run(["docker", "ps", "-aq"], capture_output=True, text=True).stdout.split()
variants = {
    "cloudscale ports check (JVM start included)": ["./cloudscale", "ports", "check", port, "-o", "json"],
    "yardstick: docker inspect every container": ["docker", "inspect", *ids],
}
samples = {name: [] for name in variants}
named = None
for _ in range(rounds):
    for name, command in variants.items():
        elapsed, result = timed(command)
        samples[name].append(elapsed)
        if name.startswith("cloudscale"):
            holders = json.loads(result.stdout)["data"]["ports"][0]["holders"]
            named = [h.get("name") for h in holders if h["kind"] == "container"]
print(f"ports check on {len(ids)} containers, median of {rounds}")
for name, values in samples.items():
    print(f"  {name:46s} {statistics.median(values) * 1000:7.1f} ms  (min {min(values) * 1000:.1f}, max {max(values) * 1000:.1f})")
check = statistics.median(samples["cloudscale ports check (JVM start included)"])
yard = statistics.median(samples["yardstick: docker inspect every container"])
print(f"ratio cloudscale / docker inspect: {check / yard:.2f}")
print(f"holder named: {named} ({'OK' if named == [holder] else 'WRONG'}); under 1 s: {'yes' if check < 1 else 'NO'}")
PY
