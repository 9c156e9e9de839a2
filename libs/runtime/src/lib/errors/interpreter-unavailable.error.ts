/** A script job names an interpreter its node does not have (the Docker node image has only node). */
export class InterpreterUnavailableError extends Error {
  readonly code = 'INTERPRETER_UNAVAILABLE';
  override readonly name = 'InterpreterUnavailableError';

  constructor(
    readonly interpreter: string,
    readonly nodeId: string,
    readonly looked: readonly string[],
  ) {
    super(
      `node ${nodeId} has no ${interpreter} interpreter (looked for ${looked.join(', ') || 'nothing'}); ` +
        'use a workload or a node script',
    );
  }
}
