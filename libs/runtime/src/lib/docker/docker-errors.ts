import { NodeNotFoundError } from '../errors/node-not-found.error';
import { RuntimeUnavailableError } from '../errors/runtime-unavailable.error';

/** The fields docker-modem puts on its errors: an HTTP status from the engine, or an errno from the socket. */
interface DockerFailure {
  statusCode?: number;
  code?: string;
  message: string;
}

const UNREACHABLE_CODES = new Set(['ENOENT', 'ECONNREFUSED', 'ECONNRESET', 'EACCES', 'ETIMEDOUT', 'EPIPE']);

export function dockerFailure(error: unknown): DockerFailure {
  if (typeof error !== 'object' || error === null) return { message: String(error) };
  const { statusCode, code, message } = error as Partial<DockerFailure>;
  return {
    statusCode: typeof statusCode === 'number' ? statusCode : undefined,
    code: typeof code === 'string' ? code : undefined,
    message: typeof message === 'string' ? message.trim() : String(error),
  };
}

export function hasStatus(error: unknown, statusCode: number): boolean {
  return dockerFailure(error).statusCode === statusCode;
}

export interface DockerErrorContext {
  operation: string;
  nodeId?: string;
  image: string;
  endpoint: string;
}

/** Turns a dockerode error into one of the port's errors, or an Error that names the operation and node. */
export function translateDockerError(error: unknown, context: DockerErrorContext): Error {
  const failure = dockerFailure(error);
  const subject = context.nodeId === undefined ? '' : ` of node ${context.nodeId}`;
  if (failure.code !== undefined && UNREACHABLE_CODES.has(failure.code)) {
    return new RuntimeUnavailableError(
      `docker engine not reachable at ${context.endpoint} (${failure.code}) during ${context.operation}${subject}: ` +
        'start it (dockerd --bridge=none --iptables=false) or use the process runtime',
      { cause: error },
    );
  }
  if (failure.statusCode === 404 && /no such image/i.test(failure.message)) {
    return new RuntimeUnavailableError(`image ${context.image} is missing: run tools/build-node-image.sh`, {
      cause: error,
    });
  }
  if (failure.statusCode === 404 && context.nodeId !== undefined) {
    return new NodeNotFoundError(context.nodeId, { cause: error });
  }
  return new Error(`docker ${context.operation}${subject} failed: ${failure.message}`, { cause: error });
}
