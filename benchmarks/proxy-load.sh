#!/usr/bin/env bash
# Proxy overhead: latency of an allowed read sent through `airlock serve`'s HTTP proxy against the same
# read sent straight to the same loopback upstream, at a fixed arrival rate (default 1,000 requests/s).
# Publishes the CLI and builds the benchmark program in Release, picks a free loopback port for the
# upstream, starts `airlock serve` on 127.0.0.1:0 with a fresh data folder, the built-in policy and one
# proxy route to that port (environment production, Bearer credential), creates an agent token, sets the
# route's credential with `airlock proxy credential set` (stdin), starts the two yardstick proxies
# (`Airlock.Benchmarks floor-proxy`: a bare forwarding hop, and the same committing one durable SQLite
# row before it forwards), then runs `Airlock.Benchmarks proxy-load`: the upstream in that process,
# warm-up, then direct, decide, floor-hop, floor-durable, proxy phases twice ("decide" is POST /v1/decide
# with the http_request the proxy builds: the decision alone, durably recorded, not forwarded), with the
# gateway's CPU time per request in each.
# Afterwards it checks that every proxied request left a decision and an execution row.
# Traffic is loopback only, bounded in count (RATE x DURATION per phase) and in time.
#
# RATE=1000 DURATION=20 WARMUP=10 set the load (DURATION in seconds per phase). `TMPDIR=/dev/shm benchmarks/proxy-load.sh` puts the
# databases on tmpfs, where fsync costs nothing: not durable, only a way to see what durability costs.
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/start-gateway.sh
command -v python3 >/dev/null || { echo "proxy-load.sh needs python3 (it picks a port and reads the database)." >&2; exit 1; }
rate=${RATE:-1000}
seconds=${DURATION:-20}
warmup=${WARMUP:-10}
work=$(mktemp -d)
server=
floors=()
cleanup() {
  for pid in $server "${floors[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
mkdir "$work/tmp"
export TMPDIR="$work/tmp"

dotnet publish src/Airlock.Cli -c Release -o "$work/airlock" >/dev/null
dotnet build benchmarks/Airlock.Benchmarks -c Release -o "$work/bench" >/dev/null

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
port=$(free_port)
credential="bench_upstream_$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
mkdir -p "$work/data" "$work/config"
cat >"$work/data/config.yaml" <<YAML
proxy:
  routes:
    - name: bench
      upstream: http://127.0.0.1:$port/
      environment: production
      credential:
        header: Authorization
        scheme: Bearer
YAML

start_gateway "$work"
agent=$(agent_token "$work" "$url" "$admin")
echo "$credential" | "$work/airlock/airlock" proxy credential set bench --server "$url" --token "$admin" >/dev/null

# The yardsticks: the same benchmark program as a bare forwarding proxy, and as one that commits a durable row first.
hop_port=$(free_port)
durable_port=$(free_port)
DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 dotnet "$work/bench/Airlock.Benchmarks.dll" floor-proxy --port "$hop_port" --upstream-port "$port" --credential "$credential" >"$work/floor-hop.log" 2>&1 &
floors+=($!)
DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 dotnet "$work/bench/Airlock.Benchmarks.dll" floor-proxy --port "$durable_port" --upstream-port "$port" --credential "$credential" --database "$work/floor.db" >"$work/floor-durable.log" 2>&1 &
floors+=($!)

echo "Load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) (gateway, upstream and load client share $(nproc) cores)"
status=0
dotnet "$work/bench/Airlock.Benchmarks.dll" proxy-load --upstream-port "$port" --proxy "$url/proxy/bench/" --token "$agent" \
   --credential "$credential" --gateway "$url" --floor-hop "http://127.0.0.1:$hop_port" --floor-durable "http://127.0.0.1:$durable_port" --gateway-pid "$server" --rate "$rate" --seconds "$seconds" --warmup "$warmup" || status=$?

sleep 1
python3 - "$work/data/airlock.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
decisions = db.execute("SELECT count(*) FROM decisions WHERE tool = 'http_request' AND client = 'proxy'").fetchone()[0]
executions = db.execute("SELECT status, count(*) FROM executions GROUP BY status").fetchall()
print("Decisions recorded for proxied requests: %d; executions: %s" % (decisions, ", ".join("%s %d" % row for row in executions)))
PY
if grep -q "$credential" "$work/serve.log"; then echo "FAIL: the upstream credential appears in the gateway's log" >&2; status=1; fi
exit "$status"
