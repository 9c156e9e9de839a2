import { SetMetadata } from '@nestjs/common';

export const ROUTE_AUDIENCE = Symbol('routeAudience');
export type RouteAudience = 'owner' | 'agent' | 'agent-join' | 'public';

/** Marks a route as open without any token (health only; it tells more to callers that `sendsOwnerToken`). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(ROUTE_AUDIENCE, 'public');

/**
 * Marks a route as called by one proxy agent, named by the `:id` in its path: it needs that agent's own
 * credential, not the owner's token, the join token or another agent's credential.
 */
export const AgentRoute = (): MethodDecorator & ClassDecorator => SetMetadata(ROUTE_AUDIENCE, 'agent');

/** Marks the route agents join by: the join token, or the joining agent's own credential. */
export const AgentJoinRoute = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ROUTE_AUDIENCE, 'agent-join');
