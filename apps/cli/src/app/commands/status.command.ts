import { unwrap } from '@strato/api-client';
import type { Command } from 'commander';
import { EVENT_COLUMNS, POD_COLUMNS } from '../columns';
import type { ContextFactory } from '../context';
import { render } from '../output';
import { stopSignal } from '../stop-signal';
import { eventLine, followEvents } from './follow-events';

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
          `agent ${agent.id}: ${agent.status} at ${agent.url} (${agent.runtime}, ${agent.nodes ?? '?'} nodes, ${agent.reserved.cpus}/${agent.cores} CPU reserved)`,
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
    .description('the event log, newest first: every lifecycle change with its reason; -f follows it live')
    .option('--pod <pod>', 'only this pod')
    .option('--node <node>', 'only this node')
    .option('--limit <n>', 'how many', '20')
    .option(
      '-f, --follow',
      'then print each new event as it happens (oldest first, like tail -f), until Ctrl-C',
    )
    .action(
      async (options: { pod?: string; node?: string; limit: string; follow?: boolean }, command: Command) => {
        const ctx = context(command);
        const query = { pod: options.pod, node: options.node, limit: Number(options.limit) };
        // Read before the page: a newer event than both is one to follow, not one already printed.
        const newest = options.follow
          ? await unwrap(ctx.client.GET('/api/v1/events', { params: { query: { limit: 1 } } }))
          : [];
        const events = await unwrap(ctx.client.GET('/api/v1/events', { params: { query } }));
        if (!options.follow) return ctx.output.out(render(events, EVENT_COLUMNS, ctx.json));
        const oldestFirst = [...events].reverse();
        for (const event of oldestFirst) ctx.output.out(ctx.json ? JSON.stringify(event) : eventLine(event));
        ctx.output.err('following the event log (Ctrl-C to stop)…');
        const stop = stopSignal();
        try {
          await followEvents(ctx, options, Math.max(newest[0]?.id ?? 0, events[0]?.id ?? 0), stop.signal);
        } finally {
          stop.dispose();
        }
      },
    );
}
