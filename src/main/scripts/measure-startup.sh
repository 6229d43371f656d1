#!/usr/bin/env bash
# Measures, for the packaged JVM application and (if built) the native executable:
#   - milliseconds from process start to the first 200 of /api/v1/health: the first start on an
#     empty data directory (it migrates the schema and creates the administrator, hashing a password),
#     and the median of N restarts on that directory
#   - idle RSS 5 s after the last start
# Usage: src/main/scripts/measure-startup.sh [starts=5] [port=18000]
# Build first: ./mvnw package -DskipTests  (and -Dnative for the executable)
set -euo pipefail
cd "$(dirname "$0")/../../.."
starts=${1:-5}
port=${2:-18000}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT

measure() { # label, working dir, command...
  local label=$1 dir=$2; shift 2
  local times=() rss="" first=""
  rm -rf "${data:?}"/*
  for i in $(seq 0 "$starts"); do
    local t0 pid
    t0=$(date +%s%N)
    (cd "$dir" && CRACKTRADER_API_PORT=$port CRACKTRADER_DATA_DIR=$data exec "$@" >/dev/null 2>&1) &
    pid=$!
    until curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null; do
      kill -0 "$pid" 2>/dev/null || { echo "$label: process exited" >&2; return 1; }
      sleep 0.01
    done
    if [ "$i" -eq 0 ]; then
      first=$(( ($(date +%s%N) - t0) / 1000000 ))
    else
      times+=($(( ($(date +%s%N) - t0) / 1000000 )))
    fi
    if [ "$i" -eq "$starts" ]; then
      sleep 5
      local child
      child=$(pgrep -P "$pid" || echo "$pid")
      rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$child/status" 2>/dev/null || echo "?")
    fi
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$label: first start ${first} ms; restart: health 200 after ${median} ms (median of $starts: ${times[*]}), idle RSS ${rss} MB"
}

app=target/quarkus-app
if [ -f "$app/quarkus-run.jar" ]; then
  cds=()
  [ -f "$app/app-cds.jsa" ] && cds=(-XX:SharedArchiveFile=app-cds.jsa)
  measure "JVM ($(java -version 2>&1 | head -1))" "$app" java "${cds[@]}" -jar quarkus-run.jar
fi
runner=$(ls target/*-runner 2>/dev/null | head -1 || true)
if [ -n "$runner" ]; then
  measure "native ($(du -m "$runner" | cut -f1) MB executable)" "$(dirname "$runner")" "./$(basename "$runner")"
fi
