#!/usr/bin/env bash
# logs scan benchmark: `cloudscale logs scan --file FILE -o json` with a 64 MB heap against
# `grep -E -i` with every signature's pattern over the same file, in the same run.
#
# Generates (once, kept in $BENCH_DIR) a log of SIZE_MB megabytes in the formats the platform's
# services really print: mostly ordinary lines (application INFO lines, nginx JSON access lines
# answering 202/200, Node request lines), MATCH_PERCENT percent failure lines (Resilience4j and Polly
# open circuits, PKIX, Netty/JDK and Node connection refused, 503/429 access lines, OutOfMemoryError).
# Runs each side ROUNDS times interleaved and prints the medians, their ratio (target: <= 5) and the
# peak RSS of each (/usr/bin/time -v). grep's output goes to a file: on /dev/null GNU grep stops at
# the first match.
# Usage: bench/logs-scan.sh [SIZE_MB] [ROUNDS]   (default 200 3). Needs python3 and /usr/bin/time.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
size_mb=${1:-200}
rounds=${2:-3}
match_percent=${MATCH_PERCENT:-3}
dir=${BENCH_DIR:-/tmp/cloudscale-bench-logs}
mkdir -p "$dir"
log="$dir/platform-${size_mb}mb-${match_percent}pct.log"

if [ ! -s "$log" ]; then
  echo "generating $log ..." >&2
  python3 - "$log" "$size_mb" "$match_percent" <<'EOF'
import random, sys, uuid
path, size_mb, percent = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
rnd = random.Random(21)

def ts(i):
    return f"2026-11-26T{6 + i // 3_600_000 % 18:02d}:{i // 60_000 % 60:02d}:{i // 1000 % 60:02d}.{i % 1000:03d}Z"

def local_ts(i):
    return ts(i).replace("T", " ").rstrip("Z")

def access(i, status, path="/events", method="POST"):
    return ('{"time_iso8601":"%s+00:00","remote_addr":"172.18.0.%d","request":"%s %s HTTP/1.1","status": %d,'
            '"body_bytes_sent":%d,"request_time":%.3f,"upstream_addr":"172.18.0.5:8080","http_user_agent":"wrk/4.2.0"}'
            % (ts(i)[:19], rnd.randint(2, 250), method, path, status, rnd.randint(0, 400), rnd.random() / 10))

ordinary = [
    lambda i: f"{ts(i)} INFO  [event-processor] c.c.p.EventProcessor - stored event {uuid.UUID(int=rnd.getrandbits(128))} partition={rnd.randint(0, 31)} ru={rnd.random() * 10:.2f}",
    lambda i: access(i, 202),
    lambda i: access(i, 200, "/api/count", "GET"),
    lambda i: f"{local_ts(i)} DEBUG [ingestion-api] o.s.w.s.DispatcherServlet - Completed 202 ACCEPTED in {rnd.randint(1, 40)} ms",
    lambda i: f"info: dashboard[0] GET /api/count 200 {rnd.random() * 9:.1f} ms - events={rnd.randint(0, 10**7)}",
    lambda i: f"{ts(i)} INFO  [event-processor] c.a.c.i.RxDocumentClientImpl - Getting database account endpoint from https://cosmos:8081",
    lambda i: f"{ts(i)} WARN  [ingestion-api] c.c.i.QueueSender - send took {rnd.randint(100, 900)} ms (queue depth {rnd.randint(0, 5000)})",
]
failing = [
    lambda i: f"{ts(i)} WARN  [event-processor] c.c.p.EventProcessor - store call rejected: io.github.resilience4j.circuitbreaker.CallNotPermittedException: CircuitBreaker 'cosmos' is OPEN and does not permit further calls",
    lambda i: f"{ts(i)[:-1]}+00:00[Etc/UTC]: CircuitBreaker 'cosmos' changed state from CLOSED to OPEN",
    lambda i: "fail: EventProcessor[0] Polly.CircuitBreaker.BrokenCircuitException: The circuit is now open and is not allowing calls.",
    lambda i: f"{local_ts(i)} ERROR [event-processor] reactor-http-epoll-1 c.a.c.i.RxGatewayStoreModel - javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target",
    lambda i: f"{ts(i)} WARN  [event-processor] io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: cosmos/172.18.0.3:8081",
    lambda i: access(i, 503),
    lambda i: access(i, 429),
    lambda i: f"{ts(i)} Error: connect ECONNREFUSED 127.0.0.1:8081 at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)",
    lambda i: f"{ts(i)} Exception in thread \"processor-1\" java.lang.OutOfMemoryError: Java heap space",
]
target = size_mb * 1024 * 1024
written = 0
i = 0
with open(path, "w", encoding="utf-8", newline="\n") as out:
    batch = []
    while written < target:
        line = (rnd.choice(failing) if rnd.random() * 100 < percent else rnd.choice(ordinary))(i * 7)
        batch.append(line)
        written += len(line) + 1
        i += 1
        if len(batch) == 10000:
            out.write("\n".join(batch) + "\n")
            batch = []
    if batch:
        out.write("\n".join(batch) + "\n")
EOF
fi

# The signatures' patterns (probes/.../logs/Signature.java) in POSIX ERE: named and non-capturing
# groups become plain groups, \d becomes [0-9], [^\r\n] becomes [^[:cntrl:]].
patterns=(
  "CircuitBreaker '[^']+' is (OPEN|FORCED_OPEN) and does not permit further calls"
  "CircuitBreaker '[^']+' changed state from \\w+ to (OPEN|FORCED_OPEN)"
  "The circuit is now open and is not allowing calls\\."
  "\\bOnCircuitOpened\\b"
  "CircuitBreaker '[^']+' changed state from \\w+ to CLOSED"
  "\\bOnCircuit(Closed|Reset)\\b"
  "PKIX path building failed"
  "unable to find valid certification path to requested target"
  "SSLHandshakeException"
  "Connection refused(:\\s*[[:alnum:]_.-]+(/[0-9.]+)?:[0-9]+)?"
  "ECONNREFUSED\\s+[[:alnum:]_.:-]+:[0-9]+"
  "\"status\"\\s*:\\s*\"?503\\b"
  "\\bstatus=503\\b"
  "\" 503 [0-9]+"
  "\"status\"\\s*:\\s*\"?429\\b"
  "\\bstatus=429\\b"
  "\" 429 [0-9]+"
  "java\\.lang\\.OutOfMemoryError(:\\s*[^[:cntrl:]]+)?"
  "Out of memory: Killed process"
  "JavaScript heap out of memory"
)
grep_args=()
for p in "${patterns[@]}"; do grep_args+=(-e "$p"); done

"$root/cloudscale" --version >/dev/null # build the jar and its AOT cache outside the measurement

measure() { # name, command... -> appends "seconds rss_kb" to $dir/$name.times
  local name=$1; shift
  /usr/bin/time -v -o "$dir/$name.time" "$@" || true
  local wall rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$dir/$name.time" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$dir/$name.time")
  echo "$wall $rss" >>"$dir/$name.times"
}

rm -f "$dir/grep.times" "$dir/cloudscale.times"
cat "$log" >/dev/null # page cache
for _ in $(seq "$rounds"); do
  measure grep sh -c 'exec grep -E -i "$@" >"'"$dir/grep.out"'"' grep "${grep_args[@]}" "$log"
  measure cloudscale env CLOUDSCALE_JAVA_OPTS="-Xmx64m" "$root/cloudscale" logs scan --file "$log" -o json \
    >"$dir/cloudscale.out"
done

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
g=$(cut -d' ' -f1 "$dir/grep.times" | median)
c=$(cut -d' ' -f1 "$dir/cloudscale.times" | median)
g_rss=$(cut -d' ' -f2 "$dir/grep.times" | sort -n | tail -1)
c_rss=$(cut -d' ' -f2 "$dir/cloudscale.times" | sort -n | tail -1)
lines=$(wc -l <"$log")
echo "logs scan, $(du -m "$log" | cut -f1) MB, $lines lines, $(wc -l <"$dir/grep.out") matching grep; median of $rounds interleaved runs on $(nproc) cores"
printf '  grep -E -i (%d patterns)                %6.2f s   peak RSS %6d KB\n' "${#patterns[@]}" "$g" "$g_rss"
printf '  cloudscale logs scan -o json (-Xmx64m)  %6.2f s   peak RSS %6d KB\n' "$c" "$c_rss"
ratio=$(awk -v c="$c" -v g="$g" 'BEGIN { printf "%.2f", c / g }')
echo "ratio cloudscale / grep: $ratio (target 5: $(awk -v r="$ratio" 'BEGIN { print (r <= 5) ? "ok" : "over" }'))"
if ! grep -q '"kind" *: *"log-scan"' "$dir/cloudscale.out"; then
  echo "cloudscale did not print a log-scan document:" >&2
  head -c 400 "$dir/cloudscale.out" >&2
  exit 1
fi
