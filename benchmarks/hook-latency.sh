#!/usr/bin/env bash
# Hook start-up latency: the whole `airlock hook claude-code` process, start to answer, the way an
# agent's hook runner runs it, against the smallest useful JavaScript hook on the same machine.
# Needs hyperfine (apt-get install hyperfine) and node. Prints hyperfine's table; nothing else runs.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet publish src/Airlock.Cli -p:PublishProfile=hook -o "$work/hook" >/dev/null
dotnet publish src/Airlock.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/r2r" >/dev/null
sed 's/"ls -la"/"git status"/' tests/Airlock.Cli.Tests/Payloads/claude-code.bash.json > "$work/payload.json"

# The builds must answer correctly before they are timed.
test -z "$("$work/hook/airlock" hook claude-code < "$work/payload.json")"
sed 's/"git status"/"rm -rf ~"/' "$work/payload.json" | "$work/hook/airlock" hook claude-code | grep -q '"deny"'

hyperfine --warmup 5 --runs "${RUNS:-100}" --export-markdown "$work/results.md" --export-json "$work/results.json" \
  -n 'airlock hook (self-contained, trimmed, composite ReadyToRun)' "$work/hook/airlock hook claude-code < $work/payload.json" \
  -n 'airlock hook (framework-dependent ReadyToRun)' "$work/r2r/airlock hook claude-code < $work/payload.json" \
  -n 'node hook (minimal)' "node benchmarks/node-baseline-hook.js < $work/payload.json"
cat "$work/results.md"
# The target is stated as a median; hyperfine's table shows means.
python3 - "$work/results.json" <<'PY'
import json, sys
for result in json.load(open(sys.argv[1]))["results"]:
    print("median %.1f ms  %s" % (result["median"] * 1000, result["command"]))
PY
