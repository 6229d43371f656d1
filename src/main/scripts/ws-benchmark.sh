#!/usr/bin/env bash
# WebSocket load benchmark (not a test): starts the packaged service, connects CLIENTS WebSocket
# clients to /ws/status while RUNS paper runs execute (each client follows one run), measures for
# SECONDS, and prints delivered messages/s, delivery delay p50/p99, drops, disconnects and RSS.
#   src/main/scripts/ws-benchmark.sh [CLIENTS=1000] [RUNS=10] [SECONDS=60]
# Needs Node 18+ and the npm registry (for the `ws` client package, installed into a temporary dir).
set -euo pipefail
cd "$(dirname "$0")/../../.."
clients=${1:-1000}
runs=${2:-10}
seconds=${3:-60}
port=18093
password=bench-password-$$

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests
work=$(mktemp -d)
npm install --silent --prefix "$work/client" ws@8 >/dev/null
# The simulated clock at 600x closes ten 1m bars a second per paper run; request budgets are lifted
# so that a thousand handshakes with one token are not refused as a burst.
(cd target/quarkus-app && exec java ${BENCH_JAVA_OPTS:-} -Dquarkus.http.port=$port -Dcracktrader.data-dir="$work/data" \
   -Dcracktrader.admin.password=$password -Dcracktrader.exchanges.simulated.clock-speed=600 \
   -Dcracktrader.rate-limit.session-per-minute=1000000 -Dcracktrader.runs.max-concurrent=$runs \
   -jar quarkus-run.jar >"$work/service.log" 2>&1) &
trap 'kill $(jobs -p) 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://localhost:$port/q/health/ready" >/dev/null && break
  sleep 0.5
done
service_pid=$(pgrep -f "java.*quarkus.http.port=$port" | head -1)
NODE_PATH="$work/client/node_modules" node src/main/scripts/ws-load.cjs "http://localhost:$port" "$password" \
  "$clients" "$runs" "$seconds" "$service_pid"
