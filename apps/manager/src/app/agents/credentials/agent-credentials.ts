import { Inject, Injectable } from '@nestjs/common';
import { join } from 'node:path';
import { MANAGER_CONFIG, type ManagerConfig } from '../../config/manager-config';
import { tokensMatch } from '../../auth/bearer-token';
import { readOrCreateSecret } from '../../auth/secret-file';
import { AgentCredentialsRepository, type CredentialState } from './agent-credentials.repository';
import { deriveCredential, verifyCredential } from './credential-format';

/**
 * A rotation under way: the new credential, and how to end it. Until `done`, the manager still calls the
 * agent with the old one (the agent may not have the new one yet); `undo` goes back when the agent could not
 * be given it.
 */
export interface PendingRotation {
  credential: string;
  previousValidForMs: number;
  done(): void;
  undo(): void;
}

/**
 * The join token(s) and each agent's own credential. An agent joins with the join token and is issued a
 * credential of its own, which it then calls with and is called with. A rotation keeps the previous
 * credential valid for STRATO_AGENT_CREDENTIAL_GRACE_MS, so calls in flight on either side still pass; a
 * revocation retires every credential of the agent and refuses it a new one until it is readmitted.
 */
@Injectable()
export class AgentCredentials {
  private readonly key: Buffer;
  /** Agents being handed a new credential: called with the previous one until they have it. */
  private readonly handingOver = new Set<string>();

  constructor(
    @Inject(MANAGER_CONFIG) private readonly config: ManagerConfig,
    private readonly credentials: AgentCredentialsRepository,
  ) {
    this.key = Buffer.from(readOrCreateSecret(join(config.dataDir, 'agent-credential-key')).value);
  }

  isJoinToken(given: string | undefined): boolean {
    return given !== undefined && this.config.joinTokens.some((token) => tokensMatch(given, token));
  }

  /** The agent whose valid credential `given` is, or undefined. */
  agentOf(given: string | undefined): string | undefined {
    const claim = given === undefined ? undefined : verifyCredential(this.key, given);
    if (!claim) return undefined;
    const state = this.credentials.find(claim.agentId);
    if (!state || state.revokedAt !== undefined) return undefined;
    const current = claim.generation === state.generation;
    const previous =
      state.previous !== undefined &&
      claim.generation === state.previous.generation &&
      Date.now() < state.previous.validUntil;
    return current || previous ? claim.agentId : undefined;
  }

  isRevoked(agentId: string): boolean {
    return this.credentials.find(agentId)?.revokedAt !== undefined;
  }

  /** What the manager calls the agent with; undefined before it joined or once revoked. */
  current(agentId: string): string | undefined {
    const state = this.credentials.find(agentId);
    if (!state || state.generation === 0 || state.revokedAt !== undefined) return undefined;
    const generation =
      this.handingOver.has(agentId) && state.previous ? state.previous.generation : state.generation;
    return deriveCredential(this.key, agentId, generation);
  }

  /** A join (the agent sent the join token): a new credential, every earlier one retired. */
  issue(agentId: string): string {
    const generation = this.require(agentId).generation + 1;
    this.credentials.setGenerations(agentId, generation);
    return deriveCredential(this.key, agentId, generation);
  }

  /** A new credential at once; the current one stays valid for the grace unless the rotation is undone. */
  rotate(agentId: string): PendingRotation {
    const before = this.require(agentId);
    const previousValidForMs = this.config.agentCredentialGraceMs;
    const generation = before.generation + 1;
    this.credentials.setGenerations(agentId, generation, {
      generation: before.generation,
      validUntil: Date.now() + previousValidForMs,
    });
    this.handingOver.add(agentId);
    return {
      credential: deriveCredential(this.key, agentId, generation),
      previousValidForMs,
      done: () => this.handingOver.delete(agentId),
      undo: () => {
        this.handingOver.delete(agentId);
        this.credentials.setGenerations(agentId, before.generation, before.previous);
      },
    };
  }

  revoke(agentId: string, at = new Date()): void {
    const state = this.require(agentId);
    this.credentials.setGenerations(agentId, state.generation + 1);
    this.credentials.setRevokedAt(agentId, at.toISOString());
  }

  readmit(agentId: string): void {
    this.require(agentId);
    this.credentials.setRevokedAt(agentId, undefined);
  }

  private require(agentId: string): CredentialState {
    const state = this.credentials.find(agentId);
    if (!state) throw new Error(`no agent ${agentId} to hold a credential`);
    return state;
  }
}
