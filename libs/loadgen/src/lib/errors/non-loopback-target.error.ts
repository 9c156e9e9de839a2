/** Load is only ever aimed at this machine unless the caller opts in with `allowNonLoopback`. */
export class NonLoopbackTargetError extends Error {
  readonly code = 'LOADGEN_NON_LOOPBACK_TARGET';

  constructor(readonly url: string) {
    super(`refusing to send load to non-loopback target ${url} (set allowNonLoopback to override)`);
    this.name = 'NonLoopbackTargetError';
  }
}
