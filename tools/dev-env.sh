#!/usr/bin/env bash
# Sets up what Strato's tests and a full local cloud need on a Debian machine: HAProxy, a Docker engine
# (started in the background, no bridge network: nodes use the host network), Chromium for browser tests,
# and the offline node image. Idempotent: run it as often as you like. Needs root (apt-get, dockerd).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ] || need+=(haproxy)
command -v dockerd >/dev/null || need+=(docker.io)
# Compose validates and runs deploy/compose.*.yml (tools/check-compose.sh); Debian ships v1, docker-compose.
docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null || need+=(docker-compose)
command -v chromium >/dev/null || need+=(chromium)
command -v socat >/dev/null || need+=(socat)
command -v wrk >/dev/null || need+=(wrk)
if [ ${#need[@]} -gt 0 ]; then
  echo "dev-env: installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

if ! docker version --format '{{.Server.Version}}' >/dev/null 2>&1; then
  echo "dev-env: starting dockerd (log in /tmp/dockerd.log)"
  nohup dockerd --bridge=none --iptables=false >/tmp/dockerd.log 2>&1 &
  for _ in $(seq 1 60); do
    docker version --format '{{.Server.Version}}' >/dev/null 2>&1 && break
    sleep 0.5
  done
fi
echo "dev-env: haproxy $(haproxy -v 2>/dev/null | head -1 | awk '{print $3}'), docker $(docker version --format '{{.Server.Version}}'), $(chromium --version 2>/dev/null)"
