import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CloudOptions, RunningCloud } from './cloud-harness';
import { dockerApi, engineSocket } from './infrastructure';

/** kill -9 of one node: its container (docker, swarm) or its job-server process (found by its --strato-node marker). */
export async function killNode(
  cloud: RunningCloud,
  runtime: CloudOptions['runtime'],
  nodeId: string,
): Promise<boolean> {
  if (runtime !== 'process') {
    const filters = encodeURIComponent(
      JSON.stringify({ label: [`strato.cloud=${cloud.name}`, `strato.node=${nodeId}`] }),
    );
    const { body } = await dockerApi<{ Id: string }[]>(
      `/containers/json?filters=${filters}`,
      'GET',
      engineSocket(runtime),
    );
    if (!body[0]) return false;
    return (await dockerApi(`/containers/${body[0].Id}/kill`, 'POST', engineSocket(runtime))).status === 204;
  }
  const marker = `--strato-node=${cloud.name}/${nodeId}`;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(marker)) continue;
      process.kill(Number(entry), 'SIGKILL');
      return true;
    } catch {
      // gone while we looked
    }
  }
  return false;
}

/** kill -9 of HAProxy's master process (the manager's watchdog is expected to bring it back). */
export function killHaproxy(cloud: RunningCloud): boolean {
  try {
    const pid = Number(readFileSync(join(cloud.dataDir, 'haproxy', 'haproxy.pid'), 'utf8').trim());
    process.kill(pid, 'SIGKILL');
    return true;
  } catch {
    return false;
  }
}
