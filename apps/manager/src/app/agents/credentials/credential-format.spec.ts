import { randomBytes } from 'node:crypto';
import { deriveCredential, verifyCredential } from './credential-format';

describe('agent credentials: derived from the id and a generation, checked without being stored', () => {
  const key = randomBytes(32);

  it('verifies what it derived and says whose it is', () => {
    const credential = deriveCredential(key, 'vm-1.zone-a', 3);
    expect(verifyCredential(key, credential)).toEqual({ agentId: 'vm-1.zone-a', generation: 3 });
  });

  it.each([
    ['another key', (c: string) => c, randomBytes(32)],
    ['another agent id', (c: string) => c.replace(/^vm-1/, 'vm-2'), undefined],
    ['another generation', (c: string) => c.replace(':3:', ':4:'), undefined],
    ['a changed MAC', (c: string) => `${c.slice(0, -1)}${c.endsWith('A') ? 'B' : 'A'}`, undefined],
    ['a cut MAC', (c: string) => c.slice(0, -2), undefined],
    ['generation 0', (c: string) => c.replace(':3:', ':0:'), undefined],
    ['the join token', () => 'agent-token-for-tests-123', undefined],
    ['nothing', () => '', undefined],
  ])('refuses %s', (_, change, otherKey) => {
    const credential = change(deriveCredential(key, 'vm-1', 3));
    expect(verifyCredential(otherKey ?? key, credential)).toBeUndefined();
  });
});
