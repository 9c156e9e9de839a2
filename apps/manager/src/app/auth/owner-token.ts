import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface OwnerToken {
  value: string;
  /** Where the token lives, for the manager's own log: never answered to a caller, as a path tells too much. */
  source: string;
  generated: boolean;
}

export const OWNER_TOKEN = Symbol('OwnerToken');

/** The configured token, else the one stored under the data dir, else a new one written there with mode 0600. */
export function loadOwnerToken(configured: string | undefined, dataDir: string): OwnerToken {
  if (configured) return { value: configured, source: 'STRATO_OWNER_TOKEN', generated: false };
  const file = join(dataDir, 'owner-token');
  if (existsSync(file)) return { value: readFileSync(file, 'utf8').trim(), source: file, generated: false };
  mkdirSync(dataDir, { recursive: true });
  const value = randomBytes(24).toString('base64url');
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { value, source: file, generated: true };
}
