#!/usr/bin/env bash
# Session latencies against the packaged VM agent started as a real process (real bwrap, real pty,
# real websockets, the ACP SDK test agent): PTY time to first prompt (p50/p99 over BENCH_SESSIONS
# fresh sessions), keystroke echo round trip (p50/p99 over BENCH_KEYS keys in one session), ACP
# connect -> initialize -> session/new answered (BENCH_ACP runs). Goals: first prompt <= 300 ms,
# echo p99 <= 20 ms. Needs: java 17, bwrap, bash. Builds what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
SESSIONS=${BENCH_SESSIONS:-20}
KEYS=${BENCH_KEYS:-200}
ACP=${BENCH_ACP:-5}
agent=vm-agent/target/quarkus-app/quarkus-run.jar
testagent=acp-test-agent/target/acp-test-agent.jar
if [ ! -f "$agent" ] || [ ! -f "$testagent" ] || [ ! -d vm-agent/target/test-classes/dev/sam/agent/bench ]; then
  ./mvnw -B -q -pl vm-agent -am package -DskipTests
fi
# The bench client's classpath: this checkout's own classes first (the local repository may hold
# other builds of the sam-* snapshots), then the agent's test dependencies.
deps=$(mktemp)
trap 'rm -f "$deps"' EXIT
./mvnw -B -q -pl vm-agent dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$deps" >/dev/null
cp="vm-agent/target/test-classes:vm-agent/target/classes:contract/target/classes:bootstrap/target/classes:$(cat "$deps")"
java -Dbench.sessions="$SESSIONS" -Dbench.keys="$KEYS" -Dbench.acp="$ACP" -cp "$cp" \
  dev.sam.agent.bench.SessionBenchMain "$agent" "$testagent" 2>/dev/null | grep -E '^(pty|acp)_'
