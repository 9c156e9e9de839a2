import { type LoadBalancerStatus, type StratoClient, unwrap } from '@strato/api-client';
import { Argument, type Command, InvalidArgumentError, Option } from 'commander';
import type { ContextFactory } from '../context';
import { type Column, render } from '../output';

export const BALANCE_ALGORITHMS = ['roundrobin', 'leastconn', 'first', 'random', 'source', 'uri'] as const;

type ServerRow = LoadBalancerStatus['pods'][number]['servers'][number] & { pod: string; algorithm: string };

const COLUMNS: Column<ServerRow>[] = [
  { header: 'POD', value: (s) => s.pod },
  { header: 'ALGO', value: (s) => s.algorithm },
  { header: 'NODE', value: (s) => s.node },
  { header: 'ADDRESS', value: (s) => `${s.host}:${s.port}` },
  { header: 'HEALTH', value: (s) => s.health },
  { header: 'WEIGHT', value: (s) => s.weight },
  { header: 'REQ/S', value: (s) => s.requestRate.toFixed(1) },
  { header: 'SESSIONS', value: (s) => `${s.currentSessions}/${s.maxConnections || '-'}` },
  { header: 'DOWNS', value: (s) => s.downTransitions },
  { header: 'RESP MS', value: (s) => s.responseTimeMs.toFixed(1) },
  { header: 'TOTAL', value: (s) => s.totalRequests },
  { header: '5XX', value: (s) => s.http5xx },
];

type PodRow = LoadBalancerStatus['pods'][number];

const latencyOf = ({ latency }: PodRow): string =>
  latency
    ? `p50 ${latency.p50Ms} / p90 ${latency.p90Ms} / p99 ${latency.p99Ms} ms (${latency.samples} requests timed in ${latency.windowMs / 1000} s)`
    : 'no request in the last 10 s';

export function lbTable(status: LoadBalancerStatus): string {
  const head = `${status.kind} load balancer at ${status.url}`;
  const pods = status.pods
    .map(
      (p) =>
        `  ${p.pod}${p.paused ? ' (paused)' : ''}: ${p.algorithm}, ${p.requestRate.toFixed(1)} req/s, ${p.queue} queued, ${latencyOf(p)}`,
    )
    .join('\n');
  const rows = status.pods.flatMap((p) =>
    p.servers.map((s) => ({ ...s, pod: p.pod, algorithm: p.algorithm })),
  );
  return `${head}\n${pods}\n${render(rows, COLUMNS, false)}`;
}

const readStatus = (client: StratoClient) => unwrap(client.GET('/api/v1/lb'));

export function registerLbCommands(program: Command, context: ContextFactory): void {
  const lb = program.command('lb').description('the load balancer: status, algorithms, weights');
  lb.command('status')
    .description('per pod: algorithm, servers with health and weight, req/s, latency')
    .action(async (_o, command: Command) => {
      const { client, output, json } = context(command);
      const status = await readStatus(client);
      output.out(json ? JSON.stringify(status, null, 2) : lbTable(status));
    });

  lb.command('algorithm')
    .description("change a pod's balance algorithm")
    .argument('<pod>')
    .addArgument(new Argument('<algorithm>').choices(BALANCE_ALGORITHMS))
    .action(async (pod: string, algorithm: 'roundrobin', _o, command: Command) => {
      const { client, output, json } = context(command);
      const result = await unwrap(
        client.PUT('/api/v1/pods/{pod}/algorithm', { params: { path: { pod } }, body: { algorithm } }),
      );
      output.out(
        json ? JSON.stringify(result, null, 2) : `pod ${result.name} now balances with ${result.algorithm}`,
      );
    });

  lb.command('weight')
    .description("set a node's weight (0..256; 0 sends it no new request)")
    .argument('<node>')
    .argument('<weight>', 'weight', (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n)) throw new InvalidArgumentError('must be a whole number from 0 to 256');
      return n;
    })
    .action(async (node: string, weight: number, _o, command: Command) => {
      const { client, output, json } = context(command);
      const result = await unwrap(
        client.PUT('/api/v1/nodes/{name}/weight', { params: { path: { name: node } }, body: { weight } }),
      );
      output.out(json ? JSON.stringify(result, null, 2) : `node ${result.name} has weight ${result.weight}`);
    });

  lb.command('watch')
    .description('the load balancer status, read again every second until Ctrl-C')
    .addOption(new Option('--interval <ms>', 'refresh period').default(1000).argParser(Number))
    .addOption(new Option('--count <n>', 'stop after n refreshes').argParser(Number))
    .action(async (o: { interval: number; count?: number }, command: Command) => {
      const { client, output } = context(command);
      for (let i = 0; o.count === undefined || i < o.count; i++) {
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, o.interval));
        const status = await readStatus(client);
        output.out(
          `${output.terminal ? '\x1b[2J\x1b[H' : ''}${new Date().toISOString()}  ${lbTable(status)}`,
        );
      }
    });
}
