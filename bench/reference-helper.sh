#!/bin/sh
# Reference for bench/credential-helper.sh: what the original system shipped, a POSIX sh + curl
# credential helper doing the same HTTP request to the same agent. Not for production: it passes
# the workspace credential in curl's argv (visible in ps), which git-credential-sam never does.
# Usage as a git helper: git calls it with "get"; config from $SAM_HELPER_CONFIG.
[ "$1" = get ] || { cat >/dev/null; exit 0; }
conf=${SAM_HELPER_CONFIG:-/etc/sam/git-credential-sam.conf}
url= cred_file=
while IFS='=' read -r key value; do
    case $key in
        SAM_AGENT_URL) url=$value ;;
        SAM_CREDENTIAL_FILE) cred_file=$value ;;
    esac
done < "$conf"
protocol= host=
request=
while IFS= read -r line && [ -n "$line" ]; do
    case $line in
        protocol=*) protocol=${line#protocol=} ;;
        host=*) host=${line#host=} ;;
    esac
done
[ "$protocol" = https ] && [ "$host" = github.com ] || exit 0
printf 'protocol=%s\nhost=%s\n' "$protocol" "$host" |
    curl -sS --connect-timeout 1 --max-time 10 -X POST -H "Content-Type: text/plain" \
        -H "Authorization: Bearer $(cat "$cred_file")" --data-binary @- "$url/git-credential"
