#!/usr/bin/env bash
# 50 workspaces provisioned at once on one agent (bwrap runtime, stub control plane), as the control
# plane does it: one HTTP/1.1 request per workspace, all at once; a workspace counts as ready when the
# stub receives its ready report with credentials live (the way the API learns of it). Two rounds of
# new workspaces on the same agent: round 1 meets an agent that has just started (JIT cold), round 2
# the same agent warm. Prints per round: time to all ready, p50 and max per workspace, failures,
# p50 of the 202 answer, the agent's CPU time in the round and its RSS afterwards (50, then 100 workspaces).
# The stub answers git-token after checking the callback JWT's RS256 signature, like the API's cold
# path, with no added delay; STUB_LATENCY_MS adds a fixed delay to every git-token answer.
# Goals: p50 <= 1 s, failures 0.  Usage: bench/provision.sh [count] [rounds]
source "$(dirname "$0")/agent-stack.sh"
COUNT=${1:-50}
ROUNDS=${2:-2}
build_agent
start_stub "${STUB_LATENCY_MS:-0}"
start_agent bench-node
java -cp "$TEST_CP" dev.sam.agent.bench.ProvisionBench "$AGENT_URL" "$STUB_URL" bench-node "$COUNT" "$ROUNDS" "$AGENT_PID"
