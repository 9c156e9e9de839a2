#!/usr/bin/env bash
# A second, isolated Docker engine that is a swarm manager, for the swarm runtime's tests and benchmarks:
# its own data root, socket and containerd namespace, so leaving or breaking the swarm never touches the
# engine the docker runtime's tests use; and a third engine joined to it as a worker host advertised at
# 127.0.0.2 (STRATO_SWARM_WORKER=0: none), so the tests see a swarm of two hosts. Idempotent.
#   tools/swarm-daemon.sh start   # prints the socket: export DOCKER_HOST=unix://…
#   tools/swarm-daemon.sh stop    # stops only the engine this script started (by its pid file)
# Needs root and dockerd (tools/dev-env.sh installs it). Loads the node image from the main engine.
set -euo pipefail
dir="${STRATO_SWARM_DIR:-/tmp/strato-swarm}"
socket="unix://$dir/docker.sock"
worker="$dir/worker"
swarm_docker() { docker -H "$socket" "$@"; }
worker_docker() { docker -H "unix://$worker/docker.sock" "$@"; }

# start_engine DIR NAMESPACE: a dockerd with its own data root, exec root, socket and containerd namespace.
start_engine() {
  local root="$1" namespace="$2" engine="unix://$1/docker.sock"
  mkdir -p "$root/root" "$root/exec"
  docker -H "$engine" version --format '{{.Server.Version}}' >/dev/null 2>&1 && return 0
  nohup dockerd --data-root "$root/root" --exec-root "$root/exec" --pidfile "$root/docker.pid" \
    -H "$engine" --bridge=none --iptables=false \
    --containerd-namespace "$namespace" --containerd-plugins-namespace "$namespace-plugins" \
    >"$root/dockerd.log" 2>&1 &
  for _ in $(seq 1 60); do
    docker -H "$engine" version --format '{{.Server.Version}}' >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "swarm-daemon: dockerd did not start, see $root/dockerd.log" >&2
  exit 1
}

start() {
  start_engine "$dir" strato-swarm
  if [ "$(swarm_docker info --format '{{.Swarm.LocalNodeState}}')" != active ]; then
    swarm_docker swarm init --advertise-addr 127.0.0.1 >/dev/null
  fi
  if [ "${STRATO_SWARM_WORKER:-1}" != 0 ]; then
    start_engine "$worker" strato-swarm-worker
    if [ "$(worker_docker info --format '{{.Swarm.LocalNodeState}}')" != active ]; then
      worker_docker swarm join --advertise-addr 127.0.0.2 --listen-addr 127.0.0.2:2377 \
        --token "$(swarm_docker swarm join-token -q worker)" 127.0.0.1:2377 >/dev/null
    fi
  fi
  local image="${STRATO_NODE_IMAGE:-strato-node:latest}"
  local want have
  want="$(docker image inspect "$image" --format '{{.Id}}' 2>/dev/null || true)"
  have="$(swarm_docker image inspect "$image" --format '{{.Id}}' 2>/dev/null || true)"
  if [ -n "$want" ] && [ "$want" != "$have" ]; then docker save "$image" | swarm_docker load >/dev/null; fi
  echo "$socket"
}

# stop_engine DIR: stops only the dockerd whose pid file is there.
stop_engine() {
  [ -f "$1/docker.pid" ] || return 0
  local pid
  pid="$(cat "$1/docker.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  fi
  rm -f "$1/docker.pid"
}

stop() {
  stop_engine "$worker"
  stop_engine "$dir"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
