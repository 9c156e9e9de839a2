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
 * (@AgentRoute) the agent token header; only @Public() routes need none.
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
    if (audience === 'agent') {
      if (!tokensMatch(request.header(AGENT_TOKEN_HEADER) ?? '', this.config.agentToken)) {
        throw new UnauthorizedException(`missing or wrong agent token in the ${AGENT_TOKEN_HEADER} header`);
      }
      return true;
    }
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match) {
      throw new UnauthorizedException(
        `missing owner token: send "Authorization: Bearer <token>" (the token is in ${this.token.source})`,
      );
    }
    if (!tokensMatch(match[1], this.token.value)) {
      throw new UnauthorizedException(`wrong owner token (the right one is in ${this.token.source})`);
    }
    return true;
  }
}
