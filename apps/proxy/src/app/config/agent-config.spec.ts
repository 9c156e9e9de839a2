import { AgentConfigError, loadAgentConfig } from './agent-config';

const env = { STRATO_AGENT_TOKEN: 'a-join-token-of-enough-length' };

describe('loadAgentConfig: the node runtime', () => {
  it.each(['auto', 'process', 'docker', 'swarm'])('accepts STRATO_RUNTIME=%s', (runtime) => {
    expect(loadAgentConfig({ ...env, STRATO_RUNTIME: runtime }, '/srv').runtime).toBe(runtime);
  });

  it('defaults to auto', () => {
    expect(loadAgentConfig(env, '/srv').runtime).toBe('auto');
  });

  it('refuses another runtime, naming the ones there are', () => {
    const load = () => loadAgentConfig({ ...env, STRATO_RUNTIME: 'kubernetes' }, '/srv');
    expect(load).toThrow(AgentConfigError);
    expect(load).toThrow('STRATO_RUNTIME must be auto, process, docker or swarm, got "kubernetes"');
  });
});

describe('loadAgentConfig: overcommit (what the swarm runtime reserves)', () => {
  it('is 1 unless STRATO_OVERCOMMIT says more', () => {
    expect(loadAgentConfig(env, '/srv').overcommit).toBe(1);
    expect(loadAgentConfig({ ...env, STRATO_OVERCOMMIT: '4' }, '/srv').overcommit).toBe(4);
  });

  it.each(['0.5', 'lots'])('refuses STRATO_OVERCOMMIT=%s', (value) => {
    expect(() => loadAgentConfig({ ...env, STRATO_OVERCOMMIT: value }, '/srv')).toThrow(
      `STRATO_OVERCOMMIT must be a number of at least 1 (1: never overcommit), got "${value}"`,
    );
  });
});
