import { AGENT_TOKEN_HEADER } from '@strato/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The header an agent accepts: its own credential, which the manager issued when it joined and which it
 * keeps in its state dir (read afresh, as a rotation or a new join changes it).
 */
export function agentCredentialHeaders(agentStateDir: string): Record<string, string> {
  return { [AGENT_TOKEN_HEADER]: readFileSync(join(agentStateDir, 'agent-credential'), 'utf8').trim() };
}
