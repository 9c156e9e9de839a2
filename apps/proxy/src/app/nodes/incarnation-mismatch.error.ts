import type { RuntimeNodeState } from '@strato/contracts';

/** A request named another incarnation of the node than the one on this host: it must not touch this one. */
export class IncarnationMismatchError extends Error {
  readonly code = 'INCARNATION_MISMATCH';
  override readonly name = 'IncarnationMismatchError';

  constructor(
    readonly nodeId: string,
    readonly expected: number,
    readonly actual: { incarnation: number | null; state: RuntimeNodeState },
  ) {
    const which = actual.incarnation === null ? 'has no incarnation' : `is incarnation ${actual.incarnation}`;
    super(`node ${nodeId} on this host ${which} (${actual.state}), not ${expected}: left as it is`);
  }
}
