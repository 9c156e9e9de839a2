import { join } from 'node:path';
import { readOrCreateSecret } from './secret-file';

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
  const source = join(dataDir, 'owner-token');
  return { ...readOrCreateSecret(source), source };
}
