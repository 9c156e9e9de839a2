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
