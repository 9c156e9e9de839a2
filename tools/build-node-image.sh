#!/usr/bin/env bash
# Builds the node image (default strato-node:latest) fully offline: a root filesystem holding this host's
# `node` binary, the shared libraries it links, and the bundled job server, fed to `docker import`.
# Usage: tools/build-node-image.sh [--force] [image-tag]
# Idempotent: skips the import when an image with the same tag was built from the same inputs.
set -euo pipefail

force=false
if [[ "${1:-}" == "--force" ]]; then force=true; shift; fi
image="${1:-strato-node:latest}"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bundle="$root/dist/apps/job/main.js"

if [[ ! -f "$bundle" ]]; then
  echo "build-node-image: $bundle missing, running npx nx build job"
  (cd "$root" && npx nx build job)
fi

if ! docker version >/dev/null 2>&1; then
  echo "build-node-image: docker engine not reachable; start it with: dockerd --bridge=none --iptables=false > /tmp/dockerd.log 2>&1 &" >&2
  exit 1
fi

node_bin="$(readlink -f "$(command -v node)")"
# The hash of every input names the build, so an unchanged bundle and node binary skip the import.
inputs_sha="$(cat "$bundle" "$node_bin" | sha256sum | cut -c1-16)"
current_sha="$(docker image inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$image" 2>/dev/null \
  | sed -n 's/^STRATO_IMAGE_INPUTS=//p' || true)"
if [[ "$force" == false && "$current_sha" == "$inputs_sha" ]]; then
  echo "build-node-image: $image is up to date (inputs $inputs_sha), nothing to do"
  exit 0
fi

rootfs="$(mktemp -d -t strato-rootfs.XXXXXX)"
trap 'rm -rf "$rootfs"' EXIT

mkdir -p "$rootfs/usr/bin" "$rootfs/app" "$rootfs/tmp"
chmod 1777 "$rootfs/tmp"
cp "$node_bin" "$rootfs/usr/bin/node"
cp "$bundle" "$rootfs/app/server.js"

# ldd prints "name => /path (addr)" for libraries and "/path (addr)" for the loader; vdso has no file.
libs="$(ldd "$node_bin" | awk '/=> \// { print $3 } /^[[:space:]]*\// { print $1 }' | sort -u)"
for lib in $libs; do
  mkdir -p "$rootfs$(dirname "$lib")"
  cp -L "$lib" "$rootfs$lib"
done
lib_count="$(wc -w <<<"$libs")"

tar -C "$rootfs" -c . | docker import \
  -c 'ENTRYPOINT ["/usr/bin/node","/app/server.js"]' \
  -c 'ENV HOST=127.0.0.1' \
  -c "ENV STRATO_IMAGE_INPUTS=$inputs_sha" \
  - "$image" >/dev/null

echo "build-node-image: imported $image from $node_bin ($(node --version)), $lib_count shared libraries and $bundle (inputs $inputs_sha)"
