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
import { AGENT_CONFIG, type AgentConfig } from '../config/agent-config';

export const IS_PUBLIC = Symbol('isPublic');

/** Every agent route needs the agent token in the `x-strato-agent-token` header, except health. */
@Injectable()
export class AgentTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AGENT_CONFIG) private readonly config: AgentConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]))
      return true;
    const given = context.switchToHttp().getRequest<Request>().header(AGENT_TOKEN_HEADER) ?? '';
    const a = Buffer.from(given);
    const b = Buffer.from(this.config.token);
    if (a.length !== b.length || !timingSafeEqual(a, b)) {
      throw new UnauthorizedException(`missing or wrong agent token in the ${AGENT_TOKEN_HEADER} header`);
    }
    return true;
  }
}
