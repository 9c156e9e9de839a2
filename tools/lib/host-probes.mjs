// Small probes of what this host offers: a Docker engine, an image, a binary on PATH.
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { delimiter, join } from 'node:path';

const DOCKER_SOCKET = '/var/run/docker.sock';

function dockerGet(path) {
  return new Promise((resolve) => {
    if (!existsSync(DOCKER_SOCKET)) return resolve(0);
    const req = request({ socketPath: DOCKER_SOCKET, path, method: 'GET', timeout: 3000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

export async function dockerReachable() {
  return (await dockerGet('/_ping')) === 200;
}

export async function dockerImageExists(image) {
  return (await dockerGet(`/images/${encodeURIComponent(image)}/json`)) === 200;
}

export function findBinary(name) {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  return dirs.map((dir) => join(dir, name)).find((file) => existsSync(file));
}
