#!/usr/bin/env bash
# Events per second the running stack sustains, with wrk (Debian package) as the load generator.
#
#   bench/stack-throughput.sh [SECONDS] [CONNECTIONS]
#
# Needs a running stack (offline profile) with its gateway on GATEWAY_PORT (8080).
# Prints, from one run:
#   yardstick  wrk against the gateway's own /health (nginx alone, no upstream)
#   ingest     POST /api/events: requests/s and how many got 202 (each confirmed by the broker)
#   stored     events/s the processor wrote to the store until the queue drained
set -euo pipefail
seconds=${1:-30}
connections=${2:-32}
gateway=http://127.0.0.1:${GATEWAY_PORT:-8080}
here=$(cd "$(dirname "$0")" && pwd)
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 3; }
curl -fsS -o /dev/null "$gateway/health" || { echo "no gateway at $gateway: start the stack first" >&2; exit 3; }

rate() { awk '/Requests\/sec/ {print $2}'; }
# a service's own Prometheus counter, read inside its container (the services publish no host port)
metric() { docker exec "$(docker ps -qf label=com.docker.compose.service="$1" | head -1)" \
    curl -fsS localhost:8080/metrics | awk -v name="$2" '$1 == name {print int($2)}'; }
accepted_total() { metric ingestion-api 'ingest_requests_total{status="202"}'; }
stored_total() { metric event-processor 'processor_events_total{outcome="stored"}'; }

yardstick=$(wrk -t2 -c"$connections" -d10s "$gateway/health" | rate)

accepted_before=$(accepted_total); accepted_before=${accepted_before:-0}
stored_before=$(stored_total); stored_before=${stored_before:-0}
start=$(date +%s.%N)
ingest=$(wrk -t2 -c"$connections" -d"${seconds}s" -s "$here/post-event.lua" "$gateway/api/events" | rate)
accepted=$(( $(accepted_total) - accepted_before ))

# the processor drains what was accepted (its own count of successful upserts)
target=$(( stored_before + accepted ))
for _ in $(seq 1 1200); do
  stored=$(stored_total)
  [ "${stored:-0}" -ge "$target" ] && break
  sleep 0.5
done
end=$(date +%s.%N)
stored_rate=$(python3 -c "print(round(($stored - $stored_before) / ($end - $start), 1))")

printf 'yardstick  nginx /health (no upstream)     %10.1f req/s\n' "$yardstick"
printf 'ingest     POST /api/events, %2d conns     %10.1f req/s, %d accepted (202) in %ss\n' "$connections" "$ingest" "$accepted" "$seconds"
printf 'stored     end to end, until drained      %10.1f events/s (%d of %d stored)\n' "$stored_rate" "$(( stored - stored_before ))" "$accepted"
python3 -c "print('ratio      ingest / yardstick = %.3f, stored / yardstick = %.3f' % ($ingest / $yardstick, $stored_rate / $yardstick))"
