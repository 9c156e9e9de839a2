import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { OWNER_TOKEN, type OwnerToken } from './owner-token';
import { IS_PUBLIC } from './public.decorator';

export function tokensMatch(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Every owner route needs `Authorization: Bearer <owner token>`; routes marked @Public() do not. */
@Injectable()
export class OwnerTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(OWNER_TOKEN) private readonly token: OwnerToken,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
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
