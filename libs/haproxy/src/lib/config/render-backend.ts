import {
  DEFAULT_HEALTH_CHECK,
  healthCheckArguments,
  type HealthCheckOptions,
} from '../runtime/haproxy-runtime-api';
import { backendName, type HaproxyPodConfig, type HaproxyServerConfig } from './haproxy-config-model';
import { renderNoServerError } from './json-responses';

/** Hash-based algorithms need a consistent hash, or `add server` answers "Backend must use a dynamic load balancing". */
const HASHED = new Set(['source', 'uri']);

export function renderBackend(
  pod: HaproxyPodConfig,
  check: HealthCheckOptions = DEFAULT_HEALTH_CHECK,
): string[] {
  const lines = [`backend ${backendName(pod.name)}`, `  balance ${pod.algorithm}`];
  if (HASHED.has(pod.algorithm)) lines.push('  hash-type consistent');
  lines.push(`  ${renderNoServerError(pod.name)}`);
  for (const server of pod.servers) lines.push(`  ${renderServer(server, check)}`);
  return lines;
}

export function renderServer(server: HaproxyServerConfig, check: HealthCheckOptions): string {
  const address = server.host.includes(':')
    ? `[${server.host}]:${server.port}`
    : `${server.host}:${server.port}`;
  const disabled = server.state === 'maint' ? ' disabled' : '';
  return `server ${server.name} ${address} weight ${server.weight} ${healthCheckArguments(check)}${disabled}`;
}
