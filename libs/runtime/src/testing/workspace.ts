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
