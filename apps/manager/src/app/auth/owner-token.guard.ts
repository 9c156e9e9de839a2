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
import { MANAGER_CONFIG, type ManagerConfig } from '../config/manager-config';
import { bearerToken, tokensMatch } from './bearer-token';
import { OWNER_TOKEN, type OwnerToken } from './owner-token';
import { ROUTE_AUDIENCE, type RouteAudience } from './public.decorator';

/**
 * Where to get the owner token, told to callers who do not have it: fixed words, never the token file's
 * path, which would show an unauthenticated caller how the manager's host is laid out.
 */
export const OWNER_TOKEN_HINT =
  'use the owner token (npm start shows where it is kept; cloud login keeps it for the CLI)';

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
    const bearer = bearerToken(request);
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
      throw new ForbiddenException(`the agent token cannot call owner routes; ${OWNER_TOKEN_HINT}`);
    }
    if (bearer === undefined) {
      throw new UnauthorizedException(
        `missing owner token: send "Authorization: Bearer <token>"; ${OWNER_TOKEN_HINT}`,
      );
    }
    throw new UnauthorizedException(`wrong owner token; ${OWNER_TOKEN_HINT}`);
  }
}
