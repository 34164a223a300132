# Sourced by bench/git-credential.sh and bench/provision.sh: builds the VM agent, starts the stub
# control plane (from the agent's test classes) and the agent as real processes on free loopback
# ports, and stops them on exit. Not meant to be run directly.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d "${BENCH_TMP:-/tmp}/sam-agent-bench.XXXXXX")
chmod 0711 "$WORK"
PIDS=()
cleanup() {
  [ -f "$WORK/agent.log" ] && cp "$WORK/agent.log" /tmp/sam-agent-bench-last.log
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# One reactor run, no install: ~/.m2 is shared, so the agent's own modules (contract, bootstrap)
# come from this tree's target/ directories, never from whatever another checkout installed.
# The classpath file is written per module; vm-agent comes last in the reactor and wins.
build_agent() {
  local goals="package"
  [ -n "${SKIP_BUILD:-}" ] && goals="compile test-compile"
  (cd "$ROOT" && ./mvnw -B -q -pl vm-agent -am $goals -DskipTests dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile="$WORK/cp.txt" >/dev/null)
  TEST_CP="$ROOT/vm-agent/target/test-classes:$ROOT/vm-agent/target/classes:$(cat "$WORK/cp.txt")"
}

# start_stub [GIT_TOKEN_LATENCY_MS]
start_stub() {
  java -cp "$TEST_CP" dev.sam.agent.StubControlPlane "$WORK/stub-url" "${1:-0}" >"$WORK/stub.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 100); do [ -s "$WORK/stub-url" ] && break; sleep 0.1; done
  STUB_URL=$(cat "$WORK/stub-url")
}

# start_agent NODE_ID: the packaged Quarkus app, bwrap runtime, data under $WORK.
start_agent() {
  AGENT_PORT=$(free_port)
  mkdir -p "$WORK/data" && chmod 0711 "$WORK/data"
  SAM_AGENT_CONTROL_PLANE_URL="$STUB_URL" SAM_AGENT_NODE_ID="$1" SAM_AGENT_PORT="$AGENT_PORT" \
  SAM_AGENT_DATA_DIR="$WORK/data" SAM_AGENT_HELPER_DIST="$ROOT/credential-helper/target/dist" \
    java ${AGENT_JAVA_OPTS:-} -jar "$ROOT/vm-agent/target/quarkus-app/quarkus-run.jar" >"$WORK/agent.log" 2>&1 &
  AGENT_PID=$!
  PIDS+=($AGENT_PID)
  AGENT_URL="http://127.0.0.1:$AGENT_PORT"
  for _ in $(seq 1 300); do curl -fs "$AGENT_URL/q/health/ready" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "agent did not start; log:" >&2; tail -20 "$WORK/agent.log" >&2; exit 1
}
