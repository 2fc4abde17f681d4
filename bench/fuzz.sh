#!/usr/bin/env bash
# The parsers' fuzz tests, each fuzzed for minutes instead of the suite's seconds, one at a time.
#
#   bench/fuzz.sh [-d DURATION] [TARGET...]       e.g. bench/fuzz.sh -d 30m EnvFileFuzzTest
#
# DURATION is Jazzer's (5m, 90s, 1h; default 5m, or $FUZZ_DURATION). TARGET is a *FuzzTest class name;
# default all of them. Each runs through Maven's 'fuzz' surefire execution (JAZZER_FUZZ=1, a fresh JVM)
# with JAZZER_MAX_DURATION overriding the test's @FuzzTest(maxDuration). Prints, per target, the runs,
# the coverage reached and any crash found; a crash's input is written beside the test's seeds
# (src/test/resources/<package>/<Class>Inputs/<method>/crash-*), where it stays as a regression seed once
# the bug is fixed (rename it regression-*). The corpus grown so far is kept in <module>/.cifuzz-corpus/
# (git-ignored) and picked up by the next run. Logs: target/fuzz/<TARGET>.log. Exit 1 if any target crashed.
set -uo pipefail
cd "$(dirname "$0")/.."

duration=${FUZZ_DURATION:-5m}
while getopts "d:h" option; do
  case $option in
    d) duration=$OPTARG ;;
    *) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
shift $((OPTIND - 1))

# module:class of every fuzz test
all=(
  core:ConfigFileFuzzTest
  probes:AccessLogFuzzTest
  probes:LogSignatureFuzzTest
  stack:EnvFileFuzzTest
  playbooks:RunbookReaderFuzzTest
  playbooks:LoadReportFuzzTest
)
targets=()
if [ $# -eq 0 ]; then
  targets=("${all[@]}")
else
  for name in "$@"; do
    match=$(printf '%s\n' "${all[@]}" | grep ":$name\$") || { echo "no fuzz test $name; known: ${all[*]#*:}" >&2; exit 2; }
    targets+=("$match")
  done
fi

JAVA_HOME=$(bin/find-jdk) || exit 3
export JAVA_HOME
mkdir -p target/fuzz
failed=0
summary=()
for target in "${targets[@]}"; do
  module=${target%%:*}
  class=${target#*:}
  log=target/fuzz/$class.log
  echo "== $class ($module): fuzzing for $duration, log in $log"
  start=$(date +%s)
  # the ordinary execution runs the seeds first; -DskipFuzz=false in case it is set in MAVEN_OPTS
  JAZZER_MAX_DURATION=$duration nice -n 10 ./mvnw -B -q -pl "$module" -am test -Dtest="$class" \
    -Dsurefire.failIfNoSpecifiedTests=false -DskipFuzz=false >"$log" 2>&1
  status=$?
  seconds=$(( $(date +%s) - start ))
  runs=$(grep -aoE '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 | awk '{print $2 " runs in " $5 " s"}')
  coverage=$(grep -aoE '#[0-9]+[[:space:]]+DONE[[:space:]]+cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -1 | sed -E 's/.*(cov: .*)/\1/')
  crashes=$(grep -aoE 'Test unit written to [^ ]+' "$log" | sed 's/Test unit written to //')
  finding=$(grep -aE 'FuzzTestFindingException: ' "$log" | head -1 | sed -E 's/.*FuzzTestFindingException: //' | cut -c1-200)
  if [ $status -eq 0 ]; then
    line="$class: ok, ${runs:-no fuzzing run found in the log}, ${coverage:-?} (${seconds}s)"
  else
    failed=1
    line="$class: FAILED (exit $status) after ${runs:-?}: ${finding:-see $log}"
    [ -n "$crashes" ] && line+=$'\n'"  crashing input: $crashes"
  fi
  echo "$line"
  summary+=("$line")
done

echo
echo "== summary ($duration each)"
printf '%s\n' "${summary[@]}"
exit $failed
