import {
  type AgentRegistration,
  type BatchJobSpec,
  type RuntimeKind,
  SCRIPT_INTERPRETERS,
  type ScriptInterpreter,
} from '@strato/contracts';
import { InvalidJobError } from './job-errors';

type Reporting = AgentRegistration & { interpreters: ScriptInterpreter[] };

/**
 * Refuses a script whose interpreter no agent that says what its nodes have offers, when any says so. An
 * agent that does not say (an older one) is not counted; with none saying, every script is taken.
 */
export function assertInterpreterOffered(spec: BatchJobSpec, agents: readonly AgentRegistration[]): void {
  if (spec.kind !== 'script') return;
  const reporting = agents.filter((agent): agent is Reporting => agent.interpreters !== undefined);
  if (reporting.length === 0) return;
  if (reporting.some((agent) => agent.interpreters.includes(spec.interpreter))) return;
  const offered = SCRIPT_INTERPRETERS.filter((one) =>
    reporting.some((agent) => agent.interpreters.includes(one)),
  );
  const runtimes = new Set(reporting.map((agent) => agent.runtime));
  throw new InvalidJobError('script.interpreter', refusal(spec.interpreter, offered, runtimes));
}

/** Whether the agent's nodes can run the job as far as it said: any workload; anything, if it did not say. */
export function agentMayRun(agent: AgentRegistration, spec: BatchJobSpec): boolean {
  return spec.kind !== 'script' || agent.interpreters?.includes(spec.interpreter) !== false;
}

function refusal(
  wanted: ScriptInterpreter,
  offered: ScriptInterpreter[],
  runtimes: Set<RuntimeKind>,
): string {
  const ways: string[] = [];
  if (offered.length > 0) ways.push(`use ${offered.length === 1 ? 'it' : 'one of them'} or a workload`);
  else ways.push('use a workload');
  // STRATO_NODE_IMAGE is the agent's setting (apps/proxy agent-config); a process node runs the host's own.
  if (runtimes.has('docker') || runtimes.has('swarm'))
    ways.push(`run nodes from an image with ${wanted} (STRATO_NODE_IMAGE)`);
  if (runtimes.has('process')) ways.push(`install ${wanted} on the hosts of the process-runtime agents`);
  const have =
    offered.length === 0
      ? 'no script interpreter'
      : `${offered.join(' and ')}${offered.length === 1 ? ' only' : ''}`;
  return `the nodes here have ${have}, not ${wanted}; ${ways.join(', or ')}`;
}
