#!/bin/sh
# Installs the Debian packages the end-to-end tests and benchmarks need, only if missing:
#   chromium (headless Swagger UI test), wrk (API benchmark), tmux (TUI tests).
# Idempotent and quiet when everything is present; safe to call from `make test`.
# Needs root (or sudo) only when something is actually missing.
set -eu

missing=""
for pkg in chromium wrk tmux; do
  command -v "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0

echo "ensure-system-deps: installing$missing" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "ensure-system-deps: need root to install$missing (apt-get install -y$missing)" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists only when they are absent or a first install attempt fails.
if ! $SUDO apt-get install -y --no-install-recommends $missing >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y --no-install-recommends $missing
fi
for pkg in $missing; do
  command -v "$pkg" >/dev/null 2>&1 || { echo "ensure-system-deps: $pkg still missing after install" >&2; exit 1; }
done
