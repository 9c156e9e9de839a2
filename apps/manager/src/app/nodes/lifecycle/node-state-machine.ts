import { Injectable } from '@nestjs/common';
import type { NodeStatus } from '@strato/contracts';
import { type NodeRecord, type NodeUpdate, NodesRepository } from '../../store/nodes.repository';
import { NodeStateConflictError } from './node-lifecycle.errors';
import { canMove, DELETABLE } from './node-transitions';

/**
 * Every status change of a node goes through here: the transition must be legal, and it is a
 * compare-and-set on the status and incarnation the caller read, so a stale caller changes nothing.
 */
@Injectable()
export class NodeStateMachine {
  constructor(private readonly nodes: NodesRepository) {}

  /** Moves node (as the caller read it) to `to`; NodeStateConflictError if illegal or it changed meanwhile. */
  move(node: NodeRecord, to: NodeStatus, change: Omit<NodeUpdate, 'status'> = {}): NodeRecord {
    if (node.status !== to && !canMove(node.status, to)) {
      throw new NodeStateConflictError(node.name, node.status, to);
    }
    const moved = this.nodes.transition(
      node.name,
      { status: node.status, incarnation: node.incarnation },
      { ...change, status: to },
    );
    if (!moved) throw this.conflict(node.name, to);
    return moved;
  }

  /** A new incarnation in STARTING (a first launch from NEW, or a relaunch). */
  beginLaunch(node: NodeRecord): NodeRecord {
    if (!canMove(node.status, 'STARTING'))
      throw new NodeStateConflictError(node.name, node.status, 'STARTING');
    const started = this.nodes.beginLaunch(node.name, node);
    if (!started) throw this.conflict(node.name, 'STARTING');
    return started;
  }

  /** Deletes the record, only from a status that no longer serves and only if nothing changed meanwhile. */
  delete(node: NodeRecord): void {
    const current = this.nodes.find(node.name);
    if (!current) return;
    if (!DELETABLE.has(current.status) || current.incarnation !== node.incarnation) {
      throw new NodeStateConflictError(node.name, current.status, 'removed');
    }
    this.nodes.deleteIf(node.name, node.incarnation);
  }

  private conflict(name: string, wanted: NodeStatus): NodeStateConflictError {
    return new NodeStateConflictError(name, this.nodes.find(name)?.status ?? 'removed', wanted);
  }
}
