import { Inject, Injectable, Logger } from '@nestjs/common';
import type { NodeRuntime, RuntimeCapacity } from '@strato/runtime';
import { cpus, totalmem } from 'node:os';
import { AGENT_CONFIG, type AgentConfig } from '../config/agent-config';
import { NODE_RUNTIME } from './node-runtime.provider';

/**
 * What this agent offers the manager's placement: the owner's STRATO_AGENT_CPUS / STRATO_AGENT_MEMORY_MIB
 * where set, else what the runtime says (a swarm's all hosts, a remote engine's host), else this host's.
 */
@Injectable()
export class AgentCapacity {
  private readonly logger = new Logger(AgentCapacity.name);

  constructor(
    @Inject(AGENT_CONFIG) private readonly config: AgentConfig,
    @Inject(NODE_RUNTIME) private readonly runtime: NodeRuntime,
  ) {}

  async current(): Promise<RuntimeCapacity> {
    const offered = await this.runtime.capacity().catch((error: Error) => {
      this.logger.warn(
        `offering this host's cores and memory: the runtime cannot tell its own (${error.message})`,
      );
      return { cores: cpus().length, memoryBytes: totalmem(), hosts: 1 };
    });
    const { cpus: ownerCores, memoryBytes: ownerMemory } = this.config.capacity;
    return {
      ...offered,
      cores: ownerCores ?? offered.cores,
      memoryBytes: ownerMemory ?? offered.memoryBytes,
    };
  }
}

export const sameCapacity = (a: RuntimeCapacity, b: RuntimeCapacity): boolean =>
  a.cores === b.cores && a.memoryBytes === b.memoryBytes && a.hosts === b.hosts;
