#!/usr/bin/env bash
# Scheduling under load (docs/ARCHITECTURE.md, "Scheduling"): starts the packaged service, starts
# N paper runs on the simulated market (1m bars, clock x60), then
#   - GET /api/v1/status with a JWT under wrk (1 thread, 32 connections, 10 s): requests/s and p99
#   - a backtest (1h, six months, simulated) started while those runs trade: ms from POST until it
#     has left "starting", and until it has completed
# Usage: src/main/scripts/bench-scheduling.sh [paper_runs=200] [port=18100]
# Needs: ./mvnw package -DskipTests, curl, wrk, python3. Sends traffic to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/../../.."
runs=${1:-200}
port=${2:-18100}
base="http://127.0.0.1:$port"
data=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$data"' EXIT

(cd target/quarkus-app && CRACKTRADER_API_PORT=$port CRACKTRADER_DATA_DIR=$data CRACKTRADER_ADMIN_PASSWORD=bench-password \
  CRACKTRADER_RATE_LIMIT_ENABLED=false CRACKTRADER_EXCHANGES_SIMULATED_CLOCK_SPEED=60 \
  exec java -jar quarkus-run.jar >"$data/service.log" 2>&1) &
pid=$!
until curl -sf "$base/api/v1/health" >/dev/null; do sleep 0.2; done

token=$(curl -sf -X POST "$base/api/auth/login" -H 'Content-Type: application/json' \
  -d '{"username": "admin", "password": "bench-password"}' | python3 -c 'import sys, json; print(json.load(sys.stdin)["access_token"])')
auth=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')

for i in $(seq 1 "$runs"); do
  curl -sf "${auth[@]}" -X POST "$base/api/v1/runs" \
    -d '{"strategy_name": "TestStrategy", "symbols": ["BTC/USDT"], "timeframe": "1m", "mode": "paper"}' >/dev/null
done
sleep 5
running=$(curl -sf "${auth[@]}" "$base/api/v1/runs?status=running&size=1" | python3 -c 'import sys, json; print(json.load(sys.stdin)["pagination"]["total"])')
echo "paper runs running: $running of $runs"

echo "--- GET /api/v1/status under wrk, $running paper runs active"
wrk -t1 -c32 -d10s --latency -H "Authorization: Bearer $token" "$base/api/v1/status" | grep -E "Requests/sec|99%|Non-2xx" || true

t0=$(date +%s%N)
id=$(curl -sf "${auth[@]}" -X POST "$base/api/v1/runs" -d '{"strategy_name": "MovingAverageCross", "symbols": ["ETH/USDT"],
  "timeframe": "1h", "start_date": "2024-01-01T00:00:00Z", "end_date": "2024-07-01T00:00:00Z"}' \
  | python3 -c 'import sys, json; print(json.load(sys.stdin)["run_id"])')
started=""
while :; do
  status=$(curl -sf "${auth[@]}" "$base/api/v1/runs/$id" | python3 -c 'import sys, json; print(json.load(sys.stdin)["status"])')
  now=$(( ($(date +%s%N) - t0) / 1000000 ))
  [ -z "$started" ] && [ "$status" != "starting" ] && started=$now
  case "$status" in completed|failed|stopped) break ;; esac
  sleep 0.02
done
echo "--- backtest beside $running paper runs: left 'starting' after ${started} ms, $status after ${now} ms"
