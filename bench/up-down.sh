#!/usr/bin/env bash
# cloudscale up / down against the same compose commands run directly on the same stack, in one run.
#
#   bench/up-down.sh [ROUNDS]
#
# Offline profile, images already built (cloudscale stack images --local). Each round: compose up
# (waiting for healthy, as `up` does: compose v2 `--wait`, else polling docker inspect), compose down,
# cloudscale up, cloudscale down. Prints medians and the ratios cloudscale / compose.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
project=cloudscale-bench-updown
file=stack/compose.offline.yaml
java=$(bin/find-jdk)/bin/java
jar=cli/target/cloudscale-cli.jar
[ -f "$jar" ] || { echo "build first: ./mvnw -B package -DskipTests" >&2; exit 3; }
if docker compose version >/dev/null 2>&1; then compose=(docker compose); else compose=(docker-compose); fi
cs() { "$java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$jar" --stack-dir ./stack -p "$project" "$@"; }

now() { date +%s.%N; }
healthy_all() {
  local ids; ids=$(docker ps -aq --filter "label=com.docker.compose.project=$project")
  [ "$(echo "$ids" | grep -c .)" -ge 6 ] || return 1
  ! docker inspect --format '{{.State.Status}}/{{if .State.Health}}{{.State.Health.Status}}{{end}}' $ids | grep -qv '^running/healthy$'
}
compose_up() {
  "${compose[@]}" -p "$project" -f "$file" up -d >/dev/null 2>&1
  until healthy_all; do sleep 0.5; done
}
compose_down() { "${compose[@]}" -p "$project" -f "$file" down --remove-orphans -t 10 >/dev/null 2>&1; }

declare -a cu cd su sd
cs down >/dev/null 2>&1 || true
for round in $(seq 1 "$rounds"); do
  t=$(now); compose_up; cu+=("$(echo "$(now) - $t" | bc)")
  t=$(now); compose_down; cd+=("$(echo "$(now) - $t" | bc)")
  t=$(now); cs up --profile offline >/dev/null 2>&1; su+=("$(echo "$(now) - $t" | bc)")
  t=$(now); cs down >/dev/null 2>&1; sd+=("$(echo "$(now) - $t" | bc)")
  echo "round $round: compose up ${cu[-1]} s, down ${cd[-1]} s; cloudscale up ${su[-1]} s, down ${sd[-1]} s" >&2
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mcu=$(median "${cu[@]}"); mcd=$(median "${cd[@]}"); msu=$(median "${su[@]}"); msd=$(median "${sd[@]}")
printf 'yardstick  compose up + wait healthy   %6.2f s    compose down   %6.2f s\n' "$mcu" "$mcd"
printf 'cloudscale up (preflight, watch)  %6.2f s    cloudscale down %6.2f s (verified)\n' "$msu" "$msd"
printf 'ratio      up %.2f   down %.2f   (medians of %d rounds)\n' "$(echo "$msu / $mcu" | bc -l)" "$(echo "$msd / $mcd" | bc -l)" "$rounds"
awk -v d="$msd" 'BEGIN { print (d <= 10 ? "down within 10 s: yes" : "down within 10 s: NO") }'
