#!/usr/bin/env bash
# Session latencies against the packaged VM agent started as a real process (real bwrap, real pty,
# real websockets, the ACP SDK test agent): PTY time to first prompt (p50/p99 over BENCH_SESSIONS
# fresh sessions), keystroke echo round trip (p50/p99 over BENCH_KEYS keys in one session), ACP
# connect -> initialize -> session/new answered (BENCH_ACP runs). Goals: first prompt <= 300 ms,
# echo p99 <= 20 ms. Needs: java 17, bwrap, bash. Builds the agent (SKIP_BUILD=1 reuses the packaged one).
# agent-stack.sh builds the agent and its test classpath in one reactor run (nothing installed into
# ~/.m2, whose sam-* snapshots may be another checkout's or missing).
source "$(dirname "$0")/agent-stack.sh"
cd "$ROOT"
SESSIONS=${BENCH_SESSIONS:-20}
KEYS=${BENCH_KEYS:-200}
ACP=${BENCH_ACP:-5}
agent=vm-agent/target/quarkus-app/quarkus-run.jar
testagent=acp-test-agent/target/acp-test-agent.jar
build_agent
cp="$TEST_CP"
java -Dbench.sessions="$SESSIONS" -Dbench.keys="$KEYS" -Dbench.acp="$ACP" -cp "$cp" \
  dev.sam.agent.bench.SessionBenchMain "$agent" "$testagent" 2>/dev/null | grep -E '^(pty|acp)_'
