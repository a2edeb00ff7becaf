# Sourced by the load scripts. start_gateway WORK: starts the published `airlock serve` from WORK/airlock
# on 127.0.0.1:0 with WORK/data and an empty configuration folder WORK/config (so the built-in policy,
# never a user's), waits until it listens, and sets `server` (its pid), `url` and `admin` (the first
# admin token it printed). Exits with the gateway's output if it stops or prints no address.
start_gateway() {
  local work=$1
  mkdir -p "$work/config"
  AIRLOCK_CONFIG_DIR="$work/config" AIRLOCK_POLICY='' "$work/airlock/airlock" serve --listen 127.0.0.1:0 --data "$work/data" >"$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 300); do
    grep -q '^Airlock gateway listening on ' "$work/serve.log" && break
    kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; echo "The gateway exited before it listened." >&2; exit 1; }
    sleep 0.1
  done
  url=$(sed -n 's/^Airlock gateway listening on \(http:\/\/[^ ]*\)$/\1/p' "$work/serve.log")
  admin=$(grep -m1 '^alk_admin_' "$work/serve.log")
  [[ -n $url && -n $admin ]] || { cat "$work/serve.log" >&2; echo "No address or admin token in the gateway's output." >&2; exit 1; }
}

# agent_token WORK URL ADMIN: prints a new agent token named bench.
agent_token() {
  "$1/airlock/airlock" token create --server "$2" --token "$3" --role agent --name bench --json |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])'
}
