#!/usr/bin/env bash
# wrk against POST /git-credential (warm cache, bearer + git credential body) and against the
# trivial POST /ping of the same running agent; prints both rates, their ratio (goal >= 0.7) and
# p99 latencies (both warmed, then measured alternately, two halves each).
# Usage: bench/git-credential.sh [seconds] [connections]   (WARM_SECONDS, default 5)
source "$(dirname "$0")/agent-stack.sh"
SECONDS_RUN=${1:-10}
CONNS=${2:-16}
build_agent
start_stub
start_agent bench-node
java -cp "$TEST_CP" dev.sam.agent.bench.ProvisionBench "$AGENT_URL" "$STUB_URL" bench-node 1 >/dev/null
CREDENTIAL=$(cat "$WORK/data/workspaces/bench-r1-0/root/etc/sam/workspace-credential")
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
# Both endpoints share one HTTP stack, and the JIT compiles what runs first: warm both, then
# measure them alternately (cred, ping, cred, ping) so neither is always the colder one.
WARM=${WARM_SECONDS:-5}
wrk -t2 -c"$CONNS" -d"${WARM}s" -s "$WORK/cred.lua" "$AGENT_URL/git-credential" >/dev/null
wrk -t2 -c"$CONNS" -d"${WARM}s" -s "$WORK/ping.lua" "$AGENT_URL/ping" >/dev/null
HALF=$(( (SECONDS_RUN + 1) / 2 ))
measure() { wrk -t2 -c"$CONNS" -d"${HALF}s" -s "$WORK/$1.lua" "$AGENT_URL/$2" | grep '^RESULT'; }
read -r _ CRED1_RPS CRED1_P99 CRED1_BAD _ < <(measure cred git-credential)
read -r _ PING1_RPS PING1_P99 PING1_BAD _ < <(measure ping ping)
read -r _ CRED2_RPS CRED2_P99 CRED2_BAD _ < <(measure cred git-credential)
read -r _ PING2_RPS PING2_P99 PING2_BAD _ < <(measure ping ping)
avg() { python3 -c "import sys; print((float(sys.argv[1]) + float(sys.argv[2])) / 2)" "$1" "$2"; }
maxof() { python3 -c "import sys; print(max(float(sys.argv[1]), float(sys.argv[2])))" "$1" "$2"; }
CRED_RPS=$(avg "$CRED1_RPS" "$CRED2_RPS"); PING_RPS=$(avg "$PING1_RPS" "$PING2_RPS")
CRED_P99=$(maxof "$CRED1_P99" "$CRED2_P99"); PING_P99=$(maxof "$PING1_P99" "$PING2_P99")
CRED_BAD=$((CRED1_BAD + CRED2_BAD)); PING_BAD=$((PING1_BAD + PING2_BAD))
FETCHES=$(curl -fs "$AGENT_URL/metrics" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token_fetch_count"])')
python3 - "$CRED_RPS" "$PING_RPS" "$CRED_P99" "$PING_P99" "$CRED_BAD" "$PING_BAD" "$FETCHES" <<'PY'
import sys
cred, ping, cp99, pp99, cbad, pbad, fetches = sys.argv[1:]
print(f"git-credential: {float(cred):.0f} req/s p99 {float(cp99):.2f} ms non-2xx {cbad}")
print(f"ping:           {float(ping):.0f} req/s p99 {float(pp99):.2f} ms non-2xx {pbad}")
print(f"ratio git-credential/ping = {float(cred)/float(ping):.2f} (goal >= 0.7); token fetches from the control plane: {fetches}")
PY
