import type { NodeRuntime, RuntimeCapacity } from '@strato/runtime';
import { cpus, totalmem } from 'node:os';
import { loadAgentConfig } from '../config/agent-config';
import { AgentCapacity } from './agent-capacity';

const env = { STRATO_AGENT_TOKEN: 'agent-token-for-tests-123' };
const swarmHost: RuntimeCapacity = { cores: 16, memoryBytes: 64 * 2 ** 30, hosts: 1 };

function capacityOf(answers: Array<RuntimeCapacity | Error>, extraEnv: Record<string, string> = {}) {
  const runtime = {
    capacity: async (): Promise<RuntimeCapacity> => {
      const next = answers.shift();
      if (next === undefined || next instanceof Error) throw next ?? new Error('engine down');
      return next;
    },
  } as unknown as NodeRuntime;
  return new AgentCapacity(loadAgentConfig({ ...env, ...extraEnv }, '/srv'), runtime);
}

describe('AgentCapacity', () => {
  it("offers what the runtime says, and what it said last while it cannot tell (no flapping to this host's)", async () => {
    const capacity = capacityOf([swarmHost, new Error('engine down'), new Error('engine down')]);
    expect(await capacity.current()).toEqual(swarmHost);
    expect(await capacity.current()).toEqual(swarmHost);
    expect(await capacity.current()).toEqual(swarmHost);
  });

  it("offers this host's cores and memory while the runtime has never told", async () => {
    const capacity = capacityOf([new Error('engine down')]);
    expect(await capacity.current()).toEqual({ cores: cpus().length, memoryBytes: totalmem(), hosts: 1 });
  });

  it("lets the owner's STRATO_AGENT_CPUS and STRATO_AGENT_MEMORY_MIB win over the runtime", async () => {
    const capacity = capacityOf([swarmHost], { STRATO_AGENT_CPUS: '3', STRATO_AGENT_MEMORY_MIB: '2048' });
    expect(await capacity.current()).toEqual({ cores: 3, memoryBytes: 2048 * 2 ** 20, hosts: 1 });
  });
});
