#!/usr/bin/env bash
# Installs the Debian packages that SAM's tests, benchmarks and demo use. Idempotent: installs
# only what is missing, and says what it installs.
set -euo pipefail

PACKAGES=(bubblewrap git dash zsh fish gh curl hyperfine wrk procps time)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "install-os-packages: need root to install: ${missing[*]}" >&2; exit 1
  fi
else
  SUDO=
fi
echo "install-os-packages: installing ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
