#!/usr/bin/env bash
# Gateway load: requests per second and latency of POST /v1/decide from concurrent clients on
# loopback, with every decision durably recorded (SQLite WAL, synchronous=FULL, group commit).
# Publishes the CLI in Release, starts `airlock serve` on 127.0.0.1:0 with a fresh data folder and
# the built-in policy, creates an agent token, warms up, then runs wrk with
# benchmarks/gateway-decide.lua at 16, 8, 4 and 1 connections. After each run it checks that the
# decisions table has at least one row per 2xx answer. At the end it kills the server with SIGKILL
# and checks the whole table again, and that the audit log holds one record per decision (each
# decision appends its audit record in the same transaction, so decisions/s is also audit records/s). Everything is on loopback and every run is bounded in time.
# Prints wrk's report for each run, then two tables: throughput and latency with the row check, and
# the CPU used by the server, by wrk and by everything else (which shows whether anything else ran).
#
# Needs wrk (apt-get update && apt-get install -y wrk) and python3.
# DURATION=20s sets the length of each measured run. The server inherits the environment, so
# `Logging__LogLevel__Default=Warning benchmarks/gateway-load.sh` measures it without the per-decision
# Information log line. `TMPDIR=/dev/shm benchmarks/gateway-load.sh` puts the database on tmpfs,
# where fsync costs nothing: not durable, only a way to measure what durability costs.
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/start-gateway.sh
command -v wrk >/dev/null || { echo "gateway-load.sh needs wrk: apt-get update && apt-get install -y wrk" >&2; exit 1; }
command -v python3 >/dev/null || { echo "gateway-load.sh needs python3 (it reads the database with its sqlite3 module)." >&2; exit 1; }
duration=${DURATION:-20s}
work=$(mktemp -d)
server=
cleanup() {
  if [[ -n $server ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# .NET processes that are killed (the server at the end, build nodes) leave their diagnostic pipes in
# TMPDIR; keep them in the work folder.
mkdir "$work/tmp"
export TMPDIR="$work/tmp"

dotnet publish src/Airlock.Cli -c Release -o "$work/airlock" >/dev/null

# An empty configuration folder hides any user policy, so this measures the built-in one.
start_gateway "$work"
AIRLOCK_TOKEN=$(agent_token "$work" "$url" "$admin")
export AIRLOCK_TOKEN

rows() {
  python3 - "$work/data/airlock.db" <<'PY'
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM decisions").fetchone()[0])
PY
}

# Requests that wrk cut off at the end of a run were already queued for the recorder; wait until
# the row count stops moving before counting.
settled_rows() {
  local previous current
  current=$(rows)
  while previous=$current; sleep 0.5; current=$(rows); [[ $current != "$previous" ]]; do :; done
  echo "$current"
}

# CPU time in clock ticks: the server process (user + system), and the whole machine (busy, not idle or iowait).
server_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }

field() { sed -n "s/.*[ ]$1=\([0-9]*\).*/\1/p" "$2"; }

answered=0
status=0
runs=()
run() {
  local name=$1 threads=$2 connections=$3 length=$4 before after ok server_before machine_before
  before=$(settled_rows)
  server_before=$(server_ticks)
  machine_before=$(machine_ticks)
  # In a subshell, `times` reports wrk's CPU time (its second line: the subshell's children).
  ( wrk -t"$threads" -c"$connections" -d"$length" --latency -s benchmarks/gateway-decide.lua "$url" >"$work/$name.txt"; times >"$work/$name.times" )
  echo "server_ticks=$(( $(server_ticks) - server_before )) machine_ticks=$(( $(machine_ticks) - machine_before ))" >>"$work/$name.txt"
  after=$(settled_rows)
  ok=$(( $(field requests "$work/$name.txt") - $(field non2xx "$work/$name.txt") ))
  answered=$(( answered + ok ))
  if [[ $name == warmup ]]; then return; fi
  grep -v -e '^airlock-bench ' -e '^server_ticks=' "$work/$name.txt"
  echo "2xx answers: $ok; decisions recorded during the run: $(( after - before ))"
  if (( after - before < ok )); then echo "FAIL: fewer decisions recorded than 2xx answers" >&2; status=1; fi
  echo
  echo "connections=$connections ok=$ok recorded=$(( after - before ))" >>"$work/$name.txt"
  runs+=("$name")
}

echo "Load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) (the server and wrk share this machine's $(nproc) cores)"
echo
run warmup 2 16 10s
run c16 2 16 "$duration"
run c8 2 8 "$duration"
run c4 2 4 "$duration"
run c1 1 1 "$duration"

python3 - "$(getconf CLK_TCK)" "$(nproc)" "${runs[@]/#/$work/}" <<'PY'
import re, sys
ticks_per_second, cores, paths = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
def seconds(text):
    minutes, secs = re.fullmatch(r"(\d+)m([\d.]+)s", text).groups()
    return int(minutes) * 60 + float(secs)
rows = []
for path in paths:
    f = {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", "".join(l for l in open(path + ".txt") if "=" in l and not l.startswith("Running")))}
    wrk_cpu = sum(seconds(t) for t in open(path + ".times").read().split("\n")[1].split())
    f["wall"] = f["duration_us"] / 1e6
    f["server_cores"] = f["server_ticks"] / ticks_per_second / f["wall"]
    f["wrk_cores"] = wrk_cpu / f["wall"]
    f["other_cores"] = max(0.0, f["machine_ticks"] / ticks_per_second / f["wall"] - f["server_cores"] - f["wrk_cores"])
    rows.append(f)
ms = lambda us: "%.2f" % (us / 1000)
print("| Connections | Requests/s | p50 ms | p75 ms | p90 ms | p99 ms | max ms | Errors | 2xx answers | Rows added |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for f in rows:
    print("| %d | %.0f | %s | %s | %s | %s | %s | %d | %d | %d |" % (f["connections"], f["requests"] / f["wall"], ms(f["p50_us"]), ms(f["p75_us"]),
          ms(f["p90_us"]), ms(f["p99_us"]), ms(f["max_us"]), f["non2xx"] + f["socket_errors"], f["ok"], f["recorded"]))
print()
# "Everything else" is kernel work not charged to either process and any other program: near zero on a quiet machine.
print("| Connections | Server CPU (cores) | Server CPU per request (µs) | wrk CPU (cores) | Everything else (cores) | Idle (of %d cores) |" % cores)
print("|---:|---:|---:|---:|---:|---:|")
for f in rows:
    busy = f["machine_ticks"] / ticks_per_second / f["wall"]
    print("| %d | %.2f | %.0f | %.2f | %.2f | %.2f |" % (f["connections"], f["server_cores"], f["server_ticks"] / ticks_per_second * 1e6 / f["requests"],
          f["wrk_cores"], f["other_cores"], max(0.0, cores - busy)))
print()
PY

# A crash, not a shutdown: what was answered must already be on disk.
kill -KILL "$server"
wait "$server" 2>/dev/null || true
server=
total=$(rows)
echo "After SIGKILL: $total decisions in the database; $answered 2xx answers in all (warm-up included)."
python3 - "$work/data/airlock.db" <<'PY'
import sqlite3, sys
counts = sqlite3.connect(sys.argv[1]).execute("SELECT outcome, count(*) FROM decisions GROUP BY outcome ORDER BY 2 DESC").fetchall()
total = sum(n for _, n in counts)
print("Outcomes: " + ", ".join("%s %d (%.1f%%)" % (outcome, n, 100 * n / total) for outcome, n in counts))
PY
if (( total < answered )); then echo "FAIL: fewer decisions in the database than 2xx answers" >&2; status=1; fi

# Every decision is also an audit record, appended in the same transaction: verify the log offline.
audit=$(python3 - "$work/data/airlock.db" <<'PY'
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM audit_records WHERE type = 'decision'").fetchone()[0])
PY
)
echo "Audit records of type decision: $audit"
if (( audit != total )); then echo "FAIL: the audit log does not hold exactly one record per decision" >&2; status=1; fi
exit "$status"
