import { findHaproxyBinary } from '../lib/supervisor/find-haproxy-binary';

/**
 * The haproxy binary for integration suites. In CI (`CI=true`) a missing binary is a failure, because
 * CI is where the real thing must be exercised; elsewhere the suite is skipped with a message.
 */
export function haproxyForTests(): { binary: string | null; describeIfHaproxy: jest.Describe } {
  const binary = findHaproxyBinary();
  if (binary === null && process.env['CI'] === 'true') {
    throw new Error('haproxy binary not found (set HAPROXY_BIN): required when CI=true');
  }
  if (binary === null) console.warn('haproxy binary not found: skipping haproxy integration tests');
  return { binary, describeIfHaproxy: binary === null ? describe.skip : describe };
}
