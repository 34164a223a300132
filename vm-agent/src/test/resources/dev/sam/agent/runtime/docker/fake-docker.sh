#!/bin/bash
# Stand-in for the docker CLI: records every argv (NUL-separated) and stdin, and plays a container
# file system under $FAKE_DOCKER_DIR/fs so that writes can be read back.
set -u
dir="${FAKE_DOCKER_DIR:?}"
n=$(ls "$dir"/calls 2>/dev/null | wc -l)
call="$dir/calls/$(printf '%04d' "$n")"
mkdir -p "$dir/calls" "$dir/fs"
printf '%s\0' "$@" > "$call.argv"
case "$1" in
  container) [ -f "$dir/created" ] && { echo true; exit 0; }; echo "no such container" >&2; exit 1 ;;
  create) touch "$dir/created"; echo fakeid; exit 0 ;;
  start) exit 0 ;;
  exec) ;;
  *) echo "unexpected docker command $1" >&2; exit 2 ;;
esac
shift
envfile=""
while [ $# -gt 0 ]; do
  case "$1" in
    -i) shift ;;
    -u|-w) shift 2 ;;
    --env-file) envfile="$2"; shift 2 ;;
    *) break ;;
  esac
done
container="$1"; shift
if [ -n "$envfile" ]; then
  stat -c '%a' "$envfile" > "$call.envfile-mode"
  cp "$envfile" "$call.envfile"
fi
if [ "$1" = sh ] && [ "$2" = -c ] && [ "$4" = sam-write ]; then
  path="$5"; owner="$6"; mode="$7"
  mkdir -p "$dir/fs$(dirname "$path")"
  cat > "$dir/fs$path"
  cp "$dir/fs$path" "$call.stdin"
  printf '%s %s\n' "$owner" "$mode" > "$dir/fs$path.meta"
  exit 0
fi
if [ "$1" = cat ] && [ "$2" = -- ]; then
  cat "$dir/fs$3"; exit $?
fi
if [ "$1" = stat ]; then
  cut -d' ' -f2 "$dir/fs$5.meta"; exit 0
fi
cat > "$call.stdin"
echo "ran: $*"
