import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tokensMatch } from './bearer-token';
import { loadOwnerToken } from './owner-token';

describe('owner token', () => {
  const dir = mkdtempSync(join(tmpdir(), 'strato-token-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a token once, stores it with mode 0600 and reads the same one back', () => {
    const first = loadOwnerToken(undefined, dir);
    expect(first.generated).toBe(true);
    expect(first.value.length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dir, 'owner-token')).mode & 0o777).toBe(0o600);
    const second = loadOwnerToken(undefined, dir);
    expect(second).toEqual({ value: first.value, source: first.source, generated: false });
  });

  it('prefers the configured token', () => {
    expect(loadOwnerToken('configured-token-123456', dir)).toMatchObject({
      value: 'configured-token-123456',
      source: 'STRATO_OWNER_TOKEN',
    });
  });

  it.each([
    ['secret-token', 'secret-token', true],
    ['secret-token', 'secret-tokem', false],
    ['short', 'secret-token', false],
  ])('compares %s with %s: %s', (given, expected, match) => {
    expect(tokensMatch(given, expected)).toBe(match);
  });
});
