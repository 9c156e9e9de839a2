import { Inject, Injectable } from '@nestjs/common';
import type { AgentRegistration } from '@strato/contracts';
import { MANAGER_CONFIG, type ManagerConfig } from '../../config/manager-config';
import { AgentNotFoundError } from '../../errors/domain-errors';
import { AgentCredentials } from '../credentials/agent-credentials';
import { EventBus } from '../../events/event-bus';
import { AGENT_CLIENT_FACTORY, type AgentClient, type AgentClientFactory } from './agent-client';
import { type AgentRecord, AgentsRepository } from './agents.repository';

export interface KnownAgent {
  record: AgentRecord;
  client: AgentClient;
}

/** The agents that registered (kept in the store, so a restarted manager still reaches them). */
@Injectable()
export class AgentRegistry {
  /** One client per agent, made again when its credential or address changes. */
  private readonly clients = new Map<string, { client: AgentClient; url: string; credential: string }>();

  constructor(
    @Inject(MANAGER_CONFIG) private readonly config: ManagerConfig,
    @Inject(AGENT_CLIENT_FACTORY) private readonly createClient: AgentClientFactory,
    private readonly agents: AgentsRepository,
    private readonly events: EventBus,
    private readonly credentials: AgentCredentials,
  ) {}

  register(registration: AgentRegistration): AgentRecord {
    const before = this.agents.find(registration.id);
    const record = this.agents.upsert(registration);
    if (!before || before.url !== registration.url) {
      this.events.publish({
        type: 'AgentRegistered',
        message: `agent ${registration.id} at ${registration.url} (${registration.runtime} runtime, ${registration.cores} cores)`,
      });
    } else if (before.cores !== registration.cores || before.memoryBytes !== registration.memoryBytes) {
      this.events.publish({
        type: 'AgentRegistered',
        message: `agent ${registration.id} now offers ${offer(registration)} (was ${offer(before)})`,
      });
    }
    return record;
  }

  heartbeat(id: string): void {
    if (!this.agents.touch(id)) throw new AgentNotFoundError(id);
  }

  list(): KnownAgent[] {
    return this.agents.list().map((record) => ({ record, client: this.clientFor(record) }));
  }

  /** What each agent said when it registered, without a client to reach it. */
  records(): AgentRecord[] {
    return this.agents.list();
  }

  get(id: string): KnownAgent | undefined {
    const record = this.agents.find(id);
    return record && { record, client: this.clientFor(record) };
  }

  require(id: string): KnownAgent {
    const agent = this.get(id);
    if (!agent) throw new AgentNotFoundError(id);
    return agent;
  }

  /** Heard from (registration or heartbeat) within STRATO_AGENT_TIMEOUT_MS, and not revoked. */
  isReachable(record: AgentRecord, now = Date.now()): boolean {
    return (
      record.revokedAt === undefined && now - Date.parse(record.lastSeenAt) <= this.config.agentTimeoutMs
    );
  }

  /** Calls the agent with its own credential (none before it joined or once revoked: it answers 401). */
  private clientFor(record: AgentRecord): AgentClient {
    const credential = this.credentials.current(record.id) ?? '';
    const known = this.clients.get(record.id);
    if (known && known.url === record.url && known.credential === credential) return known.client;
    const client = this.createClient(record.url, credential);
    this.clients.set(record.id, { client, url: record.url, credential });
    return client;
  }
}

const offer = ({ cores, memoryBytes }: { cores: number; memoryBytes: number }): string =>
  `${cores} cores and ${Math.round(memoryBytes / 2 ** 20)} MiB`;
