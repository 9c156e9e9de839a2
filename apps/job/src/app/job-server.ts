import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  JOB_KIND_HEADER,
  JOB_KINDS,
  JOB_SCALE_HEADER,
  MAX_JOB_SCALE,
  RETRY_AFTER_SECONDS,
  type JobKind,
  type JobResult,
  type PodJob,
} from '@strato/contracts';
import { JobQueueFullError } from './job-pool';
import type { JobRunner } from './job-runner';

export interface JobServerIdentity {
  node: string;
  pod: string;
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

/** `scale` shrinks or grows the work (0 < scale <= 10). */
export function parseScale(raw: string | null | undefined): number | string {
  if (raw === null || raw === undefined) return 1;
  const scale = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(scale) || scale <= 0 || scale > MAX_JOB_SCALE) {
    return `scale must be a number in (0, ${MAX_JOB_SCALE}], got ${JSON.stringify(raw)}`;
  }
  return scale;
}

function isJobKind(name: string): name is JobKind {
  return (JOB_KINDS as readonly string[]).includes(name);
}

/**
 * Which job a path names, for a request straight to the node (no job header): `/<job>`, or the pod's
 * path `/<pod>` (the pod's default job) and `/<pod>/<job>`.
 */
export function jobForPath(path: string, pod: string): string {
  const [first = '', second] = path.split('/');
  if (first !== pod) return path;
  return second ?? (isJobKind(pod) ? pod : 'light');
}

/**
 * The job a request asks for. Through the load balancer it is the pod's setting, in the job headers
 * (the balancer replaces any the client sent); straight to the node, the path and `?scale=`.
 */
export function requestedJob(
  req: IncomingMessage,
  url: URL,
  pod: string,
): PodJob | { status: number; message: string } {
  const fromBalancer = req.headers[JOB_KIND_HEADER];
  const kind = typeof fromBalancer === 'string' ? fromBalancer : jobForPath(trimSlashes(url.pathname), pod);
  if (!isJobKind(kind)) {
    return { status: 404, message: `unknown job "${kind}"; try ${JOB_KINDS.join(', ')}` };
  }
  const rawScale =
    typeof fromBalancer === 'string' ? headerValue(req, JOB_SCALE_HEADER) : url.searchParams.get('scale');
  const scale = parseScale(rawScale);
  if (typeof scale === 'string') return { status: 400, message: scale };
  return { kind, scale };
}

/**
 * The node's HTTP face. `/health` is liveness (the process answers: the event loop never runs a job of
 * any size), `/ready` is readiness (job threads started and the queue not full); the balancer's checks
 * use liveness, because a busy node is not a dead one, and the balancer itself limits what a node gets.
 */
export function createJobServer(identity: JobServerIdentity, runner: JobRunner): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://node');
    const path = trimSlashes(url.pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, { error: 'Method Not Allowed', message: 'jobs are requested with GET' });
    }
    if (path === 'health') return send(res, 200, { status: 'ok', ...identity });
    if (path === 'ready') {
      const ready = runner.ready;
      return send(res, ready ? 200 : 503, { status: ready ? 'ready' : 'busy', ...identity, ...runner.load });
    }
    const job = requestedJob(req, url, identity.pod);
    if ('status' in job) {
      const error = job.status === 404 ? 'Not Found' : 'Bad Request';
      return send(res, job.status, { error, message: job.message });
    }
    const started = process.hrtime.bigint();
    runner.run(job).then(
      (outcome) => {
        const body: JobResult = {
          job: job.kind,
          ...identity,
          elapsedMs: Number(process.hrtime.bigint() - started) / 1e6,
          cpuMs: outcome.cpuMs,
          result: outcome.result,
        };
        send(res, 200, body);
      },
      (error: Error) => {
        const full = error instanceof JobQueueFullError;
        send(
          res,
          full ? 503 : 500,
          { error: full ? 'Service Unavailable' : 'Internal Server Error', message: error.message },
          full ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {},
        );
      },
    );
  });
}

const trimSlashes = (path: string): string => path.replace(/^\/+|\/+$/g, '');

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
