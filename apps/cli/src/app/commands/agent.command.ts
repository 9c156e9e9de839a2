import { unwrap } from '@strato/api-client';
import type { Command } from 'commander';
import { AGENT_COLUMNS } from '../columns';
import type { ContextFactory } from '../context';
import { render } from '../output';

export function registerAgentCommands(program: Command, context: ContextFactory): void {
  const agent = program.command('agent').description('the proxy agents: one per host, where nodes run');
  agent
    .command('ls')
    .description('list the agents: reachable or not, node address, what their nodes reserve of them, labels')
    .action(async (_options, command: Command) => {
      const { client, output, json } = context(command);
      const agents = await unwrap(client.GET('/api/v1/agents'));
      if (!json && agents.length === 0) return output.out('no agent registered: start one (npm start does)');
      output.out(render(agents, AGENT_COLUMNS, json));
    });
}
