import { unwrap } from '@strato/api-client';
import type { Command } from 'commander';
import { EVENT_COLUMNS, POD_COLUMNS } from '../columns';
import type { ContextFactory } from '../context';
import { render } from '../output';

export function registerStatusCommands(program: Command, context: ContextFactory): void {
  program
    .command('status')
    .description('the cloud at a glance: load balancer, agents, pods')
    .action(async (_options, command: Command) => {
      const { client, output, json } = context(command);
      const status = await unwrap(client.GET('/api/v1/cloud/status'));
      if (json) return output.out(JSON.stringify(status, null, 2));
      output.out(`load balancer: ${status.loadBalancer.kind} at ${status.loadBalancer.url}`);
      for (const agent of status.agents) {
        output.out(
          `agent ${agent.id}: ${agent.status} at ${agent.url} (${agent.runtime}, ${agent.nodes ?? '?'} nodes)`,
        );
      }
      if (status.agents.length === 0) output.out('no agent registered: start one (npm start does)');
      const { intervalMs, lastPassMs } = status.reconciler;
      output.out(
        `reconciler: every ${intervalMs / 1000} s, ${lastPassMs === null ? 'no pass yet' : `last pass took ${lastPassMs} ms`}`,
      );
      output.out(render(status.pods, POD_COLUMNS, false));
    });

  program
    .command('events')
    .description('the event log, newest first: every lifecycle change with its reason')
    .option('--pod <pod>', 'only this pod')
    .option('--node <node>', 'only this node')
    .option('--limit <n>', 'how many', '20')
    .action(async (options: { pod?: string; node?: string; limit: string }, command: Command) => {
      const { client, output, json } = context(command);
      const query = { pod: options.pod, node: options.node, limit: Number(options.limit) };
      const events = await unwrap(client.GET('/api/v1/events', { params: { query } }));
      output.out(render(events, EVENT_COLUMNS, json));
    });
}
