import type { RuntimeNodeState } from '@strato/contracts';

/** What is already there under the id, when the caller knows it. */
export interface ExistingNode {
  incarnation: number | null;
  state: RuntimeNodeState;
}

export interface NodeAlreadyExistsOptions extends ErrorOptions {
  existing?: ExistingNode;
}

export class NodeAlreadyExistsError extends Error {
  readonly code = 'NODE_EXISTS';
  override readonly name = 'NodeAlreadyExistsError';
  readonly existing: ExistingNode | undefined;

  constructor(
    readonly nodeId: string,
    options?: NodeAlreadyExistsOptions,
  ) {
    super(messageFor(nodeId, options?.existing), options);
    this.existing = options?.existing;
  }
}

function messageFor(nodeId: string, existing: ExistingNode | undefined): string {
  if (existing === undefined) return `node ${nodeId} already exists`;
  const which =
    existing.incarnation === null ? 'without an incarnation' : `as incarnation ${existing.incarnation}`;
  return `node ${nodeId} already exists on this host ${which} (${existing.state}); remove it first`;
}
