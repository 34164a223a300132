#!/usr/bin/env bash
# 50 workspaces provisioned at once on one agent (bwrap runtime, stub control plane).
# Prints time to all ready, p50 and max per workspace, failures, and the agent's RSS afterwards.
# Goals: p50 <= 1 s, failures 0.  Usage: bench/provision.sh [count]
source "$(dirname "$0")/agent-stack.sh"
COUNT=${1:-50}
build_agent
start_stub
start_agent bench-node
RESULT=$(java -cp "$TEST_CP" dev.sam.agent.bench.ProvisionBench "$AGENT_URL" "$STUB_URL" bench-node "$COUNT")
RSS_KB=$(awk '/VmRSS/ {print $2}' "/proc/$AGENT_PID/status")
echo "$RESULT agent_rss_mb=$((RSS_KB / 1024))"
