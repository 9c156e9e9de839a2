import { Inject, Injectable } from '@nestjs/common';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AGENT_CONFIG, type AgentConfig } from '../config/agent-config';
import { tokensMatch } from './tokens-match';

/**
 * This agent's own credential, which the manager issued when it joined: the agent calls the manager with
 * it and accepts only it (and, for a rotation's grace, the one it replaced). Kept in the state dir with
 * mode 0600, so a restarted agent is still itself without the join token.
 */
@Injectable()
export class AgentCredential {
  private readonly file: string;
  private current: string | undefined;
  private previous: { credential: string; validUntil: number } | undefined;

  constructor(@Inject(AGENT_CONFIG) config: AgentConfig) {
    this.file = join(config.stateDir, 'agent-credential');
    this.current = existsSync(this.file) ? readFileSync(this.file, 'utf8').trim() || undefined : undefined;
  }

  get value(): string | undefined {
    return this.current;
  }

  accepts(given: string): boolean {
    if (this.current !== undefined && tokensMatch(given, this.current)) return true;
    return (
      this.previous !== undefined &&
      Date.now() < this.previous.validUntil &&
      tokensMatch(given, this.previous.credential)
    );
  }

  /** What the manager answered to a join or registration. */
  joined(credential: string): void {
    this.previous = undefined;
    this.store(credential);
  }

  /** A rotation: the new one from now on, the old one still accepted for `previousValidForMs`. */
  rotate(credential: string, previousValidForMs: number): void {
    if (this.current !== undefined && this.current !== credential) {
      this.previous = { credential: this.current, validUntil: Date.now() + previousValidForMs };
    }
    this.store(credential);
  }

  /** The manager no longer takes it (revoked, or its store was reset): join again with the join token. */
  forget(): void {
    this.previous = undefined;
    this.store(undefined);
  }

  private store(credential: string | undefined): void {
    this.current = credential;
    mkdirSync(join(this.file, '..'), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, credential === undefined ? '' : `${credential}\n`, { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.file);
  }
}
