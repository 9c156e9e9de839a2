import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AGENT_TOKEN_HEADER } from '@strato/contracts';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { MANAGER_CONFIG, type ManagerConfig } from '../config/manager-config';
import { OWNER_TOKEN, type OwnerToken } from './owner-token';
import { ROUTE_AUDIENCE, type RouteAudience } from './public.decorator';

export function tokensMatch(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Every route needs a token: owner routes `Authorization: Bearer <owner token>`, agent routes
 * (@AgentRoute) the agent token header; only @Public() routes need none. A valid token of the other
 * audience is 403 (known, not allowed here); anything else is 401.
 */
@Injectable()
export class OwnerTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(OWNER_TOKEN) private readonly token: OwnerToken,
    @Inject(MANAGER_CONFIG) private readonly config: ManagerConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const audience =
      this.reflector.getAllAndOverride<RouteAudience>(ROUTE_AUDIENCE, [
        context.getHandler(),
        context.getClass(),
      ]) ?? 'owner';
    const request = context.switchToHttp().getRequest<Request>();
    if (audience === 'public') return true;
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const agentHeader = request.header(AGENT_TOKEN_HEADER);
    return audience === 'agent' ? this.admitAgent(agentHeader, bearer) : this.admitOwner(bearer, agentHeader);
  }

  private admitAgent(agentHeader: string | undefined, bearer: string | undefined): true {
    if (tokensMatch(agentHeader ?? '', this.config.agentToken)) return true;
    if (bearer !== undefined && tokensMatch(bearer, this.token.value)) {
      throw new ForbiddenException('the owner token cannot call agent routes; they need the agent token');
    }
    throw new UnauthorizedException(`missing or wrong agent token in the ${AGENT_TOKEN_HEADER} header`);
  }

  private admitOwner(bearer: string | undefined, agentHeader: string | undefined): true {
    if (bearer !== undefined && tokensMatch(bearer, this.token.value)) return true;
    const isAgentToken = (given?: string) =>
      given !== undefined && tokensMatch(given, this.config.agentToken);
    if (isAgentToken(bearer) || isAgentToken(agentHeader)) {
      throw new ForbiddenException(
        `the agent token cannot call owner routes; send the owner token (it is in ${this.token.source})`,
      );
    }
    if (bearer === undefined) {
      throw new UnauthorizedException(
        `missing owner token: send "Authorization: Bearer <token>" (the token is in ${this.token.source})`,
      );
    }
    throw new UnauthorizedException(`wrong owner token (the right one is in ${this.token.source})`);
  }
}
