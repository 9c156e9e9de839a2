import { type Agent, unwrap } from '@strato/api-client';
import type { Command } from 'commander';
import { AGENT_COLUMNS } from '../columns';
import type { ContextFactory } from '../context';
import { render } from '../output';

type AccessAction = 'credential' | 'revoke' | 'readmit';

const ACCESS_COMMANDS: {
  name: string;
  action: AccessAction;
  description: string;
  done: (a: Agent) => string;
}[] = [
  {
    name: 'rotate',
    action: 'credential',
    description:
      "give an agent a new credential; the old one keeps working for the manager's grace (STRATO_AGENT_CREDENTIAL_GRACE_MS), so no call fails",
    done: (a) => `agent ${a.id} has a new credential (the previous one works for the grace period)`,
  },
  {
    name: 'revoke',
    action: 'revoke',
    description:
      'lock one agent out: its credential stops working and it cannot join again; its nodes count as on an unreachable host',
    done: (a) =>
      `agent ${a.id} revoked: its nodes leave the load balancer (with elasticity on, they are replaced elsewhere); \`cloud agent readmit ${a.id}\` undoes it`,
  },
  {
    name: 'readmit',
    action: 'readmit',
    description: 'let a revoked agent join again (it does so with the join token within seconds)',
    done: (a) => `agent ${a.id} readmitted: it joins again with the join token`,
  },
];

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
  for (const { name, action, description, done } of ACCESS_COMMANDS) {
    agent
      .command(name)
      .description(description)
      .argument('<agent>', 'agent id, as `cloud agent ls` shows it')
      .action(async (id: string, _options, command: Command) => {
        const { client, output, json } = context(command);
        const changed = await unwrap(
          client.POST(`/api/v1/agents/{id}/${action}`, { params: { path: { id } } }),
        );
        output.out(json ? JSON.stringify(changed, null, 2) : done(changed));
      });
  }
}
