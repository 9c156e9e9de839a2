#!/usr/bin/env bash
# Builds the manager and agent images (default strato-manager:latest, strato-agent:latest) fully offline,
# the way tools/build-node-image.sh builds the node image: a root filesystem holding this host's `node`
# binary and the shared libraries it links, the nx bundles, the npm packages they load at run time
# (deploy/lib/runtime-deps.mjs), fed to `docker import`. The manager image also carries this host's
# haproxy and the dashboard; the agent image /bin/sh (the process runtime's cgroup wrapper) and the job
# server. deploy/manager.Dockerfile and deploy/agent.Dockerfile build the same layout on hosts that pull.
# Usage: tools/build-deploy-images.sh [--force] [manager] [agent]   (neither named: both)
# Image names: MANAGER_IMAGE, AGENT_IMAGE. Idempotent: an image built from the same inputs is kept.
set -euo pipefail

force=false
if [[ "${1:-}" == "--force" ]]; then force=true; shift; fi
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(manager agent)
for target in "${targets[@]}"; do
  [[ "$target" == manager || "$target" == agent ]] || { echo "usage: $0 [--force] [manager] [agent]" >&2; exit 64; }
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
say() { echo "build-deploy-images: $*"; }

for bundle in dist/apps/manager/main.js dist/apps/proxy/main.js dist/apps/job/main.js dist/apps/dashboard/browser/index.html; do
  if [[ ! -f "$bundle" ]]; then
    say "$bundle missing, running npx nx run-many -t build -p manager proxy job dashboard"
    npx nx run-many -t build -p manager proxy job dashboard --output-style=static
    break
  fi
done

if ! docker version >/dev/null 2>&1; then
  echo "build-deploy-images: docker engine not reachable; start it with tools/dev-env.sh" >&2
  exit 1
fi

node_bin="$(readlink -f "$(command -v node)")"
haproxy_bin="$(command -v haproxy || true)"
[[ -n "$haproxy_bin" ]] || haproxy_bin=/usr/sbin/haproxy
# The image's user: the uid and gid of `node` in the node:20 images, so a volume works with either build.
app_uid=1000

work="$(mktemp -d -t strato-deploy-images.XXXXXX)"
trap 'rm -rf "$work"' EXIT

# Copies each file, and every shared library it links (ldd: "name => /path (addr)", the loader as
# "/path (addr)", vdso without a file), to the same path under the root filesystem.
copy_libs_of() {
  local rootfs="$1" file="$2" lib
  for lib in $(ldd "$file" | awk '/=> \// { print $3 } /^[[:space:]]*\// { print $1 }' | sort -u); do
    [[ -e "$rootfs$lib" ]] && continue
    mkdir -p "$rootfs$(dirname "$lib")"
    cp -L "$lib" "$rootfs$lib"
  done
}

copy_with_libs() {
  local rootfs="$1" file
  shift
  for file in "$@"; do
    mkdir -p "$rootfs$(dirname "$file")"
    cp -L "$file" "$rootfs$file"
    copy_libs_of "$rootfs" "$file"
  done
}

base_rootfs() {
  local rootfs="$1"
  mkdir -p "$rootfs"/{etc,tmp,app,data,usr/bin}
  chmod 1777 "$rootfs/tmp"
  copy_with_libs "$rootfs" "$node_bin"
  [[ "$node_bin" == /usr/bin/node ]] || mv "$rootfs$node_bin" "$rootfs/usr/bin/node"
  # Host names (a manager URL by name) resolve through glibc's NSS modules, loaded at run time, not linked.
  local libdir
  libdir="$(dirname "$(ldd "$node_bin" | awk '/libc\.so/ { print $3 }')")"
  for nss in libnss_files.so.2 libnss_dns.so.2 libresolv.so.2; do
    [[ -e "$libdir/$nss" ]] && copy_with_libs "$rootfs" "$libdir/$nss"
  done
  printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$rootfs/etc/nsswitch.conf"
  printf 'root:x:0:0:root:/root:/bin/sh\nnode:x:%s:%s:strato:/data:/usr/sbin/nologin\n' "$app_uid" "$app_uid" >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnode:x:%s:\n' "$app_uid" >"$rootfs/etc/group"
}

# The inputs' hash names the build, so an unchanged set of inputs skips the import.
inputs_sha() {
  local files=("$@")
  { for file in "${files[@]}"; do
      if [[ -d "$file" ]]; then find "$file" -type f -print0 | sort -z | xargs -0 cat; else cat "$file"; fi
    done; } | sha256sum | cut -c1-16
}

up_to_date() {
  local image="$1" sha="$2" current
  current="$(docker image inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$image" 2>/dev/null \
    | sed -n 's/^STRATO_IMAGE_INPUTS=//p' || true)"
  [[ "$force" == false && "$current" == "$sha" ]]
}

# Everything root-owned but /data, which belongs to the image's user (a named volume starts as a copy of it).
import_rootfs() {
  local rootfs="$1" image="$2"
  shift 2
  local tarball="$work/$(basename "$rootfs").tar"
  tar -C "$rootfs" --numeric-owner --owner=0 --group=0 --exclude=./data -cf "$tarball" .
  tar -C "$rootfs" --numeric-owner --owner="$app_uid" --group="$app_uid" -rf "$tarball" ./data
  local changes=()
  for change in "$@"; do changes+=(-c "$change"); done
  docker import "${changes[@]}" "$tarball" "$image" >/dev/null
}

build_manager() {
  local image="${MANAGER_IMAGE:-strato-manager:latest}"
  [[ -x "$haproxy_bin" ]] || { echo "build-deploy-images: no haproxy binary (apt-get install haproxy, or tools/dev-env.sh)" >&2; exit 1; }
  local sha
  sha="$(inputs_sha dist/apps/manager/main.js dist/apps/dashboard/browser package-lock.json "$node_bin" "$haproxy_bin" \
    deploy/lib/runtime-deps.mjs "${BASH_SOURCE[0]}")"
  if up_to_date "$image" "$sha"; then say "$image is up to date (inputs $sha), nothing to do"; return; fi
  local rootfs="$work/manager"
  base_rootfs "$rootfs"
  mkdir -p "$rootfs/app/dist/apps/manager" "$rootfs/app/dist/apps/dashboard"
  cp dist/apps/manager/main.js "$rootfs/app/dist/apps/manager/"
  cp -r dist/apps/dashboard/browser "$rootfs/app/dist/apps/dashboard/"
  node deploy/lib/runtime-deps.mjs --from . --to "$rootfs/app" --also @nestjs/platform-express --also class-transformer dist/apps/manager/main.js
  # Native addons (better-sqlite3) link libraries of their own, libstdc++ among them.
  local addon
  while IFS= read -r addon; do copy_libs_of "$rootfs" "$addon"; done < <(find "$rootfs/app/node_modules" -name '*.node' -type f)
  copy_with_libs "$rootfs" "$haproxy_bin"
  [[ "$haproxy_bin" == /usr/sbin/haproxy ]] || mv "$rootfs$haproxy_bin" "$rootfs/usr/sbin/haproxy"
  import_rootfs "$rootfs" "$image" \
    'ENTRYPOINT ["/usr/bin/node","/app/dist/apps/manager/main.js"]' \
    'WORKDIR /app' \
    "USER $app_uid:$app_uid" \
    'ENV PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin' \
    'ENV NODE_ENV=production' \
    'ENV STRATO_DATA_DIR=/data' \
    'ENV STRATO_DASHBOARD_DIR=/app/dist/apps/dashboard/browser' \
    'ENV STRATO_HAPROXY_BIN=/usr/sbin/haproxy' \
    'EXPOSE 8080 8000' \
    "ENV STRATO_IMAGE_INPUTS=$sha"
  say "imported $image: node $(node --version), $($haproxy_bin -v | head -1 | awk '{print $3}') haproxy, the manager and dashboard bundles (inputs $sha)"
}

build_agent() {
  local image="${AGENT_IMAGE:-strato-agent:latest}"
  local sh_bin
  sh_bin="$(readlink -f /bin/sh)"
  local sha
  sha="$(inputs_sha dist/apps/proxy/main.js dist/apps/job/main.js package-lock.json "$node_bin" "$sh_bin" \
    deploy/lib/runtime-deps.mjs "${BASH_SOURCE[0]}")"
  if up_to_date "$image" "$sha"; then say "$image is up to date (inputs $sha), nothing to do"; return; fi
  local rootfs="$work/agent"
  base_rootfs "$rootfs"
  mkdir -p "$rootfs/app/dist/apps/proxy" "$rootfs/app/dist/apps/job" "$rootfs/bin"
  cp dist/apps/proxy/main.js "$rootfs/app/dist/apps/proxy/"
  cp dist/apps/job/main.js "$rootfs/app/dist/apps/job/"
  node deploy/lib/runtime-deps.mjs --from . --to "$rootfs/app" --also @nestjs/platform-express --also class-transformer dist/apps/proxy/main.js
  copy_with_libs "$rootfs" "$sh_bin"
  [[ -e "$rootfs/bin/sh" ]] || cp "$rootfs$sh_bin" "$rootfs/bin/sh"
  import_rootfs "$rootfs" "$image" \
    'ENTRYPOINT ["/usr/bin/node","/app/dist/apps/proxy/main.js"]' \
    'WORKDIR /app' \
    'ENV PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin' \
    'ENV NODE_ENV=production' \
    'ENV STRATO_AGENT_STATE_DIR=/data' \
    'ENV STRATO_JOB_SERVER=/app/dist/apps/job/main.js' \
    'EXPOSE 8081' \
    "ENV STRATO_IMAGE_INPUTS=$sha"
  say "imported $image: node $(node --version), /bin/sh, the agent and job server bundles (inputs $sha)"
}

for target in "${targets[@]}"; do "build_$target"; done
