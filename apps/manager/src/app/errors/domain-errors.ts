import { DomainError } from './domain-error';

export class PodNotFoundError extends DomainError {
  readonly code = 'POD_NOT_FOUND';
  readonly kind = 'not-found';
  constructor(pod: string, knownPods: string[]) {
    super(
      knownPods.length > 0
        ? `unknown pod "${pod}"; known pods: ${knownPods.join(', ')}`
        : `unknown pod "${pod}"; there are no pods yet: run \`cloud init\``,
      { pod, knownPods },
    );
  }
}

export class NodeNotFoundError extends DomainError {
  readonly code = 'NODE_NOT_FOUND';
  readonly kind = 'not-found';
  constructor(node: string) {
    super(`unknown node "${node}"; \`cloud node ls\` lists the nodes`, { node });
  }
}

export class NodeNameTakenError extends DomainError {
  readonly code = 'NODE_NAME_TAKEN';
  readonly kind = 'conflict';
  constructor(node: string, pod: string) {
    super(`a node named "${node}" already exists (in pod ${pod}); choose another name`, { node, pod });
  }
}

export class PodFullError extends DomainError {
  readonly code = 'POD_FULL';
  readonly kind = 'conflict';
  constructor(pod: string, maxNodes: number) {
    super(`pod ${pod} already has its maximum of ${maxNodes} nodes; remove one first`, { pod, maxNodes });
  }
}

export class NoNewNodeError extends DomainError {
  readonly code = 'NO_NEW_NODE';
  readonly kind = 'conflict';
  constructor(pod: string) {
    super(`pod ${pod} has no NEW node to launch; register one first: cloud register NODE ${pod}`, { pod });
  }
}

export class NodeStartFailedError extends DomainError {
  readonly code = 'NODE_START_FAILED';
  readonly kind = 'unavailable';
  constructor(node: string, reason: string) {
    super(`node ${node} failed to start: ${reason}`, { node, reason });
  }
}

export class AgentUnavailableError extends DomainError {
  readonly code = 'AGENT_UNAVAILABLE';
  readonly kind = 'unavailable';
  constructor(url: string, reason: string) {
    super(`the proxy agent at ${url} did not answer (${reason}); is it running?`, { url });
  }
}

export class AgentNotFoundError extends DomainError {
  readonly code = 'AGENT_NOT_FOUND';
  readonly kind = 'not-found';
  constructor(agent: string) {
    super(`unknown agent "${agent}"; register it first (POST /api/v1/agents)`, { agent });
  }
}

export class AgentRevokedError extends DomainError {
  readonly code = 'AGENT_REVOKED';
  readonly kind = 'conflict';
  constructor(agent: string) {
    super(`agent ${agent} is revoked; readmit it first (cloud agent readmit ${agent})`, { agent });
  }
}

export class NoAgentError extends DomainError {
  readonly code = 'NO_AGENT';
  readonly kind = 'unavailable';
  constructor() {
    super('no proxy agent has registered with the manager yet; start one (npm start does) and try again');
  }
}

export class NoReachableAgentError extends DomainError {
  readonly code = 'NO_REACHABLE_AGENT';
  readonly kind = 'unavailable';
  constructor(agents: string[], timeoutMs: number) {
    super(
      `no proxy agent was heard from in the last ${Math.round(timeoutMs / 1000)} s (known: ${agents.join(', ')}); check that they run and reach the manager`,
      { agents, timeoutMs },
    );
  }
}

export class NoRoomForNodeError extends DomainError {
  readonly code = 'NO_ROOM_FOR_NODE';
  readonly kind = 'conflict';
  constructor(pod: string, reason: string) {
    super(
      `no room for another node of pod ${pod}: ${reason}; start an agent on another host, remove nodes, or change the pod's placement`,
      { pod, reason },
    );
  }
}

export class NodeNotInPodError extends DomainError {
  readonly code = 'NODE_NOT_IN_POD';
  readonly kind = 'not-found';
  constructor(node: string, pod: string, actualPod: string) {
    super(`node ${node} is in pod ${actualPod}, not in pod ${pod}`, { node, pod, actualPod });
  }
}

export class NodeNotLaunchedError extends DomainError {
  readonly code = 'NODE_NOT_LAUNCHED';
  readonly kind = 'conflict';
  constructor(node: string) {
    super(`node ${node} has not been launched yet, so it has no logs; launch its pod first`, { node });
  }
}

export class PodExistsError extends DomainError {
  readonly code = 'POD_EXISTS';
  readonly kind = 'conflict';
  constructor(pod: string) {
    super(`a pod named "${pod}" already exists; choose another name`, { pod });
  }
}

export class PodNotEmptyError extends DomainError {
  readonly code = 'POD_NOT_EMPTY';
  readonly kind = 'conflict';
  constructor(pod: string, nodes: string[]) {
    super(
      `pod ${pod} still has ${nodes.length} node(s) (${nodes.join(', ')}); remove them first or use --force to drain and remove them`,
      { pod, nodes },
    );
  }
}

export class PodHasJobsError extends DomainError {
  readonly code = 'POD_HAS_JOBS';
  readonly kind = 'conflict';
  constructor(pod: string, queued: number, running: number) {
    super(
      `pod ${pod} still has ${queued} queued and ${running} running batch job(s), which would wait for it forever; let them end, abort them (cloud job abort ID), or use --force to abort them with the pod`,
      { pod, queued, running },
    );
  }
}

export class ElasticityOnError extends DomainError {
  readonly code = 'ELASTICITY_ON';
  readonly kind = 'conflict';
  constructor(pod: string, operation: string) {
    super(
      `elasticity is on for pod ${pod}: it manages the pod's nodes, so manual ${operation} is refused; turn it off first with: cloud elasticity disable ${pod}`,
      { pod, operation },
    );
  }
}

export class InvalidSettingError extends DomainError {
  readonly code = 'INVALID_SETTING';
  readonly kind = 'unprocessable';
  constructor(message: string) {
    super(message);
  }
}

export class PodOverLimitError extends DomainError {
  readonly code = 'POD_OVER_LIMIT';
  readonly kind = 'conflict';
  constructor(pod: string, maxNodes: number, nodes: number) {
    super(`pod ${pod} has ${nodes} nodes, more than the new maximum of ${maxNodes}; remove nodes first`, {
      pod,
      maxNodes,
      nodes,
    });
  }
}
