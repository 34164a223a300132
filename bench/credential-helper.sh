#!/bin/sh
# Benchmark: `git credential fill` through git-credential-sam (the built dist) vs through
# bench/reference-helper.sh (sh + curl), both against the same local agent stub on loopback.
# Prints mean and p50 of both, the ratio, the helper's own start-up time and its RSS.
# Goals: ratio <= 4, p50 of git-credential-sam <= 60 ms.
# Needs: hyperfine, python3, curl, git, /usr/bin/time; builds the dist if it is missing.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
dist=$root/credential-helper/target/dist
runs=${RUNS:-40}
if [ ! -x "$dist/bin/git-credential-sam" ]; then
    (cd "$root" && ./mvnw -B -q -pl credential-helper -am package -DskipTests)
fi

work=$(mktemp -d)
stub_pid=
cleanup() {
    if [ -n "$stub_pid" ]; then kill "$stub_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

# The agent stub: answers POST /git-credential in the contract's format, loopback only.
cat > "$work/stub.py" <<'PY'
import http.server, sys, time
class Agent(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = ("username=x-access-token\npassword=ghs_benchtoken0123456789abcdefghijkl\npassword_expiry_utc=%d\n"
                % (int(time.time()) + 3600)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Agent)
with open(sys.argv[1], "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
PY
python3 "$work/stub.py" "$work/port" &
stub_pid=$!
i=0
while [ ! -s "$work/port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
port=$(cat "$work/port")

printf 'bench-workspace-credential\n' > "$work/credential"
chmod 600 "$work/credential"
printf 'SAM_AGENT_URL=http://127.0.0.1:%s\nSAM_WORKSPACE_ID=bench\nSAM_CREDENTIAL_FILE=%s\n' "$port" "$work/credential" > "$work/helper.conf"
printf '[credential "https://github.com"]\n\thelper =\n\thelper = sam\n' > "$work/gitconfig-sam"
printf '[credential "https://github.com"]\n\thelper =\n\thelper = %s\n' "$root/bench/reference-helper.sh" > "$work/gitconfig-ref"
printf 'protocol=https\nhost=github.com\n\n' > "$work/request"

export SAM_HELPER_CONFIG="$work/helper.conf" GIT_CONFIG_GLOBAL=/dev/null GIT_TERMINAL_PROMPT=0
export PATH="$dist/bin:$PATH"
unset GIT_CONFIG_NOSYSTEM

# Both must really answer before we time them.
for cfg in sam ref; do
    GIT_CONFIG_SYSTEM="$work/gitconfig-$cfg" git credential fill < "$work/request" | grep -q '^password=ghs_bench' ||
        { echo "helper $cfg did not answer" >&2; exit 1; }
done

hyperfine -N --warmup 5 --runs "$runs" --export-json "$work/fill.json" \
    -n git-credential-sam "env GIT_CONFIG_SYSTEM=$work/gitconfig-sam sh -c 'git credential fill < $work/request'" \
    -n reference-sh-curl "env GIT_CONFIG_SYSTEM=$work/gitconfig-ref sh -c 'git credential fill < $work/request'"
hyperfine -N --warmup 5 --runs "$runs" --export-json "$work/startup.json" \
    -n "helper --version (picocli path)" "$dist/bin/git-credential-sam --version" \
    -n "helper get, foreign host (start-up only)" "sh -c '$dist/bin/git-credential-sam get < /dev/null'" \
    -n "helper get, github.com (one agent call)" "sh -c '$dist/bin/git-credential-sam get < $work/request'"

rss() { /usr/bin/time -v "$@" 2>&1 >/dev/null | sed -n 's/.*Maximum resident set size (kbytes): //p'; }
rss_sam=$(rss sh -c "exec $dist/bin/git-credential-sam get < $work/request")
rss_ref=$(rss sh -c "exec $root/bench/reference-helper.sh get < $work/request")

python3 - "$work/fill.json" "$work/startup.json" "$rss_sam" "$rss_ref" "$(du -sh "$dist" | cut -f1)" <<'PY'
import json, sys
fill = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
start = json.load(open(sys.argv[2]))["results"]
sam, ref = fill["git-credential-sam"], fill["reference-sh-curl"]
ms = lambda s: s * 1000
print()
print("git credential fill      mean       p50")
for name, r in (("git-credential-sam", sam), ("reference sh+curl", ref)):
    print(f"{name:22} {ms(r['mean']):7.1f} ms {ms(r['median']):7.1f} ms")
print(f"ratio (mean)           {sam['mean'] / ref['mean']:.2f}   goal <= 4")
print(f"ratio (p50)            {sam['median'] / ref['median']:.2f}")
print(f"p50 git-credential-sam {ms(sam['median']):.1f} ms   goal <= 60 ms")
# CPU time is far less sensitive to a busy machine than wall time.
cpu = lambda r: ms(r["user"] + r["system"])
print(f"CPU per fill (user+sys): git-credential-sam {cpu(sam):.1f} ms, reference {cpu(ref):.1f} ms, ratio {cpu(sam) / cpu(ref):.2f}")
for r in start:
    print(f"start-up: {r['command']:42} p50 {ms(r['median']):6.1f} ms")
print(f"max RSS: git-credential-sam get {sys.argv[3]} KiB, reference {sys.argv[4]} KiB (sh+curl)")
print(f"dist size: {sys.argv[5]}")
PY
