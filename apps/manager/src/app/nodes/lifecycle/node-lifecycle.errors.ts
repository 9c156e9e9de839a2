import type { NodeStatus } from '@strato/contracts';
import { DomainError } from '../../errors/domain-error';

/** A transition asked of a node that is no longer in the state it was read in (or never may be). */
export class NodeStateConflictError extends DomainError {
  readonly code = 'NODE_STATE_CONFLICT';
  readonly kind = 'conflict';
  constructor(node: string, current: NodeStatus | 'removed', wanted: NodeStatus | 'removed') {
    super(
      current === 'removed'
        ? `node ${node} was removed meanwhile; nothing to do`
        : `node ${node} is ${current}, so it cannot become ${wanted}; \`cloud node ls\` shows its state`,
      { node, current, wanted },
    );
  }
}

/** The owner removed a node while it was launching: the launch was undone, on purpose. */
export class NodeRemovedWhileLaunchingError extends DomainError {
  readonly code = 'NODE_REMOVED_WHILE_LAUNCHING';
  readonly kind = 'conflict';
  constructor(node: string) {
    super(`node ${node} was removed while it was launching; the launch was undone`, { node });
  }
}
