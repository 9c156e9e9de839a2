import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import type { OwnerToken } from './owner-token';

export function tokensMatch(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer <token>` header, if the request sends one. */
export function bearerToken(request: Request): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
}

/** Whether the request sends the owner token: lets a public route tell its owner more, rejecting nobody. */
export function sendsOwnerToken(request: Request, token: OwnerToken): boolean {
  const given = bearerToken(request);
  return given !== undefined && tokensMatch(given, token.value);
}
