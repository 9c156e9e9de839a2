/** What a test variant can need beyond Node and npm. */
export type InfrastructurePart = 'docker' | 'nodeImage' | 'haproxy' | 'chromium' | 'netns' | 'swarm';

export interface PartDescription {
  /** The part, as a sentence's subject: "a Docker engine". */
  name: string;
  /** Why the variant did not run, in a few words: "no docker engine". */
  reason: string;
  /** How the probe found it missing. */
  detail: string;
  /** What gives it to this machine. */
  enable: string;
}

export const NODE_IMAGE = 'strato-node:latest';

export const PARTS: Record<InfrastructurePart, PartDescription> = {
  docker: {
    name: 'a Docker engine',
    reason: 'no docker engine',
    detail: 'nothing answers /_ping on DOCKER_HOST or /var/run/docker.sock',
    enable: 'tools/dev-env.sh (installs Docker and starts dockerd)',
  },
  nodeImage: {
    name: `the node image ${NODE_IMAGE}`,
    reason: 'no node image',
    detail: `the Docker engine has no image ${NODE_IMAGE}`,
    enable: 'tools/build-node-image.sh (builds it offline)',
  },
  haproxy: {
    name: 'the haproxy binary',
    reason: 'no haproxy binary',
    detail: 'none in HAPROXY_BIN, on PATH, in /usr/sbin or /usr/local/sbin',
    enable: 'tools/dev-env.sh (apt-get install -y haproxy)',
  },
  chromium: {
    name: 'the Chromium browser',
    reason: 'no chromium',
    detail: 'none in CHROMIUM_BIN, on PATH or at /usr/bin/chromium',
    enable: 'tools/dev-env.sh (apt-get install -y chromium)',
  },
  netns: {
    name: 'Linux network namespaces',
    reason: 'no network namespaces',
    detail: '`ip netns add` failed: no iproute2, or not root (CAP_SYS_ADMIN and CAP_NET_ADMIN)',
    enable: 'run as root with iproute2 (apt-get install -y iproute2)',
  },
  swarm: {
    name: 'a single-node Docker swarm',
    reason: 'no swarm',
    detail: `no swarm manager with the node image answers on STRATO_SWARM_DOCKER_HOST (default unix:///tmp/strato-swarm/docker.sock)`,
    enable: 'tools/swarm-daemon.sh start (an isolated second dockerd, swarm init, the node image loaded)',
  },
};
