import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { JOB_KINDS, type JobKind, type JobResult } from '@strato/contracts';
import { runWorkload, WORKLOADS } from './workloads';

export interface JobServerIdentity {
  node: string;
  pod: string;
}

const MAX_SCALE = 10;

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** `?scale=` shrinks or grows the work (0 < scale <= 10): tests use small heavy jobs. */
function parseScale(raw: string | null): number | string {
  if (raw === null) return 1;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale <= 0 || scale > MAX_SCALE) {
    return `scale must be a number in (0, ${MAX_SCALE}], got ${JSON.stringify(raw)}`;
  }
  return scale;
}

function isJobKind(path: string): path is JobKind {
  return (JOB_KINDS as readonly string[]).includes(path);
}

/**
 * Which job a path asks for. The load balancer forwards `/<pod>` and `/<pod>/<job>` unchanged: a node
 * answers its own pod's path with the pod's job (light/medium/heavy, or light for a registered pod) and
 * `/<pod>/<job>` with that job; a bare `/<job>` (a request straight to the node) names the job.
 */
export function jobForPath(path: string, pod: string): string {
  const [first = '', second] = path.split('/');
  if (first !== pod) return path;
  return second ?? (isJobKind(pod) ? pod : 'light');
}

export function createJobServer(identity: JobServerIdentity): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://node');
    const path = url.pathname.replace(/^\/+|\/+$/g, '');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, { error: 'Method Not Allowed', message: 'jobs are requested with GET' });
    }
    if (path === 'health') {
      return send(res, 200, { status: 'ok', ...identity });
    }
    const job = jobForPath(path, identity.pod);
    if (!isJobKind(job)) {
      return send(res, 404, {
        error: 'Not Found',
        message: `unknown job "${job}"; try ${JOB_KINDS.join(', ')}`,
      });
    }
    const scale = parseScale(url.searchParams.get('scale'));
    if (typeof scale === 'string') return send(res, 400, { error: 'Bad Request', message: scale });

    const started = process.hrtime.bigint();
    const cpuBefore = process.cpuUsage();
    const result = runWorkload(WORKLOADS[job], scale);
    const cpu = process.cpuUsage(cpuBefore);
    const body: JobResult = {
      job,
      ...identity,
      elapsedMs: Number(process.hrtime.bigint() - started) / 1e6,
      cpuMs: (cpu.user + cpu.system) / 1000,
      result,
    };
    return send(res, 200, body);
  });
}
