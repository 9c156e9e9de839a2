#!/usr/bin/env bash
# A second, isolated Docker engine that is a single-node swarm, for the swarm runtime's tests and
# benchmarks: its own data root, socket and containerd namespace, so leaving or breaking the swarm never
# touches the engine the docker runtime's tests use. Idempotent.
#   tools/swarm-daemon.sh start   # prints the socket: export DOCKER_HOST=unix://…
#   tools/swarm-daemon.sh stop    # stops only the engine this script started (by its pid file)
# Needs root and dockerd (tools/dev-env.sh installs it). Loads the node image from the main engine.
set -euo pipefail
dir="${STRATO_SWARM_DIR:-/tmp/strato-swarm}"
socket="unix://$dir/docker.sock"
swarm_docker() { docker -H "$socket" "$@"; }

start() {
  mkdir -p "$dir/root" "$dir/exec"
  if ! swarm_docker version --format '{{.Server.Version}}' >/dev/null 2>&1; then
    nohup dockerd --data-root "$dir/root" --exec-root "$dir/exec" --pidfile "$dir/docker.pid" \
      -H "$socket" --bridge=none --iptables=false \
      --containerd-namespace strato-swarm --containerd-plugins-namespace strato-swarm-plugins \
      >"$dir/dockerd.log" 2>&1 &
    for _ in $(seq 1 60); do
      swarm_docker version --format '{{.Server.Version}}' >/dev/null 2>&1 && break
      sleep 0.5
    done
    swarm_docker version --format '{{.Server.Version}}' >/dev/null || {
      echo "swarm-daemon: dockerd did not start, see $dir/dockerd.log" >&2
      exit 1
    }
  fi
  if [ "$(swarm_docker info --format '{{.Swarm.LocalNodeState}}')" != active ]; then
    swarm_docker swarm init --advertise-addr 127.0.0.1 >/dev/null
  fi
  local image="${STRATO_NODE_IMAGE:-strato-node:latest}"
  local want have
  want="$(docker image inspect "$image" --format '{{.Id}}' 2>/dev/null || true)"
  have="$(swarm_docker image inspect "$image" --format '{{.Id}}' 2>/dev/null || true)"
  if [ -n "$want" ] && [ "$want" != "$have" ]; then docker save "$image" | swarm_docker load >/dev/null; fi
  echo "$socket"
}

stop() {
  [ -f "$dir/docker.pid" ] || return 0
  local pid
  pid="$(cat "$dir/docker.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  fi
  rm -f "$dir/docker.pid"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
