import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { type InfrastructurePart, NODE_IMAGE } from './infrastructure-part';

export type PresentParts = Record<InfrastructurePart, boolean>;

/** `HAPROXY_BIN`, else `haproxy` on PATH, else the usual sbin places (as the manager looks); null when absent. */
export function findHaproxy(
  env: NodeJS.ProcessEnv = process.env,
  usual = ['/usr/sbin/haproxy', '/usr/local/sbin/haproxy'],
): string | null {
  const candidates = [
    ...(env['HAPROXY_BIN'] ? [env['HAPROXY_BIN']] : []),
    ...(env['PATH'] ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, 'haproxy')),
    ...usual,
  ];
  return candidates.find(isExecutable) ?? null;
}

export interface DockerProbe {
  engine: boolean;
  image: boolean;
  /** The engine is a swarm manager. */
  swarm: boolean;
}

/**
 * Whether a Docker engine answers, holds the node image, and manages a swarm. Synchronous, because a suite picks its describe
 * at load time and jest has no asynchronous skip: a child node process does the asynchronous part.
 */
export function probeDocker(env: NodeJS.ProcessEnv = process.env, image = NODE_IMAGE): DockerProbe {
  const script = `
    const host = process.env.DOCKER_HOST || '';
    const target = host.startsWith('tcp://') ? { host: new URL(host).hostname, port: new URL(host).port }
      : { socketPath: host.startsWith('unix://') ? host.slice(7) : '/var/run/docker.sock' };
    const get = (path) => new Promise((done) => require('http')
      .get({ ...target, path, timeout: 2000 }, (r) => { r.resume(); done(r.statusCode); })
      .on('timeout', function () { this.destroy(); }).on('error', () => done(0)));
    const body = (path) => new Promise((done) => require('http')
      .get({ ...target, path, timeout: 2000 }, (r) => { let s = ''; r.on('data', (d) => (s += d)); r.on('end', () => done(s)); })
      .on('timeout', function () { this.destroy(); }).on('error', () => done('{}')));
    get('/_ping').then(async (ping) => {
      const image = ping === 200 ? await get('/images/' + encodeURIComponent(process.argv[1]) + '/json') : 0;
      let swarm = false;
      try { const s = JSON.parse(ping === 200 ? await body('/info') : '{}').Swarm || {};
        swarm = s.LocalNodeState === 'active' && s.ControlAvailable === true; } catch {}
      process.stdout.write(JSON.stringify({ engine: ping === 200, image: image === 200, swarm }));
    });`;
  const probe = spawnSync(process.execPath, ['-e', script, image], { env, encoding: 'utf8', timeout: 6_000 });
  try {
    return JSON.parse(probe.stdout) as DockerProbe;
  } catch {
    return { engine: false, image: false, swarm: false };
  }
}

/** `CHROMIUM_BIN`, else `chromium` on PATH, else /usr/bin/chromium (for playwright-core's executablePath); null when absent. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [
    ...(env['CHROMIUM_BIN'] ? [env['CHROMIUM_BIN']] : []),
    ...(env['PATH'] ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, 'chromium')),
    '/usr/bin/chromium',
  ];
  return candidates.find(isExecutable) ?? null;
}

/** Whether this process may make network namespaces: it makes one and removes it again. */
export function probeNetns(): boolean {
  const name = `strato-probe-${process.pid}`;
  const added = spawnSync('ip', ['netns', 'add', name], { encoding: 'utf8', timeout: 5_000 });
  if (added.status !== 0) return false;
  return spawnSync('ip', ['netns', 'del', name], { timeout: 5_000 }).status === 0;
}

/** The engine of the swarm the swarm runtime's tests use: tools/swarm-daemon.sh starts it. */
export function swarmDockerHost(env: NodeJS.ProcessEnv = process.env): string {
  return env['STRATO_SWARM_DOCKER_HOST'] ?? 'unix:///tmp/strato-swarm/docker.sock';
}

/** The same, as the socket path dockerode and node:http take. */
export function swarmSocketPath(env: NodeJS.ProcessEnv = process.env): string {
  return swarmDockerHost(env).replace(/^unix:\/\//, '');
}

let docker: DockerProbe | undefined;
let swarm: DockerProbe | undefined;

/** What this machine has of the parts a variant needs; Docker is probed once per test file, and only when needed. */
export function presentParts(needs: readonly InfrastructurePart[]): PresentParts {
  if (needs.includes('docker') || needs.includes('nodeImage')) docker ??= probeDocker();
  if (needs.includes('swarm')) swarm ??= probeDocker({ ...process.env, DOCKER_HOST: swarmDockerHost() });
  return {
    docker: docker?.engine ?? false,
    nodeImage: docker?.image ?? false,
    haproxy: needs.includes('haproxy') && findHaproxy() !== null,
    chromium: needs.includes('chromium') && findChromium() !== null,
    netns: needs.includes('netns') && probeNetns(),
    swarm: (swarm?.swarm ?? false) && (swarm?.image ?? false),
  };
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
