import { SetMetadata } from '@nestjs/common';

export const ROUTE_AUDIENCE = Symbol('routeAudience');
export type RouteAudience = 'owner' | 'agent' | 'public';

/** Marks a route as open without any token (health only; it tells more to callers that `sendsOwnerToken`). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(ROUTE_AUDIENCE, 'public');

/** Marks a route as called by proxy agents: it needs the agent token, not the owner's. */
export const AgentRoute = (): MethodDecorator & ClassDecorator => SetMetadata(ROUTE_AUDIENCE, 'agent');
