import {
  DEFAULT_HEALTH_CHECK,
  healthCheckArguments,
  type HealthCheckOptions,
} from '../runtime/haproxy-runtime-api';
import { JOB_KIND_HEADER, JOB_SCALE_HEADER, queueFullBody } from '@strato/contracts';
import { backendName, type HaproxyPodConfig, type HaproxyServerConfig } from './haproxy-config-model';
import { jsonResponse, renderNoServerError, RETRY_LATER } from './json-responses';

/** Hash-based algorithms need a consistent hash, or `add server` answers "Backend must use a dynamic load balancing". */
const HASHED = new Set(['source', 'uri']);

export function renderBackend(
  pod: HaproxyPodConfig,
  check: HealthCheckOptions = DEFAULT_HEALTH_CHECK,
): string[] {
  const lines = [`backend ${backendName(pod.name)}`, `  balance ${pod.algorithm}`];
  if (HASHED.has(pod.algorithm)) lines.push('  hash-type consistent');
  lines.push(`  ${renderNoServerError(pod.name)}`);
  if (pod.queuePerNode) {
    // avg_queue: queued requests per usable server, so the bound grows with the pod.
    const full = jsonResponse('http-request return', 503, queueFullBody(pod.name), RETRY_LATER);
    lines.push(`  ${full} if { avg_queue ge ${pod.queuePerNode} }`);
  }
  if (pod.job) {
    // The pod's job, never the end user's: set-header replaces whatever the client sent.
    lines.push(
      `  http-request set-header ${JOB_KIND_HEADER} ${pod.job.kind}`,
      `  http-request set-header ${JOB_SCALE_HEADER} ${pod.job.scale}`,
    );
  }
  for (const server of pod.servers) lines.push(`  ${renderServer(server, check)}`);
  return lines;
}

export function renderServer(server: HaproxyServerConfig, check: HealthCheckOptions): string {
  const address = server.host.includes(':')
    ? `[${server.host}]:${server.port}`
    : `${server.host}:${server.port}`;
  const disabled = server.state === 'maint' ? ' disabled' : '';
  const maxconn = server.maxConnections ? ` maxconn ${server.maxConnections}` : '';
  return `server ${server.name} ${address} weight ${server.weight}${maxconn} ${healthCheckArguments(check)}${disabled}`;
}
