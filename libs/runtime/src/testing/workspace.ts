import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';

export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
export const JOB_BUNDLE = join(WORKSPACE_ROOT, 'dist/apps/job/main.js');
const BUILD_IMAGE_SCRIPT = join(WORKSPACE_ROOT, 'tools/build-node-image.sh');

/** A cloud name no other run (or engineer) uses, so list() and cleanup see only this run's nodes. */
export function uniqueCloud(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export function requireJobBundle(): void {
  if (!existsSync(JOB_BUNDLE)) {
    throw new Error(`${JOB_BUNDLE} is missing: run npx nx build job`);
  }
}

/** The script is idempotent: it imports only when the image is missing or built from another bundle. */
export function ensureNodeImage(image: string): void {
  const result = spawnSync(BUILD_IMAGE_SCRIPT, [image], {
    cwd: WORKSPACE_ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(`tools/build-node-image.sh failed (${result.status}): ${result.stderr}${result.stdout}`);
  }
}

/**
 * Whether the engine answers /_ping, decided synchronously so a suite can pick describe or describe.skip at
 * load time (jest has no asynchronous skip). A child node process does the asynchronous part.
 */
export function dockerReachableSync(socketPath?: string): boolean {
  const script = `
    const dockerHost = process.env.DOCKER_HOST || '';
    const target = ${JSON.stringify(socketPath ?? null)} !== null ? { socketPath: ${JSON.stringify(socketPath ?? null)} }
      : dockerHost.startsWith('tcp://') ? { host: new URL(dockerHost).hostname, port: new URL(dockerHost).port }
      : { socketPath: dockerHost.startsWith('unix://') ? dockerHost.slice(7) : '/var/run/docker.sock' };
    require('http').get({ ...target, path: '/_ping', timeout: 2000 }, (r) => process.exit(r.statusCode === 200 ? 0 : 1))
      .on('timeout', () => process.exit(1)).on('error', () => process.exit(1));`;
  return spawnSync(process.execPath, ['-e', script], { timeout: 5_000 }).status === 0;
}
