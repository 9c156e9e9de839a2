import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AGENT_TOKEN_HEADER } from '@strato/contracts';
import type { Request } from 'express';
import { AGENT_CONFIG, type AgentConfig } from '../config/agent-config';
import { AgentCredential } from './agent-credential';
import { tokensMatch } from './tokens-match';

export const IS_PUBLIC = Symbol('isPublic');

/**
 * Every agent route needs a token in the `x-strato-agent-token` header, except health: with a manager, this
 * agent's own credential (the one the manager issued it, so no other agent's and not the join token);
 * standalone (no STRATO_MANAGER_URL), the configured STRATO_AGENT_TOKEN.
 */
@Injectable()
export class AgentTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AGENT_CONFIG) private readonly config: AgentConfig,
    private readonly credential: AgentCredential,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]))
      return true;
    const given = context.switchToHttp().getRequest<Request>().header(AGENT_TOKEN_HEADER) ?? '';
    if (
      this.config.managerUrl === undefined
        ? tokensMatch(given, this.config.token)
        : this.credential.accepts(given)
    ) {
      return true;
    }
    throw new UnauthorizedException(
      this.config.managerUrl !== undefined && this.credential.value === undefined
        ? 'this agent has not joined its manager yet: it accepts calls once the manager issued it a credential'
        : `missing or wrong credential in the ${AGENT_TOKEN_HEADER} header`,
    );
  }
}
