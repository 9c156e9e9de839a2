import { Injectable } from '@nestjs/common';
import { AgentRevokedError } from '../errors/domain-errors';
import { EventBus } from '../events/event-bus';
import { AgentCredentials } from './credentials/agent-credentials';
import { AgentRegistry } from './registry/agent-registry';

/**
 * The owner's hold on each agent's credential: rotate it with no call failing on either side, revoke it
 * (that agent alone is locked out; its nodes are then treated as on an unreachable host), readmit it.
 */
@Injectable()
export class AgentAccess {
  constructor(
    private readonly registry: AgentRegistry,
    private readonly credentials: AgentCredentials,
    private readonly events: EventBus,
  ) {}

  /**
   * The manager accepts the new credential first (and the old one for the grace), hands it to the agent
   * with the old one, and only then calls with the new one; when the agent cannot be reached, nothing has
   * changed.
   */
  async rotate(agentId: string): Promise<void> {
    const { record, client } = this.registry.require(agentId);
    if (record.revokedAt !== undefined) throw new AgentRevokedError(agentId);
    const rotation = this.credentials.rotate(agentId);
    try {
      await client.replaceCredential({
        credential: rotation.credential,
        previousValidForMs: rotation.previousValidForMs,
      });
    } catch (error) {
      rotation.undo();
      throw error;
    }
    rotation.done();
    this.events.publish({
      type: 'AgentCredentialRotated',
      message: `agent ${agentId} has a new credential; the previous one works for ${Math.round(rotation.previousValidForMs / 1000)} s more`,
    });
  }

  revoke(agentId: string): void {
    const { record } = this.registry.require(agentId);
    if (record.revokedAt !== undefined) return;
    this.credentials.revoke(agentId);
    this.events.publish({
      type: 'AgentRevoked',
      message: `agent ${agentId} revoked: its credential no longer works and it cannot join again until readmitted; its nodes count as on an unreachable host`,
    });
  }

  readmit(agentId: string): void {
    const { record } = this.registry.require(agentId);
    if (record.revokedAt === undefined) return;
    this.credentials.readmit(agentId);
    this.events.publish({
      type: 'AgentReadmitted',
      message: `agent ${agentId} readmitted: it joins again with the join token`,
    });
  }
}
