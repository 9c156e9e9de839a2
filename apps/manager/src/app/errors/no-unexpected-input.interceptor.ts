import {
  BadRequestException,
  type CallHandler,
  type ExecutionContext,
  type HttpException,
  Injectable,
  type NestInterceptor,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Request } from 'express';
import type { Observable } from 'rxjs';

interface RouteArg {
  index: number;
  data?: unknown;
}

interface RouteInput {
  takesBody: boolean;
  /** A DTO class takes a JSON object; only an array type takes an array. */
  takesArray: boolean;
  /** undefined: a whole-object @Query() DTO, which the ValidationPipe checks (forbidNonWhitelisted). */
  queryKeys?: Set<string>;
}

/**
 * Keys class-transformer skips because every object already has them (`__proto__`, `constructor`,
 * `toString`…), so the ValidationPipe's `forbidNonWhitelisted` never sees them.
 */
const HIDDEN_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

function routeInput(context: ExecutionContext): RouteInput {
  const [controller, handler] = [context.getClass(), context.getHandler().name];
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as Record<
    string,
    RouteArg
  >;
  const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, handler) ?? []) as unknown[];
  const ofType = (type: RouteParamtypes) =>
    Object.entries(args)
      .filter(([key]) => key.split(':')[0] === String(type))
      .map(([, arg]) => arg);
  const queries = ofType(RouteParamtypes.QUERY);
  const wholeQuery = queries.some((arg) => arg.data === undefined);
  const bodies = ofType(RouteParamtypes.BODY);
  return {
    takesBody: bodies.length > 0,
    takesArray: bodies.some((arg) => types[arg.index] === Array),
    queryKeys: wholeQuery ? undefined : new Set(queries.map((arg) => String(arg.data))),
  };
}

/** Content-Length 0 is no body; a chunked body counts as one, since it cannot be measured unread. */
function hasBody(request: Request): boolean {
  const length = Number(request.headers['content-length'] ?? 0);
  return request.headers['transfer-encoding'] !== undefined || length > 0;
}

/** Far deeper than any DTO; class-transformer recurses once per level and would overflow the stack. */
const MAX_DEPTH = 32;

/** A key the ValidationPipe cannot see, or nesting it cannot survive, in a parsed body or query. */
function problemIn(parsed: unknown): string | undefined {
  const stack: [unknown, string, number][] = [[parsed, '', 0]];
  while (stack.length > 0) {
    const [value, path, depth] = stack.pop() as [unknown, string, number];
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_DEPTH) return `the body nests deeper than ${MAX_DEPTH} levels (at ${path})`;
    for (const key of Object.keys(value)) {
      const at = path ? `${path}.${key}` : key;
      if (HIDDEN_KEYS.has(key)) return `${at}: property ${at} should not exist`;
      stack.push([(value as Record<string, unknown>)[key], at, depth + 1]);
    }
  }
  return undefined;
}

function bodyRefusal(request: Request, input: RouteInput, route: string): HttpException | undefined {
  const body = hasBody(request);
  if (!input.takesBody) {
    return body ? new BadRequestException(`${route} takes no request body; send none`) : undefined;
  }
  if (!body) return new BadRequestException(`${route} needs a JSON body (Content-Type: application/json)`);
  if (!request.is('application/json')) {
    const given = request.headers['content-type'] ?? 'none';
    return new UnsupportedMediaTypeException(
      `${route} takes a JSON body: send it with Content-Type: application/json, not ${given}`,
    );
  }
  if (Array.isArray(request.body) && !input.takesArray) {
    return new BadRequestException(`${route} takes a JSON object, not an array`);
  }
  const problem = problemIn(request.body);
  return problem === undefined ? undefined : new BadRequestException(problem);
}

function queryRefusal(request: Request, input: RouteInput, route: string): HttpException | undefined {
  const problem = problemIn(request.query);
  if (problem !== undefined) return new BadRequestException(problem);
  const allowed = input.queryKeys;
  const unknown = allowed ? Object.keys(request.query).filter((key) => !allowed.has(key)) : [];
  if (!allowed || unknown.length === 0) return undefined;
  const takes = allowed.size > 0 ? `takes only ${[...allowed].join(', ')}` : 'takes none';
  const names = unknown.map((key) => JSON.stringify(key)).join(', ');
  return new BadRequestException(`unknown query parameter(s) ${names}: ${route} ${takes}`);
}

/**
 * Bad input changes nothing: a route without @Body() refuses a body, a route with one needs a JSON
 * object, and a route without @Query() refuses query parameters. Otherwise `POST /pods/light/pause` with
 * a stray body, or `POST /nodes` as a form, would run as if it were well formed.
 */
@Injectable()
export class NoUnexpectedInputInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<Request>();
      const route = `${request.method} ${request.route?.path ?? request.path}`;
      const input = routeInput(context);
      const refusal = bodyRefusal(request, input, route) ?? queryRefusal(request, input, route);
      if (refusal) throw refusal;
    }
    return next.handle();
  }
}
