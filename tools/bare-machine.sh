#!/usr/bin/env bash
# For testing only: runs a command on a simulated bare machine (Node and npm, no HAProxy, no Docker), to see
# what `npm test` does there. Nothing is uninstalled or stopped: in a private mount namespace, overlays hide
# the haproxy binary and the Docker socket from this command and its children only. Needs root (unshare).
#   tools/bare-machine.sh npx jest                 # not-run variants listed after the summary
#   CI=true tools/bare-machine.sh npx jest …       # the same variants fail, naming what is missing
set -euo pipefail
[ "$(id -u)" = 0 ] || { echo "tools/bare-machine.sh needs root (unshare --mount)" >&2; exit 2; }
if [ "${STRATO_BARE_MACHINE:-}" != 1 ]; then
  exec env STRATO_BARE_MACHINE=1 unshare --mount --propagation private "$0" "$@"
fi

scratch=$(mktemp -d /tmp/strato-bare-XXXXXX)
# overlayfs refuses an upper dir on another overlay (a container's /tmp): keep them on a tmpfs.
mount -t tmpfs tmpfs "$scratch"
hidden=()
# The namespace goes with this shell; the scratch dir is the one trace left in /tmp otherwise.
trap 'for dir in "${hidden[@]}"; do umount -l "$dir"; done; umount -l "$scratch"; rmdir "$scratch"' EXIT
hide() {
  local dir key
  dir=$(dirname "$1")
  key=$(echo "$dir" | tr / _)
  mkdir -p "$scratch/$key/up" "$scratch/$key/work"
  mount -t overlay overlay -o "lowerdir=$dir,upperdir=$scratch/$key/up,workdir=$scratch/$key/work" "$dir"
  hidden+=("$dir")
  rm -f "$1"
}
for bin in $(command -v haproxy || true) /usr/sbin/haproxy /usr/local/sbin/haproxy /usr/bin/haproxy; do
  real=$(readlink -f "$bin" || true)
  if [ -n "$real" ] && [ -e "$real" ]; then hide "$real"; fi
done
socket=$(readlink -f /var/run/docker.sock || true)
if [ -n "$socket" ] && [ -S "$socket" ]; then hide "$socket"; fi
unset DOCKER_HOST HAPROXY_BIN
status=0
"$@" || status=$?
exit $status
