import { Inject, Injectable, Logger } from '@nestjs/common';
import type { NodeRuntime, RuntimeCapacity } from '@strato/runtime';
import { cpus, totalmem } from 'node:os';
import { AGENT_CONFIG, type AgentConfig } from '../config/agent-config';
import { NODE_RUNTIME } from './node-runtime.provider';

/**
 * What this agent offers the manager's placement: the owner's STRATO_AGENT_CPUS / STRATO_AGENT_MEMORY_MIB
 * where set, else what the runtime says (its swarm host, a remote engine's host). While the runtime cannot
 * tell (its engine down), what it said last, or this host's before it ever said: an engine that is away
 * a moment does not change the offer back and forth.
 */
@Injectable()
export class AgentCapacity {
  private readonly logger = new Logger(AgentCapacity.name);
  private known: RuntimeCapacity | undefined;
  private failing = false;

  constructor(
    @Inject(AGENT_CONFIG) private readonly config: AgentConfig,
    @Inject(NODE_RUNTIME) private readonly runtime: NodeRuntime,
  ) {}

  async current(): Promise<RuntimeCapacity> {
    const offered = await this.runtime.capacity().then(
      (capacity) => {
        this.failing = false;
        this.known = capacity;
        return capacity;
      },
      (error: Error) => {
        if (!this.failing) {
          this.logger.warn(
            `the runtime cannot tell what its nodes can be given (${error.message}): offering ${this.known ? 'what it said last' : "this host's cores and memory"} meanwhile`,
          );
        }
        this.failing = true;
        return this.known ?? { cores: cpus().length, memoryBytes: totalmem(), hosts: 1 };
      },
    );
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
