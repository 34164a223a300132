#!/usr/bin/env bash
# Cost of SAM's profile script on shell start-up: `bash -l -c true` inside bubblewrap with the
# rendered /etc/profile.d/sam-env.sh stub and the /etc/sam/profile.sh it sources (token present, so
# no helper call) vs. the same sandbox with an empty /etc/profile.d. One hyperfine run, warmup included. Goal: ratio <= 1.10.
# Needs: java 17, bwrap, hyperfine. Builds the bootstrap jar if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-200}
WARMUP=${WARMUP:-20}
jar=bootstrap/target/sam-bootstrap-0.1.0-SNAPSHOT.jar
contract=contract/target/sam-contract-0.1.0-SNAPSHOT.jar
if [ ! -f "$jar" ] || [ ! -f "$contract" ]; then
  ./mvnw -B -q -pl bootstrap -am package -DskipTests
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root="$work/root"; empty="$work/empty-profile.d"; home="$work/home"
mkdir -p "$root" "$empty" "$home"

# Render and apply a plan through RenderMain; the token goes in on stdin, never as an argument.
token="ghs_bench$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
{
  printf 'SAM_WORKSPACE_ID=ws-bench\nSAM_REPOSITORY=octo/bench\nSAM_BRANCH=main\nSAM_NODE_ID=node-1\n'
  printf 'SAM_API_URL=https://api.example.test\nSAM_AGENT_URL=http://127.0.0.1:9100\n'
  printf 'SAM_WORKSPACE_CREDENTIAL=wscred_bench\nSAM_WORKSPACE_UID=%s\nSAM_WORKSPACE_GID=%s\n' "$(id -u)" "$(id -g)"
  printf 'GH_TOKEN=%s\nSAM_GH_TOKEN_EXPIRES_AT=2030-01-01T00:00:00Z\n' "$token"
} | java -cp "$jar:$contract" dev.sam.bootstrap.RenderMain "$root" >/dev/null

common="env -i HOME=$home PATH=/usr/local/bin:/usr/bin:/bin bwrap --dev-bind / / --bind $root/etc/sam /etc/sam"
with_sam="$common --bind $root/etc/profile.d /etc/profile.d bash -l -c true"
without_sam="$common --bind $empty /etc/profile.d bash -l -c true"

# Sanity: the measured shell really gets the token, and the baseline really does not.
got=$($common --bind "$root/etc/profile.d" /etc/profile.d bash -l -c 'printf %s "${GH_TOKEN:+set}"')
base=$($common --bind "$empty" /etc/profile.d bash -l -c 'printf %s "${GH_TOKEN:+set}"')
[ "$got" = set ] && [ -z "$base" ] || { echo "bench setup wrong: with=$got without=$base" >&2; exit 1; }

hyperfine -N --warmup "$WARMUP" --runs "$RUNS" --export-csv "$work/result.csv" \
  -n without "$without_sam" -n with-sam-env "$with_sam" >&2

# CSV columns: command,mean,stddev,median,user,system,min,max (seconds).
field() { awk -F, -v c="$1" -v col="$2" '$1 == c { print $col * 1000 }' "$work/result.csv"; }
with_ms=$(field with-sam-env 2); without_ms=$(field without 2)
with_med=$(field with-sam-env 4); without_med=$(field without 4)
ratio=$(awk -v a="$with_ms" -v b="$without_ms" 'BEGIN { printf "%.3f", a / b }')
ratio_med=$(awk -v a="$with_med" -v b="$without_med" 'BEGIN { printf "%.3f", a / b }')
printf 'bash -l -c true, mean: with sam-env.sh %.2f ms, without %.2f ms, ratio %s (goal <= 1.10)\n' \
  "$with_ms" "$without_ms" "$ratio"
# The median resists the load spikes of a shared machine; report it beside the mean.
printf 'bash -l -c true, median: with sam-env.sh %.2f ms, without %.2f ms, ratio %s\n' \
  "$with_med" "$without_med" "$ratio_med"
