import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * An agent's credential is `<agent id>:<generation>:<MAC>`, the MAC an HMAC-SHA256 of the id and the
 * generation under the manager's key. The manager stores no credential, only each agent's generation: a
 * rotation or a revocation moves it, which retires every credential of an older generation at once. The id
 * in the clear tells the manager whose credential it is (so one agent cannot speak for another); ids never
 * hold a colon.
 */
export interface CredentialClaim {
  agentId: string;
  generation: number;
}

const mac = (key: Buffer, agentId: string, generation: number) =>
  createHmac('sha256', key).update(`${agentId}:${generation}`).digest('base64url');

export function deriveCredential(key: Buffer, agentId: string, generation: number): string {
  return `${agentId}:${generation}:${mac(key, agentId, generation)}`;
}

/** The agent and generation a credential was derived for, when its MAC is right; else undefined. */
export function verifyCredential(key: Buffer, credential: string): CredentialClaim | undefined {
  const match = /^([a-z0-9][a-z0-9.-]{0,62}):([1-9]\d{0,15}):([A-Za-z0-9_-]{43})$/.exec(credential);
  if (!match) return undefined;
  const [, agentId, generationText, given] = match;
  const generation = Number(generationText);
  const expected = Buffer.from(mac(key, agentId, generation));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected)
    ? { agentId, generation }
    : undefined;
}
