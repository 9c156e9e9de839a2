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
import { AgentCredentials } from '../agents/credentials/agent-credentials';
import { setAgentAuth } from './agent-auth';
import { bearerToken, tokensMatch } from './bearer-token';
import { OWNER_TOKEN, type OwnerToken } from './owner-token';
import { ROUTE_AUDIENCE, type RouteAudience } from './public.decorator';

/**
 * Where to get the owner token, told to callers who do not have it: fixed words, never the token file's
 * path, which would show an unauthenticated caller how the manager's host is laid out.
 */
export const OWNER_TOKEN_HINT =
  'use the owner token (npm start shows where it is kept; cloud login keeps it for the CLI)';

const WRONG_AGENT_CREDENTIAL = `missing or wrong agent credential in the ${AGENT_TOKEN_HEADER} header; an agent that lost its credential joins again with the join token`;

/**
 * Every route needs a token: owner routes `Authorization: Bearer <owner token>`; agent routes
 * (@AgentRoute) the calling agent's own credential in the agent header; the join route (@AgentJoinRoute)
 * the join token or the joining agent's credential; only @Public() routes need none. A valid token of the
 * other audience is 403 (known, not allowed here); anything else is 401. No answer repeats what was sent.
 */
@Injectable()
export class OwnerTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(OWNER_TOKEN) private readonly token: OwnerToken,
    private readonly credentials: AgentCredentials,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const audience =
      this.reflector.getAllAndOverride<RouteAudience>(ROUTE_AUDIENCE, [
        context.getHandler(),
        context.getClass(),
      ]) ?? 'owner';
    const request = context.switchToHttp().getRequest<Request>();
    if (audience === 'public') return true;
    if (audience === 'owner') return this.admitOwner(request);
    this.refuseOwnerToken(request);
    return audience === 'agent' ? this.admitAgent(request) : this.admitJoin(request);
  }

  private admitAgent(request: Request): true {
    const agentId = this.credentials.agentOf(request.header(AGENT_TOKEN_HEADER));
    if (agentId === undefined) throw new UnauthorizedException(WRONG_AGENT_CREDENTIAL);
    const named = request.params['id'];
    if (named !== undefined && named !== agentId) {
      throw new ForbiddenException(
        `this credential is agent ${agentId}'s; it cannot speak for agent ${named}`,
      );
    }
    setAgentAuth(request, { via: 'credential', agentId });
    return true;
  }

  private admitJoin(request: Request): true {
    const given = request.header(AGENT_TOKEN_HEADER);
    const joining = (request.body as { id?: unknown } | undefined)?.id;
    const agentId = this.credentials.agentOf(given);
    if (agentId !== undefined) {
      if (joining !== agentId) {
        throw new ForbiddenException(
          `this credential is agent ${agentId}'s; it cannot register another agent`,
        );
      }
      setAgentAuth(request, { via: 'credential', agentId });
      return true;
    }
    if (!this.credentials.isJoinToken(given)) {
      throw new UnauthorizedException(
        `missing or wrong join token in the ${AGENT_TOKEN_HEADER} header (the manager's STRATO_AGENT_TOKEN)`,
      );
    }
    if (typeof joining === 'string' && this.credentials.isRevoked(joining)) {
      throw new ForbiddenException(
        `agent ${joining} was revoked by the owner; \`cloud agent readmit ${joining}\` lets it join again`,
      );
    }
    setAgentAuth(request, { via: 'join-token' });
    return true;
  }

  private refuseOwnerToken(request: Request): void {
    const bearer = bearerToken(request);
    if (bearer !== undefined && tokensMatch(bearer, this.token.value)) {
      throw new ForbiddenException('the owner token cannot call agent routes; they need an agent credential');
    }
  }

  private admitOwner(request: Request): true {
    const bearer = bearerToken(request);
    if (bearer !== undefined && tokensMatch(bearer, this.token.value)) return true;
    const isAgents = (given?: string) =>
      given !== undefined &&
      (this.credentials.isJoinToken(given) || this.credentials.agentOf(given) !== undefined);
    if (isAgents(bearer) || isAgents(request.header(AGENT_TOKEN_HEADER))) {
      throw new ForbiddenException(
        `the join token and agent credentials cannot call owner routes; ${OWNER_TOKEN_HINT}`,
      );
    }
    if (bearer === undefined) {
      throw new UnauthorizedException(
        `missing owner token: send "Authorization: Bearer <token>"; ${OWNER_TOKEN_HINT}`,
      );
    }
    throw new UnauthorizedException(`wrong owner token; ${OWNER_TOKEN_HINT}`);
  }
}
