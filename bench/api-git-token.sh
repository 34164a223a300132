#!/usr/bin/env bash
# Throughput of POST /api/workspaces/{id}/git-token with a warm token cache, against a trivial endpoint of the
# same process (GET /api/ping), with the same wrk connections and duration. Goal: ratio >= 0.5, and GitHub
# (the emulator) asked for exactly one installation token during the whole run.
#
# Usage: bench/api-git-token.sh            (env: DURATION=15s CONNECTIONS=32 THREADS=2)
# Secrets (admin key, callback token, app key) travel in 0600 files and the environment, never in argv.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
API_JAR=api/target/quarkus-app/quarkus-run.jar
emulator_jar() { ls github-emulator/target/sam-github-emulator-*.jar 2>/dev/null | grep -e -standalone.jar | head -n1; }

if [[ ! -f $API_JAR || -z $(emulator_jar) ]]; then
  echo "building api and github-emulator..." >&2
  ./mvnw -B -q -pl api,github-emulator -am package -DskipTests >&2
fi
EMU_JAR=$(emulator_jar)

work=$(mktemp -d)
chmod 700 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_for() { # url, seconds
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "timed out waiting for $1" >&2
  return 1
}

# GitHub App key as GitHub issues it (PKCS#1), and its public half for the emulator.
umask 077
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/app8.pem" 2>/dev/null
openssl rsa -in "$work/app8.pem" -traditional -out "$work/app.pem" 2>/dev/null
openssl rsa -in "$work/app8.pem" -pubout -out "$work/app.pub" 2>/dev/null
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$work/admin-key"

# Emulator: prints "EMULATOR_READY http://127.0.0.1:PORT" once listening.
java -jar "$EMU_JAR" --port 0 > "$work/emulator.out" 2> "$work/emulator.err" &
pids+=($!)
for ((i = 0; i < 300; i++)); do
  grep -q '^EMULATOR_READY ' "$work/emulator.out" 2>/dev/null && break
  sleep 0.1
done
EMU=$(sed -n 's/^EMULATOR_READY //p' "$work/emulator.out" | head -n1)
[[ -n $EMU ]] || { echo "emulator did not start" >&2; cat "$work/emulator.err" >&2; exit 1; }
APP_ID=4711
INSTALLATION=424242
jq -n --rawfile pem "$work/app.pub" --argjson id $APP_ID '{app_id: $id, public_key_pem: $pem}' \
  | curl -fsS -o /dev/null -H 'Content-Type: application/json' --data-binary @- "$EMU/_emulator/apps"
jq -n --argjson id $INSTALLATION '{id: $id, account: "bench", repositories: ["bench/app"],
    permissions: {contents: "write", pull_requests: "write", metadata: "read"}}' \
  | curl -fsS -o /dev/null -H 'Content-Type: application/json' --data-binary @- "$EMU/_emulator/installations"

# API on H2 in a fresh data dir.
PORT=$(free_port)
API=http://127.0.0.1:$PORT
SAM_DATA_DIR="$work/data" SAM_ADMIN_KEY_FILE="$work/admin-key" SAM_GITHUB_API_URL="$EMU" SAM_GITHUB_APP_ID=$APP_ID \
  SAM_GITHUB_PRIVATE_KEY_FILE="$work/app.pem" QUARKUS_HTTP_PORT=$PORT QUARKUS_LOG_CATEGORY__DEV_SAM__LEVEL=WARN \
  java -jar "$API_JAR" > "$work/api.log" 2>&1 &
pids+=($!)
wait_for "$API/q/health/ready" 240 || { tail -30 "$work/api.log" >&2; exit 1; }

# Header files keep the admin key and the callback token out of curl's argv.
printf 'Authorization: Bearer %s\n' "$(cat "$work/admin-key")" > "$work/admin.header"
admin() { curl -fsS -X "$1" -H @"$work/admin.header" -H 'Content-Type: application/json' ${3:+--data-binary "$3"} "$API$2"; }

admin POST /api/admin/installations "{\"installationId\":$INSTALLATION,\"account\":\"bench\"}" > /dev/null
NODE=$(admin POST /api/admin/nodes '{"name":"bench node"}' | jq -r .node.id)
admin POST /api/admin/workspaces "{\"nodeId\":\"$NODE\",\"repository\":\"bench/app\",\"branch\":\"main\",\"installationId\":$INSTALLATION}" \
  > "$work/workspace.json"
WS=$(jq -r .workspace.id "$work/workspace.json")
jq -r .callbackToken.token "$work/workspace.json" > "$work/callback-token"

cat > "$work/git-token.lua" <<'LUA'
local f = assert(io.open(os.getenv("SAM_BENCH_TOKEN_FILE")))
local token = f:read("*l")
f:close()
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer " .. token
LUA
printf 'Authorization: Bearer %s\n' "$(cat "$work/callback-token")" > "$work/callback.header"
status=$(curl -sS -o /dev/null -w '%{http_code}' -X POST -H @"$work/callback.header" "$API/api/workspaces/$WS/git-token")
[[ $status == 200 ]] || { echo "warm-up git-token answered $status" >&2; tail -20 "$work/api.log" >&2; exit 1; }

run_wrk() { # label url [script]
  local out=$work/wrk-$1.txt
  SAM_BENCH_TOKEN_FILE="$work/callback-token" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency ${3:+-s "$3"} "$2" > "$out"
  if grep -q 'Non-2xx' "$out"; then echo "$1: non-2xx answers:" >&2; grep 'Non-2xx' "$out" >&2; exit 1; fi
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  printf '%-10s %12s req/s   p99 %s\n' "$1" "$rps" "$p99"
  eval "RPS_$1=$rps"
}

# Warm both paths up (JIT) so neither measured run pays for it.
SAM_BENCH_TOKEN_FILE="$work/callback-token" wrk -t"$THREADS" -c"$CONNECTIONS" -d3s "$API/api/ping" > /dev/null
SAM_BENCH_TOKEN_FILE="$work/callback-token" wrk -t"$THREADS" -c"$CONNECTIONS" -d3s -s "$work/git-token.lua" \
  "$API/api/workspaces/$WS/git-token" > /dev/null
echo "wrk: $THREADS threads, $CONNECTIONS connections, $DURATION each"
run_wrk ping "$API/api/ping"
run_wrk gittoken "$API/api/workspaces/$WS/git-token" "$work/git-token.lua"
ratio=$(awk -v a="$RPS_gittoken" -v b="$RPS_ping" 'BEGIN { printf "%.2f", a / b }')
mints=$(curl -fsS "$EMU/_emulator/counters" | jq .mints_total)
echo "ratio git-token/ping: $ratio (goal >= 0.5)"
echo "emulator mints during the run: $mints (goal 1)"
