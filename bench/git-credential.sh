#!/usr/bin/env bash
# wrk against POST /git-credential (warm cache, bearer + git credential body) and against the
# trivial POST /ping of the same running agent; prints both rates, their ratio (goal >= 0.7) and
# p99 latencies.  Usage: bench/git-credential.sh [seconds] [connections]
source "$(dirname "$0")/agent-stack.sh"
SECONDS_RUN=${1:-10}
CONNS=${2:-16}
build_agent
start_stub
start_agent bench-node
java -cp "$TEST_CP" dev.sam.agent.bench.ProvisionBench "$AGENT_URL" "$STUB_URL" bench-node 1 >/dev/null
CREDENTIAL=$(cat "$WORK/data/workspaces/bench-0/root/etc/sam/workspace-credential")
# The bearer goes into a 0600 Lua file, not into wrk's argv.
umask 077
cat >"$WORK/cred.lua" <<LUA
wrk.method = "POST"
wrk.body = "protocol=https\nhost=github.com\n\n"
wrk.headers["Authorization"] = "Bearer $CREDENTIAL"
wrk.headers["Content-Type"] = "text/plain"
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.3f %d %d\n", summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
sed -e '/Authorization/d' "$WORK/cred.lua" >"$WORK/ping.lua"
curl -fs -o /dev/null -X POST -H "Authorization: Bearer $CREDENTIAL" --data-binary $'protocol=https\nhost=github.com\n\n' "$AGENT_URL/git-credential"
wrk -t2 -c"$CONNS" -d2s -s "$WORK/cred.lua" "$AGENT_URL/git-credential" >/dev/null   # warm-up (JIT)
wrk -t2 -c"$CONNS" -d2s -s "$WORK/ping.lua" "$AGENT_URL/ping" >/dev/null
read -r _ CRED_RPS CRED_P99 CRED_BAD CRED_ERR < <(wrk -t2 -c"$CONNS" -d"${SECONDS_RUN}s" -s "$WORK/cred.lua" "$AGENT_URL/git-credential" | grep '^RESULT')
read -r _ PING_RPS PING_P99 PING_BAD PING_ERR < <(wrk -t2 -c"$CONNS" -d"${SECONDS_RUN}s" -s "$WORK/ping.lua" "$AGENT_URL/ping" | grep '^RESULT')
FETCHES=$(curl -fs "$AGENT_URL/metrics" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token_fetch_count"])')
python3 - "$CRED_RPS" "$PING_RPS" "$CRED_P99" "$PING_P99" "$CRED_BAD" "$PING_BAD" "$FETCHES" <<'PY'
import sys
cred, ping, cp99, pp99, cbad, pbad, fetches = sys.argv[1:]
print(f"git-credential: {float(cred):.0f} req/s p99 {float(cp99):.2f} ms non-2xx {cbad}")
print(f"ping:           {float(ping):.0f} req/s p99 {float(pp99):.2f} ms non-2xx {pbad}")
print(f"ratio git-credential/ping = {float(cred)/float(ping):.2f} (goal >= 0.7); token fetches from the control plane: {fetches}")
PY
